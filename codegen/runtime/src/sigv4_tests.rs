use super::*;
use std::time::{Duration, UNIX_EPOCH};

/// AWS's documentation example key, also the one of the SigV4 test suite.
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// 2015-08-30T12:36:00Z, the test suite's time.
fn suite_params() -> SigningParams<'static> {
    SigningParams::new("AKIDEXAMPLE", SECRET, "us-east-1", "service", at(1_440_938_160))
}

fn describe_phone_numbers() -> http::Request<Vec<u8>> {
    http::Request::builder()
        .method("POST")
        .uri("https://sms-voice.us-east-1.amazonaws.com/")
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amz-target", "PinpointSMSVoiceV2.DescribePhoneNumbers")
        .header("content-length", "2")
        .header("user-agent", "changed-by-a-proxy")
        .body(b"{}".to_vec())
        .unwrap()
}

/// A whole awsJson request signed with a session token; the expected hash
/// and signature were computed independently (Python's hashlib and hmac over
/// the canonical request below).
#[test]
fn signs_an_aws_json_request() {
    let mut request = describe_phone_numbers();
    let params = SigningParams::new("AKIDEXAMPLE", SECRET, "us-east-1", "sms-voice", at(1_704_164_645))
        .with_session_token(Some("TOKEN"));
    sign(&mut request, &params).unwrap();
    let canonical = canonical_request(&SignableRequest::from_http(&request).unwrap());
    assert_eq!(
        canonical,
        "POST\n/\n\n\
         content-length:2\n\
         content-type:application/x-amz-json-1.0\n\
         host:sms-voice.us-east-1.amazonaws.com\n\
         x-amz-date:20240102T030405Z\n\
         x-amz-security-token:TOKEN\n\
         x-amz-target:PinpointSMSVoiceV2.DescribePhoneNumbers\n\n\
         content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target\n\
         44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    );
    assert_eq!(
        string_to_sign(&canonical, &params),
        "AWS4-HMAC-SHA256\n20240102T030405Z\n20240102/us-east-1/sms-voice/aws4_request\n\
         ee6f04193c07a417df76d72d320ff75f6d3e5b8eec463dc818a0a1882aec2316"
    );
    let headers = request.headers();
    assert_eq!(headers["host"], "sms-voice.us-east-1.amazonaws.com");
    assert_eq!(headers["x-amz-date"], "20240102T030405Z");
    assert_eq!(headers["x-amz-security-token"], "TOKEN");
    assert_eq!(
        headers["authorization"],
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-east-1/sms-voice/aws4_request, \
         SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, \
         Signature=ba4f35e7eeef3e03cf81db936e1045e106e3291ce89cccc05595218dec99ae20"
    );
    assert!(headers["authorization"].is_sensitive() && headers["x-amz-security-token"].is_sensitive());
    assert!(!headers.contains_key("x-amz-content-sha256"));
}

/// The suite's `get-vanilla` case through each public step.
#[test]
fn steps_of_the_vanilla_get() {
    let params = suite_params();
    let request = SignableRequest::new(
        "GET",
        "/",
        vec![("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z")],
        b"",
    );
    let canonical = canonical_request(&request);
    assert_eq!(
        canonical,
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\
         e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    let sts = string_to_sign(&canonical, &params);
    assert!(sts.ends_with("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"), "{sts}");
    let signature = signature(&signing_key(&params), &sts);
    assert_eq!(signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    assert!(
        authorization(&request, &params).ends_with(&format!("SignedHeaders=host;x-amz-date, Signature={signature}"))
    );
}

/// The key derivation example of AWS's SigV4 documentation.
#[test]
fn derives_the_documented_signing_key() {
    let params = SigningParams::new("AKIDEXAMPLE", SECRET, "us-east-1", "iam", at(1_440_938_160));
    assert_eq!(
        hex(signing_key(&params).as_bytes()),
        "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
    );
}

#[test]
fn re_signing_replaces_what_the_last_attempt_added() {
    let mut request = describe_phone_numbers();
    let first = SigningParams::new("AKIDEXAMPLE", SECRET, "us-east-1", "sms-voice", at(1_704_164_645))
        .with_session_token(Some("OLD"));
    sign(&mut request, &first).unwrap();
    let later = SigningParams::new("AKIDEXAMPLE", SECRET, "us-east-1", "sms-voice", at(1_704_164_700));
    sign(&mut request, &later).unwrap();
    let mut fresh = describe_phone_numbers();
    sign(&mut fresh, &later).unwrap();
    assert_eq!(request.headers(), fresh.headers());
    assert!(!request.headers().contains_key("x-amz-security-token"), "a stale token is removed");
    assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
}

#[test]
fn skips_headers_that_proxies_change() {
    let mut request = describe_phone_numbers();
    for name in ["x-amzn-trace-id", "traceparent", "tracestate", "baggage", "te", "upgrade", "keep-alive", "trailer"] {
        request.headers_mut().insert(name, "x".parse().unwrap());
    }
    request.headers_mut().insert("proxy-authorization", "Basic x".parse().unwrap());
    sign(&mut request, &suite_params()).unwrap();
    let auth = request.headers()["authorization"].to_str().unwrap();
    assert!(auth.contains("SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-target,"), "{auth}");
}

/// botocore signs with a `date` header, rewritten to the signing time,
/// instead of `x-amz-date` when the request has one.
#[test]
fn a_date_header_replaces_x_amz_date() {
    let mut request = describe_phone_numbers();
    request.headers_mut().insert("date", "Mon, 01 Jan 2024 00:00:00 GMT".parse().unwrap());
    request.headers_mut().insert("x-amz-date", "20000101T000000Z".parse().unwrap());
    sign(&mut request, &suite_params()).unwrap();
    assert_eq!(request.headers()["date"], "Sun, 30 Aug 2015 12:36:00 -0000");
    assert!(!request.headers().contains_key("x-amz-date"));
    let auth = request.headers()["authorization"].to_str().unwrap();
    assert!(auth.contains("SignedHeaders=content-length;content-type;date;host;x-amz-target,"), "{auth}");
    // Signing again (a retry) keeps `date` as the one time header.
    let first = request.headers().clone();
    sign(&mut request, &suite_params()).unwrap();
    assert_eq!(request.headers(), &first);
}

#[test]
fn the_method_is_signed_uppercased() {
    let lower = canonical_request(&SignableRequest::new("post", "/", vec![], b""));
    assert!(lower.starts_with("POST\n/\n"), "{lower}");
}

#[test]
fn host_comes_from_the_uri_without_a_default_port() {
    for (uri, host) in [
        ("https://example.com:443/", "example.com"),
        ("http://example.com:80/", "example.com"),
        ("http://127.0.0.1:8080/", "127.0.0.1:8080"),
        ("https://Example.COM/", "example.com"),
        ("https://[::1]:8443/a", "[::1]:8443"),
    ] {
        let mut request = http::Request::builder().uri(uri).body(Vec::new()).unwrap();
        sign(&mut request, &suite_params()).unwrap();
        assert_eq!(request.headers()["host"], host, "{uri}");
    }
    // A host header already set is kept (and signed) as it is.
    let mut request =
        http::Request::builder().uri("https://a.example/").header("host", "b.example").body(Vec::new()).unwrap();
    sign(&mut request, &suite_params()).unwrap();
    assert_eq!(request.headers()["host"], "b.example");
}

#[test]
fn errors_leave_the_request_unchanged() {
    let mut request = http::Request::builder().uri("/no-host").body(Vec::new()).unwrap();
    assert_eq!(sign(&mut request, &suite_params()), Err(SigningError::MissingHost));
    assert!(request.headers().is_empty());

    let mut request = describe_phone_numbers();
    let before = request.headers().clone();
    let far = SigningParams { time: at(253_402_300_800), ..suite_params() }; // year 10000
    assert_eq!(sign(&mut request, &far), Err(SigningError::TimeOutOfRange));
    let before_year_0 = SigningParams { time: UNIX_EPOCH - Duration::from_secs(62_167_219_201), ..suite_params() };
    assert_eq!(sign(&mut request, &before_year_0), Err(SigningError::TimeOutOfRange));
    let bad = suite_params().with_session_token(Some("line\nbreak"));
    assert_eq!(sign(&mut request, &bad), Err(SigningError::InvalidParam { param: "session_token" }));
    assert_eq!(request.headers(), &before);

    request.headers_mut().insert("x-bin", http::HeaderValue::from_bytes(b"caf\xe9").unwrap());
    assert_eq!(sign(&mut request, &suite_params()), Err(SigningError::InvalidHeaderValue { name: "x-bin".to_owned() }));
}

#[test]
fn paths_are_normalized_and_encoded_twice() {
    for (path, canonical) in [
        ("", "/"),
        ("/", "/"),
        ("//a//b//", "/a/b/"),
        ("/a/./b/../c", "/a/c"),
        ("/a/b/..", "/a"),
        ("/a/.", "/a"),
        ("/a/b/../", "/a/"),
        ("/a/./", "/a/"),
        ("/../..", "/"),
        ("/./", "/"),
        ("/.../..a/.b", "/.../..a/.b"),
        ("/a%20b/c%2Fd", "/a%2520b/c%252Fd"),
        ("/ሴ $", "/%E1%88%B4%20%24"),
        ("/-._~", "/-._~"),
    ] {
        assert_eq!(canonical_path(path), canonical, "{path:?}");
    }
}

#[test]
fn query_parameters_are_signed_as_sent_and_sorted() {
    for (query, canonical) in [
        ("", ""),
        ("b=2&a=1", "a=1&b=2"),
        ("a=2&a=1&a=10", "a=1&a=10&a=2"),
        ("Param=Value2&Param-3=Value3", "Param=Value2&Param-3=Value3"),
        ("flag&x=", "flag=&x="),
        ("=v", "=v"),
        ("a=b=c", "a=b=c"),
        // Nothing decoded or re-encoded: case, `+` and bad escapes stay.
        ("a=%41%2f%2F", "a=%41%2f%2F"),
        ("s=a+b%20c/d", "s=a+b%20c/d"),
        ("bad=%zz%4", "bad=%zz%4"),
        ("%41=1&B=2&a=3", "%41=1&B=2&a=3"),
        // Empty pairs stay, as botocore signs them.
        ("a=1&&b=2&", "=&=&a=1&b=2"),
        ("&", "=&="),
        // What a request line cannot carry is encoded as a client sends it.
        ("k=%E1%88%B4&ሴ=a b", "%E1%88%B4=a%20b&k=%E1%88%B4"),
        ("t=\t\u{7f}", "t=%09%7F"),
    ] {
        assert_eq!(canonical_query(query), canonical, "{query:?}");
    }
}

#[test]
fn the_fragment_is_not_signed() {
    let canonical = canonical_request(&SignableRequest::new("GET", "/a/?b=c#d?e=f", vec![], b""));
    assert!(canonical.starts_with("GET\n/a/\nb=c\n"), "{canonical}");
    let canonical = canonical_request(&SignableRequest::new("GET", "/a#b", vec![], b""));
    assert!(canonical.starts_with("GET\n/a\n\n"), "{canonical}");
}

#[test]
fn header_values_are_trimmed_folded_and_joined() {
    let request = SignableRequest::new(
        "GET",
        "/",
        vec![
            ("My-Header", " a   b\t c "),
            ("my-header", "\"x  y\""),
            ("B", ""),
            ("Authorization", "old"),
            // Whitespace to Python's `str.split` (vertical tab, separators, no-break space).
            ("C", "\u{b}1\u{1c}2\u{1f}3\u{a0}4\u{3000}"),
        ],
        b"",
    );
    let canonical = canonical_request(&request);
    assert!(canonical.contains("\nb:\nc:1 2 3 4\nmy-header:a b c,\"x y\"\n\nb;c;my-header\n"), "{canonical}");
}

#[test]
fn debug_output_holds_no_secret() {
    let params = suite_params().with_session_token(Some("SESSION-TOKEN"));
    let text = format!("{params:?} {:?}", signing_key(&params));
    assert!(text.contains("AKIDEXAMPLE"), "{text}");
    assert!(!text.contains(SECRET) && !text.contains("SESSION-TOKEN"), "{text}");
    let request = SignableRequest::new(
        "GET",
        "/",
        vec![("X-Amz-Security-Token", "SESSION-TOKEN"), ("authorization", "AWS4-HMAC-SHA256 Signature=abc")],
        b"secret body",
    );
    let text = format!("{request:?}");
    assert!(!text.contains("SESSION-TOKEN") && !text.contains("abc") && !text.contains("secret body"), "{text}");
    let mut request = describe_phone_numbers();
    sign(&mut request, &params).unwrap();
    let text = format!("{:?}", request.headers());
    assert!(!text.contains("SESSION-TOKEN") && !text.contains("Signature"), "{text}");
}

/// A cached key signs exactly as a freshly derived one, and a different
/// secret, day, region or service derives its own key instead of reusing it.
#[test]
fn cached_signing_keys_sign_as_fresh_ones() {
    let cache = SigningKeyCache::new();
    let (day, next_day) = (at(1_704_164_645), at(1_704_164_645 + 86_400));
    let cases = [
        (SECRET, "us-east-1", "sms-voice", day),
        (SECRET, "us-east-1", "sms-voice", day),
        ("another-secret", "us-east-1", "sms-voice", day),
        ("another-secret", "us-west-2", "sms-voice", day),
        ("another-secret", "us-west-2", "iam", day),
        ("another-secret", "us-west-2", "iam", next_day),
    ];
    for (secret, region, service, time) in cases {
        let params = SigningParams::new("AKIDEXAMPLE", secret, region, service, time);
        let mut fresh = describe_phone_numbers();
        sign(&mut fresh, &params).unwrap();
        let mut cached = describe_phone_numbers();
        sign(&mut cached, &params.clone().with_key_cache(&cache)).unwrap();
        assert_eq!(cached.headers(), fresh.headers(), "{secret} {region} {service} {time:?}");
        let entry = cache.0.lock().unwrap();
        assert_eq!(entry.as_ref().map(|e| &e.key), Some(&signing_key(&params)));
    }
}

/// The cached key is what signs: a request whose key is already cached does
/// not derive it again.
#[test]
fn a_cached_signing_key_is_used_as_it_is() {
    let cache = SigningKeyCache::new();
    let params = suite_params().with_key_cache(&cache);
    let request = SignableRequest::new("GET", "/", vec![("host", "example.amazonaws.com")], b"");
    let fresh = authorization(&request, &params);
    assert_eq!(authorization(&request, &params), fresh);
    cache.0.lock().unwrap().as_mut().unwrap().key = SigningKey([7; 32]);
    let reused = authorization(&request, &params);
    assert_ne!(reused, fresh);
    let string_to_sign = string_to_sign(&canonical_request(&request), &params);
    assert!(reused.ends_with(&signature(&SigningKey([7; 32]), &string_to_sign)), "{reused}");
    assert!(!format!("{cache:?} {params:?}").contains(SECRET));
}
