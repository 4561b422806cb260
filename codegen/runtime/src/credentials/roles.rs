//! The hook through which the default chain reaches STS, SSO and SSO-OIDC.
//!
//! The runtime cannot call those services itself: their clients are
//! generated crates that depend on it. So the chain reads and checks the
//! settings (role chains, `credential_source`, web identity, SSO sessions,
//! the token cache) and asks a [`RoleSources`] for the calls; the
//! `lean-aws-credentials` crate implements it with the generated clients.
//! Without one, a profile that needs it is an
//! [`Unsupported`](super::CredentialsErrorKind::Unsupported) error naming
//! what to add, never a silent fall-through to other keys.

use super::{Credentials, CredentialsError};
use crate::datetime::DateTime;
use crate::os::{Env, Fs};
use crate::transport::{BoxFuture, Transport};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

/// The calls behind role, web identity and SSO credentials. Each method
/// makes one service call; reading files, role chains and caching are the
/// chain's.
pub trait RoleSources: Send + Sync + fmt::Debug {
    /// STS `AssumeRoleWithWebIdentity` with the token read from the file.
    fn assume_role_with_web_identity<'a>(
        &'a self,
        request: &'a WebIdentityRequest,
        token: String,
        context: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>>;

    /// STS `AssumeRole`, signed with `source` (the previous hop's
    /// credentials).
    fn assume_role<'a>(
        &'a self,
        request: &'a AssumeRoleRequest,
        source: Credentials,
        context: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>>;

    /// SSO `GetRoleCredentials` with a valid access token.
    fn sso_role_credentials<'a>(
        &'a self,
        request: &'a SsoRequest,
        access_token: &'a str,
        context: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>>;

    /// SSO-OIDC `CreateToken` with the `refresh_token` grant.
    fn refresh_sso_token<'a>(
        &'a self,
        request: &'a SsoTokenRefresh,
        context: &'a RoleContext,
    ) -> BoxFuture<'a, Result<RefreshedSsoToken, CredentialsError>>;
}

/// What every call needs besides its own settings: the variables and files
/// (for endpoint URL settings), the region of the selected profile, and the
/// transport the chain was given.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RoleContext {
    /// The variables the chain reads.
    pub env: Env,
    /// The files the chain reads.
    pub fs: Fs,
    /// `AWS_REGION`, `AWS_DEFAULT_REGION` or the selected profile's
    /// `region`; STS is called in it (its regional endpoint).
    pub region: Option<String>,
    /// The transport set on the chain, else the default one of this build
    /// (the blocking one when built); `None` when the build has none.
    pub transport: Option<Arc<dyn Transport>>,
}

/// `AssumeRoleWithWebIdentity`'s settings.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebIdentityRequest {
    /// `web_identity_token_file` or `AWS_WEB_IDENTITY_TOKEN_FILE`.
    pub token_file: PathBuf,
    /// `role_arn` or `AWS_ROLE_ARN`.
    pub role_arn: String,
    /// `role_session_name` or `AWS_ROLE_SESSION_NAME`, else one made from
    /// the time, as botocore does.
    pub role_session_name: String,
}

/// One `AssumeRole` hop of a profile's role chain.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssumeRoleRequest {
    /// The profile whose `role_arn` this is.
    pub profile: String,
    /// `role_arn`.
    pub role_arn: String,
    /// `role_session_name`, else one made from the time.
    pub role_session_name: String,
    /// `external_id`.
    pub external_id: Option<String>,
    /// `duration_seconds` (botocore ignores a value that is not a number).
    pub duration_seconds: Option<i32>,
}

/// `GetRoleCredentials`' settings, from the profile and its `sso_session`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SsoRequest {
    /// The profile that names the account and role.
    pub profile: String,
    /// `sso_start_url`.
    pub start_url: String,
    /// `sso_region`: where the SSO and SSO-OIDC endpoints are.
    pub sso_region: String,
    /// `sso_account_id`.
    pub account_id: String,
    /// `sso_role_name`.
    pub role_name: String,
    /// The `sso_session` section's name; `None` for the legacy form.
    pub session_name: Option<String>,
    /// `~/.aws/sso/cache/<sha1 of the session name, else the start URL>.json`.
    pub cache_file: PathBuf,
}

/// What `CreateToken` needs to refresh a cached token.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SsoTokenRefresh {
    /// `sso_region`.
    pub sso_region: String,
    /// The registered client's ID (`clientId` in the cache file).
    pub client_id: String,
    /// Its secret (`clientSecret`).
    pub client_secret: String,
    /// `refreshToken`.
    pub refresh_token: String,
}

impl fmt::Debug for SsoTokenRefresh {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SsoTokenRefresh")
            .field("sso_region", &self.sso_region)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// A token `CreateToken` gave.
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshedSsoToken {
    /// The new access token.
    pub access_token: String,
    /// When it expires.
    pub expires_at: SystemTime,
    /// A new refresh token, when the service rotated it.
    pub refresh_token: Option<String>,
}

impl fmt::Debug for RefreshedSsoToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshedSsoToken")
            .field("expires_at", &DateTime::from(self.expires_at).to_string())
            .finish_non_exhaustive()
    }
}

/// Where `credential_source` takes a role's source credentials from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialSource {
    /// `Environment`: the environment variables' keys.
    Environment,
    /// `Ec2InstanceMetadata`: the instance role.
    Ec2InstanceMetadata,
    /// `EcsContainer`: the container endpoint.
    EcsContainer,
}

impl CredentialSource {
    /// The source a `credential_source` value names (botocore's names).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "Environment" => Some(CredentialSource::Environment),
            "Ec2InstanceMetadata" => Some(CredentialSource::Ec2InstanceMetadata),
            "EcsContainer" => Some(CredentialSource::EcsContainer),
            _ => None,
        }
    }
}

/// The message of a profile that needs a [`RoleSources`] when none is set.
pub(crate) fn no_role_sources(what: &str) -> CredentialsError {
    CredentialsError::unsupported(format!(
        "{what}, which needs the STS and SSO clients: add the `lean-aws-credentials` crate and set \
         `role_sources(lean_aws_credentials::role_sources())` on the config builder"
    ))
}

/// botocore's default session name, `botocore-session-<unix seconds>`,
/// in this crate's name.
pub(crate) fn default_session_name() -> String {
    let secs = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format!("lean-aws-session-{secs}")
}
