//! Unit tests of `adaptive.rs`. The reference numbers were computed with
//! botocore 1.43's own classes (`botocore.retries.throttling.CubicCalculator`,
//! `bucket.TokenBucket`, `adaptive.RateClocker` and `ClientRateLimiter`, the
//! last three driven by a fake clock) in Python 3.

use super::*;
use crate::client::Handle;
use crate::error::{ErrorMeta, SdkError, ServiceError, TransportError, Unhandled};
use crate::retry::{RetryConfig, RetryMode};
use crate::shared::SharedConfig;
use crate::sleep::{Sleep, block_on};
use crate::test_service::{Config, TestService};
use crate::transport::{BoxFuture, Transport};

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

#[test]
fn cubic_rates_match_botocore() {
    // CubicCalculator(starting_max_rate=0, start_time=0), then
    // error_received(10, 5) and success_received(t) for each t.
    let mut cubic = Cubic::new(0.0);
    assert!(close(cubic.throttled(10.0, 5.0), 7.0));
    assert!(close(cubic.k, 1.9574338205844317));
    for (t, expected) in [
        (5.0, 7.0),
        (6.0, 9.64893600966),
        (7.0, 10.000030849917364),
        (8.0, 10.453284520772092),
        (10.0, 21.26626835427364),
        (12.0, 61.28788751016465),
    ] {
        assert!(close(cubic.success(t), expected), "at {t}: {}", cubic.success(t));
    }
    // error_received(8, 12): the curve restarts from the new throttle.
    assert!(close(cubic.throttled(8.0, 12.0), 5.6));
    assert!(close(cubic.k, 1.8171205928321397));
    for (t, expected) in [(12.5, 7.086020171487134), (14.0, 8.002446551752834), (20.0, 102.54364005988009)] {
        assert!(close(cubic.success(t), expected), "at {t}: {}", cubic.success(t));
    }
}

#[test]
fn the_bucket_makes_callers_wait_for_tokens_at_its_rate() {
    // TokenBucket(max_rate=1): empty at first, one token a second.
    let mut bucket = Bucket::new(1.0, 0.0);
    assert_eq!(bucket.acquire(0.0), Duration::from_secs(1));
    // A second caller at once waits behind the first.
    assert_eq!(bucket.acquire(0.0), Duration::from_secs(2));
    // Both tokens have filled by t = 2; the bucket is empty again.
    assert_eq!(bucket.acquire(3.0), Duration::ZERO);
    assert!(close(bucket.capacity(), 0.0));
    // Below the minimum rate the bucket still fills at 0.5 a second
    // (botocore: `max_rate = 0.5` gives a sleep amount of 2.0).
    bucket.set_max_rate(0.1, 3.0);
    assert!(close(bucket.max_rate(), 0.5));
    assert_eq!(bucket.acquire(3.0), Duration::from_secs(2));
}

#[test]
fn the_bucket_holds_at_most_its_rate_in_tokens() {
    // botocore: max_rate 0.5, 10 s idle, capacity 1 (the floor); then
    // max_rate 4 and 0.25 s later capacity 2.0.
    let mut bucket = Bucket::new(0.5, 0.0);
    bucket.refill(10.0);
    assert!(close(bucket.capacity(), 1.0));
    bucket.set_max_rate(4.0, 10.0);
    bucket.refill(10.25);
    assert!(close(bucket.capacity(), 2.0));
    assert_eq!(bucket.acquire(10.25), Duration::ZERO);
    assert_eq!(bucket.acquire(10.25), Duration::ZERO);
    assert_eq!(bucket.acquire(10.25), Duration::from_millis(250));
}

/// A clock that tests move by hand.
#[derive(Clone, Default)]
struct Time(Arc<Mutex<f64>>);

impl Time {
    fn now(&self) -> f64 {
        *self.0.lock().unwrap()
    }
    fn set(&self, t: f64) {
        *self.0.lock().unwrap() = t;
    }
    fn advance(&self, by: f64) {
        *self.0.lock().unwrap() += by;
    }
    fn limiter(&self) -> RateLimiter {
        let time = self.clone();
        RateLimiter::with_clock(Arc::new(move || time.now()))
    }
}

#[test]
fn the_limiter_follows_botocore() {
    let time = Time::default();
    let limiter = time.limiter();
    for _ in 0..10 {
        time.advance(0.1);
        assert_eq!(limiter.acquire(), Duration::ZERO, "off until a throttle");
        limiter.on_response(false);
    }
    let (enabled, bucket, measured) = limiter.snapshot();
    assert!(!enabled);
    assert!(close(measured, 8.0) && close(bucket.max_rate(), 0.5), "{measured} {bucket:?}");

    // The first throttle: 70 % of the measured rate.
    time.advance(0.1);
    limiter.on_response(true);
    let (enabled, bucket, measured) = limiter.snapshot();
    assert!(enabled);
    assert!(close(measured, 11.200000000000001) && close(bucket.max_rate(), 7.84), "{measured} {bucket:?}");
    assert!(close(bucket.capacity(), 0.5999999999999999), "{bucket:?}");
    // botocore's sleep amount for the next token: 0.05102040816326532 s.
    assert!(close(limiter.acquire().as_secs_f64(), 0.05102040816326532));

    // A second throttle uses the lower of the measured and allowed rates.
    time.set(1.6);
    limiter.on_response(true);
    let (_, bucket, measured) = limiter.snapshot();
    assert!(close(measured, 3.84) && close(bucket.max_rate(), 2.6879999999999997), "{measured} {bucket:?}");

    // A success grows the rate along the curve, capped at twice the
    // measured rate.
    time.set(3.0);
    limiter.on_response(false);
    let (_, bucket, measured) = limiter.snapshot();
    assert!(close(measured, 1.301333333333333) && close(bucket.max_rate(), 2.602666666666666), "{bucket:?}");
}

#[test]
fn clients_of_one_service_and_region_share_a_limiter() {
    let shared = SharedConfig::builder()
        .transport(Scripted::new(Time::default(), |_| 200))
        .region("eu-west-1")
        .retry_config(RetryConfig::adaptive())
        .build()
        .unwrap();
    let one = Config::from_shared(&shared);
    let two = Config::from_shared(&shared);
    let limiter = one.rate_limiter.as_ref().expect("adaptive mode has a limiter");
    assert!(Arc::ptr_eq(limiter, two.rate_limiter.as_ref().unwrap()));
    let elsewhere = Config::builder_from(&shared).region("us-east-2").build().unwrap();
    assert!(!Arc::ptr_eq(limiter, elsewhere.rate_limiter.as_ref().unwrap()));
    let standard = Config::builder_from(&shared).retry_config(RetryConfig::standard()).build().unwrap();
    assert!(standard.rate_limiter.is_none());
    // A per-call override keeps the client's limiter, or makes one for a
    // call switched to adaptive mode, or drops it for standard mode.
    let same = one.with_overrides(Config::builder().retry_config(RetryConfig::adaptive().with_max_attempts(5)));
    assert!(Arc::ptr_eq(limiter, same.rate_limiter.as_ref().unwrap()));
    assert!(one.with_overrides(Config::builder().retry_config(RetryConfig::standard())).rate_limiter.is_none());
    let switched = standard.with_overrides(Config::builder().retry_config(RetryConfig::adaptive()));
    assert!(switched.rate_limiter.is_some());
    assert_eq!(RetryConfig::adaptive().mode(), RetryMode::Adaptive);
}

/// Answers each request with the status `script` gives for its number
/// (0 first), after 50 ms of the test's clock.
#[derive(Clone)]
struct Scripted {
    time: Time,
    sent: Arc<Mutex<usize>>,
    script: Arc<dyn Fn(usize) -> u16 + Send + Sync>,
}

impl Scripted {
    fn new(time: Time, script: impl Fn(usize) -> u16 + Send + Sync + 'static) -> Self {
        Scripted { time, sent: Arc::default(), script: Arc::new(script) }
    }
}

impl std::fmt::Debug for Scripted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scripted")
    }
}

impl Transport for Scripted {
    fn send(&self, _: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let mut sent = self.sent.lock().unwrap();
        let mut response = http::Response::new(Vec::new());
        *response.status_mut() = http::StatusCode::from_u16((self.script)(*sent)).unwrap();
        *sent += 1;
        self.time.advance(0.05);
        Box::pin(std::future::ready(Ok(response)))
    }
}

/// A timer that moves the test's clock instead of waiting, and notes each wait.
#[derive(Clone, Debug, Default)]
struct Waits(Arc<Mutex<Vec<Duration>>>);

#[derive(Clone)]
struct FakeSleep(Waits, Time);

impl std::fmt::Debug for FakeSleep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FakeSleep")
    }
}

impl Sleep for FakeSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.0.lock().unwrap().push(duration);
        self.1.advance(duration.as_secs_f64());
        Box::pin(std::future::ready(()))
    }
}

/// An error that is throttling when the status is 429.
#[derive(Debug)]
struct PingError(ErrorMeta);

impl std::fmt::Display for PingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.code())
    }
}

impl std::error::Error for PingError {}

impl ServiceError for PingError {
    fn meta(&self) -> &ErrorMeta {
        &self.0
    }
    fn is_retryable(&self) -> bool {
        self.0.is_retryable()
    }
    fn is_throttling(&self) -> bool {
        self.0.is_throttling()
    }
    fn unhandled(unhandled: Unhandled) -> Self {
        PingError(unhandled.meta().clone())
    }
}

/// An unsigned operation: 200 succeeds, 429 is `ThrottlingException`.
struct Ping;

impl crate::operation::Operation for Ping {
    type Service = TestService;
    type Input = ();
    type Output = ();
    type Error = PingError;
    const NAME: &'static str = "Ping";
    const SIGNED: bool = false;

    fn serialize_request(_: &()) -> Result<http::Request<Vec<u8>>, crate::build::BuildError> {
        Ok(http::Request::new(Vec::new()))
    }

    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<(), SdkError<PingError>> {
        match response.status().as_u16() {
            200 => Ok(()),
            status => Err(SdkError::Service(PingError(ErrorMeta::new("ThrottlingException", None, None, status)))),
        }
    }
}

/// Sends 100 single-attempt calls 50 ms apart: 20 answered, then 40
/// throttled, then 40 answered; the waits the client asked its timer for.
fn waits_of(mode: RetryMode) -> Vec<Duration> {
    let time = Time::default();
    let waits = Waits::default();
    let transport = Scripted::new(time.clone(), |n| if (20..60).contains(&n) { 429 } else { 200 });
    let mut config = Config::builder()
        .transport(transport)
        .endpoint_url("http://localhost")
        .sleep_impl(FakeSleep(waits.clone(), time.clone()))
        .retry_config(RetryConfig::standard().with_mode(mode).with_max_attempts(1))
        .build()
        .unwrap();
    if config.rate_limiter.is_some() {
        config.rate_limiter = Some(Arc::new(time.limiter()));
    }
    let handle = Handle::new(config);
    for n in 0..100 {
        let result = block_on(handle.invoke::<Ping>(&()));
        assert_eq!(result.is_ok(), !(20..60).contains(&n), "call {n}: {result:?}");
    }
    std::mem::take(&mut *waits.0.lock().unwrap())
}

#[test]
fn throttling_slows_an_adaptive_client_down_and_not_a_standard_one() {
    assert_eq!(waits_of(RetryMode::Standard), [], "one attempt each: no backoff, no pacing");
    let waits = waits_of(RetryMode::Adaptive);
    // After the first throttle the sends are spaced further and further apart, down to the minimum rate of 0.5 a second
    // (less the 50 ms each response takes).
    assert!(waits.len() > 40, "{waits:?}");
    let longest = *waits.iter().max().unwrap();
    assert_eq!(longest, Duration::from_millis(1950), "{waits:?}");
    let peak = waits.iter().position(|w| *w == longest).unwrap();
    assert!(peak > 5 && waits[..=peak].is_sorted(), "{waits:?}");
    // Once the throttling stops the rate grows back: the last waits are
    // short again.
    assert!(*waits.last().unwrap() < Duration::from_millis(100), "{waits:?}");
}
