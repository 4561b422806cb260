//! Role, web identity and IAM Identity Center (SSO) credentials for the lean
//! AWS client crates.
//!
//! The default credentials chain of `lean-aws-runtime` reads the settings of
//! these sources but cannot call STS or SSO itself (their clients are
//! generated crates that depend on the runtime). This crate makes those
//! calls with the generated `sts`, `sso` and `sso-oidc` clients.
//! [`load_defaults`] loads the shared configuration with it; on a builder it
//! is one call (the shared configuration's or any service's):
//!
//! ```no_run
//! use lean_aws_runtime::SharedConfig;
//!
//! let shared = SharedConfig::builder()
//!     .with_default_providers()
//!     .role_sources(lean_aws_credentials::role_sources())
//!     .build()?;
//! # Ok::<(), lean_aws_runtime::build::BuildError>(())
//! ```
//!
//! The chain then answers, in botocore's order, from: the environment's
//! keys; a profile's role (`role_arn` with `source_profile` or
//! `credential_source`), assumed with STS `AssumeRole`; web identity
//! (`AWS_WEB_IDENTITY_TOKEN_FILE` or `web_identity_token_file`), exchanged
//! with STS `AssumeRoleWithWebIdentity`; IAM Identity Center (`sso_*`
//! settings), with SSO `GetRoleCredentials` and the token from
//! `~/.aws/sso/cache`, refreshed with SSO-OIDC `CreateToken`; the profile's
//! keys or `credential_process`; the container endpoint; instance
//! metadata. The credentials carry their expiry, so the chain fetches them
//! again before they expire.
//!
//! STS is called in the region of `AWS_REGION`, `AWS_DEFAULT_REGION` or the
//! profile (its regional endpoint; `us-east-1` when none is set), SSO and
//! SSO-OIDC in `sso_region`. The endpoint URL settings are respected
//! (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_SSO`,
//! `AWS_ENDPOINT_URL_SSO_OIDC`, `AWS_ENDPOINT_URL`, the profile's
//! `endpoint_url` and `services` section). Calls go through the chain's
//! transport.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

use lean_aws_runtime::credentials::{
    AssumeRoleRequest, Credentials, CredentialsError, RefreshedSsoToken, RoleContext, RoleSources, SsoRequest,
    SsoTokenRefresh, WebIdentityRequest,
};
use lean_aws_runtime::datetime::DateTime;
use lean_aws_runtime::transport::BoxFuture;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The region STS is called in when none is configured (botocore's global
/// endpoint is served there).
const DEFAULT_STS_REGION: &str = "us-east-1";

/// The shared configuration with every standard source: as
/// `SharedConfig::load_defaults()`, with roles, web identity and IAM
/// Identity Center answered by this crate's clients. The same code then runs
/// on a laptop, EC2, ECS, EKS and Lambda.
///
/// # Errors
/// As `SharedConfigBuilder::build`.
pub fn load_defaults() -> Result<lean_aws_runtime::SharedConfig, lean_aws_runtime::build::BuildError> {
    lean_aws_runtime::SharedConfig::builder().with_default_providers().role_sources(role_sources()).build()
}

/// The [`RoleSources`] made of this crate's clients, to pass to
/// `role_sources(..)` on a config builder or to
/// [`DefaultCredentialsChain::with_role_sources`](lean_aws_runtime::credentials::DefaultCredentialsChain::with_role_sources).
pub fn role_sources() -> Arc<dyn RoleSources> {
    Arc::new(RoleClients::new())
}

/// Calls STS, SSO and SSO-OIDC with the generated clients, a client built
/// per call from the chain's [`RoleContext`] (calls are rare: the chain
/// keeps what they return until shortly before it expires).
#[derive(Clone, Debug, Default)]
pub struct RoleClients {
    _private: (),
}

impl RoleClients {
    /// The clients.
    pub fn new() -> Self {
        RoleClients::default()
    }
}

/// Builds a service's config from the context: its endpoint settings, the
/// region given, the chain's transport, and the credentials to sign with
/// (none: unsigned).
macro_rules! config {
    ($service:ident, $context:expr, $region:expr, $credentials:expr) => {{
        let context: &RoleContext = $context;
        let builder = $service::Config::builder()
            .with_default_providers_using(context.env.clone(), context.fs.clone())
            .region($region);
        let builder = match &context.transport {
            Some(transport) => builder.shared_transport(Arc::clone(transport)),
            None => builder,
        };
        let builder = match $credentials {
            Some(credentials) => builder.credentials(credentials),
            None => builder.anonymous(),
        };
        builder.build().map_err(|e| {
            CredentialsError::provider_error(format!("cannot configure the {} client: {e}", $service::SERVICE_ID))
        })
    }};
}

fn call_failed(call: &str, e: impl std::error::Error + Send + Sync + 'static) -> CredentialsError {
    CredentialsError::provider_error(format!("{call}: {e}")).with_source(e)
}

fn sts_region(context: &RoleContext) -> String {
    context.region.clone().unwrap_or_else(|| DEFAULT_STS_REGION.to_owned())
}

/// STS's credentials, with the account from the assumed role's ARN
/// (`arn:aws:sts::ACCOUNT:assumed-role/...`), as botocore takes it.
fn from_sts(
    call: &str,
    credentials: Option<&sts::types::Credentials>,
    role_arn: Option<&str>,
) -> Result<Credentials, CredentialsError> {
    let credentials = credentials
        .ok_or_else(|| CredentialsError::provider_error(format!("{call}: the response has no Credentials")))?;
    let expiry = SystemTime::try_from(credentials.expiration())
        .map_err(|e| CredentialsError::provider_error(format!("{call}: Expiration: {e}")))?;
    let found = Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        Some(credentials.session_token().to_owned()),
        Some(expiry),
    );
    Ok(match role_arn.and_then(|arn| arn.split(':').nth(4)).filter(|a| !a.is_empty()) {
        Some(account) => found.with_account_id(account),
        None => found,
    })
}

impl RoleSources for RoleClients {
    fn assume_role_with_web_identity<'a>(
        &'a self,
        request: &'a WebIdentityRequest,
        token: String,
        context: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            const CALL: &str = "STS AssumeRoleWithWebIdentity";
            let config = config!(sts, context, sts_region(context), None::<Credentials>)?;
            let out = sts::Client::from_conf(config)
                .assume_role_with_web_identity()
                .role_arn(&request.role_arn)
                .role_session_name(&request.role_session_name)
                .web_identity_token(token.trim())
                .send()
                .await
                .map_err(|e| call_failed(CALL, e))?;
            from_sts(CALL, out.credentials(), out.assumed_role_user().map(|u| u.arn()))
        })
    }

    fn assume_role<'a>(
        &'a self,
        request: &'a AssumeRoleRequest,
        source: Credentials,
        context: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            const CALL: &str = "STS AssumeRole";
            let config = config!(sts, context, sts_region(context), Some(source))?;
            let out = sts::Client::from_conf(config)
                .assume_role()
                .role_arn(&request.role_arn)
                .role_session_name(&request.role_session_name)
                .set_external_id(request.external_id.clone())
                .set_duration_seconds(request.duration_seconds)
                .send()
                .await
                .map_err(|e| call_failed(CALL, e))?;
            from_sts(CALL, out.credentials(), out.assumed_role_user().map(|u| u.arn()))
        })
    }

    fn sso_role_credentials<'a>(
        &'a self,
        request: &'a SsoRequest,
        access_token: &'a str,
        context: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            const CALL: &str = "SSO GetRoleCredentials";
            let config = config!(sso, context, request.sso_region.clone(), None::<Credentials>)?;
            let out = sso::Client::from_conf(config)
                .get_role_credentials()
                .role_name(&request.role_name)
                .account_id(&request.account_id)
                .access_token(access_token)
                .send()
                .await
                .map_err(|e| call_failed(CALL, e))?;
            let missing = |what: &str| CredentialsError::provider_error(format!("{CALL}: the response has no {what}"));
            let found = out.role_credentials().ok_or_else(|| missing("roleCredentials"))?;
            let expiry = found.expiration().ok_or_else(|| missing("expiration"))?;
            // Milliseconds since the epoch.
            let expiry = SystemTime::try_from(DateTime::from_fractional_secs(expiry as f64 / 1000.0))
                .map_err(|e| CredentialsError::provider_error(format!("{CALL}: expiration: {e}")))?;
            let credentials = Credentials::new(
                found.access_key_id().ok_or_else(|| missing("accessKeyId"))?,
                found.secret_access_key().ok_or_else(|| missing("secretAccessKey"))?,
                found.session_token().map(str::to_owned),
                Some(expiry),
            );
            Ok(credentials.with_account_id(&request.account_id))
        })
    }

    fn refresh_sso_token<'a>(
        &'a self,
        request: &'a SsoTokenRefresh,
        context: &'a RoleContext,
    ) -> BoxFuture<'a, Result<RefreshedSsoToken, CredentialsError>> {
        Box::pin(async move {
            const CALL: &str = "SSO-OIDC CreateToken";
            let config = config!(sso_oidc, context, request.sso_region.clone(), None::<Credentials>)?;
            let out = sso_oidc::Client::from_conf(config)
                .create_token()
                .grant_type("refresh_token")
                .client_id(&request.client_id)
                .client_secret(&request.client_secret)
                .refresh_token(&request.refresh_token)
                .send()
                .await
                .map_err(|e| call_failed(CALL, e))?;
            let missing = |what: &str| CredentialsError::provider_error(format!("{CALL}: the response has no {what}"));
            let access_token = out.access_token().ok_or_else(|| missing("accessToken"))?.to_owned();
            let expires_in = out.expires_in().ok_or_else(|| missing("expiresIn"))?;
            let expires_in = Duration::from_secs(u64::try_from(expires_in).unwrap_or(0));
            Ok(RefreshedSsoToken {
                access_token,
                expires_at: SystemTime::now() + expires_in,
                refresh_token: out.refresh_token().map(str::to_owned),
            })
        })
    }
}
