// Copied from codegen/runtime/endpoint.rs by `cargo xtask codegen`. Edit it there.

//! The host prefix some operations put in front of the endpoint's host (the
//! model's `endpoint` trait), such as `foo.{Label}.` filled from the input.

use super::build::BuildError;

/// A request's host prefix, already filled from the input, such as `foo.bar.`.
///
/// `serialize_request` attaches it as a request extension (see
/// [`http::Request::extensions`]) for operations that have one. The client
/// prepends it to the endpoint's host and removes the extension. When you
/// send requests yourself, prepend it too (with [`with_host_prefix`]): the
/// service routes on the full host name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostPrefix(pub String);

/// Checks the value of an input member that fills a host label: it must be
/// set and be dot-separated labels of 1 to 63 ASCII letters, digits or `-`.
///
/// # Errors
/// When the value is unset, empty or not a valid host label, naming the field.
pub fn host_label<'a>(shape: &'static str, field: &'static str, value: Option<&'a str>) -> Result<&'a str, BuildError> {
    let value = value.ok_or(BuildError::missing_field(shape, field))?;
    if value.is_empty() {
        return Err(BuildError::invalid_field(shape, field, "is empty, but it fills a host label"));
    }
    let valid = |label: &str| {
        (1..=63).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !value.split('.').all(valid) {
        return Err(BuildError::invalid_field(
            shape,
            field,
            format!("`{value}` is not a valid host label (1 to 63 letters, digits or `-` between dots)"),
        ));
    }
    Ok(value)
}

/// `uri` with `prefix` put in front of its host: `https://example.com/a` and
/// `foo.` give `https://foo.example.com/a`.
///
/// # Errors
/// When the URI has no host or the result is not a valid URI.
pub fn with_host_prefix(uri: &http::Uri, prefix: &str) -> Result<http::Uri, BuildError> {
    let fail = |why: String| BuildError::other(format!("cannot put host prefix `{prefix}` in front of `{uri}`: {why}"));
    let authority = uri.authority().ok_or_else(|| fail("the URI has no host".to_owned()))?.as_str();
    // The host starts after any `user@`.
    let host = authority.rfind('@').map_or(0, |at| at + 1);
    let prefixed = format!("{}{prefix}{}", &authority[..host], &authority[host..]);
    let mut parts = uri.clone().into_parts();
    parts.authority = Some(prefixed.parse().map_err(|e| fail(format!("{e}")))?);
    http::Uri::from_parts(parts).map_err(|e| fail(format!("{e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixed(uri: &str, prefix: &str) -> String {
        with_host_prefix(&uri.parse().unwrap(), prefix).unwrap().to_string()
    }

    #[test]
    fn prefix_goes_in_front_of_the_host_keeping_port_path_and_user() {
        assert_eq!(prefixed("https://example.com/", "foo."), "https://foo.example.com/");
        assert_eq!(prefixed("https://example.com/custom/", "foo.bar."), "https://foo.bar.example.com/custom/");
        assert_eq!(prefixed("http://127.0.0.1:8080/", "a."), "http://a.127.0.0.1:8080/");
        assert_eq!(prefixed("http://u@example.com/?q", "a-b."), "http://u@a-b.example.com/?q");
        assert!(with_host_prefix(&"/".parse().unwrap(), "foo.").is_err());
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
        for bad in ["", "a..b", ".a", "a.", "a_b", "bad$label", "é", &"x".repeat(64)] {
            let err = check(Some(bad)).unwrap_err();
            assert_eq!(err.field(), Some("label"), "{bad:?}");
            assert!(err.to_string().contains("`label`"), "{err}");
        }
    }
}
