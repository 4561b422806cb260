//! The blocking client's default transport: ureq 3 over rustls with the ring
//! provider and Mozilla's root certificates (webpki-roots) plus a CA
//! bundle's, through an HTTP proxy when one is set ([`NetworkSettings`]).
//! Chosen for its size: about 25 crates and no async runtime (see the
//! README's measurements).

use super::blocking::BlockingTransport;
use super::error::TransportError;
use super::limits::{TransportLimits, append_limited};
use super::network::NetworkSettings;
use std::time::Duration;

pub use super::limits::DEFAULT_CONNECT_TIMEOUT;

/// A pooled, blocking HTTP/1.1 client for `https` and plain `http`
/// endpoints. Like the service expects of a client, it follows no redirects,
/// treats error statuses as responses (the crate parses them), and reads
/// nothing from the environment: proxies and extra roots are given in
/// [`NetworkSettings`] (a config reads them from the standard settings).
/// Every call is bounded in time and its response body in size
/// ([`TransportLimits`]).
#[derive(Clone, Debug)]
pub struct UreqTransport {
    /// Direct connections.
    agent: ureq::Agent,
    /// Through the HTTPS and the HTTP proxy, when set.
    via_https_proxy: Option<ureq::Agent>,
    via_http_proxy: Option<ureq::Agent>,
    network: NetworkSettings,
    max_body: u64,
}

impl Default for UreqTransport {
    fn default() -> Self {
        UreqTransport::new()
    }
}

impl UreqTransport {
    /// A transport with the default [`TransportLimits`]: 3.1 s to connect,
    /// 60 s of silence, 120 s per request, 64 MiB per response body.
    pub fn new() -> Self {
        UreqTransport::with_limits(TransportLimits::default())
    }

    /// The default limits, but giving up connecting after `timeout`.
    pub fn with_connect_timeout(timeout: Duration) -> Self {
        UreqTransport::with_limits(TransportLimits::default().with_connect_timeout(timeout))
    }

    /// The default limits with this connect time-out and this bound on each
    /// whole request (`None`: unbounded, the read time-out still applies).
    pub fn with_timeouts(connect: Duration, whole_request: Option<Duration>) -> Self {
        UreqTransport::with_limits(
            TransportLimits::default().with_connect_timeout(connect).with_attempt_timeout(whole_request),
        )
    }

    /// A transport with these bounds. A blocking call cannot be interrupted
    /// from outside, so `limits`' attempt time-out, not a config's, is what
    /// bounds an attempt through a transport you build yourself.
    pub fn with_limits(limits: TransportLimits) -> Self {
        UreqTransport::with_settings(limits, &NetworkSettings::default())
    }

    /// A transport with these bounds, trusting `network`'s extra roots
    /// beside Mozilla's and sending through its proxies. ureq reaches every
    /// endpoint through a proxy by a CONNECT tunnel, plain `http` ones too.
    pub fn with_settings(limits: TransportLimits, network: &NetworkSettings) -> Self {
        let roots = if network.extra_roots().is_empty() {
            ureq::tls::RootCerts::WebPki
        } else {
            // ureq takes either Mozilla's roots or a list of certificates,
            // so the list holds both.
            let mozilla = webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().map(|c| ureq::tls::Certificate::from_der(c));
            let extra = network.extra_roots().iter().map(|der| ureq::tls::Certificate::from_der(der).to_owned());
            ureq::tls::RootCerts::from(mozilla.chain(extra).collect::<Vec<_>>())
        };
        let tls = ureq::tls::TlsConfig::builder().root_certs(roots).build();
        let read = Some(limits.read_timeout());
        let agent = |proxy: Option<&super::network::ProxyUrl>| {
            // Checked when the settings were made, as ureq reads it.
            let proxy = proxy.and_then(|p| ureq::Proxy::new(p.url()).ok());
            let config = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .max_redirects_will_error(false)
                .proxy(proxy)
                .tls_config(tls.clone())
                .timeout_connect(Some(limits.connect_timeout()))
                // Per read and per write, each restarting with every transfer:
                // the "no byte for that long" bound of botocore's socket time-out.
                .timeout_per_read(read)
                .timeout_per_write(read)
                .timeout_global(limits.attempt_timeout())
                .build();
            ureq::Agent::new_with_config(config)
        };
        UreqTransport {
            agent: agent(None),
            via_https_proxy: network.scheme_proxy(true).map(|p| agent(Some(p))),
            via_http_proxy: network.scheme_proxy(false).map(|p| agent(Some(p))),
            network: network.clone(),
            max_body: limits.max_response_body_size(),
        }
    }

    /// The agent for `uri`: through its proxy unless `NO_PROXY` names it.
    fn agent_for(&self, uri: &http::Uri) -> &ureq::Agent {
        let via = match uri.scheme_str() {
            Some("https") => self.via_https_proxy.as_ref(),
            _ => self.via_http_proxy.as_ref(),
        };
        match via {
            Some(proxied) if self.network.proxy_for(uri).is_some() => proxied,
            _ => &self.agent,
        }
    }
}

impl BlockingTransport for UreqTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = self.agent_for(request.uri()).run(request).map_err(|e| error("sending the request", e))?;
        let (parts, body) = response.into_parts();
        // An announced length over the limit fails before reading; without
        // one (chunked), reading in pieces stops at the limit.
        let announced = body.content_length();
        if announced.is_some_and(|n| n > self.max_body) {
            return Err(TransportError::response_too_large(self.max_body));
        }
        let mut buffer = Vec::with_capacity(announced.unwrap_or(0) as usize);
        let mut reader = body.into_reader();
        let mut chunk = [0; 16 * 1024];
        loop {
            match std::io::Read::read(&mut reader, &mut chunk) {
                Ok(0) => break,
                Ok(n) => append_limited(&mut buffer, &chunk[..n], self.max_body)?,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(error("reading the response", e.into())),
            }
        }
        let body = buffer;
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
