//! What goes on the wire: the documented example request, byte for byte.

mod common;

use common::{Fake, block_on};
use pinpoint_sms_voice_v2::operation::DescribePhoneNumbers;
use pinpoint_sms_voice_v2::operation::describe_phone_numbers::DescribePhoneNumbersInput;
use pinpoint_sms_voice_v2::types::{Owner, PhoneNumberFilter, PhoneNumberFilterName};

const EXAMPLE_BODY: &str = r#"{"PhoneNumberIds":["phone-1"],"Filters":[{"Name":"iso-country-code","Values":["US","CA"]}],"MaxResults":5,"Owner":"SELF"}"#;

fn filter() -> PhoneNumberFilter {
    PhoneNumberFilter::builder().name(PhoneNumberFilterName::IsoCountryCode).values("US").values("CA").build().unwrap()
}

fn assert_example_request(request: &http::Request<Vec<u8>>, uri: &str) {
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), uri);
    assert_eq!(request.headers()["x-amz-target"], "PinpointSMSVoiceV2.DescribePhoneNumbers");
    assert_eq!(request.headers()["content-type"], "application/x-amz-json-1.0");
    assert_eq!(request.headers()["content-length"], EXAMPLE_BODY.len().to_string().as_str());
    assert_eq!(std::str::from_utf8(request.body()).unwrap(), EXAMPLE_BODY);
}

#[test]
fn documented_example_serializes_exactly() {
    let input = DescribePhoneNumbersInput::builder()
        .phone_number_ids("phone-1")
        .filters(filter())
        .max_results(5)
        .owner(Owner::SelfValue)
        .build()
        .unwrap();
    let request = DescribePhoneNumbers::serialize_request(&input).unwrap();
    assert_example_request(&request, "/");
}

#[test]
fn client_sends_the_documented_example_to_the_endpoint() {
    let fake = Fake::fixed(200, "{}");
    let output = block_on(
        fake.client()
            .describe_phone_numbers()
            .phone_number_ids("phone-1")
            .filters(filter())
            .max_results(5)
            .owner("SELF")
            .send(),
    )
    .unwrap();
    assert!(output.phone_numbers.is_none());
    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    assert_example_request(&requests[0], "https://sms-voice.us-east-1.amazonaws.com/");
}

#[test]
fn empty_input_is_an_empty_object() {
    let input = DescribePhoneNumbersInput::builder().build().unwrap();
    let request = DescribePhoneNumbers::serialize_request(&input).unwrap();
    assert_eq!(request.body(), b"{}");
    assert_eq!(request.headers()["content-length"], "2");
}

#[test]
fn strings_escape_control_characters_and_keep_unicode() {
    let input = DescribePhoneNumbersInput::builder().next_token("q\"b\\s\n\t\u{1}\u{1f}é☃😀").build().unwrap();
    let request = DescribePhoneNumbers::serialize_request(&input).unwrap();
    let body = std::str::from_utf8(request.body()).unwrap();
    assert_eq!(body, "{\"NextToken\":\"q\\\"b\\\\s\\n\\t\\u0001\\u001fé☃😀\"}");
    let back: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(back["NextToken"], "q\"b\\s\n\t\u{1}\u{1f}é☃😀");
}

#[test]
fn unknown_enum_values_are_sent_back_unchanged() {
    let input = DescribePhoneNumbersInput::builder().owner(Owner::from("PARTNER")).build().unwrap();
    let request = DescribePhoneNumbers::serialize_request(&input).unwrap();
    assert_eq!(request.body(), br#"{"Owner":"PARTNER"}"#);
    assert_eq!(Owner::from("PARTNER").as_str(), "PARTNER");
    assert_ne!(Owner::from("SELF"), Owner::from("PARTNER"));
    assert_eq!(Owner::from("SELF"), Owner::SelfValue);
}

#[test]
fn builders_name_the_missing_required_field() {
    let err = PhoneNumberFilter::builder().values("US").build().unwrap_err();
    assert_eq!(err.missing(), Some("name"));
    assert!(err.to_string().contains("`name`"), "{err}");
}

#[test]
fn inputs_read_from_boto3_style_json_with_the_serde_feature() {
    let input: DescribePhoneNumbersInput = serde_json::from_str(
        r#"{"PhoneNumberIds":["phone-1"],"Filters":[{"Name":"iso-country-code","Values":["US","CA"]}],"MaxResults":5,"Owner":"SELF"}"#,
    )
    .unwrap();
    assert_eq!(input.owner, Some(Owner::SelfValue));
    let request = DescribePhoneNumbers::serialize_request(&input).unwrap();
    assert_eq!(std::str::from_utf8(request.body()).unwrap(), EXAMPLE_BODY);
    assert_eq!(serde_json::to_string(&input).unwrap(), EXAMPLE_BODY);
}

#[test]
fn a_client_without_endpoint_or_region_fails_before_sending() {
    let fake = Fake::fixed(200, "{}");
    let config = pinpoint_sms_voice_v2::Config::builder().anonymous().transport(fake.clone()).build().unwrap();
    let client = pinpoint_sms_voice_v2::Client::from_conf(config);
    let err = block_on(client.describe_phone_numbers().send()).unwrap_err();
    assert!(matches!(err, pinpoint_sms_voice_v2::error::SdkError::Construction(_)), "{err:?}");
    // The endpoint rules' own message.
    assert!(err.to_string().contains("Invalid Configuration: Missing Region"), "{err}");
    assert!(fake.requests().is_empty());
}

#[test]
fn a_region_selects_the_regional_endpoint() {
    let fake = Fake::fixed(200, "{}");
    let config = pinpoint_sms_voice_v2::Config::builder()
        .anonymous()
        .transport(fake.clone())
        .region("eu-west-2")
        .build()
        .unwrap();
    block_on(pinpoint_sms_voice_v2::Client::from_conf(config).describe_phone_numbers().send()).unwrap();
    assert_eq!(fake.requests()[0].uri(), "https://sms-voice.eu-west-2.amazonaws.com/");
}

#[test]
fn requests_are_signed_when_the_config_has_credentials() {
    use pinpoint_sms_voice_v2::runtime::credentials::Credentials;
    let fake = Fake::fixed(200, r#"{"PhoneNumbers": []}"#);
    let config = common::config(fake.clone())
        .region("eu-west-2")
        .credentials(Credentials::new("AKIDTEST", "secret", Some("token".to_owned()), None))
        .build()
        .unwrap();
    block_on(pinpoint_sms_voice_v2::Client::from_conf(config).describe_phone_numbers().send()).unwrap();
    let request = &fake.requests()[0];
    let auth = request.headers()["authorization"].to_str().unwrap();
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), "{auth}");
    assert!(auth.contains("/eu-west-2/sms-voice/aws4_request, SignedHeaders="), "{auth}");
    assert!(request.headers().contains_key("x-amz-date"));
    assert_eq!(request.headers()["x-amz-security-token"], "token");
}

#[test]
fn signing_without_a_region_sends_nothing() {
    use pinpoint_sms_voice_v2::runtime::credentials::Credentials;
    let fake = Fake::fixed(200, "{}");
    let config =
        common::config(fake.clone()).credentials(Credentials::from_keys("AKIDTEST", "secret")).build().unwrap();
    let err = block_on(pinpoint_sms_voice_v2::Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    assert!(err.to_string().contains("region"), "{err}");
    assert!(fake.requests().is_empty());
}

#[test]
fn requests_without_credentials_go_unsigned() {
    let fake = Fake::fixed(200, r#"{"PhoneNumbers": []}"#);
    block_on(fake.client().describe_phone_numbers().send()).unwrap();
    assert!(!fake.requests()[0].headers().contains_key("authorization"));
}

#[test]
fn fips_and_dual_stack_select_the_partitions_endpoints() {
    let send = |region: &str, fips: bool, dual_stack: bool| {
        let fake = Fake::fixed(200, "{}");
        let config = pinpoint_sms_voice_v2::Config::builder()
            .anonymous()
            .transport(fake.clone())
            .region(region)
            .use_fips(fips)
            .use_dual_stack(dual_stack)
            .build()
            .unwrap();
        block_on(pinpoint_sms_voice_v2::Client::from_conf(config).describe_phone_numbers().send()).unwrap();
        fake.requests()[0].uri().to_string()
    };
    assert_eq!(send("us-east-1", true, false), "https://sms-voice-fips.us-east-1.amazonaws.com/");
    assert_eq!(send("cn-north-1", false, true), "https://sms-voice.cn-north-1.api.amazonwebservices.com.cn/");
    assert_eq!(send("us-gov-west-1", true, true), "https://sms-voice-fips.us-gov-west-1.api.aws/");
}

#[test]
fn an_endpoint_url_with_fips_fails_each_call_with_the_rules_message() {
    let fake = Fake::fixed(200, "{}");
    let config = pinpoint_sms_voice_v2::Config::builder()
        .anonymous()
        .transport(fake.clone())
        .endpoint_url("https://example.com")
        .use_fips(true)
        .build()
        .unwrap();
    let err = block_on(pinpoint_sms_voice_v2::Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
    assert!(matches!(err, pinpoint_sms_voice_v2::error::SdkError::Construction(_)), "{err:?}");
    assert!(err.to_string().contains("Invalid Configuration: FIPS and custom endpoint are not supported"), "{err}");
    assert!(fake.requests().is_empty());
}

#[test]
fn the_crate_re_exports_the_http_crate_of_its_sans_io_functions() {
    // Spelled through the service crate alone: no `http` version to match.
    use pinpoint_sms_voice_v2::http;
    let request: http::Request<Vec<u8>> =
        DescribePhoneNumbers::serialize_request(&DescribePhoneNumbersInput::builder().build().unwrap()).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    let response: http::Response<Vec<u8>> =
        http::Response::builder().status(http::StatusCode::OK).body(br#"{"PhoneNumbers":[]}"#.to_vec()).unwrap();
    assert!(DescribePhoneNumbers::parse_response(&response).unwrap().phone_numbers().is_empty());
    // The runtime's re-export is the same crate.
    let _: pinpoint_sms_voice_v2::runtime::http::Method = http::Method::GET;
}
