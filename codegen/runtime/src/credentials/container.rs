//! Credentials from the container credentials endpoint (ECS, EKS Pod
//! Identity), as botocore's `ContainerProvider` and
//! `ContainerMetadataFetcher` get them.

use super::{Credentials, CredentialsError, ProvideCredentials, parse_expiry};
use crate::json::JsonReader;
use crate::os::{Env, Fs};
use crate::sleep::{Sleep, ThreadSleep};
use crate::transport::{BoxFuture, Transport};
use std::fmt;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The host a relative URI is fetched from (ECS).
pub const CONTAINER_HOST: &str = "169.254.170.2";
/// botocore's attempts, and its pause between them.
const ATTEMPTS: u32 = 3;
const PAUSE: Duration = Duration::from_secs(1);

/// Fetches credentials from `http://169.254.170.2` +
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, else from
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, which must be `https`, or `http` to
/// a loopback address, `169.254.170.2`, `169.254.170.23` or `fd00:ec2::23`.
/// The `Authorization` header is the contents of
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read at each fetch, as the
/// token rotates), else `AWS_CONTAINER_AUTHORIZATION_TOKEN`. A fetch is tried
/// three times, a second apart; the transport bounds each try (the default
/// chain's gives 2 s, as botocore).
#[derive(Clone)]
pub struct ContainerCredentialsProvider {
    env: Env,
    fs: Fs,
    transport: Arc<dyn Transport>,
    sleep: Arc<dyn Sleep>,
}

impl ContainerCredentialsProvider {
    /// Reads these variables and files, and fetches through this transport.
    pub fn new(env: Env, fs: Fs, transport: Arc<dyn Transport>) -> Self {
        ContainerCredentialsProvider { env, fs, transport, sleep: Arc::new(ThreadSleep) }
    }

    /// Waits between attempts with this timer (default: a thread per wait,
    /// which needs no async runtime).
    pub fn sleep_impl(mut self, sleep: Arc<dyn Sleep>) -> Self {
        self.sleep = sleep;
        self
    }

    /// Whether these variables ask for container credentials.
    pub fn configured(env: &Env) -> bool {
        env.first_of(&["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"]).is_some()
    }

    /// The URL credentials are fetched from.
    ///
    /// # Errors
    /// `NotLoaded` when neither variable is set; `InvalidConfiguration` for
    /// a full URI that is not a URL or names a host that is not allowed.
    pub fn url(&self) -> Result<String, CredentialsError> {
        url(&self.env)
    }

    /// The `Authorization` header value, if any: the token file's contents,
    /// else the token variable.
    fn token(&self) -> Result<Option<String>, CredentialsError> {
        let token = match self.env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            Some(path) => {
                let read = self.fs.read_to_string(Path::new(&path)).map_err(|e| {
                    CredentialsError::invalid_configuration(format!(
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: cannot read {path}: {e}"
                    ))
                })?;
                Some(read.ok_or_else(|| {
                    CredentialsError::invalid_configuration(format!(
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: no file at {path}"
                    ))
                })?)
            }
            None => self.env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
        };
        // Never echoed: it is a secret.
        if token.as_deref().is_some_and(|t| t.contains(['\r', '\n'])) {
            return Err(CredentialsError::invalid_configuration(
                "the container authorization token is not a legal header value (it holds a line break)",
            ));
        }
        Ok(token)
    }

    /// Fetches the credentials.
    ///
    /// # Errors
    /// As [`url`](Self::url); `InvalidConfiguration` for an unreadable or
    /// malformed token; `ProviderError` when the last attempt failed (no
    /// answer, a status other than 200, or a body without credentials).
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let url = self.url()?;
        let mut last = String::new();
        for attempt in 1..=ATTEMPTS {
            if attempt > 1 {
                self.sleep.sleep(PAUSE).await;
            }
            // Read per attempt: the file may have been rotated.
            let token = self.token()?;
            match self.fetch(&url, token.as_deref()).await {
                Ok(found) => return Ok(found),
                Err(why) => last = why,
            }
        }
        Err(CredentialsError::provider_error(format!(
            "container credentials from {url}: {last} (after {ATTEMPTS} attempts)"
        )))
    }

    async fn fetch(&self, url: &str, token: Option<&str>) -> Result<Credentials, String> {
        let mut request = http::Request::get(url).header("accept", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", token);
        }
        let request = request.body(Vec::new()).map_err(|e| format!("cannot build the request: {e}"))?;
        let response = self.transport.send(request).await.map_err(|e| e.to_string())?;
        if response.status() != http::StatusCode::OK {
            return Err(format!("status {}", response.status().as_u16()));
        }
        parse_credentials(response.body())
    }
}

impl fmt::Debug for ContainerCredentialsProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ContainerCredentialsProvider").field("env", &self.env).finish_non_exhaustive()
    }
}

impl ProvideCredentials for ContainerCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}

/// The URL the variables name (see [`ContainerCredentialsProvider::url`]).
pub(super) fn url(env: &Env) -> Result<String, CredentialsError> {
    if let Some(relative) = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
        return Ok(format!("http://{CONTAINER_HOST}{relative}"));
    }
    let full = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").ok_or_else(|| {
        CredentialsError::not_loaded(
            "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
        )
    })?;
    let invalid =
        |why: String| CredentialsError::invalid_configuration(format!("AWS_CONTAINER_CREDENTIALS_FULL_URI: {why}"));
    let uri: http::Uri = full.parse().map_err(|e| invalid(format!("`{full}` is not a URL: {e}")))?;
    let host = uri.host().ok_or_else(|| invalid(format!("`{full}` has no host")))?;
    match uri.scheme_str() {
        Some("https") => Ok(full),
        Some("http") if is_allowed_host(host) => Ok(full),
        Some("http") => Err(invalid(format!(
            "unsupported host `{host}`: plain http can only reach a loopback address, {CONTAINER_HOST}, \
             169.254.170.23 or fd00:ec2::23"
        ))),
        _ => Err(invalid(format!("`{full}` is not an http or https URL"))),
    }
}

/// botocore's allowed hosts for plain http.
fn is_allowed_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if matches!(bare, CONTAINER_HOST | "169.254.170.23" | "localhost") {
        return true;
    }
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == "fd00:ec2::23".parse::<IpAddr>().expect("an IPv6 address"),
        Err(_) => false,
    }
}

/// The credentials in a metadata answer (`AccessKeyId`, `SecretAccessKey`,
/// `Token`, `Expiration`, `AccountId`), the format the container endpoint
/// and instance metadata share. Errors never quote the body.
pub(crate) fn parse_credentials(body: &[u8]) -> Result<Credentials, String> {
    let not_json = |e: crate::json::JsonError| format!("the answer is not a JSON object of credentials ({e})");
    let mut reader = JsonReader::new(body);
    if !reader.begin_object().map_err(not_json)? {
        return Err("the answer is not a JSON object of credentials".to_owned());
    }
    let (mut key, mut secret, mut token, mut expiration, mut account) = (None, None, None, None, None);
    while let Some(name) = reader.next_key().map_err(not_json)? {
        let slot = match &*name {
            "AccessKeyId" => &mut key,
            "SecretAccessKey" => &mut secret,
            "Token" => &mut token,
            "Expiration" => &mut expiration,
            "AccountId" => &mut account,
            _ => {
                reader.skip().map_err(not_json)?;
                continue;
            }
        };
        *slot = reader.string().map_err(|e| format!("{name}: {}", e.kind()))?;
    }
    reader.end().map_err(not_json)?;
    let key = key.ok_or("the answer has no AccessKeyId")?;
    let secret = secret.ok_or("the answer has no SecretAccessKey")?;
    let expiry = match expiration {
        Some(text) => Some(parse_expiry(&text).map_err(|e| format!("Expiration: {e}"))?),
        None => None,
    };
    let credentials = Credentials::new(key, secret, token, expiry);
    Ok(match account.filter(|a| !a.is_empty()) {
        Some(id) => credentials.with_account_id(id),
        None => credentials,
    })
}
