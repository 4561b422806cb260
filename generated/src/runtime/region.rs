// Copied from codegen/runtime/region.rs by `cargo xtask codegen`. Edit it there.

//! The default region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the
//! `region` of the selected profile in the shared files (see
//! [`profile`](super::profile)).
//!
//! aws-sdk-rust reads both variables in this order; botocore reads only
//! `AWS_DEFAULT_REGION`, so with both set to different regions boto3 uses
//! the second and this crate the first.

use super::os::{Env, Fs};
use super::profile::{ProfileError, ProfileName, SharedFiles};

/// The variables naming the region, in the order they are read.
pub const REGION_VARIABLES: [&str; 2] = ["AWS_REGION", "AWS_DEFAULT_REGION"];

/// The region the environment and shared files name, if any; files are read
/// only when neither variable is set.
///
/// # Errors
/// When a shared file cannot be read or parsed, or the profile chosen by
/// `AWS_DEFAULT_PROFILE`/`AWS_PROFILE` is in neither file.
pub fn default_region(env: &Env, fs: &Fs) -> Result<Option<String>, ProfileError> {
    if let Some((_, region)) = env.first_of(&REGION_VARIABLES) {
        return Ok(Some(region));
    }
    let files = SharedFiles::load(env, fs)?;
    let profile = files.selected(&ProfileName::from_env(env))?;
    Ok(profile.and_then(|p| p.get("region")).filter(|r| !r.is_empty()).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "/home/me/.aws/config";
    const CREDENTIALS: &str = "/home/me/.aws/credentials";

    fn region(vars: &[(&str, &str)], files: &[(&str, &str)]) -> Result<Option<String>, ProfileError> {
        let env = Env::from_vars([("HOME", "/home/me")].iter().chain(vars).copied());
        default_region(&env, &Fs::from_files(files.iter().copied()))
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
}
