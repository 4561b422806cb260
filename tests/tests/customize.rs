//! Per-call overrides: `customize` on the fluent builders of both clients
//! changes the configuration of one call, never the client's.

mod common;

use common::{Fake, NoSleep, block_on, paging_service};
use pinpoint_sms_voice_v2::error::{SdkError, TransportError};
use pinpoint_sms_voice_v2::runtime::transport::{BoxFuture, Transport};
use pinpoint_sms_voice_v2::{Client, Config, Credentials, RetryConfig, blocking};
use std::time::Duration;

const EMPTY: &str = r#"{"PhoneNumbers":[]}"#;

/// A client in us-east-1 that resolves its endpoint from the region.
fn regional(fake: &Fake) -> Config {
    Config::builder()
        .anonymous()
        .transport(fake.clone())
        .region("us-east-1")
        .credentials(Credentials::new("AKIDCLIENT", "secret", None, None))
        .sleep_impl(NoSleep::default())
        .build()
        .unwrap()
}

fn hosts(fake: &Fake) -> Vec<String> {
    fake.requests().iter().map(|r| r.uri().host().unwrap().to_owned()).collect()
}

fn access_keys(fake: &Fake) -> Vec<String> {
    let key = |r: &http::Request<Vec<u8>>| {
        let auth = r.headers()["authorization"].to_str().unwrap();
        auth.split("Credential=").nth(1).unwrap().split('/').next().unwrap().to_owned()
    };
    fake.requests().iter().map(key).collect()
}

#[test]
fn region_and_credentials_are_overridden_for_one_call_only() {
    let fake = Fake::fixed(200, EMPTY);
    let client = Client::from_conf(regional(&fake));
    block_on(
        client
            .describe_phone_numbers()
            .customize(|c| c.region("eu-west-2").credentials(Credentials::new("AKIDCALL", "other", None, None)))
            .send(),
    )
    .unwrap();
    block_on(client.describe_phone_numbers().send()).unwrap();
    assert_eq!(hosts(&fake), ["sms-voice.eu-west-2.amazonaws.com", "sms-voice.us-east-1.amazonaws.com"]);
    assert_eq!(access_keys(&fake), ["AKIDCALL", "AKIDCLIENT"]);
    let scope = fake.requests()[0].headers()["authorization"].to_str().unwrap().to_owned();
    assert!(scope.contains("/eu-west-2/sms-voice/aws4_request"), "{scope}");
    assert_eq!(client.config().region(), Some("us-east-1"));
}

#[test]
fn the_endpoint_url_is_overridden_and_the_blocking_client_has_customize_too() {
    let fake = Fake::fixed(200, EMPTY);
    let client = blocking::Client::from_conf(regional(&fake));
    client.describe_phone_numbers().customize(|c| c.endpoint_url("http://127.0.0.1:9")).send().unwrap();
    client.describe_phone_numbers().send().unwrap();
    let uris: Vec<_> = fake.requests().iter().map(|r| r.uri().to_string()).collect();
    assert_eq!(uris, ["http://127.0.0.1:9/", "https://sms-voice.us-east-1.amazonaws.com/"]);
    assert_eq!(client.config().endpoint().unwrap(), "https://sms-voice.us-east-1.amazonaws.com/");
}

#[test]
fn retry_settings_are_overridden_for_one_call_only() {
    let fake = Fake::fixed(503, r#"{"__type":"ServiceUnavailableException"}"#);
    let client = Client::from_conf(regional(&fake));
    let once = RetryConfig::standard().with_max_attempts(1);
    block_on(client.describe_phone_numbers().customize(|c| c.retry_config(once)).send()).unwrap_err();
    assert_eq!(fake.requests().len(), 1);
    block_on(client.describe_phone_numbers().send()).unwrap_err();
    assert_eq!(fake.requests().len(), 1 + 3, "the client's own three attempts");
}

/// A transport that never answers.
#[derive(Debug)]
struct Silent;

impl Transport for Silent {
    fn send(&self, _: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(std::future::pending())
    }
}

#[test]
fn an_attempt_timeout_bounds_one_call() {
    // The client's own transport is unbounded; the timer fires at once.
    let config = Config::builder()
        .anonymous()
        .transport(Silent)
        .endpoint_url("https://example.com")
        .sleep_impl(NoSleep::default());
    let client = Client::from_conf(config.build().unwrap());
    assert_eq!(client.config().attempt_timeout(), None);
    let call = client.describe_phone_numbers().customize(|c| {
        c.attempt_timeout(Duration::from_millis(50)).retry_config(RetryConfig::standard().with_max_attempts(1))
    });
    let Err(SdkError::Transport(e)) = block_on(call.send()) else { panic!("expected a time-out") };
    assert!(e.is_timeout(), "{e}");
    assert_eq!(client.config().attempt_timeout(), None);
}

#[test]
fn an_override_that_cannot_apply_fails_the_call_before_sending() {
    let fake = Fake::fixed(200, EMPTY);
    let client = Client::from_conf(regional(&fake));
    let err = block_on(client.describe_phone_numbers().customize(|c| c.region("evil.com/")).send()).unwrap_err();
    let SdkError::Construction(e) = &err else { panic!("{err:?}") };
    assert!(e.to_string().contains("override"), "{e}");
    // A blocking transport cannot be interrupted: refused as `build` does.
    let blocking_fake = Fake::fixed(200, EMPTY);
    let err = block_on(
        client
            .describe_phone_numbers()
            .customize(|c| c.blocking_transport(blocking_fake.clone()).attempt_timeout(Duration::from_secs(1)))
            .send(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("attempt_timeout"), "{err}");
    assert!(fake.requests().is_empty() && blocking_fake.requests().is_empty());
}

#[test]
fn a_paginator_after_customize_pages_with_the_override() {
    let fake = paging_service(15);
    let client = fake.client();
    let pages = client
        .describe_phone_numbers()
        .customize(|c| c.endpoint_url("https://elsewhere.example"))
        .into_paginator()
        .pages()
        .try_collect();
    assert_eq!(block_on(pages).unwrap().len(), 2);
    assert!(hosts(&fake).iter().all(|h| h == "elsewhere.example"), "{:?}", hosts(&fake));
}
