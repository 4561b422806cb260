//! The standard network settings on real fakes, through both clients and
//! both default transports: a TLS server on 127.0.0.1 whose certificate a
//! private CA signs (`tests/tls/`, see `generate.sh`), trusted only through
//! `AWS_CA_BUNDLE` or the profile's `ca_bundle`; and a plain TCP proxy that
//! tunnels CONNECT and forwards absolute-form requests, used through
//! `HTTPS_PROXY`/`HTTP_PROXY` unless `NO_PROXY` names the host. Settings
//! come through the `Env`/`Fs` seams; every wait is bounded.

mod common;

use common::server::{Server, accept};
use pinpoint_sms_voice_v2::runtime::os::{Env, Fs};
use pinpoint_sms_voice_v2::runtime::retry::RetryConfig;
use pinpoint_sms_voice_v2::{Client, Config, blocking};
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const CA: &str = include_str!("../tls/ca.pem");
const SERVER_CERT: &str = include_str!("../tls/server.pem");
const SERVER_KEY: &str = include_str!("../tls/server.key");
const LIMIT: Duration = Duration::from_secs(10);

fn page() -> String {
    json!({ "PhoneNumbers": [common::phone_number(1)] }).to_string()
}

fn tokio() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// A config reading the standard settings from `vars` and `files` only.
fn config(endpoint: &str, vars: &[(&str, &str)], files: &[(&str, &str)]) -> Result<Config, String> {
    let env = Env::from_vars(vars.iter().copied());
    let fs = Fs::from_files(files.iter().map(|(p, c)| (*p, c.as_bytes().to_vec())));
    Config::builder()
        .with_default_providers_using(env, fs)
        .anonymous()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .connect_timeout(Duration::from_secs(5))
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .build()
        .map_err(|e| e.to_string())
}

/// One call with each client: the number of phone numbers, or the error
/// with its causes on one line.
fn call_both(config: Config) -> [Result<usize, String>; 2] {
    let async_result = tokio()
        .block_on(Client::from_conf(config.clone()).describe_phone_numbers().send())
        .map(|out| out.phone_numbers().len())
        .map_err(|e| chain(&e));
    let blocking_result = blocking::Client::from_conf(config)
        .describe_phone_numbers()
        .send()
        .map(|out| out.phone_numbers().len())
        .map_err(|e| chain(&e));
    [async_result, blocking_result]
}

fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}

/// An HTTPS server on 127.0.0.1 with the private CA's certificate: each of
/// `connections` gets one canned page, or records why its handshake failed.
struct TlsServer {
    addr: SocketAddr,
    thread: JoinHandle<Vec<Result<String, String>>>,
}

impl TlsServer {
    fn start(connections: usize) -> TlsServer {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certs = CertificateDer::pem_slice_iter(SERVER_CERT.as_bytes()).collect::<Result<Vec<_>, _>>().unwrap();
        let key = PrivateKeyDer::from_pem_slice(SERVER_KEY.as_bytes()).unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap();
        let tls = Arc::new(tls);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + LIMIT;
            (0..connections)
                .map(|_| {
                    let tcp = accept(&listener, deadline);
                    let conn = rustls::ServerConnection::new(tls.clone()).unwrap();
                    let mut reader = BufReader::new(rustls::StreamOwned::new(conn, tcp));
                    let (line, headers) = read_head(&mut reader).map_err(|e| e.to_string())?;
                    // The whole request is read: closing on unread bytes
                    // would reset the connection under the response.
                    let length = headers.iter().find(|(n, _)| n == "content-length").map_or(0, |(_, v)| v.parse().unwrap());
                    reader.read_exact(&mut vec![0; length]).unwrap();
                    let body = page();
                    let head = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    );
                    let stream = reader.get_mut();
                    stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body.as_bytes())).unwrap();
                    stream.conn.send_close_notify();
                    let _ = stream.flush();
                    Ok(line)
                })
                .collect()
        });
        TlsServer { addr, thread }
    }

    fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    fn finish(self) -> Vec<Result<String, String>> {
        self.thread.join().unwrap()
    }
}

/// What the proxy saw: each request head's first line, and its
/// `Proxy-Authorization`.
type ProxyLog = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A plain TCP proxy on 127.0.0.1: CONNECT opens a tunnel to the target;
/// an absolute-form request is sent on to its host in origin form, with the
/// answer copied back. It serves until the test ends.
fn start_proxy() -> (String, ProxyLog) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let log = ProxyLog::default();
    let seen = log.clone();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { return };
            let seen = seen.clone();
            std::thread::spawn(move || proxy_one(client, &seen));
        }
    });
    (format!("127.0.0.1:{}", addr.port()), log)
}

fn proxy_one(client: TcpStream, seen: &ProxyLog) {
    client.set_read_timeout(Some(LIMIT)).unwrap();
    let mut reader = BufReader::new(client);
    let Ok((line, headers)) = read_head(&mut reader) else { return };
    let auth = headers.iter().find(|(n, _)| n == "proxy-authorization").map(|(_, v)| v.clone());
    seen.lock().unwrap().push((line.clone(), auth));
    let mut parts = line.split(' ');
    let (method, target) = (parts.next().unwrap().to_owned(), parts.next().unwrap().to_owned());
    let mut client = reader.get_ref().try_clone().unwrap();
    if method == "CONNECT" {
        let upstream = TcpStream::connect(&target).unwrap();
        client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").unwrap();
        // Anything the client sent after its CONNECT head is still buffered.
        let buffered = reader.buffer().to_vec();
        pipe(reader.into_inner(), client, upstream, &buffered);
        return;
    }
    let rest = target.strip_prefix("http://").expect("an absolute-form target");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut upstream = TcpStream::connect(host).unwrap();
    let mut head = format!("{method} {} HTTP/1.1\r\n", if path.is_empty() { "/" } else { path });
    let mut length = 0;
    for (name, value) in &headers {
        if name == "proxy-authorization" {
            continue;
        }
        if name == "content-length" {
            length = value.parse().unwrap();
        }
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    upstream.write_all(head.as_bytes()).unwrap();
    upstream.write_all(&body).unwrap();
    let _ = std::io::copy(&mut upstream, &mut client);
}

/// Copies both ways until either side closes.
fn pipe(from_client: TcpStream, mut to_client: TcpStream, upstream: TcpStream, buffered: &[u8]) {
    let mut to_upstream = upstream.try_clone().unwrap();
    to_upstream.write_all(buffered).unwrap();
    let mut from_client = from_client;
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut from_client, &mut to_upstream);
        let _ = to_upstream.shutdown(std::net::Shutdown::Write);
    });
    let mut from_upstream = upstream;
    let _ = std::io::copy(&mut from_upstream, &mut to_client);
    let _ = to_client.shutdown(std::net::Shutdown::Both);
    let _ = up.join();
}

/// A request line and its headers (names lower-cased).
fn read_head(reader: &mut impl BufRead) -> std::io::Result<(String, Vec<(String, String)>)> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').expect("a header line");
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    Ok((line.trim_end().to_owned(), headers))
}

#[test]
fn a_private_ca_is_refused_without_the_bundle() {
    let server = TlsServer::start(2);
    for result in call_both(config(&server.url(), &[], &[]).unwrap()) {
        let err = result.unwrap_err();
        assert!(err.contains("UnknownIssuer"), "{err}");
    }
    assert!(server.finish().iter().all(Result::is_err));
}

#[test]
fn aws_ca_bundle_adds_the_private_ca_for_both_transports() {
    let server = TlsServer::start(2);
    let vars = [("AWS_CA_BUNDLE", "/etc/corp/ca.pem")];
    let config = config(&server.url(), &vars, &[("/etc/corp/ca.pem", CA)]).unwrap();
    assert_eq!(call_both(config), [Ok(1), Ok(1)]);
    let seen = server.finish();
    assert!(seen.iter().all(|line| line.as_deref() == Ok("POST / HTTP/1.1")), "{seen:?}");
}

#[test]
fn the_profile_ca_bundle_serves_when_the_variable_is_unset() {
    let server = TlsServer::start(2);
    let vars = [("AWS_CONFIG_FILE", "/aws/config"), ("AWS_PROFILE", "corp")];
    let files = [("/aws/config", "[profile corp]\nca_bundle = /aws/ca.pem\n"), ("/aws/ca.pem", CA)];
    assert_eq!(call_both(config(&server.url(), &vars, &files).unwrap()), [Ok(1), Ok(1)]);
    assert_eq!(server.finish().len(), 2);
}

#[test]
fn a_missing_or_certificate_less_bundle_fails_the_build() {
    let url = "https://127.0.0.1:1";
    let err = config(url, &[("AWS_CA_BUNDLE", "/nope.pem")], &[]).unwrap_err();
    assert!(err.contains("AWS_CA_BUNDLE") && err.contains("/nope.pem") && err.contains("no such file"), "{err}");
    let err = config(url, &[("AWS_CA_BUNDLE", "/key.pem")], &[("/key.pem", SERVER_KEY)]).unwrap_err();
    assert!(err.contains("AWS_CA_BUNDLE") && err.contains("no PEM certificate"), "{err}");
    let files = [("/c", "[default]\nca_bundle = /missing\n")];
    let err = config(url, &[("AWS_CONFIG_FILE", "/c")], &files).unwrap_err();
    assert!(err.contains("`ca_bundle` in /c line 2"), "{err}");
}

#[test]
fn https_goes_through_the_proxy_in_a_connect_tunnel_with_its_credentials() {
    let server = TlsServer::start(2);
    let (proxy, log) = start_proxy();
    let proxy_url = format!("http://us%3Aer:pa%40ss@{proxy}");
    let vars = [("AWS_CA_BUNDLE", "/ca.pem"), ("HTTPS_PROXY", proxy_url.as_str()), ("NO_PROXY", "example.com")];
    assert_eq!(call_both(config(&server.url(), &vars, &[("/ca.pem", CA)]).unwrap()), [Ok(1), Ok(1)]);
    assert_eq!(server.finish().len(), 2);
    let target = server_target(&log);
    // "us:er:pa@ss"
    let expected = (format!("CONNECT {target} HTTP/1.1"), Some("Basic dXM6ZXI6cGFAc3M=".to_owned()));
    assert_eq!(*log.lock().unwrap(), vec![expected.clone(), expected]);
}

/// The host and port the proxy was asked for (the TLS server's).
fn server_target(log: &ProxyLog) -> String {
    let log = log.lock().unwrap();
    let first = log.first().expect("the proxy saw a request");
    first.0.split(' ').nth(1).unwrap().to_owned()
}

#[test]
fn no_proxy_sends_the_named_host_direct() {
    let server = TlsServer::start(6);
    let (proxy, log) = start_proxy();
    for no_proxy in ["127.0.0.1", "*", "localhost, .0.0.1"] {
        let vars = [("AWS_CA_BUNDLE", "/ca.pem"), ("https_proxy", proxy.as_str()), ("no_proxy", no_proxy)];
        assert_eq!(call_both(config(&server.url(), &vars, &[("/ca.pem", CA)]).unwrap()), [Ok(1), Ok(1)]);
    }
    assert_eq!(server.finish().len(), 6);
    assert!(log.lock().unwrap().is_empty());
}

#[test]
fn plain_http_goes_to_the_http_proxy() {
    let server = Server::start(vec![Some((200, page())), Some((200, page()))]);
    let url = server.url();
    let (proxy, log) = start_proxy();
    let vars = [("HTTP_PROXY", format!("http://u:p@{proxy}")), ("HTTPS_PROXY", "http://127.0.0.1:1".to_owned())];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(n, v)| (*n, v.as_str())).collect();
    assert_eq!(call_both(config(&server.url(), &vars, &[]).unwrap()), [Ok(1), Ok(1)]);
    let seen = server.finish();
    assert!(seen.iter().all(|s| s.request_line == "POST / HTTP/1.1" && s.header("proxy-authorization").is_none()));
    let log = log.lock().unwrap();
    let auth = Some("Basic dTpw".to_owned());
    // hyper asks the proxy in absolute form; ureq tunnels plain http too.
    assert_eq!(log[0], (format!("POST {url}/ HTTP/1.1"), auth.clone()));
    assert_eq!(log[1], (format!("CONNECT {} HTTP/1.1", &url["http://".len()..]), auth));
}

#[test]
fn a_call_may_trust_a_bundle_the_client_does_not() {
    use pinpoint_sms_voice_v2::runtime::network::NetworkSettings;
    let server = TlsServer::start(2);
    let client = Client::from_conf(config(&server.url(), &[], &[]).unwrap());
    let trusting = NetworkSettings::new().with_ca_bundle_pem(CA).unwrap();
    let rt = tokio();
    let out = rt.block_on(client.describe_phone_numbers().customize(|b| b.network_settings(trusting)).send());
    assert_eq!(out.unwrap().phone_numbers().len(), 1);
    // The client's own settings are untouched.
    let err = rt.block_on(client.describe_phone_numbers().send()).unwrap_err();
    assert!(chain(&err).contains("UnknownIssuer"), "{}", chain(&err));
    assert_eq!(server.finish().iter().filter(|r| r.is_ok()).count(), 1);
}
