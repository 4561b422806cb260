//! An error response to DescribePhoneNumbers and SendRcsMessage. The first
//! byte picks the status and whether the text up to the first newline is an
//! `x-amzn-errortype` header; the rest is the body. Every accessor of the
//! typed and the service-wide error must work on whatever was parsed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinpoint_sms_voice_v2::Error;
use pinpoint_sms_voice_v2::operation::{DescribePhoneNumbers, SendRcsMessage};

const STATUSES: [u16; 10] = [400, 403, 404, 409, 413, 429, 500, 502, 503, 504];

fuzz_target!(|data: &[u8]| {
    let Some((&first, mut body)) = data.split_first() else {
        return;
    };
    let mut response = http::Response::builder().status(STATUSES[usize::from(first & 0x0f) % STATUSES.len()]);
    if first & 0x80 != 0 {
        let (header, rest) = body.split_at(body.iter().position(|b| *b == b'\n').unwrap_or(body.len()));
        let Ok(value) = http::HeaderValue::from_bytes(header) else {
            return;
        };
        response = response.header("x-amzn-errortype", value);
        body = rest.get(1..).unwrap_or_default();
    }
    if first & 0x40 != 0 {
        response = response.header("x-amzn-requestid", "4c6b4b4e-0000-4000-8000-000000000000");
    }
    let response = response.body(body).expect("a valid response");
    if let Err(error) = DescribePhoneNumbers::parse_response(&response) {
        let _ = (error.to_string(), format!("{error:?}"));
        if let Some(typed) = error.as_service_error() {
            let _ = (typed.code(), typed.message(), typed.is_retryable(), typed.meta(), typed.to_string());
        }
        let wide = Error::from(error);
        let _ = (wide.to_string(), wide.code(), wide.message(), wide.meta(), wide.is_retryable());
    }
    if let Err(error) = SendRcsMessage::parse_response(&response) {
        let wide = Error::from(error);
        let _ = (wide.to_string(), format!("{wide:?}"), wide.code(), wide.is_retryable());
    }
});
