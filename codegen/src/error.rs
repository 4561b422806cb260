//! The generator's one error type: which file, where in it, and what is wrong.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The input file the problem is in, when there is one.
    pub file: Option<PathBuf>,
    /// Where in the file: `shape \`Foo\` member \`Bar\``, `operation \`Baz\``, ...
    pub context: String,
    pub message: String,
}

impl Error {
    pub fn new(context: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: None, context: context.into(), message: message.into() }
    }

    /// Attaches the file, unless a more precise one is already set.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file.get_or_insert_with(|| file.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        if !self.context.is_empty() {
            write!(f, "{}: ", self.context)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
