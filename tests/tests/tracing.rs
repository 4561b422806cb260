//! The `tracing` feature: a span per call and per attempt, captured by a
//! subscriber of the test's own, for a call retried once, and the adaptive
//! mode's wait for a send token. Nothing secret is recorded (the session
//! token, the secret key, the signature, the body).

mod common;

use common::{Fake, block_on, config, response};
use pinpoint_sms_voice_v2::{Client, Credentials, RetryConfig};
use std::fmt::{Debug, Write};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Writes one line per new span, recorded field and event.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next: Arc<AtomicU64>,
}

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = Fields(String::new());
        span.record(&mut fields);
        self.lines.lock().unwrap().push(format!("span {id} {}:{}", span.metadata().name(), fields.0));
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields(String::new());
        values.record(&mut fields);
        self.lines.lock().unwrap().push(format!("record {}:{}", span.into_u64(), fields.0));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        let parent = event.parent().map_or(0, Id::into_u64);
        self.lines.lock().unwrap().push(format!("event in {parent}:{}", fields.0));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[test]
fn a_retried_call_has_a_span_and_an_attempt_span_per_attempt() {
    let calls = Arc::new(AtomicUsize::new(0));
    let fake = Fake::new(move |_| match calls.fetch_add(1, Ordering::SeqCst) {
        0 => response(503, r#"{"__type":"ServiceUnavailable"}"#),
        _ => response(200, r#"{"PhoneNumbers": []}"#),
    });
    let credentials = Credentials::new("AKIDEXAMPLE", "SECRET-KEY", Some("SESSION-TOKEN".to_owned()), None);
    let config = config(fake.clone()).region("us-east-1").credentials(credentials).build().unwrap();
    let client = Client::from_conf(config);
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), || {
        block_on(client.describe_phone_numbers().send()).unwrap();
    });
    let lines = capture.lines.lock().unwrap().clone();
    let text = lines.join("\n");
    println!("{text}");
    // The wait is random (full jitter, at most 1 s): checked, then masked.
    let wait = lines
        .iter()
        .find_map(|l| l.strip_prefix("event in 2: message=attempt done outcome=\"retry: transient error\" wait_ms="));
    let wait: u64 = wait.expect(&text).parse().unwrap();
    assert!(wait <= 1000, "{text}");
    let text = text.replace(&format!("wait_ms={wait}"), "wait_ms=W");
    let expected = [
        "span 1 aws_call: service=\"Pinpoint SMS Voice V2\" operation=\"DescribePhoneNumbers\"",
        "span 2 aws_attempt: attempt=1 max_attempts=3",
        "record 2: status=503",
        "record 2: request_id=\"req-1\"",
        "record 2: retry=\"retry: transient error\"",
        "record 2: wait_ms=W",
        "event in 2: message=attempt done outcome=\"retry: transient error\" wait_ms=W",
        "span 3 aws_attempt: attempt=2 max_attempts=3",
        "record 3: status=200",
        "record 3: request_id=\"req-1\"",
        "record 3: retry=\"success\"",
        "event in 3: message=attempt done outcome=\"success\"",
    ];
    assert_eq!(text.lines().collect::<Vec<_>>(), expected, "\n{text}");
    for secret in ["SECRET-KEY", "SESSION-TOKEN", "Signature", "ServiceUnavailable"] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
}

#[test]
fn an_adaptive_attempt_records_its_wait_for_a_send_token() {
    let calls = Arc::new(AtomicUsize::new(0));
    let fake = Fake::new(move |_| match calls.fetch_add(1, Ordering::SeqCst) {
        0 => response(400, r#"{"__type":"ThrottlingException","message":"slow down"}"#),
        _ => response(200, r#"{"PhoneNumbers": []}"#),
    });
    let config = config(fake).region("us-east-1").retry_config(RetryConfig::adaptive()).build().unwrap();
    let client = Client::from_conf(config);
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), || {
        block_on(client.describe_phone_numbers().send()).unwrap();
    });
    let text = capture.lines.lock().unwrap().join("\n");
    // Throttled once, the limiter fills at its minimum of half a token a
    // second: the retry waits about 2 s for its token (the fake timer
    // returns at once; real time passing shortens the wait a little).
    let paced = text.lines().find_map(|l| l.strip_prefix("record 3: rate_wait_ms=")).expect(&text);
    let paced: u64 = paced.parse().unwrap();
    assert!((1000..=2000).contains(&paced), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("record 2: rate_wait_ms")), "the first attempt is not paced:\n{text}");
    let attempt_2 = text.lines().skip_while(|l| !l.starts_with("span 3 ")).take(2).collect::<Vec<_>>();
    assert_eq!(attempt_2, ["span 3 aws_attempt: attempt=2 max_attempts=3", &format!("record 3: rate_wait_ms={paced}")]);
}
