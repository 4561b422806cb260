//! The generated crate's side: its async client over an in-process
//! [`Transport`], its sans-IO parser and its signer.

use crate::bodies;
use crate::canned::{ACCESS_KEY, Canned, REGION, SECRET_KEY};
use pinpoint_sms_voice_v2::error::TransportError;
use pinpoint_sms_voice_v2::operation::DescribePhoneNumbers;
use pinpoint_sms_voice_v2::operation::describe_phone_numbers::DescribePhoneNumbersInput;
use pinpoint_sms_voice_v2::runtime::credentials::Credentials;
use pinpoint_sms_voice_v2::runtime::sigv4::{SigningParams, sign};
use pinpoint_sms_voice_v2::runtime::transport::{BoxFuture, Transport};
use pinpoint_sms_voice_v2::types::{PhoneNumberFilter, PhoneNumberFilterName};
use pinpoint_sms_voice_v2::{Client, Config};
use std::hint::black_box;
use std::time::SystemTime;

#[derive(Debug)]
struct InProcess(Canned);

impl Transport for InProcess {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let signed = request.headers().contains_key(http::header::AUTHORIZATION);
        // A fresh body per response, as a real transport hands over.
        let body = self.0.respond(request.body(), signed).to_vec();
        let response =
            http::Response::builder().status(200).header("content-type", "application/x-amz-json-1.0").body(body);
        Box::pin(async move { Ok(response.expect("a valid response")) })
    }
}

/// The client as an application builds it: region, static keys, the
/// standard retry settings, and the in-process transport.
pub fn client(canned: Canned) -> Client {
    let config = Config::builder()
        .transport(InProcess(canned))
        .region(REGION)
        .credentials(Credentials::from_keys(ACCESS_KEY, SECRET_KEY))
        .build()
        .expect("a valid config");
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
    let mut items = client.describe_phone_numbers().filters(filter()).into_paginator().page_size(100).items();
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

/// The canned body as the transport hands it to the parser.
pub fn response(body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder().status(200).body(body.to_vec()).expect("a valid response")
}

/// Parses one response; returns the number of items.
pub fn parse(response: &http::Response<Vec<u8>>) -> usize {
    let out = DescribePhoneNumbers::parse_response(response).expect("the body parses");
    black_box(out.phone_numbers()).len()
}

/// The item ids a parse gives, to compare with the baseline's.
pub fn parsed_ids(response: &http::Response<Vec<u8>>) -> Vec<String> {
    let out = DescribePhoneNumbers::parse_response(response).expect("the body parses");
    out.phone_numbers().iter().map(|n| n.phone_number_id().unwrap_or_default().to_owned()).collect()
}

/// Builds, serializes and signs one paging request; returns the body length.
pub fn serialize_and_sign() -> usize {
    let input = DescribePhoneNumbersInput::builder()
        .filters(filter())
        .next_token(bodies::token(7))
        .max_results(100)
        .build()
        .expect("a valid input");
    let mut request = DescribePhoneNumbers::serialize_request(&input).expect("the input serializes");
    *request.uri_mut() = format!("https://sms-voice.{REGION}.amazonaws.com/").parse().expect("a valid uri");
    let params = SigningParams::new(ACCESS_KEY, SECRET_KEY, REGION, "sms-voice", SystemTime::now());
    sign(&mut request, &params).expect("the request signs");
    assert!(request.headers().contains_key(http::header::AUTHORIZATION));
    black_box(request).body().len()
}
