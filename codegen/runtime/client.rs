//! Client configuration and the driver every operation call goes through:
//! serialize, compress, point at the endpoint, then send and parse, retrying
//! as [`super::retry`] describes.

use super::build::BuildError;
use super::compression::{CompressionSettings, compress_request};
use super::endpoint::{HostPrefix, with_host_prefix};
use super::error::{SdkError, TransportError};
use super::operation::Operation;
use super::retry::{self, RetryConfig, RetryQuota};
use super::sleep::{Sleep, timeout};
use super::transport::Transport;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// How a client reaches the service.
#[derive(Clone)]
pub struct Config {
    transport: Arc<dyn Transport>,
    endpoint: Option<http::Uri>,
    region: Option<String>,
    compression: CompressionSettings,
    retry: RetryConfig,
    /// Shared by every clone of the config, so all calls draw on one bucket.
    quota: Arc<RetryQuota>,
    sleep: Arc<dyn Sleep>,
    attempt_timeout: Option<Duration>,
    /// Whether the transport and the timer are defaults rather than chosen,
    /// so the blocking client may swap them for its own.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    default_transport: bool,
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    default_sleep: bool,
    /// The endpoint without its trailing `/`, resolved once when built so a
    /// call only appends the path.
    base: Result<String, String>,
}

impl Config {
    /// A builder. Without a transport it uses the default one of the crate's
    /// features (`default-https-client`, `blocking`), and is an error with neither.
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

    /// How failed attempts are retried.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }

    /// The longest one attempt may take, if bounded.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// The endpoint requests go to: the one set explicitly, or the service's
    /// regional endpoint.
    pub fn endpoint(&self) -> Result<http::Uri, String> {
        if let Some(uri) = &self.endpoint {
            return Ok(uri.clone());
        }
        let region = self.region.as_deref().ok_or("no endpoint: set a region or an endpoint URL")?;
        let uri = format!("https://{}.{region}.amazonaws.com", crate::ENDPOINT_PREFIX);
        uri.parse().map_err(|e| format!("region `{region}` gives an invalid endpoint: {e}"))
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("transport", &self.transport)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("compression", &self.compression)
            .field("retry", &self.retry)
            .field("sleep", &self.sleep)
            .field("attempt_timeout", &self.attempt_timeout)
            .finish()
    }
}

impl Config {
    /// The configuration the blocking client runs on: a transport or timer
    /// left to its default is replaced by the blocking one, since the async
    /// defaults need a tokio runtime that blocking callers do not run.
    #[cfg(feature = "blocking")]
    pub(crate) fn into_blocking(mut self) -> Self {
        if self.default_transport {
            self.transport = super::blocking::default_transport();
        }
        if self.default_sleep {
            self.sleep = Arc::new(super::blocking::BlockingSleep);
        }
        self
    }
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    transport: Option<Arc<dyn Transport>>,
    endpoint: Option<String>,
    region: Option<String>,
    disable_request_compression: bool,
    request_min_compression_size_bytes: Option<u32>,
    retry: Option<RetryConfig>,
    sleep: Option<Arc<dyn Sleep>>,
    attempt_timeout: Option<Duration>,
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

    /// Sends every request to this URL instead of the regional endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The AWS region, such as `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
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

    /// How failed attempts are retried (default: [`RetryConfig::standard`],
    /// 3 attempts in all).
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// How the client waits between retries and times attempts out (default:
    /// tokio's timer with the `default-https-client` feature, otherwise
    /// [`ThreadSleep`](super::sleep::ThreadSleep), which needs no async
    /// runtime; the blocking client sleeps its thread).
    pub fn sleep_impl(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    /// Gives up on an attempt after this long (a time-out, which is retried).
    /// Unbounded by default; transports may have their own connect time-out.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Builds the configuration.
    ///
    /// # Errors
    /// When no transport is set and the crate has no default one, the endpoint URL is not a valid absolute URI
    /// or the minimum compression size is out of range.
    pub fn build(self) -> Result<Config, BuildError> {
        let default_transport = self.transport.is_none();
        let transport = match self.transport {
            Some(transport) => transport,
            None => super::defaults::transport().ok_or(BuildError::missing_field("Config", "transport"))?,
        };
        let compression = CompressionSettings::new(
            self.disable_request_compression,
            self.request_min_compression_size_bytes.unwrap_or(CompressionSettings::default().min_size_bytes()),
        )?;
        let endpoint = match self.endpoint {
            Some(url) => {
                let uri: http::Uri = url.parse().map_err(|e| BuildError::other(format!("endpoint URL `{url}`: {e}")))?;
                if uri.scheme().is_none() || uri.authority().is_none() {
                    return Err(BuildError::other(format!("endpoint URL `{url}` needs a scheme and a host")));
                }
                Some(uri)
            }
            None => None,
        };
        let mut config = Config {
            transport,
            endpoint,
            region: self.region,
            compression,
            retry: self.retry.unwrap_or_default(),
            quota: Arc::default(),
            default_sleep: self.sleep.is_none(),
            sleep: self.sleep.unwrap_or_else(super::defaults::sleep),
            attempt_timeout: self.attempt_timeout,
            default_transport,
            base: Err(String::new()),
        };
        config.base = config.endpoint().map(|uri| base_of(&uri));
        Ok(config)
    }
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
        let base = self.0.base.as_deref().map_err(|e| construction(e.to_owned()))?;
        *request.uri_mut() = join(base, request.uri()).map_err(construction)?;
        // Removed once applied, so a transport never sees a prefix still to add.
        if let Some(HostPrefix(prefix)) = request.extensions_mut().remove::<HostPrefix>() {
            *request.uri_mut() = with_host_prefix(request.uri(), &prefix).map_err(SdkError::Construction)?;
        }
        self.send_with_retries::<O>(&request).await
    }

    /// Sends copies of `request` until one succeeds, a failure is not worth
    /// retrying, the attempts are used up or the retry quota is empty.
    async fn send_with_retries<O: Operation>(
        &self,
        request: &http::Request<Vec<u8>>,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let config = &self.0;
        let mut spent = 0;
        let mut attempt = 1;
        loop {
            let result = match self.attempt(copy(request)).await {
                Ok(response) => O::parse_response(&response),
                Err(e) => Err(SdkError::Transport(e)),
            };
            let error = match result {
                Ok(output) => {
                    config.quota.release(spent);
                    return Ok(output);
                }
                Err(error) => error,
            };
            let Some(kind) = retry::classify(&error) else { return Err(error) };
            if attempt >= config.retry.max_attempts() {
                return Err(error);
            }
            let Some(cost) = config.quota.acquire(kind) else { return Err(error) };
            spent += cost;
            let delay = config.retry.backoff(attempt, retry::jitter(), retry::retry_after(&error));
            config.sleep.sleep(delay).await;
            attempt += 1;
        }
    }

    /// One attempt, bounded by the attempt time-out when there is one.
    async fn attempt(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let send = self.0.transport.send(request);
        match self.0.attempt_timeout {
            None => send.await,
            Some(limit) => timeout(send, self.0.sleep.sleep(limit))
                .await
                .unwrap_or_else(|| Err(TransportError::timeout(format!("no response within {limit:?}")))),
        }
    }
}

/// A fresh copy of the prepared request for one attempt (`http::Request` is
/// not `Clone`, and each attempt is sent, and later signed, on its own).
fn copy(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
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
}
