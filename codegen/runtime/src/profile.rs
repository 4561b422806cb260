//! The shared config and credentials files (`~/.aws/config`,
//! `~/.aws/credentials`) and the profile selected in them, as botocore finds
//! them:
//!
//! - The files are `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` when
//!   set, else `~/.aws/config` and `~/.aws/credentials`; `$VAR` and a leading
//!   `~` in them are expanded. A missing file is simply empty.
//! - The profile is `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`, else
//!   `default` (botocore checks `AWS_DEFAULT_PROFILE` first; aws-sdk-rust
//!   reads only `AWS_PROFILE`).
//! - In the config file a profile is `[profile NAME]` (or `[default]`); in
//!   the credentials file every section is a profile, named as written.
//! - A profile's settings are the config file's with the credentials file's
//!   on top, key by key (botocore's `full_config`).

use super::ini::{self, Ini, Section};
use super::os::{Env, Fs};
use std::fmt;
use std::path::{Path, PathBuf};

/// Variables naming the profile, in the order botocore checks them.
pub const PROFILE_VARIABLES: [&str; 2] = ["AWS_DEFAULT_PROFILE", "AWS_PROFILE"];

/// The profile to use, and whether it was chosen (rather than the default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileName {
    name: String,
    chosen_by: Option<String>,
}

impl ProfileName {
    /// The profile the environment selects: `AWS_DEFAULT_PROFILE`, else
    /// `AWS_PROFILE`, else `default`.
    pub fn from_env(env: &Env) -> Self {
        match env.first_of(&PROFILE_VARIABLES) {
            Some((var, name)) => ProfileName { name, chosen_by: Some(var.to_owned()) },
            None => ProfileName { name: "default".to_owned(), chosen_by: None },
        }
    }

    /// A profile chosen in code.
    pub fn explicit(name: impl Into<String>) -> Self {
        ProfileName { name: name.into(), chosen_by: Some("the caller".to_owned()) }
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether it was chosen by a variable or in code; a chosen profile that
    /// does not exist is an error, a missing `default` is not.
    pub fn is_chosen(&self) -> bool {
        self.chosen_by.is_some()
    }
}

impl fmt::Display for ProfileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.chosen_by {
            Some(by) => write!(f, "profile `{}` (chosen by {by})", self.name),
            None => write!(f, "profile `{}`", self.name),
        }
    }
}

/// A shared file could not be read or parsed, or a chosen profile is in
/// neither file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError {
    message: String,
}

impl ProfileError {
    fn new(message: String) -> Self {
        ProfileError { message }
    }
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProfileError {}

/// One shared file: where it is and what it holds (nothing when missing).
#[derive(Clone, Debug)]
pub struct SharedFile {
    path: PathBuf,
    contents: Option<Ini>,
    /// Why there are no contents, for messages.
    missing: &'static str,
}

impl SharedFile {
    /// Reads and parses the file named by `variable`, else `default` (both
    /// expanded). A path under an unknown home directory counts as missing
    /// (botocore would look for the unexpanded `~/...`, which is not there).
    fn load(env: &Env, fs: &Fs, variable: &str, default: &str) -> Result<Self, ProfileError> {
        let configured = env.get(variable);
        let written = configured.as_deref().unwrap_or(default);
        let Ok(path) = env.expand_path(written) else {
            return Ok(SharedFile { path: written.into(), contents: None, missing: "HOME is not set" });
        };
        let text =
            fs.read_to_string(&path).map_err(|e| ProfileError::new(format!("cannot read {}: {e}", path.display())))?;
        let contents = match text {
            Some(text) => Some(ini::parse(&text).map_err(|e| ProfileError::new(format!("{}: {e}", path.display())))?),
            None => None,
        };
        Ok(SharedFile { path, contents, missing: "missing" })
    }

    /// Where the file is (or would be).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The parsed file; `None` when there is no file.
    pub fn contents(&self) -> Option<&Ini> {
        self.contents.as_ref()
    }

    /// The path, and why it is missing when it is, for messages.
    fn describe(&self) -> String {
        match self.contents {
            Some(_) => self.path.display().to_string(),
            None => format!("{} ({})", self.path.display(), self.missing),
        }
    }
}

/// Both shared files, read once.
#[derive(Clone, Debug)]
pub struct SharedFiles {
    config: SharedFile,
    credentials: SharedFile,
}

impl SharedFiles {
    /// Reads both files.
    ///
    /// # Errors
    /// When a file exists but cannot be read (permissions, not UTF-8) or
    /// parsed. botocore refuses unparsable files too (it silently skips
    /// unreadable ones; an error says more).
    pub fn load(env: &Env, fs: &Fs) -> Result<Self, ProfileError> {
        Ok(SharedFiles {
            config: SharedFile::load(env, fs, "AWS_CONFIG_FILE", "~/.aws/config")?,
            credentials: SharedFile::load(env, fs, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")?,
        })
    }

    /// The config file.
    pub fn config_file(&self) -> &SharedFile {
        &self.config
    }

    /// The credentials file.
    pub fn credentials_file(&self) -> &SharedFile {
        &self.credentials
    }

    /// A profile's sections in both files; `None` when neither has it.
    pub fn profile(&self, name: &str) -> Option<Profile<'_>> {
        let config = self.config.contents().and_then(|ini| ini.config_profiles().get(name).copied());
        let credentials = self.credentials.contents().and_then(|ini| ini.section(name));
        (config.is_some() || credentials.is_some()).then_some(Profile { config, credentials })
    }

    /// The selected profile; `None` when neither file has it and it was
    /// not chosen.
    ///
    /// # Errors
    /// When the profile was chosen (by variable or in code) and neither
    /// file has it, as botocore refuses an unknown profile.
    pub fn selected(&self, name: &ProfileName) -> Result<Option<Profile<'_>>, ProfileError> {
        match self.profile(name.name()) {
            Some(profile) => Ok(Some(profile)),
            None if name.is_chosen() => Err(ProfileError::new(format!("{name} is {}", self.not_found()))),
            None => Ok(None),
        }
    }

    /// "in neither FILE nor FILE" with the profiles there are, for messages.
    pub fn not_found(&self) -> String {
        let mut known: Vec<String> = Vec::new();
        if let Some(ini) = self.config.contents() {
            known.extend(ini.config_profiles().into_keys());
        }
        if let Some(ini) = self.credentials.contents() {
            known.extend(ini.sections().iter().map(|s| s.name().to_owned()));
        }
        known.sort();
        known.dedup();
        let known = match known.is_empty() {
            true => "no profiles".to_owned(),
            false => format!("profiles: {}", known.join(", ")),
        };
        format!("in neither {} nor {} ({known})", self.config.describe(), self.credentials.describe())
    }
}

/// One profile: its section in the config file, in the credentials file, or
/// both.
#[derive(Clone, Copy, Debug)]
pub struct Profile<'a> {
    config: Option<&'a Section>,
    credentials: Option<&'a Section>,
}

impl<'a> Profile<'a> {
    /// A setting, the credentials file's before the config file's. Nested
    /// sub-sections (`s3 =` ...) are not text and read as unset.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        let text = |section: Option<&'a Section>| section?.get(key)?.as_text();
        text(self.credentials).or_else(|| text(self.config))
    }

    /// Whether either file sets `key` (to anything, even a sub-section).
    pub fn has(&self, key: &str) -> bool {
        [self.credentials, self.config].into_iter().flatten().any(|s| s.get(key).is_some())
    }

    /// The profile's section in the config file.
    pub fn config_section(&self) -> Option<&'a Section> {
        self.config
    }

    /// The profile's section in the credentials file.
    pub fn credentials_section(&self) -> Option<&'a Section> {
        self.credentials
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(config: &str, credentials: &str) -> SharedFiles {
        let env = Env::from_vars([("HOME", "/home/me")]);
        let fs = Fs::from_files([("/home/me/.aws/config", config), ("/home/me/.aws/credentials", credentials)]);
        SharedFiles::load(&env, &fs).unwrap()
    }

    #[test]
    fn profile_name_prefers_aws_default_profile_like_botocore() {
        let name = |vars: &[(&str, &str)]| ProfileName::from_env(&Env::from_vars(vars.iter().copied()));
        assert_eq!(name(&[]).name(), "default");
        assert!(!name(&[]).is_chosen());
        assert_eq!(name(&[("AWS_PROFILE", "p")]).name(), "p");
        assert_eq!(name(&[("AWS_PROFILE", "p"), ("AWS_DEFAULT_PROFILE", "d")]).name(), "d");
        assert_eq!(name(&[("AWS_PROFILE", "p"), ("AWS_DEFAULT_PROFILE", "")]).name(), "p");
        assert_eq!(name(&[("AWS_PROFILE", "p")]).to_string(), "profile `p` (chosen by AWS_PROFILE)");
    }

    #[test]
    fn paths_come_from_variables_else_home() {
        let env = Env::from_vars([
            ("HOME", "/h"),
            ("AWS_CONFIG_FILE", "~/cfg"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"),
        ]);
        let files = SharedFiles::load(&env, &Fs::from_files([("/h/cfg", "[default]\nregion = r\n")])).unwrap();
        assert_eq!(files.config_file().path(), Path::new("/h/cfg"));
        assert!(files.config_file().contents().is_some());
        assert_eq!(files.credentials_file().path(), Path::new("/etc/creds"));
        assert!(files.credentials_file().contents().is_none());
        // Without a home directory the default files are simply missing.
        let files =
            SharedFiles::load(&Env::from_vars([("X", "1")]), &Fs::from_files([("~/.aws/config", "[")])).unwrap();
        assert!(files.config_file().contents().is_none());
        assert!(files.not_found().contains("~/.aws/config (HOME is not set)"), "{}", files.not_found());
    }

    #[test]
    fn credentials_file_wins_key_by_key() {
        let files = shared(
            "[profile dev]\nregion = us-east-1\naws_access_key_id = CONFIG\n[dev]\nregion = not-a-profile\n",
            "[dev]\naws_access_key_id = CREDS\n[profile dev]\nregion = not-this-either\n",
        );
        let dev = files.profile("dev").unwrap();
        assert_eq!(dev.get("aws_access_key_id"), Some("CREDS"));
        assert_eq!(dev.get("region"), Some("us-east-1"));
        assert_eq!(dev.config_section().unwrap().name(), "profile dev");
        assert_eq!(dev.credentials_section().unwrap().name(), "dev");
        // `[profile dev]` in the credentials file is a profile named `profile dev`.
        assert_eq!(files.profile("profile dev").unwrap().get("region"), Some("not-this-either"));
    }

    #[test]
    fn nested_values_are_not_settings() {
        let files = shared("[default]\ns3 =\n  region = x\n", "");
        let profile = files.profile("default").unwrap();
        assert_eq!(profile.get("s3"), None);
        assert!(profile.has("s3"));
        assert_eq!(profile.get("region"), None);
    }

    #[test]
    fn a_chosen_missing_profile_is_an_error_listing_what_exists() {
        let files = shared("[profile a]\n[default]\n", "[b]\n");
        assert!(files.selected(&ProfileName::from_env(&Env::from_vars([("A", "a")]))).unwrap().is_some());
        let err = files.selected(&ProfileName::explicit("typo")).unwrap_err().to_string();
        assert!(err.contains("profile `typo` (chosen by the caller) is in neither"), "{err}");
        assert!(err.contains("profiles: a, b, default"), "{err}");
        let empty = shared("", "");
        assert!(empty.selected(&ProfileName::from_env(&Env::from_vars([("A", "a")]))).unwrap().is_none());
    }

    #[test]
    fn unparsable_and_unreadable_files_are_errors_naming_the_file() {
        let env = Env::from_vars([("HOME", "/h")]);
        let fs = Fs::from_files([("/h/.aws/credentials", "[default]\nno equals sign\n")]);
        let err = SharedFiles::load(&env, &fs).unwrap_err().to_string();
        assert!(err.starts_with("/h/.aws/credentials: line 2:"), "{err}");
        let fs = Fs::from_files([("/h/.aws/config", vec![b'[', 0xff, b']'])]);
        let err = SharedFiles::load(&env, &fs).unwrap_err().to_string();
        assert!(err.starts_with("cannot read /h/.aws/config"), "{err}");
    }
}
