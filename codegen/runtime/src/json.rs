//! The JSON codec behind generated serializers and deserializers.
//!
//! [`JsonWriter`] appends compact JSON to a byte buffer. [`JsonReader`] is a
//! pull parser over the response bytes: generated code asks for exactly the
//! value it expects next, so no intermediate tree is built, and keys and
//! strings without escapes are borrowed from the input.
//!
//! To keep files short, the writer and number handling live in the sibling
//! files `json_writer.rs` and `json_number.rs`. Errors are the runtime's
//! body-reading error (`body_error.rs`), named [`JsonError`] here.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::base64;
use super::datetime::{DateTime, Format};
use super::document::{Document, Number};

#[path = "json_number.rs"]
mod number;
#[path = "json_writer.rs"]
mod writer;

pub use crate::body_error::{BodyError as JsonError, BodyErrorKind as JsonErrorKind};
pub use writer::JsonWriter;

const LO: u64 = 0x0101_0101_0101_0101;

/// Marks (in the high bit of each byte) the bytes of `w` that are `"`, `\` or below 0x20.
/// Borrows can set spurious marks only above a real one, so the lowest mark is exact.
#[inline(always)]
fn special_mask(w: u64) -> u64 {
    let zero = |v: u64| v.wrapping_sub(LO) & !v;
    let (quote, backslash) = (w ^ (LO * u64::from(b'"')), w ^ (LO * u64::from(b'\\')));
    (zero(quote) | zero(backslash) | (w.wrapping_sub(LO * 0x20) & !w)) & (LO << 7)
}

/// Index of the first `"`, `\` or control byte at or after `i`, or `input.len()`.
/// Eight bytes per step, as string bodies are mostly plain.
#[inline(always)]
fn scan_plain(input: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = input.get(i..i + 8) {
        let m = special_mask(u64::from_le_bytes(chunk.try_into().expect("8-byte chunk")));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while input.get(i).is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20) {
        i += 1;
    }
    i
}

/// `a == b` for slices of equal length, in (overlapping) 8- or 4-byte words:
/// inlined, it beats a call to `bcmp` for the short member names it compares.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word8 = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().expect("8 bytes"));
    let word4 = |s: &[u8], i: usize| u32::from_le_bytes(s[i..i + 4].try_into().expect("4 bytes"));
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            if word8(a, i) != word8(b, i) {
                return false;
            }
            i += 8;
        }
        word8(a, n - 8) == word8(b, n - 8)
    } else if n >= 4 {
        word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4)
    } else {
        a == b
    }
}

/// Pull parser over a JSON document in memory.
///
/// Every value method skips leading whitespace and returns `Ok(None)` for
/// `null`, which generated code treats as an absent member. Containers are read
/// with [`begin_object`](Self::begin_object)/[`next_key`](Self::next_key) and
/// [`begin_array`](Self::begin_array)/[`next_element`](Self::next_element); each
/// value inside must be read (or [`skip`](Self::skip)ped) before asking for the
/// next key or element. Nesting beyond the maximum depth is an error. The input
/// must be one complete value: even empty input is an error.
#[derive(Clone, Debug)]
pub struct JsonReader<'a> {
    input: &'a [u8],
    /// The input as `str` if it is all UTF-8. Checked once up front (fast for
    /// ASCII), so strings are sliced from it without validating each one.
    text: Option<&'a str>,
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
        JsonReader { input, text: std::str::from_utf8(input).ok(), pos: 0, depth: 0, max_depth, first: false }
    }

    /// Byte offset of the next unread byte.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Skips whitespace and returns the next byte without consuming it.
    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.input.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// Whether the next value starts like `null` (skips whitespace, consumes nothing else).
    pub fn is_null_next(&mut self) -> bool {
        self.peek() == Some(b'n')
    }

    /// Consumes `{` and returns true, or consumes `null` and returns false.
    pub fn begin_object(&mut self) -> Result<bool, JsonError> {
        match self.peek() {
            Some(b'{') => self.enter(),
            Some(b'n') => self.null::<()>().map(|_| false),
            _ => Err(self.mismatch("object")),
        }
    }

    /// Consumes `[` and returns true, or consumes `null` and returns false.
    pub fn begin_array(&mut self) -> Result<bool, JsonError> {
        match self.peek() {
            Some(b'[') => self.enter(),
            Some(b'n') => self.null::<()>().map(|_| false),
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

    /// Consumes the `close` bracket (false), or the comma before a later entry (true).
    #[inline(always)]
    fn next_entry(&mut self, close: u8) -> Result<bool, JsonError> {
        let b = self.peek();
        if b == Some(close) {
            self.pos += 1;
            self.depth = self.depth.saturating_sub(1);
            self.first = false;
            return Ok(false);
        }
        if std::mem::take(&mut self.first) {
            return Ok(true);
        }
        if b != Some(b',') {
            return Err(self.unexpected(self.pos));
        }
        let comma = self.pos;
        self.pos += 1;
        if self.peek() == Some(close) {
            return Err(JsonError::at(JsonErrorKind::TrailingComma, comma));
        }
        Ok(true)
    }

    /// Consumes the comma before a key, leaving the key's opening quote next
    /// (true), or the closing `}` (false). A key must follow a comma, so the
    /// trailing-comma check costs nothing extra.
    #[inline(always)]
    fn key_start(&mut self) -> Result<bool, JsonError> {
        match self.peek() {
            Some(b'}') => {
                self.pos += 1;
                self.depth = self.depth.saturating_sub(1);
                self.first = false;
                Ok(false)
            }
            Some(b'"') if std::mem::take(&mut self.first) => Ok(true),
            Some(b',') if !self.first => {
                let comma = self.pos;
                self.pos += 1;
                match self.peek() {
                    Some(b'"') => Ok(true),
                    Some(b'}') => Err(JsonError::at(JsonErrorKind::TrailingComma, comma)),
                    _ => Err(self.unexpected(self.pos)),
                }
            }
            _ => Err(self.unexpected(self.pos)),
        }
    }

    /// Consumes a comma if needed, then the next key and its colon (Some), or the closing `}` (None).
    #[inline]
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        if !self.key_start()? {
            return Ok(None);
        }
        let key = self.parse_str()?;
        if self.peek() != Some(b':') {
            return Err(self.unexpected(self.pos));
        }
        self.pos += 1;
        Ok(Some(key))
    }

    /// Like [`next_key`](Self::next_key), for a structure whose member names are
    /// `names`: the index of the name the key equals, `names.len()` for any
    /// other key (whose value the caller must then skip), or `None` at `}`.
    ///
    /// Each name must be plain JSON string content (no `"`, `\\` or control
    /// characters). The key is then compared against the raw input, trying
    /// `names[hint]` first: services write members in model order, so passing
    /// the index after the last match usually hits at once, without scanning
    /// or building the key. Keys written with escapes take the general path.
    #[inline(always)]
    pub fn next_member(&mut self, names: &[&str], hint: usize) -> Result<Option<usize>, JsonError> {
        if !self.key_start()? {
            return Ok(None);
        }
        let body = &self.input[self.pos + 1..];
        let mut i = if hint < names.len() { hint } else { 0 };
        let mut found = None;
        for _ in 0..names.len() {
            let name = names[i].as_bytes();
            // The closing quote first: it rules out most names in one compare.
            if body.get(name.len()) == Some(&b'"') && same_bytes(&body[..name.len()], name) {
                self.pos += name.len() + 2;
                found = Some(i);
                break;
            }
            i = if i + 1 == names.len() { 0 } else { i + 1 };
        }
        let index = match found {
            Some(i) => i,
            None => self.other_member(names)?,
        };
        if self.peek() != Some(b':') {
            return Err(self.unexpected(self.pos));
        }
        self.pos += 1;
        Ok(Some(index))
    }

    /// [`next_member`](Self::next_member) for a key that is no name as written:
    /// an unknown key, or one with escapes that may still spell a name.
    #[inline(never)]
    fn other_member(&mut self, names: &[&str]) -> Result<usize, JsonError> {
        Ok(match self.parse_str()? {
            // Plain keys were compared already.
            Cow::Borrowed(_) => names.len(),
            Cow::Owned(key) => names.iter().position(|n| *n == key).unwrap_or(names.len()),
        })
    }

    /// Returns true if another element follows (consuming the comma), false once `]` is consumed.
    pub fn next_element(&mut self) -> Result<bool, JsonError> {
        self.next_entry(b']')
    }

    /// Reads a string, borrowed from the input unless it contains escapes.
    pub fn str(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        match self.peek() {
            Some(b'"') => self.parse_str().map(Some),
            Some(b'n') => self.null(),
            _ => Err(self.mismatch("string")),
        }
    }

    /// Reads a string into an owned `String`: a plain one is copied once,
    /// straight from the input.
    #[inline]
    pub fn string(&mut self) -> Result<Option<String>, JsonError> {
        if self.peek() == Some(b'"') {
            if let Some(s) = self.plain_str() {
                return Ok(Some(s.to_owned()));
            }
        }
        Ok(self.str()?.map(Cow::into_owned))
    }

    /// Reads `true` or `false`.
    pub fn bool(&mut self) -> Result<Option<bool>, JsonError> {
        match self.peek() {
            Some(b't') => self.literal(b"true").map(|_| Some(true)),
            Some(b'f') => self.literal(b"false").map(|_| Some(false)),
            Some(b'n') => self.null(),
            _ => Err(self.mismatch("boolean")),
        }
    }

    /// Reads an integer. Integral numbers written with a fraction or exponent
    /// (`5.0`, `1e2`) are accepted; others (`5.5`) are a type mismatch.
    pub fn i64(&mut self) -> Result<Option<i64>, JsonError> {
        self.integer("i64")
    }

    /// Reads an integer that must fit an `i32` (see [`i64`](Self::i64)).
    pub fn i32(&mut self) -> Result<Option<i32>, JsonError> {
        self.integer("i32")
    }

    /// Reads an integer that must fit an `i16` (see [`i64`](Self::i64)).
    pub fn i16(&mut self) -> Result<Option<i16>, JsonError> {
        self.integer("i16")
    }

    /// Reads an integer that must fit an `i8` (see [`i64`](Self::i64)).
    pub fn i8(&mut self) -> Result<Option<i8>, JsonError> {
        self.integer("i8")
    }

    fn integer<T: TryFrom<i128>>(&mut self, ty: &'static str) -> Result<Option<T>, JsonError> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.read_integer(ty).map(Some),
            Some(b'n') => self.null(),
            _ => Err(self.mismatch("integer")),
        }
    }

    /// Reads a float: a number, or one of the strings `"NaN"`, `"Infinity"` and
    /// `"-Infinity"`. Numbers too large for `f64` are out of range.
    pub fn f64(&mut self) -> Result<Option<f64>, JsonError> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.read_f64().map(Some),
            _ => self.special_float(),
        }
    }

    /// Reads a float like [`f64`](Self::f64), rounding the decimal text directly to `f32`.
    pub fn f32(&mut self) -> Result<Option<f32>, JsonError> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.read_f32().map(Some),
            _ => Ok(self.special_float()?.map(|v| v as f32)),
        }
    }

    /// The non-number cases of the float readers.
    fn special_float(&mut self) -> Result<Option<f64>, JsonError> {
        let start = self.pos;
        match self.peek() {
            Some(b'"') => match &*self.parse_str()? {
                "NaN" => Ok(Some(f64::NAN)),
                "Infinity" => Ok(Some(f64::INFINITY)),
                "-Infinity" => Ok(Some(f64::NEG_INFINITY)),
                _ => Err(JsonError::at(JsonErrorKind::TypeMismatch { expected: "number", found: "string" }, start)),
            },
            Some(b'n') => self.null(),
            _ => Err(self.mismatch("number")),
        }
    }

    /// Reads a timestamp.
    ///
    /// Leniently, a JSON number is read as epoch seconds whatever `format` is,
    /// losslessly from its text. A string is parsed in `format`, so for
    /// [`Format::EpochSeconds`] a numeric string such as `"1700000000.5"` works too.
    pub fn timestamp(&mut self, format: Format) -> Result<Option<DateTime>, JsonError> {
        let next = self.peek();
        let start = self.pos;
        if matches!(next, Some(b'0'..=b'9')) {
            if let Some((secs, nanos, end)) = self.plain_epoch() {
                self.pos = end;
                return Ok(Some(DateTime::from_secs_and_nanos(secs, nanos)));
            }
        }
        let parsed = match next {
            Some(b'-' | b'0'..=b'9') => DateTime::parse_epoch_number(self.number_text()?),
            Some(b'"') => DateTime::parse(&self.parse_str()?, format),
            Some(b'n') => return self.null(),
            _ => return Err(self.mismatch(if format == Format::EpochSeconds { "number" } else { "string" })),
        };
        parsed.map(Some).map_err(|e| JsonError::at(JsonErrorKind::Timestamp(e), start))
    }

    /// Reads a base64 string as bytes.
    pub fn blob(&mut self) -> Result<Option<Vec<u8>>, JsonError> {
        self.peek();
        let start = self.pos;
        match self.str()? {
            Some(s) => base64::decode(&s).map(Some).map_err(|e| JsonError::at(JsonErrorKind::Base64(e), start)),
            None => Ok(None),
        }
    }

    /// Reads any value as a [`Document`] (`null` gives [`Document::Null`]).
    ///
    /// Iterative, so only the depth limit bounds nesting. Integers become
    /// `PosInt`/`NegInt` when they fit 64 bits, other numbers `Float`. For
    /// duplicate keys the last value wins.
    pub fn document(&mut self) -> Result<Document, JsonError> {
        enum Frame {
            Array(Vec<Document>),
            Object(BTreeMap<String, Document>, String),
        }
        let mut stack = Vec::new();
        loop {
            let mut value = match self.peek() {
                Some(b'{') => match (self.enter()?, self.next_key()?) {
                    (_, Some(key)) => {
                        stack.push(Frame::Object(BTreeMap::new(), key.into_owned()));
                        continue;
                    }
                    (_, None) => Document::Object(BTreeMap::new()),
                },
                Some(b'[') => match (self.enter()?, self.next_element()?) {
                    (_, true) => {
                        stack.push(Frame::Array(Vec::new()));
                        continue;
                    }
                    (_, false) => Document::Array(Vec::new()),
                },
                Some(b'"') => Document::String(self.parse_str()?.into_owned()),
                Some(b't' | b'f' | b'n') => self.bool()?.map_or(Document::Null, Document::Bool),
                Some(b'-' | b'0'..=b'9') => Document::Number(self.read_number()?),
                _ => return Err(self.unexpected(self.pos)),
            };
            // Attach the value to its parent, closing each container that ends here.
            loop {
                let open = match stack.last_mut() {
                    None => return Ok(value),
                    Some(Frame::Array(items)) => {
                        items.push(value);
                        self.next_element()?
                    }
                    Some(Frame::Object(members, key)) => {
                        members.insert(std::mem::take(key), value);
                        self.next_key()?.map(|next| *key = next.into_owned()).is_some()
                    }
                };
                if open {
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

    /// Skips one value of any type, validating it. Iterative, so hostile nesting
    /// cannot overflow the stack; the depth limit still applies.
    pub fn skip(&mut self) -> Result<(), JsonError> {
        // One entry per open container: true for objects.
        let mut stack: Vec<bool> = Vec::new();
        loop {
            match self.peek() {
                Some(b'{') => {
                    if self.enter()? && self.next_key()?.is_some() {
                        stack.push(true);
                        continue;
                    }
                }
                Some(b'[') => {
                    if self.enter()? && self.next_element()? {
                        stack.push(false);
                        continue;
                    }
                }
                Some(b'"') => _ = self.parse_str()?,
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => _ = self.number_text()?,
                _ => return Err(self.unexpected(self.pos)),
            }
            loop {
                let open = match stack.last() {
                    None => return Ok(()),
                    Some(true) => self.next_key()?.is_some(),
                    Some(false) => self.next_element()?,
                };
                if open {
                    break;
                }
                stack.pop();
            }
        }
    }

    /// Checks that only whitespace remains.
    pub fn end(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(JsonError::at(JsonErrorKind::TrailingCharacters, self.pos)),
        }
    }

    /// Parses the string whose opening quote is at `self.pos`. Inlined: the
    /// plain case is a scan and a slice; anything else goes out of line.
    #[inline(always)]
    fn parse_str(&mut self) -> Result<Cow<'a, str>, JsonError> {
        match self.plain_str() {
            Some(s) => Ok(Cow::Borrowed(s)),
            None => {
                let start = self.pos + 1;
                self.parse_str_slow(start, scan_plain(self.input, start))
            }
        }
    }

    /// The string whose opening quote is at `self.pos`, consumed, if it has
    /// no escapes and the input is UTF-8; else `None`, consuming nothing.
    #[inline(always)]
    fn plain_str(&mut self) -> Option<&'a str> {
        let start = self.pos + 1;
        let end = scan_plain(self.input, start);
        if self.input.get(end) != Some(&b'"') {
            return None;
        }
        let s = self.text?.get(start..end)?;
        self.pos = end + 1;
        Some(s)
    }

    /// [`parse_str`](Self::parse_str) past its fast path: escapes, control
    /// characters, the end of input, or input that is not all UTF-8.
    #[cold]
    #[inline(never)]
    fn parse_str_slow(&mut self, start: usize, end: usize) -> Result<Cow<'a, str>, JsonError> {
        match self.input.get(end) {
            Some(b'"') => {
                let s = self.utf8(start, end)?;
                self.pos = end + 1;
                Ok(Cow::Borrowed(s))
            }
            Some(b'\\') => self.parse_escaped(start, end).map(Cow::Owned),
            Some(_) => Err(JsonError::at(JsonErrorKind::ControlCharacter, end)),
            None => Err(self.eof()),
        }
    }

    /// The rest of a string with escapes: `start..escape` is plain and `escape` a backslash.
    #[cold]
    fn parse_escaped(&mut self, start: usize, mut escape: usize) -> Result<String, JsonError> {
        let mut out = String::with_capacity(escape - start + 16);
        out.push_str(self.utf8(start, escape)?);
        loop {
            let run = self.unescape(escape, &mut out)?;
            let end = scan_plain(self.input, run);
            out.push_str(self.utf8(run, end)?);
            match self.input.get(end) {
                Some(b'"') => {
                    self.pos = end + 1;
                    return Ok(out);
                }
                Some(b'\\') => escape = end,
                Some(_) => return Err(JsonError::at(JsonErrorKind::ControlCharacter, end)),
                None => return Err(self.eof()),
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
                let (code, len) = match self.hex4(at + 2)? {
                    // A high surrogate must be followed by an escaped low surrogate.
                    hi @ 0xD800..=0xDBFF if self.input.get(at + 6..at + 8) == Some(b"\\u") => {
                        match self.hex4(at + 8)? {
                            lo @ 0xDC00..=0xDFFF => (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), 12),
                            _ => return Err(invalid()),
                        }
                    }
                    0xD800..=0xDFFF => return Err(invalid()),
                    code => (code, 6),
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

    /// Consumes `lit`, whose first byte is known to match.
    #[inline]
    fn literal(&mut self, lit: &'static [u8]) -> Result<(), JsonError> {
        if self.input.get(self.pos..self.pos + lit.len()) == Some(lit) {
            self.pos += lit.len();
            return Ok(());
        }
        let bad = (0..lit.len()).find(|&k| self.input.get(self.pos + k) != Some(&lit[k]));
        Err(self.unexpected(self.pos + bad.unwrap_or(0)))
    }

    /// Consumes `null`, yielding the `Ok(None)` every value method returns for it.
    fn null<T>(&mut self) -> Result<Option<T>, JsonError> {
        self.literal(b"null").map(|_| None)
    }

    /// The text at `start..end`; both ends are next to ASCII bytes, so they are char boundaries.
    #[inline(always)]
    fn utf8(&self, start: usize, end: usize) -> Result<&'a str, JsonError> {
        match self.text.and_then(|t| t.get(start..end)) {
            Some(s) => Ok(s),
            // Not all UTF-8: validate this piece to find the exact offset.
            None => std::str::from_utf8(&self.input[start..end])
                .map_err(|e| JsonError::at(JsonErrorKind::InvalidUtf8, start + e.valid_up_to())),
        }
    }

    fn eof(&self) -> JsonError {
        JsonError::at(JsonErrorKind::UnexpectedEof, self.input.len())
    }

    /// The error for the byte at `at`: end of input, or an unexpected character.
    #[cold]
    fn unexpected(&self, at: usize) -> JsonError {
        let rest = self.input.get(at..).unwrap_or_default();
        if rest.is_empty() {
            return self.eof();
        }
        let head = &rest[..rest.len().min(4)];
        let valid = std::str::from_utf8(head)
            .unwrap_or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default());
        let c = valid.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        JsonError::at(JsonErrorKind::UnexpectedChar(c), at)
    }

    /// The error for a value of the wrong type at `self.pos`.
    #[cold]
    fn mismatch(&self, expected: &'static str) -> JsonError {
        let rest = &self.input[self.pos.min(self.input.len())..];
        let found = match rest.first() {
            Some(b'{') => "object",
            Some(b'[') => "array",
            Some(b'"') => "string",
            Some(b'-' | b'0'..=b'9') => "number",
            _ if rest.starts_with(b"true") || rest.starts_with(b"false") => "boolean",
            _ => return self.unexpected(self.pos),
        };
        JsonError::at(JsonErrorKind::TypeMismatch { expected, found }, self.pos)
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "json_fast_tests.rs"]
mod fast_tests;
