//! Credentials of the instance's role from the EC2 instance metadata
//! service (IMDSv2), as botocore's `InstanceMetadataProvider` and
//! `IMDSFetcher` get them.

use super::container::parse_credentials;
use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::imds::{Failure, ImdsClient, ImdsSettings};
use crate::os::Env;
use crate::transport::{BoxFuture, Transport};
use std::fmt;
use std::sync::Arc;

const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";

/// Fetches the instance role's credentials: a session token from
/// `PUT /latest/api/token`, then the role name from
/// `GET /latest/meta-data/iam/security-credentials/` and its credentials
/// from `.../<role>`, each with the token. Where and how patiently is an
/// [`ImdsSettings`]: the endpoint is `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else
/// `http://[fd00:ec2::254]` when `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` is
/// `IPv6`, else `http://169.254.169.254` (the default chain also reads their
/// profile keys); `AWS_EC2_METADATA_DISABLED=true` turns the provider off. As
/// botocore, a token request answered 403, 404 or 405 (an instance that only
/// serves IMDSv1) falls back to requests without a token; a 401 (a stale
/// token) fetches a new token and tries once more. Each GET is tried
/// `metadata_service_num_attempts` times (default 1) while nothing answers
/// or the service answers 5xx, each bounded by the transport (the default
/// chain's gives `metadata_service_timeout`, default 1 s).
#[derive(Clone)]
pub struct ImdsCredentialsProvider {
    env: Env,
    settings: Result<ImdsSettings, String>,
    transport: Arc<dyn Transport>,
}

impl ImdsCredentialsProvider {
    /// Reads the variables, and fetches through this transport.
    pub fn new(env: Env, transport: Arc<dyn Transport>) -> Self {
        let settings = ImdsSettings::from_env(&env);
        ImdsCredentialsProvider { env, settings, transport }
    }

    /// Asks as `settings` say (`AWS_EC2_METADATA_DISABLED` is still read
    /// from `env`), through this transport.
    pub fn with_settings(env: Env, settings: ImdsSettings, transport: Arc<dyn Transport>) -> Self {
        ImdsCredentialsProvider { env, settings: Ok(settings), transport }
    }

    /// Whether `AWS_EC2_METADATA_DISABLED` turns the provider off.
    pub fn disabled(env: &Env) -> bool {
        ImdsSettings::disabled(env)
    }

    /// The endpoint, without a trailing `/`.
    ///
    /// # Errors
    /// `InvalidConfiguration` for an endpoint mode other than `IPv4` or
    /// `IPv6`, or another setting that cannot be used.
    pub fn endpoint(&self) -> Result<String, CredentialsError> {
        Ok(self.client()?.settings.endpoint().to_owned())
    }

    fn client(&self) -> Result<ImdsClient, CredentialsError> {
        let settings = self.settings.clone().map_err(CredentialsError::invalid_configuration)?;
        Ok(ImdsClient { settings, transport: self.transport.clone() })
    }

    /// Fetches the credentials.
    ///
    /// # Errors
    /// `NotLoaded` when disabled, when the service cannot be reached, or when
    /// the instance has no role (a 404); `ProviderError` for other failures.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        if Self::disabled(&self.env) {
            return Err(CredentialsError::not_loaded("AWS_EC2_METADATA_DISABLED is true"));
        }
        let client = self.client()?;
        let endpoint = client.settings.endpoint().to_owned();
        let failed = |what: &str| {
            let endpoint = endpoint.clone();
            let what = what.to_owned();
            move |e: Failure| into_error(e, &endpoint, &what)
        };
        let mut token = client.token().await.map_err(failed("a session token"))?;
        let role = match client.get(ROLE_PATH, token.as_deref()).await {
            Err(Failure::Status(401)) => {
                // The token went stale between the two requests: one more try.
                token = client.token().await.map_err(failed("a session token"))?;
                client.get(ROLE_PATH, token.as_deref()).await
            }
            other => other,
        };
        let role = match role {
            Ok(body) => String::from_utf8_lossy(&body).lines().next().unwrap_or("").trim().to_owned(),
            Err(Failure::Status(404)) => return Err(CredentialsError::not_loaded("the instance has no IAM role")),
            Err(e) => return Err(into_error(e, &endpoint, "the role name")),
        };
        if role.is_empty() {
            return Err(CredentialsError::not_loaded("the instance has no IAM role"));
        }
        let body = client
            .get(&format!("{ROLE_PATH}{role}"), token.as_deref())
            .await
            .map_err(failed("the role's credentials"))?;
        parse_credentials(&body)
            .map_err(|e| CredentialsError::provider_error(format!("instance metadata at {endpoint}: {e}")))
    }
}

fn into_error(failure: Failure, endpoint: &str, what: &str) -> CredentialsError {
    match failure {
        // Off EC2 nothing answers: the chain moves on, as botocore's does.
        Failure::Unreachable(why) => {
            CredentialsError::not_loaded(format!("no answer from {endpoint} for {what}: {why}"))
        }
        Failure::Status(status) => CredentialsError::provider_error(format!("{endpoint} answered {status} for {what}")),
        Failure::Other(why) => CredentialsError::provider_error(format!("{endpoint}: {why}")),
    }
}

impl fmt::Debug for ImdsCredentialsProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImdsCredentialsProvider").field("env", &self.env).finish_non_exhaustive()
    }
}

impl ProvideCredentials for ImdsCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.load())
    }
}
