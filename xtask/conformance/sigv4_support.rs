//! Shared by the SigV4 test suite's cases (copied into the generated test
//! crate by `cargo xtask conformance`): reads a case's `.req` (a raw HTTP
//! request), signs it with the runtime crate and compares the
//! canonical request, string to sign and `authorization` header with the
//! suite's files, byte for byte.

use lean_aws_runtime::sigv4::{self, SignableRequest, SigningParams};
use std::time::{Duration, UNIX_EPOCH};

/// The suite's key id (in every `.authz`) and secret key, which the suite's
/// files do not hold: it is AWS's documentation example key, the one
/// botocore's harness for this suite (`tests/unit/auth/test_sigv4.py`) uses.
const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-east-1";
const SERVICE: &str = "service";
/// 2015-08-30T12:36:00Z, the suite's `x-amz-date`.
const TIME_SECS: u64 = 1_440_938_160;

/// One case's files. The session token is the `x-amz-security-token` the
/// `.creq` signs, as botocore's harness takes it: the suite states it
/// nowhere else, and it is not always in the `.req` (the signer adds it).
pub struct Case<'a> {
    pub req: &'a [u8],
    pub creq: &'a str,
    pub sts: &'a str,
    pub authz: &'a str,
    pub session_token: Option<&'a str>,
}

pub fn check(case: &Case<'_>) {
    let raw = RawRequest::parse(case.req);
    let params = SigningParams::new(
        ACCESS_KEY_ID,
        SECRET_ACCESS_KEY,
        REGION,
        SERVICE,
        UNIX_EPOCH + Duration::from_secs(TIME_SECS),
    )
    .with_session_token(case.session_token);
    match raw.to_http() {
        Ok(mut request) => {
            // The whole path users take: `sign` on an `http::Request`. What it
            // signed is the signed request's canonical form (`authorization`
            // is never signed, and `x-amz-date` is replaced by the same value).
            sigv4::sign(&mut request, &params).unwrap_or_else(|e| panic!("signing failed: {e}"));
            let signed = SignableRequest::from_http(&request).unwrap_or_else(|e| panic!("{e}"));
            let creq = sigv4::canonical_request(&signed);
            same("canonical request (.creq)", &creq, case.creq);
            same("string to sign (.sts)", &sigv4::string_to_sign(&creq, &params), case.sts);
            let authz = request.headers().get("authorization").map(|v| v.to_str().unwrap_or("<binary>"));
            same("authorization (.authz)", authz.unwrap_or("<missing>"), case.authz);
        }
        Err(why) => {
            // `http` cannot hold this request (a space in the path, say), so
            // the signer's steps run on its parts, as `sign` runs them.
            println!("not representable as http::Request ({why}); signing its parts");
            let mut headers: Vec<(&str, &str)> = raw.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            if let Some(token) = case.session_token {
                if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("x-amz-security-token")) {
                    headers.push(("x-amz-security-token", token));
                }
            }
            let parts = SignableRequest::new(&raw.method, &raw.target, headers, &raw.body);
            let creq = sigv4::canonical_request(&parts);
            same("canonical request (.creq)", &creq, case.creq);
            same("string to sign (.sts)", &sigv4::string_to_sign(&creq, &params), case.sts);
            same("authorization (.authz)", &sigv4::authorization(&parts, &params), case.authz);
        }
    }
}

fn same(what: &str, actual: &str, expected: &str) {
    if actual != expected {
        panic!("{what} differs\n--- ours:\n{actual}\n--- expected:\n{expected}\n---");
    }
}

/// A request as the `.req` file spells it.
pub struct RawRequest {
    pub method: String,
    /// The request target, as on the request line (path and query).
    pub target: String,
    /// In file order; names as written.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawRequest {
    /// `METHOD target HTTP/1.1`, header lines, an empty line, the body. The
    /// target may hold spaces (everything between the method and the
    /// version). A line starting with whitespace continues the previous
    /// header (obs-fold), which RFC 7230, 3.2.4 lets a recipient replace
    /// with a space. Lines end in LF or CRLF; the body is kept as is.
    pub fn parse(bytes: &[u8]) -> RawRequest {
        let text = std::str::from_utf8(bytes).expect("the .req file is UTF-8");
        let (head, body) = match text.find("\n\n").or_else(|| text.find("\r\n\r\n")) {
            Some(at) if text[at..].starts_with("\n\n") => (&text[..at], &text[at + 2..]),
            Some(at) => (&text[..at], &text[at + 4..]),
            None => (text.trim_end_matches(['\r', '\n']), ""),
        };
        let mut lines = head.lines();
        let request_line = lines.next().expect("a request line");
        let (method, rest) = request_line.split_once(' ').expect("a method");
        let (target, _version) = rest.rsplit_once(' ').expect("an HTTP version");
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in lines {
            if line.starts_with([' ', '\t']) {
                let (_, value) = headers.last_mut().expect("a continuation follows a header");
                value.push(' ');
                value.push_str(line.trim());
            } else {
                let (name, value) = line.split_once(':').expect("a header line has a colon");
                headers.push((name.to_owned(), value.to_owned()));
            }
        }
        RawRequest { method: method.to_owned(), target: target.to_owned(), headers, body: body.as_bytes().to_vec() }
    }

    /// The same request as an `http::Request`, or why `http` refuses it.
    pub fn to_http(&self) -> Result<http::Request<Vec<u8>>, String> {
        let mut builder = http::Request::builder().method(self.method.as_str()).uri(self.target.as_str());
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(self.body.clone()).map_err(|e| e.to_string())
    }
}
