//! Untyped JSON-like values for Smithy `document` members.
//!
//! Reading and writing documents is done by `super::json`
//! (`JsonReader::document`, `JsonWriter::document`).

use std::collections::BTreeMap;

/// An untyped value: the Smithy `document` type.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Document {
    /// JSON `null`.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An ordered list.
    Array(Vec<Document>),
    /// A map with string keys (sorted, so output is deterministic).
    Object(BTreeMap<String, Document>),
}

/// A document number.
///
/// Equality compares mathematical values across variants, so
/// `PosInt(1) == Float(1.0)` and `NegInt(5) == PosInt(5)`, while floats follow
/// IEEE rules: `NaN != NaN` and `0.0 == -0.0`. That is why `Number` is not `Eq`.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    /// A non-negative integer (the reader produces this for every integer `>= 0`).
    PosInt(u64),
    /// A negative integer (the reader produces this only for integers `< 0`).
    NegInt(i64),
    /// A floating-point number (any number with a fraction or exponent, or beyond 64 bits).
    Float(f64),
}

impl Number {
    /// The value as an `f64`, rounding large integers.
    pub fn as_f64(&self) -> f64 {
        match *self {
            Number::PosInt(v) => v as f64,
            Number::NegInt(v) => v as f64,
            Number::Float(v) => v,
        }
    }

    /// The value as an `i64` if it is an integer in range (integral floats included).
    pub fn as_i64(&self) -> Option<i64> {
        self.as_i128().and_then(|v| i64::try_from(v).ok())
    }

    /// The value as a `u64` if it is a non-negative integer in range (integral floats included).
    pub fn as_u64(&self) -> Option<u64> {
        self.as_i128().and_then(|v| u64::try_from(v).ok())
    }

    /// The exact integer value, if there is one that fits an `i128`.
    fn as_i128(&self) -> Option<i128> {
        match *self {
            Number::PosInt(v) => Some(v.into()),
            Number::NegInt(v) => Some(v.into()),
            // Bounds are exact powers of two, so the comparison is exact too.
            Number::Float(v) if v.fract() == 0.0 && v.abs() < 2f64.powi(127) => Some(v as i128),
            Number::Float(_) => None,
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self.as_i128(), other.as_i128()) {
            (Some(a), Some(b)) => a == b,
            // A non-integral, huge or non-finite float equals no integer.
            _ => matches!((self, other), (Number::Float(a), Number::Float(b)) if a == b),
        }
    }
}

impl Document {
    /// `true` for [`Document::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Document::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Document::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<Number> {
        match *self {
            Document::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as an `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().map(|n| n.as_f64())
    }

    /// The number as an `i64`, if this is an integral number in range.
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number().and_then(|n| n.as_i64())
    }

    /// The number as a `u64`, if this is a non-negative integral number in range.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number().and_then(|n| n.as_u64())
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Document>> {
        match self {
            Document::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The elements, mutably, if this is an array.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Document>> {
        match self {
            Document::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&BTreeMap<String, Document>> {
        match self {
            Document::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The members, mutably, if this is an object.
    pub fn as_object_mut(&mut self) -> Option<&mut BTreeMap<String, Document>> {
        match self {
            Document::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The member `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Document> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// The element at `index`, if this is an array that long.
    pub fn get_index(&self, index: usize) -> Option<&Document> {
        self.as_array().and_then(|a| a.get(index))
    }

    /// The JSON name of the variant (`"null"`, `"boolean"`, `"number"`, `"string"`, `"array"`, `"object"`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Document::Null => "null",
            Document::Bool(_) => "boolean",
            Document::Number(_) => "number",
            Document::String(_) => "string",
            Document::Array(_) => "array",
            Document::Object(_) => "object",
        }
    }
}

impl From<bool> for Document {
    fn from(v: bool) -> Self {
        Document::Bool(v)
    }
}

impl From<Number> for Document {
    fn from(v: Number) -> Self {
        Document::Number(v)
    }
}

impl From<String> for Document {
    fn from(v: String) -> Self {
        Document::String(v)
    }
}

impl From<&str> for Document {
    fn from(v: &str) -> Self {
        Document::String(v.to_owned())
    }
}

impl From<Vec<Document>> for Document {
    fn from(v: Vec<Document>) -> Self {
        Document::Array(v)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(v: BTreeMap<String, Document>) -> Self {
        Document::Object(v)
    }
}

impl<T: Into<Document>> From<Option<T>> for Document {
    /// `None` becomes [`Document::Null`].
    fn from(v: Option<T>) -> Self {
        v.map_or(Document::Null, Into::into)
    }
}

impl From<u64> for Number {
    fn from(v: u64) -> Self {
        Number::PosInt(v)
    }
}

impl From<i64> for Number {
    /// Non-negative values become [`Number::PosInt`], keeping one representation per integer.
    fn from(v: i64) -> Self {
        if v < 0 { Number::NegInt(v) } else { Number::PosInt(v as u64) }
    }
}

impl From<f64> for Number {
    fn from(v: f64) -> Self {
        Number::Float(v)
    }
}

/// `From` impls for the narrower numeric primitives, via the widest type of the same kind.
macro_rules! number_from {
    ($($t:ty => $via:ty),*) => {$(
        impl From<$t> for Number {
            fn from(v: $t) -> Self {
                Number::from(<$via>::from(v))
            }
        }
    )*};
}

number_from!(u8 => u64, u16 => u64, u32 => u64, i8 => i64, i16 => i64, i32 => i64, f32 => f64);

/// `From` impls for documents holding any numeric primitive.
macro_rules! document_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Document {
            fn from(v: $t) -> Self {
                Document::Number(Number::from(v))
            }
        }
    )*};
}

document_from_number!(u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);

impl FromIterator<Document> for Document {
    /// Collects into a [`Document::Array`].
    fn from_iter<I: IntoIterator<Item = Document>>(iter: I) -> Self {
        Document::Array(iter.into_iter().collect())
    }
}

impl<K: Into<String>> FromIterator<(K, Document)> for Document {
    /// Collects into a [`Document::Object`]; later duplicates win.
    fn from_iter<I: IntoIterator<Item = (K, Document)>>(iter: I) -> Self {
        Document::Object(iter.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(Number::PosInt(1), Number::Float(1.0));
        assert_eq!(Number::Float(-3.0), Number::NegInt(-3));
        assert_eq!(Number::NegInt(5), Number::PosInt(5));
        assert_eq!(Number::Float(0.0), Number::Float(-0.0));
        assert_eq!(Number::Float(0.0), Number::PosInt(0));
        assert_ne!(Number::Float(f64::NAN), Number::Float(f64::NAN));
        assert_ne!(Number::Float(1.5), Number::PosInt(1));
        assert_ne!(Number::PosInt(u64::MAX), Number::Float(u64::MAX as f64));
        assert_eq!(Number::PosInt(1 << 63), Number::Float(9_223_372_036_854_775_808.0));
        assert_ne!(Number::NegInt(-1), Number::PosInt(u64::MAX));
        assert_ne!(Number::Float(f64::INFINITY), Number::PosInt(u64::MAX));
        assert_eq!(Number::Float(1e300), Number::Float(1e300));
        assert_ne!(Number::Float(1e300), Number::PosInt(u64::MAX));
    }

    #[test]
    fn number_conversions() {
        assert_eq!(Number::from(-1i32), Number::NegInt(-1));
        assert!(matches!(Number::from(7i64), Number::PosInt(7)));
        assert!(matches!(Number::from(7u8), Number::PosInt(7)));
        assert!(matches!(Number::from(1.5f32), Number::Float(v) if v == 1.5));
        assert_eq!(Number::Float(42.0).as_i64(), Some(42));
        assert_eq!(Number::Float(42.5).as_i64(), None);
        assert_eq!(Number::Float(-1.0).as_u64(), None);
        assert_eq!(Number::NegInt(-2).as_i64(), Some(-2));
        assert_eq!(Number::PosInt(u64::MAX).as_i64(), None);
        assert_eq!(Number::PosInt(u64::MAX).as_u64(), Some(u64::MAX));
        assert_eq!(Number::Float(f64::NAN).as_i64(), None);
        assert_eq!(Number::NegInt(-3).as_f64(), -3.0);
    }

    #[test]
    fn accessors() {
        let doc: Document = [
            ("a", Document::from(1)),
            ("b", Document::from("x")),
            ("c", vec![Document::from(true), Document::Null].into()),
            ("d", Document::from(Some(2.5))),
            ("e", Document::from(None::<bool>)),
        ]
        .into_iter()
        .collect();
        assert_eq!(doc.type_name(), "object");
        assert_eq!(doc.get("a").and_then(Document::as_i64), Some(1));
        assert_eq!(doc.get("a").and_then(Document::as_u64), Some(1));
        assert_eq!(doc.get("b").and_then(Document::as_str), Some("x"));
        assert_eq!(doc.get("c").and_then(|c| c.get_index(0)).and_then(Document::as_bool), Some(true));
        assert!(doc.get("c").and_then(|c| c.get_index(1)).is_some_and(Document::is_null));
        assert_eq!(doc.get("d").and_then(Document::as_f64), Some(2.5));
        assert!(doc.get("e").unwrap().is_null());
        assert_eq!(doc.get("missing"), None);
        assert_eq!(doc.as_array(), None);
        assert_eq!(Document::from(3).as_number(), Some(Number::PosInt(3)));
        assert_eq!(Document::default(), Document::Null);
        let mut arr: Document = (0..3).map(Document::from).collect();
        arr.as_array_mut().unwrap().push(Document::from("s".to_owned()));
        assert_eq!(arr.as_array().map(Vec::len), Some(4));
        let mut obj = Document::from(BTreeMap::new());
        obj.as_object_mut().unwrap().insert("k".into(), Document::Bool(false));
        assert_eq!(obj.as_object().map(BTreeMap::len), Some(1));
        let names: Vec<_> =
            [Document::Null, true.into(), 1.into(), "".into(), arr, obj].iter().map(Document::type_name).collect();
        assert_eq!(names, ["null", "boolean", "number", "string", "array", "object"]);
    }

    #[test]
    fn document_equality_uses_number_equality() {
        let a: Document = vec![Document::from(1u64), Document::from("x")].into();
        let b: Document = vec![Document::from(1.0), Document::from("x")].into();
        assert_eq!(a, b);
        assert_ne!(a, Document::Null);
    }
}
