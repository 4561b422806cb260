//! The default async transport: hyper 1 (HTTP/1.1, pooled connections) over
//! rustls with the ring provider and Mozilla's root certificates
//! (webpki-roots) plus a CA bundle's, through an HTTP proxy when one is set
//! ([`NetworkSettings`]), on tokio; and [`TokioSleep`], the timer the client
//! uses with it. Only HTTP/1.1: the service answers one small JSON document per
//! request, and HTTP/2 would add about ten crates for multiplexing that a
//! connection pool already gives.

use super::error::TransportError;
use super::limits::{TransportLimits, append_limited};
use super::network::NetworkSettings;
use super::sleep::{Sleep, ThreadSleep};
use super::transport::{BoxFuture, Transport};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

pub use super::limits::DEFAULT_CONNECT_TIMEOUT;

/// An HTTPS (and plain HTTP) client on tokio. Cloning is cheap and clones
/// share the connection pool. Calls must run inside a tokio runtime with
/// its I/O and timers enabled (`enable_all()`, `#[tokio::main]`); outside
/// one they fail with a [`TransportError`] saying so. It follows no
/// redirects and reads nothing from the environment: proxies and extra
/// roots are given in [`NetworkSettings`] (a config reads them from the
/// standard settings). Every call is bounded in time and its response body
/// in size ([`TransportLimits`]).
#[derive(Clone, Debug)]
pub struct HyperTransport {
    client: Client<Bounded, Full<Bytes>>,
    network: NetworkSettings,
    attempt_timeout: Option<Duration>,
    max_body: u64,
}

impl Default for HyperTransport {
    fn default() -> Self {
        HyperTransport::new()
    }
}

impl HyperTransport {
    /// A transport with the default [`TransportLimits`]: 3.1 s to connect,
    /// 60 s of silence, 120 s per request, 64 MiB per response body.
    pub fn new() -> Self {
        HyperTransport::with_limits(TransportLimits::default())
    }

    /// The default limits, but giving up connecting after `timeout`.
    pub fn with_connect_timeout(timeout: Duration) -> Self {
        HyperTransport::with_limits(TransportLimits::default().with_connect_timeout(timeout))
    }

    /// A transport with these bounds.
    pub fn with_limits(limits: TransportLimits) -> Self {
        HyperTransport::with_settings(limits, &NetworkSettings::default())
    }

    /// A transport with these bounds, trusting `network`'s extra roots
    /// beside Mozilla's and sending through its proxies: `https` requests
    /// through a CONNECT tunnel, plain `http` ones in absolute form.
    pub fn with_settings(limits: TransportLimits, network: &NetworkSettings) -> Self {
        let mut http = HttpConnector::new();
        // The TLS layer above takes `https` URIs; plain `http` stays allowed
        // for local endpoints.
        http.enforce_http(false);
        http.set_nodelay(true);
        let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        // Each was checked to parse when the settings were made.
        let extra = network.extra_roots().iter().map(|der| rustls::pki_types::CertificateDer::from(der.clone()));
        roots.add_parsable_certificates(extra);
        // Named explicitly rather than taken from rustls's process default,
        // which panics when another crate also enables aws-lc-rs.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("the ring provider supports rustls's default protocol versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(Proxied { direct: http, network: network.clone() });
        let connector =
            Bounded { inner: https, connect_timeout: limits.connect_timeout(), read_timeout: limits.read_timeout() };
        HyperTransport {
            client: Client::builder(TokioExecutor::new()).build(connector),
            network: network.clone(),
            attempt_timeout: limits.attempt_timeout(),
            max_body: limits.max_response_body_size(),
        }
    }

    async fn exchange(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let (mut parts, body) = request.into_parts();
        // A plain `http` request goes to the proxy itself, which reads the
        // credentials here (a tunnel sends them in its CONNECT instead).
        if parts.uri.scheme_str() == Some("http") {
            if let Some(auth) = self.network.proxy_for(&parts.uri).and_then(|p| p.authorization()) {
                let value =
                    http::HeaderValue::from_str(auth).map_err(|e| TransportError::new("proxy credentials", e))?;
                parts.headers.insert(http::header::PROXY_AUTHORIZATION, value);
            }
        }
        let request = http::Request::from_parts(parts, Full::new(Bytes::from(body)));
        let response = self.client.request(request).await.map_err(|e| error("sending the request", e))?;
        let (parts, mut body) = response.into_parts();
        // An announced length over the limit fails before reading; without
        // one (chunked), reading frame by frame stops at the limit.
        let announced = hyper::body::Body::size_hint(&body).exact();
        if announced.is_some_and(|n| n > self.max_body) {
            return Err(TransportError::response_too_large(self.max_body));
        }
        let mut buffer = Vec::with_capacity(announced.unwrap_or(0) as usize);
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| error("reading the response", e))?;
            if let Ok(data) = frame.into_data() {
                append_limited(&mut buffer, &data, self.max_body)?;
            }
        }
        Ok(http::Response::from_parts(parts, buffer))
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
            match self.attempt_timeout {
                None => self.exchange(request).await,
                Some(limit) => tokio::time::timeout(limit, self.exchange(request))
                    .await
                    .unwrap_or_else(|_| Err(TransportError::timeout(format!("no complete response within {limit:?}")))),
            }
        })
    }
}

/// Connects to the endpoint, or to the proxy [`NetworkSettings`] names for
/// it: a CONNECT tunnel for `https` (TLS then runs inside it, end to end),
/// and for plain `http` a connection to the proxy marked as proxied, so that
/// hyper writes the request line in absolute form.
#[derive(Clone, Debug)]
struct Proxied {
    direct: HttpConnector,
    network: NetworkSettings,
}

type Tcp = TokioIo<tokio::net::TcpStream>;

impl tower_service::Service<http::Uri> for Proxied {
    type Response = ProxiedStream;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<ProxiedStream, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.direct.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, uri: http::Uri) -> Self::Future {
        let proxy = self.network.proxy_for(&uri).cloned();
        let mut direct = self.direct.clone();
        Box::pin(async move {
            let Some(proxy) = proxy else {
                return Ok(ProxiedStream { stream: direct.call(uri).await?, proxied: false });
            };
            if uri.scheme_str() == Some("https") {
                let mut tunnel = Tunnel::new(proxy.uri().clone(), direct);
                if let Some(auth) = proxy.authorization() {
                    tunnel = tunnel.with_auth(http::HeaderValue::from_str(auth)?);
                }
                let stream = tunnel.call(uri).await.map_err(|e| format!("through the proxy {}: {e}", proxy.uri()))?;
                Ok(ProxiedStream { stream, proxied: false })
            } else {
                Ok(ProxiedStream { stream: direct.call(proxy.uri().clone()).await?, proxied: true })
            }
        })
    }
}

/// A TCP connection, to the endpoint or (`proxied`) to a proxy that takes
/// absolute-form requests.
struct ProxiedStream {
    stream: Tcp,
    proxied: bool,
}

impl hyper::rt::Read for ProxiedStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for ProxiedStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

impl Connection for ProxiedStream {
    fn connected(&self) -> Connected {
        self.stream.connected().proxy(self.proxied)
    }
}

/// The TLS connector with a bound on connecting (DNS, TCP and the TLS
/// handshake, which hyper's own connect time-out leaves out) and
/// connections that fail after [`TransportLimits::read_timeout`] of silence.
#[derive(Clone, Debug)]
struct Bounded {
    inner: HttpsConnector<Proxied>,
    connect_timeout: Duration,
    read_timeout: Duration,
}

type Stream = <HttpsConnector<Proxied> as tower_service::Service<http::Uri>>::Response;
type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl tower_service::Service<http::Uri> for Bounded {
    type Response = Silence<Stream>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<Silence<Stream>, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, uri: http::Uri) -> Self::Future {
        let connecting = self.inner.call(uri);
        let (connect, read) = (self.connect_timeout, self.read_timeout);
        Box::pin(async move {
            match tokio::time::timeout(connect, connecting).await {
                Ok(Ok(stream)) => Ok(Silence::new(stream, read)),
                Ok(Err(e)) => Err(e),
                Err(_) => Err(timed_out(format!("no connection within {connect:?}")).into()),
            }
        })
    }
}

/// A connection that fails with a time-out once nothing was read or
/// written for `limit` while hyper waited on it. One deadline serves both
/// directions, so a long upload that the server reads slowly, or a
/// response that keeps arriving, never trips it; silence does. (An idle
/// pooled connection is closed by it too, which costs nothing.)
struct Silence<T> {
    stream: T,
    limit: Duration,
    /// `limit` after the last byte moved.
    deadline: tokio::time::Instant,
    /// Created at the first wait. It is never dropped: hyper may park on a
    /// wait that began before the last bytes moved, whose timer holds its
    /// waker, so the timer is moved to the new deadline when it fires early.
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<T> Silence<T> {
    fn new(stream: T, limit: Duration) -> Self {
        Silence { stream, limit, deadline: tokio::time::Instant::now() + limit, timer: None }
    }

    /// Passes `poll` on, moving the deadline when bytes moved and timing
    /// the wait when it is pending. A flush that is ready moves nothing:
    /// hyper flushes on every turn, which must not count as activity.
    fn watch<R>(
        &mut self,
        cx: &mut Context<'_>,
        poll: Poll<std::io::Result<R>>,
        moved: bool,
    ) -> Poll<std::io::Result<R>> {
        if poll.is_ready() {
            if moved {
                self.deadline = tokio::time::Instant::now() + self.limit;
            }
            return poll;
        }
        let deadline = self.deadline;
        let timer = self.timer.get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if timer.deadline() != deadline {
            timer.as_mut().reset(deadline);
        }
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(timed_out(format!("no data for {:?}", self.limit)))),
            Poll::Pending => Poll::Pending,
        }
    }
}

fn timed_out(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::TimedOut, message)
}

impl<T: hyper::rt::Read + Unpin> hyper::rt::Read for Silence<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_read(cx, buf);
        // Ready is data, or the end of the stream, which ends the wait too.
        let moved = matches!(poll, Poll::Ready(Ok(())));
        self.watch(cx, poll, moved)
    }
}

impl<T: hyper::rt::Write + Unpin> hyper::rt::Write for Silence<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write(cx, buf);
        let moved = matches!(poll, Poll::Ready(Ok(n)) if n > 0);
        self.watch(cx, poll, moved)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        let moved = matches!(poll, Poll::Ready(Ok(n)) if n > 0);
        self.watch(cx, poll, moved)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_flush(cx);
        self.watch(cx, poll, false)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_shutdown(cx);
        self.watch(cx, poll, false)
    }
}

impl<T: Connection> Connection for Silence<T> {
    fn connected(&self) -> Connected {
        self.stream.connected()
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
