//! [`BodyError`]: what went wrong while reading a response body, where, and in
//! which member. One type for both codecs, so a
//! [`ResponseError`](crate::error::ResponseError) holds either: the JSON
//! reader names it `BodyError`, the XML reader `XmlError`.

use std::fmt;

use crate::base64::Base64Error;
use crate::datetime::DateTimeError;

/// What went wrong while reading a body.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyErrorKind {
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

impl fmt::Display for BodyErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyErrorKind::UnexpectedEof => f.write_str("unexpected end of input"),
            BodyErrorKind::UnexpectedChar(c) => write!(f, "unexpected character {c:?}"),
            BodyErrorKind::TrailingComma => f.write_str("trailing comma"),
            BodyErrorKind::TrailingCharacters => f.write_str("trailing characters after the value"),
            BodyErrorKind::InvalidNumber => f.write_str("invalid number"),
            BodyErrorKind::InvalidEscape => f.write_str("invalid escape sequence"),
            BodyErrorKind::ControlCharacter => f.write_str("unescaped control character in string"),
            BodyErrorKind::InvalidUtf8 => f.write_str("invalid UTF-8"),
            BodyErrorKind::DepthLimit => f.write_str("nesting exceeds the depth limit"),
            BodyErrorKind::TypeMismatch { expected, found } => write!(f, "expected {expected}, found {found}"),
            BodyErrorKind::OutOfRange(ty) => write!(f, "number out of range for {ty}"),
            BodyErrorKind::Base64(e) => e.fmt(f),
            BodyErrorKind::Timestamp(e) => e.fmt(f),
            BodyErrorKind::MissingMember(name) => write!(f, "missing required member {name:?}"),
            BodyErrorKind::Custom(msg) => f.write_str(msg),
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

/// A body reading error: its kind, byte offset and the path to the offending value.
///
/// Boxed so that `Result`s on the happy path stay small.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyError(Box<ErrorInner>);

#[derive(Clone, Debug, PartialEq)]
struct ErrorInner {
    kind: BodyErrorKind,
    offset: Option<usize>,
    /// Innermost segment first: segments are appended as the error propagates outwards.
    path: Vec<Segment>,
}

impl BodyError {
    /// Creates an error with an optional byte offset.
    #[cold]
    pub fn new(kind: BodyErrorKind, offset: Option<usize>) -> Self {
        BodyError(Box::new(ErrorInner { kind, offset, path: Vec::new() }))
    }

    #[cold]
    pub(crate) fn at(kind: BodyErrorKind, offset: usize) -> Self {
        Self::new(kind, Some(offset))
    }

    /// An error for a required member that was absent.
    #[cold]
    pub fn missing_member(name: &'static str) -> Self {
        Self::new(BodyErrorKind::MissingMember(name), None)
    }

    /// A [`BodyErrorKind::Custom`] error.
    #[cold]
    pub fn custom(message: impl Into<String>) -> Self {
        Self::new(BodyErrorKind::Custom(message.into()), None)
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
    pub fn kind(&self) -> &BodyErrorKind {
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

impl fmt::Display for BodyError {
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

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            BodyErrorKind::Base64(e) => Some(e),
            BodyErrorKind::Timestamp(e) => Some(e),
            _ => None,
        }
    }
}
