//! Reading role chains, web identity and SSO settings, and carrying them out
//! through a recording [`RoleSources`] (no network: the calls themselves are
//! tested in `lean-aws-credentials` against loopback fakes).

use super::*;
use crate::credentials::roles::{RefreshedSsoToken, RoleContext, RoleSources, SsoTokenRefresh};
use crate::credentials::{CredentialsErrorKind, ProfileCredentialsProvider, ProvideCredentials};
use crate::os::Fs;
use crate::transport::BoxFuture;
use std::future::Future;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime};

const CONFIG: &str = "/home/me/.aws/config";
const KEYS: &str = "aws_access_key_id = BASE\naws_secret_access_key = S\n";

fn env(vars: &[(&str, &str)]) -> Env {
    Env::from_vars([("HOME", "/home/me"), ("AWS_EC2_METADATA_DISABLED", "true")].iter().chain(vars).copied())
}

fn plan_of(vars: &[(&str, &str)], config: &str) -> Result<Plan, CredentialsError> {
    let env = env(vars);
    let files = SharedFiles::load(&env, &Fs::from_files([(CONFIG, config)])).unwrap();
    plan(&files, &ProfileName::from_env(&env), &env, true)
}

fn hops(plan: &Plan) -> Vec<(&str, &str)> {
    plan.hops.iter().map(|h| (h.profile.as_str(), h.role_arn.as_str())).collect()
}

#[test]
fn a_role_chain_is_followed_to_its_keys_and_assumed_from_there() {
    let config = format!(
        "[profile a]\nrole_arn = arn:a\nsource_profile = b\nexternal_id = ext\nrole_session_name = s\n\
         duration_seconds = 900\n[profile b]\nrole_arn = arn:b\nsource_profile = c\n[profile c]\n{KEYS}"
    );
    let plan = plan_of(&[("AWS_PROFILE", "a")], &config).unwrap();
    assert_eq!(plan.base, Base::Keys(Credentials::from_keys("BASE", "S")));
    assert_eq!(hops(&plan), [("b", "arn:b"), ("a", "arn:a")]);
    let a = &plan.hops[1];
    assert_eq!(
        (a.external_id.as_deref(), a.role_session_name.as_str(), a.duration_seconds),
        (Some("ext"), "s", Some(900))
    );
    assert!(plan.hops[0].role_session_name.starts_with("lean-aws-session-"), "{:?}", plan.hops[0]);
}

#[test]
fn source_profile_loops_are_errors_but_a_profile_may_source_its_own_keys() {
    let config =
        "[profile a]\nrole_arn = arn:a\nsource_profile = b\n[profile b]\nrole_arn = arn:b\nsource_profile = a\n";
    let e = plan_of(&[("AWS_PROFILE", "a")], config).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert_eq!(e.to_string(), "source_profile loop: a -> b -> a");
    let e = plan_of(&[], "[default]\nrole_arn = arn:a\nsource_profile = default\n").unwrap_err();
    assert_eq!(e.to_string(), "source_profile loop: default -> default");
    let plan = plan_of(&[], &format!("[default]\nrole_arn = arn:a\nsource_profile = default\n{KEYS}")).unwrap();
    assert_eq!(plan.base, Base::Keys(Credentials::from_keys("BASE", "S")));
    assert_eq!(hops(&plan), [("default", "arn:a")]);
}

#[test]
fn a_role_needs_exactly_one_known_source() {
    let plan = plan_of(&[], "[default]\nrole_arn = arn:a\ncredential_source = Environment\n").unwrap();
    assert_eq!(plan.base, Base::Source(CredentialSource::Environment));
    let err = |config: &str| plan_of(&[], config).unwrap_err().to_string();
    assert!(err("[default]\nrole_arn = arn:a\n").contains("neither source_profile nor credential_source"));
    let both = "[default]\nrole_arn = arn:a\ncredential_source = Environment\nsource_profile = x\n";
    assert!(err(both).contains("has both source_profile and credential_source"));
    assert!(err("[default]\nrole_arn = arn:a\ncredential_source = Env\n").contains("`Env` is not one of"));
    assert!(err("[default]\nrole_arn = arn:a\nsource_profile = gone\n").contains("source_profile `gone`"));
    let mfa = format!("[default]\nrole_arn = arn:a\nsource_profile = default\nmfa_serial = arn:mfa\n{KEYS}");
    assert!(err(&mfa).contains("has mfa_serial: roles that need an MFA code are not supported"));
    let empty = "[default]\nrole_arn = arn:a\nsource_profile = b\n[profile b]\nregion = x\n";
    assert!(err(empty).contains("the source_profile `b` of profile `default` has no credentials"));
}

#[test]
fn web_identity_takes_each_setting_from_its_variable_first() {
    let config = "[default]\nweb_identity_token_file = /profile/token\nrole_arn = arn:profile\n";
    let plan = plan_of(&[("AWS_WEB_IDENTITY_TOKEN_FILE", "/env/token")], config).unwrap();
    let Base::WebIdentity(request) = plan.base else { panic!("{plan:?}") };
    assert_eq!((request.token_file.as_path(), request.role_arn.as_str()), (Path::new("/env/token"), "arn:profile"));
    let vars = [("AWS_WEB_IDENTITY_TOKEN_FILE", "~/t"), ("AWS_ROLE_ARN", "arn:env"), ("AWS_ROLE_SESSION_NAME", "n")];
    let Base::WebIdentity(request) = plan_of(&vars, "").unwrap().base else { panic!() };
    assert_eq!(request.token_file, Path::new("/home/me/t"));
    assert_eq!((request.role_arn.as_str(), request.role_session_name.as_str()), ("arn:env", "n"));
    let e = plan_of(&[("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")], "").unwrap_err();
    assert!(e.to_string().contains("set role_arn in the profile or AWS_ROLE_ARN"), "{e}");
    // A role profile comes first (botocore's AssumeRoleProvider is before it).
    let role = format!("[default]\nrole_arn = arn:a\nsource_profile = default\n{KEYS}");
    assert_eq!(hops(&plan_of(&[("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")], &role).unwrap()), [("default", "arn:a")]);
}

#[test]
fn sso_settings_come_from_the_profile_or_its_session() {
    let legacy = "[default]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n\
                  sso_account_id = 123\nsso_role_name = Admin\n";
    let Base::Sso(request) = plan_of(&[], legacy).unwrap().base else { panic!() };
    assert_eq!(request.session_name, None);
    // hashlib.sha1(b"https://d-1.awsapps.com/start").hexdigest()
    assert_eq!(request.cache_file, Path::new("/home/me/.aws/sso/cache/0c54b6c27e90660baa89eaad85ac1d5dae26cb7d.json"));
    let session = "[default]\nsso_session = my-sso\nsso_account_id = 123\nsso_role_name = Admin\n\
                   [sso-session my-sso]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n";
    let Base::Sso(request) = plan_of(&[], session).unwrap().base else { panic!() };
    assert_eq!((request.session_name.as_deref(), request.sso_region.as_str()), (Some("my-sso"), "eu-west-1"));
    assert_eq!(request.cache_file, Path::new("/home/me/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"));
    let err = |config: &str| plan_of(&[], config).unwrap_err().to_string();
    assert!(err("[default]\nsso_account_id = 1\nsso_role_name = r\n").contains("lacks sso_start_url, sso_region"));
    assert!(err("[default]\nsso_session = gone\nsso_account_id = 1\n").contains("no [sso-session gone] section"));
    let mismatch = format!("{session}[profile x]\n")
        .replace("sso_role_name = Admin\n", "sso_role_name = Admin\nsso_region = us-east-1\n");
    assert!(err(&mismatch).contains("sso_region differs"), "{}", err(&mismatch));
}

/// Answers every call with credentials naming it, and records the calls.
#[derive(Debug, Default)]
struct Recorder {
    calls: Mutex<Vec<String>>,
    refresh_fails: bool,
}

impl Recorder {
    fn answer(&self, call: String) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.calls.lock().unwrap().push(call.clone());
        let expiry = SystemTime::now() + Duration::from_secs(3600);
        Box::pin(std::future::ready(Ok(Credentials::new(call, "S", Some("T".into()), Some(expiry)))))
    }
}

impl RoleSources for Recorder {
    fn assume_role_with_web_identity<'a>(
        &'a self,
        request: &'a WebIdentityRequest,
        token: String,
        _: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        self.answer(format!("web {} {token}", request.role_arn))
    }

    fn assume_role<'a>(
        &'a self,
        request: &'a AssumeRoleRequest,
        source: Credentials,
        _: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        self.answer(format!("role {} from {}", request.role_arn, source.access_key_id()))
    }

    fn sso_role_credentials<'a>(
        &'a self,
        request: &'a SsoRequest,
        access_token: &'a str,
        _: &'a RoleContext,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        self.answer(format!("sso {} {} {access_token}", request.account_id, request.role_name))
    }

    fn refresh_sso_token<'a>(
        &'a self,
        request: &'a SsoTokenRefresh,
        _: &'a RoleContext,
    ) -> BoxFuture<'a, Result<RefreshedSsoToken, CredentialsError>> {
        self.calls.lock().unwrap().push(format!("refresh {} {}", request.client_id, request.refresh_token));
        Box::pin(std::future::ready(match self.refresh_fails {
            true => Err(CredentialsError::provider_error("refused")),
            false => Ok(RefreshedSsoToken {
                access_token: "new-token".into(),
                expires_at: SystemTime::now() + Duration::from_secs(3600),
                refresh_token: Some("rotated".into()),
            }),
        }))
    }
}

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("nothing here waits"),
    }
}

fn resolve(recorder: &Arc<Recorder>, vars: &[(&str, &str)], fs: &Fs) -> Result<Credentials, CredentialsError> {
    let provider =
        ProfileCredentialsProvider::with_env_and_fs(env(vars), fs.clone()).with_role_sources(recorder.clone());
    block_on(provider.provide_credentials())
}

#[test]
fn roles_are_assumed_in_order_from_the_base_credentials() {
    let config = format!(
        "[profile a]\nrole_arn = arn:a\nsource_profile = b\n[profile b]\nrole_arn = arn:b\nsource_profile = c\n\
         [profile c]\n{KEYS}[profile e]\nrole_arn = arn:e\ncredential_source = Environment\n"
    );
    let fs = Fs::from_files([(CONFIG, config)]);
    let recorder = Arc::new(Recorder::default());
    let found = resolve(&recorder, &[("AWS_PROFILE", "a")], &fs).unwrap();
    assert_eq!(found.access_key_id(), "role arn:a from role arn:b from BASE");
    let vars = [("AWS_PROFILE", "e"), ("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "S")];
    assert_eq!(resolve(&recorder, &vars, &fs).unwrap().access_key_id(), "role arn:e from ENVKEY");
    let e = resolve(&recorder, &[("AWS_PROFILE", "e")], &fs).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(e.to_string().starts_with("credential_source Environment: AWS_ACCESS_KEY_ID is not set"), "{e}");
}

#[test]
fn web_identity_reads_the_token_file_each_time() {
    let fs = Fs::from_files([("/t", "jwt-1")]);
    let recorder = Arc::new(Recorder::default());
    let vars = [("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"), ("AWS_ROLE_ARN", "arn:w")];
    assert_eq!(resolve(&recorder, &vars, &fs).unwrap().access_key_id(), "web arn:w jwt-1");
    fs.write(Path::new("/t"), b"jwt-2").unwrap();
    assert_eq!(resolve(&recorder, &vars, &fs).unwrap().access_key_id(), "web arn:w jwt-2");
    let e = resolve(&recorder, &[("AWS_WEB_IDENTITY_TOKEN_FILE", "/gone"), ("AWS_ROLE_ARN", "a")], &fs).unwrap_err();
    assert!(e.to_string().contains("the web identity token file /gone does not exist"), "{e}");
}

const SESSION: &str = "[default]\nsso_session = my-sso\nsso_account_id = 123\nsso_role_name = Admin\n\
                       [sso-session my-sso]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n";
const SESSION_CACHE: &str = "/home/me/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json";

fn token(expires_in: i64, refresh: bool) -> String {
    let at = crate::datetime::DateTime::from(SystemTime::now()).as_secs_f64() as i64 + expires_in;
    let at = crate::datetime::DateTime::from_fractional_secs(at as f64).fmt(crate::datetime::Format::DateTime);
    let refresh = match refresh {
        true => {
            r#", "refreshToken": "r1", "clientId": "cid", "clientSecret": "cs", "registrationExpiresAt": "2999-01-01T00:00:00Z""#
        }
        false => "",
    };
    format!(r#"{{"startUrl": "https://d-1.awsapps.com/start", "accessToken": "cached", "expiresAt": "{at}"{refresh}}}"#)
}

#[test]
fn sso_uses_the_cached_token_and_refreshes_it_when_due() {
    let recorder = Arc::new(Recorder::default());
    let fs = Fs::from_files([(CONFIG, SESSION.to_owned()), (SESSION_CACHE, token(3600, true))]);
    assert_eq!(resolve(&recorder, &[], &fs).unwrap().access_key_id(), "sso 123 Admin cached");
    // Within 15 minutes of expiry: refreshed, and the file rewritten with the new token.
    let fs = Fs::from_files([(CONFIG, SESSION.to_owned()), (SESSION_CACHE, token(60, true))]);
    assert_eq!(resolve(&recorder, &[], &fs).unwrap().access_key_id(), "sso 123 Admin new-token");
    let file = fs.read_to_string(Path::new(SESSION_CACHE)).unwrap().unwrap();
    assert!(file.contains(r#""accessToken":"new-token""#) && file.contains(r#""refreshToken":"rotated""#), "{file}");
    assert!(file.contains(r#""clientId":"cid""#) && file.contains(r#""startUrl":"#), "{file}");
    assert_eq!(recorder.calls.lock().unwrap()[1], "refresh cid r1");
    // A failed refresh keeps the token while it lasts.
    let failing = Arc::new(Recorder { refresh_fails: true, ..Recorder::default() });
    let fs = Fs::from_files([(CONFIG, SESSION.to_owned()), (SESSION_CACHE, token(60, true))]);
    assert_eq!(resolve(&failing, &[], &fs).unwrap().access_key_id(), "sso 123 Admin cached");
}

#[test]
fn an_expired_sso_token_without_refresh_asks_for_a_login() {
    let recorder = Arc::new(Recorder::default());
    let fs = Fs::from_files([(CONFIG, SESSION.to_owned()), (SESSION_CACHE, token(-60, false))]);
    let e = resolve(&recorder, &[], &fs).unwrap_err();
    assert!(e.to_string().contains("cannot be refreshed: run `aws sso login` for --sso-session my-sso"), "{e}");
    let fs = Fs::from_files([(CONFIG, SESSION.to_owned())]);
    let e = resolve(&recorder, &[], &fs).unwrap_err();
    assert!(e.to_string().starts_with("no SSO token for my-sso is cached: run `aws sso login`"), "{e}");
    assert!(recorder.calls.lock().unwrap().is_empty());
}

#[test]
fn each_source_has_a_provider_of_its_own() {
    use crate::credentials::{AssumeRoleCredentialsProvider, SsoCredentialsProvider, WebIdentityCredentialsProvider};
    let recorder: Arc<Recorder> = Arc::new(Recorder::default());
    let config = format!(
        "[default]\nrole_arn = arn:a\nsource_profile = k\n[profile k]\n{KEYS}{}",
        SESSION.replace("[default]", "[profile s]")
    );
    let fs = Fs::from_files([(CONFIG, config), ("/t", "jwt".to_owned()), (SESSION_CACHE, token(3600, false))]);
    let web = [("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"), ("AWS_ROLE_ARN", "arn:w")];
    let load = |provider: &dyn ProvideCredentials| block_on(provider.provide_credentials());
    let role = AssumeRoleCredentialsProvider::with_env_and_fs(env(&web), fs.clone(), recorder.clone());
    assert_eq!(load(&role).unwrap().access_key_id(), "role arn:a from BASE");
    // The web identity variables serve their own provider even where a role comes first in the chain.
    let web_identity = WebIdentityCredentialsProvider::with_env_and_fs(env(&web), fs.clone(), recorder.clone());
    assert_eq!(load(&web_identity).unwrap().access_key_id(), "web arn:w jwt");
    let sso = SsoCredentialsProvider::with_env_and_fs(env(&[]), fs.clone(), recorder.clone()).profile_name("s");
    assert_eq!(load(&sso).unwrap().access_key_id(), "sso 123 Admin cached");
    // A profile that does not use the source: nothing to offer, so a chain would go on.
    let role = AssumeRoleCredentialsProvider::with_env_and_fs(env(&[]), fs.clone(), recorder.clone()).profile_name("k");
    let e = load(&role).unwrap_err();
    assert!(e.is_not_loaded() && e.to_string() == "profile `k` (chosen by the caller) has no role_arn", "{e}");
    let e = load(&WebIdentityCredentialsProvider::with_env_and_fs(env(&[]), fs.clone(), recorder.clone())).unwrap_err();
    assert!(e.is_not_loaded(), "{e}");
    assert!(load(&SsoCredentialsProvider::with_env_and_fs(env(&[]), fs, recorder)).unwrap_err().is_not_loaded());
}
