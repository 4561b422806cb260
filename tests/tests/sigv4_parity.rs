//! The runtime signer against botocore's `SigV4Auth`: every row of
//! `tests/sigv4-parity/table.json` (written by `botocore_table.py` with
//! botocore 1.44.5, see that script to rerun it) is signed again here, and
//! its canonical request, string to sign, `authorization` header and the
//! headers sent are compared with botocore's, byte for byte.

use pinpoint_sms_voice_v2::runtime::sigv4::{self, SignableRequest, SigningParams};
use serde_json::Value;
use std::time::{Duration, UNIX_EPOCH};

const TABLE: &str = include_str!("../sigv4-parity/table.json");

/// The botocore release the table was made with.
const BOTOCORE: &str = "1.44.5";

/// One row of the table, as botocore saw it.
struct Row {
    name: String,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
    region: String,
    service: String,
    session_token: Option<String>,
    /// The request's headers after botocore signed it, `Authorization` included.
    signed_headers: Vec<(String, String)>,
    canonical_request: String,
    string_to_sign: String,
    authorization: String,
}

fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_else(|| panic!("`{key}` is not a string in {value}")).to_owned()
}

fn pairs(value: &Value, key: &str) -> Vec<(String, String)> {
    let list = value[key].as_array().unwrap_or_else(|| panic!("`{key}` is not a list in {value}"));
    list.iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(name), Value::String(value)]) => (name.clone(), value.clone()),
            _ => panic!("`{key}` holds {pair}, not a [name, value] pair"),
        })
        .collect()
}

impl Row {
    fn from_json(value: &Value) -> Row {
        Row {
            name: text(value, "name"),
            method: text(value, "method"),
            url: text(value, "url"),
            headers: pairs(value, "headers"),
            body: text(value, "body"),
            region: text(value, "region"),
            service: text(value, "service"),
            session_token: value["session_token"].as_str().map(str::to_owned),
            signed_headers: pairs(value, "signed_headers"),
            canonical_request: text(value, "canonical_request"),
            string_to_sign: text(value, "string_to_sign"),
            authorization: text(value, "authorization"),
        }
    }

    /// The request before signing, or why `http` cannot hold it.
    fn to_http(&self) -> Result<http::Request<Vec<u8>>, http::Error> {
        let mut builder = http::Request::builder().method(self.method.as_str()).uri(self.url.as_str());
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder.body(self.body.as_bytes().to_vec())
    }

    /// The values botocore sent under `name` (any case), in order.
    fn sent(&self, name: &str) -> Vec<&str> {
        self.signed_headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }
}

/// The table's rows and the signing parameters they share.
struct Table {
    access_key_id: String,
    secret_access_key: String,
    time: u64,
    rows: Vec<Row>,
}

fn table() -> Table {
    let json: Value = serde_json::from_str(TABLE).expect("table.json is JSON");
    assert_eq!(json["botocore"], BOTOCORE, "the table must come from botocore {BOTOCORE}");
    let rows = json["rows"].as_array().expect("rows").iter().map(Row::from_json).collect();
    Table {
        access_key_id: text(&json, "access_key_id"),
        secret_access_key: text(&json, "secret_access_key"),
        time: json["time"].as_u64().expect("time in seconds"),
        rows,
    }
}

/// Adds a line to `diffs` when `ours` is not `botocore`'s.
fn compare(diffs: &mut Vec<String>, what: &str, ours: &str, botocore: &str) {
    if ours != botocore {
        diffs.push(format!("{what} differs\n--- ours:\n{ours}\n--- botocore:\n{botocore}"));
    }
}

/// Signs `row` as a client does (`sign` on an `http::Request`) and returns
/// every difference from botocore.
fn sign_as_http(row: &Row, mut request: http::Request<Vec<u8>>, params: &SigningParams<'_>) -> Vec<String> {
    let mut diffs = Vec::new();
    if let Err(e) = sigv4::sign(&mut request, params) {
        return vec![format!("signing failed: {e}")];
    }
    let signed = SignableRequest::from_http(&request).expect("signed headers are text");
    let creq = sigv4::canonical_request(&signed);
    compare(&mut diffs, "canonical request", &creq, &row.canonical_request);
    compare(&mut diffs, "string to sign", &sigv4::string_to_sign(&creq, params), &row.string_to_sign);
    // The headers sent: botocore's, plus `host`, which the runtime sets on
    // the request where botocore leaves it to the HTTP client.
    let headers = request.headers();
    for name in headers.keys() {
        let ours: Vec<&str> = headers.get_all(name).iter().map(|v| v.to_str().unwrap_or("<binary>")).collect();
        let theirs = row.sent(name.as_str());
        if ours != theirs && !(name == http::header::HOST && theirs.is_empty()) {
            diffs.push(format!("header `{name}` sent as {ours:?}, botocore sent {theirs:?}"));
        }
    }
    for (name, _) in &row.signed_headers {
        if !headers.contains_key(name.as_str()) {
            diffs.push(format!("header `{name}` not sent, botocore sent {:?}", row.sent(name)));
        }
    }
    diffs
}

/// Signs the parts of a `row` that `http` cannot hold (a space in the
/// path, a control character in a header), with the headers botocore sent.
fn sign_as_parts(row: &Row, params: &SigningParams<'_>) -> Vec<String> {
    let mut diffs = Vec::new();
    let after_scheme = row.url.split_once("://").map_or(row.url.as_str(), |(_, rest)| rest);
    let path_and_query = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
    let headers = row
        .signed_headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("authorization"))
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let parts = SignableRequest::new(&row.method, path_and_query, headers, row.body.as_bytes());
    let creq = sigv4::canonical_request(&parts);
    compare(&mut diffs, "canonical request", &creq, &row.canonical_request);
    compare(&mut diffs, "string to sign", &sigv4::string_to_sign(&creq, params), &row.string_to_sign);
    compare(&mut diffs, "authorization", &sigv4::authorization(&parts, params), &row.authorization);
    diffs
}

#[test]
fn signs_every_row_as_botocore() {
    let table = table();
    assert!(table.rows.len() >= 20, "the table has only {} rows", table.rows.len());
    let time = UNIX_EPOCH + Duration::from_secs(table.time);
    let mut failures = Vec::new();
    let mut as_parts = Vec::new();
    for row in &table.rows {
        let params =
            SigningParams::new(&table.access_key_id, &table.secret_access_key, &row.region, &row.service, time)
                .with_session_token(row.session_token.as_deref());
        let diffs = match row.to_http() {
            Ok(request) => sign_as_http(row, request, &params),
            Err(_) => {
                as_parts.push(row.name.as_str());
                sign_as_parts(row, &params)
            }
        };
        if !diffs.is_empty() {
            failures.push(format!("row `{}` ({} {}):\n{}", row.name, row.method, row.url, diffs.join("\n")));
        }
    }
    // Only the rows meant to test what `http` cannot carry skip `sign`.
    assert_eq!(as_parts, ["path-space-unicode", "header-python-whitespace"], "rows signed from their parts");
    let names: Vec<&str> = failures.iter().map(|f| f.lines().next().unwrap_or_default()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows differ from botocore: {names:#?}\n\n{}",
        failures.len(),
        table.rows.len(),
        failures.join("\n\n")
    );
}
