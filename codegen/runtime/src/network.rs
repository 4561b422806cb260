//! What the crate's transports need beside their bounds: extra trusted root
//! certificates (a CA bundle, such as a corporate proxy's) and HTTP proxies.
//!
//! With the default providers they come from the standard settings, as
//! botocore reads them (see the `settings` module): `AWS_CA_BUNDLE` else the
//! profile's `ca_bundle`; `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (the
//! lower-case names win, as in Python's `urllib`). Everything is checked when
//! the settings are made, so the transports built from them cannot fail.

use std::fmt;
use std::sync::Arc;

/// A setting that cannot be used: a CA bundle without a certificate, a proxy
/// URL that is not `http://[user:password@]host[:port]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkError(String);

impl fmt::Display for NetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NetworkError {}

/// Extra roots and proxies for the crate's transports (`HyperTransport`,
/// `UreqTransport`). The default has neither: Mozilla's roots only, and
/// direct connections.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct NetworkSettings {
    /// DER certificates trusted besides the built-in roots.
    extra_roots: Arc<Vec<Vec<u8>>>,
    proxies: Proxies,
}

impl NetworkSettings {
    /// No extra roots, no proxy.
    pub fn new() -> Self {
        NetworkSettings::default()
    }

    /// Also trusts the certificates of this PEM text (every `CERTIFICATE`
    /// block; other blocks, such as keys, are skipped).
    ///
    /// # Errors
    /// When the text holds no certificate, a block is not base64, or a
    /// certificate cannot be parsed.
    pub fn with_ca_bundle_pem(mut self, pem: &str) -> Result<Self, NetworkError> {
        let certificates = pem_certificates(pem)?;
        Arc::make_mut(&mut self.extra_roots).extend(certificates);
        Ok(self)
    }

    /// Sends `https` requests through this proxy (a CONNECT tunnel).
    pub fn with_https_proxy(mut self, proxy: ProxyUrl) -> Self {
        self.proxies.https = Some(proxy);
        self
    }

    /// Sends plain `http` requests through this proxy.
    pub fn with_http_proxy(mut self, proxy: ProxyUrl) -> Self {
        self.proxies.http = Some(proxy);
        self
    }

    /// Hosts reached directly, as `NO_PROXY` lists them: comma-separated
    /// names, each matching itself and its subdomains (a leading `.` is
    /// ignored), with or without `:port`; `*` alone matches every host.
    pub fn with_no_proxy(mut self, list: impl Into<String>) -> Self {
        self.proxies.no_proxy = Some(list.into());
        self
    }

    /// The DER certificates trusted besides the built-in roots.
    pub fn extra_roots(&self) -> &[Vec<u8>] {
        &self.extra_roots
    }

    /// The proxy a request to `uri` goes through, if any: `https` URIs use
    /// the HTTPS proxy, `http` ones the HTTP proxy, unless `NO_PROXY`
    /// matches the host.
    pub fn proxy_for(&self, uri: &http::Uri) -> Option<&ProxyUrl> {
        let proxy = match uri.scheme_str() {
            Some("https") => self.proxies.https.as_ref(),
            Some("http") => self.proxies.http.as_ref(),
            _ => None,
        }?;
        let bypass = self.proxies.no_proxy.as_deref().is_some_and(|list| bypasses(list, uri));
        (!bypass).then_some(proxy)
    }

    /// The HTTPS (`https`) or HTTP proxy, whatever the host.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    pub(crate) fn scheme_proxy(&self, https: bool) -> Option<&ProxyUrl> {
        if https { self.proxies.https.as_ref() } else { self.proxies.http.as_ref() }
    }
}

impl fmt::Debug for NetworkSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetworkSettings")
            .field("extra_roots", &self.extra_roots.len())
            .field("https_proxy", &self.proxies.https)
            .field("http_proxy", &self.proxies.http)
            .field("no_proxy", &self.proxies.no_proxy)
            .finish()
    }
}

#[derive(Clone, Default, PartialEq, Eq)]
struct Proxies {
    https: Option<ProxyUrl>,
    http: Option<ProxyUrl>,
    no_proxy: Option<String>,
}

/// An HTTP proxy: `http://[user:password@]host[:port]` (port 80 when not
/// given; no scheme means `http`, as botocore reads it). User and password
/// are percent-decoded and sent as `Proxy-Authorization: Basic`.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyUrl {
    /// `http://host:port`, without credentials.
    uri: http::Uri,
    /// The URL as given, with a scheme (ureq takes its credentials from it).
    url: String,
    authorization: Option<String>,
}

impl ProxyUrl {
    /// Reads a proxy URL.
    ///
    /// # Errors
    /// When it is not `http://[user:password@]host[:port]` with nothing after
    /// the port but `/` (an `https://` proxy is not supported).
    pub fn parse(text: &str) -> Result<ProxyUrl, NetworkError> {
        let url = if text.contains("://") {
            text.to_owned()
        } else if let Some(rest) = text.strip_prefix("//") {
            format!("http://{rest}")
        } else {
            format!("http://{text}")
        };
        let invalid = |why: &str| NetworkError(format!("invalid proxy URL: {why}"));
        let rest = url.strip_prefix("http://").ok_or_else(|| {
            invalid("only http:// proxies are supported (the tunnel to an https endpoint is encrypted end to end)")
        })?;
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.contains(['/', '?', '#']) {
            return Err(invalid("expected no path, query or fragment"));
        }
        let (userinfo, host_port) = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority),
        };
        let authorization = match userinfo {
            None => None,
            Some(userinfo) => {
                let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
                let credentials = format!("{}:{}", percent_decode(user)?, percent_decode(password)?);
                Some(format!("Basic {}", super::base64::encode(credentials.as_bytes())))
            }
        };
        let parsed: http::Uri = format!("http://{host_port}").parse().map_err(|_| invalid("expected host[:port]"))?;
        let host = parsed.host().filter(|h| !h.is_empty()).ok_or_else(|| invalid("no host"))?;
        let port = parsed.port_u16().unwrap_or(80);
        let uri = format!("http://{host}:{port}").parse().map_err(|_| invalid("expected host[:port]"))?;
        Ok(ProxyUrl { uri, url, authorization })
    }

    /// `http://host:port`, without credentials.
    pub fn uri(&self) -> &http::Uri {
        &self.uri
    }

    /// The `Proxy-Authorization` value, when the URL holds credentials.
    pub fn authorization(&self) -> Option<&str> {
        self.authorization.as_deref()
    }

    /// The URL as given (with its credentials), for ureq.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

impl fmt::Debug for ProxyUrl {
    /// Host and port only: the URL may hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyUrl").field("uri", &self.uri).field("credentials", &self.authorization.is_some()).finish()
    }
}

fn percent_decode(text: &str) -> Result<String, NetworkError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
            let byte =
                hex.ok_or_else(|| NetworkError("invalid proxy URL: a bad %-escape in its credentials".into()))?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| NetworkError("invalid proxy URL: its credentials are not UTF-8".into()))
}

/// Whether `NO_PROXY`'s `list` sends `uri` direct, as Python's
/// `urllib.request.proxy_bypass_environment` (which botocore uses) decides:
/// `*` alone matches all; each entry, leading dots dropped and lower-cased,
/// matches the host (with or without the URI's port) and its subdomains.
fn bypasses(list: &str, uri: &http::Uri) -> bool {
    if list == "*" {
        return true;
    }
    let Some(authority) = uri.authority() else { return false };
    let host = authority.as_str().rsplit('@').next().unwrap_or_default().to_ascii_lowercase();
    let host_only = authority.host().to_ascii_lowercase();
    list.split(',').map(str::trim).filter(|n| !n.is_empty()).any(|name| {
        let name = name.trim_start_matches('.').to_ascii_lowercase();
        let dotted = format!(".{name}");
        host_only == name || host == name || host_only.ends_with(&dotted) || host.ends_with(&dotted)
    })
}

/// The DER certificates of `pem`'s `CERTIFICATE` blocks, each checked to be
/// one rustls can trust when a transport is built.
fn pem_certificates(pem: &str) -> Result<Vec<Vec<u8>>, NetworkError> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut certificates = Vec::new();
    let mut rest = pem;
    while let Some(start) = rest.find(BEGIN) {
        let body = &rest[start + BEGIN.len()..];
        let end = body.find(END).ok_or_else(|| NetworkError("a CERTIFICATE block has no END line".into()))?;
        let text: String = body[..end].split_whitespace().collect();
        let der = super::base64::decode(&text)
            .map_err(|e| NetworkError(format!("certificate {} is not base64: {e}", certificates.len() + 1)))?;
        check_certificate(&der).map_err(|e| NetworkError(format!("certificate {}: {e}", certificates.len() + 1)))?;
        certificates.push(der);
        rest = &body[end + END.len()..];
    }
    if certificates.is_empty() {
        return Err(NetworkError("no PEM certificate (-----BEGIN CERTIFICATE-----) in it".into()));
    }
    Ok(certificates)
}

/// Whether rustls takes `der` as a trust anchor (with a transport built in).
fn check_certificate(der: &[u8]) -> Result<(), String> {
    #[cfg(any(feature = "default-https-client", feature = "blocking"))]
    {
        let mut store = rustls::RootCertStore::empty();
        store.add(rustls::pki_types::CertificateDer::from(der)).map_err(|e| e.to_string())
    }
    #[cfg(not(any(feature = "default-https-client", feature = "blocking")))]
    {
        if der.is_empty() { Err("empty".to_owned()) } else { Ok(()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> http::Uri {
        text.parse().unwrap()
    }

    #[test]
    fn proxy_urls_read_as_botocore_fixes_them() {
        let plain = ProxyUrl::parse("proxy.corp:3128").unwrap();
        assert_eq!(plain.uri(), &uri("http://proxy.corp:3128"));
        assert_eq!(plain.authorization(), None);
        assert_eq!(ProxyUrl::parse("http://proxy.corp/").unwrap().uri(), &uri("http://proxy.corp:80"));
        assert_eq!(ProxyUrl::parse("//p:1").unwrap().uri(), &uri("http://p:1"));
        let auth = ProxyUrl::parse("http://us%40er:p%3Ass@[::1]:8080").unwrap();
        assert_eq!(auth.uri(), &uri("http://[::1]:8080"));
        // "us@er:p:ss"
        assert_eq!(auth.authorization(), Some("Basic dXNAZXI6cDpzcw=="));
        assert!(!format!("{auth:?}").contains("p%3Ass"));
        for bad in ["https://p:1", "socks5://p:1", "http://p:1/path", "http://", "http://u:%zz@p"] {
            assert!(ProxyUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn no_proxy_matches_hosts_and_their_subdomains() {
        let proxy = ProxyUrl::parse("http://p:1").unwrap();
        let settings = |list: &str| NetworkSettings::new().with_https_proxy(proxy.clone()).with_no_proxy(list);
        let direct = |list: &str, target: &str| settings(list).proxy_for(&uri(target)).is_none();
        assert!(direct("*", "https://anything.example"));
        assert!(direct("example.com", "https://example.com/x"));
        assert!(direct("example.com", "https://sqs.EXAMPLE.com"));
        assert!(direct(".example.com", "https://example.com"));
        assert!(direct("a.test, example.com:8443", "https://example.com:8443"));
        assert!(direct("127.0.0.1", "https://127.0.0.1:9000"));
        assert!(!direct("example.com", "https://notexample.com"));
        assert!(!direct("example.com:8443", "https://example.com"));
        assert!(!direct("*.example.com", "https://a.example.com"));
        assert!(!direct("a,*", "https://b"));
        // The proxy is chosen by the URI's scheme.
        assert!(settings("").proxy_for(&uri("https://h")).is_some());
        assert!(settings("").proxy_for(&uri("http://h")).is_none());
    }

    #[test]
    fn a_bundle_needs_a_certificate() {
        let err = NetworkSettings::new().with_ca_bundle_pem("no certificate here").unwrap_err();
        assert!(err.to_string().contains("no PEM certificate"), "{err}");
        let err = NetworkSettings::new().with_ca_bundle_pem("-----BEGIN CERTIFICATE-----\n!!\n").unwrap_err();
        assert!(err.to_string().contains("no END line"), "{err}");
        let bad = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
        assert!(NetworkSettings::new().with_ca_bundle_pem(bad).unwrap_err().to_string().contains("not base64"));
    }
}
