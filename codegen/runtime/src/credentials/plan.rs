//! What a profile asks for, read from the shared files in botocore's order:
//! a role chain (`role_arn` with `source_profile` hops, ending at keys, a
//! `credential_source`, web identity or SSO), web identity, SSO, keys in the
//! credentials file, `credential_process`, keys in the config file. Only
//! reading and checking: the calls are made by the chain.

use super::roles::{
    AssumeRoleRequest, CredentialSource, SsoRequest, WebIdentityRequest, default_session_name, no_role_sources,
};
use super::{Credentials, CredentialsError, ProcessCredentialsProvider, split_command_line, static_keys};
use crate::os::Env;
use crate::profile::{Profile, ProfileName, SharedFiles};
use crate::sha256::hex;

/// Where a profile's credentials start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Base {
    /// Keys (static, or a process's) found while reading the files.
    Keys(Credentials),
    /// A role's `credential_source`.
    Source(CredentialSource),
    /// `AssumeRoleWithWebIdentity`.
    WebIdentity(WebIdentityRequest),
    /// `GetRoleCredentials`.
    Sso(SsoRequest),
}

/// A base, then the roles assumed one after the other from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) base: Base,
    pub(crate) hops: Vec<AssumeRoleRequest>,
}

impl Plan {
    /// Whether carrying it out needs a [`RoleSources`](super::RoleSources).
    pub(crate) fn needs_role_sources(&self) -> Option<String> {
        if let Some(hop) = self.hops.last() {
            return Some(format!("profile `{}` assumes a role (`role_arn`)", hop.profile));
        }
        match &self.base {
            Base::WebIdentity(_) => {
                Some("web identity credentials (`web_identity_token_file`, AWS_WEB_IDENTITY_TOKEN_FILE)".to_owned())
            }
            Base::Sso(sso) => Some(format!(
                "profile `{}` gets credentials from IAM Identity Center (`sso_role_name`, `sso_account_id`)",
                sso.profile
            )),
            Base::Keys(_) | Base::Source(_) => None,
        }
    }
}

/// Reads the selected profile's plan. `env_web_identity`: whether the web
/// identity variables count (not when a profile was chosen in code).
///
/// # Errors
/// `NotLoaded` when the profile names no source; `InvalidConfiguration`
/// for a wrong setup (a role without its source, a loop of
/// `source_profile`s, a missing `sso-session` section, missing SSO
/// settings); a credential process's own errors.
pub(crate) fn plan(
    files: &SharedFiles,
    name: &ProfileName,
    env: &Env,
    env_web_identity: bool,
) -> Result<Plan, CredentialsError> {
    let invalid = |e: crate::profile::ProfileError| CredentialsError::invalid_configuration(e.to_string());
    let profile = files.selected(name).map_err(invalid)?;
    if let Some(profile) = profile.filter(is_assume_role) {
        return role_chain(files, name.name(), profile, env);
    }
    match base_of(files, name, profile, env, env_web_identity)? {
        Some(base) => Ok(Plan { base, hops: Vec::new() }),
        None if profile.is_none() => Err(CredentialsError::not_loaded(format!("{name} is {}", files.not_found()))),
        None => Err(CredentialsError::not_loaded(format!(
            "{name} has no aws_access_key_id in {} or {}",
            files.credentials_file().path().display(),
            files.config_file().path().display()
        ))),
    }
}

/// What call the selected profile needs, if any, without checking its
/// settings: for the message when no [`RoleSources`](super::RoleSources)
/// is set.
pub(crate) fn needs_calls(
    files: &SharedFiles,
    name: &ProfileName,
    env: &Env,
    env_web_identity: bool,
) -> Option<String> {
    let profile = files.selected(name).ok().flatten();
    if profile.as_ref().is_some_and(is_assume_role) {
        return Some(format!("{name} assumes a role (`role_arn`)"));
    }
    let has = |key: &str| profile.as_ref().is_some_and(|p| p.has(key));
    if has("web_identity_token_file") || (env_web_identity && env.get("AWS_WEB_IDENTITY_TOKEN_FILE").is_some()) {
        let from =
            if has("web_identity_token_file") { "`web_identity_token_file`" } else { "AWS_WEB_IDENTITY_TOKEN_FILE" };
        return Some(format!("{name} gets credentials from a web identity token ({from})"));
    }
    if has("sso_role_name") || has("sso_account_id") {
        return Some(format!("{name} gets credentials from IAM Identity Center (`sso_role_name`, `sso_account_id`)"));
    }
    None
}

/// Which of a profile's sources a provider answers from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Only {
    /// All, in botocore's order.
    All,
    /// A role (`role_arn`).
    AssumeRole,
    /// Web identity.
    WebIdentity,
    /// IAM Identity Center.
    Sso,
}

/// The plan of one source alone; `NotLoaded` when the profile does not use it.
pub(crate) fn plan_only(
    files: &SharedFiles,
    name: &ProfileName,
    env: &Env,
    env_web_identity: bool,
    only: Only,
) -> Result<Plan, CredentialsError> {
    let invalid = |e: crate::profile::ProfileError| CredentialsError::invalid_configuration(e.to_string());
    let profile = files.selected(name).map_err(invalid)?;
    let alone = |base| Ok(Plan { base, hops: Vec::new() });
    let not_loaded = |what: &str| Err(CredentialsError::not_loaded(format!("{name} has no {what}")));
    match only {
        Only::All => plan(files, name, env, env_web_identity),
        Only::AssumeRole => match profile.filter(is_assume_role) {
            Some(profile) => role_chain(files, name.name(), profile, env),
            None => not_loaded("role_arn"),
        },
        Only::WebIdentity => match web_identity(profile, env, env_web_identity)? {
            Some(request) => alone(Base::WebIdentity(request)),
            None if env_web_identity => {
                not_loaded("web_identity_token_file, and AWS_WEB_IDENTITY_TOKEN_FILE is not set")
            }
            None => not_loaded("web_identity_token_file"),
        },
        Only::Sso => match profile.filter(|p| p.has("sso_role_name") || p.has("sso_account_id")) {
            Some(profile) => alone(Base::Sso(sso(files, name.name(), &profile, env)?)),
            None => not_loaded("sso_account_id or sso_role_name"),
        },
    }
}

/// botocore's `_has_assume_role_config_vars`.
fn is_assume_role(profile: &Profile<'_>) -> bool {
    profile.has("role_arn") && !profile.has("web_identity_token_file")
}

fn has_static_keys(profile: &Profile<'_>) -> bool {
    profile.has("aws_access_key_id") || profile.has("aws_secret_access_key")
}

/// Follows `source_profile` from a profile with `role_arn`, as botocore's
/// `AssumeRoleProvider`: a profile may name itself as its source only when
/// it has keys (they are the source); any other repeat is a loop.
fn role_chain(files: &SharedFiles, start: &str, profile: Profile<'_>, env: &Env) -> Result<Plan, CredentialsError> {
    let invalid = CredentialsError::invalid_configuration;
    let mut visited = vec![start.to_owned()];
    let mut hops = Vec::new();
    let (mut name, mut profile) = (start.to_owned(), profile);
    let base = loop {
        let text = |key: &str| profile.get(key).filter(|v| !v.is_empty()).map(str::to_owned);
        if profile.has("mfa_serial") {
            // botocore prompts for the code; sending the role request without it would only be refused.
            return Err(CredentialsError::unsupported(format!(
                "profile `{name}` has mfa_serial: roles that need an MFA code are not supported"
            )));
        }
        hops.push(AssumeRoleRequest {
            profile: name.clone(),
            role_arn: text("role_arn").ok_or_else(|| invalid(format!("profile `{name}`: role_arn is empty")))?,
            role_session_name: text("role_session_name").unwrap_or_else(default_session_name),
            external_id: text("external_id"),
            duration_seconds: text("duration_seconds").and_then(|d| d.trim().parse().ok()),
        });
        match (text("source_profile"), text("credential_source")) {
            (Some(_), Some(_)) => {
                return Err(invalid(format!("profile `{name}` has both source_profile and credential_source")));
            }
            (None, None) => {
                return Err(invalid(format!(
                    "profile `{name}` has role_arn but neither source_profile nor credential_source"
                )));
            }
            (None, Some(source)) => {
                break Base::Source(CredentialSource::parse(&source).ok_or_else(|| {
                    invalid(format!(
                        "profile `{name}`: credential_source `{source}` is not one of Environment, \
                         Ec2InstanceMetadata, EcsContainer"
                    ))
                })?);
            }
            (Some(source), None) => {
                let Some(next) = files.profile(&source) else {
                    return Err(invalid(format!(
                        "the source_profile `{source}` of profile `{name}` is {}",
                        files.not_found()
                    )));
                };
                if visited.contains(&source) && (source != name || !has_static_keys(&next)) {
                    visited.push(source);
                    return Err(invalid(format!("source_profile loop: {}", visited.join(" -> "))));
                }
                visited.push(source.clone());
                if has_static_keys(&next) || !is_assume_role(&next) {
                    let source_name = ProfileName::explicit(&source);
                    break base_of(files, &source_name, Some(next), env, false)?.ok_or_else(|| {
                        invalid(format!("the source_profile `{source}` of profile `{name}` has no credentials"))
                    })?;
                }
                (name, profile) = (source, next);
            }
        }
    };
    hops.reverse();
    Ok(Plan { base, hops })
}

/// A profile's credentials other than by a role: web identity, SSO, keys in
/// the credentials file, `credential_process`, keys in the config file.
fn base_of(
    files: &SharedFiles,
    name: &ProfileName,
    profile: Option<Profile<'_>>,
    env: &Env,
    env_web_identity: bool,
) -> Result<Option<Base>, CredentialsError> {
    if let Some(request) = web_identity(profile, env, env_web_identity)? {
        return Ok(Some(Base::WebIdentity(request)));
    }
    let Some(profile) = profile else { return Ok(None) };
    if profile.has("sso_role_name") || profile.has("sso_account_id") {
        return sso(files, name.name(), &profile, env).map(|r| Some(Base::Sso(r)));
    }
    let credentials_file = files.credentials_file().path().display();
    if let Some(found) = static_keys(profile.credentials_section(), name, &credentials_file)? {
        return Ok(Some(Base::Keys(found)));
    }
    if let Some(command) = profile.get("credential_process").filter(|c| !c.is_empty()) {
        let provider = ProcessCredentialsProvider::new(command);
        let provider = match profile.get("aws_account_id").filter(|id| !id.is_empty()) {
            Some(id) => provider.default_account_id(id),
            None => provider,
        };
        return provider.load().map(|c| Some(Base::Keys(c))).map_err(|e| {
            let message = format!("{name}: {e}");
            CredentialsError { message, ..e }
        });
    }
    let config_file = files.config_file().path().display();
    Ok(static_keys(profile.config_section(), name, &config_file)?.map(Base::Keys))
}

/// botocore's `AssumeRoleWithWebIdentityProvider`: each setting from its
/// variable first (unless a profile was chosen in code), then the profile.
fn web_identity(
    profile: Option<Profile<'_>>,
    env: &Env,
    use_env: bool,
) -> Result<Option<WebIdentityRequest>, CredentialsError> {
    let get = |key: &str, var: &str| {
        let from_env = if use_env { env.get(var) } else { None };
        from_env.or_else(|| profile.and_then(|p| p.get(key)).filter(|v| !v.is_empty()).map(str::to_owned))
    };
    let Some(token_file) = get("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE") else { return Ok(None) };
    let role_arn = get("role_arn", "AWS_ROLE_ARN").ok_or_else(|| {
        CredentialsError::invalid_configuration(
            "web identity is configured (web_identity_token_file) but no role is: set role_arn in the profile \
             or AWS_ROLE_ARN",
        )
    })?;
    let token_file = env.expand_path(&token_file).map_err(CredentialsError::invalid_configuration)?;
    let role_session_name = get("role_session_name", "AWS_ROLE_SESSION_NAME").unwrap_or_else(default_session_name);
    Ok(Some(WebIdentityRequest { token_file, role_arn, role_session_name }))
}

/// botocore's `SSOProvider._load_sso_config`: the profile's settings with
/// its `sso_session` section's on top (a key set differently in both is an
/// error).
fn sso(files: &SharedFiles, name: &str, profile: &Profile<'_>, env: &Env) -> Result<SsoRequest, CredentialsError> {
    let invalid = CredentialsError::invalid_configuration;
    let session_name = profile.get("sso_session").filter(|s| !s.is_empty());
    let session = match session_name {
        None => None,
        Some(session) => Some(sso_session(files, session).ok_or_else(|| {
            invalid(format!(
                "profile `{name}` names sso_session `{session}`, which has no [sso-session {session}] section"
            ))
        })?),
    };
    let get = |key: &str| -> Result<Option<String>, CredentialsError> {
        let own = profile.get(key);
        let shared = session.and_then(|s| s.get(key)).and_then(|v| v.as_text());
        match (own, shared) {
            (Some(own), Some(shared)) if own != shared => {
                Err(invalid(format!("profile `{name}`: {key} differs between the profile and its sso-session section")))
            }
            (own, shared) => Ok(shared.or(own).map(str::to_owned)),
        }
    };
    let (start_url, sso_region) = (get("sso_start_url")?, get("sso_region")?);
    let (account_id, role_name) = (get("sso_account_id")?, get("sso_role_name")?);
    let missing: Vec<&str> = [
        ("sso_role_name", &role_name),
        ("sso_account_id", &account_id),
        ("sso_start_url", &start_url),
        ("sso_region", &sso_region),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_none())
    .map(|(k, _)| k)
    .collect();
    let (Some(start_url), Some(sso_region), Some(account_id), Some(role_name)) =
        (start_url, sso_region, account_id, role_name)
    else {
        return Err(invalid(format!(
            "profile `{name}` is configured for IAM Identity Center but lacks {}",
            missing.join(", ")
        )));
    };
    let key = session_name.unwrap_or(&start_url);
    let cache_file = env
        .expand_path(&format!("~/.aws/sso/cache/{}.json", hex(&crate::sha1::sha1(key.as_bytes()))))
        .map_err(|e| invalid(format!("cannot find the SSO token cache: {e}")))?;
    Ok(SsoRequest {
        profile: name.to_owned(),
        start_url,
        sso_region,
        account_id,
        role_name,
        session_name: session_name.map(str::to_owned),
        cache_file,
    })
}

/// The config file's `[sso-session NAME]` section.
fn sso_session<'a>(files: &'a SharedFiles, name: &str) -> Option<&'a crate::ini::Section> {
    files.config_file().contents()?.sections().iter().rev().find(|section| {
        section.name().starts_with("sso-session")
            && split_command_line(section.name()).is_ok_and(|words| matches!(&words[..], [_, n] if n.as_str() == name))
    })
}

/// Used by the message of a profile that needs role sources.
pub(crate) fn unsupported(plan: &Plan) -> Option<CredentialsError> {
    plan.needs_role_sources().map(|what| no_role_sources(&what))
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
