//! `cargo xtask fixtures` as `cargo test --workspace` runs it: every fixture
//! model's crate builds without warnings (no transport features) and passes
//! its tests, and every fixture operation round-trips. The lints and the
//! transport builds (`--lint`) run in CI.

use std::path::Path;
use std::process::{Command, Output};

fn fixtures(out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(["fixtures", "--out"]).arg(out).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fixture_crates_build_pass_their_tests_and_round_trip_every_operation() {
    let out = fixtures(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-workspace"));
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    let summary = stdout.lines().last().unwrap_or_default();
    let count: usize = summary
        .strip_suffix(" operations round-trip")
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no round-trip count: {stdout}"));
    assert!(count >= 10, "every fixture's operations are checked: {stdout}");
    // Every fixture's `behaviour.rs` ran as its crate's test.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let behaviours =
        std::fs::read_dir(fixtures).unwrap().filter(|e| e.as_ref().unwrap().path().join("behaviour.rs").exists());
    assert_eq!(text(&out.stderr).matches("Running tests/behaviour.rs").count(), behaviours.count());
}

#[test]
fn refuses_an_output_folder_it_did_not_make() {
    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("precious.txt"), "keep me").unwrap();
    let out = fixtures(foreign.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not made by"), "{}", text(&out.stderr));
    assert!(foreign.path().join("precious.txt").exists());
}
