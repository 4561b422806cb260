//! Container credentials against a loopback server that plays the ECS
//! endpoint: the URL and authorization rules, retries, time-outs, and the
//! default chain behind both clients.

mod common;

use common::server::{Canned, Server};
use common::{Fake, NoSleep, block_on};
use pinpoint_sms_voice_v2::Config;
use pinpoint_sms_voice_v2::runtime::blocking::BlockingAdapter;
use pinpoint_sms_voice_v2::runtime::credentials::{
    ContainerCredentialsProvider, CredentialsErrorKind, DefaultCredentialsChain, ProvideCredentials,
};
use pinpoint_sms_voice_v2::runtime::limits::TransportLimits;
use pinpoint_sms_voice_v2::runtime::os::{Env, Fs};
use pinpoint_sms_voice_v2::runtime::transport::Transport;
use pinpoint_sms_voice_v2::runtime::ureq_transport::UreqTransport;
use std::sync::Arc;
use std::time::Duration;

const ANSWER: &str = r#"{"AccessKeyId": "CONTAINERKEY", "SecretAccessKey": "s3cr3t", "Token": "TOKEN", "Expiration": "2099-01-01T00:00:00Z", "RoleArn": "arn:aws:iam::1:role/r", "AccountId": "123456789012"}"#;

fn ok() -> Canned {
    Some((200, ANSWER.to_owned()))
}

fn transport() -> Arc<dyn Transport> {
    let limits = TransportLimits::default().with_read_timeout(Duration::from_millis(300));
    Arc::new(BlockingAdapter(UreqTransport::with_limits(limits)))
}

fn container(vars: &[(&str, &str)]) -> (ContainerCredentialsProvider, NoSleep) {
    let waits = NoSleep::default();
    let env = Env::from_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let provider = ContainerCredentialsProvider::new(env, Fs::real(), transport()).sleep_impl(Arc::new(waits.clone()));
    (provider, waits)
}

#[test]
fn a_full_uri_on_loopback_is_fetched_with_the_token_and_parsed() {
    let server = Server::start(vec![ok()]);
    let url = format!("{}/v2/creds?id=1", server.url());
    let (provider, _) = container(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", url.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok-env"),
    ]);
    let found = block_on(provider.provide_credentials()).unwrap();
    assert_eq!((found.access_key_id(), found.secret_access_key()), ("CONTAINERKEY", "s3cr3t"));
    assert_eq!((found.session_token(), found.account_id()), (Some("TOKEN"), Some("123456789012")));
    assert!(found.expiry().is_some());
    let seen = server.finish();
    assert_eq!(seen[0].request_line, "GET /v2/creds?id=1 HTTP/1.1");
    assert_eq!(seen[0].header("authorization"), Some("tok-env"));
    assert_eq!(seen[0].header("accept"), Some("application/json"));
}

#[test]
fn the_token_file_wins_over_the_variable_and_is_read_at_each_fetch() {
    let dir = std::env::temp_dir().join(format!("container-token-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    std::fs::write(&file, "tok-file-1").unwrap();
    let server = Server::start(vec![ok(), ok()]);
    let url = format!("{}/creds", server.url());
    let vars = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", url.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok-env"),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", file.to_str().unwrap()),
    ];
    let (provider, _) = container(&vars);
    block_on(provider.load()).unwrap();
    std::fs::write(&file, "tok-file-2").unwrap();
    block_on(provider.load()).unwrap();
    let seen = server.finish();
    assert_eq!(seen[0].header("authorization"), Some("tok-file-1"));
    assert_eq!(seen[1].header("authorization"), Some("tok-file-2"));
    std::fs::write(&file, "bad\r\nx-injected: 1").unwrap();
    let e = block_on(provider.load()).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(!e.to_string().contains("injected"), "{e}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn failures_are_tried_three_times_a_second_apart() {
    let server = Server::start(vec![Some((500, "{}".into())), None, ok()]);
    let url = format!("{}/creds", server.url());
    let (provider, waits) = container(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", url.as_str())]);
    assert_eq!(block_on(provider.load()).unwrap().access_key_id(), "CONTAINERKEY");
    assert_eq!(*waits.0.lock().unwrap(), [Duration::from_secs(1); 2]);
    assert_eq!(server.finish().len(), 3);

    let server = Server::start(vec![Some((404, "{}".into())), Some((500, "{}".into())), Some((200, "{".into()))]);
    let url = format!("{}/creds", server.url());
    let (provider, _) = container(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", url.as_str())]);
    let e = block_on(provider.load()).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::ProviderError);
    assert!(
        e.to_string().contains("not a JSON object of credentials") && e.to_string().contains("after 3 attempts"),
        "{e}"
    );
    server.finish();
}

#[test]
fn only_allowed_hosts_are_reached_over_plain_http() {
    let url = |full: &str| container(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", full)]).0.url();
    for allowed in [
        "http://127.0.0.1:8080/c",
        "http://127.1.2.3/c",
        "http://localhost/c",
        "http://[::1]/c",
        "http://169.254.170.2/c",
        "http://169.254.170.23/c",
        "http://[fd00:ec2::23]/c",
        "https://creds.example.com/c",
    ] {
        assert_eq!(url(allowed).unwrap(), allowed);
    }
    for refused in ["http://169.254.169.254/c", "http://example.com/c", "http://10.0.0.1/c", "ftp://127.0.0.1/c"] {
        let e = url(refused).unwrap_err();
        assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration, "{refused}");
    }
    let relative = container(&[
        ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/x"),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://localhost/y"),
    ]);
    assert_eq!(relative.0.url().unwrap(), "http://169.254.170.2/v2/x", "the relative URI wins");
}

/// The default chain: after the environment and the profile, before
/// nothing; the async and blocking clients sign with what it fetched.
#[test]
fn the_chain_fetches_after_the_profile_and_both_clients_sign_with_it() {
    let server = Server::start(vec![ok(), ok()]);
    let url = format!("{}/creds", server.url());
    let env = || {
        Env::from_vars([
            ("HOME", "/home/me"),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", url.as_str()),
            ("AWS_REGION", "us-east-1"),
        ])
    };
    let no_files = || Fs::from_files(Vec::<(String, String)>::new());

    let fake = Fake::fixed(200, r#"{"PhoneNumbers":[]}"#);
    let config =
        Config::builder().transport(fake.clone()).with_default_providers_using(env(), no_files()).build().unwrap();
    block_on(pinpoint_sms_voice_v2::Client::from_conf(config).describe_phone_numbers().send()).unwrap();
    let config = Config::builder()
        .blocking_transport(fake.clone())
        .with_default_providers_using(env(), no_files())
        .build()
        .unwrap();
    pinpoint_sms_voice_v2::blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap();
    for request in fake.requests() {
        let authorization = request.headers()["authorization"].to_str().unwrap().to_owned();
        assert!(authorization.contains("Credential=CONTAINERKEY/"), "{authorization}");
        assert_eq!(request.headers()["x-amz-security-token"], "TOKEN");
    }
    assert_eq!(server.finish().len(), 2, "one fetch per chain, then cached");

    // Profile keys come first: the endpoint is not asked.
    let files = Fs::from_files([(
        "/home/me/.aws/credentials",
        "[default]\naws_access_key_id = FILE\naws_secret_access_key = S\n",
    )]);
    let chain = DefaultCredentialsChain::with_env_and_fs(env(), files).with_transport(transport());
    assert_eq!(block_on(chain.load()).unwrap().access_key_id(), "FILE");
}
