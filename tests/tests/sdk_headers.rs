//! The headers the AWS SDKs send with every request, on recorded requests:
//! the user agents, the invocation id (the same on each attempt of a call,
//! new for the next call) and the attempt counter, and which of them are
//! signed.

mod common;

use common::{Fake, block_on, config, response};
use pinpoint_sms_voice_v2::{Client, Credentials};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

const OK: &str = r#"{"PhoneNumbers": []}"#;

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> &'a str {
    request.headers().get(name).unwrap_or_else(|| panic!("no {name}")).to_str().unwrap()
}

/// Fails the first request with a 500, then answers.
fn one_failure() -> Fake {
    let calls = Arc::new(AtomicUsize::new(0));
    Fake::new(move |_| if calls.fetch_add(1, Ordering::SeqCst) == 0 { response(500, "{}") } else { response(200, OK) })
}

#[test]
fn user_agents_name_runtime_service_os_and_app() {
    let fake = Fake::fixed(200, OK);
    let client = Client::from_conf(config(fake.clone()).sdk_ua_app_id("billing-7").build().unwrap());
    block_on(client.describe_phone_numbers().send()).unwrap();
    let request = &fake.requests()[0];
    let os = std::env::consts::OS;
    let service = format!("api/pinpoint-sms-voice-v2/{}", env!("CARGO_PKG_VERSION"));
    let runtime = "lean-aws-runtime/0.1.0";
    assert_eq!(header(request, "user-agent"), format!("{runtime} {service} os/{os} lang/rust app/billing-7"));
    assert_eq!(
        header(request, "x-amz-user-agent"),
        format!("{runtime} ua/2.1 {service} os/{os} lang/rust app/billing-7")
    );
}

#[test]
fn one_invocation_id_per_call_and_an_attempt_counter() {
    let fake = one_failure();
    let client = fake.client();
    block_on(client.describe_phone_numbers().send()).unwrap();
    block_on(client.describe_phone_numbers().send()).unwrap();
    let requests = fake.requests();
    assert_eq!(requests.len(), 3);
    let ids: Vec<&str> = requests.iter().map(|r| header(r, "amz-sdk-invocation-id")).collect();
    assert_eq!(ids[0], ids[1], "a retry keeps the call's id");
    assert_ne!(ids[1], ids[2], "the next call has its own");
    for id in &ids {
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
        assert_eq!(&id[14..15], "4", "UUID v4: {id}");
    }
    let attempts: Vec<&str> = requests.iter().map(|r| header(r, "amz-sdk-request")).collect();
    assert_eq!(attempts, ["attempt=1; max=3", "attempt=2; max=3", "attempt=1; max=3"]);
}

#[test]
fn the_sdk_headers_are_signed_but_not_the_user_agent() {
    let fake = one_failure();
    let config = config(fake.clone()).region("us-east-1").credentials(Credentials::from_keys("AKID", "SECRET"));
    let client = Client::from_conf(config.build().unwrap());
    block_on(client.describe_phone_numbers().send()).unwrap();
    for request in fake.requests() {
        let authorization = header(&request, "authorization");
        let signed = authorization.split("SignedHeaders=").nth(1).unwrap().split(',').next().unwrap();
        let signed: Vec<&str> = signed.split(';').collect();
        for name in ["amz-sdk-invocation-id", "amz-sdk-request", "x-amz-user-agent"] {
            assert!(signed.contains(&name), "{name} not in {signed:?}");
        }
        assert!(!signed.contains(&"user-agent"), "{signed:?}");
    }
}

#[test]
fn an_app_id_that_is_not_one_token_is_refused() {
    let err = config(Fake::fixed(200, OK)).sdk_ua_app_id("my app").build().unwrap_err();
    assert!(err.to_string().contains("application id"), "{err}");
    let err = pinpoint_sms_voice_v2::SharedConfig::builder()
        .transport(Fake::fixed(200, OK))
        .sdk_ua_app_id("x".repeat(51))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("longer than 50"), "{err}");
}

#[test]
fn a_per_call_app_id_changes_that_call_only() {
    let fake = Fake::fixed(200, OK);
    let client = fake.client();
    block_on(client.describe_phone_numbers().customize(|c| c.sdk_ua_app_id("once")).send()).unwrap();
    block_on(client.describe_phone_numbers().send()).unwrap();
    let requests = fake.requests();
    assert!(header(&requests[0], "x-amz-user-agent").ends_with(" app/once"));
    assert!(!header(&requests[1], "x-amz-user-agent").contains("app/"));
}
