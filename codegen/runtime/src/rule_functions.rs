//! The endpoint rules' standard library beyond comparisons, as the Smithy
//! rules specification defines it: `aws.parseArn`, `parseURL`, `substring`,
//! `uriEncode` and `aws.isVirtualHostableS3Bucket` (`isValidHostLabel` is
//! [`crate::endpoint::is_valid_host_label`]). Generated resolvers call these;
//! each returns `None` where the specification says the function gives no
//! value, which makes the rule's condition fail.

use std::net::{Ipv4Addr, Ipv6Addr};

/// `aws.parseArn`: `arn:partition:service:region:account-id:resource`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arn {
    /// Such as `aws`.
    pub partition: String,
    /// Such as `dynamodb`.
    pub service: String,
    /// May be empty.
    pub region: String,
    /// May be empty.
    pub account_id: String,
    /// The resource, split at every `:` and `/`.
    pub resource_id: Vec<String>,
}

/// Parses an ARN: six `:`-separated parts (the last may hold more `:`),
/// starting with `arn`, whose partition, service and resource are not
/// empty.
pub fn parse_arn(value: &str) -> Option<Arn> {
    let mut parts = value.splitn(6, ':');
    let (arn, partition, service, region, account_id, resource) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if arn != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

/// `parseURL`: the parts of an `http` or `https` URL without a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// Host and port, as written.
    pub authority: String,
    /// As written; may be empty.
    pub path: String,
    /// The path with a `/` at each end.
    pub normalized_path: String,
    /// The host is an IPv4 address or a bracketed IPv6 address.
    pub is_ip: bool,
}

/// Parses a URL; `None` for another scheme, a query, a fragment, no host,
/// or a port that is not a number.
pub fn parse_url(value: &str) -> Option<Url> {
    let (scheme, rest) = value.split_once("://")?;
    if !matches!(scheme, "http" | "https") || rest.contains(['?', '#']) {
        return None;
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (authority, None),
    };
    if host.is_empty() || authority.contains('@') || port.is_some_and(|p| p.parse::<u16>().is_err()) {
        return None;
    }
    let is_ip = host.parse::<Ipv4Addr>().is_ok()
        || host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).is_some_and(|h| h.parse::<Ipv6Addr>().is_ok());
    let trimmed = path.trim_matches('/');
    let normalized_path = if trimmed.is_empty() { "/".to_owned() } else { format!("/{trimmed}/") };
    Some(Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

/// `substring(input, start, stop, reverse)`: the ASCII characters from
/// `start` to before `stop`, counted from the end when `reverse`. `None`
/// when the range is empty or past the end, or the input is not ASCII.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<&str> {
    if start >= stop || input.len() < stop || !input.is_ascii() {
        return None;
    }
    let (start, stop) = if reverse { (input.len() - stop, input.len() - start) } else { (start, stop) };
    Some(&input[start..stop])
}

/// `uriEncode`: percent-encodes every byte except the unreserved
/// characters of RFC 3986 (letters, digits, `-`, `.`, `_`, `~`).
pub fn uri_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `aws.isVirtualHostableS3Bucket`: 3 to 63 lowercase letters, digits and
/// `-` (and `.` between labels with `allow_subdomains`), starting and ending
/// with a letter or digit, and not an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let label = |l: &str| {
        !l.is_empty()
            && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let labels_ok = if allow_subdomains { value.split('.').all(label) } else { label(value) };
    (3..=63).contains(&value.len()) && labels_ok && value.parse::<Ipv4Addr>().is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_split_their_resource_at_colons_and_slashes() {
        let arn = parse_arn("arn:aws:dynamodb:us-east-1:123456789012:table/t:x").unwrap();
        assert_eq!(arn.partition, "aws");
        assert_eq!(arn.service, "dynamodb");
        assert_eq!(arn.region, "us-east-1");
        assert_eq!(arn.account_id, "123456789012");
        assert_eq!(arn.resource_id, ["table", "t", "x"]);
        let empty = parse_arn("arn:aws:s3:::bucket").unwrap();
        assert_eq!((empty.region.as_str(), empty.account_id.as_str()), ("", ""));
    }

    #[test]
    fn not_arns_give_none() {
        for bad in
            ["", "arn:aws:s3:us-east-1:1", "arn:aws:s3:r:a:", "arn::s3:r:a:x", "arn:aws::r:a:x", "urn:aws:s3:r:a:x"]
        {
            assert_eq!(parse_arn(bad), None, "{bad}");
        }
    }

    #[test]
    fn urls_give_their_parts_and_a_normalized_path() {
        let url = parse_url("https://example.com:8443/a/b").unwrap();
        assert_eq!(url.scheme, "https");
        assert_eq!(url.authority, "example.com:8443");
        assert_eq!(url.path, "/a/b");
        assert_eq!(url.normalized_path, "/a/b/");
        assert!(!url.is_ip);
        let bare = parse_url("http://example.com").unwrap();
        assert_eq!((bare.path.as_str(), bare.normalized_path.as_str()), ("", "/"));
        assert!(parse_url("http://127.0.0.1:80/").unwrap().is_ip);
        assert!(parse_url("https://[::1]:443").unwrap().is_ip);
    }

    #[test]
    fn urls_with_a_query_or_another_scheme_give_none() {
        for bad in ["https://example.com?a=b", "ftp://example.com", "example.com", "https://", "http://h:port/"] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn substrings_count_from_either_end() {
        assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
        assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
        assert_eq!(substring("ab\u{e9}cd", 0, 2, false), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved_characters() {
        assert_eq!(uri_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(uri_encode("a b/c:\u{e9}"), "a%20b%2Fc%3A%C3%A9");
    }

    #[test]
    fn virtual_hostable_buckets() {
        assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("my.bucket", false));
        assert!(is_virtual_hostable_s3_bucket("my.bucket", true));
        for bad in ["ab", "My-bucket", "-bucket", "bucket-", "192.168.1.1", "a..b"] {
            assert!(!is_virtual_hostable_s3_bucket(bad, true), "{bad}");
        }
    }
}
