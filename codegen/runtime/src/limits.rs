//! Time and size bounds of a call: the defaults, [`TransportLimits`] that
//! the crate's transports are built with, and the `ConfigBuilder` settings
//! that a config builds its default transport with.
//!
//! A call must end on its own, whatever the server does: connecting is
//! bounded, silence on the connection is bounded (no byte for the read
//! time-out), and the whole attempt is bounded, which is what stops a server
//! that trickles a byte now and then. Response bodies are bounded in size.

use super::error::TransportError;
use std::time::Duration;

/// How long to wait for a connection (DNS, TCP and TLS) by default, as the
/// AWS SDKs do.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// How long the connection may stay silent by default (no byte received,
/// nor sent while sending), as botocore's 60 s socket time-out.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// The longest a whole attempt may take by default, connecting and reading
/// the body included. It stays well above the connect and read time-outs,
/// so those report a silent server first.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(120);

/// The largest response body read by default: 64 MiB, about 900 times the
/// largest page these services return (100 items, about 72 KB).
pub const DEFAULT_MAX_RESPONSE_BODY_SIZE: u64 = 64 * 1024 * 1024;

/// The time and size bounds of the crate's transports (`HyperTransport`
/// and `UreqTransport`). A config builds its default transport with its
/// own, set on [`ConfigBuilder`](super::client::ConfigBuilder); a transport you build yourself takes them
/// in its `with_limits` constructor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TransportLimits {
    connect_timeout: Duration,
    read_timeout: Duration,
    attempt_timeout: Option<Duration>,
    max_response_body_size: u64,
}

impl Default for TransportLimits {
    fn default() -> Self {
        TransportLimits {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            attempt_timeout: Some(DEFAULT_ATTEMPT_TIMEOUT),
            max_response_body_size: DEFAULT_MAX_RESPONSE_BODY_SIZE,
        }
    }
}

impl TransportLimits {
    /// Gives up connecting (DNS, TCP and TLS) after this long (default 3.1 s).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Gives up when no byte arrives (or, while sending, leaves) for this
    /// long (default 60 s). It restarts with every byte, so a server that
    /// trickles is stopped by the attempt time-out instead.
    pub fn with_read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// Bounds each request as a whole, from connecting to the last byte of
    /// the body (default 120 s); `None` leaves it unbounded.
    pub fn with_attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// Stops reading a response whose body is larger than this many bytes
    /// (default 64 MiB), with an error that is not retried.
    pub fn with_max_response_body_size(mut self, bytes: u64) -> Self {
        self.max_response_body_size = bytes;
        self
    }

    /// The connect time-out.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The longest silence on the connection.
    pub fn read_timeout(&self) -> Duration {
        self.read_timeout
    }

    /// The bound on a whole request, if any.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// The largest response body accepted, in bytes.
    pub fn max_response_body_size(&self) -> u64 {
        self.max_response_body_size
    }
}

/// Appends `chunk` to a body being read, failing once the body would pass
/// `limit`; the buffer never grows beyond the limit, so an endless body costs
/// at most `limit` bytes of memory.
#[cfg_attr(not(any(feature = "default-https-client", feature = "blocking")), allow(dead_code))]
pub(crate) fn append_limited(body: &mut Vec<u8>, chunk: &[u8], limit: u64) -> Result<(), TransportError> {
    let len = body.len() as u64 + chunk.len() as u64;
    if len > limit {
        return Err(TransportError::response_too_large(limit));
    }
    if body.capacity() < len as usize {
        // Doubling as Vec does, but capped at the limit.
        let target = (body.capacity() as u64 * 2).clamp(len, limit);
        body.reserve_exact(target as usize - body.len());
    }
    body.extend_from_slice(chunk);
    Ok(())
}

/// What a `ConfigBuilder` was told about bounds; `build` resolves it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LimitSettings {
    /// `Some(None)`: explicitly unbounded.
    pub(crate) attempt_timeout: Option<Option<Duration>>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) max_response_body_size: Option<u64>,
}

/// Whose transport a config sends through, as far as bounds go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Owner {
    /// The crate's own, built with the config's limits.
    Default,
    /// An async transport of the caller's, which the driver can time.
    Async,
    /// A blocking transport of the caller's, which nothing can interrupt.
    Blocking,
}

impl LimitSettings {
    /// The default transport's limits and the attempt time-out, or why the
    /// caller's transport cannot honour the settings.
    pub(crate) fn resolve(&self, owner: Owner) -> Result<(TransportLimits, Option<Duration>), String> {
        if owner != Owner::Default && (self.connect_timeout.is_some() || self.read_timeout.is_some()) {
            return Err("connect_timeout and read_timeout configure the default transport; \
                        set them on the transport you pass (its TransportLimits)"
                .to_owned());
        }
        if owner == Owner::Blocking && matches!(self.attempt_timeout, Some(Some(_))) {
            return Err("attempt_timeout cannot interrupt a blocking transport's call; \
                        bound the transport itself (UreqTransport::with_limits)"
                .to_owned());
        }
        let attempt_timeout = match self.attempt_timeout {
            Some(timeout) => timeout,
            None if owner == Owner::Default => Some(DEFAULT_ATTEMPT_TIMEOUT),
            None => None,
        };
        let defaults = TransportLimits::default();
        let limits = defaults
            .with_connect_timeout(self.connect_timeout.unwrap_or(defaults.connect_timeout))
            .with_read_timeout(self.read_timeout.unwrap_or(defaults.read_timeout))
            .with_attempt_timeout(attempt_timeout)
            .with_max_response_body_size(self.max_response_body_size.unwrap_or(defaults.max_response_body_size));
        Ok((limits, attempt_timeout))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_bound_every_phase() {
        let limits = TransportLimits::default();
        assert_eq!(limits.connect_timeout(), Duration::from_millis(3100));
        assert_eq!(limits.read_timeout(), Duration::from_secs(60));
        assert_eq!(limits.attempt_timeout(), Some(Duration::from_secs(120)));
        assert_eq!(limits.max_response_body_size(), 64 << 20);
        let set = limits.with_attempt_timeout(None).with_read_timeout(Duration::from_secs(1));
        assert_eq!((set.attempt_timeout(), set.read_timeout()), (None, Duration::from_secs(1)));
    }

    #[test]
    fn a_body_may_reach_the_limit_but_not_pass_it() {
        let mut body = Vec::new();
        for _ in 0..10 {
            append_limited(&mut body, &[7; 100], 1000).unwrap();
        }
        assert_eq!(body.len(), 1000);
        assert!(body.capacity() <= 1000, "{}", body.capacity());
        let err = append_limited(&mut body, &[7], 1000).unwrap_err();
        assert!(err.is_response_too_large(), "{err}");
        assert!(!err.is_timeout());
        assert_eq!(body.len(), 1000);
    }

    #[test]
    fn settings_resolve_per_owner() {
        let unset = LimitSettings::default();
        assert_eq!(unset.resolve(Owner::Default).unwrap(), (TransportLimits::default(), Some(DEFAULT_ATTEMPT_TIMEOUT)));
        assert_eq!(unset.resolve(Owner::Async).unwrap().1, None);
        assert_eq!(unset.resolve(Owner::Blocking).unwrap().1, None);
        let set = LimitSettings {
            attempt_timeout: Some(Some(Duration::from_secs(5))),
            max_response_body_size: Some(10),
            ..LimitSettings::default()
        };
        let (limits, attempt) = set.resolve(Owner::Async).unwrap();
        assert_eq!((limits.max_response_body_size(), attempt), (10, Some(Duration::from_secs(5))));
        assert!(set.resolve(Owner::Blocking).unwrap_err().contains("attempt_timeout"));
        let read = LimitSettings { read_timeout: Some(Duration::from_secs(1)), ..LimitSettings::default() };
        assert_eq!(read.resolve(Owner::Default).unwrap().0.read_timeout(), Duration::from_secs(1));
        assert!(read.resolve(Owner::Async).unwrap_err().contains("read_timeout"));
    }
}
