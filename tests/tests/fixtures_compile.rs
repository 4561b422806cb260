//! Every fixture model generates a crate that builds, passes clippy and
//! documents without a single warning, and whose tests pass: when the fixture
//! has one, its `behaviour.rs` (the runtime's own tests run in its crate).
//! Runs cargo on a scratch workspace under the target directory, offline,
//! with the workspace's lock file.

use codegen::config::Config;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &[&str] = &["obstacle-course", "all-types", "op-traits", "endpoint-rules", "naming-clashes", "nesting"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo {}` failed for the fixtures:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn fixture_crates_build_lint_document_and_pass_their_tests() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixtures");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    for name in FIXTURES {
        let mut config = Config::load(&root().join("tests/fixtures").join(name).join("codegen.json")).unwrap();
        // Written to the scratch workspace, so the runtime's path is from there.
        config.output = scratch.join(name);
        let rendered = codegen::render_config(&config).unwrap_or_else(|e| panic!("{e}"));
        codegen::write::write_all(&config.output, &rendered.files).unwrap();
        let behaviour = root().join("tests/fixtures").join(name).join("behaviour.rs");
        if behaviour.exists() {
            std::fs::create_dir_all(scratch.join(name).join("tests")).unwrap();
            std::fs::copy(&behaviour, scratch.join(name).join("tests/behaviour.rs")).unwrap();
        }
        // What `behaviour.rs` needs beyond the crate's own dependencies.
        let dev = root().join("tests/fixtures").join(name).join("dev-dependencies.toml");
        if dev.exists() {
            let manifest = scratch.join(name).join("Cargo.toml");
            let text = std::fs::read_to_string(&manifest).unwrap() + &std::fs::read_to_string(&dev).unwrap();
            std::fs::write(&manifest, text).unwrap();
        }
    }
    let members = FIXTURES.iter().map(|f| format!("\"{f}\"")).collect::<Vec<_>>().join(", ");
    std::fs::write(scratch.join("Cargo.toml"), format!("[workspace]\nresolver = \"3\"\nmembers = [{members}]\n"))
        .unwrap();
    std::fs::copy(root().join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixtures-target");
    cargo(&scratch, &target, &["clippy", "--offline", "--workspace", "--all-targets", "--all-features"]);
    cargo(&scratch, &target, &["clippy", "--offline", "--workspace", "--all-targets"]);
    // No operation at all: the library alone (the behaviour tests need operations).
    cargo(&scratch, &target, &["clippy", "--offline", "--workspace", "--lib", "--no-default-features"]);
    cargo(&scratch, &target, &["doc", "--offline", "--workspace", "--no-deps", "--all-features"]);
    cargo(&scratch, &target, &["test", "--offline", "--workspace"]);
}
