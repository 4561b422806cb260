//! Per-call overrides: each fluent builder's `customize` runs the call on a
//! copy of the client's configuration with some settings changed; the
//! client's own configuration is untouched.
//!
//! The overrides are set on an empty [`ConfigBuilder`], with the setters
//! configurations are built with; only what is set there changes. A setting
//! that cannot be applied (a region that is not a host label, a bound the
//! transport cannot honour) fails that call as a construction error, before
//! anything is sent.

use super::{Config, ConfigBuilder, Handle, Owner, Service, resolve};
use crate::compression::CompressionSettings;
use crate::endpoint::check_endpoint_url;
use crate::limits::LimitSettings;
use crate::region::configured_region;

impl<S: Service> Config<S> {
    /// This configuration with the settings made on `overrides` in place of
    /// its own: region, endpoint URL, FIPS and dual-stack (the endpoint is
    /// resolved again), credentials provider, retry settings, timer,
    /// transport, time-outs and size bound, and request compression. The
    /// retry quota, the adaptive mode's rate limiter and the signing key
    /// cache stay shared with this one.
    ///
    /// A setting that cannot be applied is reported by every call made with
    /// the result, as a construction error: nothing is sent.
    pub fn with_overrides(&self, overrides: ConfigBuilder<S>) -> Config<S> {
        let mut config = self.clone();
        if let Err(e) = config.apply(overrides) {
            config.resolved = Err(format!("cannot override the configuration for this call: {e}"));
        }
        config
    }

    fn apply(&mut self, overrides: ConfigBuilder<S>) -> Result<(), String> {
        let ConfigBuilder { shared, endpoint, disable_request_compression, request_min_compression_size_bytes, .. } =
            overrides;
        if shared.default_providers.is_some() {
            return Err("with_default_providers is a client setting; set the region or credentials provider".into());
        }
        let endpoint_changes = shared.region.is_some()
            || endpoint.is_some()
            || shared.use_fips.is_some()
            || shared.use_dual_stack.is_some()
            || shared.account_id_endpoint_mode.is_some();
        if let Some(region) = shared.region {
            self.region = configured_region(Some(region), None).map_err(|e| e.to_string())?;
        }
        if let Some(url) = endpoint {
            check_endpoint_url(&url).map_err(|e| format!("cannot use the endpoint URL: {e}"))?;
            self.endpoint_url = Some(url);
        }
        self.use_fips = shared.use_fips.unwrap_or(self.use_fips);
        self.use_dual_stack = shared.use_dual_stack.unwrap_or(self.use_dual_stack);
        self.account_id_endpoint_mode = shared.account_id_endpoint_mode.unwrap_or(self.account_id_endpoint_mode);
        if let Some(credentials) = shared.credentials {
            self.credentials = Some(credentials);
        } else if shared.anonymous {
            self.credentials = None;
        }
        if let Some(id) = shared.app_id {
            crate::user_agent::check_app_id(&id).map_err(|e| e.to_string())?;
            self.user_agent = crate::user_agent::UserAgent::new(S::PACKAGE_NAME, S::PACKAGE_VERSION, Some(&id));
        }
        if let Some(retry) = shared.retry {
            // A call switched to adaptive mode on a standard client paces
            // itself alone; one switched to standard is not limited.
            self.rate_limiter = match retry.mode() {
                crate::retry::RetryMode::Adaptive => {
                    self.rate_limiter.take().or_else(|| Some(std::sync::Arc::default()))
                }
                crate::retry::RetryMode::Standard => None,
            };
            self.retry = retry;
        }
        if let Some(sleep) = shared.sleep {
            self.sleep = sleep;
        }
        if disable_request_compression.is_some() || request_min_compression_size_bytes.is_some() {
            self.compression = CompressionSettings::new(
                disable_request_compression.unwrap_or(self.compression.disabled()),
                request_min_compression_size_bytes.unwrap_or(self.compression.min_size_bytes()),
            )
            .map_err(|e| e.to_string())?;
        }
        let network_changes = shared.network.as_ref().is_some_and(|n| *n != self.network);
        if let Some(network) = shared.network {
            self.network = network;
        }
        let transport_changes = shared.transport.is_some();
        if let Some((transport, blocking)) = shared.transport {
            self.transport = transport;
            self.owner = if blocking { Owner::Blocking } else { Owner::Async };
        }
        let set = shared.limits;
        if transport_changes || set != LimitSettings::default() {
            let merged = LimitSettings {
                attempt_timeout: set.attempt_timeout.or(self.limit_settings.attempt_timeout),
                connect_timeout: set.connect_timeout.or(self.limit_settings.connect_timeout),
                read_timeout: set.read_timeout.or(self.limit_settings.read_timeout),
                max_response_body_size: set.max_response_body_size.or(self.limit_settings.max_response_body_size),
            };
            let (limits, attempt_timeout) = merged.resolve(self.owner)?;
            if self.owner == Owner::Default && limits != self.limits {
                // The default transport bounds itself: one with the new
                // bounds serves this call (with a connection pool of its own).
                self.transport = self.default_transport(limits)?;
            }
            self.limits = limits;
            self.limit_settings = merged;
            self.attempt_timeout = attempt_timeout;
        }
        if network_changes && self.owner == Owner::Default {
            // A transport trusting other roots or using other proxies serves
            // this call (with a connection pool of its own).
            self.transport = self.default_transport(self.limits)?;
        }
        if endpoint_changes {
            self.resolved = resolve(S::resolve_endpoint(&self.built_ins(None)));
        }
        Ok(())
    }

    /// The default transport of this client's kind, built with `limits`.
    fn default_transport(
        &self,
        limits: crate::limits::TransportLimits,
    ) -> Result<std::sync::Arc<dyn crate::transport::Transport>, String> {
        #[cfg(feature = "blocking")]
        if self.blocking_client {
            return Ok(crate::blocking::default_transport_with(limits, &self.network));
        }
        crate::defaults::transport_with(limits, &self.network)
            .ok_or_else(|| "this build has no default transport".to_owned())
    }
}

impl<S: Service> Handle<S> {
    /// A handle on this configuration with the settings `overrides` makes
    /// on an empty builder (see [`Config::with_overrides`]); this handle's
    /// configuration is untouched. Each fluent builder's `customize` calls it.
    pub fn customize(&self, overrides: impl FnOnce(ConfigBuilder<S>) -> ConfigBuilder<S>) -> Handle<S> {
        Handle::new(self.config().with_overrides(overrides(ConfigBuilder::default())))
    }
}
