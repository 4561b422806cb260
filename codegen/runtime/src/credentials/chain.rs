//! The default chain of credential sources, in botocore's order, and the
//! cache in front of it.

use super::{
    ContainerCredentialsProvider, Credentials, CredentialsError, EnvironmentCredentialsProvider,
    ImdsCredentialsProvider, ProfileCredentialsProvider, ProvideCredentials,
};
use crate::datetime::DateTime;
use crate::os::{Env, Fs};
use crate::transport::{BoxFuture, Transport};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime};

/// Credentials from the environment, else the shared files' profile (a role
/// chain, web identity, IAM Identity Center, keys, a credential process),
/// else the container endpoint, else instance metadata; the first source
/// that has them wins (see the [module docs](super)).
///
/// Found credentials are kept and reused until [`REFRESH_WINDOW`] before
/// they expire (for ever when they do not), so calling this per request
/// costs a lock, not a file read. Errors are not kept: the next call tries
/// again.
pub struct DefaultCredentialsChain {
    environment: EnvironmentCredentialsProvider,
    profile: ProfileCredentialsProvider,
    env: Env,
    fs: Fs,
    /// For the container endpoint; `None` takes the default one, made when
    /// first needed.
    transport: Option<Arc<dyn Transport>>,
    pub(super) cached: Mutex<Option<Credentials>>,
    refresh: Mutex<Refresh>,
}

/// Whether a caller is refreshing, and who waits for it.
#[derive(Default)]
struct Refresh {
    running: bool,
    waiters: Vec<Waker>,
}

/// Ends a refresh, also when its future is dropped half-way.
struct RefreshDone<'a>(&'a DefaultCredentialsChain);

impl Drop for RefreshDone<'_> {
    fn drop(&mut self) {
        let mut refresh = self.0.refresh.lock().unwrap_or_else(PoisonError::into_inner);
        refresh.running = false;
        refresh.waiters.drain(..).for_each(Waker::wake);
    }
}

/// Ready once no refresh runs.
struct WaitForRefresh<'a> {
    chain: &'a DefaultCredentialsChain,
}

impl Future for WaitForRefresh<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut refresh = self.chain.refresh.lock().unwrap_or_else(PoisonError::into_inner);
        if !refresh.running {
            return Poll::Ready(());
        }
        refresh.waiters.push(cx.waker().clone());
        Poll::Pending
    }
}

/// How long before their expiry the chain's callers wait for fresh
/// credentials (botocore's mandatory refresh window).
pub const REFRESH_WINDOW: Duration = Duration::from_secs(10 * 60);

/// How long before their expiry the chain looks for fresh credentials while
/// its callers keep using the cached ones (botocore's advisory window).
pub const ADVISORY_REFRESH_WINDOW: Duration = Duration::from_secs(15 * 60);

impl DefaultCredentialsChain {
    /// Reads the process environment and the real files.
    pub fn new() -> Self {
        Self::with_env_and_fs(Env::real(), Fs::real())
    }

    /// Reads these variables and files instead.
    pub fn with_env_and_fs(env: Env, fs: Fs) -> Self {
        DefaultCredentialsChain {
            environment: EnvironmentCredentialsProvider::with_env(env.clone()),
            profile: ProfileCredentialsProvider::with_env_and_fs(env.clone(), fs.clone()),
            env,
            fs,
            transport: None,
            cached: Mutex::new(None),
            refresh: Mutex::default(),
        }
    }

    /// Fetches container and instance metadata credentials through this
    /// transport rather than the default one of this build's features
    /// (bounded to 2 s per attempt for the container endpoint, and
    /// `AWS_METADATA_SERVICE_TIMEOUT` seconds, default 1, for the instance).
    /// The STS and SSO calls of a profile with a role, web identity or IAM
    /// Identity Center go through it too.
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.profile = self.profile.with_transport(Arc::clone(&transport));
        self.transport = Some(transport);
        self
    }

    /// Makes the STS, SSO and SSO-OIDC calls of profiles with a role, web
    /// identity or IAM Identity Center through these
    /// (`lean_aws_credentials::role_sources()`); without them such profiles
    /// are an `Unsupported` error.
    pub fn with_role_sources(mut self, sources: Arc<dyn super::RoleSources>) -> Self {
        self.profile = self.profile.with_role_sources(sources);
        self
    }

    /// The credentials: cached, or looked up again. From
    /// [`ADVISORY_REFRESH_WINDOW`] before they expire one caller refreshes
    /// them while the others keep using them; from [`REFRESH_WINDOW`] the
    /// others wait for that refresh. A refresh that fails while the cached
    /// credentials still work keeps them (as botocore does).
    ///
    /// # Errors
    /// `NotLoaded` listing each source's reason when no source has
    /// credentials; otherwise the first failing source's error, prefixed
    /// with its name and what came before. Credentials that have already
    /// expired are `InvalidConfiguration`.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let mut waited = false;
        loop {
            let now = SystemTime::now();
            let cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner).clone();
            let left = |window: Duration| cached.as_ref().filter(|c| c.expiry.is_none_or(|at| now + window < at));
            if let Some(found) = left(ADVISORY_REFRESH_WINDOW) {
                return Ok(found.clone());
            }
            let wait = {
                let mut refresh = self.refresh.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(found) = left(REFRESH_WINDOW).filter(|_| refresh.running) {
                    return Ok(found.clone());
                }
                // Wait for another caller's refresh once; after that, refresh too.
                let wait = refresh.running && !waited;
                refresh.running |= !wait;
                wait
            };
            if wait {
                WaitForRefresh { chain: self }.await;
                waited = true;
                continue;
            }
            let _done = RefreshDone(self);
            return match self.resolve().await {
                Ok(found) if found.expiry.is_some_and(|at| at <= SystemTime::now()) => {
                    let at = found.expiry.map(DateTime::from).map(|at| at.to_string()).unwrap_or_default();
                    Err(CredentialsError::invalid_configuration(format!("the credentials found expired at {at}")))
                }
                Ok(found) => {
                    *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = Some(found.clone());
                    Ok(found)
                }
                // Still good for a while: use them, and try again next time.
                Err(e) => left(Duration::ZERO).cloned().ok_or(e),
            };
        }
    }

    async fn resolve(&self) -> Result<Credentials, CredentialsError> {
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
        if let Some(done) = attempt("shared config files", self.profile.resolve().await) {
            return done;
        }
        // The transport is made only when the environment asks for the endpoint.
        let container = if ContainerCredentialsProvider::configured(&self.env) {
            match self.transport.clone().or_else(|| crate::imds::transport(Duration::from_secs(2))) {
                Some(transport) => {
                    ContainerCredentialsProvider::new(self.env.clone(), self.fs.clone(), transport).load().await
                }
                // A wrong URL is reported first, as with a transport.
                None => super::container::url(&self.env)
                    .and_then(|_| Err(CredentialsError::unsupported("this build has no transport to fetch them with"))),
            }
        } else {
            Err(CredentialsError::not_loaded(
                "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
            ))
        };
        if let Some(done) = attempt("container endpoint", container) {
            return done;
        }
        let imds = if ImdsCredentialsProvider::disabled(&self.env) {
            Err(CredentialsError::not_loaded("AWS_EC2_METADATA_DISABLED is true"))
        } else {
            match crate::imds::ImdsSettings::load(&self.env, &self.fs) {
                Err(e) => Err(CredentialsError::invalid_configuration(e)),
                Ok(settings) => match self.transport.clone().or_else(|| crate::imds::transport(settings.timeout())) {
                    Some(transport) => {
                        ImdsCredentialsProvider::with_settings(self.env.clone(), settings, transport).load().await
                    }
                    None => Err(CredentialsError::not_loaded("this build has no transport to fetch them with")),
                },
            }
        };
        if let Some(done) = attempt("instance metadata", imds) {
            return done;
        }
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
        Box::pin(self.load())
    }
}
