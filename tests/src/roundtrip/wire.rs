//! Values in their two written forms: the awsJson wire text a service sends
//! (written here, independently of the crate's writer), and the serde form
//! of the generated types (RFC 3339 timestamps, unions as enum variants).

use super::model::{Model, Shape, TimeFormat};
use super::time;
use super::tree::Tree;
use super::value::{Doc, Value};
use std::fmt::Write;

/// A member the model does not know, as a newer service version might send;
/// every response object carries one, and parsers must skip it.
const UNKNOWN_MEMBER: &str = r#""zzUnmodeled":{"a":[1,2.5,null,"x",{"b":true}],"c":-0.0}"#;

impl Model {
    /// The wire text of `value`, a `shape`, as a service would send it.
    pub fn wire_json(&self, shape: &str, value: &Value) -> String {
        let mut out = String::new();
        self.write(shape, None, value, &mut out);
        out
    }

    fn write(&self, shape: &str, format: Option<TimeFormat>, value: &Value, out: &mut String) {
        match (self.shape(shape), value) {
            (Shape::String(_), Value::Str(s)) => string(s, out),
            (Shape::Boolean, Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
            (Shape::Integer(_), Value::Int(i)) => write!(out, "{i}").unwrap(),
            (Shape::Float, Value::Float(f)) => float(*f, out, |f| format!("{:?}", f as f32)),
            (Shape::Double, Value::Float(f)) => float(*f, out, |f| format!("{f:?}")),
            (Shape::Timestamp(own), Value::Time(ms)) => match format.or(*own).unwrap_or(TimeFormat::EpochSeconds) {
                TimeFormat::EpochSeconds => out.push_str(&time::epoch_text(*ms)),
                TimeFormat::Iso8601 => string(&time::rfc3339(*ms), out),
                TimeFormat::HttpDate => string(&time::http_date(*ms), out),
            },
            (Shape::Blob, Value::Blob(bytes)) => string(&base64(bytes), out),
            (Shape::Document, Value::Doc(doc)) => document(doc, out),
            (Shape::List { member, .. }, Value::List(items)) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "" } else { "," });
                    self.write_optional(member, item.as_ref(), out);
                }
                out.push(']');
            }
            (Shape::Map { value: target, .. }, Value::Map(entries)) => {
                out.push('{');
                for (i, (key, item)) in entries.iter().enumerate() {
                    out.push_str(if i == 0 { "" } else { "," });
                    string(key, out);
                    out.push(':');
                    self.write_optional(target, item.as_ref(), out);
                }
                out.push('}');
            }
            (Shape::Structure(members), Value::Struct(set)) => {
                out.push('{');
                out.push_str(UNKNOWN_MEMBER);
                for (name, item) in set {
                    let member = members.iter().find(|m| &m.name == name).expect("a modeled member");
                    out.push(',');
                    string(name, out);
                    out.push(':');
                    self.write(&member.shape, member.time_format, item, out);
                }
                out.push('}');
            }
            (Shape::Union(members), Value::Union(name, item)) => {
                let member = members.iter().find(|m| &m.name == name).expect("a modeled member");
                out.push('{');
                string(name, out);
                out.push(':');
                self.write(&member.shape, member.time_format, item, out);
                out.push('}');
            }
            (shape, value) => panic!("{value:?} is not a value of {shape:?}"),
        }
    }

    fn write_optional(&self, shape: &str, value: Option<&Value>, out: &mut String) {
        match value {
            Some(value) => self.write(shape, None, value, out),
            None => out.push_str("null"),
        }
    }

    /// `value` as the serde derives of the generated types read and write it.
    pub fn serde_tree(&self, shape: &str, value: &Value) -> Tree {
        let optional = |shape: &str, v: &Option<Value>| v.as_ref().map_or(Tree::Null, |v| self.serde_tree(shape, v));
        match (self.shape(shape), value) {
            (_, Value::Str(s)) => Tree::Str(s.clone()),
            (_, Value::Bool(b)) => Tree::Bool(*b),
            (_, Value::Int(i)) => Tree::I64(*i),
            (_, Value::Float(f)) => Tree::F64(*f),
            (_, Value::Time(ms)) => Tree::Str(time::rfc3339(*ms)),
            (_, Value::Blob(bytes)) => Tree::Str(base64(bytes)),
            (_, Value::Doc(doc)) => doc_tree(doc),
            (Shape::List { member, .. }, Value::List(items)) => {
                Tree::Seq(items.iter().map(|v| optional(member, v)).collect())
            }
            (Shape::Map { value: target, .. }, Value::Map(entries)) => {
                Tree::Map(entries.iter().map(|(k, v)| (k.clone(), optional(target, v))).collect())
            }
            (Shape::Structure(members), Value::Struct(set)) => Tree::Map(
                set.iter()
                    .map(|(name, v)| {
                        let member = members.iter().find(|m| &m.name == name).expect("a modeled member");
                        (name.clone(), self.serde_tree(&member.shape, v))
                    })
                    .collect(),
            ),
            (Shape::Union(members), Value::Union(name, v)) => {
                let member = members.iter().find(|m| &m.name == name).expect("a modeled member");
                Tree::Variant(name.clone(), Box::new(self.serde_tree(&member.shape, v)))
            }
            (shape, value) => panic!("{value:?} is not a value of {shape:?}"),
        }
    }
}

fn doc_tree(doc: &Doc) -> Tree {
    match doc {
        Doc::Null => Tree::Null,
        Doc::Bool(b) => Tree::Bool(*b),
        Doc::Int(i) => Tree::I64(*i),
        Doc::Float(f) => Tree::F64(*f),
        Doc::Str(s) => Tree::Str(s.clone()),
        Doc::Array(items) => Tree::Seq(items.iter().map(doc_tree).collect()),
        Doc::Object(entries) => Tree::Map(entries.iter().map(|(k, v)| (k.clone(), doc_tree(v))).collect()),
    }
}

/// NaN and the infinities are strings in the AWS JSON protocols.
fn float(f: f64, out: &mut String, finite: impl Fn(f64) -> String) {
    match f {
        f if f.is_nan() => out.push_str("\"NaN\""),
        f64::INFINITY => out.push_str("\"Infinity\""),
        f64::NEG_INFINITY => out.push_str("\"-Infinity\""),
        f => out.push_str(&finite(f)),
    }
}

fn document(doc: &Doc, out: &mut String) {
    match doc {
        Doc::Null => out.push_str("null"),
        Doc::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Doc::Int(i) => write!(out, "{i}").unwrap(),
        Doc::Float(f) => write!(out, "{f:?}").unwrap(),
        Doc::Str(s) => string(s, out),
        Doc::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { "," });
                document(item, out);
            }
            out.push(']');
        }
        Doc::Object(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { "," });
                string(key, out);
                out.push(':');
                document(item, out);
            }
            out.push('}');
        }
    }
}

/// A JSON string. Every third non-ASCII character is escaped as `\u` (a
/// surrogate pair outside the BMP), so readers see both forms.
pub fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c if !c.is_ascii() && (c as u32).is_multiple_of(3) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(out, "\\u{unit:04X}").unwrap();
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            let c = if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' };
            out.push(c);
        }
    }
    out
}
