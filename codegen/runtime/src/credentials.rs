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
//! - [`ProfileCredentialsProvider`] reads static keys (`aws_access_key_id`,
//!   `aws_secret_access_key`, token from `aws_security_token` else
//!   `aws_session_token`, account ID from `aws_account_id`) of the selected
//!   profile (see
//!   [`profile`](super::profile)), from the credentials file first, then the
//!   config file. A profile that gets its credentials another way (a role,
//!   web identity, IAM Identity Center, `credential_process`) is an
//!   [`Unsupported`](CredentialsErrorKind::Unsupported) error, checked in
//!   botocore's order so that such a profile never silently falls back to
//!   other keys.
//! - [`DefaultCredentialsChain`] tries the environment, then the profile; the
//!   first that has credentials wins, and a source that is set up wrongly
//!   stops the chain (as in botocore). When none has any, the error lists
//!   what each source said. Container and instance-metadata credentials are
//!   not supported yet.
//!
//! All of them read the environment and files through [`Env`] and [`Fs`],
//! so tests can supply their own. Reading is blocking and quick; the chain
//! keeps what it found until shortly before it expires.

use super::datetime::{DateTime, Format};
use super::ini::{Section, Value};
use super::os::{Env, Fs};
use super::profile::{ProfileName, SharedFiles};
use super::transport::BoxFuture;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

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
    /// The source is set up for a way of getting credentials this crate
    /// does not implement yet (roles, web identity, SSO, processes).
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

    /// The source needs something not implemented yet.
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

/// Static keys of a profile in the shared config and credentials files
/// (see the [module docs](self) and [`profile`](super::profile)).
#[derive(Clone, Debug)]
pub struct ProfileCredentialsProvider {
    env: Env,
    fs: Fs,
    profile: Option<String>,
}

impl ProfileCredentialsProvider {
    /// Reads the process environment and the real files.
    pub fn new() -> Self {
        Self::with_env_and_fs(Env::real(), Fs::real())
    }

    /// Reads these variables and files instead.
    pub fn with_env_and_fs(env: Env, fs: Fs) -> Self {
        ProfileCredentialsProvider { env, fs, profile: None }
    }

    /// Uses this profile rather than the one `AWS_DEFAULT_PROFILE` or
    /// `AWS_PROFILE` names. As with a profile given to a boto3 `Session`,
    /// web identity variables (`AWS_WEB_IDENTITY_TOKEN_FILE`) are then not
    /// consulted.
    pub fn profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The credentials, now (reads both files; never waits on anything else).
    ///
    /// # Errors
    /// `NotLoaded` when the profile has no keys (or is `default` and does not
    /// exist); `InvalidConfiguration` for unreadable or unparsable files, a
    /// chosen profile that does not exist, or a key without its secret;
    /// `Unsupported` for profiles that get credentials another way.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let name = match &self.profile {
            Some(name) => ProfileName::explicit(name),
            None => ProfileName::from_env(&self.env),
        };
        let invalid = |e: super::profile::ProfileError| CredentialsError::invalid_configuration(e.to_string());
        let files = SharedFiles::load(&self.env, &self.fs).map_err(invalid)?;
        let profile = files.selected(&name).map_err(invalid)?;
        let has = |key: &str| profile.is_some_and(|p| p.has(key));
        let unsupported = |what: &str| {
            CredentialsError::unsupported(format!("{name} gets credentials {what}, which is not supported yet"))
        };
        // The order of botocore's chain, so that a profile set up for one of
        // these never falls through to other keys.
        if has("role_arn") && !has("web_identity_token_file") {
            return Err(unsupported("by assuming a role (`role_arn`)"));
        }
        if has("web_identity_token_file") {
            return Err(unsupported("from a web identity token (`web_identity_token_file`)"));
        }
        if self.profile.is_none() && self.env.get("AWS_WEB_IDENTITY_TOKEN_FILE").is_some() {
            let message = "AWS_WEB_IDENTITY_TOKEN_FILE is set: web identity credentials are not supported yet";
            return Err(CredentialsError::unsupported(message));
        }
        let Some(profile) = profile else {
            return Err(CredentialsError::not_loaded(format!("{name} is {}", files.not_found())));
        };
        if has("sso_role_name") || has("sso_account_id") {
            return Err(unsupported("from IAM Identity Center (`sso_role_name`, `sso_account_id`)"));
        }
        let credentials_file = files.credentials_file().path().display();
        if let Some(found) = static_keys(profile.credentials_section(), &name, &credentials_file)? {
            return Ok(found);
        }
        if has("credential_process") {
            return Err(unsupported("from an external process (`credential_process`)"));
        }
        let config_file = files.config_file().path().display();
        if let Some(found) = static_keys(profile.config_section(), &name, &config_file)? {
            return Ok(found);
        }
        Err(CredentialsError::not_loaded(format!(
            "{name} has no aws_access_key_id in {credentials_file} or {config_file}"
        )))
    }
}

impl Default for ProfileCredentialsProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for ProfileCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(self.load()))
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

/// Credentials from the environment, else the shared files' profile; the
/// first source that has them wins (see the [module docs](self)).
///
/// Found credentials are kept and reused until [`REFRESH_WINDOW`] before
/// they expire (for ever when they do not), so calling this per request
/// costs a lock, not a file read. Errors are not kept: the next call tries
/// again.
pub struct DefaultCredentialsChain {
    environment: EnvironmentCredentialsProvider,
    profile: ProfileCredentialsProvider,
    env: Env,
    cached: Mutex<Option<Credentials>>,
}

/// How long before their expiry the chain looks for fresh credentials
/// (botocore's mandatory refresh window).
pub const REFRESH_WINDOW: Duration = Duration::from_secs(10 * 60);

impl DefaultCredentialsChain {
    /// Reads the process environment and the real files.
    pub fn new() -> Self {
        Self::with_env_and_fs(Env::real(), Fs::real())
    }

    /// Reads these variables and files instead.
    pub fn with_env_and_fs(env: Env, fs: Fs) -> Self {
        DefaultCredentialsChain {
            environment: EnvironmentCredentialsProvider::with_env(env.clone()),
            profile: ProfileCredentialsProvider::with_env_and_fs(env.clone(), fs),
            env,
            cached: Mutex::new(None),
        }
    }

    /// The credentials, now: cached, or looked up again.
    ///
    /// # Errors
    /// `NotLoaded` listing each source's reason when no source has
    /// credentials; otherwise the first failing source's error, prefixed
    /// with its name and what came before. Credentials that have already
    /// expired are `InvalidConfiguration`.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        let now = SystemTime::now();
        if let Some(found) = cached.as_ref().filter(|c| c.expiry.is_none_or(|at| now + REFRESH_WINDOW < at)) {
            return Ok(found.clone());
        }
        let found = self.resolve()?;
        if let Some(at) = found.expiry.filter(|at| *at <= now) {
            let message = format!("the credentials found expired at {}", DateTime::from(at));
            return Err(CredentialsError::invalid_configuration(message));
        }
        *cached = Some(found.clone());
        Ok(found)
    }

    fn resolve(&self) -> Result<Credentials, CredentialsError> {
        // What each source said, for the error.
        let mut said = Vec::new();
        let mut attempt = |source: &str, result: Result<Credentials, CredentialsError>| match result {
            Ok(found) => Some(Ok(found)),
            Err(e) if e.is_not_loaded() => {
                said.push(format!("{source}: {e}"));
                None
            }
            Err(e) => {
                said.push(format!("{source}: {e}"));
                let message = format!("cannot load credentials: {}", said.join("; "));
                Some(Err(CredentialsError { message, ..e }))
            }
        };
        if let Some(done) = attempt("environment variables", self.environment.load()) {
            return done;
        }
        if let Some(done) = attempt("shared config files", self.profile.load()) {
            return done;
        }
        let container = ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"];
        if let Some((var, _)) = self.env.first_of(&container) {
            said.push(format!("{var} is set, but container credentials are not supported yet"));
            return Err(CredentialsError::unsupported(format!("cannot load credentials: {}", said.join("; "))));
        }
        said.push("container and instance metadata credentials are not supported yet".to_owned());
        Err(CredentialsError::not_loaded(format!("no credentials found: {}", said.join("; "))))
    }
}

impl Default for DefaultCredentialsChain {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for DefaultCredentialsChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultCredentialsChain")
            .field("environment", &self.environment)
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(self.load()))
    }
}

#[cfg(test)]
#[path = "credentials_tests.rs"]
mod tests;
