//! `cargo xtask conformance`: it refuses to pass without data, and it counts
//! every kind of wrong expectation as a failure (so a green run means something).

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str], dir_env: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    // The cases record requests: hyper, rustls and tokio need not be built.
    cmd.args(["conformance", "--no-transports"]).args(args).env_remove("CONFORMANCE_DIR");
    if let Some(dir) = dir_env {
        cmd.env("CONFORMANCE_DIR", dir);
    }
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fails_without_conformance_data() {
    let out = xtask(&[], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("CONFORMANCE_DIR"), "{}", text(&out.stderr));
}

#[test]
fn fails_when_the_named_folder_is_missing() {
    let out = xtask(&[], Some(Path::new("/nonexistent/conformance")));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/conformance"), "{}", text(&out.stderr));
}

fn group(shapes: Value, cases: Vec<Value>) -> Value {
    json!([{
        "description": "Test cases for Echo operation",
        "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T"},
        "shapes": shapes,
        "cases": cases
    }])
}

fn request_case(id: &str, body: &str, headers: Value, require: &[&str]) -> Value {
    json!({
        "id": id,
        "given": {"name": "Echo", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "EchoInput"}},
        "params": {"Value": "Hi"},
        "serialized": {"method": "POST", "uri": "/", "body": body, "headers": headers, "requireHeaders": require}
    })
}

fn response_case(id: &str, expect: Value, status: u16, body: &str) -> Value {
    let mut case = json!({
        "id": id,
        "given": {"name": "Echo", "http": {"method": "POST", "requestUri": "/"},
                  "output": {"shape": "EchoOutput"}, "errors": [{"shape": "Oops"}]},
        "response": {"status_code": status, "headers": {}, "body": body}
    });
    for (k, v) in expect.as_object().unwrap() {
        case[k] = v.clone();
    }
    case
}

/// Each suite holds one case that holds; every other case is wrong in one way.
fn write_suites(dir: &Path) {
    let target = json!({"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "T.Echo"});
    let input = group(
        json!({"EchoInput": {"type": "structure", "members": {"Value": {"shape": "String"}}}, "String": {"type": "string"}}),
        vec![
            request_case("Holds", r#"{"Value": "Hi"}"#, target.clone(), &["Content-Length"]),
            request_case("WrongBody", r#"{"Value": "Bye"}"#, target.clone(), &[]),
            request_case("WrongHeader", r#"{"Value": "Hi"}"#, json!({"X-Amz-Target": "T.Other"}), &[]),
            request_case("MissingHeader", r#"{"Value": "Hi"}"#, json!({"X-Custom": ""}), &[]),
            request_case("MissingRequiredHeader", r#"{"Value": "Hi"}"#, target, &["X-Never-Sent"]),
        ],
    );
    let output = group(
        json!({
            "EchoOutput": {"type": "structure", "members": {"Value": {"shape": "String"}}},
            "Oops": {"type": "structure", "exception": true, "members": {"Reason": {"shape": "String"}}},
            "String": {"type": "string"}
        }),
        vec![
            response_case("Holds", json!({"result": {"Value": "Hi"}}), 200, r#"{"Value": "Hi"}"#),
            response_case("WrongResult", json!({"result": {"Value": "Hi"}}), 200, r#"{"Value": "Bye"}"#),
            response_case(
                "WrongErrorField",
                json!({"errorCode": "Oops", "error": {"Reason": "a"}}),
                400,
                r#"{"__type": "Oops", "Reason": "b"}"#,
            ),
            response_case("WrongErrorCode", json!({"errorCode": "Oops", "error": {}}), 400, r#"{"__type": "Other"}"#),
        ],
    );
    // One endpoint case that holds, one that expects an error where the
    // project's rules give an endpoint.
    let endpoint_tests = json!({"version": "1.0", "testCases": [
        {"documentation": "Holds", "params": {"Region": "us-east-1", "UseFIPS": false},
         "expect": {"endpoint": {"url": "https://sms-voice.us-east-1.amazonaws.com"}}},
        {"documentation": "WrongEndpointError", "params": {"Region": "eu-west-1"},
         "expect": {"error": "Invalid Configuration: Missing Region"}}
    ]});
    let path = dir.join("botocore/endpoint-rules/pinpoint-sms-voice-v2/endpoint-tests-1.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, endpoint_tests.to_string()).unwrap();
    let (query_input, query_output) = query_compatible_suites();
    let (rest_input, rest_output) = rest_json_suites();
    let (form_input, xml_output) = query_suites();
    for (file, content) in [
        ("input/rest-json.json", &rest_input),
        ("output/rest-json.json", &rest_output),
        ("input/json_1_0.json", &input),
        ("output/json_1_0.json", &output),
        ("input/json.json", &input),
        ("output/json.json", &output),
        ("input/json_1_0-query-compatible.json", &query_input),
        ("output/json_1_0-query-compatible.json", &query_output),
        ("input/query.json", &form_input),
        ("output/query.json", &xml_output),
    ] {
        let path = dir.join("botocore/protocols").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content.to_string()).unwrap();
    }
    write_sigv4_suite(dir);
}

/// restJson1: a label, a query parameter and a header in the request (one
/// case expects the wrong URI, one forbids a header that is sent), a header
/// bound to an output member (one case expects the wrong value).
fn rest_json_suites() -> (Value, Value) {
    let metadata = json!({"protocol": "rest-json", "protocols": ["rest-json"], "serviceId": "R"});
    let http = json!({"method": "GET", "requestUri": "/items/{Id}"});
    let request = |id: &str, uri: &str, forbid: &[&str]| {
        json!({"id": id, "given": {"name": "Get", "http": http, "input": {"shape": "GetInput"}},
               "params": {"Id": "a b", "Limit": 2, "Tag": "t"},
               "serialized": {"method": "GET", "uri": uri, "body": "", "headers": {"X-Tag": "t"}, "forbidHeaders": forbid}})
    };
    let input = json!([{
        "description": "Test cases for Get operation",
        "metadata": metadata,
        "shapes": {
            "GetInput": {"type": "structure", "required": ["Id"], "members": {
                "Id": {"shape": "String", "location": "uri", "locationName": "Id"},
                "Limit": {"shape": "Integer", "location": "querystring", "locationName": "limit"},
                "Tag": {"shape": "String", "location": "header", "locationName": "X-Tag"}}},
            "String": {"type": "string"}, "Integer": {"type": "integer"}
        },
        "cases": [
            request("Holds", "/items/a%20b?limit=2", &[]),
            request("WrongUri", "/items/a b?limit=2", &[]),
            request("ForbiddenHeader", "/items/a%20b?limit=2", &["X-Tag"]),
        ]
    }]);
    let response = |id: &str, count: i64| {
        json!({"id": id, "given": {"name": "Get", "http": {"method": "GET", "requestUri": "/items"}, "output": {"shape": "GetOutput"}},
               "response": {"status_code": 200, "headers": {"X-Count": "3"}, "body": ""},
               "result": {"Count": count}})
    };
    let output = json!([{
        "description": "Test cases for Get operation",
        "metadata": metadata,
        "shapes": {
            "GetOutput": {"type": "structure", "members": {
                "Count": {"shape": "Integer", "location": "header", "locationName": "X-Count"}}},
            "Integer": {"type": "integer"}
        },
        "cases": [response("Holds", 3), response("WrongHeaderMember", 4)]
    }]);
    (input, output)
}

/// An awsQuery-compatible service: a request that must carry
/// `x-amzn-query-mode`, an error whose code is the `x-amzn-query-error`
/// header's, and a case that wrongly expects the `__type` code.
fn query_compatible_suites() -> (Value, Value) {
    let mut input = group(
        json!({"EchoInput": {"type": "structure", "members": {"Value": {"shape": "String"}}}, "String": {"type": "string"}}),
        vec![request_case("QueryModeHolds", r#"{"Value": "Hi"}"#, json!({"x-amzn-query-mode": "true"}), &[])],
    );
    input[0]["metadata"]["awsQueryCompatible"] = json!({});
    let query_error = |id: &str, code: &str| {
        let mut case = response_case(
            id,
            json!({"errorCode": code, "error": {"Reason": "r"}}),
            400,
            r#"{"__type": "t#Oops", "Reason": "r"}"#,
        );
        case["response"]["headers"] = json!({"x-amzn-query-error": "Oops.Query;Sender"});
        case
    };
    let mut output = group(
        json!({
            "EchoOutput": {"type": "structure", "members": {}},
            "Oops": {"type": "structure", "exception": true, "error": {"code": "Oops.Query"},
                     "members": {"Reason": {"shape": "String"}}},
            "String": {"type": "string"}
        }),
        vec![query_error("QueryCodeHolds", "Oops.Query"), query_error("WrongQueryCode", "Oops")],
    );
    output[0]["metadata"]["awsQueryCompatible"] = json!({});
    (input, output)
}

/// awsQuery: a form body that holds, the same pairs in another order (which
/// hold too: field order carries no meaning) and a wrong value; an XML
/// output and an XML error (matched by the model's `error.code`) that hold,
/// and one of each that does not.
fn query_suites() -> (Value, Value) {
    let metadata = json!({"protocol": "query", "apiVersion": "2020-01-01"});
    let mut input = group(
        json!({"EchoInput": {"type": "structure", "members": {"Value": {"shape": "String"}}}, "String": {"type": "string"}}),
        vec![
            request_case("FormHolds", "Action=Echo&Version=2020-01-01&Value=Hi", json!({}), &[]),
            request_case("ReorderedFormHolds", "Value=Hi&Action=Echo&Version=2020-01-01", json!({}), &[]),
            request_case("WrongFormValue", "Action=Echo&Version=2020-01-01&Value=Bye", json!({}), &[]),
        ],
    );
    input[0]["metadata"] = metadata.clone();
    let result = |value: &str| format!("<EchoResponse><EchoResult><Value>{value}</Value></EchoResult></EchoResponse>");
    let error = |code: &str| {
        format!(
            "<ErrorResponse><Error><Code>{code}</Code><Reason>r</Reason></Error><RequestId>i</RequestId></ErrorResponse>"
        )
    };
    let mut output = group(
        json!({
            "EchoOutput": {"type": "structure", "members": {"Value": {"shape": "String"}}},
            "Oops": {"type": "structure", "exception": true, "error": {"code": "Oops.Query"},
                     "members": {"Reason": {"shape": "String"}}},
            "String": {"type": "string"}
        }),
        vec![
            response_case("XmlHolds", json!({"result": {"Value": "Hi"}}), 200, &result("Hi")),
            response_case("WrongXmlResult", json!({"result": {"Value": "Hi"}}), 200, &result("Bye")),
            response_case(
                "XmlErrorHolds",
                json!({"errorCode": "Oops.Query", "error": {"Reason": "r"}}),
                400,
                &error("Oops.Query"),
            ),
            response_case("WrongXmlErrorCode", json!({"errorCode": "Oops.Query", "error": {}}), 400, &error("Oops")),
        ],
    );
    output[0]["metadata"] = metadata;
    (input, output)
}

/// The SigV4 suite's `get-vanilla` as it is, then with a wrong canonical
/// request (in a nested folder, as `normalize-path/` cases are) and with a
/// wrong signature.
fn write_sigv4_suite(dir: &Path) {
    const REQ: &str = "GET / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z";
    const CREQ: &str = "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\
                        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const STS: &str = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\
                       bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63";
    const AUTHZ: &str = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                         SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    let wrong_creq = CREQ.replace("host;x-amz-date", "host");
    let wrong_authz = AUTHZ.replace("Signature=5", "Signature=6");
    for (case, creq, authz) in [
        ("get-vanilla", CREQ, AUTHZ),
        ("nested/wrong-creq", wrong_creq.as_str(), AUTHZ),
        ("wrong-authz", CREQ, wrong_authz.as_str()),
    ] {
        let folder = dir.join("botocore/aws4_testsuite").join(case);
        let name = folder.file_name().unwrap().to_str().unwrap().to_owned();
        std::fs::create_dir_all(&folder).unwrap();
        for (ext, text) in [("req", REQ), ("creq", creq), ("sts", STS), ("authz", authz)] {
            std::fs::write(folder.join(format!("{name}.{ext}")), text).unwrap();
        }
    }
}

#[test]
fn counts_every_wrong_expectation_as_a_failure() {
    let data = tempfile::tempdir().unwrap();
    write_suites(data.path());
    let exclusions = data.path().join("exclusions.json");
    std::fs::write(&exclusions, r#"{"exclusions": []}"#).unwrap();
    // Reused between runs so the build is incremental.
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-self-test");
    let out =
        xtask(&["--out", out_dir.to_str().unwrap(), "--exclusions", exclusions.to_str().unwrap()], Some(data.path()));
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("botocore/protocols/input/json_1_0.json: 1 passed, 4 failed, 0 excluded"), "{stdout}");
    assert!(stdout.contains("botocore/protocols/output/json.json: 1 passed, 3 failed, 0 excluded"), "{stdout}");
    let query = "botocore/protocols/input/json_1_0-query-compatible.json: 1 passed, 0 failed, 0 excluded";
    assert!(stdout.contains(query), "{stdout}");
    let query = "botocore/protocols/output/json_1_0-query-compatible.json: 1 passed, 1 failed, 0 excluded";
    assert!(stdout.contains(query), "{stdout}");
    assert!(stdout.contains(": WrongQueryCode (test"), "{stdout}");
    assert!(stdout.contains("botocore/protocols/input/rest-json.json: 1 passed, 2 failed, 0 excluded"), "{stdout}");
    assert!(stdout.contains("botocore/protocols/output/rest-json.json: 1 passed, 1 failed, 0 excluded"), "{stdout}");
    assert!(stdout.contains("botocore/protocols/input/query.json: 2 passed, 1 failed, 0 excluded"), "{stdout}");
    assert!(stdout.contains("botocore/protocols/output/query.json: 2 passed, 2 failed, 0 excluded"), "{stdout}");
    for (case, says) in [
        ("WrongBody", "body (as JSON)"),
        ("WrongHeader", "header `X-Amz-Target`"),
        ("MissingHeader", "header `X-Custom` is missing"),
        ("MissingRequiredHeader", "header `X-Never-Sent` is required"),
        ("WrongResult", "member `Value`"),
        ("WrongErrorField", "member `Reason`"),
        ("WrongErrorCode", "error code"),
        ("WrongFormValue", "body (form pairs)"),
        ("WrongXmlResult", "member `Value`"),
        ("WrongXmlErrorCode", "error code"),
        ("WrongEndpointError", "expected the error `Invalid Configuration: Missing Region`, got the endpoint"),
        ("WrongUri", "URI"),
        ("ForbiddenHeader", "header `X-Tag` must not be sent"),
        ("WrongHeaderMember", "member `Count`"),
    ] {
        assert!(stdout.contains(&format!(": {case} (test")), "{case} is not reported failed: {stdout}");
        assert!(stdout.contains(says), "the failure of {case} should say `{says}`: {stdout}");
    }
    assert!(stdout.contains("botocore/aws4_testsuite: 1 passed, 2 failed, 0 excluded"), "{stdout}");
    for (case, says) in
        [("nested/wrong-creq", "canonical request (.creq) differs"), ("wrong-authz", "authorization (.authz) differs")]
    {
        assert!(
            stdout.contains(&format!("botocore/aws4_testsuite: {case} (test")),
            "{case} is not reported failed: {stdout}"
        );
        assert!(stdout.contains(says), "the failure of {case} should say `{says}`: {stdout}");
    }
    assert!(
        stdout.contains("botocore/endpoint-rules/pinpoint-sms-voice-v2: 1 passed, 1 failed, 0 excluded"),
        "{stdout}"
    );
    // The project's own cases run too.
    assert!(stdout.contains("tests/conformance/project-cases.json: "), "{stdout}");
    assert!(stdout.trim_end().ends_with("passed, 24 failed"), "{stdout}");
}

#[test]
fn rejects_an_exclusion_that_names_no_case() {
    let data = tempfile::tempdir().unwrap();
    write_suites(data.path());
    let exclusions = data.path().join("exclusions.json");
    let stale = json!({"exclusions": [
        {"suite": "botocore/protocols/input/json_1_0.json", "case": "Gone", "reason": "was removed"}
    ]});
    std::fs::write(&exclusions, stale.to_string()).unwrap();
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-stale-exclusion");
    let out =
        xtask(&["--out", out_dir.to_str().unwrap(), "--exclusions", exclusions.to_str().unwrap()], Some(data.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("`Gone`"), "{}", text(&out.stderr));
}

#[test]
fn fails_without_the_sigv4_suite() {
    let data = tempfile::tempdir().unwrap();
    write_suites(data.path());
    std::fs::remove_dir_all(data.path().join("botocore/aws4_testsuite")).unwrap();
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-no-sigv4");
    let out = xtask(&["--out", out_dir.to_str().unwrap()], Some(data.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("aws4_testsuite"), "{}", text(&out.stderr));
}

#[test]
fn rejects_a_case_with_an_unknown_check() {
    let data = tempfile::tempdir().unwrap();
    write_suites(data.path());
    let path = data.path().join("botocore/protocols/input/json.json");
    let mut suite: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    suite[0]["cases"][0]["serialized"]["forbidQueryParams"] = json!(["a"]);
    std::fs::write(&path, suite.to_string()).unwrap();
    let exclusions = data.path().join("exclusions.json");
    std::fs::write(&exclusions, r#"{"exclusions": []}"#).unwrap();
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-unknown-check");
    let out =
        xtask(&["--out", out_dir.to_str().unwrap(), "--exclusions", exclusions.to_str().unwrap()], Some(data.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("forbidQueryParams"), "{}", text(&out.stderr));
}

#[test]
fn rejects_an_endpoint_case_with_an_unknown_expectation() {
    let data = tempfile::tempdir().unwrap();
    write_suites(data.path());
    let path = data.path().join("botocore/endpoint-rules/pinpoint-sms-voice-v2/endpoint-tests-1.json");
    let mut tests: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    tests["testCases"][0]["expect"]["endpoint"]["authSchemes"] = json!([]);
    std::fs::write(&path, tests.to_string()).unwrap();
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-unknown-endpoint-check");
    let out = xtask(&["--out", out_dir.to_str().unwrap()], Some(data.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("authSchemes"), "{}", text(&out.stderr));
}

#[test]
fn refuses_an_output_folder_it_did_not_make() {
    let data = tempfile::tempdir().unwrap();
    write_suites(data.path());
    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("precious.txt"), "keep me").unwrap();
    let out = xtask(&["--out", foreign.path().to_str().unwrap()], Some(data.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not made by"), "{}", text(&out.stderr));
    assert!(foreign.path().join("precious.txt").exists());
}
