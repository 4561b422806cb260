//! Shared by every conformance case (copied into the generated test crate by
//! `cargo xtask conformance`): a transport that records requests and answers
//! with a canned response, and the comparisons the cases make.

pub use pollster::block_on;
use std::fmt::Debug;

/// Equal by `PartialEq`; only when the expected value holds a NaN (never
/// equal to itself) is equal `Debug` text accepted instead.
pub fn assert_same<T: PartialEq + Debug>(member: &str, actual: &T, expected: &T) {
    let expected_text = format!("{expected:?}");
    let nan_equal = expected_text.contains("NaN") && format!("{actual:?}") == expected_text;
    if actual != expected && !nan_equal {
        panic!("member `{member}`:\n  parsed:   {actual:?}\n  expected: {expected:?}");
    }
}

pub fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("the case's response is valid HTTP")
}

/// What a case says about the request.
pub struct ExpectedRequest<'a> {
    pub method: &'a str,
    pub uri: &'a str,
    /// Host, optionally followed by the endpoint's path (`example.com/custom`).
    pub host: Option<&'a str>,
    pub headers: &'a [(&'a str, &'a str)],
    pub require_headers: &'a [&'a str],
    pub forbid_headers: &'a [&'a str],
    pub body: Option<&'a str>,
}

pub fn check_request(request: &http::Request<Vec<u8>>, expected: &ExpectedRequest<'_>) {
    assert_eq!(request.method().as_str(), expected.method, "method");
    let path = request.uri().path_and_query().map_or("/", |p| p.as_str());
    assert_eq!(path, expected.uri, "URI");
    if let Some(host) = expected.host {
        // `example.com/custom`: the endpoint's path is checked with the URI.
        let authority = host.split('/').next().unwrap_or(host);
        assert_eq!(request.uri().authority().map(|a| a.as_str()), Some(authority), "host");
    }
    for (name, value) in expected.headers {
        assert!(request.headers().contains_key(*name), "header `{name}` is missing");
        let actual =
            request.headers().get_all(*name).iter().map(|v| v.to_str().unwrap_or("<binary>")).collect::<Vec<_>>();
        assert_eq!(actual.join(", "), *value, "header `{name}`");
    }
    for name in expected.require_headers {
        assert!(request.headers().contains_key(*name), "header `{name}` is required");
    }
    for name in expected.forbid_headers {
        assert!(!request.headers().contains_key(*name), "header `{name}` must not be sent");
    }
    if let Some(body) = expected.body {
        let actual = request.body();
        match serde_json::from_str::<serde_json::Value>(body) {
            Ok(expected_json) => {
                let actual_json: serde_json::Value = serde_json::from_slice(actual)
                    .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(actual)));
                assert_eq!(actual_json, expected_json, "body (as JSON)");
            }
            Err(_) if is_form(request) => {
                assert_eq!(form_pairs(&String::from_utf8_lossy(actual)), form_pairs(body), "body (form pairs)")
            }
            Err(_) => assert_eq!(String::from_utf8_lossy(actual), body, "body (bytes)"),
        }
    }
}

fn is_form(request: &http::Request<Vec<u8>>) -> bool {
    request
        .headers()
        .get("content-type")
        .is_some_and(|v| v.as_bytes().starts_with(b"application/x-www-form-urlencoded"))
}

/// A form body's `key=value` pairs, sorted: the order of form fields carries
/// no meaning (the suites list them in the order of the case's parameters,
/// the client in model order), so they are compared as a set, as smithy-rs's
/// protocol tests compare `application/x-www-form-urlencoded` bodies.
fn form_pairs(body: &str) -> Vec<&str> {
    let mut pairs: Vec<&str> = body.split('&').filter(|p| !p.is_empty()).collect();
    pairs.sort_unstable();
    pairs
}

/// A transport for one generated crate: records requests and answers each
/// with a copy of one response. Expands to `Capture` and `client(..)`.
#[macro_export]
macro_rules! capture_transport {
    ($krate:ident) => {
        #[derive(Debug)]
        pub struct Capture {
            answer: http::Response<Vec<u8>>,
            requests: std::sync::Mutex<Vec<http::Request<Vec<u8>>>>,
        }

        impl Capture {
            pub fn answering(answer: http::Response<Vec<u8>>) -> Self {
                Capture { answer, requests: Default::default() }
            }

            /// The one request sent.
            pub fn only_request(&self) -> http::Request<Vec<u8>> {
                let mut requests = self.requests.lock().unwrap();
                assert_eq!(requests.len(), 1, "exactly one request is sent");
                requests.pop().unwrap()
            }
        }

        impl $krate::runtime::transport::Transport for Capture {
            fn send(
                &self,
                request: http::Request<Vec<u8>>,
            ) -> $krate::runtime::transport::BoxFuture<
                '_,
                Result<http::Response<Vec<u8>>, $krate::error::TransportError>,
            > {
                self.requests.lock().unwrap().push(request);
                let mut answer = http::Response::new(self.answer.body().clone());
                *answer.status_mut() = self.answer.status();
                *answer.headers_mut() = self.answer.headers().clone();
                Box::pin(async move { Ok(answer) })
            }
        }

        pub fn client(endpoint: &str, transport: std::sync::Arc<Capture>) -> $krate::Client {
            // A case is one exchange: a retried 5xx would send the request again.
            let config = $krate::Config::builder()
                .anonymous()
                .shared_transport(transport)
                .endpoint_url(endpoint)
                .retry_config($krate::runtime::retry::RetryConfig::disabled())
                .build()
                .expect("the test configuration is valid");
            $krate::Client::from_conf(config)
        }
    };
}
