//! Waiting without tying the crate to an async runtime: the client sleeps
//! between retries and bounds each attempt through a [`Sleep`], which a
//! transport for a given runtime can supply (a tokio timer, say). The default,
//! [`ThreadSleep`], works under any executor by waking the task from a
//! short-lived thread, a fair price for something that happens only on retries
//! and time-outs.

use super::transport::BoxFuture;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

/// Makes futures that complete after a delay.
pub trait Sleep: Send + Sync + std::fmt::Debug {
    /// A future that completes once `duration` has passed.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Sleeps with a timer thread per wait; needs no async runtime.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreadSleep;

impl Sleep for ThreadSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(ThreadTimer { deadline: Instant::now() + duration, shared: None })
    }
}

struct ThreadTimer {
    deadline: Instant,
    /// The waker the timer thread wakes, once that thread is started.
    shared: Option<Arc<Mutex<Option<Waker>>>>,
}

impl Future for ThreadTimer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        match &self.shared {
            // Polled again early: keep the newest waker.
            Some(shared) => *shared.lock().unwrap_or_else(|p| p.into_inner()) = Some(cx.waker().clone()),
            None => {
                let shared = Arc::new(Mutex::new(Some(cx.waker().clone())));
                let thread_shared = Arc::clone(&shared);
                let deadline = self.deadline;
                std::thread::spawn(move || {
                    std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
                    if let Some(waker) = thread_shared.lock().unwrap_or_else(|p| p.into_inner()).take() {
                        waker.wake();
                    }
                });
                self.shared = Some(shared);
            }
        }
        Poll::Pending
    }
}

/// Runs `future`, giving up with `None` once `timer` completes first.
pub async fn timeout<T>(future: impl Future<Output = T>, timer: BoxFuture<'static, ()>) -> Option<T> {
    let mut future = std::pin::pin!(future);
    let mut timer = timer;
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(value) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(value));
        }
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

/// Polls `future` to completion on this thread, parking it until a waker
/// fires. With the blocking client's transport and timer every poll is ready
/// at once; any other future works too if something else wakes it (a
/// [`ThreadSleep`] timer, say), but not one that
/// needs a runtime's reactor, such as a tokio socket.
pub fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        // A wake before this park leaves a token, so it is not lost; a
        // spurious return only means one more poll.
        std::thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_sleep_waits_at_least_the_duration() {
        let start = Instant::now();
        block_on(ThreadSleep.sleep(Duration::from_millis(30)));
        assert!(start.elapsed() >= Duration::from_millis(30));
    }

    #[test]
    fn timeout_returns_the_value_when_it_is_ready_first() {
        let value = block_on(timeout(async { 7 }, ThreadSleep.sleep(Duration::from_secs(5))));
        assert_eq!(value, Some(7));
    }

    #[test]
    fn timeout_gives_up_when_the_timer_fires_first() {
        let start = Instant::now();
        let never = std::future::pending::<()>();
        let value = block_on(timeout(never, ThreadSleep.sleep(Duration::from_millis(20))));
        assert_eq!(value, None);
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}
