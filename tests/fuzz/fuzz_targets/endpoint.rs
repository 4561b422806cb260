//! Endpoint resolution from any region, custom endpoint and flags. Whatever
//! resolves must be a URL whose host is the service's host for that region
//! (the region a single host label, the DNS suffix one of a partition's) or,
//! with a custom endpoint, that endpoint's host: a region or endpoint string
//! must never be able to send requests to some other host.
//!
//! Input: the first byte's bits are FIPS, dual-stack, region set and endpoint
//! set; the rest is the region and the endpoint, split at the first newline.
//!
//! `FUZZ_ENDPOINT_HOST_CHECK=off` looks for panics and hangs in resolution
//! only: while the host check fails on most inputs, each failure restarts
//! libFuzzer's job and the search crawls.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinpoint_sms_voice_v2::endpoint::{Params, resolve};
use std::sync::LazyLock;

/// Every `dnsSuffix` and `dualStackDnsSuffix` in the partitions file.
static SUFFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
    fn collect(json: &serde_json::Value, out: &mut Vec<String>) {
        match json {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value.as_str()) {
                        ("dnsSuffix" | "dualStackDnsSuffix", Some(suffix)) => out.push(suffix.to_owned()),
                        _ => collect(value, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
            _ => {}
        }
    }
    let json = serde_json::from_str(include_str!("../../../model/partitions.json")).expect("partitions.json is JSON");
    let mut out = Vec::new();
    collect(&json, &mut out);
    out
});

static HOST_CHECK: LazyLock<bool> = LazyLock::new(|| std::env::var("FUZZ_ENDPOINT_HOST_CHECK").as_deref() != Ok("off"));

/// botocore's `validate_region_name`: one DNS label.
fn is_host_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (region, custom) = text.split_once('\n').unwrap_or((&text, ""));
    let mut params = Params::default();
    params.use_fips = flags & 1 != 0;
    params.use_dual_stack = flags & 2 != 0;
    params.region = (flags & 4 != 0).then(|| region.to_owned());
    params.endpoint = (flags & 8 != 0).then(|| custom.to_owned());

    let Ok(endpoint) = resolve(&params) else {
        return;
    };
    if !*HOST_CHECK {
        return;
    }
    let url = endpoint.url();
    let uri: http::Uri = url.parse().unwrap_or_else(|e| panic!("{params:?} resolved to {url:?}, not a URL: {e}"));
    let host = uri.host().unwrap_or_else(|| panic!("{params:?} resolved to {url:?}, which has no host"));
    if let Some(custom) = &params.endpoint {
        let expected = custom.parse::<http::Uri>().ok().and_then(|u| u.host().map(str::to_owned));
        assert_eq!(Some(host), expected.as_deref(), "{params:?} resolved to {url:?}, not the custom endpoint's host");
        return;
    }
    let region = params.region.as_deref().unwrap_or_else(|| panic!("{params:?} resolved to {url:?} without a region"));
    assert!(is_host_label(region), "{params:?}: the region is not a host label, yet resolved to {url:?}");
    let service = if params.use_fips { "sms-voice-fips" } else { "sms-voice" };
    assert!(
        SUFFIXES.iter().any(|suffix| host == format!("{service}.{region}.{suffix}")),
        "{params:?} resolved to {url:?}, whose host {host:?} is not {service}.{region}.<a partition's DNS suffix>"
    );
    assert_eq!(url, format!("https://{host}"), "{params:?}: more than scheme and host");
});
