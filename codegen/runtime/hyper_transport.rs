//! The default async transport: hyper 1 (HTTP/1.1, pooled connections) over
//! rustls with the ring provider and Mozilla's root certificates
//! (webpki-roots), on tokio; and [`TokioSleep`], the timer the client uses
//! with it. Only HTTP/1.1: the service answers one small JSON document per
//! request, and HTTP/2 would add about ten crates for multiplexing that a
//! connection pool already gives.

use super::error::TransportError;
use super::sleep::{Sleep, ThreadSleep};
use super::transport::{BoxFuture, Transport};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;
use std::time::Duration;

/// How long to wait for a connection by default, as the AWS SDKs do.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// An HTTPS (and plain HTTP) client on tokio. Cloning is cheap and clones
/// share the connection pool. Calls must run inside a tokio runtime; outside
/// one they fail with a [`TransportError`] saying so. It follows no
/// redirects and reads no proxy settings from the environment.
#[derive(Clone, Debug)]
pub struct HyperTransport {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl Default for HyperTransport {
    fn default() -> Self {
        HyperTransport::new()
    }
}

impl HyperTransport {
    /// A transport with a 3.1 s connect time-out. Bound whole attempts with
    /// the config's `attempt_timeout`.
    pub fn new() -> Self {
        HyperTransport::with_connect_timeout(DEFAULT_CONNECT_TIMEOUT)
    }

    /// A transport that gives up connecting after `timeout`.
    pub fn with_connect_timeout(timeout: Duration) -> Self {
        let mut http = HttpConnector::new();
        // The TLS layer above takes `https` URIs; plain `http` stays allowed
        // for local endpoints.
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(Some(timeout));
        // Named explicitly rather than taken from rustls's process default,
        // which panics when another crate also enables aws-lc-rs.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(provider)
            .expect("the ring provider supports rustls's default protocol versions")
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        HyperTransport { client: Client::builder(TokioExecutor::new()).build(https) }
    }
}

impl Transport for HyperTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            // hyper spawns connection tasks on tokio, which panics outside a runtime.
            if tokio::runtime::Handle::try_current().is_err() {
                return Err(TransportError::msg(
                    "HyperTransport needs a tokio runtime; use the blocking client or another transport elsewhere",
                ));
            }
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, Full::new(Bytes::from(body)));
            let response = self.client.request(request).await.map_err(|e| error("sending the request", e))?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await.map_err(|e| error("reading the response", e))?.to_bytes();
            Ok(http::Response::from_parts(parts, body.to_vec()))
        })
    }
}

/// Keeps time-outs recognisable (hyper reports them as an I/O error deep in
/// the source chain), since the retry policy treats them apart. The message
/// carries the whole chain: hyper's own top-level text ("client error
/// (Connect)") says little.
fn error(what: &str, e: impl std::error::Error + 'static) -> TransportError {
    let message = format!("{what}: {}", chain(&e));
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(cause) = source {
        if cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut) {
            return TransportError::timeout(message);
        }
        source = cause.source();
    }
    TransportError::msg(message)
}

/// An error and its causes on one line.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Waits on tokio's timer inside a tokio runtime, and falls back to a
/// [`ThreadSleep`] outside one (another executor), where tokio's timer would
/// panic. The runtime needs its timer enabled (`enable_all()` or
/// `#[tokio::main]`). The default when the `default-https-client` feature is on.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioSleep;

impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        match tokio::runtime::Handle::try_current() {
            Ok(_) => Box::pin(tokio::time::sleep(duration)),
            Err(_) => ThreadSleep.sleep(duration),
        }
    }
}
