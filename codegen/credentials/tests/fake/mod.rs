//! Loopback servers that behave like STS (form-encoded query requests, XML
//! answers), SSO (`GET /federation/credentials`) and SSO-OIDC
//! (`POST /token`), recording what they receive.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as read off the socket.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// The path with its query.
    pub target: String,
    /// Lower-case names.
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// The form body's (or query's) values, percent-decoded.
    pub fn form(&self) -> BTreeMap<String, String> {
        let text = match self.method.as_str() {
            "GET" => self.target.split_once('?').map_or("", |(_, q)| q),
            _ => self.body.as_str(),
        };
        text.split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k), decode(v))
            })
            .collect()
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

type Answer = dyn Fn(&Seen, usize) -> (u16, String) + Send + Sync;

/// A server answering each request with `answer(request, index)`.
pub struct Fake {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    pub fn start(answer: impl Fn(&Seen, usize) -> (u16, String) + Send + Sync + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let answer: Arc<Answer> = Arc::new(answer);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() || line.is_empty() {
                    continue;
                }
                let mut parts = line.split_whitespace();
                let (method, target) = (parts.next().unwrap_or("").to_owned(), parts.next().unwrap_or("").to_owned());
                let mut headers = BTreeMap::new();
                loop {
                    let mut header = String::new();
                    reader.read_line(&mut header).unwrap();
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    let (name, value) = header.split_once(':').unwrap();
                    headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
                }
                let length = headers.get("content-length").map_or(0, |l| l.parse().unwrap());
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let seen = Seen { method, target, headers, body: String::from_utf8(body).unwrap() };
                let index = {
                    let mut all = record.lock().unwrap();
                    all.push(seen.clone());
                    all.len() - 1
                };
                let (status, body) = answer(&seen, index);
                let content_type = if body.starts_with('<') { "text/xml" } else { "application/json" };
                let response = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                stream.write_all(response.as_bytes()).unwrap();
            }
        });
        Fake { url, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// An STS that answers `AssumeRole` and `AssumeRoleWithWebIdentity` with
/// credentials named `<Action>-<n>` (n counts requests from 1) for the
/// account 123456789012, expiring `expires_in` seconds from now.
pub fn sts(expires_in: i64) -> Fake {
    Fake::start(move |seen, index| {
        let form = seen.form();
        let action = form.get("Action").cloned().unwrap_or_default();
        let at =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64 + expires_in;
        let body = format!(
            "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>\
             <Credentials><AccessKeyId>{action}-{n}</AccessKeyId><SecretAccessKey>secret-{n}</SecretAccessKey>\
             <SessionToken>token-{n}</SessionToken><Expiration>{at}</Expiration></Credentials>\
             <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId>\
             <Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>\
             </{action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{action}Response>",
            n = index + 1,
            at = iso8601(at),
        );
        (200, body)
    })
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn iso8601(secs: i64) -> String {
    use lean_aws_runtime::datetime::{DateTime, Format};
    DateTime::from_fractional_secs(secs as f64).fmt(Format::DateTime)
}
