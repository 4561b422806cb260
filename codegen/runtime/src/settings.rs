//! The standard settings of the AWS SDKs, read from the environment and the
//! selected profile when a builder uses the default providers
//! (`with_default_providers()`); a value set in code always wins. Each
//! variable is read before the profile's key, as botocore does:
//!
//! | variable | profile key | setting |
//! |---|---|---|
//! | `AWS_ENDPOINT_URL_<SERVICE>` | `endpoint_url` in the `[services NAME]` section the profile's `services` names, under the service's key | endpoint URL of one service |
//! | `AWS_ENDPOINT_URL` | `endpoint_url` | endpoint URL of every service |
//! | `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` | `ignore_configured_endpoint_urls` | ignore the four above |
//! | `AWS_MAX_ATTEMPTS` | `max_attempts` | attempts in all (at least 1) |
//! | `AWS_RETRY_MODE` | `retry_mode` | `standard` or `adaptive` (client-side rate limiting, see [`retry`](super::retry)); `legacy` is refused |
//! | `AWS_USE_FIPS_ENDPOINT` | `use_fips_endpoint` | FIPS endpoints |
//! | `AWS_USE_DUALSTACK_ENDPOINT` | `use_dualstack_endpoint` | dual-stack endpoints |
//! | `AWS_ACCOUNT_ID_ENDPOINT_MODE` | `account_id_endpoint_mode` | per-account endpoints |
//! | `AWS_SDK_UA_APP_ID` | `sdk_ua_app_id` | `app/<id>` in the user agent |
//! | `AWS_CA_BUNDLE` | `ca_bundle` | PEM file of roots trusted beside Mozilla's |
//! | `https_proxy`, `HTTPS_PROXY` | | proxy of `https` requests |
//! | `http_proxy`, `HTTP_PROXY` | | proxy of plain `http` requests |
//! | `no_proxy`, `NO_PROXY` | | hosts reached directly |
//!
//! `<SERVICE>` is the model's service id upper-snake-cased (`Pinpoint SMS
//! Voice V2` → `PINPOINT_SMS_VOICE_V2`), and the services section's key the
//! same in lower case (`pinpoint_sms_voice_v2`). A value that cannot be used
//! fails the build with an error naming the variable, or the file, line and
//! key (a shared file's value is not quoted: it may hold secrets).

use super::endpoint_rules::AccountIdEndpointMode;
use super::ini::{Section, Value};
use super::network::{NetworkSettings, ProxyUrl};
use super::os::{Env, Fs};
use super::profile::{ProfileName, SharedFiles};
use super::retry::{RetryConfig, RetryMode};
use super::shared::SharedConfigBuilder;
use std::fmt;
use std::path::Path;

/// Where a value was read, for messages.
enum Origin {
    Variable(String),
    File { key: String, file: String, line: usize },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Variable(name) => write!(f, "the environment variable {name}"),
            Origin::File { key, file, line } => write!(f, "`{key}` in {file} line {line}"),
        }
    }
}

/// A value and where it came from.
struct Found {
    value: String,
    origin: Origin,
}

impl Found {
    /// An error about this value: a variable's value is shown, a file's not.
    fn invalid(&self, problem: &str) -> String {
        match self.origin {
            Origin::Variable(_) => format!("invalid value {:?} for {}: {problem}", self.value, self.origin),
            Origin::File { .. } => format!("invalid value for {}: {problem}", self.origin),
        }
    }
}

/// Reads settings from one environment and the shared files it names; the
/// files are read once, when a setting is not in the environment.
pub(crate) struct Settings<'a> {
    env: &'a Env,
    fs: &'a Fs,
    files: Option<SharedFiles>,
}

impl<'a> Settings<'a> {
    pub(crate) fn new(env: &'a Env, fs: &'a Fs) -> Self {
        Settings { env, fs, files: None }
    }

    fn files(&mut self) -> Result<&SharedFiles, String> {
        if self.files.is_none() {
            self.files = Some(
                SharedFiles::load(self.env, self.fs).map_err(|e| format!("cannot read the shared settings: {e}"))?,
            );
        }
        Ok(self.files.as_ref().expect("loaded above"))
    }

    /// The selected profile's `key` as text, with where it is written.
    fn profile_value(&mut self, key: &str) -> Result<Option<Found>, String> {
        let name = ProfileName::from_env(self.env);
        let files = self.files()?;
        let Some(profile) = files.selected(&name).map_err(|e| format!("cannot read the shared settings: {e}"))? else {
            return Ok(None);
        };
        let sections = [
            (profile.credentials_section(), files.credentials_file().path()),
            (profile.config_section(), files.config_file().path()),
        ];
        Ok(sections.into_iter().find_map(|(section, path)| found_in(section?, key, &path.display().to_string())))
    }

    /// The variable, else the profile's key; empty values count as unset.
    fn value(&mut self, variable: &'static str, key: &str) -> Result<Option<Found>, String> {
        if let Some(value) = self.env.get(variable) {
            return Ok(Some(Found { value, origin: Origin::Variable(variable.to_owned()) }));
        }
        self.profile_value(key)
    }

    /// The variable, else the profile's key, with where it was found.
    pub(crate) fn described_value(
        &mut self,
        variable: &'static str,
        key: &str,
    ) -> Result<Option<(String, String)>, String> {
        Ok(self.value(variable, key)?.map(|found| (found.value, found.origin.to_string())))
    }

    /// `true` or `false`, in any case, as botocore's `ensure_boolean` reads
    /// them (it takes anything else as false; a typo is better refused).
    fn boolean(&mut self, variable: &'static str, key: &str) -> Result<Option<bool>, String> {
        let Some(found) = self.value(variable, key)? else { return Ok(None) };
        match found.value.to_ascii_lowercase().as_str() {
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            _ => Err(found.invalid("expected true or false")),
        }
    }

    /// The retry settings, when either is configured.
    fn retry(&mut self) -> Result<Option<RetryConfig>, String> {
        let attempts = match self.value("AWS_MAX_ATTEMPTS", "max_attempts")? {
            None => None,
            Some(found) => match found.value.trim().parse::<u32>() {
                Ok(n) if n >= 1 => Some(n),
                _ => return Err(found.invalid("expected a whole number of attempts, at least 1")),
            },
        };
        let mode = match self.value("AWS_RETRY_MODE", "retry_mode")? {
            None => None,
            Some(found) => match found.value.as_str() {
                "standard" => Some(RetryMode::Standard),
                "adaptive" => Some(RetryMode::Adaptive),
                "legacy" => {
                    return Err(found.invalid("the legacy retry mode is not supported (use standard or adaptive)"));
                }
                _ => return Err(found.invalid("expected standard or adaptive")),
            },
        };
        if attempts.is_none() && mode.is_none() {
            return Ok(None);
        }
        let retry = RetryConfig::standard().with_mode(mode.unwrap_or_default());
        Ok(Some(match attempts {
            Some(n) => retry.with_max_attempts(n),
            None => retry,
        }))
    }

    /// Fills what `builder` leaves unset from the settings, except the
    /// endpoint URL, which is a service's own (see [`Settings::endpoint_url`]).
    pub(crate) fn fill(&mut self, builder: &mut SharedConfigBuilder) -> Result<(), String> {
        if builder.use_fips.is_none() {
            builder.use_fips = self.boolean("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")?;
        }
        if builder.use_dual_stack.is_none() {
            builder.use_dual_stack = self.boolean("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")?;
        }
        if builder.account_id_endpoint_mode.is_none() {
            if let Some(found) = self.value("AWS_ACCOUNT_ID_ENDPOINT_MODE", "account_id_endpoint_mode")? {
                let mode = found.value.parse::<AccountIdEndpointMode>().map_err(|e| match found.origin {
                    Origin::Variable(_) => found.invalid(&e),
                    Origin::File { .. } => found.invalid("expected preferred, disabled or required"),
                })?;
                builder.account_id_endpoint_mode = Some(mode);
            }
        }
        if builder.retry.is_none() {
            builder.retry = self.retry()?;
        }
        if builder.network.is_none() {
            builder.network = Some(self.network()?);
        }
        if builder.app_id.is_none() {
            if let Some(found) = self.value("AWS_SDK_UA_APP_ID", "sdk_ua_app_id")? {
                super::user_agent::check_app_id(&found.value).map_err(|e| found.invalid(&e.to_string()))?;
                builder.app_id = Some(found.value);
            }
        }
        Ok(())
    }

    /// The CA bundle and proxies. The proxy variables are read as Python's
    /// `urllib` reads them (botocore's source): the lower-case name first,
    /// and `HTTP_PROXY` not at all when `REQUEST_METHOD` is set (a CGI
    /// request's header could set it). They have no profile key.
    fn network(&mut self) -> Result<NetworkSettings, String> {
        let mut network = NetworkSettings::new();
        if let Some(found) = self.value("AWS_CA_BUNDLE", "ca_bundle")? {
            let pem = self.fs.read_to_string(Path::new(&found.value)).map_err(|e| found.invalid(&e.to_string()))?;
            let pem = pem.ok_or_else(|| found.invalid("no such file (a CA bundle in PEM)"))?;
            network = network.with_ca_bundle_pem(&pem).map_err(|e| found.invalid(&e.to_string()))?;
        }
        let cgi = self.env.get("REQUEST_METHOD").is_some();
        let proxy = |names: &[&'static str]| -> Result<Option<ProxyUrl>, String> {
            let Some((name, value)) = self.env.first_of(names) else { return Ok(None) };
            let found = Found { value, origin: Origin::Variable(name.to_owned()) };
            ProxyUrl::parse(&found.value).map(Some).map_err(|e| found.invalid(&e.to_string()))
        };
        if let Some(https) = proxy(&["https_proxy", "HTTPS_PROXY"])? {
            network = network.with_https_proxy(https);
        }
        let http_names: &[&str] = if cgi { &["http_proxy"] } else { &["http_proxy", "HTTP_PROXY"] };
        if let Some(http) = proxy(http_names)? {
            network = network.with_http_proxy(http);
        }
        if let Some((_, list)) = self.env.first_of(&["no_proxy", "NO_PROXY"]) {
            network = network.with_no_proxy(list);
        }
        Ok(network)
    }

    /// The endpoint URL configured for the service whose model names it
    /// `service_id`: its variable, its entry in the profile's services
    /// section, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`; none when
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
    /// `ignore_configured_endpoint_urls`) is true.
    pub(crate) fn endpoint_url(&mut self, service_id: &str) -> Result<Option<String>, String> {
        if self.boolean("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls")? == Some(true) {
            return Ok(None);
        }
        let snake = service_id.replace([' ', '-'], "_").to_ascii_lowercase();
        let variable = format!("AWS_ENDPOINT_URL_{}", snake.to_ascii_uppercase());
        let found = match self.env.get(&variable) {
            Some(value) => Some(Found { value, origin: Origin::Variable(variable) }),
            None => match self.service_value(&snake)? {
                Some(found) => Some(found),
                None => self.value("AWS_ENDPOINT_URL", "endpoint_url")?,
            },
        };
        let Some(found) = found else { return Ok(None) };
        super::endpoint::check_endpoint_url(&found.value).map_err(|e| found.invalid(&e.to_string()))?;
        Ok(Some(found.value))
    }

    /// `endpoint_url` under `service` in the `[services NAME]` section that
    /// the profile's `services` names (config file only, as botocore).
    fn service_value(&mut self, service: &str) -> Result<Option<Found>, String> {
        let Some(name) = self.profile_value("services")? else { return Ok(None) };
        let files = self.files()?;
        let file = files.config_file();
        let path = file.path().display().to_string();
        let section = file.contents().and_then(|ini| {
            ini.sections().iter().find(|s| {
                s.name().split_once(' ').map(|(kind, n)| (kind, n.trim())) == Some(("services", name.value.as_str()))
            })
        });
        let Some(section) = section else {
            return Err(format!("{} names services section `{}`, which {path} does not have", name.origin, name.value));
        };
        let Some(Value::Nested(entries)) = section.get(service) else { return Ok(None) };
        let line = section.line(service).unwrap_or_default();
        Ok(entries.get("endpoint_url").filter(|url| !url.is_empty()).map(|url| Found {
            value: url.clone(),
            origin: Origin::File { key: format!("{service}.endpoint_url"), file: path.clone(), line },
        }))
    }
}

/// A non-empty text value of `section`, with its line.
fn found_in(section: &Section, key: &str, file: &str) -> Option<Found> {
    let value = section.get(key)?.as_text().filter(|v| !v.is_empty())?;
    let line = section.line(key)?;
    Some(Found { value: value.to_owned(), origin: Origin::File { key: key.to_owned(), file: file.to_owned(), line } })
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
