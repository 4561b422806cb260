//! Client configuration and the driver every operation call goes through:
//! serialize, compress, point at the endpoint, send, parse.
//!
//! The endpoint is resolved once, when the configuration is built, by the
//! resolver compiled from the service's endpoint rules (`crate::endpoint`).
//! Signing (SigV4), retries and the default HTTPS transports plug in at
//! [`Handle::invoke`]; until they do, requests go unsigned to the resolved
//! endpoint through the configured transport.

use super::build::BuildError;
use super::compression::{CompressionSettings, compress_request};
use super::endpoint::{HostPrefix, with_host_prefix};
use super::endpoint_rules::{BuiltIns, Endpoint};
use super::error::SdkError;
use super::operation::Operation;
use super::transport::Transport;
use std::fmt;
use std::sync::Arc;

/// How a client reaches the service.
#[derive(Clone)]
pub struct Config {
    transport: Arc<dyn Transport>,
    endpoint_url: Option<String>,
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    compression: CompressionSettings,
    /// The endpoint the rules gave when the configuration was built, or why
    /// there is none; reported by every call rather than by `build()`, as a
    /// configuration without a region is still useful to sans-IO callers.
    resolved: Result<Resolved, String>,
}

#[derive(Clone, Debug)]
struct Resolved {
    endpoint: Endpoint,
    uri: http::Uri,
    /// The URL without its trailing `/`, so a call only appends the path.
    base: String,
}

impl Config {
    /// A builder; a transport is required.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// When request bodies are compressed.
    pub fn request_compression(&self) -> &CompressionSettings {
        &self.compression
    }

    /// Whether the FIPS endpoint was asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether the dual-stack (IPv4 and IPv6) endpoint was asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The URL requests go to, as the endpoint rules resolved it from the
    /// region, the FIPS and dual-stack settings and any endpoint URL.
    ///
    /// # Errors
    /// Why there is none, such as the rule set's `Invalid Configuration:
    /// Missing Region`.
    pub fn endpoint(&self) -> Result<http::Uri, String> {
        self.resolved.as_ref().map(|r| r.uri.clone()).map_err(Clone::clone)
    }

    /// The resolved endpoint with its headers and properties.
    ///
    /// # Errors
    /// As [`Config::endpoint`].
    pub fn resolved_endpoint(&self) -> Result<&Endpoint, &str> {
        self.resolved.as_ref().map(|r| &r.endpoint).map_err(String::as_str)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("transport", &self.transport)
            .field("endpoint_url", &self.endpoint_url)
            .field("region", &self.region)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("resolved", &self.resolved.as_ref().map(|r| &r.endpoint))
            .field("compression", &self.compression)
            .finish()
    }
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    transport: Option<Arc<dyn Transport>>,
    endpoint: Option<String>,
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    disable_request_compression: bool,
    request_min_compression_size_bytes: Option<u32>,
}

impl ConfigBuilder {
    /// The transport requests are sent through.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// A shared transport.
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Sends every request to this URL instead of the regional endpoint
    /// (the endpoint rules may refuse it together with FIPS or dual-stack).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The AWS region, such as `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Uses the FIPS endpoint (default `false`); calls fail when the region's
    /// partition has none.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = use_fips;
        self
    }

    /// Uses the dual-stack endpoint (default `false`); calls fail when the
    /// region's partition has none.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// Sends every body uncompressed, even to operations that accept
    /// compressed ones.
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.disable_request_compression = disable;
        self
    }

    /// Compresses bodies of at least this many bytes (default 10240; at most
    /// 10485760) for operations that accept compressed ones.
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.request_min_compression_size_bytes = Some(bytes);
        self
    }

    /// Builds the configuration and resolves the endpoint. An endpoint the
    /// rules refuse (no region, say) does not fail here: each call reports it.
    ///
    /// # Errors
    /// When no transport is set, the endpoint URL is not a valid absolute URI
    /// or the minimum compression size is out of range.
    pub fn build(self) -> Result<Config, BuildError> {
        let transport = self.transport.ok_or(BuildError::missing_field("Config", "transport"))?;
        let compression = CompressionSettings::new(
            self.disable_request_compression,
            self.request_min_compression_size_bytes.unwrap_or(CompressionSettings::default().min_size_bytes()),
        )?;
        if let Some(url) = &self.endpoint {
            absolute_uri(url).map_err(|e| BuildError::other(format!("endpoint URL {e}")))?;
        }
        let built_ins = BuiltIns {
            region: self.region.as_deref(),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint: self.endpoint.as_deref(),
        };
        Ok(Config {
            transport,
            resolved: resolve(&built_ins),
            endpoint_url: self.endpoint,
            region: self.region,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            compression,
        })
    }
}

/// Runs the service's endpoint rules on the configured settings.
fn resolve(built_ins: &BuiltIns<'_>) -> Result<Resolved, String> {
    let params = crate::endpoint::Params::from_built_ins(built_ins);
    let endpoint = crate::endpoint::resolve(&params).map_err(|e| format!("cannot resolve the endpoint: {e}"))?;
    let uri = absolute_uri(endpoint.url()).map_err(|e| format!("the endpoint rules gave {e}"))?;
    Ok(Resolved { base: base_of(&uri), uri, endpoint })
}

/// `url` as a URI with a scheme and a host.
fn absolute_uri(url: &str) -> Result<http::Uri, String> {
    let uri: http::Uri = url.parse().map_err(|e| format!("`{url}`: {e}"))?;
    if uri.scheme().is_none() || uri.authority().is_none() {
        return Err(format!("`{url}` needs a scheme and a host"));
    }
    Ok(uri)
}

/// A cheap, shared reference to a configuration, held by clients, fluent
/// builders and paginators.
#[derive(Clone, Debug)]
pub struct Handle(Arc<Config>);

impl Handle {
    /// Shares a configuration.
    pub fn new(config: Config) -> Self {
        Handle(Arc::new(config))
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.0
    }

    /// Runs one operation: serialize, compress the body if the operation
    /// accepts that, resolve the endpoint (with the operation's host prefix),
    /// send, parse. Idempotency tokens must already be filled (the fluent
    /// builders do it before calling), so retries added here resend them.
    pub async fn invoke<O: Operation>(&self, input: &O::Input) -> Result<O::Output, SdkError<O::Error>> {
        let mut request = O::serialize_request(input).map_err(SdkError::Construction)?;
        compress_request(&mut request, O::REQUEST_COMPRESSION, &self.0.compression);
        // A missing or unusable endpoint is a configuration problem: nothing is sent.
        let construction = |e: String| SdkError::Construction(BuildError::other(e));
        let resolved = self.0.resolved.as_ref().map_err(|e| construction(e.clone()))?;
        *request.uri_mut() = join(&resolved.base, request.uri()).map_err(construction)?;
        add_headers(&mut request, resolved.endpoint.headers()).map_err(construction)?;
        // Removed once applied, so a transport never sees a prefix still to add.
        if let Some(HostPrefix(prefix)) = request.extensions_mut().remove::<HostPrefix>() {
            *request.uri_mut() = with_host_prefix(request.uri(), &prefix).map_err(SdkError::Construction)?;
        }
        let response = self.0.transport.send(request).await.map_err(SdkError::Transport)?;
        O::parse_response(&response)
    }
}

/// Appends the headers the endpoint rules attach to every request.
fn add_headers(
    request: &mut http::Request<Vec<u8>>,
    headers: &std::collections::BTreeMap<String, Vec<String>>,
) -> Result<(), String> {
    for (name, values) in headers {
        let name = http::HeaderName::try_from(name).map_err(|e| format!("endpoint header `{name}`: {e}"))?;
        for value in values {
            let value = http::HeaderValue::try_from(value).map_err(|e| format!("endpoint header `{name}`: {e}"))?;
            request.headers_mut().append(name.clone(), value);
        }
    }
    Ok(())
}

/// The endpoint as text without its trailing `/`.
fn base_of(endpoint: &http::Uri) -> String {
    endpoint.to_string().trim_end_matches('/').to_owned()
}

/// The endpoint base with the request's path appended.
fn join(base: &str, relative: &http::Uri) -> Result<http::Uri, String> {
    let path = relative.path_and_query().map_or("/", |p| p.as_str());
    format!("{base}{path}").parse().map_err(|e| format!("cannot join endpoint `{base}` and `{path}`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_endpoint_and_path() {
        let join = |e: &str, p: &str| join(&base_of(&e.parse().unwrap()), &p.parse().unwrap()).unwrap().to_string();
        assert_eq!(join("https://example.com", "/"), "https://example.com/");
        assert_eq!(join("http://127.0.0.1:8080/", "/"), "http://127.0.0.1:8080/");
        assert_eq!(join("https://example.com/base", "/"), "https://example.com/base/");
    }

    #[derive(Debug)]
    struct NoTransport;

    impl Transport for NoTransport {
        fn send(
            &self,
            _: http::Request<Vec<u8>>,
        ) -> super::super::transport::BoxFuture<'_, Result<http::Response<Vec<u8>>, super::super::error::TransportError>>
        {
            unreachable!("configuration tests send nothing")
        }
    }

    #[test]
    fn compression_settings_are_configured_and_range_checked() {
        let config = Config::builder().transport(NoTransport).build().unwrap();
        assert_eq!(*config.request_compression(), CompressionSettings::default());
        let config = Config::builder()
            .transport(NoTransport)
            .disable_request_compression(true)
            .request_min_compression_size_bytes(0)
            .build()
            .unwrap();
        assert!(config.request_compression().disabled());
        assert_eq!(config.request_compression().min_size_bytes(), 0);
        let err = Config::builder().transport(NoTransport).request_min_compression_size_bytes(10_485_761).build();
        assert!(err.unwrap_err().to_string().contains("out of range"));
        assert!(Config::builder().transport(NoTransport).request_min_compression_size_bytes(10_485_760).build().is_ok());
    }

    // What follows holds for every service's endpoint rules.

    #[test]
    fn an_endpoint_url_goes_through_the_rules_unchanged() {
        let config = Config::builder().transport(NoTransport).endpoint_url("http://127.0.0.1:8080/base").build().unwrap();
        assert_eq!(config.resolved_endpoint().unwrap().url(), "http://127.0.0.1:8080/base");
        assert_eq!(config.endpoint().unwrap(), "http://127.0.0.1:8080/base");
        assert!(!config.use_fips() && !config.use_dual_stack());
    }

    #[test]
    fn an_unusable_endpoint_url_fails_the_build_and_a_refused_one_each_call() {
        let err = Config::builder().transport(NoTransport).endpoint_url("example.com").build().unwrap_err();
        assert!(err.to_string().contains("`example.com` needs a scheme and a host"), "{err}");
        let config = Config::builder().transport(NoTransport).build().unwrap();
        assert!(config.endpoint().unwrap_err().starts_with("cannot resolve the endpoint: "));
        let config = Config::builder().transport(NoTransport).endpoint_url("https://example.com").use_fips(true).build();
        assert!(config.unwrap().use_fips());
    }

    #[test]
    fn endpoint_headers_are_appended_to_the_request() {
        let mut request = http::Request::new(Vec::new());
        let headers = [("x-a".to_owned(), vec!["1".to_owned(), "2".to_owned()])].into();
        add_headers(&mut request, &headers).unwrap();
        assert_eq!(request.headers().get_all("x-a").iter().collect::<Vec<_>>(), ["1", "2"]);
        let bad = [("bad name".to_owned(), vec![String::new()])].into();
        assert!(add_headers(&mut request, &bad).unwrap_err().contains("`bad name`"));
    }
}
