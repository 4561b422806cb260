//! The adaptive mode's client-side rate limiter, as botocore's
//! `retries/adaptive.py`, `bucket.py` and `throttling.py` define it. Until
//! the first throttling response it does nothing. From then on every attempt
//! takes a token from a bucket that fills at the allowed send rate, waiting
//! when it is empty; each response moves that rate: a throttling one cuts it
//! to 70 % of the measured send rate, any other raises it along a cubic curve
//! (CUBIC, as TCP's congestion control) back towards the rate of the last
//! throttle and beyond, never above twice the measured send rate.
//!
//! One difference from botocore: a caller that finds the bucket empty takes
//! its token at once, leaving the bucket in debt, and sleeps for the time the
//! debt takes to fill. Botocore waits on a condition and then takes it; both
//! pace a single caller the same, and the debt keeps concurrent callers in
//! line without a condition variable that an async task cannot wait on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Seconds on a monotonic clock; tests supply their own.
pub(crate) type Clock = Arc<dyn Fn() -> f64 + Send + Sync>;

/// The multiplicative decrease on throttling (botocore's `_BETA`).
const BETA: f64 = 0.7;
/// How fast the cubic curve grows (botocore's `_SCALE_CONSTANT`).
const SCALE: f64 = 0.4;
/// The bucket never fills slower than this many tokens a second.
const MIN_RATE: f64 = 0.5;
/// The allowed rate never exceeds this multiple of the measured one.
const MAX_RATE_ADJUST_SCALE: f64 = 2.0;
/// The weight of the newest measurement of the send rate.
const SMOOTHING: f64 = 0.8;
/// The send rate is measured over intervals this long, in seconds.
const TIME_BUCKET: f64 = 0.5;

/// The CUBIC rate calculation (botocore's `CubicCalculator`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cubic {
    /// The rate when the last throttle came.
    w_max: f64,
    /// Seconds after a throttle at which the curve is back at `w_max`.
    k: f64,
    last_throttle: f64,
}

impl Cubic {
    pub(crate) fn new(start: f64) -> Self {
        Cubic { w_max: 0.0, k: 0.0, last_throttle: start }
    }

    /// The rate the curve gives at `now`, after a response that was not a throttle.
    pub(crate) fn success(&self, now: f64) -> f64 {
        SCALE * (now - self.last_throttle - self.k).powi(3) + self.w_max
    }

    /// Remembers a throttle at `now` while sending at `rate`; the new rate.
    pub(crate) fn throttled(&mut self, rate: f64, now: f64) -> f64 {
        self.w_max = rate;
        self.k = (rate * (1.0 - BETA) / SCALE).cbrt();
        self.last_throttle = now;
        rate * BETA
    }
}

/// A token bucket filled at the allowed send rate (botocore's `TokenBucket`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bucket {
    fill_rate: f64,
    max_capacity: f64,
    /// Tokens in the bucket; below zero while callers wait for theirs.
    capacity: f64,
    last_refill: f64,
}

impl Bucket {
    /// An empty bucket filling at `max_rate` from `now`.
    pub(crate) fn new(max_rate: f64, now: f64) -> Self {
        let mut bucket = Bucket { fill_rate: 0.0, max_capacity: 1.0, capacity: 0.0, last_refill: now };
        bucket.set_max_rate(max_rate, now);
        bucket
    }

    fn refill(&mut self, now: f64) {
        let elapsed = (now - self.last_refill).max(0.0);
        self.capacity = (self.capacity + elapsed * self.fill_rate).min(self.max_capacity);
        self.last_refill = now;
    }

    /// The rate it fills at.
    pub(crate) fn max_rate(&self) -> f64 {
        self.fill_rate
    }

    /// Tokens in the bucket (negative while callers wait).
    #[cfg(test)]
    pub(crate) fn capacity(&self) -> f64 {
        self.capacity
    }

    /// Fills at `rate` from `now` on (at least [`MIN_RATE`]), holding at
    /// most `rate` tokens, and at least one.
    pub(crate) fn set_max_rate(&mut self, rate: f64, now: f64) {
        self.refill(now);
        self.fill_rate = rate.max(MIN_RATE);
        self.max_capacity = rate.max(1.0);
        self.capacity = self.capacity.min(self.max_capacity);
    }

    /// Takes a token at `now`; how long the caller must wait before it
    /// may use it (zero when the bucket had one).
    pub(crate) fn acquire(&mut self, now: f64) -> Duration {
        self.refill(now);
        let wait = if self.capacity >= 1.0 { 0.0 } else { (1.0 - self.capacity) / self.fill_rate };
        self.capacity -= 1.0;
        Duration::from_secs_f64(wait)
    }
}

/// The send rate, measured over half-second intervals and smoothed
/// (botocore's `RateClocker`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SendRate {
    measured: f64,
    last_interval: f64,
    count: f64,
}

impl SendRate {
    pub(crate) fn new(now: f64) -> Self {
        SendRate { measured: 0.0, last_interval: now.floor(), count: 0.0 }
    }

    /// Counts a response at `now`; the measured rate.
    pub(crate) fn record(&mut self, now: f64) -> f64 {
        let interval = (now / TIME_BUCKET).floor() * TIME_BUCKET;
        self.count += 1.0;
        if interval > self.last_interval {
            let current = self.count / (interval - self.last_interval);
            self.measured = current * SMOOTHING + self.measured * (1.0 - SMOOTHING);
            self.count = 0.0;
            self.last_interval = interval;
        }
        self.measured
    }
}

#[derive(Debug)]
struct State {
    /// Off until the first throttling response.
    enabled: bool,
    bucket: Bucket,
    cubic: Cubic,
    rate: SendRate,
}

/// The rate limiter of one service's clients in adaptive mode.
pub(crate) struct RateLimiter {
    clock: Clock,
    state: Mutex<State>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter").field("state", &*self.lock()).finish()
    }
}

impl Default for RateLimiter {
    fn default() -> Self {
        let origin = Instant::now();
        RateLimiter::with_clock(Arc::new(move || origin.elapsed().as_secs_f64()))
    }
}

impl RateLimiter {
    pub(crate) fn with_clock(clock: Clock) -> Self {
        let now = clock();
        let state =
            State { enabled: false, bucket: Bucket::new(1.0, now), cubic: Cubic::new(now), rate: SendRate::new(now) };
        RateLimiter { clock, state: Mutex::new(state) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Before an attempt: how long to wait before sending it.
    pub(crate) fn acquire(&self) -> Duration {
        let now = (self.clock)();
        let mut state = self.lock();
        if state.enabled { state.bucket.acquire(now) } else { Duration::ZERO }
    }

    /// After an attempt, with whether the service throttled it (an attempt
    /// with no response counts as not throttled, as in botocore).
    pub(crate) fn on_response(&self, throttled: bool) {
        let now = (self.clock)();
        let mut state = self.lock();
        let measured = state.rate.record(now);
        let new_rate = if throttled {
            let rate = if state.enabled { measured.min(state.bucket.max_rate()) } else { measured };
            state.enabled = true;
            state.cubic.throttled(rate, now)
        } else {
            state.cubic.success(now)
        };
        state.bucket.set_max_rate(new_rate.min(MAX_RATE_ADJUST_SCALE * measured), now);
    }

    /// Whether it limits sends yet, the allowed rate and the measured one.
    #[cfg(test)]
    pub(crate) fn snapshot(&self) -> (bool, Bucket, f64) {
        let state = self.lock();
        (state.enabled, state.bucket.clone(), state.rate.measured)
    }
}

/// The rate limiters of the clients built from one shared configuration,
/// one per service and region: clients of one service share what they
/// learn of its limits, and a throttled service does not slow the others.
#[derive(Debug, Default)]
pub(crate) struct RateLimiters(Mutex<HashMap<ServiceRegion, Arc<RateLimiter>>>);

/// A service id and region.
type ServiceRegion = (&'static str, Option<String>);

impl RateLimiters {
    /// The limiter of `service` in `region`, made at the first request for it.
    pub(crate) fn get(&self, service: &'static str, region: Option<&str>) -> Arc<RateLimiter> {
        let mut limiters = self.0.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(limiters.entry((service, region.map(str::to_owned))).or_default())
    }
}

#[cfg(test)]
#[path = "adaptive_tests.rs"]
mod tests;
