//! One configuration for every service client of a program, loaded once:
//! region, credentials provider (and its cache), transport (and its
//! connection pool), timer, retry and time-out settings. Each service crate's
//! `Client::new(&shared)` builds from it, and its `Config::builder_from(&shared)`
//! starts from it and may override any setting. It holds nothing of any
//! service: signing names and endpoints stay in the service crates.

use super::build::BuildError;
use super::client::ConfigBuilder;
use super::credentials::{DefaultCredentialsChain, ProvideCredentials, RoleSources};
use super::endpoint_rules::AccountIdEndpointMode;
use super::limits::{LimitSettings, Owner, TransportLimits};
use super::network::NetworkSettings;
use super::os::{Env, Fs};
use super::retry::RetryConfig;
use super::retry::adaptive::RateLimiters;
use super::settings::Settings;
use super::sleep::Sleep;
use super::transport::Transport;
use std::fmt;
use std::sync::Arc;

/// Settings shared by the clients of several services. Cloning is cheap and
/// clones share the providers and transports.
#[derive(Clone)]
pub struct SharedConfig {
    pub(crate) region: Option<String>,
    pub(crate) credentials: Option<Arc<dyn ProvideCredentials>>,
    /// A transport set on the builder, and whether it blocks.
    pub(crate) transport: Option<(Arc<dyn Transport>, bool)>,
    /// The default transports, built once with [`Self::limits`] so every
    /// client shares one connection pool: the async one, and the blocking
    /// client's.
    pub(crate) default_transport: Option<Arc<dyn Transport>>,
    pub(crate) default_blocking_transport: Option<Arc<dyn Transport>>,
    pub(crate) limits: LimitSettings,
    pub(crate) resolved_limits: TransportLimits,
    /// The proxies and extra roots the default transports are built with.
    pub(crate) network: NetworkSettings,
    pub(crate) sleep: Option<Arc<dyn Sleep>>,
    pub(crate) tokio_sleep: bool,
    pub(crate) retry: Option<RetryConfig>,
    /// The adaptive mode's rate limiters, shared by every client built from
    /// this config (one per service and region).
    pub(crate) rate_limiters: Arc<RateLimiters>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) account_id_endpoint_mode: Option<AccountIdEndpointMode>,
    pub(crate) app_id: Option<String>,
    /// The environment and files of the default providers, which name each
    /// service's endpoint URL.
    pub(crate) settings_source: Option<(Env, Fs)>,
}

impl SharedConfig {
    /// A builder. Unless credentials are set or [`anonymous`](SharedConfigBuilder::anonymous)
    /// is chosen, requests are signed with credentials from the
    /// [`DefaultCredentialsChain`], looked up at the first request.
    pub fn builder() -> SharedConfigBuilder {
        SharedConfigBuilder::default()
    }

    /// The region from `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile or
    /// instance metadata, the credentials from the default chain (looked up
    /// at the first request and cached), the default transport and timer of
    /// this build's features, and the other standard settings.
    ///
    /// # Errors
    /// As [`SharedConfigBuilder::build`].
    pub fn load_defaults() -> Result<SharedConfig, BuildError> {
        SharedConfig::builder().with_default_providers().build()
    }

    /// The region, if one was set or found.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The credentials provider every client built from this config shares.
    pub fn credentials_provider(&self) -> Option<&Arc<dyn ProvideCredentials>> {
        self.credentials.as_ref()
    }

    /// The transport clients send through: the one set, or the default one
    /// built for this config (the blocking client's default is separate).
    pub fn transport(&self) -> Option<&Arc<dyn Transport>> {
        self.transport.as_ref().map(|(t, _)| t).or(self.default_transport.as_ref())
    }

    /// How failed attempts are retried, if set (clients default to
    /// [`RetryConfig::standard`]).
    pub fn retry_config(&self) -> Option<&RetryConfig> {
        self.retry.as_ref()
    }

    /// The bounds the default transports are built with.
    pub fn transport_limits(&self) -> &TransportLimits {
        &self.resolved_limits
    }

    /// The extra roots and proxies the default transports are built with.
    pub fn network_settings(&self) -> &NetworkSettings {
        &self.network
    }
}

impl fmt::Debug for SharedConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedConfig")
            .field("region", &self.region)
            // Providers' Debug output never shows secrets (see `credentials`).
            .field("credentials_provider", &self.credentials)
            .field("transport", &self.transport())
            .field("limits", &self.resolved_limits)
            .field("network", &self.network)
            .field("sleep", &self.sleep)
            .field("retry", &self.retry)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("account_id_endpoint_mode", &self.account_id_endpoint_mode)
            .field("app_id", &self.app_id)
            .finish()
    }
}

/// Builds a [`SharedConfig`]; its setters are those of every service's
/// `ConfigBuilder` (which holds one of these) that concern no particular
/// service.
#[derive(Default)]
pub struct SharedConfigBuilder {
    pub(crate) region: Option<String>,
    pub(crate) credentials: Option<Arc<dyn ProvideCredentials>>,
    pub(crate) default_providers: Option<(Env, Fs)>,
    /// What the default chain calls STS and SSO with.
    pub(crate) role_sources: Option<Arc<dyn RoleSources>>,
    /// Requests go unsigned when no credentials are set (`anonymous()`).
    pub(crate) anonymous: bool,
    /// A transport, and whether it blocks.
    pub(crate) transport: Option<(Arc<dyn Transport>, bool)>,
    pub(crate) limits: LimitSettings,
    /// Proxies and extra roots for the default transports: set in code, or
    /// read with the default providers.
    pub(crate) network: Option<NetworkSettings>,
    pub(crate) sleep: Option<Arc<dyn Sleep>>,
    pub(crate) tokio_sleep: bool,
    pub(crate) retry: Option<RetryConfig>,
    /// A shared config's rate limiters, for the clients built from it.
    pub(crate) rate_limiters: Option<Arc<RateLimiters>>,
    /// `None` when not set, so a per-call override leaves the setting be.
    pub(crate) use_fips: Option<bool>,
    pub(crate) use_dual_stack: Option<bool>,
    pub(crate) account_id_endpoint_mode: Option<AccountIdEndpointMode>,
    /// The application id sent in the user agent (`app/<id>`).
    pub(crate) app_id: Option<String>,
}

impl SharedConfigBuilder {
    /// Builds the shared configuration, and the default transports once.
    ///
    /// # Errors
    /// As a service's `ConfigBuilder::build`, for the settings that are not
    /// a service's own: no transport and none by default, a bound the
    /// transport cannot honour, a region that is not a host label, or an
    /// unreadable shared config file.
    pub fn build(mut self) -> Result<SharedConfig, BuildError> {
        // The region first, so that a problem with the files it needs is
        // reported as the region's.
        let defaults = self.default_providers.as_ref().map(|(env, fs)| (env, fs));
        let region = super::region::configured_region(self.region.take(), defaults)
            .map_err(|e| BuildError::other(e.to_string()))?;
        if let Some((env, fs)) = self.default_providers.clone() {
            Settings::new(&env, &fs).fill(&mut self).map_err(BuildError::other)?;
        }
        let owner = match &self.transport {
            None => Owner::Default,
            Some((_, false)) => Owner::Async,
            Some((_, true)) => Owner::Blocking,
        };
        let (resolved_limits, _) = self.limits.resolve(owner).map_err(BuildError::other)?;
        if let Some(id) = &self.app_id {
            super::user_agent::check_app_id(id).map_err(|e| BuildError::other(e.to_string()))?;
        }
        let network = self.network.take().unwrap_or_default();
        let settings_source = self.default_providers.clone();
        let credentials =
            configured_credentials(self.credentials, self.anonymous, self.default_providers, self.role_sources);
        let default_transport = match self.transport {
            Some(_) => None,
            None => Some(
                super::defaults::transport_with(resolved_limits, &network)
                    .ok_or(BuildError::missing_field("SharedConfig", "transport"))?,
            ),
        };
        #[cfg(feature = "blocking")]
        let default_blocking_transport =
            default_transport.as_ref().map(|_| super::blocking::default_transport_with(resolved_limits, &network));
        #[cfg(not(feature = "blocking"))]
        let default_blocking_transport = None;
        Ok(SharedConfig {
            region,
            credentials,
            transport: self.transport,
            default_transport,
            default_blocking_transport,
            limits: self.limits,
            resolved_limits,
            network,
            sleep: self.sleep,
            tokio_sleep: self.tokio_sleep,
            retry: self.retry,
            rate_limiters: self.rate_limiters.unwrap_or_default(),
            use_fips: self.use_fips.unwrap_or_default(),
            use_dual_stack: self.use_dual_stack.unwrap_or_default(),
            account_id_endpoint_mode: self.account_id_endpoint_mode,
            app_id: self.app_id,
            settings_source,
        })
    }
}

/// The provider a built configuration signs with: the one set, else none
/// when anonymous, else the default chain over the given (or the process's)
/// variables and files. The chain looks at the first request, not here: a
/// config that never sends needs no credentials.
pub(crate) fn configured_credentials(
    set: Option<Arc<dyn ProvideCredentials>>,
    anonymous: bool,
    sources: Option<(Env, Fs)>,
    role_sources: Option<Arc<dyn RoleSources>>,
) -> Option<Arc<dyn ProvideCredentials>> {
    if set.is_some() || anonymous {
        return set;
    }
    let (env, fs) = sources.unwrap_or_else(|| (Env::real(), Fs::real()));
    let chain = DefaultCredentialsChain::with_env_and_fs(env, fs);
    Some(Arc::new(match role_sources {
        Some(role_sources) => chain.with_role_sources(role_sources),
        None => chain,
    }))
}

/// A shared config's default transports (async, blocking) and the limits
/// they were built with.
pub(crate) type SharedDefaults =
    (Option<Arc<dyn Transport>>, Option<Arc<dyn Transport>>, TransportLimits, NetworkSettings);

impl<S> From<&SharedConfig> for ConfigBuilder<S> {
    fn from(shared: &SharedConfig) -> Self {
        ConfigBuilder {
            shared: SharedConfigBuilder {
                region: shared.region.clone(),
                credentials: shared.credentials.clone(),
                default_providers: None,
                role_sources: None,
                // A shared config without credentials was made anonymous.
                anonymous: shared.credentials.is_none(),
                transport: shared.transport.clone(),
                limits: shared.limits,
                network: Some(shared.network.clone()),
                sleep: shared.sleep.clone(),
                tokio_sleep: shared.tokio_sleep,
                retry: shared.retry.clone(),
                rate_limiters: Some(Arc::clone(&shared.rate_limiters)),
                use_fips: Some(shared.use_fips),
                use_dual_stack: Some(shared.use_dual_stack),
                account_id_endpoint_mode: shared.account_id_endpoint_mode,
                app_id: shared.app_id.clone(),
            },
            endpoint_lookup: shared.settings_source.clone(),
            shared_defaults: Some((
                shared.default_transport.clone(),
                shared.default_blocking_transport.clone(),
                shared.resolved_limits,
                shared.network.clone(),
            )),
            ..ConfigBuilder::default()
        }
    }
}
