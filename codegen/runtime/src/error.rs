//! Errors of a call and the metadata of error responses.
//!
//! # Finding the error code (awsJson)
//! The first of these that is present wins:
//! 1. the `x-amzn-errortype` header;
//! 2. the body's `code` member;
//! 3. the body's `__type` member.
//!
//! The value is then cut at the first `:` (services may append a URL) and, if
//! it holds a `#`, only what follows the first `#` is kept (a Smithy shape id
//! such as `aws.protocols#ValidationException`).
//!
//! A service that was an awsQuery service before (`awsQueryCompatible` in its
//! model, such as SQS) also sends `x-amzn-query-error: Code;Fault`. There the
//! header's code is the one [`ErrorMeta::code`] gives (the code its awsQuery
//! clients saw, as botocore reports it), while the modeled error is still
//! found by the code above, [`ErrorMeta::shape_code`].

use super::build::BuildError;
use super::json::{JsonError, JsonReader};
use super::paginate::PaginationError;
/// The error a body that does not match the model gives, in either codec.
pub use crate::body_error::{BodyError, BodyErrorKind};
use std::fmt;
use std::time::Duration;

/// Error codes services use for throttling.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of transient failures.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses of transient failures.
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// What an error response says about itself.
///
/// Boxed inside so that errors, and the `Result`s carrying them, stay small.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorMeta(Box<MetaFields>);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct MetaFields {
    code: String,
    /// The code found as for any awsJson service, when an
    /// `x-amzn-query-error` header replaced it in `code`.
    shape_code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    status: u16,
    retry_after: Option<Duration>,
}

impl ErrorMeta {
    /// Reads the code (see the [module docs](self)), the message (`message`,
    /// `Message` or `errorMessage` in the body) and the request id
    /// (`x-amzn-requestid` or `x-amz-request-id`) of an error response. A body
    /// that is not JSON leaves only what the headers say.
    pub fn from_response(status: u16, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let (body_code, body_type, message) = scan_body(body);
        let request_id = request_id(headers);
        let raw_code = header("x-amzn-errortype").or(body_code).or(body_type).unwrap_or_default();
        ErrorMeta(Box::new(MetaFields {
            code: sanitize_code(&raw_code).to_owned(),
            shape_code: None,
            message,
            request_id,
            status,
            retry_after: retry_after(headers),
        }))
    }

    /// How long the service asked the client to wait before retrying, from
    /// `x-amz-retry-after` (milliseconds) or `Retry-After` (whole seconds).
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }

    /// Takes the retry hint from `headers`, as [`from_response`](Self::from_response) does.
    pub(crate) fn with_retry_after_from(mut self, headers: &http::HeaderMap) -> Self {
        self.0.retry_after = retry_after(headers);
        self
    }

    /// Metadata from its parts.
    pub fn new(code: impl Into<String>, message: Option<String>, request_id: Option<String>, status: u16) -> Self {
        ErrorMeta(Box::new(MetaFields {
            code: code.into(),
            shape_code: None,
            message,
            request_id,
            status,
            retry_after: None,
        }))
    }

    /// For a service that is awsQuery-compatible: takes the code of an
    /// `x-amzn-query-error: Code;Fault` header as [`code`](Self::code),
    /// keeping the code found before as [`shape_code`](Self::shape_code). A
    /// header that is not two parts with a code is ignored, as botocore does.
    pub fn with_query_error(mut self, headers: &http::HeaderMap) -> Self {
        let Some(value) = headers.get("x-amzn-query-error").and_then(|v| v.to_str().ok()) else { return self };
        let mut parts = value.split(';');
        if let (Some(code), Some(_fault), None) = (parts.next(), parts.next(), parts.next()) {
            if !code.is_empty() {
                let fields = &mut *self.0;
                fields.shape_code = Some(std::mem::replace(&mut fields.code, code.to_owned()));
            }
        }
        self
    }

    /// The code the modeled error is matched by: [`code`](Self::code),
    /// except where an `x-amzn-query-error` header gave that one (see
    /// [`with_query_error`](Self::with_query_error)).
    pub fn shape_code(&self) -> &str {
        self.0.shape_code.as_deref().unwrap_or(&self.0.code)
    }

    /// The error code; empty when the response carried none.
    pub fn code(&self) -> &str {
        &self.0.code
    }

    /// The message, if any.
    pub fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }

    /// The request id, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// Whether the code (either code, for an awsQuery-compatible service)
    /// names throttling.
    pub fn is_throttling(&self) -> bool {
        THROTTLING_CODES.contains(&self.0.code.as_str()) || THROTTLING_CODES.contains(&self.shape_code())
    }

    /// Whether a retry may succeed: throttling, a transient code, or a 500,
    /// 502, 503 or 504 status.
    pub fn is_retryable(&self) -> bool {
        self.is_throttling()
            || TRANSIENT_CODES.contains(&self.0.code.as_str())
            || TRANSIENT_STATUSES.contains(&self.0.status)
    }
}

impl fmt::Display for ErrorMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0.code.is_empty(), &self.0.message) {
            (false, Some(m)) => write!(f, "{}: {m}", self.0.code)?,
            (false, None) => write!(f, "{}", self.0.code)?,
            (true, Some(m)) => write!(f, "error without a code: {m}")?,
            (true, None) => write!(f, "error without a code or message")?,
        }
        write!(f, " (HTTP {}", self.0.status)?;
        if let Some(id) = &self.0.request_id {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")
    }
}

/// The request id header (`x-amzn-requestid`, or `x-amz-request-id`).
fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
        .map(str::to_owned)
}

fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
    number("x-amz-retry-after").map(Duration::from_millis).or_else(|| number("retry-after").map(Duration::from_secs))
}

/// What the client driver needs to know of an operation's typed error to
/// decide on a retry; every generated error enum implements it.
pub trait ServiceError: std::error::Error + Send + Sync + 'static {
    /// The error code, message, request id, status and retry hint.
    fn meta(&self) -> &ErrorMeta;
    /// Whether retrying may succeed (the model's `retryable` trait, a
    /// throttling or transient code, or a 5xx status).
    fn is_retryable(&self) -> bool;
    /// Whether the service is throttling requests.
    fn is_throttling(&self) -> bool;
    /// The enum's `Unhandled` variant holding `unhandled`, for
    /// [`SdkError::into_service_error`].
    fn unhandled(unhandled: Unhandled) -> Self
    where
        Self: Sized;
}

/// The error code and message of any error of a call, with one meaning on
/// [`SdkError`], every operation's error enum and a service crate's `Error`:
/// the code and message of the service's error response, or `None` when the
/// call failed without one (nothing was sent, no response came back) or the
/// response named no code.
pub trait ProvideErrorMetadata {
    /// The error code, such as `ValidationException`.
    fn code(&self) -> Option<&str>;
    /// The message the service gave.
    fn message(&self) -> Option<&str>;
}

impl ErrorMeta {
    /// The code, or `None` when it is empty.
    fn code_if_any(&self) -> Option<&str> {
        Some(self.code()).filter(|code| !code.is_empty())
    }
}

/// Cuts a raw error code as the [module docs](self) describe.
pub fn sanitize_code(raw: &str) -> &str {
    let code = raw.split(':').next().unwrap_or_default();
    let code = code.split_once('#').map_or(code, |(_, after)| after);
    code.trim()
}

/// `(code, __type, message)` from the top level of a JSON body.
fn scan_body(body: &[u8]) -> (Option<String>, Option<String>, Option<String>) {
    let mut found = (None, None, None);
    let mut r = JsonReader::new(body);
    let scan = |r: &mut JsonReader<'_>, found: &mut (Option<String>, Option<String>, Option<String>)| {
        if !r.begin_object()? {
            return Ok::<(), JsonError>(());
        }
        while let Some(key) = r.next_key()? {
            match &*key {
                "code" => found.0 = r.string()?,
                "__type" => found.1 = r.string()?,
                "message" | "Message" | "errorMessage" if found.2.is_none() => found.2 = r.string()?,
                _ => r.skip()?,
            }
        }
        Ok(())
    };
    // A body that is not JSON (a proxy's HTML page, say) simply has no fields.
    let _ = scan(&mut r, &mut found);
    found
}

/// An error response whose code this operation does not model, or (from
/// [`SdkError::into_service_error`]) a call that failed without a service
/// error, which it keeps as its [`source`](std::error::Error::source).
#[derive(Debug)]
pub struct Unhandled {
    meta: ErrorMeta,
    failure: Option<Box<Failure>>,
}

#[derive(Debug)]
struct Failure {
    what: &'static str,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl Unhandled {
    /// Wraps the response's metadata.
    pub fn new(meta: ErrorMeta) -> Self {
        Unhandled { meta, failure: None }
    }

    /// A failure that is not a service error: `what` says in a few words
    /// what failed, `source` is the failure itself, and `meta` what is known
    /// of an error response, if one came (empty otherwise).
    pub fn from_failure(
        what: &'static str,
        meta: Option<ErrorMeta>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Unhandled { meta: meta.unwrap_or_default(), failure: Some(Box::new(Failure { what, source: source.into() })) }
    }

    /// The code, message, request id and status; all empty (status 0) for
    /// a failure without an error response.
    pub fn meta(&self) -> &ErrorMeta {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.failure {
            // The details are the source's to show.
            Some(failure) => f.write_str(failure.what),
            None => fmt::Display::fmt(&self.meta, f),
        }
    }
}

impl std::error::Error for Unhandled {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.failure.as_ref().map(|f| &*f.source as &(dyn std::error::Error + 'static))
    }
}

impl ProvideErrorMetadata for Unhandled {
    fn code(&self) -> Option<&str> {
        self.meta.code_if_any()
    }
    fn message(&self) -> Option<&str> {
        self.meta.message()
    }
}

/// The request could not be sent, no complete response came back, or the
/// response was too large to read. [`kind`](TransportError::kind) says which.
#[derive(Debug)]
pub struct TransportError {
    message: String,
    kind: TransportErrorKind,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// What kind of failure a [`TransportError`] is; the retry policy treats
/// each apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection failed or broke, or the transport could not run
    /// (retried: the next attempt may get through).
    Other,
    /// A time bound ran out: connecting, waiting for the next byte, or the
    /// whole attempt (retried, at a higher cost to the retry quota).
    Timeout,
    /// The response body was larger than the configured maximum (not
    /// retried: the next answer would be as large).
    ResponseTooLarge,
}

impl TransportError {
    /// A failure with an underlying cause.
    pub fn new(message: impl Into<String>, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError { message: message.into(), kind: TransportErrorKind::Other, source: Some(source.into()) }
    }

    /// A failure described by a message alone.
    pub fn msg(message: impl Into<String>) -> Self {
        TransportError { message: message.into(), kind: TransportErrorKind::Other, source: None }
    }

    /// A time-out.
    pub fn timeout(message: impl Into<String>) -> Self {
        TransportError { message: message.into(), kind: TransportErrorKind::Timeout, source: None }
    }

    /// A response body that passed `limit` bytes; reading stopped there.
    pub fn response_too_large(limit: u64) -> Self {
        TransportError {
            message: format!("the response body is larger than the maximum of {limit} bytes"),
            kind: TransportErrorKind::ResponseTooLarge,
            source: None,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether this was a time-out.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// Whether the response body was larger than the maximum.
    pub fn is_response_too_large(&self) -> bool {
        self.kind == TransportErrorKind::ResponseTooLarge
    }
}

/// The cause is [`source`](std::error::Error::source)'s to show, not
/// `Display`'s, so an error chain names it once.
impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error: {}", self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A response that could not be understood: the body does not match the model
/// (including a required member that is missing).
#[derive(Debug)]
pub struct ResponseError {
    status: u16,
    request_id: Option<String>,
    error: BodyError,
    meta: Option<ErrorMeta>,
}

impl ResponseError {
    /// Describes a response whose body failed to parse.
    pub fn new<B>(response: &http::Response<B>, error: BodyError) -> Self {
        let request_id = request_id(response.headers());
        ResponseError { status: response.status().as_u16(), request_id, error, meta: None }
    }

    /// Keeps the error metadata of an error response whose body did not parse.
    pub fn with_meta(mut self, meta: ErrorMeta) -> Self {
        self.meta = Some(meta);
        self
    }

    /// For an error response: its code, message, request id and status, as far
    /// as they could be read.
    pub fn meta(&self) -> Option<&ErrorMeta> {
        self.meta.as_ref()
    }

    /// Whether a retry may succeed (an error response with a retryable code or status).
    pub fn is_retryable(&self) -> bool {
        self.meta.as_ref().is_some_and(ErrorMeta::is_retryable)
    }

    /// The parse error, with the path of the offending member.
    pub fn error(&self) -> &BodyError {
        &self.error
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid HTTP {} response", self.status)?;
        if let Some(meta) = self.meta.as_ref().filter(|m| !m.code().is_empty()) {
            write!(f, " for error `{}`", meta.code())?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        write!(f, ": {}", self.error)
    }
}

/// The parse error is part of `Display` (it says what is wrong with the
/// response), so it is not a `source` as well: [`error`](Self::error) gives it.
impl std::error::Error for ResponseError {}

/// Everything that can go wrong with a call, with `E` the operation's typed
/// service error.
///
/// More kinds of failure may be added, so a `match` needs a wildcard arm:
///
/// ```compile_fail
/// use lean_aws_runtime::error::SdkError;
/// fn kind(e: &SdkError<std::io::Error>) -> &'static str {
///     match e {
///         SdkError::Construction(_) => "build",
///         SdkError::Transport(_) => "transport",
///         SdkError::Response(_) => "response",
///         SdkError::Service(_) => "service",
///         SdkError::Pagination(_) => "pagination",
///     }
/// }
/// ```
///
/// ```
/// use lean_aws_runtime::error::SdkError;
/// fn kind(e: &SdkError<std::io::Error>) -> &'static str {
///     match e {
///         SdkError::Construction(_) => "build",
///         SdkError::Transport(_) => "transport",
///         SdkError::Response(_) => "response",
///         SdkError::Service(_) => "service",
///         SdkError::Pagination(_) => "pagination",
///         _ => "other",
///     }
/// }
/// ```
///
/// It is transparent: its `Display` is the failure's own and its
/// [`source`](std::error::Error::source) is the failure's source, so an
/// error chain shows each cause once.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The request could not be built (nothing was sent).
    Construction(BuildError),
    /// The request could not be sent, or no response arrived.
    Transport(TransportError),
    /// A response arrived but could not be parsed.
    Response(ResponseError),
    /// The service answered with an error.
    Service(E),
    /// Pagination went wrong (the service repeated a token, or a starting
    /// token was invalid).
    Pagination(PaginationError),
}

impl<E> SdkError<E> {
    /// The service error, if that is what this is.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: ServiceError> SdkError<E> {
    /// The operation's error enum: the service error itself, or for any
    /// other failure the enum's `Unhandled` variant, which keeps that
    /// failure as its source (and, for an error response that could not be
    /// parsed, its code and message).
    pub fn into_service_error(self) -> E {
        let (what, meta, source): (_, _, Box<dyn std::error::Error + Send + Sync>) = match self {
            SdkError::Service(e) => return e,
            SdkError::Construction(e) => ("cannot build the request", None, Box::new(e)),
            SdkError::Transport(e) => ("no response", None, Box::new(e)),
            SdkError::Response(e) => ("unreadable response", e.meta().cloned(), Box::new(e)),
            SdkError::Pagination(e) => ("pagination failed", None, Box::new(e)),
        };
        E::unhandled(Unhandled::from_failure(what, meta, source))
    }
}

impl<E: ProvideErrorMetadata> ProvideErrorMetadata for SdkError<E> {
    fn code(&self) -> Option<&str> {
        match self {
            SdkError::Service(e) => e.code(),
            SdkError::Response(e) => e.meta().and_then(ErrorMeta::code_if_any),
            _ => None,
        }
    }

    fn message(&self) -> Option<&str> {
        match self {
            SdkError::Service(e) => e.message(),
            SdkError::Response(e) => e.meta().and_then(ErrorMeta::message),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Construction(e) => write!(f, "cannot build the request: {e}"),
            SdkError::Transport(e) => fmt::Display::fmt(e, f),
            SdkError::Response(e) => fmt::Display::fmt(e, f),
            SdkError::Service(e) => fmt::Display::fmt(e, f),
            SdkError::Pagination(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // Transparent: the failure's own text is already this error's.
        match self {
            SdkError::Construction(e) => std::error::Error::source(e),
            SdkError::Transport(e) => std::error::Error::source(e),
            SdkError::Response(e) => std::error::Error::source(e),
            SdkError::Service(e) => std::error::Error::source(e),
            SdkError::Pagination(e) => std::error::Error::source(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_cut_at_colon_and_after_hash() {
        assert_eq!(sanitize_code("FooError"), "FooError");
        assert_eq!(sanitize_code("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"), "FooError");
        assert_eq!(sanitize_code("aws.protocoltests.restjson#FooError"), "FooError");
        assert_eq!(
            sanitize_code(
                "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            ),
            "FooError"
        );
    }

    #[test]
    fn header_beats_code_beats_type() {
        let mut headers = http::HeaderMap::new();
        let body = br#"{"__type":"a#FromType","code":"FromCode","message":"hi"}"#;
        assert_eq!(ErrorMeta::from_response(400, &headers, body).code(), "FromCode");
        assert_eq!(ErrorMeta::from_response(400, &headers, br#"{"__type":"a#FromType"}"#).code(), "FromType");
        headers.insert("x-amzn-errortype", "FromHeader:http://x".parse().unwrap());
        let meta = ErrorMeta::from_response(400, &headers, body);
        assert_eq!(meta.code(), "FromHeader");
        assert_eq!(meta.message(), Some("hi"));
    }

    #[test]
    fn non_json_body_keeps_status() {
        let meta = ErrorMeta::from_response(503, &http::HeaderMap::new(), b"<html>busy</html>");
        assert_eq!(meta.code(), "");
        assert!(meta.is_retryable());
        assert_eq!(meta.to_string(), "error without a code or message (HTTP 503)");
    }

    #[test]
    fn throttling_codes_are_retryable() {
        let meta = ErrorMeta::new("ThrottlingException", None, None, 400);
        assert!(meta.is_throttling() && meta.is_retryable());
        assert!(!ErrorMeta::new("ValidationException", None, None, 400).is_retryable());
    }

    #[test]
    fn a_query_error_header_gives_the_code_and_keeps_the_shape_code() {
        let body = br#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}"#;
        let with = |value: &str| {
            let mut headers = http::HeaderMap::new();
            headers.insert("x-amzn-query-error", value.parse().unwrap());
            ErrorMeta::from_response(400, &headers, body).with_query_error(&headers)
        };
        let meta = with("AWS.SimpleQueueService.NonExistentQueue;Sender");
        assert_eq!(meta.code(), "AWS.SimpleQueueService.NonExistentQueue");
        assert_eq!(meta.shape_code(), "QueueDoesNotExist");
        assert_eq!(meta.message(), Some("gone"));
        // Not two parts with a code: ignored, as botocore ignores it.
        for ignored in ["NoFault", ";Sender", "A;B;C"] {
            let meta = with(ignored);
            assert_eq!((meta.code(), meta.shape_code()), ("QueueDoesNotExist", "QueueDoesNotExist"), "{ignored}");
        }
        // Without the header (or for other services) both codes are the same.
        let meta =
            ErrorMeta::from_response(400, &http::HeaderMap::new(), body).with_query_error(&http::HeaderMap::new());
        assert_eq!((meta.code(), meta.shape_code()), ("QueueDoesNotExist", "QueueDoesNotExist"));
        // Throttling is recognised by either code.
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amzn-query-error", "AWS.SimpleQueueService.Throttled;Sender".parse().unwrap());
        let meta = ErrorMeta::from_response(400, &headers, br#"{"__type":"a#ThrottlingException"}"#)
            .with_query_error(&headers);
        assert!(meta.is_throttling() && meta.is_retryable());
    }
}
