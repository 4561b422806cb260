//! Unit tests of `client.rs`: configuration, endpoint joining and headers.

use super::*;
type Config = crate::test_service::Config;

#[test]
fn joins_endpoint_and_path() {
    let join = |e: &str, p: &str| {
        let endpoint = e.parse().unwrap();
        join(&endpoint, &base_of(&endpoint), &p.parse().unwrap()).unwrap().to_string()
    };
    assert_eq!(join("https://example.com", "/"), "https://example.com/");
    assert_eq!(join("https://example.com", "/a/b?c=d&e"), "https://example.com/a/b?c=d&e");
    assert_eq!(join("http://127.0.0.1:8443/", "/a?b"), "http://127.0.0.1:8443/a?b");
    assert_eq!(join("https://example.com/base", "/a?b"), "https://example.com/base/a?b");
    assert_eq!(join("http://127.0.0.1:8080/", "/"), "http://127.0.0.1:8080/");
    assert_eq!(join("https://example.com/base", "/"), "https://example.com/base/");
}

#[derive(Debug)]
struct NoTransport;

impl Transport for NoTransport {
    fn send(
        &self,
        _: http::Request<Vec<u8>>,
    ) -> super::super::transport::BoxFuture<'_, Result<http::Response<Vec<u8>>, super::super::error::TransportError>>
    {
        unreachable!("configuration tests send nothing")
    }
}

#[test]
fn compression_settings_are_configured_and_range_checked() {
    let config = Config::builder().transport(NoTransport).build().unwrap();
    assert_eq!(*config.request_compression(), CompressionSettings::default());
    let config = Config::builder()
        .transport(NoTransport)
        .disable_request_compression(true)
        .request_min_compression_size_bytes(0)
        .build()
        .unwrap();
    assert!(config.request_compression().disabled());
    assert_eq!(config.request_compression().min_size_bytes(), 0);
    let err = Config::builder().transport(NoTransport).request_min_compression_size_bytes(10_485_761).build();
    assert!(err.unwrap_err().to_string().contains("out of range"));
    assert!(Config::builder().transport(NoTransport).request_min_compression_size_bytes(10_485_760).build().is_ok());
}

// What follows holds for every service's endpoint rules.

#[test]
fn an_endpoint_url_goes_through_the_rules_unchanged() {
    let config = Config::builder().transport(NoTransport).endpoint_url("http://127.0.0.1:8080/base").build().unwrap();
    assert_eq!(config.resolved_endpoint().unwrap().url(), "http://127.0.0.1:8080/base");
    assert_eq!(config.endpoint().unwrap(), "http://127.0.0.1:8080/base");
    assert!(!config.use_fips() && !config.use_dual_stack());
}

#[test]
fn an_unusable_endpoint_url_fails_the_build_and_a_refused_one_each_call() {
    let err = Config::builder().transport(NoTransport).endpoint_url("example.com").build().unwrap_err();
    assert!(err.to_string().contains("\"example.com\" is not a usable endpoint URL"), "{err}");
    let config = Config::builder().transport(NoTransport).build().unwrap();
    assert!(config.endpoint().unwrap_err().starts_with("cannot resolve the endpoint: "));
    let config = Config::builder().transport(NoTransport).endpoint_url("https://example.com").use_fips(true).build();
    assert!(config.unwrap().use_fips());
}

#[test]
fn endpoint_headers_are_appended_to_the_request() {
    let mut request = http::Request::new(Vec::new());
    let headers = [("x-a".to_owned(), vec!["1".to_owned(), "2".to_owned()])].into();
    add_headers(&mut request, &headers).unwrap();
    assert_eq!(request.headers().get_all("x-a").iter().collect::<Vec<_>>(), ["1", "2"]);
    let bad = [("bad name".to_owned(), vec![String::new()])].into();
    assert!(add_headers(&mut request, &bad).unwrap_err().contains("`bad name`"));
}

#[test]
fn every_common_setter_means_the_same_on_both_builders() {
    use crate::credentials::Credentials;
    use crate::retry::RetryConfig;
    use std::time::Duration;
    // The setters both builders have, applied the same way to each.
    macro_rules! common {
        ($builder:expr) => {
            $builder
                .transport(NoTransport)
                .region("eu-west-3")
                .credentials(Credentials::new("AKID", "secret", None, None))
                .use_fips(true)
                .use_dual_stack(true)
                .retry_config(RetryConfig::standard().with_max_attempts(7))
                .sleep_impl(crate::sleep::ThreadSleep)
                .attempt_timeout(Duration::from_secs(9))
                .max_response_body_size(1234)
        };
    }
    let direct = common!(Config::builder()).build().unwrap();
    let shared = common!(SharedConfig::builder()).build().unwrap();
    let via_shared = Config::from_shared(&shared);
    assert_eq!(format!("{direct:?}"), format!("{via_shared:?}"));
    assert_eq!(direct.region(), Some("eu-west-3"));
    assert!(direct.use_fips() && direct.use_dual_stack());
    assert_eq!(direct.retry_config().max_attempts(), 7);
    assert_eq!(direct.attempt_timeout(), Some(Duration::from_secs(9)));
    assert_eq!(direct.transport_limits().max_response_body_size(), 1234);
    assert!(direct.credentials_provider().is_some());
}
