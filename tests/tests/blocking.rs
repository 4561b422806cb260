//! The blocking client through a fake `BlockingTransport`: the same requests,
//! outputs, errors, retries and pagination as the async client, with no
//! executor anywhere.

mod common;

use common::{Fake, NoSleep, block_on, paging_service, phone_number, response};
use pinpoint_sms_voice_v2::error::SdkError;
use pinpoint_sms_voice_v2::runtime::retry::RetryConfig;
use pinpoint_sms_voice_v2::types::{Owner, PhoneNumberFilter, PhoneNumberFilterName};
use pinpoint_sms_voice_v2::{Config, blocking};
use serde_json::json;
use std::time::{Duration, Instant};

fn ids(items: &[pinpoint_sms_voice_v2::types::PhoneNumberInformation]) -> Vec<String> {
    items.iter().map(|n| n.phone_number_id().unwrap().to_owned()).collect()
}

fn expected(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("phone-{i:04}")).collect()
}

#[test]
fn one_call_sends_the_request_and_parses_the_output() {
    let fake = Fake::fixed(200, &json!({ "PhoneNumbers": [phone_number(7)], "NextToken": "more" }).to_string());
    let filter = PhoneNumberFilter::builder().name(PhoneNumberFilterName::IsoCountryCode).values("US").build().unwrap();
    let out = fake.blocking_client().describe_phone_numbers().filters(filter).owner(Owner::SelfValue).send().unwrap();
    assert_eq!(ids(out.phone_numbers()), ["phone-0007"]);
    assert_eq!(out.next_token(), Some("more"));
    let requests = fake.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].uri(), "https://sms-voice.us-east-1.amazonaws.com/");
    assert_eq!(requests[0].headers()["x-amz-target"], "PinpointSMSVoiceV2.DescribePhoneNumbers");
    assert_eq!(
        fake.bodies()[0],
        json!({ "Filters": [{ "Name": "iso-country-code", "Values": ["US"] }], "Owner": "SELF" })
    );
}

#[test]
fn setters_and_getters_forward_to_the_async_builder() {
    let fake = Fake::fixed(200, "{}");
    let builder = fake.blocking_client().describe_phone_numbers().max_results(5).set_next_token(Some("t5".into()));
    assert_eq!(*builder.get_max_results(), Some(5));
    assert_eq!(builder.as_input().get_next_token().as_deref(), Some("t5"));
    builder.send().unwrap();
    assert_eq!(fake.bodies()[0], json!({ "MaxResults": 5, "NextToken": "t5" }));
}

#[test]
fn service_errors_are_typed() {
    let fake = Fake::fixed(400, r#"{"__type":"ValidationException","message":"bad","Reason":"OTHER"}"#);
    let err = fake.blocking_client().describe_phone_numbers().send().unwrap_err();
    assert_eq!(err.as_service_error().unwrap().code(), Some("ValidationException"));
    // Converts into the service-wide error like the async client's.
    let err: pinpoint_sms_voice_v2::Error = err.into();
    assert!(matches!(err, pinpoint_sms_voice_v2::Error::ValidationException(_)), "{err:?}");
}

#[test]
fn a_missing_required_member_fails_before_sending() {
    let fake = Fake::fixed(200, "{}");
    let err = fake.blocking_client().create_opt_out_list().send().unwrap_err();
    assert!(matches!(err, SdkError::Construction(_)), "{err:?}");
    assert!(fake.requests().is_empty());
}

#[test]
fn idempotency_tokens_are_filled_once_and_kept_across_retries() {
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let fake = Fake::new(move |_| {
        if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            response(500, "{}")
        } else {
            response(200, "{}")
        }
    });
    let _ = fake.blocking_client().create_opt_out_list().opt_out_list_name("list").send();
    let bodies = fake.bodies();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
    assert!(bodies[0]["ClientToken"].as_str().is_some_and(|t| t.len() == 36));
}

#[test]
fn a_503_is_retried_with_the_standard_policy() {
    let fake = Fake::fixed(503, r#"{"__type":"ServiceUnavailable"}"#);
    let sleep = NoSleep::default();
    let config = Config::builder()
        .anonymous()
        .blocking_transport(fake.clone())
        .endpoint_url("https://sms-voice.us-east-1.amazonaws.com")
        .sleep_impl(sleep.clone())
        .build()
        .unwrap();
    let err = blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap_err();
    assert_eq!(fake.requests().len(), 3);
    assert_eq!(err.as_service_error().unwrap().meta().status(), 503);
    let waits = sleep.0.lock().unwrap().clone();
    assert_eq!(waits.len(), 2);
    assert!(waits[0] <= Duration::from_secs(1) && waits[1] <= Duration::from_secs(2), "{waits:?}");
}

#[test]
fn the_adaptive_mode_paces_the_blocking_client_through_its_timer() {
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let fake = Fake::new(move |_| {
        if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            response(400, r#"{"__type":"ThrottlingException"}"#)
        } else {
            response(200, r#"{"PhoneNumbers": []}"#)
        }
    });
    let sleep = NoSleep::default();
    let config = Config::builder()
        .anonymous()
        .blocking_transport(fake.clone())
        .endpoint_url("https://sms-voice.us-east-1.amazonaws.com")
        .sleep_impl(sleep.clone())
        .retry_config(RetryConfig::adaptive())
        .build()
        .unwrap();
    blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap();
    assert_eq!(fake.requests().len(), 2);
    // The backoff, then about 2 s for a token: the throttle left the bucket
    // filling at its minimum rate, 0.5 a second.
    let waits = sleep.0.lock().unwrap().clone();
    assert_eq!(waits.len(), 2, "{waits:?}");
    assert!(waits[0] <= Duration::from_secs(1), "{waits:?}");
    // A second of slack for real time passing on a loaded machine.
    assert!(waits[1] > Duration::from_secs(1) && waits[1] <= Duration::from_secs(2), "{waits:?}");
}

#[test]
fn without_a_timer_the_blocking_client_sleeps_its_thread() {
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let fake = Fake::new(move |_| {
        let mut r = response(503, "{}");
        if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            // The hint fixes the wait, so the test knows how long to expect.
            r.headers_mut().insert("x-amz-retry-after", "50".parse().unwrap());
        } else {
            *r.status_mut() = http::StatusCode::OK;
        }
        r
    });
    let config = Config::builder()
        .anonymous()
        .blocking_transport(fake.clone())
        .endpoint_url("https://sms-voice.us-east-1.amazonaws.com")
        .build()
        .unwrap();
    let start = Instant::now();
    blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap();
    assert_eq!(fake.requests().len(), 2);
    assert!(start.elapsed() >= Duration::from_millis(50), "{:?}", start.elapsed());
}

#[test]
fn retries_can_be_disabled() {
    let fake = Fake::fixed(503, "{}");
    let config = Config::builder()
        .anonymous()
        .blocking_transport(fake.clone())
        .endpoint_url("https://sms-voice.us-east-1.amazonaws.com")
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    assert!(blocking::Client::from_conf(config).describe_phone_numbers().send().is_err());
    assert_eq!(fake.requests().len(), 1);
}

#[test]
fn pages_are_an_iterator() {
    let fake = paging_service(25);
    let pages: Vec<_> =
        fake.blocking_client().describe_phone_numbers().into_paginator().pages().collect::<Result<_, _>>().unwrap();
    assert_eq!(pages.iter().map(|p| p.phone_numbers().len()).collect::<Vec<_>>(), [10, 10, 5]);
    let tokens: Vec<_> = fake.bodies().iter().map(|b| b["NextToken"].clone()).collect();
    assert_eq!(tokens, [json!(null), json!("t10"), json!("t20")]);
}

#[test]
fn nothing_is_sent_until_the_first_next() {
    let fake = paging_service(5);
    let mut items = fake.blocking_client().describe_phone_numbers().into_paginator().items();
    assert!(fake.requests().is_empty());
    assert!(items.next().unwrap().is_ok());
    assert_eq!(fake.requests().len(), 1);
}

#[test]
fn items_with_max_items_and_page_size_resume_exactly() {
    let fake = paging_service(25);
    let client = fake.blocking_client();
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut runs = 0;
    loop {
        let mut paginator = client.describe_phone_numbers().into_paginator().page_size(4).max_items(7);
        if let Some(t) = token.take() {
            paginator = paginator.starting_token(t);
        }
        let mut items = paginator.items();
        for item in items.by_ref() {
            seen.push(item.unwrap().phone_number_id().unwrap().to_owned());
        }
        runs += 1;
        match items.resume_token() {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(seen, expected(0..25), "every item once, in order");
    assert_eq!(runs, 4);
    assert!(fake.bodies().iter().all(|b| b["MaxResults"] == 4));
}

#[test]
fn a_resume_token_works_across_clients() {
    let fake = paging_service(12);
    let mut pages = fake.blocking_client().describe_phone_numbers().into_paginator().max_items(13).pages();
    assert_eq!(pages.next().unwrap().unwrap().phone_numbers().len(), 10);
    let token = pages.resume_token().unwrap();
    // The async client takes the blocking client's token, and the other way round.
    let rest =
        block_on(fake.client().describe_phone_numbers().into_paginator().starting_token(token).items().try_collect());
    assert_eq!(ids(&rest.unwrap()), expected(10..12));
}

#[test]
fn a_failed_page_ends_the_iterator() {
    let fake = Fake::fixed(400, r#"{"__type":"ValidationException"}"#);
    let mut pages = fake.blocking_client().describe_phone_numbers().into_paginator().pages();
    assert!(matches!(pages.next(), Some(Err(SdkError::Service(_)))));
    assert!(pages.next().is_none());
}

#[test]
fn async_and_blocking_paginators_share_their_method_names() {
    let fake = paging_service(9);
    let async_pages =
        block_on(fake.client().describe_phone_numbers().into_paginator().page_size(4).pages().try_collect());
    let blocking_pages: Vec<_> =
        fake.blocking_client().describe_phone_numbers().into_paginator().page_size(4).pages().collect();
    let sizes = |pages: &[pinpoint_sms_voice_v2::operation::describe_phone_numbers::DescribePhoneNumbersOutput]| {
        pages.iter().map(|p| p.phone_numbers().len()).collect::<Vec<_>>()
    };
    let blocking_pages = blocking_pages.into_iter().collect::<Result<Vec<_>, _>>().unwrap();
    assert_eq!(sizes(&async_pages.unwrap()), [4, 4, 1]);
    assert_eq!(sizes(&blocking_pages), [4, 4, 1]);

    let mut async_items = fake.client().describe_phone_numbers().into_paginator().max_items(5).items();
    let mut blocking_items = fake.blocking_client().describe_phone_numbers().into_paginator().max_items(5).items();
    for _ in 0..5 {
        let a = block_on(async_items.next()).unwrap().unwrap();
        let b = blocking_items.next().unwrap().unwrap();
        assert_eq!(a.phone_number_id(), b.phone_number_id());
    }
    assert_eq!(async_items.resume_token(), blocking_items.resume_token());
    assert!(async_items.resume_token().is_some());
}
