//! Both clients against servers that never answer, never read the request,
//! or trickle one byte a second: each call ends with a time-out error
//! within the configured bound. Every client call runs on a thread joined
//! with a limit, so a client that waits forever fails instead of hanging.

mod common;

use common::Fake;
use common::hostile::{Behaviour, Hostile, run_within};
use pinpoint_sms_voice_v2::ConfigBuilder;
use pinpoint_sms_voice_v2::error::{SdkError, TransportError};
use pinpoint_sms_voice_v2::runtime::limits::TransportLimits;
use pinpoint_sms_voice_v2::runtime::retry::RetryConfig;
use pinpoint_sms_voice_v2::{Client, Config, blocking};
use std::time::{Duration, Instant};

/// Longer than any bound below, shorter than the servers' own cap.
const HANG: Duration = Duration::from_secs(15);

#[derive(Clone, Copy, Debug)]
enum Which {
    Async,
    Blocking,
}

/// Calls `DescribePhoneNumbers` (with `next_token` as the body's bulk) on a
/// thread, returning the transport error and how long it took.
fn call(which: Which, config: ConfigBuilder, next_token: String) -> (TransportError, Duration) {
    run_within(HANG, move || {
        let start = Instant::now();
        let config = config.build().unwrap();
        let result = match which {
            Which::Async => {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(Client::from_conf(config).describe_phone_numbers().next_token(next_token).send())
            }
            Which::Blocking => {
                blocking::Client::from_conf(config).describe_phone_numbers().next_token(next_token).send()
            }
        };
        match result {
            Err(SdkError::Transport(e)) => (e, start.elapsed()),
            other => panic!("expected a transport error, got {other:?}"),
        }
    })
}

fn config(server: &Hostile) -> ConfigBuilder {
    Config::builder().anonymous().endpoint_url(server.url()).retry_config(RetryConfig::disabled())
}

fn assert_timeout(error: &TransportError, elapsed: Duration, at_least: Duration, at_most: Duration) {
    assert!(error.is_timeout(), "{error}");
    assert!(elapsed >= at_least, "gave up after {elapsed:?}, before the bound of {at_least:?}");
    assert!(elapsed < at_most, "gave up after {elapsed:?}, later than {at_most:?}");
}

fn a_silent_server_is_left_after_the_read_timeout(which: Which) {
    let server = Hostile::start(Behaviour::Silent);
    let config = config(&server).read_timeout(Duration::from_millis(300));
    let (error, elapsed) = call(which, config, String::new());
    assert_timeout(&error, elapsed, Duration::from_millis(300), Duration::from_secs(3));
    assert_eq!(server.connections(), 1);
}

#[test]
fn async_a_silent_server_is_left_after_the_read_timeout() {
    a_silent_server_is_left_after_the_read_timeout(Which::Async);
}

#[test]
fn blocking_a_silent_server_is_left_after_the_read_timeout() {
    a_silent_server_is_left_after_the_read_timeout(Which::Blocking);
}

/// 32 MiB is more than the loopback socket buffers hold, so sending blocks.
fn a_server_that_never_reads_the_body_is_left_after_the_read_timeout(which: Which) {
    let server = Hostile::start(Behaviour::Deaf);
    let config = config(&server).read_timeout(Duration::from_millis(500));
    let (error, elapsed) = call(which, config, "x".repeat(32 << 20));
    // Generous: building the 32 MiB request takes a while in a debug build.
    assert_timeout(&error, elapsed, Duration::from_millis(500), Duration::from_secs(8));
}

#[test]
fn async_a_server_that_never_reads_the_body_is_left_after_the_read_timeout() {
    a_server_that_never_reads_the_body_is_left_after_the_read_timeout(Which::Async);
}

#[test]
fn blocking_a_server_that_never_reads_the_body_is_left_after_the_read_timeout() {
    a_server_that_never_reads_the_body_is_left_after_the_read_timeout(Which::Blocking);
}

/// A byte every second never lets the 1.5 s read time-out fire; the 2.5 s
/// attempt time-out ends the call.
fn a_trickling_server_is_left_after_the_attempt_timeout(which: Which) {
    let server = Hostile::start(Behaviour::Trickle);
    let config = config(&server).read_timeout(Duration::from_millis(1500)).attempt_timeout(Duration::from_millis(2500));
    let (error, elapsed) = call(which, config, String::new());
    assert_timeout(&error, elapsed, Duration::from_millis(2500), Duration::from_secs(6));
    assert!(server.sent() >= 2, "the server kept sending: {} bytes", server.sent());
}

#[test]
fn async_a_trickling_server_is_left_after_the_attempt_timeout() {
    a_trickling_server_is_left_after_the_attempt_timeout(Which::Async);
}

#[test]
fn blocking_a_trickling_server_is_left_after_the_attempt_timeout() {
    a_trickling_server_is_left_after_the_attempt_timeout(Which::Blocking);
}

/// The blocking client's default transport takes the attempt time-out as
/// its own bound, even when it is shorter than the read time-out.
#[test]
fn blocking_the_attempt_timeout_bounds_a_silent_server() {
    let server = Hostile::start(Behaviour::Silent);
    let config = config(&server).read_timeout(Duration::from_secs(10)).attempt_timeout(Duration::from_millis(400));
    let (error, elapsed) = call(Which::Blocking, config, String::new());
    assert_timeout(&error, elapsed, Duration::from_millis(400), Duration::from_secs(3));
}

/// Time-outs are retried as the standard policy says: three attempts.
fn time_outs_are_retried(which: Which) {
    let server = Hostile::start(Behaviour::Silent);
    let retry = RetryConfig::standard().with_initial_backoff(Duration::from_millis(1));
    let config = config(&server).read_timeout(Duration::from_millis(200)).retry_config(retry);
    let (error, elapsed) = call(which, config, String::new());
    assert_timeout(&error, elapsed, Duration::from_millis(600), Duration::from_secs(5));
    assert_eq!(server.connections(), 3);
}

#[test]
fn async_time_outs_are_retried() {
    time_outs_are_retried(Which::Async);
}

#[test]
fn blocking_time_outs_are_retried() {
    time_outs_are_retried(Which::Blocking);
}

#[test]
fn the_default_transport_is_bounded_by_default() {
    let config = Config::builder().anonymous().endpoint_url("http://127.0.0.1:1").build().unwrap();
    assert_eq!(config.attempt_timeout(), Some(Duration::from_secs(120)));
    assert_eq!(*config.transport_limits(), TransportLimits::default());
    let limits = config.transport_limits();
    assert_eq!(limits.connect_timeout(), Duration::from_millis(3100));
    assert_eq!(limits.read_timeout(), Duration::from_secs(60));
    assert_eq!(limits.max_response_body_size(), 64 << 20);
    let unbounded =
        Config::builder().anonymous().endpoint_url("http://127.0.0.1:1").disable_attempt_timeout().build().unwrap();
    assert_eq!(unbounded.attempt_timeout(), None);
    assert_eq!(unbounded.transport_limits().attempt_timeout(), None);
}

#[test]
fn settings_a_chosen_transport_cannot_honour_are_refused_at_build_time() {
    let fake = Fake::fixed(200, "{}");
    // An async transport of your own keeps its own bounds; the driver can
    // still time whole attempts.
    let own = Config::builder().anonymous().transport(fake.clone()).build().unwrap();
    assert_eq!(own.attempt_timeout(), None);
    assert!(
        Config::builder().anonymous().transport(fake.clone()).attempt_timeout(Duration::from_secs(1)).build().is_ok()
    );
    for refused in [
        Config::builder().anonymous().transport(fake.clone()).read_timeout(Duration::from_secs(1)),
        Config::builder().anonymous().transport(fake.clone()).connect_timeout(Duration::from_secs(1)),
        Config::builder().anonymous().blocking_transport(fake.clone()).read_timeout(Duration::from_secs(1)),
        // Nothing can interrupt a blocking call from outside.
        Config::builder().anonymous().blocking_transport(fake.clone()).attempt_timeout(Duration::from_secs(1)),
    ] {
        let err = refused.build().unwrap_err().to_string();
        assert!(err.contains("timeout"), "{err}");
    }
    assert!(Config::builder().anonymous().blocking_transport(fake).build().is_ok());
}
