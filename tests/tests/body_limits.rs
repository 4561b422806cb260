//! The response body size limit, for both clients over loopback: an
//! endless chunked body and an announced oversized one end with a typed
//! error that is not retried, reading stops at the limit, and a body of
//! exactly the limit is accepted.

mod common;

use common::Fake;
use common::hostile::{Behaviour, ENDLESS_CAP, Hostile, peak_rss_kib, run_within};
use pinpoint_sms_voice_v2::ConfigBuilder;
use pinpoint_sms_voice_v2::error::{SdkError, TransportError};
use pinpoint_sms_voice_v2::runtime::error::TransportErrorKind;
use pinpoint_sms_voice_v2::runtime::retry::RetryConfig;
use pinpoint_sms_voice_v2::{Client, Config, blocking};
use std::time::Duration;

const LIMIT: u64 = 1 << 20;

#[derive(Clone, Copy, Debug)]
enum Which {
    Async,
    Blocking,
}

type Outcome = Result<(), SdkError<pinpoint_sms_voice_v2::error::DescribePhoneNumbersError>>;

fn call(which: Which, config: ConfigBuilder) -> Outcome {
    run_within(Duration::from_secs(15), move || {
        let config = config.build().unwrap();
        match which {
            Which::Async => {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(Client::from_conf(config).describe_phone_numbers().send()).map(drop)
            }
            Which::Blocking => blocking::Client::from_conf(config).describe_phone_numbers().send().map(drop),
        }
    })
}

/// Standard retries with no real wait, so a retry would show as a second connection.
fn config(server: &Hostile, limit: u64) -> ConfigBuilder {
    Config::builder()
        .anonymous()
        .endpoint_url(server.url())
        .max_response_body_size(limit)
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
}

fn too_large(outcome: Outcome) -> TransportError {
    match outcome {
        Err(SdkError::Transport(e)) if e.kind() == TransportErrorKind::ResponseTooLarge => e,
        other => panic!("expected a response-too-large error, got {other:?}"),
    }
}

fn an_endless_chunked_body_stops_at_the_limit(which: Which) {
    let server = Hostile::start(Behaviour::Endless);
    let error = too_large(call(which, config(&server, LIMIT)));
    assert!(!error.is_timeout() && error.to_string().contains(&LIMIT.to_string()), "{error}");
    // The client hung up: the server's writes failed long before its own cap.
    std::thread::sleep(Duration::from_millis(200));
    assert!(!server.capped(), "the server sent {} bytes", server.sent());
    assert!(server.sent() < 32 << 20, "the server sent {} bytes", server.sent());
    assert_eq!(server.connections(), 1, "not retried");
    println!("peak RSS: {:?} KiB, server sent {} bytes", peak_rss_kib(), server.sent());
}

#[test]
fn async_an_endless_chunked_body_stops_at_the_limit() {
    an_endless_chunked_body_stops_at_the_limit(Which::Async);
}

#[test]
fn blocking_an_endless_chunked_body_stops_at_the_limit() {
    an_endless_chunked_body_stops_at_the_limit(Which::Blocking);
}

/// The default limit holds too: far more than 64 MiB never reaches memory.
#[test]
fn blocking_the_default_limit_stops_an_endless_body() {
    let server = Hostile::start(Behaviour::Endless);
    let config = Config::builder().anonymous().endpoint_url(server.url()).retry_config(RetryConfig::disabled());
    let error = too_large(call(Which::Blocking, config));
    assert!(error.to_string().contains(&(64u64 << 20).to_string()), "{error}");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!server.capped() && server.sent() < ENDLESS_CAP, "the server sent {} bytes", server.sent());
}

fn an_announced_length_over_the_limit_is_refused(which: Which) {
    let server = Hostile::start(Behaviour::Announced(2 * LIMIT));
    too_large(call(which, config(&server, LIMIT)));
    assert_eq!(server.connections(), 1, "not retried");
}

#[test]
fn async_an_announced_length_over_the_limit_is_refused() {
    an_announced_length_over_the_limit_is_refused(Which::Async);
}

#[test]
fn blocking_an_announced_length_over_the_limit_is_refused() {
    an_announced_length_over_the_limit_is_refused(Which::Blocking);
}

fn a_body_of_exactly_the_limit_is_read(which: Which) {
    let length = 10_000;
    let server = Hostile::start(Behaviour::Chunked(length));
    call(which, config(&server, length as u64)).unwrap();
    let server = Hostile::start(Behaviour::Chunked(length));
    too_large(call(which, config(&server, length as u64 - 1)));
    let server = Hostile::start(Behaviour::Announced(length as u64));
    too_large(call(which, config(&server, length as u64 - 1)));
}

#[test]
fn async_a_body_of_exactly_the_limit_is_read() {
    a_body_of_exactly_the_limit_is_read(Which::Async);
}

#[test]
fn blocking_a_body_of_exactly_the_limit_is_read() {
    a_body_of_exactly_the_limit_is_read(Which::Blocking);
}

/// A transport of your own is held to the limit as well, after the fact.
#[test]
fn the_client_checks_the_limit_for_any_transport() {
    let fake = Fake::new(|_| common::response(200, &format!("{:>2000}", "{}")));
    let config = common::config(fake.clone()).max_response_body_size(1999).build().unwrap();
    let err = common::block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    assert!(matches!(&err, SdkError::Transport(e) if e.is_response_too_large()), "{err:?}");
    assert_eq!(fake.requests().len(), 1, "not retried");
    let config = common::config(fake.clone()).max_response_body_size(2000).build().unwrap();
    common::block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap();
}
