//! The error API every call shares: `ProvideErrorMetadata` with one meaning
//! on `SdkError`, the operation error enums and `Error`;
//! `into_service_error` and the `is_<exception>()` helpers; and error chains
//! that show each cause once.

mod common;

use common::{Failing, Fake, block_on, response};
use pinpoint_sms_voice_v2::error::{DescribePhoneNumbersError, ProvideErrorMetadata, SdkError, TransportError};
use pinpoint_sms_voice_v2::operation::DescribePhoneNumbers;
use pinpoint_sms_voice_v2::{BuildError, Client, Error};

type Failure = SdkError<DescribePhoneNumbersError>;

fn parse(status: u16, body: &str) -> Failure {
    DescribePhoneNumbers::parse_response(&response(status, body)).unwrap_err()
}

fn transport_failure(timeout: bool) -> Failure {
    block_on(Failing { timeout }.client().describe_phone_numbers().send()).unwrap_err()
}

fn metadata(e: &impl ProvideErrorMetadata) -> (Option<&str>, Option<&str>) {
    (e.code(), e.message())
}

/// Every `Display` of `source()`'s chain, outermost first.
fn chain(e: &(dyn std::error::Error + 'static)) -> Vec<String> {
    std::iter::successors(Some(e), |e| e.source()).map(ToString::to_string).collect()
}

/// Fails when a cause's text shows up again further down the chain.
fn assert_each_cause_once(e: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let links = chain(e);
    for (i, outer) in links.iter().enumerate() {
        for inner in &links[i + 1..] {
            assert!(!outer.contains(inner.as_str()), "`{inner}` is repeated by `{outer}` in {links:#?}");
        }
    }
    links
}

#[test]
fn code_and_message_mean_the_same_on_every_error_type() {
    let service = || parse(400, r#"{"__type":"ValidationException","message":"bad filter"}"#);
    let expected = (Some("ValidationException"), Some("bad filter"));
    assert_eq!(metadata(&service()), expected);
    assert_eq!(metadata(service().as_service_error().unwrap()), expected);
    assert_eq!(metadata(&service().into_service_error()), expected);
    assert_eq!(metadata(&Error::from(service())), expected);

    // No error response: nothing to report, on every type alike.
    assert_eq!(metadata(&transport_failure(true)), (None, None));
    assert_eq!(metadata(&transport_failure(true).into_service_error()), (None, None));
    assert_eq!(metadata(&Error::from(transport_failure(true))), (None, None));

    // An error response whose body did not parse still names its code.
    let unreadable = || parse(503, r#"{"__type":"ThrottlingException","message":"slow down","Fields":3"#);
    assert!(matches!(unreadable(), SdkError::Response(_)));
    let expected = (Some("ThrottlingException"), Some("slow down"));
    assert_eq!(metadata(&unreadable()), expected);
    assert_eq!(metadata(&unreadable().into_service_error()), expected);
    assert_eq!(metadata(&Error::from(unreadable())), expected);

    // A response without a code has none, rather than an empty one.
    assert_eq!(metadata(&parse(500, "<html>oops</html>")), (None, None));
    assert_eq!(metadata(&parse(500, "<html>oops</html>").into_service_error()), (None, None));
}

#[test]
fn into_service_error_gives_the_enum_and_keeps_other_failures_as_its_source() {
    let e = parse(400, r#"{"__type":"ThrottlingException","Message":"slow down"}"#).into_service_error();
    assert!(matches!(e, DescribePhoneNumbersError::ThrottlingException(_)), "{e:?}");

    let e = transport_failure(true).into_service_error();
    let DescribePhoneNumbersError::Unhandled(unhandled) = &e else { panic!("{e:?}") };
    let source = std::error::Error::source(unhandled).expect("the transport failure");
    let transport = source.downcast_ref::<TransportError>().expect("the original failure");
    assert!(transport.is_timeout());
    assert_eq!(chain(&e), ["no response", "transport error: no response in 5 s"]);

    // Without a region there is no endpoint: nothing is sent.
    let config = pinpoint_sms_voice_v2::Config::builder().transport(Fake::fixed(200, "{}")).build().unwrap();
    let unbuilt = block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    assert!(matches!(unbuilt, SdkError::Construction(_)), "{unbuilt:?}");
    let e = unbuilt.into_service_error();
    let DescribePhoneNumbersError::Unhandled(unhandled) = &e else { panic!("{e:?}") };
    assert!(std::error::Error::source(unhandled).unwrap().downcast_ref::<BuildError>().is_some());
}

#[test]
fn is_exception_helpers_name_each_variant() {
    let e = parse(400, r#"{"__type":"ValidationException"}"#).into_service_error();
    assert!(e.is_validation_exception());
    assert!(!e.is_throttling_exception() && !e.is_access_denied_exception());
    let e = parse(403, r#"{"__type":"AccessDeniedException"}"#).into_service_error();
    assert!(e.is_access_denied_exception() && !e.is_validation_exception());
    let e = parse(418, r#"{"__type":"TeapotException"}"#).into_service_error();
    assert!(!e.is_validation_exception() && !e.is_internal_server_exception());
}

#[test]
fn an_error_chain_shows_each_cause_once() {
    // Transport: the transport's message, then its io cause.
    let refused = transport_failure(false);
    let links = assert_each_cause_once(&refused);
    assert_eq!(links, ["transport error: cannot connect", "connection refused"]);
    assert_each_cause_once(&Error::from(transport_failure(false)));
    let links = assert_each_cause_once(&transport_failure(false).into_service_error());
    assert_eq!(links, ["no response", "transport error: cannot connect", "connection refused"]);

    // Response: one line saying what could not be parsed.
    let unreadable = parse(200, r#"{"PhoneNumbers":3}"#);
    assert!(matches!(unreadable, SdkError::Response(_)));
    assert_eq!(assert_each_cause_once(&unreadable).len(), 1);
    assert_eq!(assert_each_cause_once(&Error::from(parse(200, r#"{"PhoneNumbers":3}"#))).len(), 1);

    // Service, modeled and unhandled: code and message, once.
    for body in
        [r#"{"__type":"ValidationException","message":"bad"}"#, r#"{"__type":"TeapotException","message":"bad"}"#]
    {
        let links = assert_each_cause_once(&parse(400, body));
        assert_eq!(links.len(), 1, "{links:?}");
        assert!(links[0].contains(": bad (HTTP 400"), "{links:?}");
        assert_eq!(assert_each_cause_once(&parse(400, body).into_service_error()), links);
        assert_eq!(assert_each_cause_once(&Error::from(parse(400, body))), links);
    }
}
