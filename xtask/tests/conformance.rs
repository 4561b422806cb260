//! `cargo xtask conformance`: it refuses to pass without data, and it counts
//! a wrong expectation as a failure (so a green run means something).

use serde_json::json;
use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str], dir_env: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.arg("conformance").args(args).env_remove("CONFORMANCE_DIR");
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

/// A request group with a case that holds and one whose expected body is
/// wrong, and a response group whose expected result is wrong.
fn write_suites(dir: &Path) {
    let given = json!({
        "name": "Echo", "http": {"method": "POST", "requestUri": "/"},
        "input": {"shape": "EchoInput"}
    });
    let case = |id: &str, body: &str| {
        json!({
            "id": id, "given": given, "params": {"Value": "Hi"},
            "serialized": {"method": "POST", "uri": "/", "body": body,
                "headers": {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "T.Echo"}}
        })
    };
    let suite = json!([{
        "description": "Test cases for Echo operation",
        "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T", "apiVersion": "2020-01-01"},
        "shapes": {
            "EchoInput": {"type": "structure", "members": {"Value": {"shape": "String"}}},
            "String": {"type": "string"}
        },
        "cases": [case("Holds", r#"{"Value": "Hi"}"#), case("Wrong", r#"{"Value": "Bye"}"#)]
    }]);
    let output = json!([{
        "description": "Test cases for Echo operation",
        "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T"},
        "shapes": {
            "EchoOutput": {"type": "structure", "members": {"Value": {"shape": "String"}}},
            "String": {"type": "string"}
        },
        "cases": [{
            "id": "WrongResult",
            "given": {"name": "Echo", "http": {"method": "POST", "requestUri": "/"}, "output": {"shape": "EchoOutput"}},
            "result": {"Value": "Hi"},
            "response": {"status_code": 200, "headers": {}, "body": r#"{"Value": "Bye"}"#}
        }]
    }]);
    for (file, content) in [
        ("input/json_1_0.json", suite),
        ("output/json_1_0.json", output),
        ("input/json.json", json!([])),
        ("output/json.json", json!([])),
    ] {
        let path = dir.join("botocore/protocols").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content.to_string()).unwrap();
    }
}

#[test]
fn counts_a_wrong_expectation_as_a_failure() {
    let data = tempfile::tempdir().unwrap();
    write_suites(data.path());
    let exclusions = data.path().join("exclusions.json");
    std::fs::write(&exclusions, r#"{"exclusions": []}"#).unwrap();
    // Reused between runs so the build is incremental.
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-self-test");
    let out = xtask(
        &["--out", out_dir.to_str().unwrap(), "--exclusions", exclusions.to_str().unwrap()],
        Some(data.path()),
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("botocore/protocols/input/json_1_0.json: 1 passed, 1 failed, 0 excluded"), "{stdout}");
    assert!(stdout.contains("FAILED botocore/protocols/input/json_1_0.json: Wrong"), "{stdout}");
    assert!(stdout.contains("body (as JSON)"), "the failure says what differs: {stdout}");
    assert!(stdout.contains("botocore/protocols/output/json_1_0.json: 0 passed, 1 failed, 0 excluded"), "{stdout}");
    assert!(stdout.contains("member `Value`"), "the failure names the member: {stdout}");
    // The project's own cases run too, and pass.
    assert!(stdout.contains("tests/conformance/project-cases.json: "), "{stdout}");
    assert!(stdout.trim_end().ends_with("passed, 2 failed"), "{stdout}");
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
    let out = xtask(
        &["--out", out_dir.to_str().unwrap(), "--exclusions", exclusions.to_str().unwrap()],
        Some(data.path()),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("`Gone`"), "{}", text(&out.stderr));
}
