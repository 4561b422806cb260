//! The restJson1 crates over real HTTP: SSO's `GetRoleCredentials` (GET with
//! query parameters and a bearer-token header) and SSO-OIDC's `CreateToken`
//! (POST with a JSON body), each through the async client (hyper) and the
//! blocking client (ureq) against a server on 127.0.0.1 that records what
//! it received and answers with a canned JSON body. Both operations are
//! unsigned, so the requests carry no `authorization` header.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server read it off the socket.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    /// Lower-case names.
    headers: BTreeMap<String, String>,
    body: String,
}

/// Serves every connection with `answer` (status 200, JSON) and records the request.
fn serve(answer: &'static str) -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut parts = line.split_whitespace();
            let (method, path) = (parts.next().unwrap_or("").to_owned(), parts.next().unwrap_or("").to_owned());
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
            record.lock().unwrap().push(Received { method, path, headers, body: String::from_utf8(body).unwrap() });
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                answer.len()
            );
            stream.write_all(response.as_bytes()).unwrap();
        }
    });
    (url, seen)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

const ROLE_CREDENTIALS: &str = r#"{"roleCredentials": {"accessKeyId": "ASIAEXAMPLE", "secretAccessKey": "s3cr3t",
    "sessionToken": "token/with+chars", "expiration": 1700000000000}}"#;

fn check_role_credentials_request(seen: &Received) {
    assert_eq!(seen.method, "GET");
    // Query values are percent-encoded; the literal path stays as the model writes it.
    assert_eq!(seen.path, "/federation/credentials?role_name=Read%20Only&account_id=123456789012");
    assert_eq!(seen.headers.get("x-amz-sso_bearer_token").map(String::as_str), Some("bearer/token+1"));
    assert!(!seen.headers.contains_key("authorization"), "GetRoleCredentials is unsigned: {seen:?}");
    assert!(!seen.headers.contains_key("content-type"), "a GET without body members has no content type");
    assert_eq!(seen.body, "");
}

fn check_role_credentials(credentials: &sso::types::RoleCredentials) {
    assert_eq!(credentials.access_key_id(), Some("ASIAEXAMPLE"));
    assert_eq!(credentials.secret_access_key(), Some("s3cr3t"));
    assert_eq!(credentials.session_token(), Some("token/with+chars"));
    assert_eq!(credentials.expiration(), Some(1_700_000_000_000));
}

fn sso_config(url: &str) -> sso::ConfigBuilder {
    sso::Config::builder().region("us-east-1").endpoint_url(url)
}

#[test]
fn sso_get_role_credentials_async_and_blocking() {
    let (url, seen) = serve(ROLE_CREDENTIALS);
    let transport = sso::runtime::hyper_transport::HyperTransport::with_connect_timeout(Duration::from_secs(2));
    let client = sso::Client::from_conf(sso_config(&url).transport(transport).build().unwrap());
    let out = runtime().block_on(async {
        let call = client
            .get_role_credentials()
            .role_name("Read Only")
            .account_id("123456789012")
            .access_token("bearer/token+1")
            .send();
        tokio::time::timeout(Duration::from_secs(30), call).await.expect("in time").expect("GetRoleCredentials")
    });
    check_role_credentials(out.role_credentials().expect("roleCredentials"));

    let transport = sso::runtime::ureq_transport::UreqTransport::with_timeouts(
        Duration::from_secs(2),
        Some(Duration::from_secs(5)),
    );
    let blocking = sso::blocking::Client::from_conf(sso_config(&url).blocking_transport(transport).build().unwrap());
    let out = blocking
        .get_role_credentials()
        .role_name("Read Only")
        .account_id("123456789012")
        .access_token("bearer/token+1")
        .send()
        .expect("GetRoleCredentials (blocking)");
    check_role_credentials(out.role_credentials().expect("roleCredentials"));

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    seen.iter().for_each(check_role_credentials_request);
}

#[test]
fn sso_refuses_a_missing_label_or_header_member_before_sending() {
    let (url, seen) = serve(ROLE_CREDENTIALS);
    let blocking = sso::blocking::Client::from_conf(sso_config(&url).build().unwrap());
    let err = blocking.get_role_credentials().role_name("R").account_id("1").send().unwrap_err();
    assert!(err.to_string().contains("access_token"), "{err}");
    assert!(seen.lock().unwrap().is_empty());
}

const TOKEN: &str = r#"{"accessToken": "at", "tokenType": "Bearer", "expiresIn": 3600, "refreshToken": "rt"}"#;

fn check_token_request(seen: &Received) {
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, "/token");
    assert_eq!(seen.headers.get("content-type").map(String::as_str), Some("application/json"));
    assert!(!seen.headers.contains_key("authorization"), "CreateToken is unsigned: {seen:?}");
    let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"clientId": "cid", "clientSecret": "cs", "grantType": "refresh_token",
            "refreshToken": "old", "scope": ["sso:account:access"]})
    );
}

fn oidc_config(url: &str) -> sso_oidc::ConfigBuilder {
    sso_oidc::Config::builder().region("us-east-1").endpoint_url(url)
}

#[test]
fn sso_oidc_create_token_async_and_blocking() {
    let (url, seen) = serve(TOKEN);
    let transport = sso_oidc::runtime::hyper_transport::HyperTransport::with_connect_timeout(Duration::from_secs(2));
    let client = sso_oidc::Client::from_conf(oidc_config(&url).transport(transport).build().unwrap());
    let out = runtime().block_on(async {
        let call = client
            .create_token()
            .client_id("cid")
            .client_secret("cs")
            .grant_type("refresh_token")
            .refresh_token("old")
            .scope("sso:account:access")
            .send();
        tokio::time::timeout(Duration::from_secs(30), call).await.expect("in time").expect("CreateToken")
    });
    assert_eq!((out.access_token(), out.token_type(), out.expires_in()), (Some("at"), Some("Bearer"), Some(3600)));
    assert_eq!(out.refresh_token(), Some("rt"));

    let transport = sso_oidc::runtime::ureq_transport::UreqTransport::with_timeouts(
        Duration::from_secs(2),
        Some(Duration::from_secs(5)),
    );
    let blocking =
        sso_oidc::blocking::Client::from_conf(oidc_config(&url).blocking_transport(transport).build().unwrap());
    let out = blocking
        .create_token()
        .client_id("cid")
        .client_secret("cs")
        .grant_type("refresh_token")
        .refresh_token("old")
        .scope("sso:account:access")
        .send()
        .expect("CreateToken (blocking)");
    assert_eq!(out.access_token(), Some("at"));

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2, "{seen:?}");
    seen.iter().for_each(check_token_request);
}
