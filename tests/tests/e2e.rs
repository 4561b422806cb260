//! End to end over real sockets: the async client (hyper) and the blocking
//! client (ureq) talk to a loopback HTTP server that checks every request's
//! SigV4 signature with its own code, pages through `DescribePhoneNumbers`
//! and injects throttling and 503 answers. Every test is bounded in time.

mod common;
mod loopback;

use loopback::{ACCESS_KEY, Fault, REGION, SECRET_KEY, Server};
use pinpoint_sms_voice_v2::error::SdkError;
use pinpoint_sms_voice_v2::runtime::credentials::Credentials;
use pinpoint_sms_voice_v2::runtime::hyper_transport::HyperTransport;
use pinpoint_sms_voice_v2::runtime::retry::RetryConfig;
use pinpoint_sms_voice_v2::runtime::ureq_transport::UreqTransport;
use pinpoint_sms_voice_v2::{Client, Config, blocking};
use std::time::{Duration, Instant};

/// Short backoffs and time-outs so failures show quickly; the real
/// standard-mode logic otherwise.
fn config(server: &Server) -> pinpoint_sms_voice_v2::ConfigBuilder {
    Config::builder()
        .endpoint_url(server.url())
        .region(REGION)
        .credentials(Credentials::new(ACCESS_KEY, SECRET_KEY, Some("session-token".to_owned()), None))
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(20)))
}

fn async_client(server: &Server) -> Client {
    let transport = HyperTransport::with_connect_timeout(Duration::from_secs(2));
    Client::from_conf(config(server).transport(transport).attempt_timeout(Duration::from_secs(5)).build().unwrap())
}

/// A blocking call cannot be cut short from outside: the transport bounds it.
fn blocking_client(server: &Server) -> blocking::Client {
    let transport = UreqTransport::with_timeouts(Duration::from_secs(2), Some(Duration::from_secs(5)));
    blocking::Client::from_conf(config(server).blocking_transport(transport).build().unwrap())
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn ids(items: &[pinpoint_sms_voice_v2::types::PhoneNumberInformation]) -> Vec<String> {
    items.iter().map(|n| n.phone_number_id().unwrap().to_owned()).collect()
}

fn expected(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("phone-{i:04}")).collect()
}

#[test]
fn async_client_retries_pages_through_everything_and_signs_every_request() {
    let start = Instant::now();
    let server = Server::start(25, &[Fault::Throttle, Fault::Unavailable]);
    let client = async_client(&server);
    let items = runtime()
        .block_on(async {
            tokio::time::timeout(
                Duration::from_secs(30),
                client.describe_phone_numbers().into_paginator().page_size(10).items().try_collect(),
            )
            .await
        })
        .expect("done in time")
        .expect("the retries succeed");
    assert_eq!(ids(&items), expected(25));
    server.assert_all_signed();
    // Two faults retried, then three pages.
    assert_eq!(server.seen().len(), 5);
    assert!(server.seen().iter().all(|s| s.authorization.contains("/us-east-1/sms-voice/aws4_request")));
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn blocking_client_retries_pages_through_everything_and_signs_every_request() {
    let server = Server::start(25, &[Fault::Unavailable, Fault::Throttle]);
    let client = blocking_client(&server);
    let items: Vec<_> = client
        .describe_phone_numbers()
        .into_paginator()
        .page_size(10)
        .items()
        .collect::<Result<_, _>>()
        .expect("the retries succeed");
    assert_eq!(ids(&items), expected(25));
    server.assert_all_signed();
    assert_eq!(server.seen().len(), 5);
}

#[test]
fn async_client_returns_the_typed_error_when_retries_run_out() {
    let server = Server::start(5, &[Fault::Throttle; 3]);
    let client = async_client(&server);
    let err = runtime()
        .block_on(async { tokio::time::timeout(Duration::from_secs(30), client.describe_phone_numbers().send()).await })
        .expect("done in time")
        .unwrap_err();
    let service = err.as_service_error().expect("the typed error");
    assert!(service.is_throttling(), "{service}");
    assert_eq!(service.code(), Some("ThrottlingException"));
    assert_eq!(server.seen().len(), 3, "3 attempts in all");
    server.assert_all_signed();
}

#[test]
fn blocking_client_returns_the_typed_error_when_retries_run_out() {
    let server = Server::start(5, &[Fault::Unavailable; 3]);
    let err = blocking_client(&server).describe_phone_numbers().send().unwrap_err();
    match &err {
        SdkError::Service(e) => assert_eq!(e.meta().status(), 503, "{e}"),
        other => panic!("expected the service's 503, got {other:?}"),
    }
    assert_eq!(server.seen().len(), 3);
    server.assert_all_signed();
}

#[test]
fn a_wrong_secret_is_refused_by_the_server() {
    let server = Server::start(1, &[]);
    let config = config(&server)
        .credentials(Credentials::from_keys(ACCESS_KEY, "not-the-secret"))
        .blocking_transport(UreqTransport::new())
        .build()
        .unwrap();
    let err = blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap_err();
    assert_eq!(err.as_service_error().and_then(|e| e.code()), Some("InvalidSignatureException"));
    assert!(server.seen()[0].signature.is_err(), "the server's own check caught it");
}

/// The example binary `cargo test --workspace` builds beside this test's
/// (it builds every example of the workspace), so no second build is needed.
fn example_binary() -> std::path::PathBuf {
    // This binary is `target/<profile>/deps/e2e-<hash>`.
    let exe = std::env::current_exe().unwrap();
    let profile = exe.parent().and_then(|deps| deps.parent()).expect("the test binary sits in <profile>/deps");
    let example = profile.join("examples").join(format!("describe-phone-numbers{}", std::env::consts::EXE_SUFFIX));
    assert!(
        example.exists(),
        "{} is missing: run the whole `cargo test --workspace`, or `cargo build -p pinpoint-sms-voice-v2 --example \
         describe-phone-numbers` before this test alone",
        example.display()
    );
    example
}

/// Runs the crate's example program against the server, with credentials
/// from the environment as a user would give them.
fn run_example(server: &Server, args: &[&str]) -> std::process::Output {
    let url = server.url();
    let mut command = std::process::Command::new(example_binary());
    command
        .args(["--endpoint-url", &url, "--region", REGION])
        .args(args)
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .env("AWS_CONFIG_FILE", "/nonexistent/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    for unset in ["AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION"] {
        command.env_remove(unset);
    }
    command.output().expect("the example runs")
}

#[test]
fn the_example_lists_the_loopback_servers_numbers() {
    let server = Server::start(12, &[Fault::Throttle]);
    let out = run_example(&server, &["--json", "--max-items", "11", "--filter", "status=ACTIVE"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let numbers: serde_json::Value = serde_json::from_str(&stdout).expect("--json prints JSON");
    let ids: Vec<&str> = numbers.as_array().unwrap().iter().map(|n| n["PhoneNumberId"].as_str().unwrap()).collect();
    assert_eq!(ids, expected(11).iter().map(String::as_str).collect::<Vec<_>>());
    server.assert_all_signed();
    assert_eq!(server.seen()[1].body["Filters"], serde_json::json!([{"Name": "status", "Values": ["ACTIVE"]}]));

    let out = run_example(&server, &[]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{table}");
    assert!(table.starts_with("PhoneNumberId"), "{table}");
    let row: Vec<&str> =
        table.lines().find(|l| l.starts_with("phone-0011")).expect("the last number").split_whitespace().collect();
    assert_eq!(row, ["phone-0011", "+12065550011", "ACTIVE", "US", "TRANSACTIONAL", "LONG_CODE"]);
    assert!(table.trim_end().ends_with("12 phone number(s)"), "{table}");

    let out = run_example(&server, &["--filter", "colour=red"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown name `colour`"));
}
