//! Error responses: every modeled exception, every way of naming the code,
//! unmodeled errors, retry classification and `Display`; and the
//! service-wide `Error` that `?` converts any call's failure into.

mod common;

use common::{Failing, Fake, block_on};
use pinpoint_sms_voice_v2::error::{DescribePhoneNumbersError, ErrorMeta, PaginationError, SdkError};
use pinpoint_sms_voice_v2::operation::DescribePhoneNumbers;
use pinpoint_sms_voice_v2::types::{
    AccessDeniedExceptionReason, PhoneNumberFilter, PhoneNumberFilterName, ResourceType, ValidationExceptionReason,
};
use pinpoint_sms_voice_v2::{Client, Error};

fn error(status: u16, headers: &[(&str, &str)], body: &str) -> DescribePhoneNumbersError {
    let mut builder = http::Response::builder().status(status).header("x-amzn-requestid", "rid-9");
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let response = builder.body(body.as_bytes().to_vec()).unwrap();
    match DescribePhoneNumbers::parse_response(&response) {
        Err(SdkError::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[test]
fn validation_exception_carries_reason_and_fields() {
    let e = error(
        400,
        &[],
        r#"{"__type":"ValidationException","message":"bad filter","Reason":"INVALID_FILTER_VALUES","Fields":[{"Name":"Filters","Message":"unknown name"}]}"#,
    );
    let DescribePhoneNumbersError::ValidationException(v) = &e else { panic!("{e:?}") };
    assert_eq!(v.reason(), Some(&ValidationExceptionReason::InvalidFilterValues));
    assert_eq!(v.fields()[0].name(), "Filters");
    assert_eq!(v.fields()[0].message(), "unknown name");
    assert_eq!(v.message(), Some("bad filter"));
    assert_eq!(e.code(), Some("ValidationException"));
    assert_eq!(e.meta().request_id(), Some("rid-9"));
    assert!(!e.is_retryable());
    assert_eq!(e.to_string(), "ValidationException: bad filter (HTTP 400, request id rid-9)");
}

#[test]
fn resource_not_found_carries_type_and_id() {
    let e = error(
        400,
        &[],
        r#"{"__type":"ResourceNotFoundException","Message":"no such number","ResourceType":"phone-number","ResourceId":"phone-1"}"#,
    );
    let DescribePhoneNumbersError::ResourceNotFoundException(r) = &e else { panic!("{e:?}") };
    assert_eq!(r.resource_type(), Some(&ResourceType::PhoneNumber));
    assert_eq!(r.resource_id(), Some("phone-1"));
    assert_eq!(e.message(), Some("no such number"));
}

#[test]
fn access_denied_carries_reason() {
    let e = error(403, &[], r#"{"__type":"AccessDeniedException","Message":"no","Reason":"ACCOUNT_DISABLED"}"#);
    let DescribePhoneNumbersError::AccessDeniedException(a) = &e else { panic!("{e:?}") };
    assert_eq!(a.reason(), Some(&AccessDeniedExceptionReason::AccountDisabled));
}

#[test]
fn internal_server_error_is_retryable_and_carries_request_id() {
    let e = error(500, &[], r#"{"__type":"InternalServerException","Message":"oops","RequestId":"abc"}"#);
    let DescribePhoneNumbersError::InternalServerException(i) = &e else { panic!("{e:?}") };
    assert_eq!(i.request_id(), Some("abc"));
    assert!(e.is_retryable());
    assert!(!e.is_throttling());
}

#[test]
fn throttling_is_retryable_throttling() {
    let e = error(400, &[], r#"{"__type":"ThrottlingException","Message":"slow down"}"#);
    assert!(matches!(e, DescribePhoneNumbersError::ThrottlingException(_)));
    assert!(e.is_retryable() && e.is_throttling());
}

#[test]
fn code_comes_from_header_then_code_then_type() {
    let header = error(
        400,
        &[("x-amzn-errortype", "ThrottlingException:http://internal.amazon.com/")],
        r#"{"__type":"ValidationException"}"#,
    );
    assert!(matches!(header, DescribePhoneNumbersError::ThrottlingException(_)), "{header:?}");
    let code = error(400, &[], r#"{"code":"ThrottlingException","__type":"ValidationException"}"#);
    assert!(matches!(code, DescribePhoneNumbersError::ThrottlingException(_)), "{code:?}");
    let shape_id = error(400, &[], r#"{"__type":"com.amazonaws.pinpointsmsvoicev2#ValidationException"}"#);
    assert!(matches!(shape_id, DescribePhoneNumbersError::ValidationException(_)), "{shape_id:?}");
}

#[test]
fn unmodeled_errors_keep_code_message_status_and_request_id() {
    let e = error(418, &[], r#"{"__type":"TeapotException","message":"short and stout"}"#);
    let DescribePhoneNumbersError::Unhandled(u) = &e else { panic!("{e:?}") };
    assert_eq!(u.meta().code(), "TeapotException");
    assert_eq!(u.meta().message(), Some("short and stout"));
    assert_eq!(u.meta().status(), 418);
    assert_eq!(u.meta().request_id(), Some("rid-9"));
    assert_eq!(e.to_string(), "TeapotException: short and stout (HTTP 418, request id rid-9)");
}

#[test]
fn unmodeled_5xx_and_throttling_codes_are_retryable() {
    assert!(error(503, &[], "<html>unavailable</html>").is_retryable());
    let e = error(400, &[], r#"{"__type":"TooManyRequestsException"}"#);
    assert!(e.is_throttling() && e.is_retryable());
}

#[test]
fn malformed_error_body_of_a_modeled_error_is_a_response_error() {
    let response = common::response(400, r#"{"__type":"ValidationException","Fields":"not a list"}"#);
    let err = DescribePhoneNumbers::parse_response(&response).unwrap_err();
    let SdkError::Response(e) = &err else { panic!("{err:?}") };
    assert_eq!(e.meta().unwrap().code(), "ValidationException");
    assert!(err.to_string().contains("Fields"), "{err}");
}

#[test]
fn a_modeled_error_with_a_proxy_page_keeps_code_and_retryability() {
    let response = http::Response::builder()
        .status(503)
        .header("x-amzn-errortype", "ThrottlingException")
        .header("x-amz-request-id", "alt-id")
        .body(b"<html>busy</html>".to_vec())
        .unwrap();
    let err = DescribePhoneNumbers::parse_response(&response).unwrap_err();
    let SdkError::Response(e) = &err else { panic!("{err:?}") };
    let meta = e.meta().unwrap();
    assert_eq!(meta.code(), "ThrottlingException");
    assert_eq!(meta.request_id(), Some("alt-id"));
    assert!(e.is_retryable());
    assert!(err.to_string().contains("ThrottlingException"), "{err}");
}

#[test]
fn the_client_returns_typed_errors() {
    let fake = Fake::fixed(400, r#"{"__type":"ValidationException","message":"nope"}"#);
    let err = block_on(fake.client().describe_phone_numbers().send()).unwrap_err();
    let service = err.into_service_error();
    assert!(matches!(service, DescribePhoneNumbersError::ValidationException(_)));
}

// The service-wide `Error`.

#[test]
fn a_modeled_exception_becomes_the_service_variant_with_its_fields() {
    let body = r#"{"__type":"ValidationException","message":"bad filter","Reason":"INVALID_FILTER_VALUES","Fields":[{"Name":"Filters","Message":"unknown name"}]}"#;
    let e = Error::from(error(400, &[], body));
    let Error::ValidationException(v) = &e else { panic!("{e:?}") };
    assert_eq!(v.reason(), Some(&ValidationExceptionReason::InvalidFilterValues));
    assert_eq!(v.fields()[0].name(), "Filters");
    assert_eq!(v.fields()[0].message(), "unknown name");
    assert_eq!(e.code(), Some("ValidationException"));
    assert_eq!(e.message(), Some("bad filter"));
    assert_eq!(e.meta().and_then(ErrorMeta::request_id), Some("rid-9"));
    assert!(!e.is_retryable() && !e.is_throttling());
    assert_eq!(e.to_string(), "ValidationException: bad filter (HTTP 400, request id rid-9)");
    // Its text is all there is: no source repeats it.
    assert!(std::error::Error::source(&e).is_none());

    // Straight from the operation's `SdkError` too.
    let sdk = DescribePhoneNumbers::parse_response(&common::response(400, body)).unwrap_err();
    assert!(matches!(Error::from(sdk), Error::ValidationException(_)));
}

#[test]
fn service_variants_keep_retry_classification() {
    let throttled = Error::from(error(400, &[], r#"{"__type":"ThrottlingException","Message":"slow down"}"#));
    assert!(matches!(throttled, Error::ThrottlingException(_)), "{throttled:?}");
    assert!(throttled.is_throttling() && throttled.is_retryable());
    let internal = Error::from(error(500, &[], r#"{"__type":"InternalServerException","RequestId":"abc"}"#));
    let Error::InternalServerException(i) = &internal else { panic!("{internal:?}") };
    assert_eq!(i.request_id(), Some("abc"));
    assert!(internal.is_retryable() && !internal.is_throttling());
}

#[test]
fn an_unmodeled_code_becomes_unhandled() {
    let e = Error::from(error(418, &[], r#"{"__type":"TeapotException","message":"short and stout"}"#));
    let Error::Unhandled(u) = &e else { panic!("{e:?}") };
    assert_eq!(u.meta().status(), 418);
    assert_eq!(e.code(), Some("TeapotException"));
    assert_eq!(e.message(), Some("short and stout"));
    assert_eq!(e.to_string(), "TeapotException: short and stout (HTTP 418, request id rid-9)");
    assert_eq!(Error::from(error(503, &[], "<html>busy</html>")).code(), None);
}

#[test]
fn a_transport_failure_becomes_the_transport_variant() {
    let e = Error::from(block_on(Failing { timeout: true }.client().describe_phone_numbers().send()).unwrap_err());
    let Error::TransportError(t) = &e else { panic!("{e:?}") };
    assert!(t.is_timeout());
    assert!(e.is_retryable() && !e.is_throttling());
    assert_eq!((e.meta(), e.code(), e.message()), (None, None, None));
    assert_eq!(e.to_string(), "transport error: no response in 5 s");

    let refused =
        Error::from(block_on(Failing { timeout: false }.client().describe_phone_numbers().send()).unwrap_err());
    assert!(matches!(refused, Error::TransportError(_)) && !refused.is_retryable(), "{refused:?}");
    // `Error` is transparent: its source is the transport's own cause.
    let cause = std::error::Error::source(&refused).expect("the io error");
    assert!(cause.downcast_ref::<std::io::Error>().is_some(), "{cause:?}");
}

#[test]
fn an_unparsable_error_response_becomes_the_response_variant_with_its_code() {
    let response = common::response(503, r#"{"__type":"ThrottlingException","Fields":3"#);
    let e = Error::from(DescribePhoneNumbers::parse_response(&response).unwrap_err());
    assert!(matches!(e, Error::ResponseError(_)), "{e:?}");
    assert_eq!(e.code(), Some("ThrottlingException"));
    assert!(e.is_throttling() && e.is_retryable());
}

/// What a caller writes: `?` on builders, calls and paginators alike.
async fn numbers(client: &Client, country: Option<&str>) -> Result<Vec<String>, Error> {
    let mut filter = PhoneNumberFilter::builder().name(PhoneNumberFilterName::IsoCountryCode);
    if let Some(country) = country {
        filter = filter.values(country);
    }
    let first = client.describe_phone_numbers().filters(filter.build()?).max_results(2).send().await?;
    let mut ids: Vec<String> = first.phone_numbers().iter().map(|n| n.phone_number().to_owned()).collect();
    let mut rest = client.describe_phone_numbers().into_paginator().items();
    while let Some(number) = rest.next().await {
        ids.push(number?.phone_number().to_owned());
    }
    Ok(ids)
}

#[test]
fn question_mark_converts_every_failure_into_error() {
    let ok = block_on(numbers(&common::paging_service(3).client(), Some("US"))).unwrap();
    assert_eq!(ok.len(), 2 + 3);

    let missing = block_on(numbers(&common::paging_service(3).client(), None)).unwrap_err();
    let Error::BuildError(b) = &missing else { panic!("{missing:?}") };
    assert_eq!(b.missing(), Some("values"));

    let denied = Fake::fixed(403, r#"{"__type":"AccessDeniedException","Reason":"ACCOUNT_DISABLED"}"#);
    let err = block_on(numbers(&denied.client(), Some("US"))).unwrap_err();
    let Error::AccessDeniedException(a) = &err else { panic!("{err:?}") };
    assert_eq!(a.reason(), Some(&AccessDeniedExceptionReason::AccountDisabled));

    let err = block_on(numbers(&Failing { timeout: true }.client(), Some("US"))).unwrap_err();
    assert!(matches!(err, Error::TransportError(_)), "{err:?}");

    let looping = Fake::new(|_| {
        common::response(200, &serde_json::json!({ "PhoneNumbers": [], "NextToken": "same" }).to_string())
    });
    let err = block_on(numbers(&looping.client(), Some("US"))).unwrap_err();
    assert!(matches!(err, Error::PaginationError(PaginationError::RepeatedToken(_))), "{err:?}");
}

#[test]
fn error_fits_in_boxed_error_chains() {
    fn boxed<E: std::error::Error + Send + Sync + 'static>(e: E) -> Box<dyn std::error::Error + Send + Sync> {
        Box::new(e)
    }
    let e = boxed(Error::from(error(400, &[], r#"{"__type":"ThrottlingException"}"#)));
    assert!(e.downcast_ref::<Error>().is_some());
}
