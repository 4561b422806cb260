//! One provider per source that needs calls (a role, web identity, IAM
//! Identity Center), for programs that want that source alone rather than
//! the whole chain. Each reads the same settings the chain reads, makes the
//! same calls through a [`RoleSources`], and answers `NotLoaded` when the
//! profile does not use its source. They do not cache: wrap one in your
//! own cache, or use the [`DefaultCredentialsChain`](super::DefaultCredentialsChain).

use super::plan::Only;
use super::{Credentials, CredentialsError, ProfileCredentialsProvider, ProvideCredentials, RoleSources};
use crate::os::{Env, Fs};
use crate::transport::{BoxFuture, Transport};
use std::sync::Arc;

macro_rules! source_provider {
    ($(#[$doc:meta])* $name:ident, $only:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name(ProfileCredentialsProvider);

        impl $name {
            /// Reads the process environment and the real files.
            pub fn new(sources: Arc<dyn RoleSources>) -> Self {
                Self::with_env_and_fs(Env::real(), Fs::real(), sources)
            }

            /// Reads these variables and files instead.
            pub fn with_env_and_fs(env: Env, fs: Fs, sources: Arc<dyn RoleSources>) -> Self {
                let mut inner = ProfileCredentialsProvider::with_env_and_fs(env, fs).with_role_sources(sources);
                inner.only = $only;
                $name(inner)
            }

            /// Uses this profile rather than the one `AWS_DEFAULT_PROFILE` or
            /// `AWS_PROFILE` names (the web identity variables are then not read).
            pub fn profile_name(self, name: impl Into<String>) -> Self {
                $name(self.0.profile_name(name))
            }

            /// Sends the calls through this transport rather than the
            /// default one of this build.
            pub fn with_transport(self, transport: Arc<dyn Transport>) -> Self {
                $name(self.0.with_transport(transport))
            }
        }

        impl ProvideCredentials for $name {
            fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
                self.0.provide_credentials()
            }
        }
    };
}

source_provider!(
    /// The selected profile's role (`role_arn` with `source_profile`, followed
    /// to the credentials at its end, or `credential_source`), assumed hop by
    /// hop with STS `AssumeRole`, as botocore's `AssumeRoleProvider`.
    AssumeRoleCredentialsProvider,
    Only::AssumeRole
);

source_provider!(
    /// STS `AssumeRoleWithWebIdentity` with the token of
    /// `AWS_WEB_IDENTITY_TOKEN_FILE` (and `AWS_ROLE_ARN`,
    /// `AWS_ROLE_SESSION_NAME`) or of the profile's `web_identity_token_file`
    /// (`role_arn`, `role_session_name`), read at each call, as botocore's
    /// `AssumeRoleWithWebIdentityProvider`.
    WebIdentityCredentialsProvider,
    Only::WebIdentity
);

source_provider!(
    /// SSO `GetRoleCredentials` for the profile's `sso_account_id` and
    /// `sso_role_name`, with the token `aws sso login` cached (refreshed with
    /// SSO-OIDC `CreateToken` for an `sso_session`), as botocore's
    /// `SSOProvider`.
    SsoCredentialsProvider,
    Only::Sso
);
