//! The headers that tell AWS which SDK sent a request, as the AWS SDKs send
//! them: `User-Agent` and `x-amz-user-agent` (this runtime and its version,
//! the service crate and its version, the OS, the language and an optional
//! application id), `amz-sdk-invocation-id` (a UUID v4 per call, the same on
//! each of its attempts) and `amz-sdk-request` (`attempt=N; max=M`).
//!
//! The Rust version is not named (`lang/rust` alone): knowing it would take a
//! build script, a cost every build would pay for a diagnostic.
//!
//! Signing: `user-agent` is never signed ([`crate::sigv4::UNSIGNED_HEADERS`]);
//! the others are set before each attempt is signed and are signed, as
//! botocore signs its `amz-sdk-*` headers.

use http::HeaderValue;
use std::fmt;

/// The header naming the call, the same on each of its attempts.
pub const INVOCATION_ID: &str = "amz-sdk-invocation-id";
/// The header naming the attempt and the most attempts the call may make.
pub const REQUEST_INFO: &str = "amz-sdk-request";
/// The SDK's own user agent header, which proxies leave alone.
pub const X_AMZ_USER_AGENT: &str = "x-amz-user-agent";

/// The longest application id the AWS SDKs accept.
pub const MAX_APP_ID_LEN: usize = 50;

/// An application id (`sdk_ua_app_id`, `AWS_SDK_UA_APP_ID`) that cannot be
/// sent: too long, or with characters a user agent token cannot hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppIdError {
    problem: &'static str,
}

impl fmt::Display for AppIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the application id {}", self.problem)
    }
}

impl std::error::Error for AppIdError {}

/// Checks an application id: at most [`MAX_APP_ID_LEN`] characters, each a
/// token character of HTTP (letters, digits and ``!#$%&'*+-.^_`|~``), so it
/// stays one `app/` token.
///
/// # Errors
/// When it is longer or holds another character (the value is not quoted,
/// in case a secret was pasted in its place).
pub fn check_app_id(id: &str) -> Result<(), AppIdError> {
    if id.len() > MAX_APP_ID_LEN {
        return Err(AppIdError { problem: "is longer than 50 characters" });
    }
    if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
        return Err(AppIdError { problem: "may hold only letters, digits and !#$%&'*+-.^_`|~ (one user agent token)" });
    }
    Ok(())
}

/// The two user agent values of a service crate's configuration.
#[derive(Clone, Debug)]
pub(crate) struct UserAgent {
    pub(crate) user_agent: HeaderValue,
    pub(crate) x_amz_user_agent: HeaderValue,
}

impl UserAgent {
    /// The values for `package` at `version`, with an application id already
    /// checked by [`check_app_id`].
    pub(crate) fn new(package: &str, version: &str, app_id: Option<&str>) -> Self {
        let sdk = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
        let os = std::env::consts::OS;
        let app = app_id.map(|id| format!(" app/{id}")).unwrap_or_default();
        let user_agent = format!("{sdk} api/{package}/{version} os/{os} lang/rust{app}");
        let x_amz_user_agent = format!("{sdk} ua/2.1 api/{package}/{version} os/{os} lang/rust{app}");
        // Built from token characters only: a package name, a version, a
        // checked id and `std::env::consts::OS`.
        let value = |text: String| HeaderValue::try_from(text).unwrap_or(HeaderValue::from_static("lean-aws-runtime"));
        UserAgent { user_agent: value(user_agent), x_amz_user_agent: value(x_amz_user_agent) }
    }

    /// Sets both headers on a request.
    pub(crate) fn apply(&self, request: &mut http::Request<Vec<u8>>) {
        let headers = request.headers_mut();
        headers.insert(http::header::USER_AGENT, self.user_agent.clone());
        headers.insert(X_AMZ_USER_AGENT, self.x_amz_user_agent.clone());
    }
}

/// Sets `amz-sdk-request` for attempt `attempt` of at most `max`.
pub(crate) fn set_request_info(request: &mut http::Request<Vec<u8>>, attempt: u32, max: u32) {
    let value = HeaderValue::try_from(format!("attempt={attempt}; max={max}")).expect("digits and ASCII");
    request.headers_mut().insert(REQUEST_INFO, value);
}

/// Sets a fresh `amz-sdk-invocation-id` and returns it.
pub(crate) fn set_invocation_id(request: &mut http::Request<Vec<u8>>) -> HeaderValue {
    let value = HeaderValue::try_from(super::idempotency::new_token()).expect("a UUID is ASCII");
    request.headers_mut().insert(INVOCATION_ID, value.clone());
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_ids_must_be_one_short_token() {
        assert!(check_app_id("my-app_1.0").is_ok());
        assert!(check_app_id(&"a".repeat(50)).is_ok());
        assert!(check_app_id(&"a".repeat(51)).unwrap_err().to_string().contains("longer than 50"));
        for bad in ["two words", "a/b", "é", "a\nb", "x;y"] {
            assert!(check_app_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn values_name_runtime_service_os_and_app() {
        let ua = UserAgent::new("sqs", "1.2.3", Some("shop"));
        let version = env!("CARGO_PKG_VERSION");
        let os = std::env::consts::OS;
        assert_eq!(ua.user_agent, format!("lean-aws-runtime/{version} api/sqs/1.2.3 os/{os} lang/rust app/shop"));
        assert_eq!(
            ua.x_amz_user_agent,
            format!("lean-aws-runtime/{version} ua/2.1 api/sqs/1.2.3 os/{os} lang/rust app/shop")
        );
        assert!(!UserAgent::new("sqs", "1.2.3", None).user_agent.to_str().unwrap().contains("app/"));
    }
}
