//! `cargo xtask codegen` on bad input: one clear message naming the file and
//! the shape or member, exit code 1, and the output folder left untouched.

use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

fn model() -> Value {
    json!({
        "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T", "endpointPrefix": "t"},
        "operations": {"Get": {"name": "Get", "input": {"shape": "GetInput"}, "output": {"shape": "GetOutput"}}},
        "shapes": {
            "GetInput": {"type": "structure", "members": {"Id": {"shape": "Id"}}},
            "GetOutput": {"type": "structure", "members": {"Id": {"shape": "Id"}}},
            "Id": {"type": "string"}
        }
    })
}

struct Run {
    code: Option<i32>,
    stderr: String,
    stdout: String,
}

/// Runs codegen on `service` (text) with `operations`, into an output folder
/// holding one sentinel file, and checks the folder is unchanged on failure.
fn run(service: &str, operations: &[&str], check: bool) -> Run {
    run_with_rules(service, None, operations, check)
}

/// As [`run`], with an endpoint rule set and partitions (as text).
fn run_with_rules(service: &str, rules: Option<(&str, &str)>, operations: &[&str], check: bool) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("service-2.json"), service).unwrap();
    std::fs::write(d.join("paginators-1.json"), r#"{"pagination":{}}"#).unwrap();
    let mut config = json!({
        "package": "t", "version": "0.0.0", "service": "service-2.json",
        "paginators": "paginators-1.json", "output": "out", "operations": operations,
    });
    if let Some((rules, partitions)) = rules {
        std::fs::write(d.join("endpoint-rule-set-1.json"), rules).unwrap();
        std::fs::write(d.join("partitions.json"), partitions).unwrap();
        config["endpoint_rules"] = json!("endpoint-rule-set-1.json");
        config["partitions"] = json!("partitions.json");
    }
    std::fs::write(d.join("codegen.json"), config.to_string()).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    std::fs::write(d.join("out/sentinel"), "before").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(["codegen", "--config"]).arg(d.join("codegen.json"));
    if check {
        cmd.arg("--check");
    }
    let output = cmd.output().unwrap();
    let run = Run {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    };
    if run.code != Some(0) || check {
        assert_untouched(&d.join("out"));
    }
    run
}

fn assert_untouched(out: &Path) {
    let names: Vec<_> = std::fs::read_dir(out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["sentinel"], "the output folder changed");
    assert_eq!(std::fs::read_to_string(out.join("sentinel")).unwrap(), "before");
    let parent = out.parent().unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

fn fails_with(run: &Run, needles: &[&str]) {
    assert_eq!(run.code, Some(1), "stderr: {}", run.stderr);
    for needle in needles {
        assert!(run.stderr.contains(needle), "expected `{needle}` in: {}", run.stderr);
    }
    assert_eq!(run.stderr.lines().count(), 1, "one clear line: {}", run.stderr);
}

#[test]
fn a_good_model_generates_and_prints_a_summary() {
    let r = run(&model().to_string(), &["Get"], false);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with("generated: 1 services, 1 operations (0 skipped), 2 shapes, "), "{}", r.stdout);
    assert!(r.stdout.trim_end().ends_with(" ms; protocols: awsJson1_0 1"), "{}", r.stdout);
}

#[test]
fn the_first_protocol_of_the_models_list_that_is_served_is_used() {
    let mut m = model();
    m["metadata"]["protocol"] = json!("smithy-rpc-v2-cbor");
    m["metadata"]["protocols"] = json!(["smithy-rpc-v2-cbor", "json"]);
    m["metadata"]["jsonVersion"] = json!("1.1");
    let r = run(&m.to_string(), &["Get"], false);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.trim_end().ends_with("; protocols: awsJson1_1 1"), "{}", r.stdout);
}

#[test]
fn a_protocol_list_with_nothing_served_names_every_protocol() {
    let mut m = model();
    m["metadata"]["protocols"] = json!(["smithy-rpc-v2-cbor", "rest-xml"]);
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &["service-2.json", "unsupported protocol `smithy-rpc-v2-cbor`, `rest-xml`"],
    );
}

#[test]
fn malformed_json() {
    fails_with(&run("{\"metadata\": ", &["Get"], false), &["service-2.json", "malformed model", "line 1"]);
}

#[test]
fn member_targeting_a_missing_shape() {
    let mut m = model();
    m["shapes"]["GetInput"]["members"]["Id"]["shape"] = json!("Nope");
    fails_with(&run(&m.to_string(), &["Get"], false), &["service-2.json", "shape `GetInput` member `Id`", "`Nope`"]);
}

#[test]
fn unknown_shape_type() {
    let mut m = model();
    m["shapes"]["Id"]["type"] = json!("quaternion");
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &["service-2.json", "shape `Id`", "unknown shape type `quaternion`"],
    );
}

#[test]
fn unknown_protocol() {
    let mut m = model();
    m["metadata"]["protocol"] = json!("rest-xml");
    fails_with(&run(&m.to_string(), &["Get"], false), &["service-2.json", "unsupported protocol `rest-xml`"]);
}

#[test]
fn a_list_that_contains_itself_through_a_map_is_named_with_its_path() {
    let mut m = model();
    m["shapes"]["GetInput"]["members"]["Id"]["shape"] = json!("Ids");
    m["shapes"]["Ids"] = json!({"type": "list", "member": {"shape": "ById"}});
    m["shapes"]["ById"] = json!({"type": "map", "key": {"shape": "Id"}, "value": {"shape": "Ids"}});
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &["service-2.json: shape `ById`: lists and maps contain themselves", "`ById` value -> `Ids` member -> `ById`"],
    );
}

#[test]
fn lists_nested_past_the_limit_are_named() {
    let mut m = model();
    m["shapes"]["GetInput"]["members"]["Id"]["shape"] = json!("L100");
    for i in 1..=100 {
        let inner = if i == 1 { "Id".to_owned() } else { format!("L{}", i - 1) };
        m["shapes"][format!("L{i}")] = json!({"type": "list", "member": {"shape": inner}});
    }
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &["service-2.json: shape `L65`: lists and maps nested more than 64 deep"],
    );
}

#[test]
fn unknown_operation_in_config() {
    fails_with(&run(&model().to_string(), &["Put"], false), &["operation `Put`", "not found"]);
}

#[test]
fn check_names_stale_files() {
    let r = run(&model().to_string(), &["Get"], true);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("src/lib.rs (missing)"), "{}", r.stderr);
    assert!(r.stderr.contains("sentinel (not generated)"), "{}", r.stderr);
    assert!(r.stderr.contains("cargo xtask codegen"), "{}", r.stderr);
}

fn rules_and_partitions(function: &str, region_regex: &str) -> (String, String) {
    let rules = json!({"version": "1.0", "parameters": {"Region": {"type": "string", "builtIn": "AWS::Region"}}, "rules": [
        {"type": "endpoint", "conditions": [{"fn": function, "argv": [{"ref": "Region"}], "assign": "P"}],
         "endpoint": {"url": "https://t.{Region}.{P#dnsSuffix}"}},
        {"type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region"}
    ]});
    let partitions = json!({"version": "1.1", "partitions": [{"id": "aws", "regionRegex": region_regex, "regions": {},
        "outputs": {"dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws", "supportsFIPS": true,
                    "supportsDualStack": true, "implicitGlobalRegion": "us-east-1", "name": "aws"}}]});
    (rules.to_string(), partitions.to_string())
}

#[test]
fn endpoint_rules_compile_into_the_crate() {
    let (rules, partitions) = rules_and_partitions("aws.partition", r"^us\-\w+\-\d+$");
    let r = run_with_rules(&model().to_string(), Some((&rules, &partitions)), &["Get"], false);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
}

#[test]
fn an_unknown_rule_function_is_named_with_the_file_and_rule() {
    let (rules, partitions) = rules_and_partitions("aws.frobnicate", "^us-");
    let r = run_with_rules(&model().to_string(), Some((&rules, &partitions)), &["Get"], false);
    fails_with(&r, &["endpoint-rule-set-1.json: rules[0].conditions[0]: unsupported function `aws.frobnicate`"]);
}

#[test]
fn a_region_pattern_the_matcher_cannot_run_is_named_with_the_partition() {
    let (rules, partitions) = rules_and_partitions("aws.partition", "^us-[a-z]+$");
    let r = run_with_rules(&model().to_string(), Some((&rules, &partitions)), &["Get"], false);
    fails_with(&r, &["partitions.json: partition `aws`: regionRegex `^us-[a-z]+$`: unsupported character class"]);
}

// Models that used to generate crates that panic or do not compile, or
// panicked the generator: each is refused with one line naming the place.

#[test]
fn a_line_break_in_the_target_prefix_is_refused() {
    let mut m = model();
    m["metadata"]["targetPrefix"] = json!("T\r\n");
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &[
            "service-2.json: metadata: targetPrefix \"T\\r\\n\" cannot be sent in the X-Amz-Target header: '\\r' is not visible ASCII",
        ],
    );
}

#[test]
fn a_line_break_in_an_operation_name_is_refused() {
    let mut m = model();
    let op = m["operations"]["Get"].take();
    m["operations"] = json!({"Get\n": op});
    fails_with(
        &run(&m.to_string(), &["*"], false),
        &[
            "service-2.json: operation `Get\\n`: its name cannot be sent in the X-Amz-Target header: '\\n' is not visible ASCII",
        ],
    );
}

#[test]
fn a_map_with_a_non_string_key_is_refused() {
    let mut m = model();
    m["shapes"]["GetInput"]["members"]["Counts"] = json!({"shape": "Counts"});
    m["shapes"]["Counts"] = json!({"type": "map", "key": {"shape": "Number"}, "value": {"shape": "Id"}});
    m["shapes"]["Number"] = json!({"type": "integer"});
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &[
            "service-2.json: shape `Counts` key: map key `Number` has type `integer`; JSON map keys must be string shapes",
        ],
    );
}

#[test]
fn a_structure_that_requires_itself_is_refused() {
    let mut m = model();
    m["shapes"]["GetOutput"]["members"]["Node"] = json!({"shape": "Node"});
    m["shapes"]["Node"] = json!({"type": "structure", "required": ["Next"], "members": {"Next": {"shape": "Node"}}});
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &["service-2.json: shape `Node`: requires itself (Node.Next -> Node), so no value of it can exist"],
    );
}

#[test]
fn structures_that_require_each_other_are_refused_and_optional_links_are_not() {
    let mut m = model();
    m["shapes"]["GetInput"]["members"]["A"] = json!({"shape": "A"});
    // `A` is fine on its own (its link to `B` is optional), but `B` and `C` require each other.
    m["shapes"]["A"] = json!({"type": "structure", "members": {"B": {"shape": "B"}}});
    m["shapes"]["B"] = json!({"type": "structure", "required": ["Id", "C"],
        "members": {"Id": {"shape": "Id"}, "C": {"shape": "C"}}});
    m["shapes"]["C"] = json!({"type": "structure", "required": ["Back"], "members": {"Back": {"shape": "B"}}});
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &["service-2.json: shape `B`: requires itself (B.C -> C.Back -> B), so no value of it can exist"],
    );
    // Optional, through a list, or through a union: each value can end.
    for link in [
        json!({"type": "structure", "members": {"Back": {"shape": "B"}}}),
        json!({"type": "structure", "required": ["Back"], "members": {"Back": {"shape": "Bs"}}}),
        json!({"type": "structure", "union": true, "members": {"Back": {"shape": "B"}}}),
    ] {
        m["shapes"]["C"] = link;
        m["shapes"]["Bs"] = json!({"type": "list", "member": {"shape": "B"}});
        let r = run(&m.to_string(), &["Get"], false);
        assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    }
}

#[test]
fn an_operation_error_that_is_a_union_is_refused() {
    let mut m = model();
    m["operations"]["Get"]["errors"] = json!([{"shape": "Oops"}]);
    m["shapes"]["Oops"] = json!({"type": "structure", "union": true, "members": {"Id": {"shape": "Id"}}});
    fails_with(
        &run(&m.to_string(), &["Get"], false),
        &["service-2.json: operation `Get`: error `Oops` is a union; errors are structures"],
    );
}
