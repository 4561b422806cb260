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
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("service-2.json"), service).unwrap();
    std::fs::write(d.join("paginators-1.json"), r#"{"pagination":{}}"#).unwrap();
    let config = json!({
        "package": "t", "version": "0.0.0", "service": "service-2.json",
        "paginators": "paginators-1.json", "output": "out", "operations": operations,
    });
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
    assert!(r.stdout.starts_with("generated: 1 operations, 2 shapes, "), "{}", r.stdout);
    assert!(r.stdout.trim_end().ends_with(" ms"), "{}", r.stdout);
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
    fails_with(&run(&m.to_string(), &["Get"], false), &["service-2.json", "shape `Id`", "unknown shape type `quaternion`"]);
}

#[test]
fn unknown_protocol() {
    let mut m = model();
    m["metadata"]["protocol"] = json!("rest-xml");
    fails_with(&run(&m.to_string(), &["Get"], false), &["service-2.json", "unsupported protocol `rest-xml`"]);
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
