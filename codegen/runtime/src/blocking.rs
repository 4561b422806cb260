//! What the blocking client runs on. It shares the async client's whole
//! driver (serializing, compression, endpoint, retries, parsing) and its
//! pagination state machine: a [`BlockingTransport`] is wrapped in a
//! [`Transport`] whose future finishes in its first poll, waits are
//! [`BlockingSleep`]s that sleep the thread, and [`block_on`] polls the
//! driver's future to the end on the calling thread. No executor is involved.

use super::error::{SdkError, TransportError};
use super::limits::TransportLimits;
use super::paginate::{self, ItemStream, PageStream, Paginated};
use super::sleep::Sleep;
use super::transport::{BoxFuture, Transport};
use std::sync::Arc;
use std::time::Duration;

/// Sends a request and waits for the whole response on the calling thread.
/// Implement it to use any blocking HTTP stack with the blocking client.
pub trait BlockingTransport: Send + Sync + std::fmt::Debug {
    /// Sends one request.
    ///
    /// # Errors
    /// When no response came back (a time-out is [`TransportError::timeout`]).
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError>;
}

/// A [`BlockingTransport`] seen as a [`Transport`], so the shared driver can
/// call it. The request is sent when the future is first polled, and the
/// future is ready after that poll; driven by an async executor it would
/// block that executor's thread.
#[derive(Debug)]
pub struct BlockingAdapter<T>(pub T);

impl<T: BlockingTransport> Transport for BlockingAdapter<T> {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move { self.0.send(request) })
    }
}

/// Waits by sleeping the calling thread when polled: right for the blocking
/// client, whose thread has nothing else to do, and wrong for async code.
#[derive(Clone, Copy, Debug, Default)]
pub struct BlockingSleep;

impl Sleep for BlockingSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        // Lazy, so a time-out timer that is never polled never blocks.
        Box::pin(async move { std::thread::sleep(duration) })
    }
}

/// The transport the blocking client uses when none is set.
pub(crate) fn default_transport(limits: TransportLimits) -> Arc<dyn Transport> {
    default_transport_with(limits, &super::network::NetworkSettings::default())
}

/// The same, with these proxies and extra roots.
pub(crate) fn default_transport_with(
    limits: TransportLimits,
    network: &super::network::NetworkSettings,
) -> Arc<dyn Transport> {
    Arc::new(BlockingAdapter(super::ureq_transport::UreqTransport::with_settings(limits, network)))
}

/// Why the blocking client cannot drive an async transport on this thread,
/// if it cannot: inside a tokio runtime, the transport's I/O and timers wait
/// for that runtime, which may need the very thread the blocking call holds
/// (a current-thread runtime always does), so the call would never end.
/// Refused in every tokio runtime, so the outcome does not depend on the
/// runtime's flavour or load. Without the `default-https-client` feature the
/// crate has no tokio to ask, and the check cannot be made.
pub(crate) fn runtime_conflict() -> Option<&'static str> {
    #[cfg(feature = "default-https-client")]
    if tokio::runtime::Handle::try_current().is_ok() {
        return Some(
            "the blocking client cannot drive an async transport inside a tokio runtime, whose thread it would \
             block while the transport waits on that runtime: use the async Client there, or the blocking \
             client with a blocking transport (the default), or call it from a thread outside the runtime",
        );
    }
    None
}

/// The blocking client's executor; it lives in [`super::sleep`], whose
/// timers it must be able to wait for.
pub use super::sleep::block_on;

/// Configures blocking pagination of one operation, with the same settings
/// as the async [`Paginator`](paginate::Paginator) it wraps: [`pages`](Paginator::pages)
/// and [`items`](Paginator::items) are iterators. Nothing is sent until the
/// first `next()`.
#[derive(Debug)]
pub struct Paginator<O: Paginated>(paginate::Paginator<O>);

impl<O: Paginated> Paginator<O> {
    /// Wraps an async paginator (its requests then run on the calling thread).
    pub fn new(inner: paginate::Paginator<O>) -> Self {
        Paginator(inner)
    }

    /// Items per page.
    pub fn page_size(self, size: i32) -> Self {
        Paginator(self.0.page_size(size))
    }

    /// Stops after this many items in total; the resume token then continues
    /// exactly after the last one returned.
    pub fn max_items(self, max: usize) -> Self {
        Paginator(self.0.max_items(max))
    }

    /// Continues from a resume token of an earlier run (of either client, or boto3).
    pub fn starting_token(self, token: impl Into<String>) -> Self {
        Paginator(self.0.starting_token(token))
    }

    /// The pages, one request each.
    pub fn pages(self) -> Pages<O> {
        Pages(self.0.pages())
    }

    /// The pages' items, in order.
    pub fn items(self) -> Items<O> {
        Items(self.0.items())
    }
}

/// An iterator of pages; it ends after the first error, and its
/// [`resume_token`](Pages::resume_token) then points at the failed request.
#[derive(Debug)]
pub struct Pages<O: Paginated>(PageStream<O>);

impl<O: Paginated> Pages<O> {
    /// A token to continue from later, or `None` when every page was read.
    pub fn resume_token(&self) -> Option<String> {
        self.0.resume_token()
    }

    /// The paginator's `non_aggregate_keys` as the first page gave them.
    pub fn non_aggregate(&self) -> Option<&O::NonAggregate> {
        self.0.non_aggregate()
    }
}

impl<O: Paginated> Iterator for Pages<O> {
    type Item = Result<O::Output, SdkError<O::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        block_on(self.0.next())
    }
}

/// An iterator of the items of every page; it ends after the first error.
#[derive(Debug)]
pub struct Items<O: Paginated>(ItemStream<O>);

impl<O: Paginated> Items<O> {
    /// A token to continue right after the last item returned, even in the
    /// middle of a page, or `None` when everything was read.
    pub fn resume_token(&self) -> Option<String> {
        self.0.resume_token()
    }

    /// The paginator's `non_aggregate_keys` as the first page gave them.
    pub fn non_aggregate(&self) -> Option<&O::NonAggregate> {
        self.0.non_aggregate()
    }
}

impl<O: Paginated> Iterator for Items<O> {
    type Item = Result<O::Item, SdkError<O::Error>>;

    fn next(&mut self) -> Option<Self::Item> {
        block_on(self.0.next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::{Context, Poll, Waker};
    use std::time::Instant;

    #[test]
    fn block_on_runs_ready_and_woken_futures() {
        assert_eq!(block_on(async { 3 }), 3);
        // Woken from another thread: park/unpark carries the wake over.
        let start = Instant::now();
        block_on(super::super::sleep::ThreadSleep.sleep(Duration::from_millis(20)));
        assert!(start.elapsed() >= Duration::from_millis(20));
    }

    #[test]
    fn blocking_sleep_waits_only_when_polled() {
        let start = Instant::now();
        let timer = BlockingSleep.sleep(Duration::from_secs(5));
        drop(timer);
        assert!(start.elapsed() < Duration::from_secs(1));
        block_on(BlockingSleep.sleep(Duration::from_millis(10)));
        assert!(start.elapsed() >= Duration::from_millis(10));
    }

    #[derive(Debug)]
    struct Echo;

    impl BlockingTransport for Echo {
        fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
            Ok(http::Response::new(request.into_body()))
        }
    }

    #[test]
    fn the_adapter_answers_in_one_poll() {
        let adapter = BlockingAdapter(Echo);
        let mut future = adapter.send(http::Request::new(b"hi".to_vec()));
        let waker = Waker::noop();
        let Poll::Ready(response) = future.as_mut().poll(&mut Context::from_waker(waker)) else {
            panic!("a blocking transport's future is ready after one poll")
        };
        assert_eq!(response.unwrap().body(), b"hi");
    }
}
