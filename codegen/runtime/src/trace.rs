//! Spans for observability, with the `tracing` feature: one per call
//! (`aws_call`: service and operation) and one per attempt inside it
//! (`aws_attempt`: attempt number and most attempts, the response's status
//! and request id, the retry decision and the wait before the next attempt;
//! in adaptive mode, the wait for a send token before this one, in whole
//! milliseconds like the other wait), and one `DEBUG` event per attempt with
//! its outcome and the wait before the next attempt. No header values,
//! credentials or bodies are recorded.
//!
//! Without the feature these are empty types whose methods do nothing, and
//! the `tracing` crate is not compiled.

use std::future::Future;
use std::time::Duration;

/// What became of one attempt, as recorded.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Outcome {
    Success,
    NotRetryable,
    AttemptsUsedUp,
    QuotaEmpty,
    Retry(super::retry::RetryKind),
}

impl Outcome {
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    fn as_str(self) -> &'static str {
        use super::retry::RetryKind;
        match self {
            Outcome::Success => "success",
            Outcome::NotRetryable => "failed, not retryable",
            Outcome::AttemptsUsedUp => "failed, no attempts left",
            Outcome::QuotaEmpty => "failed, retry quota empty",
            Outcome::Retry(RetryKind::Throttling) => "retry: throttled",
            Outcome::Retry(RetryKind::Transient) => "retry: transient error",
            Outcome::Retry(RetryKind::Timeout) => "retry: timed out",
        }
    }
}

#[cfg(feature = "tracing")]
mod on {
    use super::{Duration, Future, Outcome};
    use tracing::Instrument;
    use tracing::field::Empty;

    /// Runs a call inside its span.
    pub(crate) fn call<F: Future>(
        service: &'static str,
        operation: &'static str,
        call: F,
    ) -> impl Future<Output = F::Output> {
        call.instrument(tracing::info_span!("aws_call", service, operation))
    }

    /// One attempt's span.
    pub(crate) struct Attempt(tracing::Span);

    impl Attempt {
        pub(crate) fn new(attempt: u32, max_attempts: u32) -> Self {
            Attempt(tracing::debug_span!(
                "aws_attempt",
                attempt,
                max_attempts,
                status = Empty,
                request_id = Empty,
                retry = Empty,
                wait_ms = Empty,
                rate_wait_ms = Empty
            ))
        }

        /// Runs part of the attempt inside its span.
        pub(crate) fn run<F: Future>(&self, part: F) -> impl Future<Output = F::Output> {
            part.instrument(self.0.clone())
        }

        /// The response's status and request id.
        pub(crate) fn response(&self, response: &http::Response<Vec<u8>>) {
            self.0.record("status", response.status().as_u16());
            let id = ["x-amzn-requestid", "x-amz-request-id"]
                .iter()
                .find_map(|name| response.headers().get(*name)?.to_str().ok());
            if let Some(id) = id {
                self.0.record("request_id", id);
            }
        }

        /// The adaptive mode's wait for a send token before this attempt.
        pub(crate) fn paced(&self, wait: Duration) {
            self.0.record("rate_wait_ms", wait.as_millis() as u64);
        }

        /// The decision after the attempt, and the wait before the next one.
        pub(crate) fn outcome(&self, outcome: Outcome, wait: Option<Duration>) {
            self.0.record("retry", outcome.as_str());
            let wait_ms = wait.map(|w| w.as_millis() as u64);
            if let Some(ms) = wait_ms {
                self.0.record("wait_ms", ms);
            }
            tracing::debug!(parent: &self.0, outcome = outcome.as_str(), wait_ms, "attempt done");
        }
    }
}

#[cfg(not(feature = "tracing"))]
mod on {
    use super::{Duration, Future, Outcome};

    pub(crate) fn call<F: Future>(_: &'static str, _: &'static str, call: F) -> F {
        call
    }

    pub(crate) struct Attempt;

    impl Attempt {
        pub(crate) fn new(_: u32, _: u32) -> Self {
            Attempt
        }

        pub(crate) fn run<F: Future>(&self, part: F) -> F {
            part
        }

        pub(crate) fn response(&self, _: &http::Response<Vec<u8>>) {}

        pub(crate) fn paced(&self, _: Duration) {}

        pub(crate) fn outcome(&self, _: Outcome, _: Option<Duration>) {}
    }
}

pub(crate) use on::{Attempt, call};
