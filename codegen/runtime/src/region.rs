//! The region: given to [`ConfigBuilder::region`](super::client::ConfigBuilder::region),
//! else (with default providers) `AWS_REGION`, else `AWS_DEFAULT_REGION`,
//! else the `region` of the selected profile in the shared files (see
//! [`profile`](super::profile)), else the instance metadata service's (see
//! [`imds`](super::imds); not when `AWS_EC2_METADATA_DISABLED` is true).
//!
//! aws-sdk-rust reads both variables in this order; botocore reads only
//! `AWS_DEFAULT_REGION`, so with both set to different regions boto3 uses
//! the second and this crate the first.
//!
//! A region becomes part of the endpoint's host name
//! (`sms-voice.{region}.amazonaws.com`), so it must be a host label, as
//! botocore and the AWS SDKs require: anything that can set it (a variable,
//! a profile) could otherwise send signed requests to another host. A value
//! that is not one is an error naming where it came from.

use super::endpoint::{HOST_LABEL_RULE, is_valid_host_label};
use super::os::{Env, Fs};
use super::profile::{ProfileError, ProfileName, SharedFiles};
use std::fmt;
use std::path::PathBuf;

/// The variables naming the region, in the order they are read.
pub const REGION_VARIABLES: [&str; 2] = ["AWS_REGION", "AWS_DEFAULT_REGION"];

/// Where a region came from, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionSource {
    /// Given to `ConfigBuilder::region`.
    Argument,
    /// An environment variable (`AWS_REGION` or `AWS_DEFAULT_REGION`).
    Variable(&'static str),
    /// The EC2 instance metadata service (`/latest/meta-data/placement/region`).
    InstanceMetadata,
    /// The `region` setting of a profile in a shared file.
    Profile {
        /// The profile's name.
        name: String,
        /// The file whose setting was used.
        file: PathBuf,
        /// The 1-based line of the setting.
        line: usize,
    },
}

impl RegionSource {
    /// A shared file's value is never quoted in messages: a file holds
    /// secrets, and a mistake there could put one in `region`.
    fn shows_value(&self) -> bool {
        !matches!(self, RegionSource::Profile { .. })
    }
}

impl fmt::Display for RegionSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegionSource::Argument => f.write_str("the argument to `ConfigBuilder::region`"),
            RegionSource::Variable(name) => write!(f, "the environment variable {name}"),
            RegionSource::InstanceMetadata => f.write_str("the instance metadata service"),
            RegionSource::Profile { name, file, line } => {
                write!(f, "`region` of profile `{name}` in {} line {line}", file.display())
            }
        }
    }
}

/// No usable region: one was found but is not a host label, or the shared
/// files could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionError {
    kind: RegionErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum RegionErrorKind {
    Invalid {
        region: String,
        source: RegionSource,
    },
    Files(ProfileError),
    /// The instance metadata settings cannot be used.
    Metadata(String),
}

impl RegionError {
    /// Where the invalid region came from; `None` when the files could not be read.
    pub fn region_source(&self) -> Option<&RegionSource> {
        match &self.kind {
            RegionErrorKind::Invalid { source, .. } => Some(source),
            RegionErrorKind::Files(_) | RegionErrorKind::Metadata(_) => None,
        }
    }
}

impl fmt::Display for RegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            RegionErrorKind::Invalid { region, source } => {
                f.write_str("invalid region ")?;
                if source.shows_value() {
                    write!(f, "{region:?} ")?;
                }
                write!(f, "from {source}: a region must be a host label ({HOST_LABEL_RULE})")
            }
            RegionErrorKind::Files(e) => write!(f, "cannot find the default region: {e}"),
            RegionErrorKind::Metadata(e) => write!(f, "cannot ask the instance metadata for the region: {e}"),
        }
    }
}

impl std::error::Error for RegionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            RegionErrorKind::Invalid { .. } | RegionErrorKind::Metadata(_) => None,
            RegionErrorKind::Files(e) => Some(e),
        }
    }
}

impl From<ProfileError> for RegionError {
    fn from(e: ProfileError) -> Self {
        RegionError { kind: RegionErrorKind::Files(e) }
    }
}

/// Checks that `region` is a host label (1 to 63 letters, digits or `-`,
/// not starting or ending with `-`).
///
/// # Errors
/// When it is not, naming `source`.
pub fn check_region(region: &str, source: &RegionSource) -> Result<(), RegionError> {
    match is_valid_host_label(region, false) {
        true => Ok(()),
        false => {
            Err(RegionError { kind: RegionErrorKind::Invalid { region: region.to_owned(), source: source.clone() } })
        }
    }
}

/// The region the environment and shared files name, if any, checked; files
/// are read only when neither variable is set. Empty values count as unset.
///
/// # Errors
/// When the region found is not a host label; when a shared file cannot be
/// read or parsed, or the profile chosen by `AWS_DEFAULT_PROFILE`/`AWS_PROFILE`
/// is in neither file.
pub fn default_region(env: &Env, fs: &Fs) -> Result<Option<String>, RegionError> {
    Ok(find_default_region(env, fs)?.map(|(region, _)| region))
}

/// As [`default_region`], with where the region came from.
///
/// # Errors
/// As [`default_region`].
pub fn find_default_region(env: &Env, fs: &Fs) -> Result<Option<(String, RegionSource)>, RegionError> {
    find_region_of(env, fs, &ProfileName::from_env(env))
}

/// As [`find_default_region`], reading the profile `name` rather than the one
/// the environment selects (a profile chosen in code).
pub(crate) fn find_region_of(
    env: &Env,
    fs: &Fs,
    name: &ProfileName,
) -> Result<Option<(String, RegionSource)>, RegionError> {
    let (region, source) = match env.first_of(&REGION_VARIABLES) {
        Some((variable, region)) => (region, RegionSource::Variable(variable)),
        None => {
            let files = SharedFiles::load(env, fs)?;
            let Some(profile) = files.selected(name)? else { return Ok(None) };
            // The credentials file's setting wins, as in `Profile::get`.
            let sections = [
                (profile.credentials_section(), files.credentials_file()),
                (profile.config_section(), files.config_file()),
            ];
            let found = sections.into_iter().find_map(|(section, file)| {
                let section = section?;
                Some((section.get("region")?.as_text()?, section.line("region")?, file.path()))
            });
            let Some((region, line, file)) = found.filter(|(region, ..)| !region.is_empty()) else { return Ok(None) };
            let source = RegionSource::Profile { name: name.name().to_owned(), file: file.to_owned(), line };
            (region.to_owned(), source)
        }
    };
    check_region(&region, &source)?;
    Ok(Some((region, source)))
}

/// The region a configuration uses: `argument` (from
/// `ConfigBuilder::region`), else with `defaults` the default region;
/// checked either way before any URL is built from it.
pub(crate) fn configured_region(
    argument: Option<String>,
    defaults: Option<(&Env, &Fs)>,
) -> Result<Option<String>, RegionError> {
    match (argument, defaults) {
        (Some(region), _) => check_region(&region, &RegionSource::Argument).map(|()| Some(region)),
        (None, Some((env, fs))) => match default_region(env, fs)? {
            Some(region) => Ok(Some(region)),
            None => {
                let found = super::imds::instance_region(env, fs)
                    .map_err(|e| RegionError { kind: RegionErrorKind::Metadata(e) })?;
                match found {
                    Some(region) => check_region(&region, &RegionSource::InstanceMetadata).map(|()| Some(region)),
                    None => Ok(None),
                }
            }
        },
        (None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "/home/me/.aws/config";
    const CREDENTIALS: &str = "/home/me/.aws/credentials";

    /// Not host labels: each would change the endpoint URL or is not a label.
    const BAD: [&str; 10] = [
        "evil.com#",
        "evil.com/",
        "evil.com?x=",
        "x@evil.com",
        "us-east-1/../evil",
        "a:b",
        "[::1]",
        "-us-east-1",
        "us-east-1-",
        "é",
    ];

    fn region(vars: &[(&str, &str)], files: &[(&str, &str)]) -> Result<Option<String>, RegionError> {
        let env = Env::from_vars([("HOME", "/home/me")].iter().chain(vars).copied());
        default_region(&env, &Fs::from_files(files.iter().copied()))
    }

    fn bad_values() -> impl Iterator<Item = String> {
        BAD.iter().map(|s| (*s).to_owned()).chain(["x".repeat(70)])
    }

    #[test]
    fn variables_come_first_in_order() {
        let files = [(CONFIG, "[default]\nregion = from-file\n")];
        let both = [("AWS_REGION", "r1"), ("AWS_DEFAULT_REGION", "r2")];
        assert_eq!(region(&both, &files).unwrap().as_deref(), Some("r1"));
        assert_eq!(region(&both[1..], &files).unwrap().as_deref(), Some("r2"));
        assert_eq!(region(&[("AWS_REGION", "")], &files).unwrap().as_deref(), Some("from-file"));
    }

    #[test]
    fn variables_spare_the_files() {
        // An unparsable file is not read when a variable names the region.
        let broken = [(CONFIG, "not ini")];
        assert_eq!(region(&[("AWS_REGION", "r1")], &broken).unwrap().as_deref(), Some("r1"));
        assert!(region(&[], &broken).unwrap_err().to_string().contains("line 1"));
    }

    #[test]
    fn profile_region_from_the_selected_profile() {
        let files = [(CONFIG, "[default]\nregion = d\n[profile dev]\nregion = eu-west-1\n[profile bare]\nregion =\n")];
        assert_eq!(region(&[], &files).unwrap().as_deref(), Some("d"));
        assert_eq!(region(&[("AWS_PROFILE", "dev")], &files).unwrap().as_deref(), Some("eu-west-1"));
        assert_eq!(region(&[("AWS_PROFILE", "bare")], &files).unwrap(), None);
        let err = region(&[("AWS_PROFILE", "nope")], &files).unwrap_err().to_string();
        assert!(err.contains("profile `nope` (chosen by AWS_PROFILE)"), "{err}");
    }

    #[test]
    fn credentials_file_region_counts_and_wins() {
        // botocore merges the credentials file into the profile, region included.
        let files = [(CONFIG, "[default]\nregion = config\n"), (CREDENTIALS, "[default]\nregion = creds\n")];
        assert_eq!(region(&[], &files).unwrap().as_deref(), Some("creds"));
    }

    #[test]
    fn nothing_anywhere_is_none() {
        assert_eq!(region(&[], &[]).unwrap(), None);
        assert_eq!(region(&[], &[(CONFIG, "[profile other]\nregion = x\n")]).unwrap(), None);
        assert_eq!(region(&[("AWS_CONFIG_FILE", "/elsewhere")], &[(CONFIG, "[default]\nregion = x\n")]).unwrap(), None);
    }

    #[test]
    fn host_labels_are_regions() {
        for good in ["us-east-1", "eu-west-3", "us-gov-west-1", "a", &"x".repeat(63)] {
            assert_eq!(check_region(good, &RegionSource::Argument), Ok(()), "{good}");
        }
    }

    #[test]
    fn a_region_that_is_not_a_host_label_is_refused_naming_the_variable() {
        for bad in bad_values() {
            for variable in REGION_VARIABLES {
                let err = region(&[(variable, &bad)], &[]).unwrap_err();
                assert_eq!(err.region_source(), Some(&RegionSource::Variable(variable)));
                let text = err.to_string();
                let expected = format!("invalid region {bad:?} from the environment variable {variable}: ");
                assert!(text.starts_with(&expected) && text.contains("host label"), "{text}");
            }
        }
    }

    #[test]
    fn a_profile_region_that_is_not_a_host_label_names_profile_file_and_line_but_not_the_value() {
        for bad in bad_values() {
            let config = format!("# regions\n[profile dev]\noutput = json\nregion = {bad}\n");
            let err = region(&[("AWS_PROFILE", "dev")], &[(CONFIG, &config)]).unwrap_err();
            let source = RegionSource::Profile { name: "dev".to_owned(), file: CONFIG.into(), line: 4 };
            assert_eq!(err.region_source(), Some(&source));
            let text = err.to_string();
            assert!(
                text.starts_with(&format!("invalid region from `region` of profile `dev` in {CONFIG} line 4: ")),
                "{text}"
            );
            assert!(!text.contains(&bad), "{text}");
            let credentials = format!("[default]\nregion = {bad}\n");
            let files = [(CONFIG, "[default]\nregion = us-east-1\n"), (CREDENTIALS, credentials.as_str())];
            let err = region(&[], &files).unwrap_err();
            let source = RegionSource::Profile { name: "default".to_owned(), file: CREDENTIALS.into(), line: 2 };
            assert_eq!(err.region_source(), Some(&source), "{err}");
        }
    }

    #[test]
    fn the_configured_region_is_the_argument_else_the_default_and_is_checked() {
        let env = Env::from_vars([("AWS_REGION", "eu-west-1")]);
        let fs = Fs::from_files(Vec::<(String, String)>::new());
        assert_eq!(
            configured_region(Some("us-east-1".to_owned()), Some((&env, &fs))),
            Ok(Some("us-east-1".to_owned()))
        );
        assert_eq!(configured_region(None, Some((&env, &fs))), Ok(Some("eu-west-1".to_owned())));
        assert_eq!(configured_region(None, None), Ok(None));
        for bad in bad_values().chain([String::new()]) {
            let err = configured_region(Some(bad.clone()), Some((&env, &fs))).unwrap_err();
            assert_eq!(err.region_source(), Some(&RegionSource::Argument));
            let expected = format!("invalid region {bad:?} from the argument to `ConfigBuilder::region`: ");
            assert!(err.to_string().starts_with(&expected), "{err}");
        }
    }
}
