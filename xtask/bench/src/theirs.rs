//! The official crate's side: its client over an in-process aws-smithy
//! `HttpClient`, and the serialize-and-sign baseline (a derived `Serialize`
//! request signed by `aws-sigv4`, the signer the official crate uses).

use crate::bodies;
use crate::canned::{ACCESS_KEY, Canned, REGION, SECRET_KEY};
use crate::serde_model;
use aws_credential_types::Credentials;
use aws_sdk_pinpointsmsvoicev2::config::{BehaviorVersion, Region};
use aws_sdk_pinpointsmsvoicev2::types::{PhoneNumberFilter, PhoneNumberFilterName};
use aws_sdk_pinpointsmsvoicev2::{Client, Config};
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::identity::Identity;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use std::hint::black_box;
use std::time::SystemTime;

#[derive(Debug, Clone)]
struct InProcess(Canned);

impl HttpConnector for InProcess {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let signed = request.headers().contains_key("authorization");
        let request_body = request.body().bytes().expect("an in-memory request body");
        // A fresh body per response, as a real transport hands over.
        let body = self.0.respond(request_body, signed).to_vec();
        let mut response = HttpResponse::new(http::StatusCode::OK.into(), SdkBody::from(body));
        response.headers_mut().insert("content-type", "application/x-amz-json-1.0");
        HttpConnectorFuture::ready(Ok(response))
    }
}

impl HttpClient for InProcess {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

/// The client as an application builds it without aws-config: region,
/// static keys (so no environment, profile or IMDS look-up), the standard
/// retry settings, and the in-process HTTP client.
pub fn client(canned: Canned) -> Client {
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .credentials_provider(Credentials::new(ACCESS_KEY, SECRET_KEY, None, None, "bench"))
        .http_client(InProcess(canned))
        .build();
    Client::from_conf(config)
}

fn filter() -> PhoneNumberFilter {
    PhoneNumberFilter::builder().name(PhoneNumberFilterName::Status).values("ACTIVE").build().expect("a valid filter")
}

/// One DescribePhoneNumbers call; returns the number of items.
pub async fn call(client: &Client) -> usize {
    let out =
        client.describe_phone_numbers().filters(filter()).max_results(100).send().await.expect("the call succeeds");
    black_box(out.phone_numbers()).len()
}

/// Every item through the item paginator; returns the count and the last id.
pub async fn paginate(client: &Client) -> (usize, String) {
    let mut items = client.describe_phone_numbers().filters(filter()).max_results(100).into_paginator().items().send();
    let (mut count, mut last) = (0, String::new());
    while let Some(item) = items.next().await {
        let item = item.expect("a page");
        count += 1;
        if count == bodies::PAGES * bodies::PAGE_ITEMS {
            last = item.phone_number_id().unwrap_or_default().to_owned();
        }
        black_box(item);
    }
    (count, last)
}

/// Parses one body with serde_json into the derived structs; returns the
/// number of items.
pub fn parse_serde(body: &[u8]) -> usize {
    let out: serde_model::DescribePhoneNumbersResult = serde_json::from_slice(body).expect("the body parses");
    black_box(out.phone_numbers.as_deref().unwrap_or_default()).len()
}

/// The item ids the serde parse gives, to compare with ours.
pub fn parsed_ids(body: &[u8]) -> Vec<String> {
    let out: serde_model::DescribePhoneNumbersResult = serde_json::from_slice(body).expect("the body parses");
    out.phone_numbers.unwrap_or_default().into_iter().map(|n| n.phone_number_id.unwrap_or_default()).collect()
}

/// Serializes the same paging request with serde_json and signs it with
/// aws-sigv4; returns the body length.
pub fn serialize_and_sign() -> usize {
    let token = bodies::token(7);
    let input = serde_model::DescribePhoneNumbersRequest {
        filters: vec![serde_model::PhoneNumberFilter { name: "status", values: vec!["ACTIVE"] }],
        next_token: Some(&token),
        max_results: Some(100),
        owner: None,
    };
    let body = serde_json::to_vec(&input).expect("the input serializes");
    let mut request = http::Request::builder()
        .method("POST")
        .uri(format!("https://sms-voice.{REGION}.amazonaws.com/"))
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amz-target", "PinpointSMSVoiceV2.DescribePhoneNumbers")
        .body(body)
        .expect("a valid request");
    let identity: Identity = Credentials::new(ACCESS_KEY, SECRET_KEY, None, None, "bench").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(REGION)
        .name("sms-voice")
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .expect("valid signing parameters")
        .into();
    let headers = request.headers().iter().map(|(k, v)| (k.as_str(), v.to_str().expect("ASCII headers")));
    let signable =
        SignableRequest::new("POST", request.uri().to_string(), headers, SignableBody::Bytes(request.body()))
            .expect("a signable request");
    let (instructions, _) = sign(signable, &params).expect("the request signs").into_parts();
    instructions.apply_to_request_http1x(&mut request);
    assert!(request.headers().contains_key(http::header::AUTHORIZATION));
    black_box(request).body().len()
}
