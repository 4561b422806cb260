//! AWS credentials and where they come from.
//!
//! [`Credentials`] are an access key, its secret and an optional session
//! token and expiry; their `Debug` output never shows the secret or the
//! token. Anything implementing [`ProvideCredentials`] can supply them; the
//! client asks its provider once per attempt, so providers should be cheap
//! or cache.
//!
//! Providers, following botocore's default chain for the sources it
//! supports:
//!
//! - [`Credentials`] itself gives fixed keys.
//! - [`EnvironmentCredentialsProvider`] reads `AWS_ACCESS_KEY_ID`,
//!   `AWS_SECRET_ACCESS_KEY`, the token from `AWS_SECURITY_TOKEN` else
//!   `AWS_SESSION_TOKEN`, and the expiry from `AWS_CREDENTIAL_EXPIRATION`
//!   (RFC 3339), and the account ID from `AWS_ACCOUNT_ID`. The Java-era `AWS_ACCESS_KEY`/`AWS_SECRET_KEY` are not read,
//!   as botocore does not read them.
//! - [`ProfileCredentialsProvider`] reads the selected profile (see
//!   [`profile`](super::profile)) in the order of botocore's chain:
//!   a role (`role_arn` with `source_profile`, followed hop by hop with loops
//!   refused, or `credential_source` = `Environment`, `Ec2InstanceMetadata`,
//!   `EcsContainer`; `external_id`, `role_session_name`,
//!   `duration_seconds`), then web identity (`AWS_WEB_IDENTITY_TOKEN_FILE`,
//!   `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME` before the profile's
//!   `web_identity_token_file`, `role_arn`, `role_session_name`), then IAM
//!   Identity Center (`sso_account_id`, `sso_role_name`, with
//!   `sso_session` naming an `[sso-session NAME]` section or the legacy
//!   `sso_start_url`, `sso_region`; the token from `~/.aws/sso/cache`),
//!   then static keys (`aws_access_key_id`, `aws_secret_access_key`, token
//!   from `aws_security_token` else `aws_session_token`, account ID from
//!   `aws_account_id`) from the credentials file, then the profile's
//!   `credential_process` (run by [`ProcessCredentialsProvider`]), then keys
//!   in the config file. Roles, web identity and SSO call STS, SSO and
//!   SSO-OIDC through a [`RoleSources`] (the `lean-aws-credentials` crate);
//!   without one they are an
//!   [`Unsupported`](CredentialsErrorKind::Unsupported) error saying what
//!   to add, so that such a profile never silently falls back to other
//!   keys.
//! - [`AssumeRoleCredentialsProvider`], [`WebIdentityCredentialsProvider`]
//!   and [`SsoCredentialsProvider`] answer from one of those sources alone.
//! - [`ProcessCredentialsProvider`] runs a command and reads the JSON it
//!   prints, as botocore's `ProcessProvider`.
//! - [`ContainerCredentialsProvider`] fetches them from the container
//!   endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `_FULL_URI`), as
//!   botocore's `ContainerProvider`.
//! - [`ImdsCredentialsProvider`] fetches the instance role's credentials
//!   from the EC2 instance metadata service (IMDSv2, IMDSv1 where only that
//!   is served), as botocore's `InstanceMetadataProvider`.
//! - [`DefaultCredentialsChain`] tries the environment, then the profile
//!   (with its roles, web identity and SSO),
//!   then the container endpoint, then instance metadata; the first that has
//!   credentials wins, and a source that is set up wrongly stops the chain
//!   (as in botocore). When none has any, the error lists what each source
//!   said.
//!
//! All of them read the environment and files through [`Env`] and [`Fs`],
//! so tests can supply their own, and fetch through a
//! [`Transport`]. Reading files and running a process block the calling
//! thread; the chain keeps what it found until shortly before it expires.

use super::datetime::{DateTime, Format};
use super::ini::{Section, Value};
use super::os::{Env, Fs};
use super::profile::{ProfileName, SharedFiles};
use super::transport::{BoxFuture, Transport};
use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

mod chain;
mod container;
mod imds;
mod plan;
mod process;
mod roles;
mod sources;
mod sso_cache;
pub use chain::{ADVISORY_REFRESH_WINDOW, DefaultCredentialsChain, REFRESH_WINDOW};
pub use container::{CONTAINER_HOST, ContainerCredentialsProvider};
pub use imds::ImdsCredentialsProvider;
pub use process::{ProcessCredentialsProvider, split_command_line};
pub use roles::{
    AssumeRoleRequest, CredentialSource, RefreshedSsoToken, RoleContext, RoleSources, SsoRequest, SsoTokenRefresh,
    WebIdentityRequest,
};
pub use sources::{AssumeRoleCredentialsProvider, SsoCredentialsProvider, WebIdentityCredentialsProvider};

/// An access key, its secret, and the session token and expiry of temporary
/// credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    account_id: Option<String>,
}

impl Credentials {
    /// Credentials with every part given.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
        expiry: Option<SystemTime>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry,
            account_id: None,
        }
    }

    /// The same credentials, naming the account they belong to. Services
    /// whose endpoints are per account (DynamoDB) send to that account's
    /// endpoint unless the configuration's
    /// [`AccountIdEndpointMode`](super::endpoint_rules::AccountIdEndpointMode)
    /// is `Disabled`.
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// Long-term keys: no session token, no expiry.
    pub fn from_keys(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Credentials::new(access_key_id, secret_access_key, None, None)
    }

    /// The access key ID (not secret; it names the key).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials stop working.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The AWS account the credentials belong to, when their source says.
    pub fn account_id(&self) -> Option<&str> {
        self.account_id.as_deref()
    }
}

impl fmt::Debug for Credentials {
    /// Shows the access key ID and expiry; the secret and token are redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REDACTED: &str = "** redacted **";
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field("session_token", &self.session_token.as_ref().map(|_| REDACTED))
            .field("expiry", &self.expiry.map(|at| DateTime::from(at).to_string()))
            .field("account_id", &self.account_id)
            .finish()
    }
}

/// Supplies credentials; object-safe, so a client holds any provider as
/// `Arc<dyn ProvideCredentials>`, and needs no async runtime (a provider
/// that only reads memory, variables or files returns a ready future).
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Credentials for the next request.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

/// What kind of failure a [`CredentialsError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsErrorKind {
    /// The source has nothing to offer (a variable or profile is not set);
    /// a chain moves on to its next source.
    NotLoaded,
    /// The source is set up but wrongly (a key without its secret, an
    /// unparsable file, a chosen profile that does not exist).
    InvalidConfiguration,
    /// The source needs something this build lacks (roles, web identity
    /// and SSO without a [`RoleSources`], the container endpoint without a
    /// transport).
    Unsupported,
    /// The provider failed to get credentials it should have (any other
    /// provider's failure).
    ProviderError,
}

/// Why no credentials were provided.
#[derive(Debug)]
pub struct CredentialsError {
    kind: CredentialsErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl CredentialsError {
    /// An error of this kind.
    pub fn new(kind: CredentialsErrorKind, message: impl Into<String>) -> Self {
        CredentialsError { kind, message: message.into(), source: None }
    }

    /// The source has nothing to offer; a chain tries the next one.
    pub fn not_loaded(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::NotLoaded, message)
    }

    /// The source is configured wrongly.
    pub fn invalid_configuration(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::InvalidConfiguration, message)
    }

    /// The source needs something this build lacks.
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::Unsupported, message)
    }

    /// The provider failed.
    pub fn provider_error(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::ProviderError, message)
    }

    /// Attaches the underlying error.
    pub fn with_source(mut self, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> CredentialsErrorKind {
        self.kind
    }

    /// Whether the source simply had nothing (so a chain may go on).
    pub fn is_not_loaded(&self) -> bool {
        self.kind == CredentialsErrorKind::NotLoaded
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Credentials from environment variables, as botocore's `EnvProvider`
/// reads them (see the [module docs](self)).
#[derive(Clone, Debug)]
pub struct EnvironmentCredentialsProvider {
    env: Env,
}

impl EnvironmentCredentialsProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        Self::with_env(Env::real())
    }

    /// Reads these variables instead.
    pub fn with_env(env: Env) -> Self {
        EnvironmentCredentialsProvider { env }
    }

    /// The credentials, now (this never waits).
    ///
    /// # Errors
    /// `NotLoaded` without `AWS_ACCESS_KEY_ID`; `InvalidConfiguration` when
    /// it is set without `AWS_SECRET_ACCESS_KEY`, or the expiry is not an
    /// RFC 3339 date-time.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let env = &self.env;
        let access_key_id =
            env.get("AWS_ACCESS_KEY_ID").ok_or_else(|| CredentialsError::not_loaded("AWS_ACCESS_KEY_ID is not set"))?;
        let secret_access_key = env.get("AWS_SECRET_ACCESS_KEY").ok_or_else(|| {
            CredentialsError::invalid_configuration("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        })?;
        // botocore's order: the legacy name first.
        let session_token = env.first_of(&["AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"]).map(|(_, token)| token);
        let expiry = match env.get("AWS_CREDENTIAL_EXPIRATION") {
            Some(text) => Some(parse_expiry(&text).map_err(|e| {
                CredentialsError::invalid_configuration(format!("AWS_CREDENTIAL_EXPIRATION: {e}")).with_source(e)
            })?),
            None => None,
        };
        let account_id = env.get("AWS_ACCOUNT_ID").filter(|id| !id.is_empty());
        Ok(Credentials { access_key_id, secret_access_key, session_token, expiry, account_id })
    }
}

impl Default for EnvironmentCredentialsProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for EnvironmentCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(self.load()))
    }
}

fn parse_expiry(text: &str) -> Result<SystemTime, super::datetime::DateTimeError> {
    SystemTime::try_from(DateTime::parse(text, Format::DateTime)?)
}

/// How long an STS, SSO or SSO-OIDC call may take per attempt on the default
/// transport (bounded, unlike botocore's 60 s connect and read time-outs,
/// because the chain's callers wait on it).
const ROLE_CALL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// A profile's credentials from the shared config and credentials files
/// (see the [module docs](self) and [`profile`](super::profile)): a role
/// chain, web identity, IAM Identity Center, static keys or a credential
/// process, in botocore's order. The first three make calls through a
/// [`RoleSources`] (see [`with_role_sources`](Self::with_role_sources)).
#[derive(Clone, Debug)]
pub struct ProfileCredentialsProvider {
    env: Env,
    fs: Fs,
    profile: Option<String>,
    role_sources: Option<Arc<dyn RoleSources>>,
    transport: Option<Arc<dyn Transport>>,
    only: plan::Only,
}

impl ProfileCredentialsProvider {
    /// Reads the process environment and the real files.
    pub fn new() -> Self {
        Self::with_env_and_fs(Env::real(), Fs::real())
    }

    /// Reads these variables and files instead.
    pub fn with_env_and_fs(env: Env, fs: Fs) -> Self {
        ProfileCredentialsProvider {
            env,
            fs,
            profile: None,
            role_sources: None,
            transport: None,
            only: plan::Only::All,
        }
    }

    /// Uses this profile rather than the one `AWS_DEFAULT_PROFILE` or
    /// `AWS_PROFILE` names. As with a profile given to a boto3 `Session`,
    /// web identity variables (`AWS_WEB_IDENTITY_TOKEN_FILE`) are then not
    /// consulted.
    pub fn profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Makes the STS, SSO and SSO-OIDC calls of roles, web identity and IAM
    /// Identity Center through these (`lean_aws_credentials::role_sources()`).
    pub fn with_role_sources(mut self, sources: Arc<dyn RoleSources>) -> Self {
        self.role_sources = Some(sources);
        self
    }

    /// Sends those calls, and a role's `EcsContainer` or
    /// `Ec2InstanceMetadata` source requests, through this transport.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Static keys or a credential process's, now (reads both files; never
    /// waits on anything else).
    ///
    /// # Errors
    /// `NotLoaded` when the profile has no keys (or is `default` and does not
    /// exist); `InvalidConfiguration` for unreadable or unparsable files, a
    /// chosen profile that does not exist, or a key without its secret;
    /// `Unsupported` for profiles that need a call (a role, web identity,
    /// IAM Identity Center): [`provide_credentials`](ProvideCredentials::provide_credentials)
    /// makes those.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let plan = self.plan()?;
        match plan.base {
            plan::Base::Keys(found) if plan.hops.is_empty() => Ok(found),
            _ if self.role_sources.is_some() => {
                Err(CredentialsError::unsupported("this profile needs a call to STS or SSO: use provide_credentials()"))
            }
            _ => Err(plan::unsupported(&plan).unwrap_or_else(|| roles::no_role_sources("this profile assumes a role"))),
        }
    }

    /// The profile chosen in code, else the one the environment selects.
    fn chosen_profile(&self) -> ProfileName {
        match &self.profile {
            Some(name) => ProfileName::explicit(name),
            None => ProfileName::from_env(&self.env),
        }
    }

    fn plan(&self) -> Result<plan::Plan, CredentialsError> {
        let name = self.chosen_profile();
        let invalid = |e: super::profile::ProfileError| CredentialsError::invalid_configuration(e.to_string());
        let files = SharedFiles::load(&self.env, &self.fs).map_err(invalid)?;
        // Without the calls, say so before the details of their settings.
        let needs_calls = || plan::needs_calls(&files, &name, &self.env, self.profile.is_none());
        if let (None, Some(what)) = (&self.role_sources, needs_calls()) {
            return Err(roles::no_role_sources(&what));
        }
        plan::plan_only(&files, &name, &self.env, self.profile.is_none(), self.only)
    }

    /// The credentials, making the calls the profile needs.
    async fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let plan = self.plan()?;
        if let (plan::Base::Keys(found), true) = (&plan.base, plan.hops.is_empty()) {
            return Ok(found.clone());
        }
        let Some(sources) = self.role_sources.as_deref() else {
            return Err(
                plan::unsupported(&plan).unwrap_or_else(|| roles::no_role_sources("this profile assumes a role"))
            );
        };
        let context = RoleContext {
            env: self.env.clone(),
            fs: self.fs.clone(),
            region: super::region::find_region_of(&self.env, &self.fs, &self.chosen_profile())
                .ok()
                .flatten()
                .map(|(region, _)| region),
            // As for metadata: the blocking transport when built, so both clients can wait on it.
            transport: self.transport.clone().or_else(|| crate::imds::transport(ROLE_CALL_TIMEOUT)),
        };
        let mut credentials = match &plan.base {
            plan::Base::Keys(found) => found.clone(),
            plan::Base::Source(source) => self.source_credentials(*source).await?,
            plan::Base::WebIdentity(request) => {
                let path = request.token_file.display();
                let token = self
                    .fs
                    .read_to_string(&request.token_file)
                    .map_err(|e| {
                        CredentialsError::invalid_configuration(format!(
                            "cannot read the web identity token file {path}: {e}"
                        ))
                    })?
                    .ok_or_else(|| {
                        CredentialsError::invalid_configuration(format!(
                            "the web identity token file {path} does not exist"
                        ))
                    })?;
                sources.assume_role_with_web_identity(request, token, &context).await?
            }
            plan::Base::Sso(request) => sso_cache::sso_credentials(request, sources, &context).await?,
        };
        for hop in &plan.hops {
            credentials = sources.assume_role(hop, credentials, &context).await.map_err(|e| {
                let message = format!("assuming role {} of profile `{}`: {e}", hop.role_arn, hop.profile);
                CredentialsError { message, ..e }
            })?;
        }
        Ok(credentials)
    }

    /// A role's `credential_source`.
    async fn source_credentials(&self, source: CredentialSource) -> Result<Credentials, CredentialsError> {
        let (env, fs) = (self.env.clone(), self.fs.clone());
        let transport = |timeout| self.transport.clone().or_else(|| crate::imds::transport(timeout));
        let no_transport = || CredentialsError::unsupported("this build has no transport to fetch them with");
        let found = match source {
            CredentialSource::Environment => EnvironmentCredentialsProvider::with_env(env).load(),
            CredentialSource::EcsContainer => match transport(std::time::Duration::from_secs(2)) {
                Some(transport) => ContainerCredentialsProvider::new(env, fs, transport).load().await,
                None => Err(no_transport()),
            },
            CredentialSource::Ec2InstanceMetadata => match crate::imds::ImdsSettings::load(&env, &fs) {
                Err(e) => Err(CredentialsError::invalid_configuration(e)),
                Ok(settings) => match self.transport.clone().or_else(|| crate::imds::transport(settings.timeout())) {
                    Some(transport) => ImdsCredentialsProvider::with_settings(env, settings, transport).load().await,
                    None => Err(no_transport()),
                },
            },
        };
        // The role needs them: nothing there is an error, not a reason to go on.
        found.map_err(|e| {
            let kind = if e.is_not_loaded() { CredentialsErrorKind::InvalidConfiguration } else { e.kind() };
            CredentialsError { kind, message: format!("credential_source {source:?}: {e}"), source: e.source }
        })
    }
}

impl Default for ProfileCredentialsProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for ProfileCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.resolve())
    }
}

/// A section's static keys: `None` without `aws_access_key_id`, an error
/// when it is empty or lacks its secret. Empty tokens count as unset.
fn static_keys(
    section: Option<&Section>,
    name: &ProfileName,
    file: &dyn fmt::Display,
) -> Result<Option<Credentials>, CredentialsError> {
    let Some(section) = section else { return Ok(None) };
    let Some(access_key_id) = section.get("aws_access_key_id") else { return Ok(None) };
    let text = |key: &str| section.get(key).and_then(|v| v.as_text()).filter(|v| !v.is_empty());
    // The file, line and key at fault, never the value: it may be the secret.
    let invalid = |key: &str, problem: &str| {
        let line = section.line(key).map_or_else(String::new, |line| format!(" line {line}"));
        CredentialsError::invalid_configuration(format!("{name} in {file}{line}: {problem}"))
    };
    let access_key_id = access_key_id
        .as_text()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| invalid("aws_access_key_id", "aws_access_key_id is empty"))?;
    if let Some(Value::Nested(_)) = section.get("aws_secret_access_key") {
        let problem =
            "aws_secret_access_key has no value on its own line (the indented lines below it are a sub-section)";
        return Err(invalid("aws_secret_access_key", problem));
    }
    let secret = text("aws_secret_access_key")
        .ok_or_else(|| invalid("aws_access_key_id", "aws_access_key_id is set but aws_secret_access_key is not"))?;
    let token = text("aws_security_token").or_else(|| text("aws_session_token"));
    let credentials = Credentials::new(access_key_id, secret, token.map(str::to_owned), None);
    Ok(Some(match text("aws_account_id") {
        Some(id) => credentials.with_account_id(id),
        None => credentials,
    }))
}

#[cfg(test)]
#[path = "credentials_tests.rs"]
mod tests;
