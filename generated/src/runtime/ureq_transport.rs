// Copied from codegen/runtime/ureq_transport.rs by `cargo xtask codegen`. Edit it there.

//! The blocking client's default transport: ureq 3 over rustls with the ring
//! provider and Mozilla's root certificates (webpki-roots). Chosen for its
//! size: about 25 crates and no async runtime (see the README's measurements).

use super::blocking::BlockingTransport;
use super::error::TransportError;
use std::time::Duration;

/// How long to wait for a connection by default, as the AWS SDKs do.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// A pooled, blocking HTTP/1.1 client for `https` and plain `http`
/// endpoints. Like the service expects of a client, it follows no redirects,
/// treats error statuses as responses (the crate parses them), and reads no
/// proxy settings from the environment.
#[derive(Clone, Debug)]
pub struct UreqTransport {
    agent: ureq::Agent,
}

impl Default for UreqTransport {
    fn default() -> Self {
        UreqTransport::new()
    }
}

impl UreqTransport {
    /// A transport with a 3.1 s connect time-out and no overall limit (bound
    /// whole calls with [`with_timeouts`](Self::with_timeouts)).
    pub fn new() -> Self {
        UreqTransport::with_timeouts(DEFAULT_CONNECT_TIMEOUT, None)
    }

    /// A transport that gives up connecting after `timeout`.
    pub fn with_connect_timeout(timeout: Duration) -> Self {
        UreqTransport::with_timeouts(timeout, None)
    }

    /// A transport with a connect time-out and, optionally, a limit on each
    /// whole request, connecting included. A blocking call cannot be
    /// interrupted from outside, so this, not the config's
    /// `attempt_timeout`, is what bounds an attempt of the blocking client.
    pub fn with_timeouts(connect: Duration, whole_request: Option<Duration>) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .proxy(None)
            .timeout_connect(Some(connect))
            .timeout_global(whole_request)
            .build();
        UreqTransport { agent: ureq::Agent::new_with_config(config) }
    }
}

impl BlockingTransport for UreqTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = self.agent.run(request).map_err(|e| error("sending the request", e))?;
        let (parts, body) = response.into_parts();
        // Responses are read whole, as the async transport does: no size cap.
        let body = body.into_with_config().limit(u64::MAX).read_to_vec().map_err(|e| error("reading the response", e))?;
        Ok(http::Response::from_parts(parts, body))
    }
}

/// Keeps time-outs recognisable, since the retry policy treats them apart.
fn error(what: &str, e: ureq::Error) -> TransportError {
    let timed_out = match &e {
        ureq::Error::Timeout(_) => true,
        ureq::Error::Io(io) => io.kind() == std::io::ErrorKind::TimedOut,
        _ => false,
    };
    if timed_out { TransportError::timeout(format!("{what}: {e}")) } else { TransportError::new(what, e) }
}
