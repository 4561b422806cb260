//! The one thing a client needs from the outside world: send a request, get
//! a response. Implement [`Transport`] to use any HTTP stack, or to answer
//! requests in tests without a network.

use super::error::TransportError;
use std::future::Future;
use std::pin::Pin;

/// A boxed, sendable future, so that [`Transport`] can be used as a trait object.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends fully prepared requests (absolute URI, signed) and returns the
/// complete response.
pub trait Transport: Send + Sync + std::fmt::Debug {
    /// Sends one request.
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}
