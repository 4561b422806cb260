//! Parsing responses: unknown values and fields, nulls, timestamps, missing
//! required members, hostile nesting.

mod common;

use common::{phone_number, response};
use pinpoint_sms_voice_v2::error::SdkError;
use pinpoint_sms_voice_v2::operation::DescribePhoneNumbers;
use pinpoint_sms_voice_v2::types::{NumberCapability, NumberStatus};
use serde_json::json;

fn parse(
    body: &str,
) -> Result<pinpoint_sms_voice_v2::operation::describe_phone_numbers::DescribePhoneNumbersOutput, String> {
    DescribePhoneNumbers::parse_response(&response(200, body)).map_err(|e| e.to_string())
}

#[test]
fn parses_every_member() {
    let body = json!({ "PhoneNumbers": [phone_number(7)], "NextToken": "next" }).to_string();
    let out = parse(&body).unwrap();
    let n = &out.phone_numbers()[0];
    assert_eq!(n.phone_number_arn(), "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0007");
    assert_eq!(n.phone_number_id(), Some("phone-0007"));
    assert_eq!(n.status(), &NumberStatus::Active);
    assert_eq!(n.number_capabilities(), &[NumberCapability::Sms, NumberCapability::Voice]);
    assert!(n.two_way_enabled());
    assert!(!n.self_managed_opt_outs_enabled());
    assert_eq!(out.next_token(), Some("next"));
}

#[test]
fn timestamps_keep_milliseconds() {
    let mut item = phone_number(1);
    for (raw, millis) in
        [("1700000000.123", 1_700_000_000_123_i64), ("1700000000", 1_700_000_000_000), ("1.7e9", 1_700_000_000_000)]
    {
        item["CreatedTimestamp"] = serde_json::from_str(raw).unwrap();
        let out = parse(&json!({ "PhoneNumbers": [item] }).to_string()).unwrap();
        let ts = out.phone_numbers()[0].created_timestamp();
        assert_eq!(ts.secs() * 1000 + i64::from(ts.subsec_nanos() / 1_000_000), millis, "{raw}");
    }
}

#[test]
fn unknown_enum_values_and_fields_are_kept_or_ignored() {
    let mut item = phone_number(1);
    item["Status"] = json!("MIGRATING");
    item["NumberCapabilities"] = json!(["SMS", "HOLOGRAM"]);
    item["SomeFutureField"] = json!({ "nested": [1, 2, { "deep": null }] });
    let body = json!({ "PhoneNumbers": [item], "Unmodeled": true }).to_string();
    let out = parse(&body).unwrap();
    let n = &out.phone_numbers()[0];
    assert_eq!(n.status().as_str(), "MIGRATING");
    assert!(matches!(n.status(), NumberStatus::Unknown(_)));
    assert_eq!(n.number_capabilities()[1].as_str(), "HOLOGRAM");
}

#[test]
fn nulls_are_absent() {
    let mut item = phone_number(1);
    item["PhoneNumberId"] = json!(null);
    item["PoolId"] = json!(null);
    let out = parse(&json!({ "PhoneNumbers": [item], "NextToken": null }).to_string()).unwrap();
    assert_eq!(out.phone_numbers()[0].phone_number_id(), None);
    assert_eq!(out.next_token(), None);
    assert!(parse(r#"{"PhoneNumbers":null}"#).unwrap().phone_numbers.is_none());
}

#[test]
fn empty_body_is_an_empty_output() {
    let out = parse("").unwrap();
    assert!(out.phone_numbers.is_none() && out.next_token.is_none());
}

#[test]
fn a_missing_required_member_is_reported_with_its_path() {
    let mut item = phone_number(2);
    item.as_object_mut().unwrap().remove("PhoneNumberArn");
    let body = json!({ "PhoneNumbers": [phone_number(1), item] }).to_string();
    let err = DescribePhoneNumbers::parse_response(&response(200, &body)).unwrap_err();
    let SdkError::Response(e) = &err else { panic!("expected a response error, got {err:?}") };
    let text = e.to_string();
    assert!(text.contains("PhoneNumberArn"), "{text}");
    assert!(text.contains("PhoneNumbers[1]"), "{text}");
    assert!(text.contains("req-1"), "{text}");
}

#[test]
fn a_wrongly_typed_member_is_reported() {
    let mut item = phone_number(1);
    item["TwoWayEnabled"] = json!("yes");
    let err = parse(&json!({ "PhoneNumbers": [item] }).to_string()).unwrap_err();
    assert!(err.contains("TwoWayEnabled"), "{err}");
}

#[test]
fn hostile_nesting_is_bounded_not_a_crash() {
    let deep = format!("{{\"Unmodeled\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let err = parse(&deep).unwrap_err();
    assert!(err.to_lowercase().contains("depth"), "{err}");
}

#[test]
fn malformed_json_is_an_error() {
    for body in [r#"{"PhoneNumbers":[}"#, r#"{"NextToken":"a",}"#, "[]", r#"{"NextToken":"a"} trailing"#] {
        assert!(parse(body).is_err(), "{body}");
    }
}
