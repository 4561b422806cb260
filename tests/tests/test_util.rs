//! The `test-util` feature's replay transport, as a user's tests would use
//! it with the Pinpoint clients: queued responses out, recorded requests in.

mod common;

use common::{NoSleep, block_on};
use pinpoint_sms_voice_v2::error::SdkError;
use pinpoint_sms_voice_v2::runtime::test_util::ReplayTransport;
use pinpoint_sms_voice_v2::{Client, Config, RetryConfig, blocking};

fn config(replay: &ReplayTransport) -> pinpoint_sms_voice_v2::ConfigBuilder {
    Config::builder().anonymous().region("us-east-1").sleep_impl(NoSleep::default()).transport(replay.clone())
}

#[test]
fn the_async_client_gets_the_queued_responses_and_its_requests_are_recorded() {
    let replay = ReplayTransport::new();
    replay
        .respond_with_headers(200, &[("x-amzn-requestid", "r-1")], r#"{"PhoneNumbers":[],"NextToken":"t1"}"#)
        .respond_with_headers(400, &[("x-amzn-errortype", "ValidationException")], r#"{"message":"bad"}"#);
    let client = Client::from_conf(config(&replay).build().unwrap());

    let out = block_on(client.describe_phone_numbers().max_results(5).send()).unwrap();
    assert_eq!(out.next_token(), Some("t1"));
    let err = block_on(client.describe_phone_numbers().send()).unwrap_err();
    assert!(err.into_service_error().is_validation_exception());

    let sent = replay.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].method(), "POST");
    assert_eq!(sent[0].uri(), "https://sms-voice.us-east-1.amazonaws.com/");
    assert_eq!(sent[0].headers()["x-amz-target"], "PinpointSMSVoiceV2.DescribePhoneNumbers");
    assert_eq!(sent[0].body_str(), r#"{"MaxResults":5}"#);
    assert_eq!(replay.remaining(), 0);
}

#[test]
fn the_blocking_client_uses_it_too_and_an_empty_queue_is_a_transport_error() {
    let replay = ReplayTransport::new();
    replay.respond(200, r#"{"PhoneNumbers":[]}"#).fail("connection reset");
    let config = Config::builder()
        .anonymous()
        .region("us-east-1")
        .blocking_transport(replay.clone())
        .retry_config(RetryConfig::standard().with_max_attempts(1));
    let client = blocking::Client::from_conf(config.build().unwrap());

    assert!(client.describe_phone_numbers().send().unwrap().phone_numbers().is_empty());
    let failed = client.describe_phone_numbers().send().unwrap_err();
    assert!(matches!(&failed, SdkError::Transport(e) if e.to_string().contains("connection reset")), "{failed:?}");
    let exhausted = client.describe_phone_numbers().send().unwrap_err();
    let SdkError::Transport(e) = &exhausted else { panic!("{exhausted:?}") };
    assert!(e.to_string().contains("no response queued for POST https://sms-voice.us-east-1.amazonaws.com/"), "{e}");
    assert_eq!(replay.requests().len(), 3);
}
