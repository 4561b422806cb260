//! `cargo xtask fixtures [--lint] [--out PATH]`: every fixture model under
//! `tests/fixtures/` rendered into one throwaway workspace (so dependencies
//! compile once), beside a `roundtrip` crate whose tests check every
//! operation of every fixture with `tests::roundtrip` (names read from the
//! generator's IR, so fixtures named after keywords and prelude items work).
//! A fixture's `behaviour.rs` becomes its crate's integration test.
//!
//! Without `--lint` (what `cargo test --workspace` runs, from
//! `xtask/tests/fixtures.rs`): one `cargo test` with warnings denied and no
//! transport feature, so hyper, rustls, tokio and ureq are not compiled.
//! With `--lint` (CI, `.ci/run`): then clippy with all features, the default
//! ones and none, rustdoc with all features, and the tests again with the
//! default features (the transports), all with warnings denied.

use codegen::config::Config;
use codegen::model::{PaginatorsModel, ServiceModel};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str = "usage: cargo xtask fixtures [--lint] [--out PATH]
  --lint      also clippy (all features, default, none), rustdoc and the tests with the transports
  --out PATH  where the fixture workspace is written and built (default: target/fixture-workspace)";

const MARKER: &str = "FIXTURE-WORKSPACE";
const ROUNDTRIP: &str = "roundtrip";

/// Built to be run, not debugged: no debuginfo and no incremental state to
/// write, which cuts the build's CPU time.
pub const THROWAWAY_PROFILE: &str = "[profile.dev]\ndebug = false\nincremental = false\n";

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let mut lint = false;
    let mut out = root.join("target/fixture-workspace");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--lint" => lint = true,
            "--out" => out = PathBuf::from(it.next().ok_or(USAGE)?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    // Cargo runs inside `out`: a relative target folder would land below it.
    let out = std::path::absolute(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    claim(&out)?;
    let round_trips = generate(root, &out)?;
    let stdout = cargo(&out, &["test", "--workspace", "--no-default-features"])?;
    let passed = round_trips.iter().filter(|name| stdout.contains(&format!("\ntest {name} ... ok\n"))).count();
    if passed != round_trips.len() {
        return Err(format!("{passed} of the {} round-trip tests passed:\n{stdout}", round_trips.len()));
    }
    println!("fixtures: built without transports and warnings; tests pass, {passed} operations round-trip");
    if lint {
        // The fixtures alone: the round-trip crate would add `serde` to them.
        let fixtures = ["--workspace", "--exclude", ROUNDTRIP];
        for args in [
            &["clippy", "--all-targets", "--all-features"][..],
            &["clippy", "--all-targets"],
            // No operation at all: the library alone (the behaviour tests need operations).
            &["clippy", "--lib", "--no-default-features"],
            &["doc", "--no-deps", "--all-features"],
            &["test"],
        ] {
            cargo(&out, &[args, &fixtures].concat())?;
        }
        println!("fixtures: clippy, rustdoc and the tests with default features pass");
    }
    Ok(())
}

/// Refuses a folder that holds anything but an earlier fixture workspace,
/// since a run replaces what it writes there.
fn claim(out: &Path) -> Result<(), String> {
    let empty = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    if !empty && !out.join(MARKER).exists() {
        return Err(format!(
            "{} is not empty and was not made by `cargo xtask fixtures`; pick another --out",
            out.display()
        ));
    }
    write_if_changed(&out.join(MARKER), "This folder is rebuilt by `cargo xtask fixtures`.\n")
}

/// Writes the workspace; returns the paths of its round-trip tests. Crates
/// whose files are unchanged are left alone so cargo does not rebuild them.
fn generate(root: &Path, out: &Path) -> Result<Vec<String>, String> {
    let dir = root.join("tests/fixtures");
    let mut fixtures: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    fixtures.sort();
    let mut lib = String::from("//! Written by `cargo xtask fixtures`.\n#![cfg(test)]\n");
    let mut deps = format!("tests = {{ path = {:?} }}\n", root.join("tests"));
    let mut round_trips = Vec::new();
    for fixture in &fixtures {
        let mut config = Config::load(&dir.join(fixture).join("codegen.json")).map_err(|e| e.to_string())?;
        // Written to the throwaway workspace, so the runtime's path is from there.
        let crate_dir = out.join(fixture);
        config.output = crate_dir.clone();
        let mut files = codegen::render_config(&config).map_err(|e| e.to_string())?.files;
        let behaviour = dir.join(fixture).join("behaviour.rs");
        if behaviour.exists() {
            let text = std::fs::read_to_string(&behaviour).map_err(|e| format!("{}: {e}", behaviour.display()))?;
            files.push(("tests/behaviour.rs".to_owned(), text));
        }
        // What `behaviour.rs` needs beyond the crate's own dependencies.
        let dev = dir.join(fixture).join("dev-dependencies.toml");
        if dev.exists() {
            let extra = std::fs::read_to_string(&dev).map_err(|e| format!("{}: {e}", dev.display()))?;
            let manifest = files.iter_mut().find(|(path, _)| path == "Cargo.toml").ok_or("no Cargo.toml rendered")?;
            manifest.1.push_str(&extra);
        }
        if !codegen::write::stale_files(&crate_dir, &files).is_empty() {
            codegen::write::write_all(&crate_dir, &files).map_err(|e| e.to_string())?;
        }
        let (glue, tests) = glue(fixture, &config, out)?;
        lib.push_str(&glue);
        round_trips.extend(tests);
        let manifest = files.iter().find(|(path, _)| path == "Cargo.toml").ok_or("no Cargo.toml rendered")?;
        // Plus `serde`, for the round-trip capture.
        let features = [lean_defaults(&manifest.1)?, vec!["serde".to_owned()]].concat();
        writeln!(
            deps,
            "{} = {{ path = \"../{fixture}\", default-features = false, features = {features:?} }}",
            config.package
        )
        .unwrap();
    }
    if round_trips.is_empty() {
        return Err("no fixture has an operation to round-trip".to_owned());
    }
    write_if_changed(&out.join("roundtrip/src/lib.rs"), &lib)?;
    write_if_changed(
        &out.join("roundtrip/Cargo.toml"),
        &format!(
            "[package]\nname = \"{ROUNDTRIP}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\ndoctest = false\n\n[dependencies]\n{deps}"
        ),
    )?;
    let members: Vec<String> =
        fixtures.iter().map(String::as_str).chain([ROUNDTRIP]).map(|m| format!("{m:?}")).collect();
    write_if_changed(
        &out.join("Cargo.toml"),
        &format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n{THROWAWAY_PROFILE}", members.join(", ")),
    )?;
    // The project's lock file: the versions already tested, and offline builds.
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write_if_changed(&out.join("Cargo.lock"), &lock)?;
    Ok(round_trips)
}

/// A generated crate's default features without the transports (read from
/// its `Cargo.toml`): every operation and any other default, such as
/// `request-compression`, stay on.
pub fn lean_defaults(manifest: &str) -> Result<Vec<String>, String> {
    let line = manifest.lines().find_map(|l| l.strip_prefix("default = [")).ok_or("no default features")?;
    Ok(line
        .trim_end_matches(']')
        .split(',')
        .map(|f| f.trim().trim_matches('"').to_owned())
        .filter(|f| !f.is_empty() && f != "default-https-client" && f != "blocking")
        .collect())
}

/// The test module that checks every operation of one fixture's crate, and
/// the paths of its tests. The model is copied, decompressed when it is a
/// `.gz`, to `models/<fixture>.json` under `out`, where the test reads it.
fn glue(fixture: &str, config: &Config, out: &Path) -> Result<(String, Vec<String>), String> {
    let text = codegen::source::read_text(&config.service).map_err(|e| e.to_string())?;
    let service: ServiceModel = codegen::parse_json(&config.service, &text).map_err(|e| e.to_string())?;
    let paginators: PaginatorsModel = codegen::source::load(&config.paginators).map_err(|e| e.to_string())?;
    let ir = codegen::lower::lower(&service, &paginators, &config.selection()).map_err(|e| e.to_string())?;
    let krate = config.package.replace('-', "_");
    let module = fixture.replace('-', "_");
    let model = out.join("models").join(format!("{fixture}.json"));
    write_if_changed(&model, &text)?;
    let mut out = format!(
        "mod {module} {{\n    use tests::check_operation;\n    fn model() -> tests::roundtrip::Model {{\n        \
         tests::roundtrip::Model::parse(include_str!({model:?}))\n    }}\n"
    );
    let mut tests = Vec::new();
    for op in &ir.operations {
        let name = format!("round_trips_{}", op.fn_name.trim_start_matches("r#"));
        let errors: Vec<String> =
            op.errors.iter().map(|rust| format!("{rust} = {:?}", ir.shapes[rust].wire_name)).collect();
        writeln!(
            out,
            "    #[test]\n    fn {name}() {{\n        check_operation!({krate}, &model(), {} => {} {{ {} }});\n    }}",
            op.rust_name,
            op.error,
            errors.join(", ")
        )
        .unwrap();
        tests.push(format!("{module}::{name}"));
    }
    out.push_str("}\n");
    Ok((out, tests))
}

/// Runs cargo on the workspace, offline with the project's lock file and
/// warnings denied; returns the tests' output, which is also printed.
fn cargo(out: &Path, args: &[&str]) -> Result<String, String> {
    println!("fixtures: cargo {}", args.join(" "));
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(args)
        .arg("--offline")
        .current_dir(out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!("`cargo {}` failed for the fixtures:\n{stdout}", args.join(" ")));
    }
    Ok(stdout)
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
