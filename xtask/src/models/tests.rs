use super::*;
use serde_json::{Value, json};
use std::io::Write;

fn service(protocol: &str, json_version: Option<&str>) -> Value {
    json!({
        "metadata": {"protocol": protocol, "jsonVersion": json_version, "targetPrefix": "T", "endpointPrefix": "t"},
        "operations": {"List": {"name": "List", "http": {"method": "POST", "requestUri": "/list"},
            "input": {"shape": "ListInput"}, "output": {"shape": "ListOutput"}}},
        "shapes": {
            "ListInput": {"type": "structure", "members": {"NextToken": {"shape": "Token"}}},
            "ListOutput": {"type": "structure", "members": {"NextToken": {"shape": "Token"}, "Items": {"shape": "Items"}}},
            "Items": {"type": "list", "member": {"shape": "Token"}},
            "Token": {"type": "string"}
        }
    })
}

fn rules() -> Value {
    json!({"version": "1.0", "parameters": {"Region": {"type": "string", "builtIn": "AWS::Region"}}, "rules": [
        {"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
         "endpoint": {"url": "https://t.{Region}.{P#dnsSuffix}"}},
        {"type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region"}
    ]})
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Writes `model/<name>/2020-01-01/` with the service model gzip-compressed, as botocore ships it.
fn add(model: &Path, name: &str, service: &Value, paginators: Option<Value>) {
    let dir = model.join(name).join("2020-01-01");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("service-2.json.gz"), gzip(service.to_string().as_bytes())).unwrap();
    std::fs::write(dir.join("endpoint-rule-set-1.json.gz"), gzip(rules().to_string().as_bytes())).unwrap();
    if let Some(p) = paginators {
        std::fs::write(dir.join("paginators-1.json"), p.to_string()).unwrap();
    }
}

fn model_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let partitions = json!({"version": "1.1", "partitions": [{"id": "aws", "regionRegex": "^us\\-\\w+\\-\\d+$",
        "regions": {}, "outputs": {"dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
        "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1", "name": "aws"}}]});
    std::fs::write(tmp.path().join("partitions.json"), partitions.to_string()).unwrap();
    let pages = json!({"pagination": {"List": {"input_token": "NextToken", "output_token": "NextToken", "result_key": "Items"}}});
    add(tmp.path(), "good", &service("json", Some("1.1")), Some(pages));
    add(tmp.path(), "plain", &service("json", None), None);
    add(tmp.path(), "restful", &service("rest-json", None), None);
    add(tmp.path(), "formal", &service("query", None), None);
    let more = json!({"pagination": {"List": {"input_token": "NextToken", "output_token": "NextToken",
        "result_key": "Items", "more_results": "Truncated"}}});
    // A flag the output does not have.
    add(tmp.path(), "truncating", &service("json", Some("1.0")), Some(more));
    tmp
}

#[test]
fn counts_protocols_and_names_what_does_not_lower() {
    let tmp = model_dir();
    let report = check(tmp.path()).unwrap();
    let protocols: Vec<(&str, usize)> = report.protocols.iter().map(|(p, n)| (p.as_str(), *n)).collect();
    assert_eq!(protocols, [("json 1.0", 2), ("json 1.1", 1), ("query", 1), ("rest-json", 1)]);
    assert_eq!(report.lowered, 4);
    assert!(report.not_loaded.is_empty(), "{:?}", report.not_loaded);
    let failures: Vec<_> = report.not_lowered.iter().collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let (service, errors) = failures[0];
    assert_eq!(service, "truncating");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0], "paginators-1.json: paginator `List`: output member `Truncated` does not exist",
        "{errors:?}"
    );

    // Rules that do not compile are reported too, beside the service's own error.
    let mut rules = rules();
    rules["rules"][0]["conditions"][0]["fn"] = json!("aws.frobnicate");
    let path = tmp.path().join("truncating/2020-01-01/endpoint-rule-set-1.json.gz");
    std::fs::write(path, gzip(rules.to_string().as_bytes())).unwrap();
    let errors = &check(tmp.path()).unwrap().not_lowered["truncating"];
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[1].starts_with("endpoint-rule-set-1.json: rules[0].conditions[0]: unsupported function"),
        "{errors:?}"
    );

    let known = BTreeMap::from([("truncating".to_owned(), "more_results".to_owned())]);
    verdict(&report, &known).unwrap();
    let err = verdict(&report, &BTreeMap::new()).unwrap_err();
    assert_eq!(err, format!("truncating does not lower and is not in {KNOWN_FAILURES}"));
    let stale = BTreeMap::from([("truncating".to_owned(), String::new()), ("good".to_owned(), String::new())]);
    let err = verdict(&report, &stale).unwrap_err();
    assert!(err.starts_with("good is in xtask/known-lowering-failures.json but"), "{err}");
}

#[test]
fn a_corrupt_model_is_named_and_fails() {
    let tmp = model_dir();
    let path = tmp.path().join("good/2020-01-01/service-2.json.gz");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 12]).unwrap();
    std::fs::remove_file(tmp.path().join("plain/2020-01-01/endpoint-rule-set-1.json.gz")).unwrap();
    let report = check(tmp.path()).unwrap();
    assert_eq!(report.not_loaded.len(), 2, "{:?}", report.not_loaded);
    assert!(report.not_loaded[0].contains("good/2020-01-01/service-2.json.gz: invalid gzip data"), "{:?}", report);
    assert!(report.not_loaded[1].ends_with("plain/2020-01-01: no endpoint-rule-set-1.json"), "{:?}", report);
    let known = BTreeMap::from([("truncating".to_owned(), String::new())]);
    assert!(verdict(&report, &known).unwrap_err().contains("invalid gzip data"));
}

#[test]
fn operations_left_out_are_counted_by_reason() {
    let tmp = model_dir();
    let mut streaming = service("json", Some("1.0"));
    streaming["operations"]["Tail"] = json!({"name": "Tail", "output": {"shape": "TailOutput"}});
    streaming["operations"]["Watch"] = json!({"name": "Watch", "output": {"shape": "TailOutput"}});
    streaming["shapes"]["TailOutput"] = json!({"type": "structure", "members": {"Events": {"shape": "Events"}}});
    streaming["shapes"]["Events"] =
        json!({"type": "structure", "union": true, "eventstream": true, "members": {"T": {"shape": "ListInput"}}});
    add(tmp.path(), "streaming", &streaming, None);
    let report = check(tmp.path()).unwrap();
    // good, plain, restful, formal and streaming.
    assert_eq!(report.lowered, 5);
    let skipped: Vec<_> = report.skipped.iter().collect();
    let ops = vec!["streaming Tail".to_owned(), "streaming Watch".to_owned()];
    assert_eq!(skipped, [(&"event stream output: not supported".to_owned(), &ops)]);
}
