// Copied from codegen/runtime/json.rs by `cargo xtask codegen`. Edit it there.

//! The JSON codec behind generated serializers and deserializers.
//!
//! [`JsonWriter`] appends compact JSON to a byte buffer. [`JsonReader`] is a
//! pull parser over the response bytes: generated code asks for exactly the
//! value it expects next, so no intermediate tree is built and keys and
//! strings without escapes are borrowed from the input.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Write as _;

use super::base64::{self, Base64Error};
use super::datetime::{DateTime, DateTimeError, Format};
use super::document::{Document, Number};

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Marks (in the high bit of each byte) the bytes of `w` that are `"`, `\` or below 0x20.
///
/// Borrows can set spurious marks only above a real one, so the lowest mark is exact.
#[inline(always)]
fn special_mask(w: u64) -> u64 {
    let quote = w ^ (LO * u64::from(b'"'));
    let backslash = w ^ (LO * u64::from(b'\\'));
    let zero = |v: u64| v.wrapping_sub(LO) & !v;
    (zero(quote) | zero(backslash) | (w.wrapping_sub(LO * 0x20) & !w)) & HI
}

#[inline(always)]
fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// Index of the first special byte (see [`special_mask`]) at or after `i`, or the input length.
/// ORs the high bits of the bytes skipped into `high`, to tell whether they were all ASCII.
#[inline(always)]
fn scan_plain(input: &[u8], mut i: usize, high: &mut u64) -> usize {
    while let Some(chunk) = input.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
        let m = special_mask(w);
        if m != 0 {
            *high |= w & HI & ((1 << m.trailing_zeros()) - 1);
            return i + (m.trailing_zeros() / 8) as usize;
        }
        *high |= w & HI;
        i += 8;
    }
    while let Some(&b) = input.get(i) {
        if is_special(b) {
            break;
        }
        *high |= u64::from(b & 0x80);
        i += 1;
    }
    i
}

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
        let (mut start, mut high) = (0, 0);
        loop {
            let i = scan_plain(bytes, start, &mut high);
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

/// The type of the next JSON value, from [`JsonReader::peek`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl ValueKind {
    /// The name used in error messages (`"null"`, `"boolean"`, `"number"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ValueKind::Null => "null",
            ValueKind::Bool => "boolean",
            ValueKind::Number => "number",
            ValueKind::String => "string",
            ValueKind::Array => "array",
            ValueKind::Object => "object",
        }
    }
}

/// A scanned number: its text span plus what the fast conversions need.
struct NumberToken {
    start: usize,
    end: usize,
    neg: bool,
    /// The digits (without the point) when they fit, else `exact` is false.
    mantissa: u64,
    /// Power of ten to apply to `mantissa` (fraction digits and exponent combined).
    exp10: i64,
    /// No fraction and no exponent.
    integer: bool,
    exact: bool,
}

/// Pull parser over a JSON document in memory.
///
/// Every value method skips leading whitespace and returns `Ok(None)` for
/// `null`, which generated code treats as an absent member. Containers are
/// read with [`begin_object`](Self::begin_object)/[`next_key`](Self::next_key)
/// and [`begin_array`](Self::begin_array)/[`next_element`](Self::next_element);
/// every value inside must be consumed (or [`skip`](Self::skip)ped) before the next
/// key or element is requested. Nesting beyond the maximum depth is an error.
#[derive(Clone, Debug)]
pub struct JsonReader<'a> {
    input: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
    /// Just after `{` or `[`: the next key or element must not be preceded by a comma.
    first: bool,
}

impl<'a> JsonReader<'a> {
    /// The nesting limit used by [`new`](Self::new).
    pub const DEFAULT_MAX_DEPTH: usize = 128;

    /// Creates a reader with a maximum nesting depth of 128.
    pub fn new(input: &'a [u8]) -> Self {
        Self::with_max_depth(input, Self::DEFAULT_MAX_DEPTH)
    }

    /// Creates a reader that rejects more than `max_depth` nested arrays/objects.
    pub fn with_max_depth(input: &'a [u8], max_depth: usize) -> Self {
        JsonReader { input, pos: 0, depth: 0, max_depth, first: false }
    }

    /// Byte offset of the next unread byte.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Skips whitespace and returns the next byte without consuming it.
    #[inline(always)]
    fn peek_byte(&mut self) -> Option<u8> {
        while let Some(&b) = self.input.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// The type of the next value, without consuming it.
    pub fn peek(&mut self) -> Result<ValueKind, JsonError> {
        Ok(match self.peek_byte() {
            Some(b'n') => ValueKind::Null,
            Some(b't' | b'f') => ValueKind::Bool,
            Some(b'-' | b'0'..=b'9') => ValueKind::Number,
            Some(b'"') => ValueKind::String,
            Some(b'[') => ValueKind::Array,
            Some(b'{') => ValueKind::Object,
            _ => return Err(self.unexpected(self.pos)),
        })
    }

    /// Whether the next value starts like `null` (nothing is consumed).
    pub fn is_null_next(&mut self) -> bool {
        self.peek_byte() == Some(b'n')
    }

    /// Consumes `{` and returns true, or consumes `null` and returns false.
    pub fn begin_object(&mut self) -> Result<bool, JsonError> {
        match self.peek_byte() {
            Some(b'{') => self.enter(),
            Some(b'n') => self.null_literal(),
            _ => Err(self.mismatch("object")),
        }
    }

    /// Consumes `[` and returns true, or consumes `null` and returns false.
    pub fn begin_array(&mut self) -> Result<bool, JsonError> {
        match self.peek_byte() {
            Some(b'[') => self.enter(),
            Some(b'n') => self.null_literal(),
            _ => Err(self.mismatch("array")),
        }
    }

    fn enter(&mut self) -> Result<bool, JsonError> {
        if self.depth >= self.max_depth {
            return Err(JsonError::at(JsonErrorKind::DepthLimit, self.pos));
        }
        self.depth += 1;
        self.pos += 1;
        self.first = true;
        Ok(true)
    }

    /// Handles what precedes a key or element: `close` (returns false), a comma
    /// unless first, then (returns true) the start of the next entry.
    #[inline(always)]
    fn next_entry(&mut self, close: u8) -> Result<bool, JsonError> {
        let b = self.peek_byte();
        if b == Some(close) {
            self.pos += 1;
            self.depth = self.depth.saturating_sub(1);
            self.first = false;
            return Ok(false);
        }
        if self.first {
            self.first = false;
            return Ok(true);
        }
        if b != Some(b',') {
            return Err(self.unexpected(self.pos));
        }
        let comma = self.pos;
        self.pos += 1;
        if self.peek_byte() == Some(close) {
            return Err(JsonError::at(JsonErrorKind::TrailingComma, comma));
        }
        Ok(true)
    }

    /// Consumes a comma if needed, then the next key and its colon, or the closing `}` (None).
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        if !self.next_entry(b'}')? {
            return Ok(None);
        }
        if self.peek_byte() != Some(b'"') {
            return Err(self.unexpected(self.pos));
        }
        let key = self.parse_str()?;
        self.colon()?;
        Ok(Some(key))
    }

    /// [`next_key`](Self::next_key) for callers that ignore the key.
    fn skip_key(&mut self) -> Result<bool, JsonError> {
        Ok(self.next_key()?.is_some())
    }

    #[inline(always)]
    fn colon(&mut self) -> Result<(), JsonError> {
        if self.peek_byte() != Some(b':') {
            return Err(self.unexpected(self.pos));
        }
        self.pos += 1;
        Ok(())
    }

    /// Returns true if another element follows (consuming the comma), false once `]` is consumed.
    pub fn next_element(&mut self) -> Result<bool, JsonError> {
        self.next_entry(b']')
    }

    /// Reads a string (borrowed from the input unless it contains escapes).
    pub fn str(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        match self.peek_byte() {
            Some(b'"') => self.parse_str().map(Some),
            Some(b'n') => self.null_literal().map(|_| None),
            _ => Err(self.mismatch("string")),
        }
    }

    /// Reads a string into an owned `String`.
    #[inline]
    pub fn string(&mut self) -> Result<Option<String>, JsonError> {
        Ok(self.str()?.map(Cow::into_owned))
    }

    /// Reads `true` or `false`.
    pub fn bool(&mut self) -> Result<Option<bool>, JsonError> {
        match self.peek_byte() {
            Some(b't') => self.literal(b"true").map(|_| Some(true)),
            Some(b'f') => self.literal(b"false").map(|_| Some(false)),
            Some(b'n') => self.null_literal().map(|_| None),
            _ => Err(self.mismatch("boolean")),
        }
    }

    /// Reads an integer. Integral numbers written with a fraction or exponent
    /// (`5.0`, `1e2`) are accepted; others (`5.5`) are a type mismatch.
    pub fn i64(&mut self) -> Result<Option<i64>, JsonError> {
        self.integer("i64", i64::MIN, i64::MAX)
    }

    /// Reads an integer that must fit an `i32` (see [`i64`](Self::i64)).
    pub fn i32(&mut self) -> Result<Option<i32>, JsonError> {
        Ok(self.integer("i32", i32::MIN.into(), i32::MAX.into())?.map(|v| v as i32))
    }

    /// Reads an integer that must fit an `i16` (see [`i64`](Self::i64)).
    pub fn i16(&mut self) -> Result<Option<i16>, JsonError> {
        Ok(self.integer("i16", i16::MIN.into(), i16::MAX.into())?.map(|v| v as i16))
    }

    /// Reads an integer that must fit an `i8` (see [`i64`](Self::i64)).
    pub fn i8(&mut self) -> Result<Option<i8>, JsonError> {
        Ok(self.integer("i8", i8::MIN.into(), i8::MAX.into())?.map(|v| v as i8))
    }

    fn integer(&mut self, ty: &'static str, min: i64, max: i64) -> Result<Option<i64>, JsonError> {
        match self.peek_byte() {
            Some(b'-' | b'0'..=b'9') => {}
            Some(b'n') => return self.null_literal().map(|_| None),
            _ => return Err(self.mismatch("integer")),
        }
        let n = self.scan_number()?;
        let value = if n.integer && n.exact {
            if n.neg { -i128::from(n.mantissa) } else { i128::from(n.mantissa) }
        } else {
            match decimal_integer(&self.input[n.start..n.end]) {
                Some(Some(v)) => v,
                Some(None) => i128::MAX,
                None => {
                    let kind = JsonErrorKind::TypeMismatch { expected: "integer", found: "non-integer number" };
                    return Err(JsonError::at(kind, n.start));
                }
            }
        };
        match i64::try_from(value) {
            Ok(v) if (min..=max).contains(&v) => Ok(Some(v)),
            _ => Err(JsonError::at(JsonErrorKind::OutOfRange(ty), n.start)),
        }
    }

    /// Reads a float: a number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    /// Numbers too large for `f64` are out of range.
    pub fn f64(&mut self) -> Result<Option<f64>, JsonError> {
        match self.peek_byte() {
            Some(b'-' | b'0'..=b'9') => {
                let n = self.scan_number()?;
                if n.exact && n.mantissa <= 1 << 53 && (-22..=22).contains(&n.exp10) {
                    // Both operands are exact, so one IEEE operation rounds correctly.
                    let m = n.mantissa as f64;
                    let p = POW10[n.exp10.unsigned_abs() as usize];
                    let v = if n.exp10 < 0 { m / p } else { m * p };
                    return Ok(Some(if n.neg { -v } else { v }));
                }
                self.parse_float::<f64>(&n, "f64").map(Some)
            }
            _ => self.special_float(),
        }
    }

    /// Reads a float like [`f64`](Self::f64), rounding the decimal text directly to `f32`.
    pub fn f32(&mut self) -> Result<Option<f32>, JsonError> {
        match self.peek_byte() {
            Some(b'-' | b'0'..=b'9') => {
                let n = self.scan_number()?;
                self.parse_float::<f32>(&n, "f32").map(Some)
            }
            _ => Ok(self.special_float()?.map(|v| v as f32)),
        }
    }

    fn parse_float<T: std::str::FromStr + Into<f64> + Copy>(&self, n: &NumberToken, ty: &'static str) -> Result<T, JsonError> {
        // The span is ASCII, and the JSON number grammar is a subset of what `parse` accepts.
        let text = std::str::from_utf8(&self.input[n.start..n.end]).unwrap_or("NaN");
        match text.parse::<T>() {
            Ok(v) if v.into().is_finite() => Ok(v),
            _ => Err(JsonError::at(JsonErrorKind::OutOfRange(ty), n.start)),
        }
    }

    /// The non-number cases of the float readers (whitespace already skipped).
    fn special_float(&mut self) -> Result<Option<f64>, JsonError> {
        let start = self.pos;
        match self.peek_byte() {
            Some(b'"') => match &*self.parse_str()? {
                "NaN" => Ok(Some(f64::NAN)),
                "Infinity" => Ok(Some(f64::INFINITY)),
                "-Infinity" => Ok(Some(f64::NEG_INFINITY)),
                _ => Err(JsonError::at(JsonErrorKind::TypeMismatch { expected: "number", found: "string" }, start)),
            },
            Some(b'n') => self.null_literal().map(|_| None),
            _ => Err(self.mismatch("number")),
        }
    }

    /// Reads a timestamp.
    ///
    /// A JSON number is always read as epoch seconds, losslessly from its text
    /// (so services that send numbers for string formats still work). A string
    /// is parsed in `format`; for [`Format::EpochSeconds`] it must hold an
    /// epoch-seconds number.
    pub fn timestamp(&mut self, format: Format) -> Result<Option<DateTime>, JsonError> {
        let next = self.peek_byte();
        let start = self.pos;
        let parsed = match next {
            Some(b'-' | b'0'..=b'9') => {
                let n = self.scan_number()?;
                let text = std::str::from_utf8(&self.input[n.start..n.end]).unwrap_or_default();
                DateTime::parse_epoch_number(text)
            }
            Some(b'"') => DateTime::parse(&self.parse_str()?, format),
            Some(b'n') => return self.null_literal().map(|_| None),
            _ => return Err(self.mismatch(if format == Format::EpochSeconds { "number" } else { "string" })),
        };
        parsed.map(Some).map_err(|e| JsonError::at(JsonErrorKind::Timestamp(e), start))
    }

    /// Reads a base64 string as bytes.
    pub fn blob(&mut self) -> Result<Option<Vec<u8>>, JsonError> {
        self.peek_byte();
        let start = self.pos;
        match self.str()? {
            None => Ok(None),
            Some(s) => base64::decode(&s).map(Some).map_err(|e| JsonError::at(JsonErrorKind::Base64(e), start)),
        }
    }

    /// Reads any value as a [`Document`] (`null` gives [`Document::Null`]).
    ///
    /// Iterative, so only the depth limit bounds nesting. Integers become
    /// `PosInt`/`NegInt` when they fit 64 bits, other numbers `Float`; for
    /// duplicate keys the last value wins.
    pub fn document(&mut self) -> Result<Document, JsonError> {
        enum Frame {
            Array(Vec<Document>),
            Object(BTreeMap<String, Document>, String),
        }
        let mut stack = Vec::new();
        loop {
            let mut value = match self.peek_byte() {
                Some(b'{') => {
                    self.enter()?;
                    match self.next_key()? {
                        Some(key) => {
                            stack.push(Frame::Object(BTreeMap::new(), key.into_owned()));
                            continue;
                        }
                        None => Document::Object(BTreeMap::new()),
                    }
                }
                Some(b'[') => {
                    self.enter()?;
                    if self.next_element()? {
                        stack.push(Frame::Array(Vec::new()));
                        continue;
                    }
                    Document::Array(Vec::new())
                }
                Some(b'"') => Document::String(self.parse_str()?.into_owned()),
                Some(b't' | b'f' | b'n') => self.bool()?.map_or(Document::Null, Document::Bool),
                Some(b'-' | b'0'..=b'9') => Document::Number(self.number()?),
                _ => return Err(self.unexpected(self.pos)),
            };
            // Attach the finished value to its parent, closing every container that ends here.
            loop {
                let done = match stack.last_mut() {
                    None => return Ok(value),
                    Some(Frame::Array(items)) => {
                        items.push(value);
                        !self.next_element()?
                    }
                    Some(Frame::Object(members, key)) => {
                        members.insert(std::mem::take(key), value);
                        match self.next_key()? {
                            Some(next) => {
                                *key = next.into_owned();
                                false
                            }
                            None => true,
                        }
                    }
                };
                if !done {
                    break;
                }
                value = match stack.pop() {
                    Some(Frame::Array(items)) => Document::Array(items),
                    Some(Frame::Object(members, _)) => Document::Object(members),
                    None => Document::Null,
                };
            }
        }
    }

    fn number(&mut self) -> Result<Number, JsonError> {
        let n = self.scan_number()?;
        if n.integer {
            let text = std::str::from_utf8(&self.input[n.start..n.end]).unwrap_or_default();
            let v = if n.exact { Ok(i128::from(n.mantissa)) } else { text.trim_start_matches('-').parse::<i128>() };
            match v.map(|v| if n.neg { -v } else { v }) {
                Ok(v) if v >= 0 && v <= u64::MAX.into() => return Ok(Number::PosInt(v as u64)),
                Ok(v) if v < 0 && v >= i64::MIN.into() => return Ok(Number::NegInt(v as i64)),
                _ => {}
            }
        }
        self.parse_float::<f64>(&n, "f64").map(Number::Float)
    }

    /// Skips one value of any type, validating it. Iterative, so hostile nesting
    /// cannot overflow the stack; the depth limit still applies.
    pub fn skip(&mut self) -> Result<(), JsonError> {
        // One bit per open container: true for objects.
        let mut stack: Vec<bool> = Vec::new();
        loop {
            match self.peek_byte() {
                Some(b'{') => {
                    self.enter()?;
                    if self.skip_key()? {
                        stack.push(true);
                        continue;
                    }
                }
                Some(b'[') => {
                    self.enter()?;
                    if self.next_element()? {
                        stack.push(false);
                        continue;
                    }
                }
                Some(b'"') => drop(self.parse_str()?),
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => drop(self.scan_number()?),
                _ => return Err(self.unexpected(self.pos)),
            }
            loop {
                let more = match stack.last() {
                    None => return Ok(()),
                    Some(true) => self.skip_key()?,
                    Some(false) => self.next_element()?,
                };
                if more {
                    break;
                }
                stack.pop();
            }
        }
    }

    /// Checks that only whitespace remains.
    pub fn end(&mut self) -> Result<(), JsonError> {
        match self.peek_byte() {
            None => Ok(()),
            Some(_) => Err(JsonError::at(JsonErrorKind::TrailingCharacters, self.pos)),
        }
    }
}

/// Exact powers of ten representable in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
];

impl<'a> JsonReader<'a> {
    /// Parses the string whose opening quote is at `self.pos`.
    fn parse_str(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let input = self.input;
        let start = self.pos + 1;
        let mut high = 0;
        let end = scan_plain(input, start, &mut high);
        match input.get(end) {
            Some(b'"') => {
                let s = utf8(&input[start..end], high, start)?;
                self.pos = end + 1;
                Ok(Cow::Borrowed(s))
            }
            Some(b'\\') => self.parse_escaped(start, end, high).map(Cow::Owned),
            Some(_) => Err(JsonError::at(JsonErrorKind::ControlCharacter, end)),
            None => Err(JsonError::at(JsonErrorKind::UnexpectedEof, end)),
        }
    }

    /// Slow path of [`parse_str`](Self::parse_str): `input[start..escape]` is plain, `escape` is a backslash.
    #[cold]
    fn parse_escaped(&mut self, start: usize, mut escape: usize, high: u64) -> Result<String, JsonError> {
        let input = self.input;
        let mut out = String::with_capacity(escape - start + 16);
        out.push_str(utf8(&input[start..escape], high, start)?);
        loop {
            let run = self.unescape(escape, &mut out)?;
            let mut high = 0;
            let end = scan_plain(input, run, &mut high);
            out.push_str(utf8(&input[run..end], high, run)?);
            match input.get(end) {
                Some(b'"') => {
                    self.pos = end + 1;
                    return Ok(out);
                }
                Some(b'\\') => escape = end,
                Some(_) => return Err(JsonError::at(JsonErrorKind::ControlCharacter, end)),
                None => return Err(JsonError::at(JsonErrorKind::UnexpectedEof, end)),
            }
        }
    }

    /// Decodes the escape at `at` (a backslash) into `out`, returning the index after it.
    fn unescape(&self, at: usize, out: &mut String) -> Result<usize, JsonError> {
        let invalid = || JsonError::at(JsonErrorKind::InvalidEscape, at);
        let c = match *self.input.get(at + 1).ok_or_else(|| self.eof())? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4(at + 2)?;
                let (code, len) = match hi {
                    0xD800..=0xDBFF => {
                        // A high surrogate must be followed by an escaped low surrogate.
                        if self.input.get(at + 6..at + 8) != Some(b"\\u") {
                            return Err(invalid());
                        }
                        let lo = self.hex4(at + 8)?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err(invalid());
                        }
                        (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), 12)
                    }
                    0xDC00..=0xDFFF => return Err(invalid()),
                    _ => (hi, 6),
                };
                out.push(char::from_u32(code).ok_or_else(invalid)?);
                return Ok(at + len);
            }
            _ => return Err(invalid()),
        };
        out.push(c);
        Ok(at + 2)
    }

    fn hex4(&self, at: usize) -> Result<u32, JsonError> {
        let digits = self.input.get(at..at + 4).ok_or_else(|| self.eof())?;
        digits.iter().try_fold(0, |acc, &d| match (d as char).to_digit(16) {
            Some(v) => Ok(acc * 16 + v),
            None => Err(JsonError::at(JsonErrorKind::InvalidEscape, at - 2)),
        })
    }

    /// Scans a number per RFC 8259 starting at `self.pos` (a `-` or digit).
    #[inline]
    fn scan_number(&mut self) -> Result<NumberToken, JsonError> {
        let input = self.input;
        let start = self.pos;
        let mut i = start;
        let neg = input[i] == b'-';
        i += usize::from(neg);
        let (mut mantissa, mut exact, mut exp10) = (0u64, true, 0i64);
        let mut digits = |i: &mut usize, frac: bool| {
            let first = *i;
            while let Some(&d @ b'0'..=b'9') = input.get(*i) {
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(d - b'0');
                    exp10 -= i64::from(frac);
                } else {
                    // Beyond 19 digits; only the slow paths see these.
                    exact = false;
                }
                *i += 1;
            }
            *i - first
        };
        match input.get(i) {
            Some(b'0') => {
                i += 1;
                if matches!(input.get(i), Some(b'0'..=b'9')) {
                    return Err(JsonError::at(JsonErrorKind::InvalidNumber, i));
                }
            }
            Some(b'1'..=b'9') => {
                digits(&mut i, false);
            }
            _ => return Err(self.bad_number(i)),
        }
        let mut integer = true;
        if input.get(i) == Some(&b'.') {
            i += 1;
            integer = false;
            if digits(&mut i, true) == 0 {
                return Err(self.bad_number(i));
            }
        }
        if let Some(b'e' | b'E') = input.get(i) {
            i += 1;
            integer = false;
            let exp_neg = input.get(i) == Some(&b'-');
            i += usize::from(matches!(input.get(i), Some(b'-' | b'+')));
            let first = i;
            let mut exp = 0i64;
            while let Some(&d @ b'0'..=b'9') = input.get(i) {
                // Clamped: such exponents overflow or underflow every target anyway.
                exp = (exp * 10 + i64::from(d - b'0')).min(1 << 40);
                i += 1;
            }
            if i == first {
                return Err(self.bad_number(i));
            }
            exp10 += if exp_neg { -exp } else { exp };
        }
        self.pos = i;
        Ok(NumberToken { start, end: i, neg, mantissa, exp10, integer, exact })
    }

    fn bad_number(&self, at: usize) -> JsonError {
        let kind = if at == self.input.len() { JsonErrorKind::UnexpectedEof } else { JsonErrorKind::InvalidNumber };
        JsonError::at(kind, at)
    }

    /// Consumes `lit` (whose first byte is already known to match).
    #[inline]
    fn literal(&mut self, lit: &'static [u8]) -> Result<(), JsonError> {
        if self.input.get(self.pos..self.pos + lit.len()) == Some(lit) {
            self.pos += lit.len();
            return Ok(());
        }
        let mismatch = (0..lit.len()).find(|&k| self.input.get(self.pos + k) != Some(&lit[k]));
        Err(self.unexpected(self.pos + mismatch.unwrap_or(0)))
    }

    fn null_literal(&mut self) -> Result<bool, JsonError> {
        self.literal(b"null").map(|_| false)
    }

    fn eof(&self) -> JsonError {
        JsonError::at(JsonErrorKind::UnexpectedEof, self.input.len())
    }

    /// An error for the byte at `at`: end of input, or an unexpected character.
    #[cold]
    fn unexpected(&self, at: usize) -> JsonError {
        let Some(rest) = self.input.get(at..).filter(|r| !r.is_empty()) else {
            return self.eof();
        };
        let head = &rest[..rest.len().min(4)];
        let valid = match std::str::from_utf8(head) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
        };
        let c = valid.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        JsonError::at(JsonErrorKind::UnexpectedChar(c), at)
    }

    /// The error for a value of the wrong type at `self.pos` (whitespace already skipped).
    #[cold]
    fn mismatch(&self, expected: &'static str) -> JsonError {
        let found = match self.input.get(self.pos) {
            Some(b'{') => "object",
            Some(b'[') => "array",
            Some(b'"') => "string",
            Some(b't') if self.input[self.pos..].starts_with(b"true") => "boolean",
            Some(b'f') if self.input[self.pos..].starts_with(b"false") => "boolean",
            Some(b'-' | b'0'..=b'9') => "number",
            _ => return self.unexpected(self.pos),
        };
        JsonError::at(JsonErrorKind::TypeMismatch { expected, found }, self.pos)
    }
}

/// Validates `bytes` as UTF-8 (only needed when `high` says a byte was non-ASCII).
#[inline(always)]
fn utf8(bytes: &[u8], high: u64, offset: usize) -> Result<&str, JsonError> {
    let _ = high;
    std::str::from_utf8(bytes).map_err(|e| JsonError::at(JsonErrorKind::InvalidUtf8, offset + e.valid_up_to()))
}

/// The exact value of a well-formed JSON number with a fraction or exponent:
/// `Some(Some(v))` if integral and within `i128`, `Some(None)` if integral but
/// larger, `None` if it has a non-zero fractional part.
fn decimal_integer(text: &[u8]) -> Option<Option<i128>> {
    let neg = text.first() == Some(&b'-');
    let body = &text[usize::from(neg)..];
    let (mantissa, exp) = match body.iter().position(|&b| b == b'e' || b == b'E') {
        Some(e) => (&body[..e], &body[e + 1..]),
        None => (body, &b""[..]),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(p) => (&mantissa[..p], &mantissa[p + 1..]),
        None => (mantissa, &b""[..]),
    };
    let exp_neg = exp.first() == Some(&b'-');
    let exp = exp.iter().filter(|d| d.is_ascii_digit()).fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(1 << 40));
    // Digits of int ++ frac; the decimal point sits before index `point`.
    let digits = || int.iter().chain(frac).map(|d| d - b'0');
    let point = int.len() as i64 + if exp_neg { -exp } else { exp };
    let Some(first) = digits().position(|d| d != 0) else {
        return Some(Some(0));
    };
    if digits().skip(point.max(0) as usize).any(|d| d != 0) {
        return None;
    }
    if point - first as i64 > 39 {
        return Some(None);
    }
    let mut value: i128 = 0;
    for i in first as i64..point {
        let d = digits().nth(i as usize).unwrap_or(0);
        value = match value.checked_mul(10).and_then(|v| v.checked_add(d.into())) {
            Some(v) => v,
            None => return Some(None),
        };
    }
    Some(Some(if neg { -value } else { value }))
}

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
    fn at(kind: JsonErrorKind, offset: usize) -> Self {
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

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
