//! The EC2 instance metadata service (IMDSv2) as botocore's `IMDSFetcher`
//! reaches it, shared by the instance role's credentials and the region
//! lookup: its settings, and GETs with a session token.
//!
//! | setting | variable | profile key | default |
//! |---|---|---|---|
//! | off | `AWS_EC2_METADATA_DISABLED` (`true`) | | on |
//! | endpoint | `AWS_EC2_METADATA_SERVICE_ENDPOINT` | `ec2_metadata_service_endpoint` | by the mode |
//! | mode | `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` | `ec2_metadata_service_endpoint_mode` | `IPv4`: `http://169.254.169.254`; `IPv6`: `http://[fd00:ec2::254]` |
//! | time-out per request, seconds | `AWS_METADATA_SERVICE_TIMEOUT` | `metadata_service_timeout` | 1 |
//! | attempts per GET | `AWS_METADATA_SERVICE_NUM_ATTEMPTS` | `metadata_service_num_attempts` | 1 |

use crate::os::{Env, Fs};
use crate::transport::Transport;
use std::sync::Arc;
use std::time::Duration;

/// Where the instance's region is read.
const REGION_PATH: &str = "/latest/meta-data/placement/region";

/// botocore's token lifetime, in seconds.
const TOKEN_TTL: &str = "21600";

/// Where and how patiently the instance metadata service is asked.
#[derive(Clone, Debug, PartialEq)]
pub struct ImdsSettings {
    endpoint: String,
    timeout: Duration,
    attempts: u32,
}

impl Default for ImdsSettings {
    fn default() -> Self {
        ImdsSettings { endpoint: "http://169.254.169.254".to_owned(), timeout: Duration::from_secs(1), attempts: 1 }
    }
}

impl ImdsSettings {
    /// Whether `AWS_EC2_METADATA_DISABLED` is `true` (any case).
    pub fn disabled(env: &Env) -> bool {
        env.get("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// The settings from the variables alone.
    ///
    /// # Errors
    /// As [`ImdsSettings::load`].
    pub fn from_env(env: &Env) -> Result<ImdsSettings, String> {
        ImdsSettings::read(|variable, _| {
            Ok(env.get(variable).map(|v| (v, format!("the environment variable {variable}"))))
        })
    }

    /// The settings from the variables, else the selected profile's keys.
    ///
    /// # Errors
    /// When a value cannot be used (a mode other than `IPv4` or `IPv6`, a
    /// time-out that is not a number of seconds, attempts not a whole number
    /// of at least 1), naming where it was read, or when the shared files
    /// cannot be read.
    pub fn load(env: &Env, fs: &Fs) -> Result<ImdsSettings, String> {
        let mut settings = crate::settings::Settings::new(env, fs);
        ImdsSettings::read(|variable, key| settings.described_value(variable, key))
    }

    /// Reads each setting through `value(variable, profile key)`, which
    /// gives the text and where it was found.
    fn read(
        mut value: impl FnMut(&'static str, &'static str) -> Result<Option<(String, String)>, String>,
    ) -> Result<ImdsSettings, String> {
        let defaults = ImdsSettings::default();
        let endpoint = match value("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint")? {
            Some((endpoint, _)) => endpoint.trim_end_matches('/').to_owned(),
            None => match value("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode")? {
                None => defaults.endpoint,
                Some((mode, origin)) => match mode.to_ascii_lowercase().as_str() {
                    "ipv4" => defaults.endpoint,
                    "ipv6" => "http://[fd00:ec2::254]".to_owned(),
                    _ => return Err(format!("{origin} is `{mode}`; it must be IPv4 or IPv6")),
                },
            },
        };
        let timeout = match value("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout")? {
            None => defaults.timeout,
            Some((text, origin)) => text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|secs| *secs > 0.0)
                .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
                .ok_or_else(|| format!("{origin} must be a positive number of seconds"))?,
        };
        let attempts = match value("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts")? {
            None => defaults.attempts,
            Some((text, origin)) => text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| format!("{origin} must be a whole number of attempts, at least 1"))?,
        };
        Ok(ImdsSettings { endpoint, timeout, attempts })
    }

    /// The endpoint, without a trailing `/`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The bound on each request.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// How many times each GET is tried.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// Why a metadata request got no answer.
pub(crate) enum Failure {
    /// No response: off EC2 nothing answers.
    Unreachable(String),
    Status(u16),
    Other(String),
}

/// GETs from the metadata service with an IMDSv2 session token.
pub(crate) struct ImdsClient {
    pub(crate) settings: ImdsSettings,
    pub(crate) transport: Arc<dyn Transport>,
}

impl ImdsClient {
    /// A session token, or `None` where only IMDSv1 is served (a token
    /// request answered 403, 404 or 405, as botocore reads it).
    pub(crate) async fn token(&self) -> Result<Option<String>, Failure> {
        let request = http::Request::put(format!("{}/latest/api/token", self.settings.endpoint))
            .header("x-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL)
            .body(Vec::new())
            .map_err(|e| Failure::Other(format!("instance metadata endpoint: {e}")))?;
        match self.send(request).await {
            Ok(body) => Ok(Some(String::from_utf8_lossy(&body).into_owned())),
            Err(Failure::Status(403..=405)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `path` with `token`, tried up to the configured attempts while the
    /// service cannot be reached or answers an error other than 401 (a stale
    /// token, for the caller to renew) and 404 (nothing there).
    pub(crate) async fn get(&self, path: &str, token: Option<&str>) -> Result<Vec<u8>, Failure> {
        let mut attempt = 1;
        loop {
            let mut request = http::Request::get(format!("{}{path}", self.settings.endpoint));
            if let Some(token) = token {
                request = request.header("x-aws-ec2-metadata-token", token);
            }
            let request = request.body(Vec::new()).map_err(|e| Failure::Other(e.to_string()))?;
            match self.send(request).await {
                Err(Failure::Unreachable(_) | Failure::Status(500..=599)) if attempt < self.settings.attempts => {
                    attempt += 1;
                }
                done => return done,
            }
        }
    }

    /// `path` with a fresh token, renewed once if it goes stale in between.
    pub(crate) async fn get_with_token(&self, path: &str) -> Result<Vec<u8>, Failure> {
        let token = self.token().await?;
        match self.get(path, token.as_deref()).await {
            Err(Failure::Status(401)) => self.get(path, self.token().await?.as_deref()).await,
            other => other,
        }
    }

    async fn send(&self, request: http::Request<Vec<u8>>) -> Result<Vec<u8>, Failure> {
        let response = self.transport.send(request).await.map_err(|e| Failure::Unreachable(e.to_string()))?;
        match response.status().as_u16() {
            200 => Ok(response.into_body()),
            status => Err(Failure::Status(status)),
        }
    }
}

/// The region of the EC2 instance this runs on, the last default region
/// source (after the variables and the profile), as aws-sdk-rust's default
/// region chain has it; `None` when `AWS_EC2_METADATA_DISABLED` is true, the
/// build has no transport, or the service does not answer with one. The
/// request is made here, blocking the caller for at most the settings'
/// time-out per request.
///
/// # Errors
/// When the settings cannot be used.
pub(crate) fn instance_region(env: &Env, fs: &Fs) -> Result<Option<String>, String> {
    if ImdsSettings::disabled(env) {
        return Ok(None);
    }
    let settings = ImdsSettings::load(env, fs)?;
    let Some(transport) = transport(settings.timeout()) else { return Ok(None) };
    let client = ImdsClient { settings, transport };
    let answer = run(async move { client.get_with_token(REGION_PATH).await });
    Ok(answer.ok().map(|body| String::from_utf8_lossy(&body).trim().to_owned()).filter(|r| !r.is_empty()))
}

/// A transport for the requests of credential sources and metadata, each
/// bounded by `timeout`, when the build has one: the blocking one first, as
/// it needs no async runtime (so both clients can wait on it).
pub(crate) fn transport(timeout: Duration) -> Option<Arc<dyn Transport>> {
    let limits = crate::limits::TransportLimits::default()
        .with_connect_timeout(timeout)
        .with_read_timeout(timeout)
        .with_attempt_timeout(Some(timeout))
        .with_max_response_body_size(64 * 1024);
    #[cfg(feature = "blocking")]
    {
        Some(crate::blocking::default_transport(limits))
    }
    #[cfg(not(feature = "blocking"))]
    {
        crate::defaults::transport(limits)
    }
}

/// Runs a metadata request to its end from synchronous code, inside a tokio
/// runtime or not: the blocking transport answers in its first poll; the
/// async one runs on a runtime of its own, on a thread of its own.
fn run<T: Send + 'static>(request: impl std::future::Future<Output = T> + Send + 'static) -> T {
    #[cfg(all(feature = "default-https-client", not(feature = "blocking")))]
    {
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
            runtime.expect("a current-thread tokio runtime starts").block_on(request)
        })
        .join()
        .expect("the metadata request thread does not panic")
    }
    #[cfg(not(all(feature = "default-https-client", not(feature = "blocking"))))]
    {
        crate::sleep::block_on(request)
    }
}

#[cfg(all(test, any(feature = "default-https-client", feature = "blocking")))]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};

    /// Answers `bodies` in order, one connection each, with status 200.
    fn serve(bodies: &'static [&'static str]) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for body in bodies {
                let (stream, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap() > 2 {
                    line.clear();
                }
                let head = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len());
                reader.get_mut().write_all(format!("{head}{body}").as_bytes()).unwrap();
            }
        });
        url
    }

    #[test]
    fn the_region_is_fetched_from_synchronous_code_and_inside_a_runtime() {
        let region = |url: &str| {
            let env = Env::from_vars([("AWS_EC2_METADATA_SERVICE_ENDPOINT", url)]);
            instance_region(&env, &Fs::from_files::<&str, &str>([])).unwrap()
        };
        assert_eq!(region(&serve(&["token", "eu-west-3\n"])).as_deref(), Some("eu-west-3"));
        #[cfg(feature = "default-https-client")]
        {
            let url = serve(&["token", "eu-west-1"]);
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            assert_eq!(runtime.block_on(async { region(&url) }).as_deref(), Some("eu-west-1"));
        }
    }
}
