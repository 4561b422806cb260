//! Host names and URLs built from values a caller controls, each checked
//! before it becomes part of a URL, so that no value can point a signed
//! request at another host:
//!
//! - the host prefix some operations put in front of the endpoint's host
//!   (the model's `endpoint` trait, such as `foo.{Label}.` filled from the
//!   input): [`host_label`], [`with_host_prefix`];
//! - the rule-set parameters a generated resolver substitutes into endpoint
//!   URLs, such as the region in `https://sms-voice.{Region}.amazonaws.com`:
//!   [`url_label`], [`url_labels`], [`url_param`];
//! - a custom endpoint URL: [`check_endpoint_url`].

use super::build::BuildError;
use super::endpoint_rules::EndpointError;

/// A request's host prefix, already filled from the input, such as `foo.bar.`.
///
/// `serialize_request` attaches it as a request extension (see
/// [`http::Request::extensions`]) for operations that have one. The client
/// prepends it to the endpoint's host and removes the extension. When you
/// send requests yourself, prepend it too (with [`with_host_prefix`]): the
/// service routes on the full host name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostPrefix(pub String);

/// What a host label is, for messages.
pub const HOST_LABEL_RULE: &str = "1 to 63 letters, digits or `-`, not starting or ending with `-`";

/// Whether `value` is a host label (RFC 1123, as Smithy's `isValidHostLabel`
/// checks it): 1 to 63 ASCII letters, digits or `-`, not starting or ending
/// with `-`. With `allow_subdomains`, dot-separated labels, each one a host
/// label.
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    let label = |label: &str| {
        (1..=63).contains(&label.len())
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if allow_subdomains { value.split('.').all(label) } else { label(value) }
}

/// Checks the value of an input member that fills a host label: it must be
/// set and be dot-separated host labels (see [`is_valid_host_label`]).
///
/// # Errors
/// When the value is unset, empty or not a valid host label, naming the field.
pub fn host_label<'a>(shape: &'static str, field: &'static str, value: Option<&'a str>) -> Result<&'a str, BuildError> {
    let value = value.ok_or(BuildError::missing_field(shape, field))?;
    if value.is_empty() {
        return Err(BuildError::invalid_field(shape, field, "is empty, but it fills a host label"));
    }
    if !is_valid_host_label(value, true) {
        return Err(BuildError::invalid_field(
            shape,
            field,
            format!("{value:?} is not a valid host name part (labels of {HOST_LABEL_RULE}, between dots)"),
        ));
    }
    Ok(value)
}

/// `uri` with `prefix` put in front of its host: `https://example.com/a` and
/// `foo.` give `https://foo.example.com/a`.
///
/// # Errors
/// When the prefix is not the start of a host name (host labels, each
/// followed by `.`, then at most the start of one more label), so that it
/// could change which host the request goes to; when the URI has no host;
/// or when the result is not a valid URI.
pub fn with_host_prefix(uri: &http::Uri, prefix: &str) -> Result<http::Uri, BuildError> {
    let fail = |why: String| BuildError::other(format!("cannot put host prefix {prefix:?} in front of `{uri}`: {why}"));
    if !is_host_prefix(prefix) {
        return Err(fail(format!("a host prefix is host labels ({HOST_LABEL_RULE}) each followed by `.`")));
    }
    let authority = uri.authority().ok_or_else(|| fail("the URI has no host".to_owned()))?.as_str();
    // The host starts after any `user@`.
    let host = authority.rfind('@').map_or(0, |at| at + 1);
    let prefixed = format!("{}{prefix}{}", &authority[..host], &authority[host..]);
    let mut parts = uri.clone().into_parts();
    parts.authority = Some(prefixed.parse().map_err(|e| fail(format!("{e}")))?);
    http::Uri::from_parts(parts).map_err(|e| fail(format!("{e}")))
}

/// Labels each followed by `.`; the text after the last `.` (joined to the
/// host's first label) may only be the start of a label.
fn is_host_prefix(prefix: &str) -> bool {
    let (labels, last) = match prefix.rsplit_once('.') {
        Some((labels, last)) => (Some(labels), last),
        None => (None, prefix),
    };
    labels.is_none_or(|labels| is_valid_host_label(labels, true))
        && last.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !last.starts_with('-')
}

/// For generated resolvers: checks a rule-set parameter's value before it is
/// substituted into an endpoint URL, where it must be one host label (a
/// region, say), so that no value can add a host, a port, userinfo, a path
/// or a query to the URL.
///
/// # Errors
/// When the value is not a host label, naming the parameter.
pub fn url_label<'a>(param: &str, value: &'a str) -> Result<&'a str, EndpointError> {
    match is_valid_host_label(value, false) {
        true => Ok(value),
        false => Err(EndpointError::new(format!(
            "Invalid Configuration: {param} {value:?} is not a valid host label ({HOST_LABEL_RULE})"
        ))),
    }
}

/// For generated resolvers: as [`url_label`], for a parameter the rules
/// themselves proved to be dot-separated host labels
/// (`isValidHostLabel(value, true)`), such as an endpoint id that names a
/// subdomain: each label is checked, so the value still adds only labels
/// in front of the rest of the host.
///
/// # Errors
/// When the value is not dot-separated host labels, naming the parameter.
pub fn url_labels<'a>(param: &str, value: &'a str) -> Result<&'a str, EndpointError> {
    match is_valid_host_label(value, true) {
        true => Ok(value),
        false => Err(EndpointError::new(format!(
            "Invalid Configuration: {param} {value:?} is not valid host labels ({HOST_LABEL_RULE}, between dots)"
        ))),
    }
}

/// For generated resolvers: checks a rule-set parameter that gives the whole
/// endpoint URL (the `SDK::Endpoint` built-in) with [`check_endpoint_url`].
///
/// # Errors
/// When it is not such a URL, naming the parameter.
pub fn url_param<'a>(param: &str, value: &'a str) -> Result<&'a str, EndpointError> {
    check_endpoint_url(value).map_err(|e| EndpointError::new(format!("Invalid Configuration: {param} {e}")))?;
    Ok(value)
}

/// Checks an endpoint URL: `http` or `https`, a host (a name, an IPv4
/// address or a bracketed IPv6 address) with an optional port, and an
/// optional path; no userinfo (`user@`), query or fragment, which would be
/// sent somewhere unexpected or dropped.
///
/// # Errors
/// What is wrong with it, quoting the URL.
pub fn check_endpoint_url(url: &str) -> Result<http::Uri, String> {
    let fail = |why: &str| format!("{url:?} is not a usable endpoint URL: {why}");
    let uri: http::Uri = url.parse().map_err(|e| fail(&format!("{e}")))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err(fail("it must start with `http://` or `https://`"));
    }
    let authority = uri.authority().ok_or_else(|| fail("it has no host"))?.as_str();
    if authority.contains('@') {
        return Err(fail("it must not hold a user name or password (`user@`)"));
    }
    // `http::Uri` drops a fragment silently.
    if uri.query().is_some() || url.contains('#') {
        return Err(fail("it must not have a query (`?`) or a fragment (`#`)"));
    }
    let host = uri.host().unwrap_or_default();
    let valid_host = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(ipv6) => ipv6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b)),
    };
    if !valid_host {
        return Err(fail("it has a host that is not a host name or an IP address"));
    }
    let port = &authority[host.len()..];
    if !(port.is_empty() || port.strip_prefix(':').is_some_and(|p| p.parse::<u16>().is_ok())) {
        return Err(fail("it has a port that is not a number from 0 to 65535"));
    }
    Ok(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values that would change a URL's host, or are not a host label.
    const NOT_LABELS: [&str; 11] = [
        "evil.com#",
        "evil.com/",
        "evil.com?x=",
        "x@evil.com",
        "us-east-1/../evil",
        "a:b",
        "[::1]",
        "",
        "-us-east-1",
        "us-east-1-",
        "é",
    ];

    fn prefixed(uri: &str, prefix: &str) -> String {
        with_host_prefix(&uri.parse().unwrap(), prefix).unwrap().to_string()
    }

    #[test]
    fn host_labels_follow_rfc_1123() {
        for good in ["us-east-1", "a", "1", "A-b-C", &"x".repeat(63)] {
            assert!(is_valid_host_label(good, false), "{good:?}");
        }
        for bad in NOT_LABELS.iter().copied().chain([&*"x".repeat(64), &*"x".repeat(70), "a.b", "a_b"]) {
            assert!(!is_valid_host_label(bad, false), "{bad:?}");
        }
        assert!(is_valid_host_label("a.b-c.d1", true));
        for bad in ["a..b", ".a", "a.", "a.-b", "a.b-", "a/b.c"] {
            assert!(!is_valid_host_label(bad, true), "{bad:?}");
        }
    }

    #[test]
    fn prefix_goes_in_front_of_the_host_keeping_port_path_and_user() {
        assert_eq!(prefixed("https://example.com/", "foo."), "https://foo.example.com/");
        assert_eq!(prefixed("https://example.com/custom/", "foo.bar."), "https://foo.bar.example.com/custom/");
        assert_eq!(prefixed("http://127.0.0.1:8080/", "a."), "http://a.127.0.0.1:8080/");
        assert_eq!(prefixed("http://u@example.com/?q", "a-b."), "http://u@a-b.example.com/?q");
        assert_eq!(prefixed("https://example.com/", "data-"), "https://data-example.com/");
        assert_eq!(prefixed("https://example.com/", ""), "https://example.com/");
        assert!(with_host_prefix(&"/".parse().unwrap(), "foo.").is_err());
    }

    #[test]
    fn a_prefix_that_would_change_the_host_is_refused() {
        let uri: http::Uri = "https://sms-voice.us-east-1.amazonaws.com/".parse().unwrap();
        for bad in [
            "evil.com#",
            "evil.com/",
            "evil.com?x=",
            "x@",
            "evil.com:1@",
            "a/../b.",
            "a:b.",
            "[::1].",
            ".",
            "a..",
            "-a.",
            "a-.",
            "é.",
        ] {
            let err = with_host_prefix(&uri, bad).unwrap_err().to_string();
            assert!(err.contains("host prefix") && err.contains("each followed by `.`"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn host_labels_are_checked_and_errors_name_the_field() {
        fn check(v: Option<&str>) -> Result<&str, BuildError> {
            host_label("Input", "label", v)
        }
        assert_eq!(check(Some("bar")), Ok("bar"));
        assert_eq!(check(Some("a-1.B2")), Ok("a-1.B2"));
        assert_eq!(check(Some(&"x".repeat(63))).map(str::len), Ok(63));
        assert_eq!(check(None).unwrap_err().missing(), Some("label"));
        for bad in NOT_LABELS.iter().copied().chain(["a..b", ".a", "a.", "a_b", "bad$label", "a.-b", &"x".repeat(64)]) {
            let err = check(Some(bad)).unwrap_err();
            assert_eq!(err.field(), Some("label"), "{bad:?}");
            assert!(err.to_string().contains("`label`"), "{err}");
        }
    }

    #[test]
    fn url_labels_refuse_anything_but_one_host_label_and_name_the_parameter() {
        assert_eq!(url_label("Region", "us-east-1"), Ok("us-east-1"));
        for bad in NOT_LABELS.iter().copied().chain([&*"x".repeat(70), "a.b"]) {
            let err = url_label("Region", bad).unwrap_err().to_string();
            assert!(
                err.starts_with("Invalid Configuration: Region ") && err.contains("not a valid host label"),
                "{err}"
            );
        }
    }

    #[test]
    fn url_labels_take_subdomains_but_nothing_else() {
        assert_eq!(url_labels("EndpointId", "abc123.456def"), Ok("abc123.456def"));
        for bad in NOT_LABELS.iter().copied().chain(["a..b", ".a", "a/b.c", "a.b:1"]) {
            let err = url_labels("EndpointId", bad).unwrap_err().to_string();
            assert!(
                err.starts_with("Invalid Configuration: EndpointId ") && err.contains("not valid host labels"),
                "{err}"
            );
        }
    }

    #[test]
    fn endpoint_urls_are_absolute_http_without_userinfo_query_or_fragment() {
        for good in [
            "https://example.com",
            "http://127.0.0.1:8080/base/",
            "http://[::1]:8080",
            "http://localhost",
            "https://my_host.internal:443/x",
        ] {
            assert!(check_endpoint_url(good).is_ok(), "{good}");
        }
        let why = |url: &str| check_endpoint_url(url).unwrap_err();
        assert!(why("example.com").contains("`http://` or `https://`"));
        assert!(why("ftp://example.com").contains("`http://` or `https://`"));
        assert!(why("https://x@evil.com").contains("user name or password"));
        assert!(why("https://x:pw@evil.com").contains("user name or password"));
        assert!(why("https://example.com?x=1").contains("query"));
        assert!(why("https://example.com/#x").contains("fragment"));
        assert!(why("https://a:b").contains("port"));
        assert!(why("https://[::1").contains("not a usable endpoint URL"));
        assert!(why("https://:80").contains("host"));
        assert!(why("https://[zz]").contains("host"));
        assert!(why("").contains("\"\" is not a usable endpoint URL"));
        let err = url_param("Endpoint", "https://x@evil.com").unwrap_err().to_string();
        assert!(err.starts_with("Invalid Configuration: Endpoint \"https://x@evil.com\""), "{err}");
        assert_eq!(url_param("Endpoint", "http://localhost:8000"), Ok("http://localhost:8000"));
    }
}
