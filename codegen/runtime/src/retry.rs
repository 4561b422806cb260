//! Retries in the "standard" mode botocore and the AWS SDKs share: up to 3
//! attempts by default; exponential backoff with full jitter capped at 20 s; a
//! retry on throttling and transient errors, 500/502/503/504 and failed
//! connections; a service's retry-after hint honoured; and a token bucket that
//! stops retries when most attempts fail, so an outage is not made worse.
//!
//! The "adaptive" mode ([`RetryMode::Adaptive`]) retries the same way and
//! adds botocore's client-side rate limiter: from the first throttling
//! response on, attempts wait for a token from a bucket whose fill rate
//! falls on each throttle and grows back while none comes (see
//! `retry/adaptive.rs`). Botocore keeps one limiter per client; here clients
//! built from one configuration, or from one
//! [`SharedConfig`](crate::shared::SharedConfig), share one per service and
//! region, so several clients of one service slow down together instead of
//! each rediscovering the limit, and no other service is slowed.

pub(crate) mod adaptive;

use super::error::{ErrorMeta, SdkError, ServiceError, TransportErrorKind};
use std::sync::Mutex;
use std::time::Duration;

/// How retries are paced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryMode {
    /// Backoff between retries and the retry quota.
    #[default]
    Standard,
    /// As `Standard`, and every attempt is rate limited once the service
    /// has throttled one (botocore's and the AWS SDKs' `adaptive`).
    Adaptive,
}

/// When and how often to retry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    mode: RetryMode,
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            mode: RetryMode::Standard,
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// The standard settings: 3 attempts, backoff from 1 s up to 20 s.
    pub fn standard() -> Self {
        RetryConfig::default()
    }

    /// The adaptive mode: the standard settings and a client-side rate limiter.
    pub fn adaptive() -> Self {
        RetryConfig { mode: RetryMode::Adaptive, ..RetryConfig::default() }
    }

    /// One attempt only.
    pub fn disabled() -> Self {
        RetryConfig { max_attempts: 1, ..RetryConfig::default() }
    }

    /// Attempts in all, the first one included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The largest delay of the first retry; each later one may wait twice as long.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// No retry waits longer than this (a retry-after hint excepted).
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The mode, keeping the other settings.
    pub fn with_mode(mut self, mode: RetryMode) -> Self {
        self.mode = mode;
        self
    }

    /// The mode.
    pub fn mode(&self) -> RetryMode {
        self.mode
    }

    /// Attempts in all.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the first), given a
    /// random `jitter` in `[0, 1)`: `jitter * min(initial * 2^(retry-1), max)`,
    /// or the service's hint when it gave one (never beyond the maximum).
    pub fn backoff(&self, retry: u32, jitter: f64, hint: Option<Duration>) -> Duration {
        if let Some(hint) = hint {
            return hint.min(self.max_backoff);
        }
        let doubling = 2u32.saturating_pow(retry.saturating_sub(1));
        let ceiling = self.initial_backoff.saturating_mul(doubling).min(self.max_backoff);
        ceiling.mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// Why a failed attempt may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// The service asked the client to slow down.
    Throttling,
    /// A transient service or network failure.
    Transient,
    /// The attempt timed out.
    Timeout,
}

/// Whether a failure is worth another attempt, and why.
pub fn classify<E: ServiceError>(error: &SdkError<E>) -> Option<RetryKind> {
    let from_meta = |meta: &ErrorMeta| {
        if meta.is_throttling() {
            Some(RetryKind::Throttling)
        } else if meta.is_retryable() {
            Some(RetryKind::Transient)
        } else {
            None
        }
    };
    match error {
        SdkError::Service(e) if e.is_throttling() => Some(RetryKind::Throttling),
        SdkError::Service(e) if e.is_retryable() => Some(RetryKind::Transient),
        SdkError::Service(_) => None,
        SdkError::Transport(e) => match e.kind() {
            TransportErrorKind::Timeout => Some(RetryKind::Timeout),
            // The next answer would be as large.
            TransportErrorKind::ResponseTooLarge => None,
            // No response at all: a refused or dropped connection, a DNS hiccup.
            _ => Some(RetryKind::Transient),
        },
        SdkError::Response(e) => e.meta().and_then(from_meta).or(e.is_retryable().then_some(RetryKind::Transient)),
        SdkError::Construction(_) | SdkError::Pagination(_) => None,
    }
}

/// The service's hint of how long to wait, if the failure carries one.
pub fn retry_after<E: ServiceError>(error: &SdkError<E>) -> Option<Duration> {
    match error {
        SdkError::Service(e) => e.meta().retry_after(),
        SdkError::Response(e) => e.meta().and_then(ErrorMeta::retry_after),
        _ => None,
    }
}

/// The standard mode's retry quota, shared by every call of a client: a
/// retry spends tokens (more after a time-out), a success puts some back.
/// When the bucket runs dry, failures are returned without retrying.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: Mutex<u32>,
}

const INITIAL_TOKENS: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;
const NO_RETRY_REFUND: u32 = 1;

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota { tokens: Mutex::new(INITIAL_TOKENS) }
    }
}

impl RetryQuota {
    /// Takes the cost of a retry; `None` when the bucket cannot pay it. The
    /// returned amount goes back with [`RetryQuota::release`] on success.
    pub fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = if kind == RetryKind::Timeout { TIMEOUT_RETRY_COST } else { RETRY_COST };
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        let left = tokens.checked_sub(cost)?;
        *tokens = left;
        Some(cost)
    }

    /// After a success: refunds what its retries cost, or a token when it
    /// needed none.
    pub fn release(&self, spent: u32) {
        let refund = if spent == 0 { NO_RETRY_REFUND } else { spent };
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        *tokens = (*tokens + refund).min(INITIAL_TOKENS);
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        *self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A random number in `[0, 1)` for jitter (not for anything secret).
pub fn jitter() -> f64 {
    let bits = super::idempotency::random_bits() as u64;
    // The top 53 bits, as many as an f64 holds exactly.
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::super::error::TransportError;
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_and_scales_with_jitter() {
        let config = RetryConfig::standard();
        assert_eq!(config.backoff(1, 1.0, None), Duration::from_secs(1));
        assert_eq!(config.backoff(2, 1.0, None), Duration::from_secs(2));
        assert_eq!(config.backoff(3, 0.5, None), Duration::from_secs(2));
        assert_eq!(config.backoff(10, 1.0, None), Duration::from_secs(20));
        assert_eq!(config.backoff(40, 1.0, None), Duration::from_secs(20), "no overflow");
        assert_eq!(config.backoff(1, 0.0, None), Duration::ZERO);
    }

    #[test]
    fn a_hint_wins_but_not_beyond_the_cap() {
        let config = RetryConfig::standard();
        assert_eq!(config.backoff(1, 0.1, Some(Duration::from_millis(1500))), Duration::from_millis(1500));
        assert_eq!(config.backoff(1, 0.1, Some(Duration::from_secs(60))), Duration::from_secs(20));
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryConfig::standard().with_max_attempts(0).max_attempts(), 1);
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(RetryConfig::default().max_attempts(), 3);
    }

    #[test]
    fn quota_runs_dry_and_refills_on_success() {
        let quota = RetryQuota::default();
        let mut spent = 0;
        while let Some(cost) = quota.acquire(RetryKind::Transient) {
            spent += cost;
        }
        assert_eq!(spent, INITIAL_TOKENS);
        assert_eq!(quota.acquire(RetryKind::Throttling), None);
        quota.release(RETRY_COST);
        assert_eq!(quota.acquire(RetryKind::Timeout), None, "a time-out costs more");
        assert_eq!(quota.acquire(RetryKind::Transient), Some(RETRY_COST));
        quota.release(0);
        assert_eq!(quota.available(), NO_RETRY_REFUND);
    }

    /// An operation error type for tests that never see one.
    #[derive(Debug)]
    struct NoServiceError(ErrorMeta);

    impl std::fmt::Display for NoServiceError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("none")
        }
    }

    impl std::error::Error for NoServiceError {}

    impl ServiceError for NoServiceError {
        fn meta(&self) -> &ErrorMeta {
            &self.0
        }
        fn is_retryable(&self) -> bool {
            false
        }
        fn is_throttling(&self) -> bool {
            false
        }
        fn unhandled(unhandled: crate::error::Unhandled) -> Self {
            NoServiceError(unhandled.meta().clone())
        }
    }

    #[test]
    fn transport_failures_are_retried_unless_the_response_was_too_large() {
        let kind = |e: TransportError| classify::<NoServiceError>(&SdkError::Transport(e));
        assert_eq!(kind(TransportError::timeout("slow")), Some(RetryKind::Timeout));
        assert_eq!(kind(TransportError::msg("refused")), Some(RetryKind::Transient));
        assert_eq!(kind(TransportError::response_too_large(10)), None);
    }

    #[test]
    fn jitter_stays_in_range() {
        for _ in 0..1000 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }
}
