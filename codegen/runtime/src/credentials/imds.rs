//! Credentials of the instance's role from the EC2 instance metadata
//! service (IMDSv2), as botocore's `InstanceMetadataProvider` and
//! `IMDSFetcher` get them.

use super::container::parse_credentials;
use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::os::Env;
use crate::transport::{BoxFuture, Transport};
use std::fmt;
use std::sync::Arc;

const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";
/// botocore's token lifetime, in seconds.
const TOKEN_TTL: &str = "21600";

/// Fetches the instance role's credentials: a session token from
/// `PUT /latest/api/token`, then the role name from
/// `GET /latest/meta-data/iam/security-credentials/` and its credentials
/// from `.../<role>`, each with the token. The endpoint is
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else `http://[fd00:ec2::254]` when
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` is `IPv6`, else
/// `http://169.254.169.254`; `AWS_EC2_METADATA_DISABLED=true` turns the
/// provider off. As botocore, a token request answered 403, 404 or 405 (an
/// instance that only serves IMDSv1) falls back to requests without a token;
/// a 401 (a stale token) fetches a new token and tries once more. Each
/// request is one attempt, bounded by the transport (the default chain's
/// gives 1 s, botocore's `AWS_METADATA_SERVICE_TIMEOUT` default).
#[derive(Clone)]
pub struct ImdsCredentialsProvider {
    env: Env,
    transport: Arc<dyn Transport>,
}

impl ImdsCredentialsProvider {
    /// Reads these variables, and fetches through this transport.
    pub fn new(env: Env, transport: Arc<dyn Transport>) -> Self {
        ImdsCredentialsProvider { env, transport }
    }

    /// Whether `AWS_EC2_METADATA_DISABLED` turns the provider off.
    pub fn disabled(env: &Env) -> bool {
        env.get("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The endpoint, without a trailing `/`.
    ///
    /// # Errors
    /// `InvalidConfiguration` for an endpoint mode other than `IPv4` or `IPv6`.
    pub fn endpoint(&self) -> Result<String, CredentialsError> {
        if let Some(endpoint) = self.env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            return Ok(endpoint.trim_end_matches('/').to_owned());
        }
        match self.env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").as_deref().map(str::to_ascii_lowercase).as_deref()
        {
            None | Some("ipv4") => Ok("http://169.254.169.254".to_owned()),
            Some("ipv6") => Ok("http://[fd00:ec2::254]".to_owned()),
            Some(other) => Err(CredentialsError::invalid_configuration(format!(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is `{other}`; it must be IPv4 or IPv6"
            ))),
        }
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
        let endpoint = self.endpoint()?;
        let mut token = self.token(&endpoint).await?;
        let role = match self.get(&endpoint, ROLE_PATH, token.as_deref()).await {
            Err(Failure::Status(401)) => {
                // The token went stale between the two requests: one more try.
                token = self.token(&endpoint).await?;
                self.get(&endpoint, ROLE_PATH, token.as_deref()).await
            }
            other => other,
        };
        let role = match role {
            Ok(body) => String::from_utf8_lossy(&body).lines().next().unwrap_or("").trim().to_owned(),
            Err(Failure::Status(404)) => return Err(CredentialsError::not_loaded("the instance has no IAM role")),
            Err(e) => return Err(e.into_error(&endpoint, "the role name")),
        };
        if role.is_empty() {
            return Err(CredentialsError::not_loaded("the instance has no IAM role"));
        }
        let body = self
            .get(&endpoint, &format!("{ROLE_PATH}{role}"), token.as_deref())
            .await
            .map_err(|e| e.into_error(&endpoint, "the role's credentials"))?;
        parse_credentials(&body)
            .map_err(|e| CredentialsError::provider_error(format!("instance metadata at {endpoint}: {e}")))
    }

    /// A session token, or `None` where only IMDSv1 is served.
    async fn token(&self, endpoint: &str) -> Result<Option<String>, CredentialsError> {
        let request = http::Request::put(format!("{endpoint}/latest/api/token"))
            .header("x-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL)
            .body(Vec::new())
            .map_err(|e| CredentialsError::invalid_configuration(format!("instance metadata endpoint: {e}")))?;
        match self.send(request).await {
            Ok(body) => Ok(Some(String::from_utf8_lossy(&body).into_owned())),
            Err(Failure::Status(403..=405)) => Ok(None),
            Err(e) => Err(e.into_error(endpoint, "a session token")),
        }
    }

    async fn get(&self, endpoint: &str, path: &str, token: Option<&str>) -> Result<Vec<u8>, Failure> {
        let mut request = http::Request::get(format!("{endpoint}{path}"));
        if let Some(token) = token {
            request = request.header("x-aws-ec2-metadata-token", token);
        }
        self.send(request.body(Vec::new()).map_err(|e| Failure::Other(e.to_string()))?).await
    }

    async fn send(&self, request: http::Request<Vec<u8>>) -> Result<Vec<u8>, Failure> {
        let response = self.transport.send(request).await.map_err(|e| Failure::Unreachable(e.to_string()))?;
        match response.status().as_u16() {
            200 => Ok(response.into_body()),
            status => Err(Failure::Status(status)),
        }
    }
}

enum Failure {
    Unreachable(String),
    Status(u16),
    Other(String),
}

impl Failure {
    fn into_error(self, endpoint: &str, what: &str) -> CredentialsError {
        match self {
            // Off EC2 nothing answers: the chain moves on, as botocore's does.
            Failure::Unreachable(why) => {
                CredentialsError::not_loaded(format!("no answer from {endpoint} for {what}: {why}"))
            }
            Failure::Status(status) => {
                CredentialsError::provider_error(format!("{endpoint} answered {status} for {what}"))
            }
            Failure::Other(why) => CredentialsError::provider_error(format!("{endpoint}: {why}")),
        }
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
