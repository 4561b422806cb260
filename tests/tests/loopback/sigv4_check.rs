//! The loopback server's own SigV4 check, written from the specification
//! against the raw request and the RustCrypto `sha2`/`hmac` crates, so that it
//! shares no code with the client's signer it is checking.

use super::RawRequest;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Recomputes the signature of `raw` with `secret` and compares it with the
/// one in its `Authorization` header; also checks the scope and the date.
pub fn verify(raw: &RawRequest, secret: &str, region: &str, service: &str) -> Result<(), String> {
    let auth = raw.header("authorization").ok_or("no Authorization header")?.trim();
    let rest = auth.strip_prefix("AWS4-HMAC-SHA256 ").ok_or("not AWS4-HMAC-SHA256")?;
    let field = |name: &str| {
        rest.split(',')
            .map(str::trim)
            .find_map(|part| part.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
            .ok_or(format!("no {name} in Authorization"))
    };
    let credential = field("Credential")?;
    let signed_headers = field("SignedHeaders")?;
    let signature = field("Signature")?;
    let mut scope_parts = credential.splitn(2, '/');
    let _access_key = scope_parts.next().ok_or("no access key")?;
    let scope = scope_parts.next().ok_or("no scope")?;
    let amz_date = raw.header("x-amz-date").ok_or("no x-amz-date")?.trim();
    let expected_scope = format!("{}/{region}/{service}/aws4_request", amz_date.get(..8).unwrap_or_default());
    if scope != expected_scope {
        return Err(format!("scope `{scope}`, expected `{expected_scope}`"));
    }
    for required in ["host", "x-amz-date"] {
        if !signed_headers.split(';').any(|h| h == required) {
            return Err(format!("`{required}` is not signed"));
        }
    }
    let (path, query) = raw.target.split_once('?').unwrap_or((&raw.target, ""));
    let mut canonical_headers = String::new();
    for name in signed_headers.split(';') {
        let values: Vec<String> = raw
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if values.is_empty() {
            return Err(format!("signed header `{name}` is not in the request"));
        }
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let mut pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    pairs.sort_unstable();
    let canonical_request = format!(
        "{}\n{path}\n{}\n{canonical_headers}\n{signed_headers}\n{}",
        raw.method,
        pairs.join("&"),
        hex(&Sha256::digest(&raw.body))
    );
    let string_to_sign =
        format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}", hex(&Sha256::digest(canonical_request.as_bytes())));
    let mut key = format!("AWS4{secret}").into_bytes();
    for part in scope.split('/') {
        key = hmac(&key, part);
    }
    let expected = hex(&hmac(&key, &string_to_sign));
    if expected != signature {
        return Err(format!("signature {signature}, expected {expected}; canonical request:\n{canonical_request}"));
    }
    Ok(())
}
