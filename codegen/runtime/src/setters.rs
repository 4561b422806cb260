//! The setters [`SharedConfigBuilder`] and every service's [`ConfigBuilder`]
//! have in common, written once: a `ConfigBuilder` holds a
//! `SharedConfigBuilder` and adds only the settings that concern one service
//! (endpoint URL, request compression).

use super::client::{ConfigBuilder, Service};
use super::shared::SharedConfigBuilder;

/// The common setters, for a type whose `common()` gives the
/// [`SharedConfigBuilder`] they fill.
macro_rules! common_setters {
    () => {
        /// The transport requests are sent through.
        pub fn transport(self, transport: impl $crate::transport::Transport + 'static) -> Self {
            self.shared_transport(std::sync::Arc::new(transport))
        }

        /// A shared transport.
        pub fn shared_transport(mut self, transport: std::sync::Arc<dyn $crate::transport::Transport>) -> Self {
            self.common().transport = Some((transport, false));
            self
        }

        /// Sends requests through a blocking transport, for a service crate's
        /// blocking client (`blocking::Client`). Without one, the blocking
        /// client uses [`UreqTransport`](crate::ureq_transport::UreqTransport).
        /// Nothing can cut its calls short, so it must bound them itself: the
        /// `attempt_timeout`, `connect_timeout` and `read_timeout` settings are
        /// refused with it.
        #[cfg(feature = "blocking")]
        pub fn blocking_transport(mut self, transport: impl $crate::blocking::BlockingTransport + 'static) -> Self {
            let adapter = $crate::blocking::BlockingAdapter(transport);
            self.common().transport = Some((std::sync::Arc::new(adapter), true));
            self
        }

        /// The AWS region, such as `us-east-1`. It becomes part of the
        /// endpoint's host name, so `build()` refuses one that is not a host
        /// label.
        pub fn region(mut self, region: impl Into<String>) -> Self {
            self.common().region = Some(region.into());
            self
        }

        /// Signs requests with these fixed credentials.
        pub fn credentials(self, credentials: $crate::credentials::Credentials) -> Self {
            self.credentials_provider(credentials)
        }

        /// Gets credentials for each request from this provider.
        pub fn credentials_provider(self, provider: impl $crate::credentials::ProvideCredentials + 'static) -> Self {
            self.shared_credentials_provider(std::sync::Arc::new(provider))
        }

        /// Sends requests unsigned, for endpoints that take anonymous calls
        /// (local fakes, public operations). Without it, and without
        /// credentials set, requests are signed with what the
        /// [`DefaultCredentialsChain`](crate::credentials::DefaultCredentialsChain)
        /// finds, and every call fails when it finds nothing. Credentials set
        /// on the builder, before or after, still sign.
        pub fn anonymous(mut self) -> Self {
            self.common().anonymous = true;
            self
        }

        /// Lets the default credentials chain assume roles, use web identity
        /// tokens and IAM Identity Center (SSO) profiles, calling STS, SSO
        /// and SSO-OIDC through these: `lean_aws_credentials::role_sources()`.
        /// Without it such profiles fail with an error saying so. No effect
        /// when credentials are set.
        pub fn role_sources(mut self, sources: std::sync::Arc<dyn $crate::credentials::RoleSources>) -> Self {
            self.common().role_sources = Some(sources);
            self
        }

        /// A shared credentials provider.
        pub fn shared_credentials_provider(
            mut self,
            provider: std::sync::Arc<dyn $crate::credentials::ProvideCredentials>,
        ) -> Self {
            self.common().credentials = Some(provider);
            self
        }

        /// Fills the region too when building, as boto3 and aws-sdk-rust
        /// do: from `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile's
        /// `region` ([`region::default_region`](crate::region::default_region)).
        /// Credentials come from a
        /// [`DefaultCredentialsChain`](crate::credentials::DefaultCredentialsChain)
        /// with or without this call, unless you set them or choose
        /// [`anonymous`](Self::anonymous). A region or provider you set
        /// yourself, before or after this call, is kept.
        pub fn with_default_providers(self) -> Self {
            self.with_default_providers_using($crate::os::Env::real(), $crate::os::Fs::real())
        }

        /// As [`with_default_providers`](Self::with_default_providers),
        /// reading these variables and files instead of the process's (the
        /// default credentials chain reads them too).
        pub fn with_default_providers_using(mut self, env: $crate::os::Env, fs: $crate::os::Fs) -> Self {
            self.common().default_providers = Some((env, fs));
            self
        }

        /// Uses the FIPS endpoint (default `false`); calls fail when the
        /// region's partition has none.
        pub fn use_fips(mut self, use_fips: bool) -> Self {
            self.common().use_fips = Some(use_fips);
            self
        }

        /// Uses the dual-stack endpoint (default `false`); calls fail when
        /// the region's partition has none.
        pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
            self.common().use_dual_stack = Some(use_dual_stack);
            self
        }

        /// Whether services with per-account endpoints (DynamoDB) send to the
        /// endpoint of the account the credentials name (default
        /// [`Preferred`](crate::endpoint_rules::AccountIdEndpointMode::Preferred):
        /// when they name one).
        pub fn account_id_endpoint_mode(mut self, mode: $crate::endpoint_rules::AccountIdEndpointMode) -> Self {
            self.common().account_id_endpoint_mode = Some(mode);
            self
        }

        /// An id for your application, sent in the user agent as `app/<id>`
        /// (at most 50 letters, digits and ``!#$%&'*+-.^_`|~``; `build()`
        /// refuses others).
        pub fn sdk_ua_app_id(mut self, id: impl Into<String>) -> Self {
            self.common().app_id = Some(id.into());
            self
        }

        /// How failed attempts are retried (default:
        /// [`RetryConfig::standard`](crate::retry::RetryConfig::standard),
        /// 3 attempts in all;
        /// [`RetryConfig::adaptive`](crate::retry::RetryConfig::adaptive)
        /// adds client-side rate limiting once the service throttles).
        pub fn retry_config(mut self, retry: $crate::retry::RetryConfig) -> Self {
            self.common().retry = Some(retry);
            self
        }

        /// How the client waits between retries and times attempts out
        /// (default: tokio's timer with the `default-https-client` feature,
        /// otherwise [`ThreadSleep`](crate::sleep::ThreadSleep), which needs
        /// no async runtime; the blocking client sleeps its thread).
        pub fn sleep_impl(mut self, sleep: impl $crate::sleep::Sleep + 'static) -> Self {
            #[cfg(feature = "default-https-client")]
            {
                self.common().tokio_sleep = (&sleep as &dyn std::any::Any).is::<$crate::hyper_transport::TokioSleep>();
            }
            self.common().sleep = Some(std::sync::Arc::new(sleep));
            self
        }

        /// Gives up on an attempt after this long, connecting and reading the
        /// whole body included (a time-out, which is retried). Default: 120 s
        /// with the default transport, unbounded with one you set (it has its
        /// own bounds). A blocking transport you set cannot be interrupted, so
        /// `build` refuses this with one: bound it with its own limits.
        pub fn attempt_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.common().limits.attempt_timeout = Some(Some(timeout));
            self
        }

        /// Leaves attempts unbounded as a whole, even with the default
        /// transport (its connect and read time-outs still apply).
        pub fn disable_attempt_timeout(mut self) -> Self {
            self.common().limits.attempt_timeout = Some(None);
            self
        }

        /// How long the default transport waits for a connection (DNS, TCP
        /// and TLS; default 3.1 s). A transport you set has its own, so
        /// `build` refuses this with one.
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.common().limits.connect_timeout = Some(timeout);
            self
        }

        /// How long the default transport waits when no byte arrives (or,
        /// while sending, leaves); default 60 s, as botocore. It restarts
        /// with every byte: a server that trickles is stopped by the attempt
        /// time-out. A transport you set has its own, so `build` refuses this
        /// with one.
        pub fn read_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.common().limits.read_timeout = Some(timeout);
            self
        }

        /// The largest response body accepted, in bytes (default 64 MiB, far
        /// above any response of these services). A larger one fails the call
        /// with a transport error of kind `ResponseTooLarge`, not retried. The
        /// default transports stop reading at the limit; the client checks it
        /// for any transport.
        pub fn max_response_body_size(mut self, bytes: u64) -> Self {
            self.common().limits.max_response_body_size = Some(bytes);
            self
        }

        /// Extra trusted roots and proxies for the default transports, in
        /// place of those the default providers read (`AWS_CA_BUNDLE` or the
        /// profile's `ca_bundle`, `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`).
        /// A transport you set has its own (`HyperTransport::with_settings`,
        /// `UreqTransport::with_settings`).
        pub fn network_settings(mut self, network: $crate::network::NetworkSettings) -> Self {
            self.common().network = Some(network);
            self
        }
    };
}

impl SharedConfigBuilder {
    common_setters!();

    fn common(&mut self) -> &mut SharedConfigBuilder {
        self
    }
}

impl<S: Service> ConfigBuilder<S> {
    common_setters!();

    fn common(&mut self) -> &mut SharedConfigBuilder {
        &mut self.shared
    }
}
