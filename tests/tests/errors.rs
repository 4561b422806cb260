//! Error responses: every modeled exception, every way of naming the code,
//! unmodeled errors, retry classification and `Display`.

mod common;

use common::{Fake, block_on};
use pinpoint_sms_voice_v2::error::{DescribePhoneNumbersError, SdkError};
use pinpoint_sms_voice_v2::operation::DescribePhoneNumbers;
use pinpoint_sms_voice_v2::types::{AccessDeniedExceptionReason, ResourceType, ValidationExceptionReason};

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
    assert_eq!(e.code(), "ValidationException");
    assert_eq!(e.meta().request_id(), Some("rid-9"));
    assert!(!e.is_retryable());
    assert_eq!(e.to_string(), "ValidationException: bad filter (HTTP 400, request id rid-9)");
}

#[test]
fn resource_not_found_carries_type_and_id() {
    let e = error(400, &[], r#"{"__type":"ResourceNotFoundException","Message":"no such number","ResourceType":"phone-number","ResourceId":"phone-1"}"#);
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
    let header = error(400, &[("x-amzn-errortype", "ThrottlingException:http://internal.amazon.com/")], r#"{"__type":"ValidationException"}"#);
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
    let service = err.into_service_error().expect("a service error");
    assert!(matches!(service, DescribePhoneNumbersError::ValidationException(_)));
}
