//! A real HTTP/1.1 server on 127.0.0.1 for end-to-end tests: it checks every
//! request's SigV4 signature by recomputing it from the raw bytes (with its
//! own code, not the client's signer), serves `DescribePhoneNumbers` in pages
//! and SQS's `GetQueueUrl`, and answers with scripted faults (throttling, 503)
//! before the real answer.
#![allow(dead_code)]

pub mod sigv4_check;

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const ACCESS_KEY: &str = "AKIDLOOPBACKTEST";
pub const SECRET_KEY: &str = "loopback/secret/key/for/tests/only";
pub const REGION: &str = "us-east-1";

/// An answer the server gives instead of the real one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Throttle,
    Unavailable,
}

/// What the server saw of one request.
#[derive(Clone, Debug)]
pub struct Seen {
    pub target: String,
    pub body: Value,
    /// `Ok` when the signature matched, else why not.
    pub signature: Result<(), String>,
    pub authorization: String,
}

struct State {
    numbers: usize,
    faults: Mutex<VecDeque<Fault>>,
    seen: Mutex<Vec<Seen>>,
    stop: AtomicBool,
}

pub struct Server {
    addr: std::net::SocketAddr,
    state: Arc<State>,
}

impl Server {
    /// Serves `numbers` phone numbers; `faults` answer the first requests.
    pub fn start(numbers: usize, faults: &[Fault]) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            numbers,
            faults: Mutex::new(faults.iter().copied().collect()),
            seen: Mutex::default(),
            stop: AtomicBool::new(false),
        });
        let accept_state = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if accept_state.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = Arc::clone(&accept_state);
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Server { addr, state }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    /// Every request so far carried a valid signature.
    pub fn assert_all_signed(&self) {
        let seen = self.seen();
        assert!(!seen.is_empty(), "no request reached the server");
        for (i, s) in seen.iter().enumerate() {
            if let Err(why) = &s.signature {
                panic!("request {i} ({}) is not signed right: {why}\n{}", s.target, s.authorization);
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so its thread ends.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Answers requests on one connection until the client closes it.
fn serve(stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("a clonable stream"));
    let mut writer = stream;
    while let Some(raw) = read_request(&mut reader) {
        let (status, extra, body) = answer(&raw, state);
        let mut head = format!(
            "HTTP/1.1 {status} {}\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\nx-amzn-requestid: loopback-{}\r\n",
            reason(status),
            body.len(),
            state.seen.lock().unwrap().len()
        );
        for (name, value) in extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        if writer.write_all(head.as_bytes()).and_then(|()| writer.write_all(body.as_bytes())).is_err() {
            return;
        }
    }
}

/// One raw request: request line, headers in order, body.
pub struct RawRequest {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<RawRequest> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.to_owned(), value.to_owned()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(RawRequest { method, target, headers, body })
}

/// The signing name each service's requests must be signed for, by the
/// prefix of their `X-Amz-Target`.
pub fn signing_name(target: &str) -> &'static str {
    if target.starts_with("AmazonSQS.") { "sqs" } else { "sms-voice" }
}

fn answer(raw: &RawRequest, state: &State) -> (u16, Vec<(&'static str, String)>, String) {
    let target = raw.header("x-amz-target").unwrap_or_default().trim().to_owned();
    let signature = sigv4_check::verify(raw, SECRET_KEY, REGION, signing_name(&target));
    let body: Value = serde_json::from_slice(&raw.body).unwrap_or(Value::Null);
    state.seen.lock().unwrap().push(Seen {
        target: target.clone(),
        body: body.clone(),
        signature: signature.clone(),
        authorization: raw.header("authorization").unwrap_or_default().to_owned(),
    });
    if let Err(why) = signature {
        return (403, vec![], json!({"__type": "InvalidSignatureException", "message": why}).to_string());
    }
    match state.faults.lock().unwrap().pop_front() {
        Some(Fault::Throttle) => {
            return (400, vec![], json!({"__type": "ThrottlingException", "message": "Rate exceeded"}).to_string());
        }
        Some(Fault::Unavailable) => {
            return (503, vec![("retry-after", "0".to_owned())], json!({"__type": "ServiceUnavailable"}).to_string());
        }
        None => {}
    }
    match target.as_str() {
        "PinpointSMSVoiceV2.DescribePhoneNumbers" => (200, vec![], page(&body, state.numbers).to_string()),
        "AmazonSQS.GetQueueUrl" => {
            let name = body["QueueName"].as_str().unwrap_or_default();
            (
                200,
                vec![],
                json!({"QueueUrl": format!("https://sqs.{REGION}.amazonaws.com/123456789012/{name}")}).to_string(),
            )
        }
        _ => (400, vec![], json!({"__type": "UnknownOperationException"}).to_string()),
    }
}

/// One page of numbers, `MaxResults` at a time (10 by default), with
/// `NextToken` being the next index.
fn page(input: &Value, total: usize) -> Value {
    let start: usize =
        input["NextToken"].as_str().and_then(|t| t.strip_prefix('t')).and_then(|n| n.parse().ok()).unwrap_or(0);
    let size = input["MaxResults"].as_u64().map_or(10, |n| n as usize);
    let end = (start + size).min(total);
    let numbers: Vec<Value> = (start..end).map(crate::common::phone_number).collect();
    let mut page = json!({ "PhoneNumbers": numbers });
    if end < total {
        page["NextToken"] = json!(format!("t{end}"));
    }
    page
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
