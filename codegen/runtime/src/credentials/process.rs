//! Credentials printed by an external program, as botocore's
//! `ProcessProvider` gets them from a profile's `credential_process`.

use super::{Credentials, CredentialsError, ProvideCredentials, parse_expiry};
use crate::json::JsonReader;
use crate::transport::BoxFuture;
use std::process::{Command, Stdio};

/// Runs a command and reads credentials from what it prints: the command
/// line is split as POSIX shells split words (quotes and backslashes; no
/// variables, globs or pipes, and no shell is started), the program runs as
/// a child process, and its standard output must be JSON such as
///
/// ```json
/// {"Version": 1, "AccessKeyId": "AKIA...", "SecretAccessKey": "...",
///  "SessionToken": "...", "Expiration": "2030-01-01T00:00:00Z", "AccountId": "123456789012"}
/// ```
///
/// (`SessionToken`, `Expiration` and `AccountId` optional). A non-zero exit
/// is an error quoting the program's standard error; output that is not such
/// JSON, or has another `Version`, is an error that never quotes the output.
///
/// The program runs when credentials are asked for, on the calling thread;
/// the default chain keeps what it printed until shortly before it expires.
#[derive(Clone, Debug)]
pub struct ProcessCredentialsProvider {
    command: String,
    account_id: Option<String>,
}

impl ProcessCredentialsProvider {
    /// Runs this command line (a profile's `credential_process`).
    pub fn new(command: impl Into<String>) -> Self {
        ProcessCredentialsProvider { command: command.into(), account_id: None }
    }

    /// The account ID to use when the program prints none (a profile's
    /// `aws_account_id`).
    pub fn default_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// Runs the program and parses its output.
    ///
    /// # Errors
    /// `InvalidConfiguration` when the command line is empty or its quotes
    /// are not closed; `ProviderError` when the program cannot be started,
    /// exits with a failure, or prints something else than version 1
    /// credentials.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let words = split_command_line(&self.command).map_err(|e| {
            CredentialsError::invalid_configuration(format!("credential_process `{}`: {e}", self.command))
        })?;
        let (program, args) = words
            .split_first()
            .ok_or_else(|| CredentialsError::invalid_configuration("credential_process is empty"))?;
        let output = Command::new(program).args(args).stdin(Stdio::null()).output().map_err(|e| {
            CredentialsError::provider_error(format!("credential_process: cannot run `{program}`: {e}"))
        })?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let message = format!("credential_process `{program}` failed ({}): {}", output.status, stderr.trim());
            return Err(CredentialsError::provider_error(message));
        }
        parse_output(&output.stdout, self.account_id.as_deref())
            .map_err(|e| CredentialsError::provider_error(format!("credential_process `{program}`: {e}")))
    }
}

impl ProvideCredentials for ProcessCredentialsProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// The credentials in a program's output. Error messages name keys and
/// byte offsets, never values: the output holds the secret.
fn parse_output(stdout: &[u8], default_account_id: Option<&str>) -> Result<Credentials, String> {
    let not_json = |e: crate::json::JsonError| format!("its output is not a JSON object of credentials ({e})");
    let mut reader = JsonReader::new(stdout);
    if !reader.begin_object().map_err(not_json)? {
        return Err("its output is not a JSON object of credentials".to_owned());
    }
    let (mut version, mut key, mut secret, mut token, mut expiration, mut account) =
        (None, None, None, None, None, None);
    while let Some(name) = reader.next_key().map_err(not_json)? {
        let text = |reader: &mut JsonReader<'_>| reader.string().map_err(|e| format!("{name}: {}", e.kind()));
        match &*name {
            // botocore compares with the number 1 (so 1.0 passes too).
            "Version" => version = Some(reader.f64().ok().flatten()),
            "AccessKeyId" => key = text(&mut reader)?,
            "SecretAccessKey" => secret = text(&mut reader)?,
            "SessionToken" => token = text(&mut reader)?,
            "Expiration" => expiration = text(&mut reader)?,
            "AccountId" => account = text(&mut reader)?,
            _ => reader.skip().map_err(not_json)?,
        }
    }
    reader.end().map_err(not_json)?;
    match version {
        Some(Some(1.0)) => {}
        Some(Some(v)) => return Err(format!("unsupported Version {v}; supported versions: 1")),
        Some(None) => return Err("unsupported Version (not a number); supported versions: 1".to_owned()),
        None => return Err("no Version in its output; supported versions: 1".to_owned()),
    }
    let key = key.ok_or("its output has no AccessKeyId")?;
    let secret = secret.ok_or("its output has no SecretAccessKey")?;
    let expiry = match expiration {
        Some(text) => Some(parse_expiry(&text).map_err(|e| format!("Expiration: {e}"))?),
        None => None,
    };
    let credentials = Credentials::new(key, secret, token, expiry);
    Ok(match account.as_deref().filter(|a| !a.is_empty()).or(default_account_id) {
        Some(id) => credentials.with_account_id(id),
        None => credentials,
    })
}

/// Splits a command line into words as Python's `shlex.split` does (POSIX
/// mode, which botocore uses outside Windows): whitespace separates words;
/// single quotes keep everything literally; double quotes keep everything
/// but `\` before `\`, `"`, `$`, `` ` `` or a newline; outside quotes `\`
/// keeps the next character.
pub fn split_command_line(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    // Whether a word has started: `''` is an empty word, not nothing.
    let mut started = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            '\'' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("a single quote is not closed".to_owned()),
                    }
                }
            }
            '"' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('\\' | '"' | '$' | '`' | '\n')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("a double quote is not closed".to_owned()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("a double quote is not closed".to_owned()),
                    }
                }
            }
            '\\' => {
                started = true;
                word.push(chars.next().ok_or("the line ends with an escaping backslash")?);
            }
            c => {
                started = true;
                word.push(c);
            }
        }
    }
    if started {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
#[path = "process_tests.rs"]
mod tests;
