//! Instance metadata credentials against a loopback server that plays
//! IMDS: the token dance, a stale token, no role, IMDSv1 only, time-outs.

mod common;

use common::block_on;
use common::server::{Canned, Server};
use pinpoint_sms_voice_v2::runtime::blocking::BlockingAdapter;
use pinpoint_sms_voice_v2::runtime::credentials::{CredentialsErrorKind, ImdsCredentialsProvider};
use pinpoint_sms_voice_v2::runtime::limits::TransportLimits;
use pinpoint_sms_voice_v2::runtime::os::Env;
use pinpoint_sms_voice_v2::runtime::ureq_transport::UreqTransport;
use std::sync::Arc;
use std::time::Duration;

const CREDENTIALS: &str = r#"{"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ROLEKEY", "SecretAccessKey": "s3cr3t", "Token": "TOKEN", "Expiration": "2099-01-01T00:00:00Z"}"#;

fn answer(status: u16, body: &str) -> Canned {
    Some((status, body.to_owned()))
}

fn imds(server: &Server, vars: &[(&str, &str)]) -> ImdsCredentialsProvider {
    let endpoint = server.url();
    let env = Env::from_vars(
        [("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint.as_str())].iter().chain(vars).map(|(k, v)| (*k, *v)),
    );
    let limits = TransportLimits::default().with_read_timeout(Duration::from_millis(300));
    ImdsCredentialsProvider::new(env, Arc::new(BlockingAdapter(UreqTransport::with_limits(limits))))
}

#[test]
fn a_token_then_the_role_then_its_credentials() {
    let server = Server::start(vec![answer(200, "tok-1"), answer(200, "my-role\n"), answer(200, CREDENTIALS)]);
    let found = block_on(imds(&server, &[]).load()).unwrap();
    assert_eq!((found.access_key_id(), found.session_token()), ("ROLEKEY", Some("TOKEN")));
    let seen = server.finish();
    assert_eq!(seen[0].request_line, "PUT /latest/api/token HTTP/1.1");
    assert_eq!(seen[0].header("x-aws-ec2-metadata-token-ttl-seconds"), Some("21600"));
    assert_eq!(seen[1].request_line, "GET /latest/meta-data/iam/security-credentials/ HTTP/1.1");
    assert_eq!(seen[2].request_line, "GET /latest/meta-data/iam/security-credentials/my-role HTTP/1.1");
    for request in &seen[1..] {
        assert_eq!(request.header("x-aws-ec2-metadata-token"), Some("tok-1"));
    }
}

#[test]
fn a_stale_token_is_renewed_once() {
    let server = Server::start(vec![
        answer(200, "tok-old"),
        answer(401, ""),
        answer(200, "tok-new"),
        answer(200, "my-role"),
        answer(200, CREDENTIALS),
    ]);
    assert_eq!(block_on(imds(&server, &[]).load()).unwrap().access_key_id(), "ROLEKEY");
    let seen = server.finish();
    assert_eq!(seen[3].header("x-aws-ec2-metadata-token"), Some("tok-new"));
    assert_eq!(seen[4].header("x-aws-ec2-metadata-token"), Some("tok-new"));
}

#[test]
fn imdsv1_only_instances_are_asked_without_a_token() {
    let server = Server::start(vec![answer(403, ""), answer(200, "my-role"), answer(200, CREDENTIALS)]);
    assert_eq!(block_on(imds(&server, &[]).load()).unwrap().access_key_id(), "ROLEKEY");
    let seen = server.finish();
    assert_eq!(seen[1].header("x-aws-ec2-metadata-token"), None);
}

#[test]
fn no_role_no_answer_or_disabled_let_the_chain_move_on() {
    let server = Server::start(vec![answer(200, "tok"), answer(404, "")]);
    let e = block_on(imds(&server, &[]).load()).unwrap_err();
    assert!(e.is_not_loaded() && e.to_string().contains("no IAM role"), "{e}");
    server.finish();

    let server = Server::start(vec![None]);
    let e = block_on(imds(&server, &[]).load()).unwrap_err();
    assert!(e.is_not_loaded() && e.to_string().contains("no answer"), "{e}");
    server.finish();

    let server = Server::start(vec![]);
    let e = block_on(imds(&server, &[("AWS_EC2_METADATA_DISABLED", "TRUE")]).load()).unwrap_err();
    assert!(e.is_not_loaded() && e.to_string().contains("AWS_EC2_METADATA_DISABLED"), "{e}");
    assert!(server.finish().is_empty());

    let server = Server::start(vec![answer(200, "tok"), answer(200, "r"), answer(500, "s3cr3t")]);
    let e = block_on(imds(&server, &[]).load()).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::ProviderError);
    assert!(e.to_string().contains("answered 500") && !e.to_string().contains("s3cr3t"), "{e}");
    server.finish();
}

#[test]
fn the_endpoint_follows_the_mode() {
    let endpoint = |vars: &[(&str, &str)]| {
        let transport = Arc::new(BlockingAdapter(UreqTransport::new()));
        ImdsCredentialsProvider::new(Env::from_vars(vars.iter().copied()), transport).endpoint()
    };
    assert_eq!(endpoint(&[]).unwrap(), "http://169.254.169.254");
    assert_eq!(endpoint(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")]).unwrap(), "http://[fd00:ec2::254]");
    let both = [("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6"), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://x/")];
    assert_eq!(endpoint(&both).unwrap(), "http://x");
    let e = endpoint(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ipv5")]).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
}

/// The default chain asks the instance last: after the container endpoint,
/// whose credentials win when both are there.
#[test]
fn the_chain_asks_the_instance_after_the_container_endpoint() {
    use pinpoint_sms_voice_v2::runtime::credentials::DefaultCredentialsChain;
    use pinpoint_sms_voice_v2::runtime::os::Fs;
    let no_files = || Fs::from_files(Vec::<(String, String)>::new());
    let server = Server::start(vec![answer(200, "tok"), answer(200, "my-role"), answer(200, CREDENTIALS)]);
    let url = server.url();
    let env = Env::from_vars([("HOME", "/home/me"), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", url.as_str())]);
    let found = block_on(DefaultCredentialsChain::with_env_and_fs(env, no_files()).load()).unwrap();
    assert_eq!(found.access_key_id(), "ROLEKEY");
    assert_eq!(server.finish().len(), 3);

    let container = r#"{"AccessKeyId": "CONTAINERKEY", "SecretAccessKey": "S"}"#;
    let server = Server::start(vec![answer(200, container)]);
    let url = server.url();
    let full = format!("{url}/creds");
    let env = Env::from_vars([
        ("HOME", "/home/me"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", url.as_str()),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full.as_str()),
    ]);
    let found = block_on(DefaultCredentialsChain::with_env_and_fs(env, no_files()).load()).unwrap();
    assert_eq!(found.access_key_id(), "CONTAINERKEY");
    assert_eq!(server.finish().len(), 1, "the instance is not asked");
}
