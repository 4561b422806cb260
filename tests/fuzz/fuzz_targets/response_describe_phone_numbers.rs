//! A 200 response to DescribePhoneNumbers with any body: parsing may fail,
//! never panic, and whatever it gives can be printed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinpoint_sms_voice_v2::operation::DescribePhoneNumbers;

fuzz_target!(|body: &[u8]| {
    let response = http::Response::builder().status(200).body(body).expect("a valid response");
    match DescribePhoneNumbers::parse_response(&response) {
        Ok(output) => drop(format!("{output:?}")),
        Err(error) => drop(format!("{error} {error:?}")),
    }
});
