//! AWS Signature Version 4 (header signing, `AWS4-HMAC-SHA256`) for services
//! other than S3, as botocore's `SigV4Auth` signs them.
//!
//! [`sign`] is the whole job: call it once per attempt, on the request as it
//! will be sent (endpoint and host prefix applied, body final, after any
//! compression), with the credentials and time of that attempt. It adds
//! `x-amz-date`, `x-amz-security-token` (when there is a session token),
//! `host` (when missing) and `authorization`, replacing what an earlier
//! attempt added, so re-signing a retried request is correct.
//!
//! The steps are public for tests and debugging: [`canonical_request`],
//! [`string_to_sign`], [`signing_key`], [`signature`] and [`authorization`]
//! work on a [`SignableRequest`], plain parts that can also hold what
//! `http::Request` cannot (such as a space in the path).
//!
//! Canonical form, as botocore 1.44.5's `SigV4Auth` computes it (the AWS
//! SigV4 test suite and a table of requests botocore signed,
//! `tests/sigv4-parity/`, check it):
//! - the method is uppercased;
//! - the path has `.`, `..` and empty segments removed (botocore's
//!   `remove_dot_segments`: a final `/` stays only when the path ends in
//!   one, so `/a/b/..` becomes `/a`) and is percent-encoded as given, so `%`
//!   becomes `%25`: the path on the wire is already encoded once, and non-S3
//!   services sign it encoded twice;
//! - the query is signed as sent: split on `&` and on each pair's first
//!   `=`, sorted by name then value, nothing decoded or re-encoded (`%2f`,
//!   `+` and `%20` stay as they are); empty pairs stay (as `=`) and a name
//!   without `=` gets an empty value. Only bytes a request line cannot
//!   carry (space, controls, non-ASCII, which `http::Uri` refuses) are
//!   percent-encoded first, as a client sends them. A fragment is not signed;
//! - header names are lowercased and sorted, values trimmed with inner runs
//!   of whitespace folded to one space (whitespace as Python's `str.split`
//!   sees it), and repeated headers joined with commas in the order sent;
//!   [`UNSIGNED_HEADERS`] are left out;
//! - the payload hash is the SHA-256 of the body. No `x-amz-content-sha256`
//!   header is added: only S3 requires it, and botocore sends none elsewhere.

use super::datetime::{DateTime, Format};
use super::sha256::{hex, hmac_sha256, sha256};
use std::borrow::Cow;
use std::fmt;
use std::sync::Mutex;
use std::time::SystemTime;

/// The algorithm name that starts the string to sign and the header.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Headers left out of the signature: `authorization` holds it; the others
/// (botocore's `SIGNED_HEADERS_BLACKLIST`) are hop-by-hop, or added and
/// rewritten by proxies and tracing agents on the way, so signing them would
/// break requests that are otherwise intact.
pub const UNSIGNED_HEADERS: &[&str] = &[
    "authorization",
    "baggage",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "traceparent",
    "tracestate",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// What a signature is made with: credentials, scope and time.
///
/// `Debug` shows the access key id (it is sent in every `authorization`
/// header) but never the secret access key or the session token.
#[derive(Clone)]
#[non_exhaustive]
pub struct SigningParams<'a> {
    /// The access key id, sent in the `authorization` header.
    pub access_key_id: &'a str,
    /// The secret access key the signing key is derived from.
    pub secret_access_key: &'a str,
    /// The session token of temporary credentials, sent as `x-amz-security-token`.
    pub session_token: Option<&'a str>,
    /// Such as `us-east-1`.
    pub region: &'a str,
    /// The signing name, such as `sms-voice`.
    pub service: &'a str,
    /// The time of signing; AWS rejects requests signed more than about five
    /// minutes from its own clock. Whole seconds are used.
    pub time: SystemTime,
    /// Where signing keys derived earlier are kept; without one the key is
    /// derived for every signature.
    pub key_cache: Option<&'a SigningKeyCache>,
}

impl<'a> SigningParams<'a> {
    /// Parameters for long-term credentials (no session token).
    pub fn new(
        access_key_id: &'a str,
        secret_access_key: &'a str,
        region: &'a str,
        service: &'a str,
        time: SystemTime,
    ) -> Self {
        SigningParams { access_key_id, secret_access_key, session_token: None, region, service, time, key_cache: None }
    }

    /// Sets (or clears) the session token of temporary credentials.
    pub fn with_session_token(mut self, session_token: Option<&'a str>) -> Self {
        self.session_token = session_token;
        self
    }

    /// Keeps derived signing keys in `cache`, so that signatures made with
    /// the same secret key, day, region and service derive the key once.
    pub fn with_key_cache(mut self, cache: &'a SigningKeyCache) -> Self {
        self.key_cache = Some(cache);
        self
    }

    /// The time as `x-amz-date` writes it: `20150830T123600Z`.
    ///
    /// Only years 0 to 9999 fit the format; [`sign`] refuses other times.
    pub fn amz_date(&self) -> String {
        // `2015-08-30T12:36:00Z` without its separators.
        self.rfc3339().chars().filter(|c| !matches!(c, '-' | ':')).collect()
    }

    /// The time in whole seconds as RFC 3339, which writes a year outside
    /// 0 to 9999 with a sign (`+10000`, `-0001`).
    fn rfc3339(&self) -> String {
        self.whole_seconds().fmt(Format::DateTime)
    }

    /// The time as botocore writes a `date` header (Python's `formatdate`):
    /// `Sun, 30 Aug 2015 12:36:00 -0000`.
    fn date_header(&self) -> String {
        let http_date = self.whole_seconds().fmt(Format::HttpDate);
        format!("{} -0000", http_date.trim_end_matches(" GMT"))
    }

    fn whole_seconds(&self) -> DateTime {
        DateTime::from_secs(DateTime::from(self.time).secs())
    }

    /// `20150830/us-east-1/service/aws4_request`: the date, region and
    /// service the signing key is derived for.
    pub fn credential_scope(&self) -> String {
        Stamp::of(self).scope
    }
}

impl fmt::Debug for SigningParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningParams")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.map(|_| "** redacted **"))
            .field("region", &self.region)
            .field("service", &self.service)
            .field("time", &self.time)
            .field("key_cache", &self.key_cache.is_some())
            .finish()
    }
}

/// Why a request could not be signed. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningError {
    /// The time is outside years 0 to 9999, which `x-amz-date` cannot write.
    TimeOutOfRange,
    /// The request has no `host` header and its URI no host to make one from.
    MissingHost,
    /// A header value is not visible ASCII text (obs-text bytes), whose
    /// canonical form services do not agree on.
    InvalidHeaderValue {
        /// The header's name.
        name: String,
    },
    /// A signing parameter holds characters an HTTP header cannot carry.
    InvalidParam {
        /// The parameter's name.
        param: &'static str,
    },
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigningError::TimeOutOfRange => f.write_str("the signing time is outside years 0 to 9999"),
            SigningError::MissingHost => f.write_str("the request has no host header and its URI no host"),
            SigningError::InvalidHeaderValue { name } => {
                write!(f, "header `{name}` is not visible ASCII text and cannot be signed")
            }
            SigningError::InvalidParam { param } => {
                write!(f, "the signing parameter `{param}` holds characters a header cannot carry")
            }
        }
    }
}

impl std::error::Error for SigningError {}

/// A request as the signer reads it: method, request target, headers in the
/// order sent (names in any case, repeated names allowed) and body.
///
/// [`SignableRequest::from_http`] makes one from an `http::Request`; build one
/// by hand for what `http` cannot represent. `Debug` redacts the
/// `authorization` and `x-amz-security-token` values and shows only the
/// body's length.
#[derive(Clone)]
#[non_exhaustive]
pub struct SignableRequest<'a> {
    /// Such as `POST`.
    pub method: &'a str,
    /// The path and query as sent on the wire (already percent-encoded), such as `/a/b?c=d`.
    pub path_and_query: &'a str,
    /// The headers as sent, names in any case.
    pub headers: Vec<(&'a str, &'a str)>,
    /// The body as sent.
    pub body: &'a [u8],
}

impl<'a> SignableRequest<'a> {
    /// A request to sign, from its parts.
    pub fn new(method: &'a str, path_and_query: &'a str, headers: Vec<(&'a str, &'a str)>, body: &'a [u8]) -> Self {
        SignableRequest { method, path_and_query, headers, body }
    }

    /// The parts of `request`; the URI's scheme and authority are not
    /// signed (the `host` header is).
    ///
    /// # Errors
    /// [`SigningError::InvalidHeaderValue`] for a value that is not visible ASCII.
    pub fn from_http(request: &'a http::Request<Vec<u8>>) -> Result<Self, SigningError> {
        Self::from_parts(request.method(), request.uri(), request.headers(), request.body())
    }

    fn from_parts(
        method: &'a http::Method,
        uri: &'a http::Uri,
        headers: &'a http::HeaderMap,
        body: &'a [u8],
    ) -> Result<Self, SigningError> {
        let headers = headers
            .iter()
            .map(|(name, value)| {
                let text = value.to_str().map_err(|_| SigningError::InvalidHeaderValue { name: name.to_string() })?;
                Ok((name.as_str(), text))
            })
            .collect::<Result<_, SigningError>>()?;
        let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
        Ok(SignableRequest::new(method.as_str(), path_and_query, headers, body))
    }
}

impl fmt::Debug for SignableRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|&(name, value)| match name.to_ascii_lowercase().as_str() {
                "authorization" | "x-amz-security-token" => (name, "** redacted **"),
                _ => (name, value),
            })
            .collect();
        f.debug_struct("SignableRequest")
            .field("method", &self.method)
            .field("path_and_query", &self.path_and_query)
            .field("headers", &headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The key a day's signatures in one region and service are made with.
/// `Debug` shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey([u8; 32]);

impl SigningKey {
    /// The key's bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(** redacted **)")
    }
}

/// Signs `request` in place: sets `x-amz-date` from `params.time` (or, as
/// botocore does, when the request has a `date` header, rewrites that to
/// `params.time` and sends no `x-amz-date`), sets `x-amz-security-token` to
/// the session token (or removes it when there is none, so a request
/// re-signed with new credentials sends no stale token), adds `host` from
/// the URI when missing (lowercased, without a default port), and sets
/// `authorization`. Every header present is signed except
/// [`UNSIGNED_HEADERS`]. On error the request is left unchanged.
///
/// # Errors
/// See [`SigningError`].
pub fn sign(request: &mut http::Request<Vec<u8>>, params: &SigningParams<'_>) -> Result<(), SigningError> {
    let stamp = Stamp::new(params)?;
    let header =
        |value: &str, param| http::HeaderValue::from_str(value).map_err(|_| SigningError::InvalidParam { param });
    // Every new value is made before the request is touched, so that a
    // failure leaves it as it was. The signature's time goes in `date` when
    // the request has one, else in `x-amz-date`; never both (botocore's
    // `_set_necessary_date_headers`).
    let existing = request.headers();
    let (date_name, date_text) = match existing.contains_key(http::header::DATE) {
        true => (http::header::DATE, params.date_header()),
        false => (X_AMZ_DATE, stamp.amz_date.clone()),
    };
    let date = header(&date_text, "time")?;
    let token = match params.session_token {
        Some(token) => {
            let mut value = header(token, "session_token")?;
            value.set_sensitive(true);
            Some(value)
        }
        None => None,
    };
    let host_text = match existing.contains_key(http::header::HOST) {
        true => None,
        false => Some(host_header(request.uri()).ok_or(SigningError::MissingHost)?),
    };
    let host = host_text.as_deref().map(|host| header(host, "host")).transpose()?;
    // The headers as they will be sent: those the signer sets are left out
    // here and added with their new values.
    let mut headers = Vec::with_capacity(existing.len() + 3);
    for (name, value) in existing {
        if matches!(name.as_str(), "authorization" | "date" | "x-amz-date" | "x-amz-security-token") {
            continue;
        }
        let text = value.to_str().map_err(|_| SigningError::InvalidHeaderValue { name: name.to_string() })?;
        headers.push((name.as_str(), text));
    }
    headers.push((date_name.as_str(), &date_text));
    if let Some(token) = params.session_token {
        headers.push(("x-amz-security-token", token));
    }
    if let Some(host) = &host_text {
        headers.push(("host", host));
    }
    let path_and_query = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let parts = SignableRequest::new(request.method().as_str(), path_and_query, headers, request.body());
    let mut value = header(&authorization_at(&parts, params, &stamp), "access_key_id, region or service")?;
    value.set_sensitive(true);
    let headers = request.headers_mut();
    headers.remove(X_AMZ_DATE);
    headers.insert(date_name, date);
    match token {
        Some(token) => headers.insert("x-amz-security-token", token),
        None => headers.remove("x-amz-security-token"),
    };
    if let Some(host) = host {
        headers.insert(http::header::HOST, host);
    }
    headers.insert(http::header::AUTHORIZATION, value);
    Ok(())
}

const X_AMZ_DATE: http::HeaderName = http::HeaderName::from_static("x-amz-date");

/// The signing time written once for all the places a signature needs it.
struct Stamp {
    /// `20150830T123600Z`.
    amz_date: String,
    /// `20150830/us-east-1/service/aws4_request`.
    scope: String,
}

impl Stamp {
    fn new(params: &SigningParams<'_>) -> Result<Self, SigningError> {
        let rfc3339 = params.rfc3339();
        // A year outside 0 to 9999 is written with a sign.
        if !rfc3339.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(SigningError::TimeOutOfRange);
        }
        Ok(Self::from_rfc3339(&rfc3339, params))
    }

    /// Also for times out of range, which the public steps still write.
    fn from_rfc3339(rfc3339: &str, params: &SigningParams<'_>) -> Self {
        let amz_date: String = rfc3339.chars().filter(|c| !matches!(c, '-' | ':')).collect();
        let day = amz_date.get(..8).unwrap_or(&amz_date);
        let scope = format!("{day}/{}/{}/aws4_request", params.region, params.service);
        Stamp { amz_date, scope }
    }

    fn of(params: &SigningParams<'_>) -> Self {
        Self::from_rfc3339(&params.rfc3339(), params)
    }

    fn day(&self) -> &str {
        self.amz_date.get(..8).unwrap_or(&self.amz_date)
    }
}

/// The `authorization` header value for a request that already carries the
/// headers [`sign`] adds (`host`, `x-amz-date` or `date`, and
/// `x-amz-security-token` with a session token): `AWS4-HMAC-SHA256
/// Credential=AKID/scope, SignedHeaders=a;b, Signature=hex`.
pub fn authorization(request: &SignableRequest<'_>, params: &SigningParams<'_>) -> String {
    authorization_at(request, params, &Stamp::of(params))
}

fn authorization_at(request: &SignableRequest<'_>, params: &SigningParams<'_>, stamp: &Stamp) -> String {
    let canonical = canonicalize(request);
    let string_to_sign = string_to_sign_at(&canonical.request, stamp);
    let key = match params.key_cache {
        Some(cache) => cache.get(params, stamp),
        None => derive_key(params, stamp.day()),
    };
    let signature = signature(&key, &string_to_sign);
    format!(
        "{ALGORITHM} Credential={}/{}, SignedHeaders={}, Signature={signature}",
        params.access_key_id, stamp.scope, canonical.signed_headers
    )
}

/// The canonical request: method, canonical path, canonical query, canonical
/// headers, signed header names and payload hash, one per line.
pub fn canonical_request(request: &SignableRequest<'_>) -> String {
    canonicalize(request).request
}

/// The string to sign: the algorithm, `x-amz-date`, the credential scope and
/// the hash of the canonical request, one per line.
pub fn string_to_sign(canonical_request: &str, params: &SigningParams<'_>) -> String {
    string_to_sign_at(canonical_request, &Stamp::of(params))
}

fn string_to_sign_at(canonical_request: &str, stamp: &Stamp) -> String {
    let hash = hex(&sha256(canonical_request.as_bytes()));
    let mut out = String::with_capacity(ALGORITHM.len() + stamp.amz_date.len() + stamp.scope.len() + hash.len() + 3);
    out.extend([ALGORITHM, "\n", &stamp.amz_date, "\n", &stamp.scope, "\n", &hash]);
    out
}

/// The signing key: the secret key HMAC-chained through the scope's date,
/// region, service and `aws4_request`. [`SigningParams::key_cache`] is not
/// consulted.
pub fn signing_key(params: &SigningParams<'_>) -> SigningKey {
    derive_key(params, Stamp::of(params).day())
}

fn derive_key(params: &SigningParams<'_>, day: &str) -> SigningKey {
    let secret = format!("AWS4{}", params.secret_access_key);
    let k_date = hmac_sha256(secret.as_bytes(), day.as_bytes());
    let k_region = hmac_sha256(&k_date, params.region.as_bytes());
    let k_service = hmac_sha256(&k_region, params.service.as_bytes());
    SigningKey(hmac_sha256(&k_service, b"aws4_request"))
}

/// The signature: the hex HMAC of the string to sign under the signing key.
pub fn signature(key: &SigningKey, string_to_sign: &str) -> String {
    hex(&hmac_sha256(&key.0, string_to_sign.as_bytes()))
}

/// The signing key last derived, kept so that requests signed with the same
/// secret key, day, region and service (all of a day's requests from one
/// client, as a rule) skip the four HMACs that derive it. One entry: a new
/// secret, day, region or service replaces it. Shared between threads.
/// `Debug` shows nothing of the key or the secret.
#[derive(Default)]
pub struct SigningKeyCache(Mutex<Option<CachedKey>>);

struct CachedKey {
    secret_access_key: String,
    /// `20150830`.
    day: String,
    region: String,
    service: String,
    key: SigningKey,
}

impl SigningKeyCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    fn get(&self, params: &SigningParams<'_>, stamp: &Stamp) -> SigningKey {
        let day = stamp.day();
        // A poisoned lock only means another signer panicked: the entry is
        // either whole or absent, so it is still good to read.
        let mut entry = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cached) = entry.as_ref().filter(|c| {
            c.day == day
                && c.region == params.region
                && c.service == params.service
                && c.secret_access_key == params.secret_access_key
        }) {
            return cached.key.clone();
        }
        let key = derive_key(params, day);
        *entry = Some(CachedKey {
            secret_access_key: params.secret_access_key.to_owned(),
            day: day.to_owned(),
            region: params.region.to_owned(),
            service: params.service.to_owned(),
            key: key.clone(),
        });
        key
    }
}

impl fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKeyCache(** redacted **)")
    }
}

struct Canonical {
    request: String,
    /// `host;x-amz-date`: the names the signature covers.
    signed_headers: String,
}

fn canonicalize(request: &SignableRequest<'_>) -> Canonical {
    // A fragment is never sent (and botocore's `urlsplit` drops it).
    let target = request.path_and_query.split_once('#').map_or(request.path_and_query, |(target, _)| target);
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::with_capacity(request.headers.len());
    for &(name, value) in &request.headers {
        let name = lowercase(name.trim());
        if UNSIGNED_HEADERS.contains(&name.as_ref()) {
            continue;
        }
        headers.push((name, fold_whitespace(value)));
    }
    // Names sort as bytes; the sort is stable, so repeated headers keep the
    // order sent, in which they are joined.
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    let method = request.method.to_ascii_uppercase();
    let hash = hex(&sha256(request.body));
    let mut text = String::with_capacity(256 + request.path_and_query.len() + 64 * headers.len());
    text.extend([method.as_str(), "\n", &canonical_path(path), "\n", &canonical_query(query), "\n"]);
    let mut signed_headers = String::with_capacity(32 * headers.len());
    let mut last: Option<&str> = None;
    for (name, value) in &headers {
        if last == Some(name.as_ref()) {
            text.extend([",", value.as_ref()]);
            continue;
        }
        if last.is_some() {
            text.push('\n');
            signed_headers.push(';');
        }
        text.extend([name.as_ref(), ":", value.as_ref()]);
        signed_headers.push_str(name);
        last = Some(name);
    }
    if last.is_some() {
        text.push('\n');
    }
    text.extend(["\n", signed_headers.as_str(), "\n", hash.as_str()]);
    Canonical { request: text, signed_headers }
}

/// `name` in lowercase, borrowed when it already is (as `http` keeps names).
fn lowercase(name: &str) -> Cow<'_, str> {
    match name.bytes().any(|b| b.is_ascii_uppercase()) {
        true => Cow::Owned(name.to_ascii_lowercase()),
        false => Cow::Borrowed(name),
    }
}

/// `value` trimmed, with inner runs of whitespace folded to one space.
/// Whitespace is what botocore's `str.split()` splits on: Unicode
/// `White_Space` and the ASCII separators U+001C to U+001F.
fn fold_whitespace(value: &str) -> Cow<'_, str> {
    // Most values are visible ASCII with single inner spaces: nothing to do.
    let bytes = value.as_bytes();
    let plain = bytes.iter().all(|&b| b.is_ascii_graphic() || b == b' ')
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !value.contains("  ");
    if plain {
        return Cow::Borrowed(value);
    }
    let space = |c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
    Cow::Owned(value.split(space).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" "))
}

/// botocore's `remove_dot_segments` (RFC 3986, 5.2.4, and empty segments
/// dropped): the leading `/` kept, and a final `/` kept only when the path
/// ends in one and a segment is left, so `/a/b/..` and `/a/.` become `/a`.
/// Then every byte but unreserved ones and `/` is percent-encoded.
fn canonical_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut normalized = String::with_capacity(path.len() + 1);
    if path.is_empty() || path.starts_with('/') {
        normalized.push('/');
    }
    normalized.push_str(&segments.join("/"));
    if path.ends_with('/') && !segments.is_empty() {
        normalized.push('/');
    }
    let mut out = String::with_capacity(normalized.len());
    for &b in normalized.as_bytes() {
        push_encoded(&mut out, b, b == b'/');
    }
    out
}

/// The query as sent (botocore's `_canonical_query_string_url`): pairs
/// split on `&` (empty ones kept) and on their first `=`, sorted by name
/// and then value as bytes, joined as `name=value` with `&`. Nothing is
/// decoded or re-encoded: the service reads the query as it arrives.
fn canonical_query(query: &str) -> String {
    if query.is_empty() {
        return String::new();
    }
    let query = sendable(query);
    let mut pairs: Vec<(&str, &str)> = query.split('&').map(|p| p.split_once('=').unwrap_or((p, ""))).collect();
    pairs.sort_unstable();
    let mut out = String::with_capacity(query.len() + pairs.len());
    for (i, (name, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.extend([name, "=", value]);
    }
    out
}

/// `query` with the bytes a request line cannot carry (space, controls,
/// non-ASCII) percent-encoded, as a client sends them; the rest, `%` and
/// reserved characters included, as it is. A query from an `http::Uri`
/// never holds such bytes, so this only changes hand-built requests.
fn sendable(query: &str) -> Cow<'_, str> {
    if query.bytes().all(|b| b.is_ascii_graphic()) {
        return Cow::Borrowed(query);
    }
    let mut out = String::with_capacity(query.len() * 3);
    for b in query.bytes() {
        push_encoded(&mut out, b, b.is_ascii_graphic());
    }
    Cow::Owned(out)
}

/// Appends `b` literally when it is unreserved (RFC 3986) or `keep`, else as `%XX`.
fn push_encoded(out: &mut String, b: u8, keep: bool) {
    if keep || b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
        out.push(b as char);
    } else {
        const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
        out.extend(['%', DIGITS[usize::from(b >> 4)] as char, DIGITS[usize::from(b & 0x0f)] as char]);
    }
}

/// The `host` header for `uri`: its host lowercased (as botocore signs it),
/// with the port only when it is not the scheme's default (as HTTP clients
/// send it).
fn host_header(uri: &http::Uri) -> Option<String> {
    let host = uri.host()?.to_ascii_lowercase();
    let default_port = match uri.scheme_str() {
        Some("http") => Some(80),
        Some("https") => Some(443),
        _ => None,
    };
    match uri.port_u16() {
        Some(port) if Some(port) != default_port => Some(format!("{host}:{port}")),
        _ => Some(host),
    }
}

#[cfg(test)]
#[path = "sigv4_tests.rs"]
mod tests;
