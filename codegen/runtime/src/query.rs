//! The awsQuery request body: `application/x-www-form-urlencoded` pairs,
//! written as botocore's `QuerySerializer` writes them.
//!
//! Keys are built on a stack: generated code [`enter`](QueryWriter::enter)s a
//! member name or a list index, writes a value under the key so formed
//! (`Nested.List.member.2.Name`), and [`leave`](QueryWriter::leave)s it. So a
//! nested value costs no key allocation of its own. Keys and values are
//! percent-encoded keeping only RFC 3986's unreserved characters, as
//! botocore's `percent_encode` does.

use super::base64;
use super::datetime::{DateTime, Format};
use std::fmt::Write as _;

/// Writes `Action=...&Version=...` and then each value under the current key.
#[derive(Debug)]
pub struct QueryWriter {
    body: Vec<u8>,
    key: String,
}

/// Where a key stood before [`QueryWriter::enter`]; give it back to
/// [`QueryWriter::leave`].
#[derive(Clone, Copy, Debug)]
#[must_use = "leave the key with it"]
pub struct Mark(usize);

impl QueryWriter {
    /// A body that starts with the operation's `Action` and the API `Version`.
    pub fn new(action: &str, version: &str) -> Self {
        let mut w = QueryWriter { body: Vec::with_capacity(128), key: String::new() };
        w.body.extend_from_slice(b"Action=");
        encode_into(action.as_bytes(), &mut w.body);
        w.body.extend_from_slice(b"&Version=");
        encode_into(version.as_bytes(), &mut w.body);
        w
    }

    /// Appends `.name` to the key (`name` alone at the top level).
    pub fn enter(&mut self, name: &str) -> Mark {
        let mark = Mark(self.key.len());
        if !self.key.is_empty() {
            self.key.push('.');
        }
        self.key.push_str(name);
        mark
    }

    /// Appends `.index` to the key (list and map entries count from 1).
    pub fn enter_index(&mut self, index: usize) -> Mark {
        let mark = Mark(self.key.len());
        write!(self.key, ".{index}").expect("writing to a String cannot fail");
        mark
    }

    /// Appends a list item's or map entry's key part: `.{name}.{index}`, or
    /// `.{index}` when flattened (`name` is `None`).
    pub fn enter_item(&mut self, name: Option<&str>, index: usize) -> Mark {
        let mark = Mark(self.key.len());
        if let Some(name) = name {
            self.key.push('.');
            self.key.push_str(name);
        }
        write!(self.key, ".{index}").expect("writing to a String cannot fail");
        mark
    }

    /// Restores the key to what it was at `mark`.
    pub fn leave(&mut self, mark: Mark) {
        self.key.truncate(mark.0);
    }

    fn pair(&mut self) {
        self.body.push(b'&');
        encode_into(self.key.as_bytes(), &mut self.body);
        self.body.push(b'=');
    }

    /// `key=` with no value: how an empty list is sent.
    pub fn empty(&mut self) {
        self.pair();
    }

    /// A string value.
    pub fn string(&mut self, value: &str) {
        self.pair();
        encode_into(value.as_bytes(), &mut self.body);
    }

    /// `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.pair();
        self.body.extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// An integer in decimal.
    pub fn i64(&mut self, value: i64) {
        self.pair();
        write!(Bytes(&mut self.body), "{value}").expect("writing to a Vec cannot fail");
    }

    /// A float as Python's `repr` prints it (botocore sends `str(value)`):
    /// `10.8`, `1.0`, `1e+16`, `1.5e-05`; `NaN`, `Infinity`, `-Infinity`.
    pub fn f64(&mut self, value: f64) {
        self.pair();
        let text = python_float(value);
        encode_into(text.as_bytes(), &mut self.body);
    }

    /// A timestamp in `format` (awsQuery's default is
    /// [`Format::DateTime`]); epoch seconds as a number.
    pub fn timestamp(&mut self, value: DateTime, format: Format) {
        self.pair();
        let text = value.fmt(format);
        encode_into(text.as_bytes(), &mut self.body);
    }

    /// Bytes, base64-encoded.
    pub fn blob(&mut self, value: &[u8]) {
        self.pair();
        let text = base64::encode(value);
        encode_into(text.as_bytes(), &mut self.body);
    }

    /// The body written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.body
    }
}

struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Percent-encodes all but `A-Z a-z 0-9 - _ . ~`, in upper-case hex.
fn encode_into(bytes: &[u8], out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
    }
}

/// Python's `repr(float)`: the shortest round-trip digits (as Rust's `{}`
/// finds them), in positional form for magnitudes in `[1e-4, 1e16)`, else as
/// `d.ddde±XX` with at least two exponent digits.
pub fn python_float(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let magnitude = value.abs();
    if magnitude == 0.0 || (1e-4..1e16).contains(&magnitude) {
        let mut text = format!("{value}");
        if !text.contains('.') {
            text.push_str(".0");
        }
        return text;
    }
    let text = format!("{value:e}");
    let (mantissa, exponent) = text.split_once('e').expect("`{:e}` writes an exponent");
    let (sign, digits) = match exponent.strip_prefix('-') {
        Some(digits) => ('-', digits),
        None => ('+', exponent),
    };
    format!("{mantissa}e{sign}{digits:0>2}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(w: QueryWriter) -> String {
        String::from_utf8(w.into_bytes()).unwrap()
    }

    #[test]
    fn action_version_and_nested_keys() {
        let mut w = QueryWriter::new("QueryLists", "2020-01-08");
        let list = w.enter("ComplexListArg");
        for (i, hi) in ["hello", "hola"].iter().enumerate() {
            let member = w.enter("member");
            let index = w.enter_index(i + 1);
            let field = w.enter("hi");
            w.string(hi);
            w.leave(field);
            w.leave(index);
            w.leave(member);
        }
        w.leave(list);
        let flat = w.enter("Hi");
        let one = w.enter_index(1);
        w.string("A");
        w.leave(one);
        let two = w.enter_item(None, 2);
        w.string("B");
        w.leave(two);
        let three = w.enter_item(Some("item"), 3);
        w.string("C");
        w.leave(three);
        w.leave(flat);
        let empty = w.enter("ListArg");
        w.empty();
        w.leave(empty);
        assert_eq!(
            body(w),
            "Action=QueryLists&Version=2020-01-08&ComplexListArg.member.1.hi=hello\
             &ComplexListArg.member.2.hi=hola&Hi.1=A&Hi.2=B&Hi.item.3=C&ListArg="
        );
    }

    #[test]
    fn map_entries() {
        let mut w = QueryWriter::new("QueryMaps", "1");
        let map = w.enter("MapArg");
        let entry = w.enter("entry");
        let one = w.enter_index(1);
        let k = w.enter("key");
        w.string("bar");
        w.leave(k);
        let v = w.enter("value");
        w.string("Bar");
        w.leave(v);
        w.leave(one);
        w.leave(entry);
        w.leave(map);
        assert_eq!(body(w), "Action=QueryMaps&Version=1&MapArg.entry.1.key=bar&MapArg.entry.1.value=Bar");
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved() {
        let mut w = QueryWriter::new("A b", "v");
        let m = w.enter("K:1");
        w.string("a-_.~ z/+=&é*");
        w.leave(m);
        assert_eq!(body(w), "Action=A%20b&Version=v&K%3A1=a-_.~%20z%2F%2B%3D%26%C3%A9%2A");
    }

    #[test]
    fn scalars() {
        let mut w = QueryWriter::new("S", "v");
        for (name, f) in [("T", true), ("F", false)] {
            let m = w.enter(name);
            w.bool(f);
            w.leave(m);
        }
        let m = w.enter("I");
        w.i64(-10);
        w.leave(m);
        let m = w.enter("B");
        w.blob(b"value");
        w.leave(m);
        let m = w.enter("D");
        w.timestamp(DateTime::from_secs(1422172800), Format::DateTime);
        w.leave(m);
        let m = w.enter("E");
        w.timestamp(DateTime::from_secs(1422172800), Format::EpochSeconds);
        w.leave(m);
        let m = w.enter("H");
        w.timestamp(DateTime::from_secs(1422172800), Format::HttpDate);
        w.leave(m);
        assert_eq!(
            body(w),
            "Action=S&Version=v&T=true&F=false&I=-10&B=dmFsdWU%3D&D=2015-01-25T08%3A00%3A00Z\
             &E=1422172800&H=Sun%2C%2025%20Jan%202015%2008%3A00%3A00%20GMT"
        );
    }

    #[test]
    fn floats_print_as_python_repr() {
        let cases = [
            (10.8, "10.8"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e16, "1e+16"),
            (9999999999999998.0, "9999999999999998.0"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (value, text) in cases {
            assert_eq!(python_float(value), text, "{value:?}");
        }
    }
}
