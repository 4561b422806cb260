//! The awsQuery protocol's request and response framing: a form-encoded
//! `POST /`, answered by `<{Op}Response><{Op}Result>...</{Op}Result>
//! <ResponseMetadata><RequestId>..` or, on failure, by
//! `<ErrorResponse><Error><Type/><Code/><Message/>...</Error><RequestId/>`
//! (or `<Response><Errors><Error>..</Error></Errors><RequestID/>`).

use super::error::{ErrorMeta, ResponseError, SdkError};
use super::xml::XmlError;
use super::xml::XmlReader;

/// The content type awsQuery requests carry.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// A `POST /` request with the form body, its `Content-Type` and
/// `Content-Length`. SigV4 signs the body bytes as they are.
pub fn query_request(body: Vec<u8>) -> http::Request<Vec<u8>> {
    let length = http::HeaderValue::from(body.len());
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = http::Uri::from_static("/");
    let headers = request.headers_mut();
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(CONTENT_TYPE));
    headers.insert(http::header::CONTENT_LENGTH, length);
    request
}

/// Parses a response: 2xx bodies with `output`, anything else with `error`
/// after reading the code, message and request id ([`error_meta`]).
pub fn parse_query_response<B: AsRef<[u8]>, O, E>(
    response: &http::Response<B>,
    output: fn(&[u8]) -> Result<O, XmlError>,
    error: fn(ErrorMeta, &[u8]) -> Result<E, XmlError>,
) -> Result<O, SdkError<E>> {
    let body = response.body().as_ref();
    if response.status().is_success() {
        return output(body).map_err(|e| SdkError::Response(ResponseError::new(response, e)));
    }
    let meta = error_meta(response.status().as_u16(), response.headers(), body);
    match error(meta.clone(), body) {
        Ok(e) => Err(SdkError::Service(e)),
        Err(parse) => Err(SdkError::Response(ResponseError::new(response, parse).with_meta(meta))),
    }
}

/// Reads an output: `read` gets the `wrapper` element (`{Op}Result`, or the
/// model's `resultWrapper`) open; `ResponseMetadata` and anything else under
/// the root is skipped. An empty body, or one without the wrapper, is an
/// output with no members set.
pub fn output<T>(
    body: &[u8],
    wrapper: &str,
    read: for<'a> fn(&mut XmlReader<'a>) -> Result<T, XmlError>,
) -> Result<T, XmlError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return empty(read);
    }
    let mut r = XmlReader::new(body)?;
    r.root()?;
    let mut value = None;
    while let Some(name) = r.next_child()? {
        if name == wrapper && value.is_none() {
            value = Some(read(&mut r)?);
        } else {
            r.skip()?;
        }
    }
    r.end()?;
    value.map_or_else(|| empty(read), Ok)
}

/// Reads a modeled error's members: `read` gets the `Error` element open.
pub fn error_body<T>(body: &[u8], read: for<'a> fn(&mut XmlReader<'a>) -> Result<T, XmlError>) -> Result<T, XmlError> {
    let mut r = XmlReader::new(body)?;
    r.root()?;
    let mut value = None;
    while let Some(name) = r.next_child()? {
        match name {
            "Error" if value.is_none() => value = Some(read(&mut r)?),
            "Errors" => {
                while let Some(inner) = r.next_child()? {
                    if inner == "Error" && value.is_none() {
                        value = Some(read(&mut r)?);
                    } else {
                        r.skip()?;
                    }
                }
            }
            _ => r.skip()?,
        }
    }
    value.map_or_else(|| empty(read), Ok)
}

/// `read` on an element with no content.
fn empty<T>(read: for<'a> fn(&mut XmlReader<'a>) -> Result<T, XmlError>) -> Result<T, XmlError> {
    let mut r = XmlReader::new(b"<Empty/>")?;
    r.root()?;
    read(&mut r)
}

#[derive(Default)]
struct Found {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
}

/// The code (`Error/Code`), message (`Error/Message`) and request id
/// (`RequestId` or `RequestID` beside `Error`, else the `x-amzn-requestid`
/// header) of an awsQuery error response. A body that is not XML (a
/// proxy's page) leaves only what the headers say.
pub fn error_meta(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorMeta {
    let mut found = Found::default();
    let _ = scan(body, &mut found);
    let header_id = || {
        ["x-amzn-requestid", "x-amz-request-id"]
            .iter()
            .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
            .map(str::to_owned)
    };
    let request_id = found.request_id.or_else(header_id);
    ErrorMeta::new(found.code.unwrap_or_default().trim(), found.message, request_id, status)
        .with_retry_after_from(headers)
}

fn scan(body: &[u8], found: &mut Found) -> Result<(), XmlError> {
    fn error(r: &mut XmlReader<'_>, found: &mut Found) -> Result<(), XmlError> {
        while let Some(name) = r.next_child()? {
            match name {
                "Code" => found.code = Some(r.string()?),
                "Message" => found.message = Some(r.string()?),
                _ => r.skip()?,
            }
        }
        Ok(())
    }
    let mut r = XmlReader::new(body)?;
    r.root()?;
    while let Some(name) = r.next_child()? {
        match name {
            "Error" if found.code.is_none() => error(&mut r, found)?,
            "Errors" => {
                while let Some(inner) = r.next_child()? {
                    if inner == "Error" && found.code.is_none() {
                        error(&mut r, found)?;
                    } else {
                        r.skip()?;
                    }
                }
            }
            "RequestId" | "RequestID" => found.request_id = Some(r.string()?),
            _ => r.skip()?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XmlReader;

    #[test]
    fn request_is_a_form_post() {
        let request = query_request(b"Action=A&Version=1".to_vec());
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri(), "/");
        assert_eq!(request.headers()["content-type"], CONTENT_TYPE);
        assert_eq!(request.headers()["content-length"], "18");
    }

    fn greeting(r: &mut XmlReader<'_>) -> Result<Option<String>, XmlError> {
        let mut greeting = None;
        while let Some(name) = r.next_child()? {
            match name {
                "greeting" => greeting = Some(r.string()?),
                _ => r.skip()?,
            }
        }
        Ok(greeting)
    }

    #[test]
    fn output_unwraps_the_result_element() {
        let body = br#"<?xml version="1.0"?>
            <GreetResponse xmlns="https://example.com/">
              <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
              <GreetResult><greeting>Hello</greeting></GreetResult>
            </GreetResponse>"#;
        assert_eq!(output(body, "GreetResult", greeting).unwrap().as_deref(), Some("Hello"));
        // Another wrapper name: the output has nothing set.
        assert_eq!(output(body, "OtherResult", greeting).unwrap(), None);
        assert_eq!(output(b"  ", "GreetResult", greeting).unwrap(), None);
        assert!(output(b"<GreetResponse><GreetResult>", "GreetResult", greeting).is_err());
    }

    #[test]
    fn error_meta_reads_code_message_and_request_id() {
        let body = b"<ErrorResponse>\n <Error>\n  <Type>Sender</Type>\n  <Code>InvalidGreeting</Code>\n  \
                     <Message>Hi &amp; bye</Message>\n </Error>\n <RequestId>foo-id</RequestId>\n</ErrorResponse>";
        let meta = error_meta(400, &http::HeaderMap::new(), body);
        assert_eq!(
            (meta.code(), meta.message(), meta.request_id()),
            ("InvalidGreeting", Some("Hi & bye"), Some("foo-id"))
        );
        assert_eq!(meta.status(), 400);
        assert_eq!(
            error_body(body, |r| {
                let mut code = None;
                while let Some(name) = r.next_child()? {
                    match name {
                        "Code" => code = Some(r.string()?),
                        _ => r.skip()?,
                    }
                }
                Ok(code)
            })
            .unwrap()
            .as_deref(),
            Some("InvalidGreeting")
        );
    }

    #[test]
    fn error_meta_reads_the_errors_form_and_falls_back_to_headers() {
        let body = b"<Response><Errors><Error><Code>Throttling</Code><Message>slow</Message></Error></Errors>\
                     <RequestID>ec2-id</RequestID></Response>";
        let meta = error_meta(400, &http::HeaderMap::new(), body);
        assert_eq!((meta.code(), meta.message(), meta.request_id()), ("Throttling", Some("slow"), Some("ec2-id")));
        assert!(meta.is_throttling());
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amzn-requestid", "hdr-id".parse().unwrap());
        let meta = error_meta(503, &headers, b"<html>Service Unavailable</html>");
        assert_eq!((meta.code(), meta.request_id()), ("", Some("hdr-id")));
        assert!(meta.is_retryable());
    }
}
