//! [`JsonWriter`]: compact JSON output. A submodule of `json` (re-exported
//! there), kept in its own file for length.

use std::io::Write as _;

use super::{DateTime, Document, Format, Number, base64, scan_plain};

/// Builds compact JSON. Commas are inserted automatically between siblings.
///
/// Strings are written as UTF-8 with only `"`, `\` and control characters
/// escaped (U+2028/U+2029 stay raw: the output is JSON, not JavaScript source).
#[derive(Clone, Debug, Default)]
pub struct JsonWriter {
    buf: Vec<u8>,
    /// A value was just completed, so the next key or value needs a comma first.
    comma: bool,
}

impl JsonWriter {
    /// Creates an empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Creates an empty writer with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        JsonWriter { buf: Vec::with_capacity(capacity), comma: false }
    }

    /// The JSON written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Returns the JSON written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    #[inline]
    fn value_start(&mut self) {
        if self.comma {
            self.buf.push(b',');
        }
        self.comma = true;
    }

    /// Writes `{`.
    pub fn begin_object(&mut self) {
        self.value_start();
        self.buf.push(b'{');
        self.comma = false;
    }

    /// Writes `}`.
    pub fn end_object(&mut self) {
        self.buf.push(b'}');
        self.comma = true;
    }

    /// Writes `[`.
    pub fn begin_array(&mut self) {
        self.value_start();
        self.buf.push(b'[');
        self.comma = false;
    }

    /// Writes `]`.
    pub fn end_array(&mut self) {
        self.buf.push(b']');
        self.comma = true;
    }

    /// Writes an object key and its colon; the member's value must follow.
    pub fn key(&mut self, key: &str) {
        self.value_start();
        self.write_escaped(key);
        self.buf.push(b':');
        self.comma = false;
    }

    /// Writes a string value.
    pub fn string(&mut self, value: &str) {
        self.value_start();
        self.write_escaped(value);
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.value_start();
        self.buf.extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.value_start();
        self.buf.extend_from_slice(b"null");
    }

    /// Writes an integer.
    pub fn i64(&mut self, value: i64) {
        self.value_start();
        if value < 0 {
            self.buf.push(b'-');
        }
        write_u64(&mut self.buf, value.unsigned_abs());
    }

    /// Writes a non-negative integer.
    pub fn u64(&mut self, value: u64) {
        self.value_start();
        write_u64(&mut self.buf, value);
    }

    /// Writes a float in its shortest round-trip form.
    ///
    /// Magnitudes in `[1e-6, 1e16)` (and zero) are plain decimals that always
    /// contain a point, so integral values read back as floats (`1.0`, `-0.0`);
    /// others use an exponent (`1e300`, `1.5e-7`). NaN and the infinities become
    /// the strings `"NaN"`, `"Infinity"` and `"-Infinity"`, as the AWS JSON protocols require.
    pub fn f64(&mut self, value: f64) {
        self.value_start();
        let start = self.buf.len();
        let magnitude = value.abs();
        if value.is_nan() {
            self.buf.extend_from_slice(b"\"NaN\"");
        } else if value.is_infinite() {
            self.buf.extend_from_slice(if value > 0.0 { b"\"Infinity\"" } else { b"\"-Infinity\"" });
        } else if magnitude == 0.0 || (1e-6..1e16).contains(&magnitude) {
            write!(self.buf, "{value}").expect("writing to a Vec cannot fail");
            if !self.buf[start..].contains(&b'.') {
                self.buf.extend_from_slice(b".0");
            }
        } else {
            write!(self.buf, "{value:e}").expect("writing to a Vec cannot fail");
        }
    }

    /// Writes a timestamp: epoch seconds as an exact JSON number, other formats as strings.
    pub fn timestamp(&mut self, value: DateTime, format: Format) {
        self.value_start();
        if format == Format::EpochSeconds {
            value.write_bytes(format, &mut self.buf);
        } else {
            self.buf.push(b'"');
            value.write_bytes(format, &mut self.buf);
            self.buf.push(b'"');
        }
    }

    /// Writes bytes as a base64 string.
    pub fn blob(&mut self, value: &[u8]) {
        self.value_start();
        self.buf.push(b'"');
        base64::encode_into(value, &mut self.buf);
        self.buf.push(b'"');
    }

    /// Writes a document. Recursive: nesting is bounded only by the document itself.
    pub fn document(&mut self, value: &Document) {
        match value {
            Document::Null => self.null(),
            Document::Bool(b) => self.bool(*b),
            Document::Number(Number::PosInt(n)) => self.u64(*n),
            Document::Number(Number::NegInt(n)) => self.i64(*n),
            Document::Number(Number::Float(n)) => self.f64(*n),
            Document::String(s) => self.string(s),
            Document::Array(items) => {
                self.begin_array();
                items.iter().for_each(|item| self.document(item));
                self.end_array();
            }
            Document::Object(members) => {
                self.begin_object();
                for (k, v) in members {
                    self.key(k);
                    self.document(v);
                }
                self.end_object();
            }
        }
    }

    fn write_escaped(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let buf = &mut self.buf;
        buf.reserve(bytes.len() + 2);
        buf.push(b'"');
        let mut start = 0;
        loop {
            let i = scan_plain(bytes, start);
            buf.extend_from_slice(&bytes[start..i]);
            let Some(&b) = bytes.get(i) else { break };
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x08 => b'b',
                0x0c => b'f',
                _ => 0,
            };
            if short != 0 {
                buf.extend_from_slice(&[b'\\', short]);
            } else {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
            }
            start = i + 1;
        }
        buf.push(b'"');
    }
}

fn write_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[i..]);
}
