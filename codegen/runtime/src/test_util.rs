//! Test helpers for programs that use the service crates (feature
//! `test-util`): [`ReplayTransport`] answers each request with the next
//! queued response and records every request sent, for the async and the
//! blocking client alike, without a network.
//!
//! ```
//! use lean_aws_runtime::test_util::ReplayTransport;
//! use lean_aws_runtime::transport::Transport;
//!
//! let replay = ReplayTransport::new();
//! replay.respond(200, r#"{"PhoneNumbers":[]}"#).respond_with_headers(
//!     400,
//!     &[("x-amzn-errortype", "ValidationException")],
//!     r#"{"message":"bad filter"}"#,
//! );
//! // A service client takes it as its transport: with `SomeService`'s
//! // crate, `Config::builder().transport(replay.clone())`, or for the
//! // blocking client `.blocking_transport(replay.clone())`. Here it is
//! // called directly, as a client would.
//! let request = http::Request::post("https://example.com/").body(b"{}".to_vec())?;
//! let response = lean_aws_runtime::sleep::block_on(replay.send(request))?;
//! assert_eq!(response.status(), 200);
//!
//! let sent = replay.requests();
//! assert_eq!(sent[0].method(), "POST");
//! assert_eq!(sent[0].uri(), "https://example.com/");
//! assert_eq!(sent[0].body_str(), "{}");
//! assert_eq!(replay.remaining(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::error::TransportError;
use super::transport::{BoxFuture, Transport};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

/// A transport that answers with queued responses, in order, and records
/// the requests it was sent. Clones share the queue and the record, so keep
/// one to inspect after giving a clone to a client. When the queue is empty
/// a request fails as a transport error naming it.
#[derive(Clone, Debug, Default)]
pub struct ReplayTransport {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    answers: VecDeque<Answer>,
    requests: Vec<CapturedRequest>,
}

#[derive(Debug)]
enum Answer {
    Response(http::Response<Vec<u8>>),
    Failure(String),
}

/// A request as the transport received it: signed, with its absolute URI.
#[derive(Clone, Debug)]
pub struct CapturedRequest {
    method: http::Method,
    uri: http::Uri,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl CapturedRequest {
    /// The HTTP method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The absolute URI.
    pub fn uri(&self) -> &http::Uri {
        &self.uri
    }

    /// The headers, signature included.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text (invalid UTF-8 replaced), for JSON bodies.
    pub fn body_str(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl ReplayTransport {
    /// A transport with nothing queued.
    pub fn new() -> Self {
        ReplayTransport::default()
    }

    /// Queues a response with this status and body.
    pub fn respond(&self, status: u16, body: impl Into<Vec<u8>>) -> &Self {
        self.respond_with_headers(status, &[], body)
    }

    /// Queues a response with this status, headers and body.
    ///
    /// # Panics
    /// When the status or a header is not valid HTTP.
    pub fn respond_with_headers(&self, status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> &Self {
        let mut response = http::Response::builder().status(status);
        for (name, value) in headers {
            response = response.header(*name, *value);
        }
        self.respond_with(response.body(body.into()).expect("a valid status and headers"))
    }

    /// Queues a response as it is.
    pub fn respond_with(&self, response: http::Response<Vec<u8>>) -> &Self {
        self.state().answers.push_back(Answer::Response(response));
        self
    }

    /// Queues a transport failure (a refused connection, say): that request
    /// gets no response.
    pub fn fail(&self, message: impl Into<String>) -> &Self {
        self.state().answers.push_back(Answer::Failure(message.into()));
        self
    }

    /// Every request sent so far, in order.
    pub fn requests(&self) -> Vec<CapturedRequest> {
        self.state().requests.clone()
    }

    /// How many queued answers are left.
    pub fn remaining(&self) -> usize {
        self.state().answers.len()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock left nothing half-done.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn answer(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let (parts, body) = request.into_parts();
        let what = format!("{} {}", parts.method, parts.uri);
        let mut state = self.state();
        state.requests.push(CapturedRequest { method: parts.method, uri: parts.uri, headers: parts.headers, body });
        match state.answers.pop_front() {
            Some(Answer::Response(response)) => Ok(response),
            Some(Answer::Failure(message)) => Err(TransportError::msg(message)),
            None => Err(TransportError::msg(format!("ReplayTransport has no response queued for {what}"))),
        }
    }
}

/// Answers in the first poll, so the blocking client can drive it too.
impl Transport for ReplayTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let answer = self.answer(request);
        Box::pin(std::future::ready(answer))
    }
}

#[cfg(feature = "blocking")]
impl super::blocking::BlockingTransport for ReplayTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        self.answer(request)
    }
}
