//! `cargo xtask codegen` with a config listing several services: each is
//! written to its own folder, one summary line covers them all, and a bad
//! entry or a bad model leaves every folder as it was.

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

fn model(prefix: &str) -> Value {
    json!({
        "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": prefix, "endpointPrefix": "t"},
        "operations": {"Get": {"name": "Get", "input": {"shape": "GetInput"}, "output": {"shape": "GetOutput"}}},
        "shapes": {
            "GetInput": {"type": "structure", "members": {"Id": {"shape": "Id"}}},
            "GetOutput": {"type": "structure", "members": {"Id": {"shape": "Id"}}},
            "Id": {"type": "string"}
        }
    })
}

/// One entry of `services`, reading `NAME.json` and writing `out/NAME`.
fn service(name: &str) -> Value {
    json!({
        "package": name, "version": "0.0.0", "service": format!("{name}.json"),
        "paginators": "paginators-1.json", "output": format!("out/{name}"), "operations": ["*"],
    })
}

/// Writes the models and `codegen.json` into `d`, with a sentinel file in
/// each output folder.
fn setup(d: &Path, models: &[(&str, String)], config: &Value) {
    for (name, text) in models {
        std::fs::write(d.join(format!("{name}.json")), text).unwrap();
        std::fs::create_dir_all(d.join("out").join(name)).unwrap();
        std::fs::write(d.join("out").join(name).join("sentinel"), "before").unwrap();
    }
    std::fs::write(d.join("paginators-1.json"), r#"{"pagination":{}}"#).unwrap();
    std::fs::write(d.join("codegen.json"), config.to_string()).unwrap();
}

fn codegen(d: &Path, check: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.args(["codegen", "--config"]).arg(d.join("codegen.json"));
    if check {
        cmd.arg("--check");
    }
    cmd.output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every output folder holds only its sentinel, and nothing was staged.
fn assert_untouched(d: &Path, names: &[&str]) {
    for name in names {
        let files: Vec<_> =
            std::fs::read_dir(d.join("out").join(name)).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(files, ["sentinel"], "out/{name} changed");
    }
    let entries: Vec<_> = std::fs::read_dir(d.join("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries.len(), names.len(), "staging folders left behind: {entries:?}");
}

fn fails_with(output: &Output, needle: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(needle), "expected `{needle}` in: {err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
}

#[test]
fn every_listed_service_is_written_to_its_folder_with_one_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let models = [("alpha", model("A").to_string()), ("beta", model("B").to_string())];
    setup(d, &models, &json!({"services": [service("alpha"), service("beta")]}));
    let output = codegen(d, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("generated: 2 services, 2 operations (0 skipped), 4 shapes, "), "{stdout}");
    for (name, prefix) in [("alpha", "A"), ("beta", "B")] {
        let out = d.join("out").join(name);
        assert!(!out.join("sentinel").exists(), "out/{name} was not replaced");
        let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
        assert!(manifest.contains(&format!("name = \"{name}\"")), "{manifest}");
        let operation = std::fs::read_to_string(out.join("src/operation/get.rs")).unwrap();
        assert!(operation.contains(&format!("\"{prefix}.Get\"")), "out/{name} has another service's operations");
    }
    let check = codegen(d, true);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).starts_with("up to date: 2 services, 2 operations (0 skipped), "));

    // A change to one service's model makes only its folder stale.
    let mut changed = model("B");
    changed["shapes"]["GetOutput"]["members"]["Name"] = json!({"shape": "Id"});
    std::fs::write(d.join("beta.json"), changed.to_string()).unwrap();
    let check = codegen(d, true);
    let err = stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{err}");
    assert!(err.contains("out/beta: src/operation/get.rs"), "{err}");
    assert!(!err.contains("out/alpha:"), "{err}");
}

#[test]
fn a_bad_model_in_one_service_leaves_every_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let models = [("alpha", model("A").to_string()), ("beta", "{\"metadata\": ".to_owned())];
    setup(d, &models, &json!({"services": [service("alpha"), service("beta")]}));
    fails_with(&codegen(d, false), "beta.json: malformed model");
    assert_untouched(d, &["alpha", "beta"]);
}

#[test]
fn a_bad_entry_is_named_by_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut beta = service("beta");
    beta.as_object_mut().unwrap().remove("package");
    let models = [("alpha", model("A").to_string()), ("beta", model("B").to_string())];
    setup(d, &models, &json!({"services": [service("alpha"), beta]}));
    fails_with(&codegen(d, false), "codegen.json: services[1]: invalid config: missing field `package`");
    assert_untouched(d, &["alpha", "beta"]);
}

#[test]
fn services_that_would_overwrite_each_other_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let models = [("alpha", model("A").to_string()), ("beta", model("B").to_string())];
    let mut same_package = service("beta");
    same_package["package"] = json!("alpha");
    let mut nested = service("beta");
    nested["output"] = json!("out/alpha/./inner");
    for (config, needle) in [
        (json!({"services": [service("alpha"), same_package]}), "services[1]: package `alpha` is also services[0]'s"),
        (json!({"services": [service("alpha"), nested]}), "services[1]: output `"),
        (json!({"services": []}), "codegen.json: services: lists no service"),
        (json!({"services": [service("alpha")], "package": "x"}), "unknown field `package` beside `services`"),
    ] {
        setup(d, &models, &config);
        fails_with(&codegen(d, false), needle);
        assert_untouched(d, &["alpha", "beta"]);
    }
}

#[test]
fn operations_that_cannot_be_served_are_named_and_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut alpha = model("A");
    alpha["operations"]["Tail"] = json!({"name": "Tail", "output": {"shape": "TailOutput"}});
    alpha["operations"]["Find"] = json!({"name": "Find", "endpointdiscovery": {"required": true}});
    alpha["shapes"]["TailOutput"] = json!({"type": "structure", "members": {"Stream": {"shape": "Events"}}});
    alpha["shapes"]["Events"] =
        json!({"type": "structure", "union": true, "eventstream": true, "members": {"Id": {"shape": "Id"}}});
    setup(d, &[("alpha", alpha.to_string())], &json!({"services": [service("alpha")]}));
    let output = codegen(d, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("generated: 1 services, 1 operations (2 skipped), "), "{stdout}");
    assert_eq!(
        lines[1..],
        [
            "skipped: alpha Find (requires endpoint discovery: not supported)",
            "skipped: alpha Tail (event stream output: not supported)",
        ]
    );
    let operations: Vec<_> =
        std::fs::read_dir(d.join("out/alpha/src/operation")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(operations, ["get.rs"]);

    // Named explicitly, it is an error, and nothing is written.
    let mut only = service("alpha");
    only["operations"] = json!(["Get", "Tail"]);
    std::fs::write(d.join("codegen.json"), json!({"services": [only]}).to_string()).unwrap();
    let before = std::fs::read_to_string(d.join("out/alpha/Cargo.toml")).unwrap();
    fails_with(&codegen(d, false), "operation `Tail`: cannot be generated: event stream output: not supported");
    assert_eq!(std::fs::read_to_string(d.join("out/alpha/Cargo.toml")).unwrap(), before);
}
