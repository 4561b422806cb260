//! Errors found while building a value or a request, before anything is sent.

use std::fmt;

/// A value could not be built: a required field is unset or holds a value
/// that cannot be sent, or a union holds a variant that cannot be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    MissingField { shape: &'static str, field: &'static str },
    InvalidField { shape: &'static str, field: &'static str, problem: String },
    UnknownVariant { shape: &'static str },
    Other(String),
}

impl BuildError {
    /// A required field is unset.
    pub fn missing_field(shape: &'static str, field: &'static str) -> Self {
        BuildError { kind: Kind::MissingField { shape, field } }
    }

    /// A field holds a value that cannot be sent; `problem` completes
    /// "field `name` ...".
    pub fn invalid_field(shape: &'static str, field: &'static str, problem: impl Into<String>) -> Self {
        BuildError { kind: Kind::InvalidField { shape, field, problem: problem.into() } }
    }

    /// A union value is `Unknown`, which has nothing to send.
    pub fn unknown_variant(shape: &'static str) -> Self {
        BuildError { kind: Kind::UnknownVariant { shape } }
    }

    /// Any other problem.
    pub fn other(message: impl Into<String>) -> Self {
        BuildError { kind: Kind::Other(message.into()) }
    }

    /// The missing field's name, when that is the problem.
    pub fn missing(&self) -> Option<&'static str> {
        match self.kind {
            Kind::MissingField { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The field at fault, when one is: unset or holding an invalid value.
    pub fn field(&self) -> Option<&'static str> {
        match self.kind {
            Kind::MissingField { field, .. } | Kind::InvalidField { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::MissingField { shape, field } => write!(f, "{shape}: required field `{field}` is not set"),
            Kind::InvalidField { shape, field, problem } => write!(f, "{shape}: field `{field}` {problem}"),
            Kind::UnknownVariant { shape } => write!(f, "{shape}: an unknown union variant cannot be sent"),
            Kind::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for BuildError {}
