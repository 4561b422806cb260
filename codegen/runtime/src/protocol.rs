//! The awsJson protocols' request and response framing.

use super::error::{ErrorMeta, ResponseError, SdkError};
use super::json::JsonError;

/// A `POST /` request with the `X-Amz-Target`, `Content-Type` and
/// `Content-Length` headers (services reject JSON requests without a length).
pub fn json_request(target: &'static str, content_type: &'static str, body: Vec<u8>) -> http::Request<Vec<u8>> {
    let length = http::HeaderValue::from(body.len());
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = http::Uri::from_static("/");
    let headers = request.headers_mut();
    headers.insert("x-amz-target", http::HeaderValue::from_static(target));
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(content_type));
    headers.insert(http::header::CONTENT_LENGTH, length);
    request
}

/// [`json_request`] for an awsQuery-compatible service: also
/// `x-amzn-query-mode: true`, which the protocol requires of such clients
/// (the service then names errors with awsQuery codes too).
pub fn query_compatible_json_request(
    target: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
) -> http::Request<Vec<u8>> {
    let mut request = json_request(target, content_type, body);
    request.headers_mut().insert("x-amzn-query-mode", http::HeaderValue::from_static("true"));
    request
}

/// Parses a response: 2xx bodies with `output`, anything else with `error`.
pub fn parse_response<B: AsRef<[u8]>, O, E>(
    response: &http::Response<B>,
    output: fn(&[u8]) -> Result<O, JsonError>,
    error: fn(ErrorMeta, &[u8]) -> Result<E, JsonError>,
) -> Result<O, SdkError<E>> {
    parse(response, output, error, false)
}

/// [`parse_response`] for an awsQuery-compatible service: an error's code
/// is the `x-amzn-query-error` header's when there is one
/// ([`ErrorMeta::with_query_error`]).
pub fn parse_query_compatible_response<B: AsRef<[u8]>, O, E>(
    response: &http::Response<B>,
    output: fn(&[u8]) -> Result<O, JsonError>,
    error: fn(ErrorMeta, &[u8]) -> Result<E, JsonError>,
) -> Result<O, SdkError<E>> {
    parse(response, output, error, true)
}

fn parse<B: AsRef<[u8]>, O, E>(
    response: &http::Response<B>,
    output: fn(&[u8]) -> Result<O, JsonError>,
    error: fn(ErrorMeta, &[u8]) -> Result<E, JsonError>,
    query_compatible: bool,
) -> Result<O, SdkError<E>> {
    let body = response.body().as_ref();
    if response.status().is_success() {
        return output(body).map_err(|e| SdkError::Response(ResponseError::new(response, e)));
    }
    let mut meta = ErrorMeta::from_response(response.status().as_u16(), response.headers(), body);
    if query_compatible {
        meta = meta.with_query_error(response.headers());
    }
    match error(meta.clone(), body) {
        Ok(e) => Err(SdkError::Service(e)),
        // The code is known but the body is not what the model says (a proxy's
        // page, say): keep what the response told, including its retryability.
        Err(parse) => Err(SdkError::Response(ResponseError::new(response, parse).with_meta(meta))),
    }
}
