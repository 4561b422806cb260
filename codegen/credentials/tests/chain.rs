//! The default chain with this crate's clients, against loopback fakes of
//! STS, SSO and SSO-OIDC: one test per precedence rule, the requests each
//! source sends, and expired credentials fetched again.

mod fake;

use fake::{Fake, iso8601};
use lean_aws_runtime::blocking::BlockingAdapter;
use lean_aws_runtime::credentials::{
    Credentials, CredentialsError, DefaultCredentialsChain, ProfileCredentialsProvider, ProvideCredentials,
};
use lean_aws_runtime::os::{Env, Fs};
use lean_aws_runtime::transport::Transport;
use lean_aws_runtime::ureq_transport::UreqTransport;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const CONFIG: &str = "/home/me/.aws/config";
const CREDENTIALS: &str = "/home/me/.aws/credentials";
const TOKEN_FILE: &str = "/var/run/token";

fn transport() -> Arc<dyn Transport> {
    Arc::new(BlockingAdapter(UreqTransport::with_timeouts(Duration::from_secs(2), Some(Duration::from_secs(10)))))
}

/// Variables pointing STS, SSO and SSO-OIDC at the fakes; instance
/// metadata off.
fn env(fakes: &[(&str, &Fake)], vars: &[(&str, &str)]) -> Env {
    let mut all: Vec<(String, String)> = vec![
        ("HOME".into(), "/home/me".into()),
        ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ("AWS_REGION".into(), "eu-west-1".into()),
    ];
    all.extend(fakes.iter().map(|(service, fake)| (format!("AWS_ENDPOINT_URL_{service}"), fake.url.clone())));
    all.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Env::from_vars(all)
}

fn chain(env: Env, fs: &Fs) -> DefaultCredentialsChain {
    DefaultCredentialsChain::with_env_and_fs(env, fs.clone())
        .with_transport(transport())
        .with_role_sources(lean_aws_credentials::role_sources())
}

fn load(chain: &DefaultCredentialsChain) -> Result<Credentials, CredentialsError> {
    pollster::block_on(chain.provide_credentials())
}

const KEYS: &str = "aws_access_key_id = BASE\naws_secret_access_key = base-secret\n";

#[test]
fn environment_keys_beat_web_identity() {
    let sts = fake::sts(3600);
    let vars = [
        ("AWS_ACCESS_KEY_ID", "ENV"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web"),
    ];
    let fs = Fs::from_files([(TOKEN_FILE, "jwt")]);
    assert_eq!(load(&chain(env(&[("STS", &sts)], &vars), &fs)).unwrap().access_key_id(), "ENV");
    assert!(sts.seen().is_empty());
}

#[test]
fn web_identity_variables_beat_the_profiles_keys() {
    let sts = fake::sts(3600);
    let vars = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", TOKEN_FILE),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web"),
        ("AWS_ROLE_SESSION_NAME", "my session"),
    ];
    let fs =
        Fs::from_files([(TOKEN_FILE, "header.payload.sig\n".to_owned()), (CREDENTIALS, format!("[default]\n{KEYS}"))]);
    let found = load(&chain(env(&[("STS", &sts)], &vars), &fs)).unwrap();
    assert_eq!(found.access_key_id(), "AssumeRoleWithWebIdentity-1");
    assert_eq!((found.secret_access_key(), found.session_token()), ("secret-1", Some("token-1")));
    assert_eq!(found.account_id(), Some("123456789012"));
    assert!(found.expiry().is_some_and(|at| at > SystemTime::now() + Duration::from_secs(3000)));
    let seen = sts.seen();
    assert_eq!(seen.len(), 1);
    let form = seen[0].form();
    assert_eq!(form["Action"], "AssumeRoleWithWebIdentity");
    assert_eq!(form["RoleArn"], "arn:aws:iam::123456789012:role/web");
    assert_eq!(form["RoleSessionName"], "my session");
    assert_eq!(form["WebIdentityToken"], "header.payload.sig");
    assert_eq!(seen[0].header("authorization"), None, "AssumeRoleWithWebIdentity is unsigned");
}

#[test]
fn the_profiles_web_identity_settings_serve_without_variables() {
    let sts = fake::sts(3600);
    let config = format!(
        "[default]\nweb_identity_token_file = {TOKEN_FILE}\nrole_arn = arn:aws:iam::1:role/p\nrole_session_name = s\n"
    );
    let fs = Fs::from_files([(TOKEN_FILE, "jwt".to_owned()), (CONFIG, config)]);
    assert_eq!(load(&chain(env(&[("STS", &sts)], &[]), &fs)).unwrap().access_key_id(), "AssumeRoleWithWebIdentity-1");
    let form = sts.seen()[0].form();
    assert_eq!((form["RoleArn"].as_str(), form["RoleSessionName"].as_str()), ("arn:aws:iam::1:role/p", "s"));
}

#[test]
fn a_two_hop_role_chain_signs_each_hop_with_the_previous_credentials() {
    let sts = fake::sts(3600);
    let config = format!(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\nexternal_id = ext-a\n\
         duration_seconds = 1800\nrole_session_name = sess-a\n\
         [profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n[profile c]\n{KEYS}"
    );
    let fs = Fs::from_files([(CONFIG, config)]);
    let found = load(&chain(env(&[("STS", &sts)], &[("AWS_PROFILE", "a")]), &fs)).unwrap();
    assert_eq!(found.access_key_id(), "AssumeRole-2");
    let seen = sts.seen();
    assert_eq!(seen.len(), 2);
    let (first, second) = (seen[0].form(), seen[1].form());
    assert_eq!((first["Action"].as_str(), first["RoleArn"].as_str()), ("AssumeRole", "arn:aws:iam::1:role/b"));
    assert!(!first.contains_key("ExternalId") && !first.contains_key("DurationSeconds"), "{first:?}");
    assert_eq!(second["RoleArn"], "arn:aws:iam::1:role/a");
    assert_eq!((second["ExternalId"].as_str(), second["DurationSeconds"].as_str()), ("ext-a", "1800"));
    assert_eq!(second["RoleSessionName"], "sess-a");
    // Each hop is signed with the credentials before it, in the configured region.
    let signer = |seen: &fake::Seen| seen.header("authorization").unwrap_or_default().to_owned();
    assert!(signer(&seen[0]).contains("Credential=BASE/") && signer(&seen[0]).contains("/eu-west-1/sts/"));
    assert!(signer(&seen[1]).contains("Credential=AssumeRole-1/"), "{}", signer(&seen[1]));
    assert_eq!(seen[1].header("x-amz-security-token"), Some("token-1"));
}

#[test]
fn a_source_profile_loop_is_an_error_before_any_call() {
    let sts = fake::sts(3600);
    let config =
        "[profile a]\nrole_arn = arn:a\nsource_profile = b\n[profile b]\nrole_arn = arn:b\nsource_profile = a\n";
    let fs = Fs::from_files([(CONFIG, config)]);
    let e = load(&chain(env(&[("STS", &sts)], &[("AWS_PROFILE", "a")]), &fs)).unwrap_err();
    assert!(e.to_string().ends_with("source_profile loop: a -> b -> a"), "{e}");
    assert!(sts.seen().is_empty());
}

#[test]
fn credential_source_environment_assumes_the_role_with_the_environments_keys() {
    let sts = fake::sts(3600);
    let fs =
        Fs::from_files([(CONFIG, "[profile e]\nrole_arn = arn:aws:iam::1:role/e\ncredential_source = Environment\n")]);
    let vars = [("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "S")];
    // A profile chosen in code: the chain's environment source does not come first.
    let provider = ProfileCredentialsProvider::with_env_and_fs(env(&[("STS", &sts)], &vars), fs)
        .profile_name("e")
        .with_transport(transport())
        .with_role_sources(lean_aws_credentials::role_sources());
    let found = pollster::block_on(provider.provide_credentials()).unwrap();
    assert_eq!(found.access_key_id(), "AssumeRole-1");
    let seen = sts.seen();
    assert_eq!(seen[0].form()["RoleArn"], "arn:aws:iam::1:role/e");
    assert!(seen[0].header("authorization").unwrap().contains("Credential=ENVKEY/"));
}

#[test]
fn sts_is_called_in_the_region_of_the_profile_chosen_in_code() {
    let sts = fake::sts(3600);
    let config = "[default]\nregion = us-west-2\n\
                  [profile r]\nregion = ap-south-1\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n";
    let fs = Fs::from_files([(CONFIG, config)]);
    // No region variable, so the profile's own region decides.
    let env = Env::from_vars([
        ("HOME", "/home/me"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_ENDPOINT_URL_STS", sts.url.as_str()),
        ("AWS_ACCESS_KEY_ID", "ENVKEY"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
    ]);
    let provider = ProfileCredentialsProvider::with_env_and_fs(env, fs)
        .profile_name("r")
        .with_transport(transport())
        .with_role_sources(lean_aws_credentials::role_sources());
    pollster::block_on(provider.provide_credentials()).unwrap();
    let authorization = sts.seen()[0].header("authorization").unwrap_or_default().to_owned();
    assert!(authorization.contains("/ap-south-1/sts/"), "{authorization}");
}

#[test]
fn expired_role_credentials_are_fetched_again() {
    // Five minutes left: inside the chain's refresh window, so every call fetches.
    let sts = fake::sts(300);
    let fs = Fs::from_files([(
        CONFIG,
        format!("[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = s\n[profile s]\n{KEYS}"),
    )]);
    let chain = chain(env(&[("STS", &sts)], &[]), &fs);
    assert_eq!(load(&chain).unwrap().access_key_id(), "AssumeRole-1");
    assert_eq!(load(&chain).unwrap().access_key_id(), "AssumeRole-2");
    assert_eq!(sts.seen().len(), 2);
    // An hour left: kept.
    let sts = fake::sts(3600);
    let chain = self::chain(env(&[("STS", &sts)], &[]), &fs);
    assert_eq!(load(&chain).unwrap().access_key_id(), "AssumeRole-1");
    assert_eq!(load(&chain).unwrap().access_key_id(), "AssumeRole-1");
    assert_eq!(sts.seen().len(), 1);
}

fn sso_fake() -> Fake {
    Fake::start(|seen, index| {
        let expiration =
            (SystemTime::now() + Duration::from_secs(3600)).duration_since(UNIX_EPOCH).unwrap().as_millis();
        let body = format!(
            r#"{{"roleCredentials": {{"accessKeyId": "SSO-{n}", "secretAccessKey": "sso-secret",
                "sessionToken": "sso-token", "expiration": {expiration}}}}}"#,
            n = index + 1
        );
        match seen.target.starts_with("/federation/credentials?") {
            true => (200, body),
            false => (404, "{}".to_owned()),
        }
    })
}

fn cached_token(expires_in: i64, refresh: bool) -> String {
    let at = iso8601(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64 + expires_in);
    let refresh = match refresh {
        true => {
            r#", "refreshToken": "refresh-1", "clientId": "client-1", "clientSecret": "client-secret", "registrationExpiresAt": "2999-01-01T00:00:00Z""#
        }
        false => "",
    };
    format!(
        r#"{{"startUrl": "https://d-1.awsapps.com/start", "region": "eu-west-1", "accessToken": "cached-token", "expiresAt": "{at}"{refresh}}}"#
    )
}

/// `hashlib.sha1(b"https://d-1.awsapps.com/start").hexdigest()`
const LEGACY_CACHE: &str = "/home/me/.aws/sso/cache/0c54b6c27e90660baa89eaad85ac1d5dae26cb7d.json";
/// `hashlib.sha1(b"my-sso").hexdigest()`
const SESSION_CACHE: &str = "/home/me/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json";

const SESSION_CONFIG: &str = "[default]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = Read Only\n\
    [sso-session my-sso]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n";

fn check_get_role_credentials(seen: &fake::Seen, token: &str) {
    assert_eq!(seen.method, "GET");
    assert!(seen.target.starts_with("/federation/credentials?"), "{}", seen.target);
    let query = seen.form();
    assert_eq!((query["role_name"].as_str(), query["account_id"].as_str()), ("Read Only", "123456789012"));
    assert_eq!(seen.header("x-amz-sso_bearer_token"), Some(token));
    assert_eq!(seen.header("authorization"), None);
}

#[test]
fn legacy_sso_profile_uses_the_token_cached_under_its_start_url() {
    let sso = sso_fake();
    let config = "[default]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n\
                  sso_account_id = 123456789012\nsso_role_name = Read Only\n";
    let fs = Fs::from_files([(CONFIG, config.to_owned()), (LEGACY_CACHE, cached_token(3600, false))]);
    let found = load(&chain(env(&[("SSO", &sso)], &[]), &fs)).unwrap();
    assert_eq!((found.access_key_id(), found.account_id()), ("SSO-1", Some("123456789012")));
    assert!(found.expiry().is_some_and(|at| at > SystemTime::now() + Duration::from_secs(3000)));
    check_get_role_credentials(&sso.seen()[0], "cached-token");
}

#[test]
fn sso_session_refreshes_a_token_near_expiry_and_rewrites_the_cache() {
    let sso = sso_fake();
    let oidc = Fake::start(|seen, _| match (seen.method.as_str(), seen.target.as_str()) {
        ("POST", "/token") => (
            200,
            r#"{"accessToken": "fresh-token", "expiresIn": 28800, "refreshToken": "refresh-2", "tokenType": "Bearer"}"#
                .to_owned(),
        ),
        _ => (404, "{}".to_owned()),
    });
    let fs = Fs::from_files([(CONFIG, SESSION_CONFIG.to_owned()), (SESSION_CACHE, cached_token(120, true))]);
    let found = load(&chain(env(&[("SSO", &sso), ("SSO_OIDC", &oidc)], &[]), &fs)).unwrap();
    assert_eq!(found.access_key_id(), "SSO-1");
    let refresh = &oidc.seen()[0];
    assert!(refresh.body.contains(r#""grantType":"refresh_token""#), "{}", refresh.body);
    assert!(
        refresh.body.contains(r#""refreshToken":"refresh-1""#) && refresh.body.contains(r#""clientId":"client-1""#)
    );
    assert!(refresh.body.contains(r#""clientSecret":"client-secret""#));
    check_get_role_credentials(&sso.seen()[0], "fresh-token");
    let cache = fs.read_to_string(Path::new(SESSION_CACHE)).unwrap().unwrap();
    assert!(
        cache.contains(r#""accessToken":"fresh-token""#) && cache.contains(r#""refreshToken":"refresh-2""#),
        "{cache}"
    );
    assert!(cache.contains(r#""clientId":"client-1""#) && !cache.contains("cached-token"), "{cache}");
}

#[test]
fn an_expired_sso_token_without_a_refresh_token_asks_for_a_login() {
    let sso = sso_fake();
    let fs = Fs::from_files([(CONFIG, SESSION_CONFIG.to_owned()), (SESSION_CACHE, cached_token(-60, false))]);
    let e = load(&chain(env(&[("SSO", &sso)], &[]), &fs)).unwrap_err();
    assert!(e.to_string().contains("run `aws sso login` for --sso-session my-sso"), "{e}");
    assert!(sso.seen().is_empty());
}

#[test]
fn a_shared_config_with_role_sources_signs_with_the_assumed_role() {
    let sts = fake::sts(3600);
    let fs = Fs::from_files([(
        CONFIG,
        format!("[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = s\n[profile s]\n{KEYS}"),
    )]);
    let shared = lean_aws_runtime::SharedConfig::builder()
        .with_default_providers_using(env(&[("STS", &sts)], &[]), fs)
        .role_sources(lean_aws_credentials::role_sources())
        .shared_transport(transport())
        .build()
        .unwrap();
    let provider = shared.credentials_provider().unwrap();
    assert_eq!(pollster::block_on(provider.provide_credentials()).unwrap().access_key_id(), "AssumeRole-1");
    // Without them, the same profile says what is missing.
    let fs = Fs::from_files([(CONFIG, "[default]\nrole_arn = arn:r\nsource_profile = default\n")]);
    let shared = lean_aws_runtime::SharedConfig::builder()
        .with_default_providers_using(env(&[], &[]), fs)
        .shared_transport(transport())
        .build()
        .unwrap();
    let e = pollster::block_on(shared.credentials_provider().unwrap().provide_credentials()).unwrap_err();
    assert!(e.to_string().contains("add the `lean-aws-credentials` crate"), "{e}");
}
