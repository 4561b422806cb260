//! Retries in standard mode through the public client: what is retried, how
//! often, how long the client waits, and what comes back when retries run out.

mod common;

use common::{Fake, NoSleep, block_on, config, response};
use pinpoint_sms_voice_v2::Client;
use pinpoint_sms_voice_v2::error::SdkError;
use pinpoint_sms_voice_v2::runtime::retry::RetryConfig;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const OK: &str = r#"{"PhoneNumbers": []}"#;

/// Answers the first `failures` requests with `status` and `body`, then succeeds.
fn failing_first(failures: usize, status: u16, body: &'static str) -> Fake {
    let calls = Arc::new(AtomicUsize::new(0));
    Fake::new(
        move |_| {
            if calls.fetch_add(1, Ordering::SeqCst) < failures { response(status, body) } else { response(200, OK) }
        },
    )
}

fn client_with(fake: &Fake, sleep: &NoSleep) -> Client {
    Client::from_conf(config(fake.clone()).sleep_impl(sleep.clone()).build().unwrap())
}

#[test]
fn throttling_is_retried_until_it_succeeds() {
    let fake = failing_first(2, 400, r#"{"__type":"ThrottlingException","message":"slow down"}"#);
    let sleep = NoSleep::default();
    let out = block_on(client_with(&fake, &sleep).describe_phone_numbers().send());
    assert!(out.is_ok(), "{out:?}");
    assert_eq!(fake.requests().len(), 3);
    let waits = sleep.0.lock().unwrap().clone();
    assert_eq!(waits.len(), 2);
    assert!(waits[0] <= Duration::from_secs(1) && waits[1] <= Duration::from_secs(2), "{waits:?}");
}

#[test]
fn transient_statuses_are_retried_and_the_last_error_is_returned() {
    for status in [500, 502, 503, 504] {
        let fake = Fake::fixed(status, r#"{"__type":"InternalServerException"}"#);
        let err = block_on(fake.client().describe_phone_numbers().send()).unwrap_err();
        assert_eq!(fake.requests().len(), 3, "status {status}");
        let service = err.as_service_error().expect("the typed error");
        assert_eq!(service.code(), Some("InternalServerException"));
        assert_eq!(service.meta().status(), status);
    }
}

#[test]
fn client_errors_are_not_retried() {
    let fake = Fake::fixed(400, r#"{"__type":"ValidationException","message":"bad","Reason":"OTHER"}"#);
    let err = block_on(fake.client().describe_phone_numbers().send()).unwrap_err();
    assert_eq!(fake.requests().len(), 1);
    assert_eq!(err.as_service_error().unwrap().code(), Some("ValidationException"));
}

#[test]
fn the_retry_after_hint_sets_the_wait() {
    let calls = Arc::new(AtomicUsize::new(0));
    let fake = Fake::new(move |_| {
        if calls.fetch_add(1, Ordering::SeqCst) == 0 {
            let mut r = response(503, r#"{"__type":"ServiceUnavailable"}"#);
            r.headers_mut().insert("x-amz-retry-after", "1500".parse().unwrap());
            r
        } else {
            response(200, OK)
        }
    });
    let sleep = NoSleep::default();
    assert!(block_on(client_with(&fake, &sleep).describe_phone_numbers().send()).is_ok());
    assert_eq!(*sleep.0.lock().unwrap(), vec![Duration::from_millis(1500)]);
}

#[test]
fn attempts_are_configurable() {
    let fake = Fake::fixed(503, "{}");
    let client = Client::from_conf(
        config(fake.clone()).retry_config(RetryConfig::standard().with_max_attempts(5)).build().unwrap(),
    );
    assert!(block_on(client.describe_phone_numbers().send()).is_err());
    assert_eq!(fake.requests().len(), 5);
    let fake = Fake::fixed(503, "{}");
    let client = Client::from_conf(config(fake.clone()).retry_config(RetryConfig::disabled()).build().unwrap());
    assert!(block_on(client.describe_phone_numbers().send()).is_err());
    assert_eq!(fake.requests().len(), 1);
}

/// A transport whose connections are refused, counting attempts.
#[derive(Debug, Clone, Default)]
struct Refusing(Arc<AtomicUsize>);

impl pinpoint_sms_voice_v2::runtime::transport::Transport for Refusing {
    fn send(
        &self,
        _: http::Request<Vec<u8>>,
    ) -> pinpoint_sms_voice_v2::runtime::transport::BoxFuture<
        '_,
        Result<http::Response<Vec<u8>>, pinpoint_sms_voice_v2::error::TransportError>,
    > {
        self.0.fetch_add(1, Ordering::SeqCst);
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        Box::pin(std::future::ready(Err(pinpoint_sms_voice_v2::error::TransportError::new("cannot connect", refused))))
    }
}

#[test]
fn connection_failures_are_retried() {
    let refusing = Refusing::default();
    let client = Client::from_conf(config(refusing.clone()).build().unwrap());
    let err = block_on(client.describe_phone_numbers().send()).unwrap_err();
    assert!(matches!(err, SdkError::Transport(_)), "{err:?}");
    assert_eq!(refusing.0.load(Ordering::SeqCst), 3);
}

#[test]
fn every_attempt_sends_the_same_request_and_idempotency_token() {
    let fake = failing_first(1, 500, "{}");
    let client = fake.client();
    // Only the requests matter here, not how the empty answer parses.
    let _ = block_on(client.create_opt_out_list().opt_out_list_name("list").send());
    let bodies = fake.bodies();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1], "a retry resends the request as it was");
    assert!(bodies[0]["ClientToken"].as_str().is_some_and(|t| t.len() == 36));
}

/// A transport that never answers: the attempt time-out ends each attempt.
#[derive(Debug, Clone, Default)]
struct Silent(Arc<AtomicUsize>);

impl pinpoint_sms_voice_v2::runtime::transport::Transport for Silent {
    fn send(
        &self,
        _: http::Request<Vec<u8>>,
    ) -> pinpoint_sms_voice_v2::runtime::transport::BoxFuture<
        '_,
        Result<http::Response<Vec<u8>>, pinpoint_sms_voice_v2::error::TransportError>,
    > {
        self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(std::future::pending())
    }
}

#[test]
fn an_attempt_that_takes_too_long_times_out_and_is_retried() {
    let silent = Silent::default();
    let config = pinpoint_sms_voice_v2::Config::builder()
        .anonymous()
        .transport(silent.clone())
        .endpoint_url("https://sms-voice.us-east-1.amazonaws.com")
        .attempt_timeout(Duration::from_millis(20))
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::ZERO))
        .build()
        .unwrap();
    let start = std::time::Instant::now();
    let err = block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    match err {
        SdkError::Transport(e) => assert!(e.is_timeout(), "{e}"),
        other => panic!("expected a time-out, got {other:?}"),
    }
    assert_eq!(silent.0.load(Ordering::SeqCst), 3);
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn an_adaptive_client_paces_attempts_once_throttled_and_a_standard_one_does_not() {
    let throttled = r#"{"__type":"ThrottlingException","message":"slow down"}"#;
    let waits = |retry: RetryConfig| {
        let fake = failing_first(1, 400, throttled);
        let sleep = NoSleep::default();
        let client =
            Client::from_conf(config(fake.clone()).sleep_impl(sleep.clone()).retry_config(retry).build().unwrap());
        assert!(block_on(client.describe_phone_numbers().send()).is_ok());
        assert!(block_on(client.describe_phone_numbers().send()).is_ok());
        assert_eq!(fake.requests().len(), 3);
        sleep.0.lock().unwrap().clone()
    };
    // Standard: the backoff before the retry, and nothing else.
    let standard = waits(RetryConfig::standard());
    assert!(standard.len() == 1 && standard[0] <= Duration::from_secs(1), "{standard:?}");
    // Adaptive: the same backoff; then, the send rate measured so far being
    // nil, the bucket fills at its minimum of 0.5 tokens a second, so the
    // retry waits 2 s for its token and the next call 4 s, behind it (the
    // fake timer returns at once, so the clock hardly moves).
    let adaptive = waits(RetryConfig::adaptive());
    assert_eq!(adaptive.len(), 3, "{adaptive:?}");
    assert!(adaptive[0] <= Duration::from_secs(1), "{adaptive:?}");
    // A second of slack for real time passing on a loaded machine.
    let near = |wait: Duration, secs: f64| wait.as_secs_f64() <= secs && wait.as_secs_f64() > secs - 1.0;
    assert!(near(adaptive[1], 2.0) && near(adaptive[2], 4.0), "{adaptive:?}");
}
