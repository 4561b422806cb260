//! Pagination tokens: the values a page's request carries, and resume tokens
//! in boto3's format.
//!
//! A resume token is what botocore's `TokenEncoder` writes: standard base64
//! of `json.dumps` of an object with every input token by its wire name
//! (`null` when unset), in the model's order, then `boto_truncate_amount`
//! when part of the page was already returned. `json.dumps` separates with
//! `", "` and `": "` and escapes every character outside printable ASCII
//! (`\u00e9`), and so does [`ResumePoint::encode`]. Tokens that are not
//! strings (a DynamoDB key) are written as their JSON wire form; maps come out
//! with their keys sorted, since the generated types keep no order (boto3
//! reads them in any order). botocore also lists blobs inside tokens under
//! `boto_encoded_keys`; such a list is ignored on reading (a blob's wire form
//! is already its base64 text) and not written.

use super::PaginationError;
use crate::build::BuildError;
use crate::document::{Document, Number};
use crate::json::{JsonError, JsonReader, JsonWriter};
use std::fmt::Write;

/// The value of each input token, in the model's order (`None`: unset).
pub type Tokens = Vec<Option<Document>>;

/// Whether botocore counts the value as a token: it drops empty strings,
/// empty maps and lists, `false` and `0` (Python's falsy values).
pub fn is_set(value: &Document) -> bool {
    match value {
        Document::Null => false,
        Document::Bool(b) => *b,
        Document::Number(n) => n.as_f64() != 0.0,
        Document::String(s) => !s.is_empty(),
        Document::Array(a) => !a.is_empty(),
        Document::Object(o) => !o.is_empty(),
    }
}

/// A page's request tokens and how many of its items were already returned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResumePoint {
    /// The tokens to request the page with (all `None` for the first page).
    pub tokens: Tokens,
    /// Items of that page to skip.
    pub skip: usize,
}

impl ResumePoint {
    /// Whether the point is the very start: no token and nothing to skip.
    pub fn is_start(&self) -> bool {
        self.skip == 0 && self.tokens.iter().all(Option::is_none)
    }

    /// Encodes as boto3 does (see the module documentation); `keys` are the
    /// input tokens' wire names.
    pub fn encode(&self, keys: &[&str]) -> String {
        let mut text = String::from("{");
        object_entries(&mut text, &self.tokens, keys);
        if self.skip > 0 {
            if !keys.is_empty() {
                text.push_str(", ");
            }
            write!(text, "\"boto_truncate_amount\": {}", self.skip).unwrap();
        }
        text.push('}');
        crate::base64::encode(text.as_bytes())
    }

    /// Decodes a token made by [`ResumePoint::encode`] or by boto3.
    pub fn decode(token: &str, keys: &[&str]) -> Result<Self, PaginationError> {
        let invalid = |why: String| PaginationError::InvalidStartingToken(why);
        let bytes = crate::base64::decode(token).map_err(|e| invalid(e.to_string()))?;
        let mut r = JsonReader::new(&bytes);
        let mut point = ResumePoint { tokens: vec![None; keys.len()], skip: 0 };
        let mut read = || -> Result<(), JsonError> {
            if !r.begin_object()? {
                return Ok(());
            }
            while let Some(key) = r.next_key()? {
                if let Some(i) = keys.iter().position(|k| *k == key) {
                    point.tokens[i] = Some(r.document()?).filter(|d| *d != Document::Null);
                } else if key == "boto_truncate_amount" {
                    point.skip = r.i64()?.unwrap_or(0).max(0) as usize;
                } else {
                    r.skip()?;
                }
            }
            r.end()
        };
        read().map_err(|e| invalid(e.to_string()))?;
        Ok(point)
    }
}

/// The tokens as text, for errors and to notice a repeated token: a single
/// string token as it is, else the object a resume token holds.
pub fn describe(tokens: &[Option<Document>], keys: &[&str]) -> String {
    if let [Some(Document::String(s))] = tokens {
        return s.clone();
    }
    let mut text = String::from("{");
    object_entries(&mut text, tokens, keys);
    text.push('}');
    text
}

/// `"key": value` for each input token, `null` when unset.
fn object_entries(out: &mut String, tokens: &[Option<Document>], keys: &[&str]) {
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        python_string(out, key);
        out.push_str(": ");
        match tokens.get(i).and_then(Option::as_ref) {
            Some(value) => python_json(out, value),
            None => out.push_str("null"),
        }
    }
}

/// Writes `value` as Python's `json.dumps` does.
fn python_json(out: &mut String, value: &Document) {
    match value {
        Document::Null => out.push_str("null"),
        Document::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Document::Number(Number::PosInt(n)) => write!(out, "{n}").unwrap(),
        Document::Number(Number::NegInt(n)) => write!(out, "{n}").unwrap(),
        Document::Number(Number::Float(f)) => write!(out, "{f:?}").unwrap(),
        Document::String(s) => python_string(out, s),
        Document::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                python_json(out, item);
            }
            out.push(']');
        }
        Document::Object(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                python_string(out, key);
                out.push_str(": ");
                python_json(out, item);
            }
            out.push('}');
        }
    }
}

/// A JSON string with `json.dumps`'s escapes (`ensure_ascii`): printable
/// ASCII as it is, the usual short escapes, everything else as `\uXXXX`
/// (UTF-16, lowercase hex).
fn python_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(out, "\\u{unit:04x}").unwrap();
                }
            }
        }
    }
    out.push('"');
}

/// A token value from a typed one, through its JSON wire form; generated
/// code passes the serializer of the token's type.
pub fn to_document(write: impl FnOnce(&mut JsonWriter) -> Result<(), BuildError>) -> Option<Document> {
    let mut w = JsonWriter::new();
    // Serializing a value read from a response does not fail: only inputs
    // check required members.
    write(&mut w).ok()?;
    let bytes = w.into_bytes();
    JsonReader::new(&bytes).document().ok()
}

/// A typed token from a token value, through its JSON wire form; generated
/// code passes the deserializer of the token's type.
pub fn from_document<T>(
    value: &Document,
    read: impl FnOnce(&mut JsonReader<'_>) -> Result<Option<T>, JsonError>,
) -> Result<Option<T>, PaginationError> {
    let mut w = JsonWriter::new();
    w.document(value);
    let bytes = w.into_bytes();
    let mut r = JsonReader::new(&bytes);
    read(&mut r).map_err(|e| PaginationError::InvalidStartingToken(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn text(encoded: &str) -> String {
        String::from_utf8(crate::base64::decode(encoded).unwrap()).unwrap()
    }

    #[test]
    fn resume_points_round_trip_in_boto3_format() {
        let point = ResumePoint { tokens: vec![Some(Document::String("abc".into()))], skip: 2 };
        let encoded = point.encode(&["NextToken"]);
        // boto3: base64(json.dumps({"NextToken": "abc", "boto_truncate_amount": 2}))
        assert_eq!(text(&encoded), r#"{"NextToken": "abc", "boto_truncate_amount": 2}"#);
        assert_eq!(ResumePoint::decode(&encoded, &["NextToken"]).unwrap(), point);
        // Compact JSON reads the same.
        let compact = crate::base64::encode(br#"{"NextToken":"abc","boto_truncate_amount":2}"#);
        assert_eq!(ResumePoint::decode(&compact, &["NextToken"]).unwrap(), point);
    }

    #[test]
    fn every_input_token_is_written_null_when_unset() {
        let keys = ["KeyMarker", "VersionIdMarker"];
        let point = ResumePoint { tokens: vec![Some(Document::String("k".into())), None], skip: 1 };
        let encoded = point.encode(&keys);
        assert_eq!(text(&encoded), r#"{"KeyMarker": "k", "VersionIdMarker": null, "boto_truncate_amount": 1}"#);
        assert_eq!(ResumePoint::decode(&encoded, &keys).unwrap(), point);
        let first = ResumePoint { tokens: vec![None, None], skip: 3 };
        assert_eq!(
            text(&first.encode(&keys)),
            r#"{"KeyMarker": null, "VersionIdMarker": null, "boto_truncate_amount": 3}"#
        );
    }

    #[test]
    fn strings_are_escaped_as_python_does() {
        let mut out = String::new();
        python_string(&mut out, "é\"\\\n\u{1}\u{7f}😀/");
        assert_eq!(out, r#""\u00e9\"\\\n\u0001\u007f\ud83d\ude00/""#);
    }

    #[test]
    fn structured_tokens_are_written_as_json_and_read_back() {
        let key = Document::Object(BTreeMap::from([(
            "pk".to_owned(),
            Document::Object(BTreeMap::from([("S".to_owned(), Document::String("a".into()))])),
        )]));
        let point = ResumePoint { tokens: vec![Some(key)], skip: 0 };
        let encoded = point.encode(&["ExclusiveStartKey"]);
        assert_eq!(text(&encoded), r#"{"ExclusiveStartKey": {"pk": {"S": "a"}}}"#);
        assert_eq!(ResumePoint::decode(&encoded, &["ExclusiveStartKey"]).unwrap(), point);
        // botocore's list of blob paths is ignored: the value is the wire form already.
        let boto = crate::base64::encode(
            br#"{"ExclusiveStartKey": {"pk": {"B": "AAE="}}, "boto_encoded_keys": [["ExclusiveStartKey", "pk", "B"]]}"#,
        );
        let decoded = ResumePoint::decode(&boto, &["ExclusiveStartKey"]).unwrap();
        let Some(Document::Object(key)) = &decoded.tokens[0] else { panic!("{decoded:?}") };
        assert_eq!(key["pk"], Document::Object(BTreeMap::from([("B".to_owned(), Document::String("AAE=".into()))])));
    }

    #[test]
    fn garbage_starting_tokens_are_rejected() {
        assert!(matches!(
            ResumePoint::decode("not base64!", &["NextToken"]),
            Err(PaginationError::InvalidStartingToken(_))
        ));
        let not_json = crate::base64::encode(b"plain");
        assert!(ResumePoint::decode(&not_json, &["NextToken"]).is_err());
    }

    #[test]
    fn falsy_values_are_no_token() {
        for value in [Document::Null, Document::String(String::new()), Document::Object(BTreeMap::new())] {
            assert!(!is_set(&value), "{value:?}");
        }
        assert!(is_set(&Document::String("t".into())));
    }
}
