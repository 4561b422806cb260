//! Credential providers over fixed variables and files: never the process
//! environment or the real home directory.

use super::*;
use crate::transport::Transport;
use std::future::Future;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

const CONFIG: &str = "/home/me/.aws/config";
const CREDENTIALS: &str = "/home/me/.aws/credentials";

/// Every provider here answers at once; waiting would be a bug.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a provider here should never wait"),
    }
}

/// No test here reaches for the instance metadata service.
fn env(vars: &[(&str, &str)]) -> Env {
    Env::from_vars([("HOME", "/home/me"), ("AWS_EC2_METADATA_DISABLED", "true")].iter().chain(vars).copied())
}

fn fs(files: &[(&str, &str)]) -> Fs {
    Fs::from_files(files.iter().copied())
}

fn from_env(vars: &[(&str, &str)]) -> Result<Credentials, CredentialsError> {
    EnvironmentCredentialsProvider::with_env(env(vars)).load()
}

fn from_profile(vars: &[(&str, &str)], files: &[(&str, &str)]) -> Result<Credentials, CredentialsError> {
    ProfileCredentialsProvider::with_env_and_fs(env(vars), fs(files)).load()
}

fn from_chain(vars: &[(&str, &str)], files: &[(&str, &str)]) -> Result<Credentials, CredentialsError> {
    block_on(DefaultCredentialsChain::with_env_and_fs(env(vars), fs(files)).provide_credentials())
}

fn keys(c: &Credentials) -> (&str, &str, Option<&str>) {
    (c.access_key_id(), c.secret_access_key(), c.session_token())
}

#[test]
fn debug_redacts_secret_and_token() {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI", Some("FwoGZXIvYXdzEXAMPLETOKEN".into()), Some(at));
    let text = format!("{creds:?} {creds:#?}");
    assert!(!text.contains("wJalrXUtnFEMI") && !text.contains("FwoGZXIvYXdzEXAMPLETOKEN"), "{text}");
    assert!(
        text.contains("AKIDEXAMPLE") && text.contains("redacted") && text.contains("2023-11-14T22:13:20Z"),
        "{text}"
    );
    let text = format!("{:?}", Credentials::from_keys("AKID", "wJalrXUtnFEMI"));
    assert!(text.contains("session_token: None") && !text.contains("wJalrXUtnFEMI"), "{text}");
}

#[test]
fn static_credentials_provide_themselves() {
    let creds = Credentials::from_keys("AKID", "SECRET");
    assert_eq!(block_on(creds.provide_credentials()).unwrap(), creds);
    let shared: Arc<dyn ProvideCredentials> = Arc::new(creds.clone());
    assert_eq!(block_on(shared.provide_credentials()).unwrap(), creds);
}

#[test]
fn environment_reads_botocore_variables() {
    let c = from_env(&[("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "S")]).unwrap();
    assert_eq!(keys(&c), ("AKID", "S", None));
    assert_eq!(c.expiry(), None);
    let c =
        from_env(&[("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "S"), ("AWS_SESSION_TOKEN", "T")]).unwrap();
    assert_eq!(c.session_token(), Some("T"));
    // The legacy token variable comes first, as in botocore; an empty one is unset.
    let both = [
        ("AWS_ACCESS_KEY_ID", "A"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
        ("AWS_SESSION_TOKEN", "new"),
        ("AWS_SECURITY_TOKEN", "old"),
    ];
    assert_eq!(from_env(&both).unwrap().session_token(), Some("old"));
    let empty_legacy = [
        ("AWS_ACCESS_KEY_ID", "A"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
        ("AWS_SESSION_TOKEN", "new"),
        ("AWS_SECURITY_TOKEN", ""),
    ];
    assert_eq!(from_env(&empty_legacy).unwrap().session_token(), Some("new"));
}

#[test]
fn environment_reads_the_expiry() {
    let vars = [
        ("AWS_ACCESS_KEY_ID", "A"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
        ("AWS_CREDENTIAL_EXPIRATION", "2030-01-02T03:04:05Z"),
    ];
    let expiry = from_env(&vars).unwrap().expiry().unwrap();
    assert_eq!(DateTime::from(expiry).to_string(), "2030-01-02T03:04:05Z");
    let bad = [("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "S"), ("AWS_CREDENTIAL_EXPIRATION", "tomorrow")];
    let e = from_env(&bad).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(e.to_string().starts_with("AWS_CREDENTIAL_EXPIRATION:") && std::error::Error::source(&e).is_some(), "{e}");
}

#[test]
fn environment_without_keys_is_not_loaded_and_half_keys_are_invalid() {
    let e = from_env(&[("AWS_SECRET_ACCESS_KEY", "S")]).unwrap_err();
    assert!(e.is_not_loaded());
    assert_eq!(e.to_string(), "AWS_ACCESS_KEY_ID is not set");
    assert!(from_env(&[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", "S")]).unwrap_err().is_not_loaded());
    let e = from_env(&[("AWS_ACCESS_KEY_ID", "A")]).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    // Only botocore's names count.
    assert!(from_env(&[("AWS_ACCESS_KEY", "A"), ("AWS_SECRET_KEY", "S")]).unwrap_err().is_not_loaded());
}

#[test]
fn profile_keys_from_the_credentials_file() {
    let files = [(CREDENTIALS, "[default]\naws_access_key_id = A\naws_secret_access_key = S\naws_session_token = T\n")];
    assert_eq!(keys(&from_profile(&[], &files).unwrap()), ("A", "S", Some("T")));
    let files = [(
        CREDENTIALS,
        "[default]\nAWS_ACCESS_KEY_ID=A\nAws_Secret_Access_Key: S\naws_security_token = old\naws_session_token = new\n",
    )];
    assert_eq!(keys(&from_profile(&[], &files).unwrap()), ("A", "S", Some("old")));
}

#[test]
fn profile_keys_from_the_config_file_use_profile_sections() {
    let files = [(
        CONFIG,
        "[profile dev]\naws_access_key_id = A\naws_secret_access_key = S\n[dev]\naws_access_key_id = WRONG\n",
    )];
    assert_eq!(keys(&from_profile(&[("AWS_PROFILE", "dev")], &files).unwrap()), ("A", "S", None));
    let files = [(CONFIG, "[default]\naws_access_key_id = A\naws_secret_access_key = S\naws_session_token =\n")];
    assert_eq!(keys(&from_profile(&[], &files).unwrap()), ("A", "S", None));
}

#[test]
fn credentials_file_wins_over_config_file() {
    let files = [
        (CONFIG, "[profile dev]\naws_access_key_id = CONFIG\naws_secret_access_key = CS\n"),
        (CREDENTIALS, "[dev]\naws_access_key_id = CREDS\naws_secret_access_key = KS\n"),
    ];
    assert_eq!(keys(&from_profile(&[("AWS_PROFILE", "dev")], &files).unwrap()), ("CREDS", "KS", None));
    // Keys are taken from one file, never mixed: a half pair there is an error.
    let files = [
        (CONFIG, "[default]\naws_access_key_id = CONFIG\naws_secret_access_key = CS\n"),
        (CREDENTIALS, "[default]\naws_access_key_id = CREDS\n"),
    ];
    let e = from_profile(&[], &files).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(e.to_string().contains(CREDENTIALS) && e.to_string().contains("aws_secret_access_key is not"), "{e}");
}

#[test]
fn profile_chosen_by_variable_in_botocore_order_or_in_code() {
    let files = [(
        CREDENTIALS,
        "[a]\naws_access_key_id = A\naws_secret_access_key = S\n[b]\naws_access_key_id = B\naws_secret_access_key = S\n",
    )];
    let id = |vars: &[(&str, &str)]| from_profile(vars, &files).map(|c| c.access_key_id().to_owned());
    assert_eq!(id(&[("AWS_PROFILE", "a")]).unwrap(), "A");
    assert_eq!(id(&[("AWS_PROFILE", "a"), ("AWS_DEFAULT_PROFILE", "b")]).unwrap(), "B");
    let p = ProfileCredentialsProvider::with_env_and_fs(env(&[("AWS_PROFILE", "a")]), fs(&files)).profile_name("b");
    assert_eq!(p.load().unwrap().access_key_id(), "B");
    let e = id(&[("AWS_PROFILE", "c")]).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(
        e.to_string().contains("profile `c` (chosen by AWS_PROFILE) is in neither")
            && e.to_string().contains("profiles: a, b"),
        "{e}"
    );
}

#[test]
fn missing_default_profile_or_keys_are_not_loaded() {
    let e = from_profile(&[], &[]).unwrap_err();
    assert!(e.is_not_loaded());
    assert!(e.to_string().contains("/home/me/.aws/config (missing)"), "{e}");
    let e = from_profile(&[], &[(CONFIG, "[default]\nregion = us-east-1\n")]).unwrap_err();
    assert!(e.is_not_loaded() && e.to_string().contains("has no aws_access_key_id"), "{e}");
}

#[test]
fn sources_that_need_calls_name_the_missing_crate_in_botocore_order() {
    let unsupported = |vars: &[(&str, &str)], config: &str| {
        let e = from_profile(vars, &[(CONFIG, config)]).unwrap_err();
        assert_eq!(e.kind(), CredentialsErrorKind::Unsupported, "{e}");
        assert!(e.to_string().contains("add the `lean-aws-credentials` crate and set `role_sources("), "{e}");
        // The async path says the same.
        let p = ProfileCredentialsProvider::with_env_and_fs(env(vars), fs(&[(CONFIG, config)]));
        assert_eq!(block_on(p.provide_credentials()).unwrap_err().to_string(), e.to_string());
        e.to_string()
    };
    let keys = "aws_access_key_id = A\naws_secret_access_key = S\n";
    // A role is assumed even when the profile also has keys (they are for the role's source).
    assert!(
        unsupported(&[], &format!("[default]\nrole_arn = arn\nsource_profile = default\n{keys}"))
            .contains("`role_arn`")
    );
    assert!(unsupported(&[], "[default]\nrole_arn = arn\nweb_identity_token_file = /t\n").contains("web identity"));
    assert!(unsupported(&[("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")], "").contains("AWS_WEB_IDENTITY_TOKEN_FILE"));
    assert!(unsupported(&[], "[default]\nsso_account_id = 1\nsso_role_name = r\n").contains("IAM Identity Center"));
    // Keys in the credentials file come before a credential process.
    let in_credentials = format!("[default]\n{keys}");
    let files = [(CONFIG, "[default]\ncredential_process = /bin/creds\n"), (CREDENTIALS, in_credentials.as_str())];
    assert_eq!(from_profile(&[], &files).unwrap().access_key_id(), "A");
    // An SSO session alone (for tokens) is not a credential source.
    assert_eq!(
        from_profile(&[], &[(CONFIG, format!("[default]\nsso_session = s\n{keys}").as_str())]).unwrap().access_key_id(),
        "A"
    );
}

#[test]
fn a_profile_chosen_in_code_ignores_web_identity_variables() {
    let files = [(CREDENTIALS, "[a]\naws_access_key_id = A\naws_secret_access_key = S\n")];
    let vars = [("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")];
    let p = ProfileCredentialsProvider::with_env_and_fs(env(&vars), fs(&files)).profile_name("a");
    assert_eq!(p.load().unwrap().access_key_id(), "A");
}

#[test]
fn broken_files_are_invalid_configuration() {
    let e = from_profile(&[], &[(CREDENTIALS, "[default]\naws_access_key_id\n")]).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(e.to_string().contains("/home/me/.aws/credentials: line 2"), "{e}");
}

#[test]
fn chain_prefers_the_environment() {
    let vars = [("AWS_ACCESS_KEY_ID", "ENV"), ("AWS_SECRET_ACCESS_KEY", "S")];
    let files = [(CREDENTIALS, "[default]\naws_access_key_id = FILE\naws_secret_access_key = S\n")];
    assert_eq!(from_chain(&vars, &files).unwrap().access_key_id(), "ENV");
    assert_eq!(from_chain(&[], &files).unwrap().access_key_id(), "FILE");
}

#[test]
fn chain_error_lists_every_source() {
    let e = from_chain(&[], &[]).unwrap_err();
    assert!(e.is_not_loaded());
    let text = e.to_string();
    assert!(text.starts_with("no credentials found: environment variables: AWS_ACCESS_KEY_ID is not set; shared config files: profile `default` is in neither"), "{text}");
    assert!(text.contains("; container endpoint: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), "{text}");
    assert!(text.ends_with("; instance metadata: AWS_EC2_METADATA_DISABLED is true"), "{text}");
    // A full URI to a host that plain http may not reach stops the chain.
    let e = from_chain(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.169.254/creds")], &[]).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(e.to_string().contains("container endpoint: AWS_CONTAINER_CREDENTIALS_FULL_URI: unsupported host"), "{e}");
}

#[test]
fn chain_stops_at_a_misconfigured_source() {
    // Half keys in the environment stop the chain, as botocore's PartialCredentialsError does.
    let files = [(CREDENTIALS, "[default]\naws_access_key_id = FILE\naws_secret_access_key = S\n")];
    let e = from_chain(&[("AWS_ACCESS_KEY_ID", "A")], &files).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(
        e.to_string().starts_with("cannot load credentials: environment variables: AWS_ACCESS_KEY_ID is set"),
        "{e}"
    );
    let e = from_chain(&[], &[(CONFIG, "[default]\nrole_arn = arn\n")]).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::Unsupported);
    let text = e.to_string();
    assert!(
        text.contains(
            "environment variables: AWS_ACCESS_KEY_ID is not set; shared config files: profile `default` assumes \
             a role (`role_arn`), which needs the STS and SSO clients: add the `lean-aws-credentials` crate"
        ),
        "{text}"
    );
}

#[test]
fn chain_keeps_credentials_until_near_expiry_and_while_a_refresh_fails() {
    let chain = DefaultCredentialsChain::with_env_and_fs(env(&[]), fs(&[]));
    let cache = |c: Credentials| *chain.cached.lock().unwrap() = Some(c);
    let expiring = |after: Duration| Credentials::new("CACHED", "S", None, Some(SystemTime::now() + after));
    cache(Credentials::from_keys("CACHED", "S"));
    assert_eq!(block_on(chain.load()).unwrap().access_key_id(), "CACHED");
    cache(expiring(ADVISORY_REFRESH_WINDOW * 2));
    assert_eq!(block_on(chain.load()).unwrap().access_key_id(), "CACHED");
    // Near expiry the sources are read again; finding nothing, the cached
    // credentials serve while they work, and not after.
    cache(expiring(REFRESH_WINDOW / 2));
    assert_eq!(block_on(chain.load()).unwrap().access_key_id(), "CACHED");
    cache(Credentials::new("CACHED", "S", None, Some(SystemTime::now() - Duration::from_secs(1))));
    assert!(block_on(chain.load()).unwrap_err().is_not_loaded());

    // Within the advisory window a source that has credentials replaces them.
    let vars = [("AWS_ACCESS_KEY_ID", "NEW"), ("AWS_SECRET_ACCESS_KEY", "S")];
    let chain = DefaultCredentialsChain::with_env_and_fs(env(&vars), fs(&[]));
    let between = (ADVISORY_REFRESH_WINDOW + REFRESH_WINDOW) / 2;
    *chain.cached.lock().unwrap() = Some(expiring(between));
    assert_eq!(block_on(chain.load()).unwrap().access_key_id(), "NEW");
}

/// Answers container requests slowly, counting them.
#[derive(Debug, Default)]
struct SlowEndpoint(std::sync::atomic::AtomicUsize);

impl Transport for SlowEndpoint {
    fn send(
        &self,
        _: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, crate::error::TransportError>> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(300));
        let body = br#"{"AccessKeyId": "SHARED", "SecretAccessKey": "S"}"#.to_vec();
        Box::pin(std::future::ready(Ok(http::Response::new(body))))
    }
}

#[test]
fn concurrent_callers_share_one_refresh() {
    let endpoint = Arc::new(SlowEndpoint::default());
    let vars = [("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/creds")];
    let chain =
        Arc::new(DefaultCredentialsChain::with_env_and_fs(env(&vars), fs(&[])).with_transport(endpoint.clone()));
    let callers: Vec<_> = (0..4)
        .map(|_| {
            let chain = chain.clone();
            std::thread::spawn(move || crate::sleep::block_on(chain.load()).unwrap().access_key_id().to_owned())
        })
        .collect();
    for caller in callers {
        assert_eq!(caller.join().unwrap(), "SHARED");
    }
    assert_eq!(endpoint.0.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn chain_refuses_credentials_that_already_expired() {
    let vars = [
        ("AWS_ACCESS_KEY_ID", "A"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
        ("AWS_CREDENTIAL_EXPIRATION", "2001-01-01T00:00:00Z"),
    ];
    let e = from_chain(&vars, &[]).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(e.to_string().contains("expired at 2001-01-01T00:00:00Z"), "{e}");
}

#[test]
fn debug_of_providers_shows_no_secrets() {
    let vars = [("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "s3cr3t")];
    let chain =
        DefaultCredentialsChain::with_env_and_fs(env(&vars), fs(&[(CREDENTIALS, "aws_secret_access_key = s3cr3t")]));
    block_on(chain.load()).unwrap();
    let text = format!("{chain:?}");
    assert!(!text.contains("s3cr3t") && text.contains("AWS_SECRET_ACCESS_KEY"), "{text}");
}

/// A fake secret and the credentials files that misplace it.
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

fn misplaced_secrets() -> [String; 4] {
    [
        // On its own line after its key.
        format!("[default]\naws_access_key_id = AKID\naws_secret_access_key =\n{SECRET}\n"),
        // On an indented continuation line.
        format!("[default]\naws_access_key_id = AKID\naws_secret_access_key =\n    {SECRET}\n"),
        // The same, when the secret holds a `=` (a sub-section, for the reader).
        format!("[default]\naws_access_key_id = AKID\naws_secret_access_key =\n    {SECRET}=\n"),
        // Pasted with no key.
        format!("[default]\naws_access_key_id = AKID\n{SECRET}\n"),
    ]
}

#[test]
fn errors_about_misplaced_secrets_name_file_line_and_key_but_never_the_secret() {
    let expected = [
        "line 4: expected `key = value`, `key: value` or `[section]` (after key `aws_secret_access_key` on line 3",
        "line 4: a line under key `aws_secret_access_key` is not `name = value`",
        "line 3: aws_secret_access_key has no value on its own line",
        "line 3: expected `key = value`, `key: value` or `[section]`",
    ];
    for (file, expected) in misplaced_secrets().iter().zip(expected) {
        let files = [(CREDENTIALS, file.as_str())];
        for e in [from_profile(&[], &files).unwrap_err(), from_chain(&[], &files).unwrap_err()] {
            assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
            let text = format!("{e} {e:?} {e:#?}");
            assert!(!text.contains(SECRET) && !text.contains("wJalrXUtnFEMI"), "{text}");
            assert!(e.to_string().contains(CREDENTIALS) && e.to_string().contains(expected), "{e}");
        }
    }
}

#[test]
fn a_key_without_its_secret_names_the_line() {
    let e = from_profile(&[], &[(CONFIG, "[default]\nregion = us-east-1\naws_access_key_id = AKID\n")]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "profile `default` in /home/me/.aws/config line 3: aws_access_key_id is set but aws_secret_access_key is not"
    );
}

#[test]
fn the_account_id_comes_from_the_environment_or_the_profile() {
    let keys = [("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "S")];
    assert_eq!(from_env(&keys).unwrap().account_id(), None);
    let with_id = [keys[0], keys[1], ("AWS_ACCOUNT_ID", "111122223333")];
    assert_eq!(from_env(&with_id).unwrap().account_id(), Some("111122223333"));
    let empty = [keys[0], keys[1], ("AWS_ACCOUNT_ID", "")];
    assert_eq!(from_env(&empty).unwrap().account_id(), None);
    let files =
        [(CREDENTIALS, "[default]\naws_access_key_id = A\naws_secret_access_key = S\naws_account_id = 444455556666\n")];
    assert_eq!(from_profile(&[], &files).unwrap().account_id(), Some("444455556666"));
    let fixed = Credentials::from_keys("A", "S").with_account_id("1");
    assert_eq!((fixed.account_id(), fixed.access_key_id()), (Some("1"), "A"));
    assert!(format!("{fixed:?}").contains("account_id: Some(\"1\")"));
}
