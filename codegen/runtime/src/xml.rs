//! A small XML pull reader for awsQuery (and later restXml) responses.
//!
//! Generated deserializers walk the document the way they walk JSON: open an
//! element, ask for its children by local name ([`XmlReader::next_child`]),
//! read a child's text as the member's type, [`skip`](XmlReader::skip) the
//! rest. No tree is built; text without entities is borrowed. What AWS
//! responses use is read: elements, attributes (skipped), the five named
//! entities and character references, CDATA, comments, processing
//! instructions and a DOCTYPE without an internal subset. Namespaces are
//! ignored: an element is known by its local name (after any `prefix:`).
//! Errors are the runtime's body-reading error, named [`XmlError`] here (the
//! JSON reader's `XmlError` is the same type), so a
//! [`ResponseError`](crate::error::ResponseError) holds either.

use super::base64;
use super::datetime::{DateTime, Format};
pub use crate::body_error::BodyError as XmlError;
use crate::body_error::BodyErrorKind;
use std::borrow::Cow;

/// Elements nested deeper than this are refused (the depth of the open
/// element stack; generated code and [`XmlReader::skip`] never recurse past it).
const MAX_DEPTH: usize = 256;

/// A pull reader over one XML document.
#[derive(Debug)]
pub struct XmlReader<'a> {
    input: &'a str,
    pos: usize,
    /// Names (as written, prefix included) of the open elements.
    open: Vec<&'a str>,
    /// The element opened last was `<x/>`: no content, no end tag to read.
    self_closed: bool,
}

enum Tag<'a> {
    Start(&'a str),
    End,
}

fn err(kind: BodyErrorKind, offset: usize) -> XmlError {
    XmlError::new(kind, Some(offset))
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

impl<'a> XmlReader<'a> {
    /// A reader over `bytes`, which must be UTF-8.
    pub fn new(bytes: &'a [u8]) -> Result<Self, XmlError> {
        let input = std::str::from_utf8(bytes).map_err(|e| err(BodyErrorKind::InvalidUtf8, e.valid_up_to()))?;
        let input = input.strip_prefix('\u{feff}').unwrap_or(input);
        Ok(XmlReader { input, pos: 0, open: Vec::new(), self_closed: false })
    }

    /// Opens the document's root element (after the XML declaration,
    /// comments and a DOCTYPE) and gives its local name.
    pub fn root(&mut self) -> Result<&'a str, XmlError> {
        loop {
            self.skip_whitespace();
            if self.pos >= self.input.len() {
                return Err(err(BodyErrorKind::UnexpectedEof, self.pos));
            }
            if !self.rest().starts_with('<') {
                return Err(self.unexpected());
            }
            if let Some(Tag::Start(name)) = self.markup()? {
                return Ok(local(name));
            }
        }
    }

    /// Checks that only whitespace, comments and processing instructions
    /// follow the root element.
    pub fn end(&mut self) -> Result<(), XmlError> {
        loop {
            self.skip_whitespace();
            if self.pos >= self.input.len() {
                return Ok(());
            }
            if self.rest().starts_with("<!--") || self.rest().starts_with("<?") {
                self.markup()?;
            } else {
                return Err(err(BodyErrorKind::TrailingCharacters, self.pos));
            }
        }
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn skip_whitespace(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
    }

    fn unexpected(&self) -> XmlError {
        match self.rest().chars().next() {
            Some(c) => err(BodyErrorKind::UnexpectedChar(c), self.pos),
            None => err(BodyErrorKind::UnexpectedEof, self.pos),
        }
    }

    /// Moves past `end`, returning what came before it.
    fn until(&mut self, end: &str) -> Result<&'a str, XmlError> {
        let rest = self.rest();
        let at = rest.find(end).ok_or_else(|| err(BodyErrorKind::UnexpectedEof, self.input.len()))?;
        self.pos += at + end.len();
        Ok(&rest[..at])
    }

    /// Reads one piece of markup at `<`: a start or end tag (updating the
    /// open elements), or `None` for a comment, PI or DOCTYPE. CDATA is the
    /// caller's to handle before this.
    fn markup(&mut self) -> Result<Option<Tag<'a>>, XmlError> {
        let rest = self.rest();
        if rest.starts_with("<!--") {
            self.pos += 4;
            self.until("-->")?;
            return Ok(None);
        }
        if rest.starts_with("<?") {
            self.pos += 2;
            self.until("?>")?;
            return Ok(None);
        }
        if rest.starts_with("<!DOCTYPE") {
            self.until(">")?;
            return Ok(None);
        }
        if let Some(after) = rest.strip_prefix("</") {
            let start = self.pos;
            let name_len = after.find(|c: char| c == '>' || c.is_ascii_whitespace()).unwrap_or(after.len());
            let name = &after[..name_len];
            self.pos += 2 + name_len;
            self.skip_whitespace();
            if !self.rest().starts_with('>') {
                return Err(self.unexpected());
            }
            self.pos += 1;
            match self.open.pop() {
                Some(open) if open == name => return Ok(Some(Tag::End)),
                _ => return Err(XmlError::custom(format!("unexpected end tag </{name}>")).with_offset(start)),
            }
        }
        let after = &rest[1..];
        let name_len = after.find(|c: char| matches!(c, '>' | '/') || c.is_ascii_whitespace()).unwrap_or(after.len());
        if name_len == 0 {
            return Err(err(BodyErrorKind::UnexpectedChar('<'), self.pos));
        }
        let name = &after[..name_len];
        self.pos += 1 + name_len;
        // Attributes are skipped; a quoted value may hold `>` or `/`.
        loop {
            self.skip_whitespace();
            let rest = self.rest();
            if rest.starts_with("/>") {
                self.pos += 2;
                self.self_closed = true;
                break;
            }
            if rest.starts_with('>') {
                self.pos += 1;
                self.self_closed = false;
                break;
            }
            let eq = rest.find('=').ok_or_else(|| err(BodyErrorKind::UnexpectedEof, self.input.len()))?;
            self.pos += eq + 1;
            self.skip_whitespace();
            let quote = match self.rest().chars().next() {
                Some(q @ ('"' | '\'')) => q,
                _ => return Err(self.unexpected()),
            };
            self.pos += 1;
            self.until(if quote == '"' { "\"" } else { "'" })?;
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(err(BodyErrorKind::DepthLimit, self.pos));
        }
        // A self-closed element counts as open until `next_tag` or `text`
        // reads its (absent) end tag.
        self.open.push(name);
        Ok(Some(Tag::Start(name)))
    }

    /// The next start or end tag inside the element open, skipping text.
    fn next_tag(&mut self) -> Result<Tag<'a>, XmlError> {
        if self.self_closed {
            self.self_closed = false;
            self.open.pop();
            return Ok(Tag::End);
        }
        loop {
            let rest = self.rest();
            let at = rest.find('<').ok_or_else(|| err(BodyErrorKind::UnexpectedEof, self.input.len()))?;
            self.pos += at;
            if self.rest().starts_with("<![CDATA[") {
                self.until("]]>")?;
                continue;
            }
            if let Some(tag) = self.markup()? {
                return Ok(tag);
            }
        }
    }

    /// The local name of the next child element of the element open, which
    /// is then the open one; `None` once the element's end tag is read.
    /// Text between children (whitespace) is ignored.
    pub fn next_child(&mut self) -> Result<Option<&'a str>, XmlError> {
        match self.next_tag()? {
            Tag::Start(name) => Ok(Some(local(name))),
            Tag::End => Ok(None),
        }
    }

    /// Skips the rest of the element open, through its end tag.
    pub fn skip(&mut self) -> Result<(), XmlError> {
        let depth = self.open.len();
        while self.open.len() >= depth {
            self.next_tag()?;
        }
        Ok(())
    }

    /// The text of the element open, through its end tag: entities decoded,
    /// CDATA taken as it is, comments dropped. An element inside is an error.
    pub fn text(&mut self) -> Result<Cow<'a, str>, XmlError> {
        if self.self_closed {
            self.self_closed = false;
            self.open.pop();
            return Ok(Cow::Borrowed(""));
        }
        let mut out: Option<String> = None;
        let mut borrowed: &'a str = "";
        loop {
            let rest = self.rest();
            let at = rest.find('<').ok_or_else(|| err(BodyErrorKind::UnexpectedEof, self.input.len()))?;
            let chunk = &rest[..at];
            let start = self.pos;
            self.pos += at;
            if !chunk.is_empty() {
                if chunk.contains(['&', '\r']) || out.is_some() || !borrowed.is_empty() {
                    let buf = out.get_or_insert_with(|| borrowed.to_owned());
                    decode_into(chunk, start, buf)?;
                } else {
                    borrowed = chunk;
                }
            }
            if self.rest().starts_with("<![CDATA[") {
                self.pos += 9;
                let data = self.until("]]>")?;
                out.get_or_insert_with(|| borrowed.to_owned()).push_str(data);
                continue;
            }
            let offset = self.pos;
            match self.markup()? {
                None => continue,
                Some(Tag::End) => break,
                Some(Tag::Start(_)) => {
                    return Err(err(BodyErrorKind::TypeMismatch { expected: "text", found: "element" }, offset));
                }
            }
        }
        Ok(out.map_or(Cow::Borrowed(borrowed), Cow::Owned))
    }

    /// The text as a `String`.
    pub fn string(&mut self) -> Result<String, XmlError> {
        self.text().map(Cow::into_owned)
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Result<bool, XmlError> {
        let offset = self.pos;
        match self.text()?.trim() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(err(BodyErrorKind::TypeMismatch { expected: "boolean", found: "text" }, offset)),
        }
    }

    /// An integer of type `T` (`ty` names it in errors).
    pub fn int<T: std::str::FromStr>(&mut self, ty: &'static str) -> Result<T, XmlError> {
        let offset = self.pos;
        let text = self.text()?;
        let text = text.trim();
        text.parse().map_err(|_| {
            let kind = if !text.is_empty() && text.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) {
                BodyErrorKind::OutOfRange(ty)
            } else {
                BodyErrorKind::TypeMismatch { expected: "integer", found: "text" }
            };
            err(kind, offset)
        })
    }

    /// A float: a decimal number, `NaN`, `Infinity` or `-Infinity`.
    pub fn f64(&mut self) -> Result<f64, XmlError> {
        let offset = self.pos;
        let text = self.text()?;
        match text.trim() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            t => t.parse().map_err(|_| err(BodyErrorKind::TypeMismatch { expected: "number", found: "text" }, offset)),
        }
    }

    /// A timestamp, read in `format` first and then, as botocore's lenient
    /// parser does, in the other two.
    pub fn timestamp(&mut self, format: Format) -> Result<DateTime, XmlError> {
        let offset = self.pos;
        let text = self.text()?;
        let text = text.trim();
        DateTime::parse(text, format)
            .or_else(|first| {
                [Format::DateTime, Format::EpochSeconds, Format::HttpDate]
                    .into_iter()
                    .filter(|other| *other != format)
                    .find_map(|other| DateTime::parse(text, other).ok())
                    .ok_or(first)
            })
            .map_err(|e| err(BodyErrorKind::Timestamp(e), offset))
    }

    /// Base64 text as bytes.
    pub fn blob(&mut self) -> Result<Vec<u8>, XmlError> {
        let offset = self.pos;
        let text = self.text()?;
        let text: String = text.split_ascii_whitespace().collect();
        base64::decode(&text).map_err(|e| err(BodyErrorKind::Base64(e), offset))
    }
}

/// A wrapped list: every child element of the element open is an item
/// (botocore does not check their name, `member` or another).
pub fn list<'a, T>(
    r: &mut XmlReader<'a>,
    mut item: impl FnMut(&mut XmlReader<'a>) -> Result<T, XmlError>,
) -> Result<Vec<T>, XmlError> {
    let mut out = Vec::new();
    while r.next_child()?.is_some() {
        out.push(item(r).map_err(|e| e.in_index(out.len()))?);
    }
    Ok(out)
}

/// One map entry, the element open: its `key_name` and `value_name`
/// children. Any other child is an error, as in botocore.
pub fn map_entry<'a, K, V>(
    r: &mut XmlReader<'a>,
    (key_name, value_name): (&str, &str),
    key: impl Fn(&str) -> K,
    mut value: impl FnMut(&mut XmlReader<'a>) -> Result<V, XmlError>,
) -> Result<(K, V), XmlError> {
    let (mut k, mut v) = (None, None);
    while let Some(name) = r.next_child()? {
        if name == key_name {
            k = Some(key(&r.text()?));
        } else if name == value_name {
            v = Some(value(r)?);
        } else {
            return Err(XmlError::custom(format!("unexpected element <{name}> in a map entry")));
        }
    }
    match (k, v) {
        (Some(k), Some(v)) => Ok((k, v)),
        (None, _) => Err(XmlError::missing_member("key")),
        (Some(_), None) => Err(XmlError::missing_member("value")),
    }
}

/// A wrapped map: every child element of the element open is an entry
/// ([`map_entry`]).
pub fn map<'a, K: Eq + std::hash::Hash, V>(
    r: &mut XmlReader<'a>,
    names: (&str, &str),
    key: impl Fn(&str) -> K,
    mut value: impl FnMut(&mut XmlReader<'a>) -> Result<V, XmlError>,
) -> Result<std::collections::HashMap<K, V>, XmlError> {
    let mut out = std::collections::HashMap::new();
    while r.next_child()?.is_some() {
        let (k, v) = map_entry(r, names, &key, &mut value).map_err(|e| e.in_index(out.len()))?;
        out.insert(k, v);
    }
    Ok(out)
}

/// Appends `text` with entities and character references decoded and line
/// ends normalized to `\n`, as XML 1.0 requires.
fn decode_into(text: &str, offset: usize, out: &mut String) -> Result<(), XmlError> {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '\r']) {
        out.push_str(&rest[..at]);
        if rest[at..].starts_with('\r') {
            out.push('\n');
            rest = rest[at + 1..].strip_prefix('\n').unwrap_or(&rest[at + 1..]);
            continue;
        }
        let after = &rest[at + 1..];
        let bad = || XmlError::custom("invalid entity reference").with_offset(offset + (text.len() - rest.len()) + at);
        let end = after.find(';').ok_or_else(bad)?;
        let c = match &after[..end] {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            r => {
                let code = if let Some(hex) = r.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    r.strip_prefix('#').and_then(|dec| dec.parse().ok())
                };
                code.and_then(char::from_u32).ok_or_else(bad)?
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(())
}

#[cfg(test)]
#[path = "xml_tests.rs"]
mod tests;
