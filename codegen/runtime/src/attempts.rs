//! The retry loop of [`Handle::invoke`]: each attempt is a fresh copy of the
//! prepared request, counted (`amz-sdk-request`), signed, sent within the
//! attempt time-out and body bound, and parsed; failures are retried as
//! [`retry`] decides; in adaptive mode each attempt first waits for the
//! rate limiter. With the `tracing` feature each attempt has a span
//! (see [`crate::trace`]).

use super::{Handle, Service};
use crate::build::BuildError;
use crate::error::{SdkError, TransportError};
use crate::limits::Owner;
use crate::operation::Operation;
use crate::retry;
use crate::sigv4::{SigningParams, sign};
use crate::sleep::timeout;
use crate::trace::{self, Outcome};
use crate::user_agent;
use std::time::SystemTime;

impl<S: Service> Handle<S> {
    /// Sends copies of `request` until one succeeds, a failure is not worth
    /// retrying, the attempts are used up or the retry quota is empty.
    pub(super) async fn send_with_retries<O: Operation<Service = S>>(
        &self,
        request: &http::Request<Vec<u8>>,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let config = &self.0;
        let mut spent = 0;
        let mut attempt = 1;
        loop {
            let span = trace::Attempt::new(attempt, config.retry.max_attempts());
            // The adaptive mode's pacing, before signing so that a long
            // wait does not age the signature.
            if let Some(wait) = config.rate_limiter.as_ref().map(|limiter| limiter.acquire()) {
                if !wait.is_zero() {
                    span.paced(wait);
                    span.run(config.sleep.sleep(wait)).await;
                }
            }
            let mut signed = copy(request);
            user_agent::set_request_info(&mut signed, attempt, config.retry.max_attempts());
            let result = span
                .run(async {
                    // Signed afresh per attempt: the date moves on, and
                    // credentials may have been refreshed since the last one.
                    if O::SIGNED {
                        self.sign(&mut signed).await?;
                    }
                    match self.attempt(signed).await {
                        Ok(response) => {
                            span.response(&response);
                            O::parse_response(&response)
                        }
                        Err(e) => Err(SdkError::Transport(e)),
                    }
                })
                .await;
            if let Some(limiter) = &config.rate_limiter {
                let throttled =
                    result.as_ref().is_err_and(|e| retry::classify(e) == Some(retry::RetryKind::Throttling));
                limiter.on_response(throttled);
            }
            let error = match result {
                Ok(output) => {
                    span.outcome(Outcome::Success, None);
                    config.quota.release(spent);
                    return Ok(output);
                }
                Err(error) => error,
            };
            let Some(kind) = retry::classify(&error) else {
                span.outcome(Outcome::NotRetryable, None);
                return Err(error);
            };
            if attempt >= config.retry.max_attempts() {
                span.outcome(Outcome::AttemptsUsedUp, None);
                return Err(error);
            }
            let Some(cost) = config.quota.acquire(kind) else {
                span.outcome(Outcome::QuotaEmpty, None);
                return Err(error);
            };
            spent += cost;
            let delay = config.retry.backoff(attempt, retry::jitter(), retry::retry_after(&error));
            span.outcome(Outcome::Retry(kind), Some(delay));
            config.sleep.sleep(delay).await;
            attempt += 1;
        }
    }

    /// Signs with SigV4 when the config has credentials; an anonymous config
    /// sends requests unsigned. A provider that fails or
    /// a region that is missing is a construction error: nothing is sent.
    async fn sign<E>(&self, request: &mut http::Request<Vec<u8>>) -> Result<(), SdkError<E>> {
        let Some(provider) = self.0.credentials_provider() else { return Ok(()) };
        let fail = |message: String| SdkError::Construction(BuildError::other(message));
        let credentials =
            provider.provide_credentials().await.map_err(|e| fail(format!("no credentials to sign with: {e}")))?;
        let region = self.0.region().ok_or_else(|| fail("signing needs a region: set one on the config".to_owned()))?;
        let params = SigningParams::new(
            credentials.access_key_id(),
            credentials.secret_access_key(),
            region,
            S::SIGNING_NAME,
            SystemTime::now(),
        )
        .with_session_token(credentials.session_token())
        .with_key_cache(&self.0.signing_keys);
        sign(request, &params).map_err(|e| fail(format!("cannot sign the request: {e}")))
    }

    /// One attempt, bounded by the attempt time-out when there is one (the
    /// crate's transports bound themselves; a blocking one must), and by the
    /// body size limit for every transport.
    async fn attempt(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let send = self.0.transport.send(request);
        let response = match (self.0.attempt_timeout, self.0.owner) {
            (Some(limit), Owner::Async) => timeout(send, self.0.sleep.sleep(limit))
                .await
                .unwrap_or_else(|| Err(TransportError::timeout(format!("no response within {limit:?}")))),
            _ => send.await,
        }?;
        let limit = self.0.limits.max_response_body_size();
        if response.body().len() as u64 > limit {
            return Err(TransportError::response_too_large(limit));
        }
        Ok(response)
    }
}

/// A fresh copy of the prepared request for one attempt (`http::Request` is
/// not `Clone`, and each attempt is sent, and later signed, on its own).
fn copy(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}
