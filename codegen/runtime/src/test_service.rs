//! A service for the runtime's own tests, with endpoint rules reduced to
//! what every service's rules do: an endpoint URL as it is, otherwise a
//! regional host, and no region an error.

use crate::client::Service;
use crate::endpoint_rules::{BuiltIns, Endpoint, EndpointError};

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TestService;

impl Service for TestService {
    const SIGNING_NAME: &'static str = "test";
    const SERVICE_ID: &'static str = "Test Service";
    const PACKAGE_NAME: &'static str = "test-service";
    const PACKAGE_VERSION: &'static str = "0.0.1";

    fn resolve_endpoint(built_ins: &BuiltIns<'_>) -> Result<Endpoint, EndpointError> {
        match (built_ins.endpoint, built_ins.region) {
            (Some(url), _) => Ok(Endpoint::new(url)),
            (None, Some(region)) => Ok(Endpoint::new(format!("https://test.{region}.amazonaws.com"))),
            (None, None) => Err(EndpointError::new("Invalid Configuration: Missing Region")),
        }
    }
}

pub(crate) type Config = crate::client::Config<TestService>;
