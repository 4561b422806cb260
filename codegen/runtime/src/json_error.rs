//! [`JsonError`]: what went wrong while reading JSON, where, and in which member.
//! A submodule of `json` (re-exported there), kept in its own file for length.

use std::fmt;

use super::super::base64::Base64Error;
use super::super::datetime::DateTimeError;

/// What went wrong while reading JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonErrorKind {
    /// The input ended inside a value.
    UnexpectedEof,
    /// A character that cannot appear here.
    UnexpectedChar(char),
    /// A comma directly before `}` or `]`.
    TrailingComma,
    /// Something other than whitespace after the top-level value.
    TrailingCharacters,
    /// A number that does not follow the JSON grammar (e.g. `01`, `1.`, `-`).
    InvalidNumber,
    /// An unknown escape, malformed `\u` escape, or unpaired surrogate.
    InvalidEscape,
    /// A raw control character (below U+0020) inside a string.
    ControlCharacter,
    /// A string that is not valid UTF-8.
    InvalidUtf8,
    /// Arrays/objects nested deeper than the reader's maximum depth.
    DepthLimit,
    /// A value of a different type than the shape requires.
    TypeMismatch {
        /// The type the caller asked for.
        expected: &'static str,
        /// The type found in the input.
        found: &'static str,
    },
    /// A number that does not fit the named target type.
    OutOfRange(&'static str),
    /// A blob that is not valid base64.
    Base64(Base64Error),
    /// A timestamp that could not be parsed.
    Timestamp(DateTimeError),
    /// A required member was absent.
    MissingMember(&'static str),
    /// Any other problem, described by generated or hand-written code.
    Custom(String),
}

impl fmt::Display for JsonErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonErrorKind::UnexpectedEof => f.write_str("unexpected end of input"),
            JsonErrorKind::UnexpectedChar(c) => write!(f, "unexpected character {c:?}"),
            JsonErrorKind::TrailingComma => f.write_str("trailing comma"),
            JsonErrorKind::TrailingCharacters => f.write_str("trailing characters after the value"),
            JsonErrorKind::InvalidNumber => f.write_str("invalid number"),
            JsonErrorKind::InvalidEscape => f.write_str("invalid escape sequence"),
            JsonErrorKind::ControlCharacter => f.write_str("unescaped control character in string"),
            JsonErrorKind::InvalidUtf8 => f.write_str("invalid UTF-8"),
            JsonErrorKind::DepthLimit => f.write_str("nesting exceeds the depth limit"),
            JsonErrorKind::TypeMismatch { expected, found } => write!(f, "expected {expected}, found {found}"),
            JsonErrorKind::OutOfRange(ty) => write!(f, "number out of range for {ty}"),
            JsonErrorKind::Base64(e) => e.fmt(f),
            JsonErrorKind::Timestamp(e) => e.fmt(f),
            JsonErrorKind::MissingMember(name) => write!(f, "missing required member {name:?}"),
            JsonErrorKind::Custom(msg) => f.write_str(msg),
        }
    }
}

/// One step of the path to the value an error occurred in.
#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Member(String),
    Index(usize),
    Key(String),
}

/// A JSON reading error: its kind, byte offset and the path to the offending value.
///
/// Boxed so that `Result`s on the happy path stay small.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonError(Box<ErrorInner>);

#[derive(Clone, Debug, PartialEq)]
struct ErrorInner {
    kind: JsonErrorKind,
    offset: Option<usize>,
    /// Innermost segment first: segments are appended as the error propagates outwards.
    path: Vec<Segment>,
}

impl JsonError {
    /// Creates an error with an optional byte offset.
    #[cold]
    pub fn new(kind: JsonErrorKind, offset: Option<usize>) -> Self {
        JsonError(Box::new(ErrorInner { kind, offset, path: Vec::new() }))
    }

    #[cold]
    pub(super) fn at(kind: JsonErrorKind, offset: usize) -> Self {
        Self::new(kind, Some(offset))
    }

    /// An error for a required member that was absent.
    #[cold]
    pub fn missing_member(name: &'static str) -> Self {
        Self::new(JsonErrorKind::MissingMember(name), None)
    }

    /// A [`JsonErrorKind::Custom`] error.
    #[cold]
    pub fn custom(message: impl Into<String>) -> Self {
        Self::new(JsonErrorKind::Custom(message.into()), None)
    }

    /// Sets the byte offset, e.g. for errors created without one.
    pub fn with_offset(mut self, offset: usize) -> Self {
        self.0.offset = Some(offset);
        self
    }

    /// Prepends a structure member to the path.
    #[cold]
    pub fn in_member(mut self, name: &str) -> Self {
        self.0.path.push(Segment::Member(name.to_owned()));
        self
    }

    /// Prepends a list index to the path.
    #[cold]
    pub fn in_index(mut self, index: usize) -> Self {
        self.0.path.push(Segment::Index(index));
        self
    }

    /// Prepends a map key to the path.
    #[cold]
    pub fn in_key(mut self, key: &str) -> Self {
        self.0.path.push(Segment::Key(key.to_owned()));
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &JsonErrorKind {
        &self.0.kind
    }

    /// Byte offset in the input, when known.
    pub fn offset(&self) -> Option<usize> {
        self.0.offset
    }

    /// The path to the offending value, e.g. `PhoneNumbers[3].CreatedTimestamp`
    /// (map keys render as `Tags["env"]`); empty at the top level.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.0.path.iter().rev() {
            match segment {
                Segment::Member(name) if out.is_empty() => out.push_str(name),
                Segment::Member(name) => {
                    out.push('.');
                    out.push_str(name);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
                Segment::Key(k) => out.push_str(&format!("[{k:?}]")),
            }
        }
        out
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.kind.fmt(f)?;
        if let Some(offset) = self.0.offset {
            write!(f, " at byte {offset}")?;
        }
        if !self.0.path.is_empty() {
            write!(f, " (in {})", self.path())?;
        }
        Ok(())
    }
}

impl std::error::Error for JsonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            JsonErrorKind::Base64(e) => Some(e),
            JsonErrorKind::Timestamp(e) => Some(e),
            _ => None,
        }
    }
}
