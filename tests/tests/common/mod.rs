//! A fake transport for behaviour tests: it records every request and
//! answers from a handler, so tests see exactly what the client sends.
#![allow(dead_code)]

use pinpoint_sms_voice_v2::Client;
use pinpoint_sms_voice_v2::error::TransportError;
use pinpoint_sms_voice_v2::runtime::blocking::BlockingTransport;
use pinpoint_sms_voice_v2::runtime::sleep::Sleep;
use pinpoint_sms_voice_v2::runtime::transport::{BoxFuture, Transport};
use serde_json::{Value, json};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub mod hostile;
pub mod server;

type Handler = dyn Fn(&http::Request<Vec<u8>>) -> http::Response<Vec<u8>> + Send + Sync;

#[derive(Clone)]
pub struct Fake {
    handler: Arc<Handler>,
    requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
}

impl fmt::Debug for Fake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Fake")
    }
}

impl Fake {
    pub fn new(handler: impl Fn(&http::Request<Vec<u8>>) -> http::Response<Vec<u8>> + Send + Sync + 'static) -> Self {
        Fake { handler: Arc::new(handler), requests: Arc::default() }
    }

    /// Always answers with this status and body.
    pub fn fixed(status: u16, body: &str) -> Self {
        let body = body.to_owned();
        Fake::new(move |_| response(status, &body))
    }

    pub fn client(&self) -> Client {
        Client::from_conf(config(self.clone()).build().unwrap())
    }

    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.requests.lock().unwrap().clone()
    }

    /// The JSON bodies of every request so far.
    pub fn bodies(&self) -> Vec<Value> {
        self.requests().iter().map(|r| serde_json::from_slice(r.body()).unwrap()).collect()
    }
}

impl Transport for Fake {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let response = (self.handler)(&request);
        self.requests.lock().unwrap().push(request);
        Box::pin(async move { Ok(response) })
    }
}

/// The same fake as a blocking transport, for the blocking client.
impl BlockingTransport for Fake {
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = (self.handler)(&request);
        self.requests.lock().unwrap().push(request);
        Ok(response)
    }
}

impl Fake {
    /// A blocking client over this fake, with the waits recorded, not slept.
    pub fn blocking_client(&self) -> pinpoint_sms_voice_v2::blocking::Client {
        let config = pinpoint_sms_voice_v2::Config::builder()
            .blocking_transport(self.clone())
            .endpoint_url("https://sms-voice.us-east-1.amazonaws.com")
            .anonymous()
            .sleep_impl(NoSleep::default());
        pinpoint_sms_voice_v2::blocking::Client::from_conf(config.build().unwrap())
    }
}

/// A transport whose every request fails: a time-out, or a refused connection.
#[derive(Clone, Debug)]
pub struct Failing {
    pub timeout: bool,
}

impl Failing {
    pub fn client(&self) -> Client {
        Client::from_conf(config(self.clone()).build().unwrap())
    }
}

impl Transport for Failing {
    fn send(&self, _: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let error = if self.timeout {
            TransportError::timeout("no response in 5 s")
        } else {
            TransportError::new("cannot connect", std::io::Error::from(std::io::ErrorKind::ConnectionRefused))
        };
        Box::pin(async move { Err(error) })
    }
}

/// The standard retry settings (3 attempts) without the waiting, so tests
/// see every retry and stay fast; the waits are recorded instead. Unsigned,
/// so the fake sees requests that do not depend on the machine's credentials.
pub fn config(transport: impl Transport + 'static) -> pinpoint_sms_voice_v2::ConfigBuilder {
    pinpoint_sms_voice_v2::Config::builder()
        .transport(transport)
        .endpoint_url("https://sms-voice.us-east-1.amazonaws.com")
        .anonymous()
        .sleep_impl(NoSleep::default())
}

/// Records each wait and returns at once.
#[derive(Clone, Debug, Default)]
pub struct NoSleep(pub Arc<Mutex<Vec<Duration>>>);

impl Sleep for NoSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(std::future::ready(()))
    }
}

pub fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).header("x-amzn-requestid", "req-1").body(body.as_bytes().to_vec()).unwrap()
}

/// One phone number as the service sends it, with every required member.
pub fn phone_number(i: usize) -> Value {
    json!({
        "PhoneNumberArn": format!("arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-{i:04}"),
        "PhoneNumberId": format!("phone-{i:04}"),
        "PhoneNumber": format!("+1206555{i:04}"),
        "Status": "ACTIVE",
        "IsoCountryCode": "US",
        "MessageType": "TRANSACTIONAL",
        "NumberCapabilities": ["SMS", "VOICE"],
        "NumberType": "LONG_CODE",
        "MonthlyLeasingPrice": "2.00",
        "TwoWayEnabled": true,
        "SelfManagedOptOutsEnabled": false,
        "OptOutListName": "Default",
        "DeletionProtectionEnabled": false,
        "CreatedTimestamp": 1700000000.123
    })
}

/// A service holding `total` numbers, paging with `NextToken = "t{offset}"`
/// and `MaxResults` (default 10).
pub fn paging_service(total: usize) -> Fake {
    Fake::new(paging(total))
}

/// The handler behind [`paging_service`], for tests that wrap it.
pub fn paging(total: usize) -> impl Fn(&http::Request<Vec<u8>>) -> http::Response<Vec<u8>> + Send + Sync + 'static {
    move |request| {
        let body: Value = serde_json::from_slice(request.body()).unwrap();
        let start = body["NextToken"].as_str().map_or(0, |t| t[1..].parse().unwrap());
        let size = body["MaxResults"].as_u64().unwrap_or(10) as usize;
        let end = (start + size).min(total);
        let mut out = json!({ "PhoneNumbers": (start..end).map(phone_number).collect::<Vec<_>>() });
        if end < total {
            out["NextToken"] = json!(format!("t{end}"));
        }
        response(200, &out.to_string())
    }
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}
