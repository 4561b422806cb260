//! What a config uses when no transport or timer is set, by cargo feature.
//! `default-https-client` (on by default) brings the hyper transport and
//! tokio's timer; with only `blocking`, the ureq transport serves both
//! clients (the async one then blocks its executor's thread while it waits
//! on the network); with neither, a transport must be set.

use super::limits::TransportLimits;
use super::network::NetworkSettings;
use super::sleep::Sleep;
use super::transport::Transport;
use std::sync::Arc;

/// The transport for a config that names none, if this build has one,
/// bounded by the config's limits, with no proxy or extra roots.
#[cfg_attr(feature = "blocking", allow(dead_code))]
pub(crate) fn transport(limits: TransportLimits) -> Option<Arc<dyn Transport>> {
    transport_with(limits, &NetworkSettings::default())
}

/// The same, with these proxies and extra roots.
#[cfg_attr(not(any(feature = "default-https-client", feature = "blocking")), allow(unused_variables))]
pub(crate) fn transport_with(limits: TransportLimits, network: &NetworkSettings) -> Option<Arc<dyn Transport>> {
    #[cfg(feature = "default-https-client")]
    {
        Some(Arc::new(super::hyper_transport::HyperTransport::with_settings(limits, network)))
    }
    #[cfg(all(feature = "blocking", not(feature = "default-https-client")))]
    {
        Some(super::blocking::default_transport_with(limits, network))
    }
    #[cfg(not(any(feature = "default-https-client", feature = "blocking")))]
    {
        None
    }
}

/// The timer for a config that names none.
pub(crate) fn sleep() -> Arc<dyn Sleep> {
    #[cfg(feature = "default-https-client")]
    {
        Arc::new(super::hyper_transport::TokioSleep)
    }
    #[cfg(not(feature = "default-https-client"))]
    {
        Arc::new(super::sleep::ThreadSleep)
    }
}

#[cfg(test)]
mod tests {
    use crate::test_service::Config;

    #[test]
    fn a_missing_transport_is_an_error_only_without_a_default() {
        let built = Config::builder().region("us-east-1").build();
        if cfg!(any(feature = "default-https-client", feature = "blocking")) {
            assert!(built.is_ok(), "{built:?}");
        } else {
            assert!(built.unwrap_err().to_string().contains("transport"));
        }
    }
}
