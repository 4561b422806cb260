//! Client configuration and the driver every operation call goes through:
//! serialize, compress, point at the endpoint, then sign, send and parse,
//! retrying as [`super::retry`] describes.
//!
//! The endpoint is resolved once, when the configuration is built, by the
//! resolver compiled from the service's endpoint rules, which the service
//! crate hands over through [`Service`].
//! The credentials requests are signed with come from
//! [`Config::credentials_provider`].

use super::build::BuildError;
use super::compression::{CompressionSettings, compress_request};
use super::credentials::ProvideCredentials;
use super::endpoint::{HostPrefix, check_endpoint_url, with_host_prefix};
use super::endpoint_rules::{AccountIdEndpointMode, BuiltIns, Endpoint, EndpointError, ParamValue};
use super::error::SdkError;
use super::limits::{LimitSettings, Owner, TransportLimits};
use super::network::NetworkSettings;
use super::operation::Operation;
use super::os::{Env, Fs};
use super::retry::adaptive::RateLimiter;
use super::retry::{RetryConfig, RetryMode, RetryQuota};
use super::settings::Settings;
use super::shared::{SharedConfig, SharedConfigBuilder, SharedDefaults};
use super::sigv4::SigningKeyCache;
use super::sleep::Sleep;
use super::transport::Transport;
use super::user_agent::{self, UserAgent};
use http::uri::PathAndQuery;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// What the runtime needs to know of a service. Each service crate
/// implements it on a marker type and names its configuration
/// `Config<ThatMarker>`; the runtime itself knows no service.
pub trait Service: Clone + Copy + fmt::Debug + Default + Send + Sync + 'static {
    /// The name requests are signed with (SigV4's service), such as `sms-voice`.
    const SIGNING_NAME: &'static str;

    /// The model's service id (botocore's `serviceId`, such as `SQS` or
    /// `Pinpoint SMS Voice V2`), which names the service's own settings:
    /// `AWS_ENDPOINT_URL_<ID>` and the `[services]` key of a profile.
    const SERVICE_ID: &'static str;

    /// The service crate's package name and version, sent in the user agent.
    const PACKAGE_NAME: &'static str;
    /// See [`Service::PACKAGE_NAME`].
    const PACKAGE_VERSION: &'static str;

    /// Whether the endpoint rules read the credentials' account ID
    /// (`AWS::Auth::AccountId`). The endpoint of such a service is resolved
    /// per call, once the credentials are known, when they name an account.
    const USES_ACCOUNT_ID: bool = false;

    /// Runs the service's endpoint rules on the configured settings.
    ///
    /// # Errors
    /// When the rules refuse the settings (no region, say).
    fn resolve_endpoint(built_ins: &BuiltIns<'_>) -> Result<Endpoint, EndpointError>;

    /// As [`Service::resolve_endpoint`], with the parameters one operation
    /// sets from its input (see [`Operation::endpoint_params`]). Services
    /// whose rules read no such parameter keep this default, which ignores
    /// them.
    ///
    /// # Errors
    /// As [`Service::resolve_endpoint`].
    fn resolve_operation_endpoint(
        built_ins: &BuiltIns<'_>,
        operation: &[(&'static str, ParamValue)],
    ) -> Result<Endpoint, EndpointError> {
        let _ = operation;
        Self::resolve_endpoint(built_ins)
    }
}

/// How a client reaches the service `S`.
#[derive(Clone)]
pub struct Config<S> {
    transport: Arc<dyn Transport>,
    endpoint_url: Option<String>,
    region: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    use_fips: bool,
    use_dual_stack: bool,
    account_id_endpoint_mode: AccountIdEndpointMode,
    /// The `User-Agent` and `x-amz-user-agent` every request carries.
    pub(crate) user_agent: UserAgent,
    compression: CompressionSettings,
    retry: RetryConfig,
    /// Shared by every clone of the config, so all calls draw on one bucket.
    quota: Arc<RetryQuota>,
    /// The adaptive mode's rate limiter, shared by every clone of the config
    /// and every client of this service and region built from one shared
    /// config; `None` in standard mode.
    pub(crate) rate_limiter: Option<Arc<RateLimiter>>,
    /// Shared by every clone of the config: the signing key of the day is
    /// derived once, not per request.
    signing_keys: Arc<SigningKeyCache>,
    sleep: Arc<dyn Sleep>,
    attempt_timeout: Option<Duration>,
    /// The bounds the default transport is built with; the body limit is
    /// checked for every transport.
    limits: TransportLimits,
    /// The proxies and extra roots the default transport is built with.
    network: NetworkSettings,
    /// The bounds as they were set, which a per-call override amends.
    limit_settings: LimitSettings,
    /// Whose transport it is, so the blocking client may swap a default
    /// for its own, and the driver knows which attempts it must time.
    owner: Owner,
    /// Whether the timer is the default (or tokio's, which a blocking
    /// caller may not be able to drive), so the blocking client may swap it.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    replaceable_sleep: bool,
    /// Set by the blocking client, which must not wait on a runtime it blocks.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    blocking_client: bool,
    /// The shared config's default blocking transport, which the blocking
    /// client takes instead of building its own (same limits only).
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    shared_blocking: Option<Arc<dyn Transport>>,
    /// The endpoint the rules gave when the configuration was built, or why
    /// there is none; reported by every call rather than by `build()`, as a
    /// configuration without a region is still useful to sans-IO callers.
    resolved: Result<Resolved, String>,
    service: PhantomData<fn() -> S>,
}

#[derive(Clone, Debug)]
struct Resolved {
    endpoint: Endpoint,
    uri: http::Uri,
    /// The URL without its trailing `/`, so a call only appends the path.
    base: String,
}

impl<S: Service> Config<S> {
    /// A builder. Without a transport it uses the default one of the crate's
    /// features (`default-https-client`, `blocking`), and is an error with neither.
    pub fn builder() -> ConfigBuilder<S> {
        ConfigBuilder::default()
    }

    /// A builder that starts from a shared configuration: its region,
    /// credentials provider, transport, timer, retry and time-out settings,
    /// FIPS and dual-stack, each of which the builder's setters override.
    /// Clients built from it share the provider and the transport (a default
    /// transport too, unless a time-out or size bound is overridden).
    pub fn builder_from(shared: &SharedConfig) -> ConfigBuilder<S> {
        ConfigBuilder::from(shared)
    }

    /// The configuration of a shared one as it is.
    ///
    /// # Panics
    /// Never for a `SharedConfig`, whose `build` already checked every
    /// setting this one takes from it.
    pub fn from_shared(shared: &SharedConfig) -> Self {
        Self::builder_from(shared).build().expect("a SharedConfig's settings were checked when it was built")
    }

    /// The transport requests go through.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.transport
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Where request credentials come from; `None` (an
    /// [`anonymous`](ConfigBuilder::anonymous) config) sends requests unsigned.
    pub fn credentials_provider(&self) -> Option<&dyn ProvideCredentials> {
        self.credentials.as_deref()
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

    /// The time and size bounds the default transport is built with (a
    /// transport you set keeps its own; the body size limit and the attempt
    /// time-out apply to every transport).
    pub fn transport_limits(&self) -> &TransportLimits {
        &self.limits
    }

    /// Whether the FIPS endpoint was asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether the dual-stack (IPv4 and IPv6) endpoint was asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// Whether per-account endpoints are used (see
    /// [`AccountIdEndpointMode`]).
    pub fn account_id_endpoint_mode(&self) -> AccountIdEndpointMode {
        self.account_id_endpoint_mode
    }

    /// The settings the endpoint rules read, with the account ID of the
    /// credentials a call is signed with, if known.
    fn built_ins<'a>(&'a self, account_id: Option<&'a str>) -> BuiltIns<'a> {
        BuiltIns {
            region: self.region.as_deref(),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            endpoint: self.endpoint_url.as_deref(),
            account_id,
            account_id_endpoint_mode: Some(self.account_id_endpoint_mode.as_str()),
        }
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

impl<S> fmt::Debug for Config<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("transport", &self.transport)
            .field("endpoint_url", &self.endpoint_url)
            .field("region", &self.region)
            // Providers' Debug output never shows secrets (see `credentials`).
            .field("credentials_provider", &self.credentials)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("account_id_endpoint_mode", &self.account_id_endpoint_mode)
            .field("resolved", &self.resolved.as_ref().map(|r| &r.endpoint))
            .field("compression", &self.compression)
            .field("retry", &self.retry)
            .field("sleep", &self.sleep)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("limits", &self.limits)
            .finish()
    }
}

impl<S> Config<S> {
    /// The configuration the blocking client runs on: a transport or timer
    /// left to its default is replaced by the blocking one, since the async
    /// defaults need a tokio runtime that blocking callers do not run.
    #[cfg(feature = "blocking")]
    pub fn into_blocking(mut self) -> Self {
        if self.owner == Owner::Default {
            self.transport = match self.shared_blocking.take() {
                Some(shared) => shared,
                None => super::blocking::default_transport_with(self.limits, &self.network),
            };
        }
        if self.replaceable_sleep {
            // An async transport's attempt time-out must fire while it
            // waits, which a thread-sleeping timer cannot do.
            self.sleep = match self.owner {
                Owner::Async => Arc::new(super::sleep::ThreadSleep),
                _ => Arc::new(super::blocking::BlockingSleep),
            };
        }
        self.blocking_client = true;
        self
    }
}

/// Builds a [`Config`]: the settings every service has (a
/// [`SharedConfigBuilder`]'s, with the same setters) and those of this one.
pub struct ConfigBuilder<S> {
    pub(crate) shared: SharedConfigBuilder,
    pub(crate) endpoint: Option<String>,
    pub(crate) disable_request_compression: Option<bool>,
    pub(crate) request_min_compression_size_bytes: Option<u32>,
    pub(crate) shared_defaults: Option<SharedDefaults>,
    /// A shared config's default providers' environment and files, where
    /// this service's endpoint URL may be configured.
    pub(crate) endpoint_lookup: Option<(Env, Fs)>,
    pub(crate) service: PhantomData<fn() -> S>,
}

impl<S> Default for ConfigBuilder<S> {
    fn default() -> Self {
        ConfigBuilder {
            shared: SharedConfigBuilder::default(),
            endpoint: None,
            disable_request_compression: None,
            request_min_compression_size_bytes: None,
            shared_defaults: None,
            endpoint_lookup: None,
            service: PhantomData,
        }
    }
}

/// The setters shared with [`SharedConfigBuilder`] are in `setters.rs`.
impl<S: Service> ConfigBuilder<S> {
    /// Sends every request to this URL instead of the regional endpoint
    /// (the endpoint rules may refuse it together with FIPS or dual-stack).
    /// It must be an absolute `http`/`https` URL without userinfo, query or
    /// fragment; `build()` refuses others.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Sends every body uncompressed, even to operations that accept
    /// compressed ones.
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.disable_request_compression = Some(disable);
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
    /// When no transport is set and the crate has no default one, a
    /// setting is given that the transport set cannot honour (connect or
    /// read time-out; an attempt time-out with a blocking transport), the
    /// endpoint URL is not an absolute `http`/`https` URL without userinfo,
    /// query or fragment, the minimum compression size is out of range, the
    /// region (given or found) is not a host label, or (with default
    /// providers) a shared config file needed for the region cannot be read.
    pub fn build(mut self) -> Result<Config<S>, BuildError> {
        // The region first, so that a problem with the files it needs is
        // reported as the region's.
        let defaults = self.shared.default_providers.as_ref().map(|(env, fs)| (env, fs));
        let region = super::region::configured_region(self.shared.region.take(), defaults)
            .map_err(|e| BuildError::other(e.to_string()))?;
        let settings_source = self.shared.default_providers.clone().or(self.endpoint_lookup.take());
        if let Some((env, fs)) = &settings_source {
            let mut settings = Settings::new(env, fs);
            settings.fill(&mut self.shared).map_err(BuildError::other)?;
            if self.endpoint.is_none() {
                self.endpoint = settings.endpoint_url(S::SERVICE_ID).map_err(BuildError::other)?;
            }
        }
        let shared = self.shared;
        let (transport, owner) = match shared.transport {
            None => (None, Owner::Default),
            Some((transport, false)) => (Some(transport), Owner::Async),
            Some((transport, true)) => (Some(transport), Owner::Blocking),
        };
        let (limits, attempt_timeout) = shared.limits.resolve(owner).map_err(BuildError::other)?;
        let network = shared.network.unwrap_or_default();
        // A shared config's default transports serve while the bounds they
        // were built with are the ones asked for.
        let (shared_async, shared_blocking) = match self.shared_defaults {
            Some((a, b, built_with, built_network)) if built_with == limits && built_network == network => (a, b),
            _ => (None, None),
        };
        let transport = match transport.or(shared_async) {
            Some(transport) => transport,
            None => super::defaults::transport_with(limits, &network)
                .ok_or(BuildError::missing_field("Config", "transport"))?,
        };
        let compression = CompressionSettings::new(
            self.disable_request_compression.unwrap_or_default(),
            self.request_min_compression_size_bytes.unwrap_or(CompressionSettings::default().min_size_bytes()),
        )?;
        if let Some(url) = &self.endpoint {
            check_endpoint_url(url).map_err(|e| BuildError::other(format!("cannot use the endpoint URL: {e}")))?;
        }
        // Checked here, before any URL is built from it.
        let app_id = shared.app_id;
        if let Some(id) = &app_id {
            user_agent::check_app_id(id).map_err(|e| BuildError::other(e.to_string()))?;
        }
        let credentials = super::shared::configured_credentials(
            shared.credentials,
            shared.anonymous,
            shared.default_providers,
            shared.role_sources,
        );
        let retry = shared.retry.unwrap_or_default();
        let rate_limiter = (retry.mode() == RetryMode::Adaptive).then(|| match &shared.rate_limiters {
            Some(limiters) => limiters.get(S::SERVICE_ID, region.as_deref()),
            None => Arc::default(),
        });
        let mut config = Config {
            transport,
            resolved: Err(String::new()),
            endpoint_url: self.endpoint,
            region,
            credentials,
            use_fips: shared.use_fips.unwrap_or_default(),
            use_dual_stack: shared.use_dual_stack.unwrap_or_default(),
            account_id_endpoint_mode: shared.account_id_endpoint_mode.unwrap_or_default(),
            user_agent: UserAgent::new(S::PACKAGE_NAME, S::PACKAGE_VERSION, app_id.as_deref()),
            compression,
            retry,
            quota: Arc::default(),
            rate_limiter,
            signing_keys: Arc::default(),
            replaceable_sleep: shared.sleep.is_none() || shared.tokio_sleep,
            sleep: shared.sleep.unwrap_or_else(super::defaults::sleep),
            attempt_timeout,
            limits,
            network,
            limit_settings: shared.limits,
            owner,
            blocking_client: false,
            shared_blocking,
            service: PhantomData,
        };
        config.resolved = resolve(S::resolve_endpoint(&config.built_ins(None)));
        Ok(config)
    }
}

/// Checks what the service's endpoint rules gave.
fn resolve(endpoint: Result<Endpoint, EndpointError>) -> Result<Resolved, String> {
    let endpoint = endpoint.map_err(|e| format!("cannot resolve the endpoint: {e}"))?;
    let uri = check_endpoint_url(endpoint.url()).map_err(|e| format!("the endpoint rules gave {e}"))?;
    Ok(Resolved { base: base_of(&uri), uri, endpoint })
}

/// A cheap, shared reference to a configuration, held by clients, fluent
/// builders and paginators.
#[derive(Clone, Debug)]
pub struct Handle<S>(Arc<Config<S>>);

impl<S: Service> Handle<S> {
    /// Shares a configuration.
    pub fn new(config: Config<S>) -> Self {
        Handle(Arc::new(config))
    }

    /// The configuration.
    pub fn config(&self) -> &Config<S> {
        &self.0
    }

    /// Runs one operation: serialize, compress the body if the operation
    /// accepts that, resolve the endpoint (with the operation's host prefix),
    /// send, parse. Idempotency tokens must already be filled (the fluent
    /// builders do it before calling), so retries added here resend them.
    pub async fn invoke<O: Operation<Service = S>>(&self, input: &O::Input) -> Result<O::Output, SdkError<O::Error>> {
        super::trace::call(S::SERVICE_ID, O::NAME, self.prepare_and_send::<O>(input)).await
    }

    async fn prepare_and_send<O: Operation<Service = S>>(
        &self,
        input: &O::Input,
    ) -> Result<O::Output, SdkError<O::Error>> {
        #[cfg(feature = "blocking")]
        if self.0.blocking_client && self.0.owner == Owner::Async {
            if let Some(why) = super::blocking::runtime_conflict() {
                return Err(SdkError::Construction(BuildError::other(why)));
            }
        }
        let mut request = O::serialize_request(input).map_err(SdkError::Construction)?;
        compress_request(&mut request, O::REQUEST_COMPRESSION, &self.0.compression);
        // A missing or unusable endpoint is a configuration problem: nothing is sent.
        let construction = |e: String| SdkError::Construction(BuildError::other(e));
        // An operation that sets rule-set parameters from its input, or a
        // call whose credentials name the account of a per-account service,
        // resolves its own endpoint; the others share the one resolved at
        // build time.
        let operation_params = O::endpoint_params(input);
        let account_id = self.account_id::<O>().await?;
        let per_call;
        let resolved = if operation_params.is_empty() && account_id.is_none() {
            self.0.resolved.as_ref().map_err(|e| construction(e.clone()))?
        } else {
            let built_ins = self.0.built_ins(account_id.as_deref());
            per_call = resolve(S::resolve_operation_endpoint(&built_ins, &operation_params)).map_err(construction)?;
            &per_call
        };
        *request.uri_mut() = join(&resolved.uri, &resolved.base, request.uri()).map_err(construction)?;
        add_headers(&mut request, resolved.endpoint.headers()).map_err(construction)?;
        // Removed once applied, so a transport never sees a prefix still to add.
        if let Some(HostPrefix(prefix)) = request.extensions_mut().remove::<HostPrefix>() {
            *request.uri_mut() = with_host_prefix(request.uri(), &prefix).map_err(SdkError::Construction)?;
        }
        self.0.user_agent.apply(&mut request);
        user_agent::set_invocation_id(&mut request);
        self.send_with_retries::<O>(&request).await
    }

    /// The account ID of the credentials this call will be signed with, when
    /// the service's endpoints can be per account and the mode allows it.
    async fn account_id<O: Operation<Service = S>>(&self) -> Result<Option<String>, SdkError<O::Error>> {
        if !S::USES_ACCOUNT_ID || !O::SIGNED || self.0.account_id_endpoint_mode == AccountIdEndpointMode::Disabled {
            return Ok(None);
        }
        let Some(provider) = self.0.credentials_provider() else { return Ok(None) };
        let credentials = provider
            .provide_credentials()
            .await
            .map_err(|e| SdkError::Construction(BuildError::other(format!("no credentials to sign with: {e}"))))?;
        Ok(credentials.account_id().map(str::to_owned))
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

/// The endpoint base with the request's path appended. An endpoint without
/// a path of its own (the usual case) lends its scheme and host as they are,
/// so nothing is formatted or parsed again per call.
fn join(endpoint: &http::Uri, base: &str, relative: &http::Uri) -> Result<http::Uri, String> {
    if matches!(endpoint.path(), "" | "/") && endpoint.query().is_none() {
        let mut parts = http::uri::Parts::default();
        parts.scheme = endpoint.scheme().cloned();
        parts.authority = endpoint.authority().cloned();
        parts.path_and_query =
            Some(relative.path_and_query().cloned().unwrap_or_else(|| PathAndQuery::from_static("/")));
        return http::Uri::from_parts(parts)
            .map_err(|e| format!("cannot join endpoint `{base}` and `{relative}`: {e}"));
    }
    let path = relative.path_and_query().map_or("/", |p| p.as_str());
    format!("{base}{path}").parse().map_err(|e| format!("cannot join endpoint `{base}` and `{path}`: {e}"))
}

#[path = "attempts.rs"]
mod attempts;
#[path = "customize.rs"]
mod customize;

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
