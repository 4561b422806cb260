//! The real transports against a tiny HTTP server on 127.0.0.1 that the test
//! starts: hyper (on a tokio runtime) for the async client and ureq for the
//! blocking one, each taking a request out and a canned response back,
//! retrying, refusing and timing out. Every wait is bounded.

mod common;

use common::server::{Server, closed_port, first_bytes};
use pinpoint_sms_voice_v2::error::SdkError;
use pinpoint_sms_voice_v2::runtime::hyper_transport::HyperTransport;
use pinpoint_sms_voice_v2::runtime::retry::RetryConfig;
use pinpoint_sms_voice_v2::runtime::ureq_transport::UreqTransport;
use pinpoint_sms_voice_v2::{Client, Config, blocking};
use serde_json::json;
use std::time::{Duration, Instant};

fn page() -> String {
    json!({ "PhoneNumbers": [common::phone_number(1), common::phone_number(2)] }).to_string()
}

fn ok() -> Option<(u16, String)> {
    Some((200, page()))
}

fn tokio() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// What both transports must have sent for a bare `DescribePhoneNumbers`.
fn check_request(seen: &common::server::Seen) {
    assert_eq!(seen.request_line, "POST / HTTP/1.1");
    assert_eq!(seen.header("x-amz-target"), Some("PinpointSMSVoiceV2.DescribePhoneNumbers"));
    assert_eq!(seen.header("content-type"), Some("application/x-amz-json-1.0"));
    assert_eq!(seen.body, b"{\"MaxResults\":2}");
}

#[test]
fn hyper_is_the_default_transport_of_the_async_client() {
    let server = Server::start(vec![ok()]);
    let config = Config::builder().anonymous().endpoint_url(server.url()).build().unwrap();
    let out = tokio().block_on(Client::from_conf(config).describe_phone_numbers().max_results(2).send()).unwrap();
    assert_eq!(out.phone_numbers().len(), 2);
    let seen = server.finish();
    check_request(&seen[0]);
    assert!(seen[0].header("host").is_some_and(|h| h.starts_with("127.0.0.1:")));
}

#[test]
fn hyper_retries_a_503_and_parses_errors() {
    let throttled = Some((400, r#"{"__type":"ThrottlingException","message":"slow"}"#.to_owned()));
    let server = Server::start(vec![
        Some((503, "{}".to_owned())),
        throttled,
        Some((400, r#"{"__type":"ValidationException","message":"no","Reason":"OTHER"}"#.to_owned())),
    ]);
    let config = Config::builder()
        .anonymous()
        .transport(HyperTransport::with_connect_timeout(Duration::from_secs(2)))
        .endpoint_url(server.url())
        .retry_config(RetryConfig::standard().with_max_attempts(3).with_initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap();
    let err = tokio().block_on(Client::from_conf(config).describe_phone_numbers().max_results(2).send()).unwrap_err();
    assert_eq!(err.as_service_error().unwrap().code(), Some("ValidationException"));
    assert_eq!(server.finish().len(), 3);
}

#[test]
fn hyper_reports_a_refused_connection() {
    let config = Config::builder()
        .anonymous()
        .endpoint_url(format!("http://{}", closed_port()))
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let err = tokio().block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    let SdkError::Transport(e) = err else { panic!("expected a transport error, got {err:?}") };
    assert!(!e.is_timeout());
    assert!(e.to_string().contains("onnect"), "{e}");
}

#[test]
fn hyper_attempts_time_out_on_tokio_timers() {
    let server = Server::start(vec![None]);
    let config = Config::builder()
        .anonymous()
        .endpoint_url(server.url())
        .attempt_timeout(Duration::from_millis(200))
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let start = Instant::now();
    let err = tokio().block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    assert!(matches!(&err, SdkError::Transport(e) if e.is_timeout()), "{err:?}");
    assert!(start.elapsed() < Duration::from_secs(5));
    server.finish();
}

#[test]
fn hyper_outside_a_tokio_runtime_is_an_error_not_a_panic() {
    let config = Config::builder()
        .anonymous()
        .endpoint_url(format!("http://{}", closed_port()))
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let err = common::block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    assert!(err.to_string().contains("tokio runtime"), "{err}");
}

#[test]
fn ureq_is_the_default_transport_of_the_blocking_client() {
    // The default features include hyper; the blocking client still needs no runtime.
    let server = Server::start(vec![ok()]);
    let config = Config::builder().anonymous().endpoint_url(server.url()).build().unwrap();
    let out = blocking::Client::from_conf(config).describe_phone_numbers().max_results(2).send().unwrap();
    assert_eq!(out.phone_numbers().len(), 2);
    check_request(&server.finish()[0]);
}

#[test]
fn ureq_retries_a_503_then_succeeds() {
    let server = Server::start(vec![Some((503, r#"{"__type":"ServiceUnavailable"}"#.to_owned())), ok()]);
    let config = Config::builder()
        .anonymous()
        .blocking_transport(UreqTransport::with_connect_timeout(Duration::from_secs(2)))
        .endpoint_url(server.url())
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap();
    let out = blocking::Client::from_conf(config).describe_phone_numbers().max_results(2).send().unwrap();
    assert_eq!(out.phone_numbers().len(), 2);
    let seen = server.finish();
    assert_eq!(seen.len(), 2);
    check_request(&seen[1]);
}

#[test]
fn ureq_paginates_over_the_network() {
    let first = json!({ "PhoneNumbers": [common::phone_number(1)], "NextToken": "t1" }).to_string();
    let second = json!({ "PhoneNumbers": [common::phone_number(2)] }).to_string();
    let server = Server::start(vec![Some((200, first)), Some((200, second))]);
    let client = blocking::Client::from_conf(Config::builder().anonymous().endpoint_url(server.url()).build().unwrap());
    let items: Vec<_> = client.describe_phone_numbers().into_paginator().items().collect::<Result<_, _>>().unwrap();
    assert_eq!(items.len(), 2);
    let seen = server.finish();
    assert_eq!(seen[1].body, b"{\"NextToken\":\"t1\"}");
}

#[test]
fn ureq_reports_a_refused_connection() {
    let config = Config::builder()
        .anonymous()
        .endpoint_url(format!("http://{}", closed_port()))
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let err = blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap_err();
    assert!(matches!(&err, SdkError::Transport(e) if !e.is_timeout()), "{err:?}");
}

#[test]
fn ureq_bounds_a_whole_request() {
    let server = Server::start(vec![None]);
    let transport = UreqTransport::with_timeouts(Duration::from_secs(2), Some(Duration::from_millis(200)));
    let config = Config::builder()
        .anonymous()
        .blocking_transport(transport)
        .endpoint_url(server.url())
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let start = Instant::now();
    let err = blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap_err();
    assert!(matches!(&err, SdkError::Transport(e) if e.is_timeout()), "{err:?}");
    assert!(start.elapsed() < Duration::from_secs(5));
    server.finish();
}

/// A TLS client hello starts with a handshake record (0x16) of TLS 1.x.
fn assert_tls_hello(bytes: &[u8]) {
    assert_eq!(bytes[..2], [0x16, 0x03], "{bytes:?}");
}

#[test]
fn https_endpoints_go_through_rustls_in_both_transports() {
    let (addr, hello) = first_bytes();
    let config = Config::builder()
        .anonymous()
        .endpoint_url(format!("https://{addr}"))
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let err = tokio().block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    assert!(matches!(err, SdkError::Transport(_)), "{err:?}");
    assert_tls_hello(&hello.join().unwrap());

    let (addr, hello) = first_bytes();
    let config = Config::builder()
        .anonymous()
        .endpoint_url(format!("https://{addr}"))
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let err = blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap_err();
    assert!(matches!(err, SdkError::Transport(_)), "{err:?}");
    assert_tls_hello(&hello.join().unwrap());
}
