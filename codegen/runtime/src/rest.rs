//! restJson1's HTTP bindings: members carried in the URI path and query,
//! in headers, and the status code, as Smithy's HTTP binding traits and
//! botocore's `BaseRestSerializer` and `RestJSONParser` place them.

use crate::base64;
use crate::build::BuildError;
use crate::datetime::{DateTime, Format};
use crate::error::{ErrorMeta, ResponseError, SdkError};
use crate::json::JsonError;
use std::collections::HashMap;
use std::fmt::{Display, Write as _};

/// Appends `value` percent-encoded as a URI label: every byte but the
/// unreserved ones (`A-Z a-z 0-9 - . _ ~`) is escaped; a greedy label
/// (`{Key+}`) keeps its `/`, so it may span segments.
pub fn push_label(uri: &mut String, value: &str, greedy: bool) {
    encode(uri, value, greedy);
}

/// A label's value: unset or empty, it would leave a path segment empty,
/// so it is an error.
pub fn label<'a>(shape: &'static str, field: &'static str, value: Option<&'a str>) -> Result<&'a str, BuildError> {
    match value {
        None => Err(BuildError::missing_field(shape, field)),
        Some("") => Err(BuildError::invalid_field(shape, field, "is empty, and it fills a part of the URI path")),
        Some(value) => Ok(value),
    }
}

fn encode(out: &mut String, value: &str, keep_slash: bool) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// A URI whose query is being written: parameters follow the request URI's
/// own query part (`/path?literal`) in the order pushed, each key and value
/// percent-encoded as labels are.
#[derive(Debug)]
pub struct Query {
    uri: String,
    has_query: bool,
}

impl Query {
    /// Starts from the URI's path (and literal query part, if any).
    pub fn new(uri: String) -> Self {
        let has_query = uri.contains('?');
        Query { uri, has_query }
    }

    /// Appends `key=value`.
    pub fn push(&mut self, key: &str, value: &str) {
        self.uri.push(if self.has_query { '&' } else { '?' });
        self.has_query = true;
        encode(&mut self.uri, key, false);
        self.uri.push('=');
        encode(&mut self.uri, value, false);
    }

    /// The whole relative URI.
    pub fn finish(self) -> String {
        self.uri
    }
}

/// A floating-point number in a URI or header: `NaN`, `Infinity` and
/// `-Infinity` by name, others as Rust prints them (shortest round trip).
pub fn float<T: Display + Into<f64> + Copy>(value: T) -> String {
    let wide: f64 = value.into();
    if wide.is_nan() {
        "NaN".to_owned()
    } else if wide.is_infinite() {
        if wide > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// A timestamp in a URI, query or header, in `format`.
pub fn timestamp(value: DateTime, format: Format) -> String {
    value.fmt(format)
}

/// One element of a list header: quoted, with `"` and `\` escaped, when it
/// holds a comma or a quote, so the list splits back the same.
pub fn list_item(value: &str) -> std::borrow::Cow<'_, str> {
    if value.contains([',', '"']) {
        let mut out = String::with_capacity(value.len() + 2);
        out.push('"');
        for c in value.chars() {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        out.into()
    } else {
        value.into()
    }
}

/// A `jsonvalue` header: the JSON text, base64-encoded.
pub fn json_header(value: &str) -> String {
    base64::encode(value.as_bytes())
}

/// Sets header `name` (replacing a value set before); a value that cannot
/// be sent in a header (a line break, say) is an error naming the field.
pub fn set_header(
    headers: &mut http::HeaderMap,
    shape: &'static str,
    field: &'static str,
    name: &str,
    value: &str,
) -> Result<(), BuildError> {
    let name = http::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| BuildError::invalid_field(shape, field, format!("gives `{name}`, which is not a header name")))?;
    let value = http::HeaderValue::from_str(value)
        .map_err(|_| BuildError::invalid_field(shape, field, "holds characters a header cannot carry"))?;
    headers.insert(name, value);
    Ok(())
}

/// The request: `method` and the relative `uri`, with `Content-Type` and
/// `Content-Length` when there is a body.
pub fn request(
    method: http::Method,
    uri: &str,
    body: Vec<u8>,
    content_type: Option<&'static str>,
) -> Result<http::Request<Vec<u8>>, BuildError> {
    let uri: http::Uri = uri.parse().map_err(|e| BuildError::other(format!("cannot send to `{uri}`: {e}")))?;
    let length = body.len();
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    if length > 0 {
        let headers = request.headers_mut();
        if let Some(content_type) = content_type {
            headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(content_type));
        }
        headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(length));
    }
    Ok(request)
}

/// Parses a response: 2xx with `output` (given the status and headers
/// too), anything else with `error` (given the headers too, for exception
/// members bound to them). The error code comes from
/// `x-amzn-errortype`, the body's `code` or `__type`, as for awsJson.
pub fn parse_response<B: AsRef<[u8]>, O, E>(
    response: &http::Response<B>,
    output: fn(u16, &http::HeaderMap, &[u8]) -> Result<O, JsonError>,
    error: fn(ErrorMeta, &http::HeaderMap, &[u8]) -> Result<E, JsonError>,
) -> Result<O, SdkError<E>> {
    let body = response.body().as_ref();
    let status = response.status().as_u16();
    if response.status().is_success() {
        return output(status, response.headers(), body)
            .map_err(|e| SdkError::Response(ResponseError::new(response, e)));
    }
    let meta = ErrorMeta::from_response(status, response.headers(), body);
    match error(meta.clone(), response.headers(), body) {
        Ok(e) => Err(SdkError::Service(e)),
        Err(parse) => Err(SdkError::Response(ResponseError::new(response, parse).with_meta(meta))),
    }
}

/// A response header's text; a value that is not text is an error naming it.
pub fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Result<Option<&'a str>, JsonError> {
    match headers.get(name) {
        None => Ok(None),
        Some(value) => value.to_str().map(Some).map_err(|_| JsonError::custom(format!("header `{name}` is not text"))),
    }
}

/// Reads header `name` with `parse`, which turns its text into the member's value.
pub fn read_header<T>(
    headers: &http::HeaderMap,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, JsonError> {
    match header(headers, name)? {
        None => Ok(None),
        Some(text) => parse(text).map(Some).map_err(|e| JsonError::custom(format!("header `{name}`: {e}"))),
    }
}

/// Reads a list header: elements split at commas outside double quotes,
/// trimmed and unquoted, each read with `parse`. An HTTP-date element holds a
/// comma of its own (`Mon, 16 Dec 2019 ...`), so `http_dates` pairs them up.
pub fn read_list_header<T>(
    headers: &http::HeaderMap,
    name: &str,
    http_dates: bool,
    mut parse: impl FnMut(&str) -> Result<T, String>,
) -> Result<Option<Vec<T>>, JsonError> {
    let Some(text) = header(headers, name)? else { return Ok(None) };
    let items = if http_dates { split_http_dates(text) } else { split_list(text) };
    items
        .iter()
        .map(|item| parse(item))
        .collect::<Result<Vec<T>, String>>()
        .map(Some)
        .map_err(|e| JsonError::custom(format!("header `{name}`: {e}")))
}

fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => item.extend(chars.next()),
                    '"' => break,
                    c => item.push(c),
                }
            }
            // Anything up to the next comma is not part of a quoted item.
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
            items.push(item);
            if chars.peek().is_none() {
                break;
            }
            continue;
        }
        let mut ended = true;
        for c in chars.by_ref() {
            if c == ',' {
                ended = false;
                break;
            }
            item.push(c);
        }
        items.push(item.trim().to_owned());
        if ended {
            break;
        }
    }
    items
}

fn split_http_dates(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    parts.chunks(2).map(|pair| pair.join(", ")).collect()
}

/// Reads the headers starting with `prefix` (compared without case) into a
/// map keyed by the rest of each name, as `http` gives it (lower case).
pub fn prefix_headers(headers: &http::HeaderMap, prefix: &str) -> Result<Option<HashMap<String, String>>, JsonError> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = HashMap::new();
    for (name, value) in headers {
        if let Some(rest) = name.as_str().strip_prefix(&prefix) {
            let value = value.to_str().map_err(|_| JsonError::custom(format!("header `{name}` is not text")))?;
            out.insert(rest.to_owned(), value.to_owned());
        }
    }
    Ok(Some(out))
}

/// Parsers for header text, one per kind of member.
pub mod parse {
    use super::*;

    /// Text as it is.
    pub fn string(text: &str) -> Result<String, String> {
        Ok(text.to_owned())
    }

    /// `true` or `false`.
    pub fn bool(text: &str) -> Result<bool, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(format!("`{other}` is not a boolean")),
        }
    }

    /// A decimal integer.
    pub fn int<T: std::str::FromStr>(text: &str) -> Result<T, String> {
        text.parse().map_err(|_| format!("`{text}` is not an integer of the member's size"))
    }

    /// A number, or `NaN`, `Infinity`, `-Infinity`.
    pub fn float<T: std::str::FromStr>(text: &str) -> Result<T, String> {
        let text = match text {
            "Infinity" => "inf",
            "-Infinity" => "-inf",
            other => other,
        };
        text.parse().map_err(|_| format!("`{text}` is not a number"))
    }

    /// A timestamp in the member's format.
    pub fn timestamp(text: &str, format: Format) -> Result<DateTime, String> {
        DateTime::parse(text, format).map_err(|e| e.to_string())
    }

    /// A `jsonvalue` header: base64 of JSON text, given as that text.
    pub fn json(text: &str) -> Result<String, String> {
        let bytes = base64::decode(text).map_err(|e| e.to_string())?;
        String::from_utf8(bytes).map_err(|_| "the decoded value is not UTF-8".to_owned())
    }

    /// Base64.
    pub fn blob(text: &str) -> Result<Vec<u8>, String> {
        base64::decode(text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
#[path = "rest_tests.rs"]
mod tests;
