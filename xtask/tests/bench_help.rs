//! `cargo xtask bench --help` and `bench-build --help` describe the commands
//! and exit 0 without building anything; a bad option fails at once.

use std::process::Command;

fn xtask(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (output.status.code(), text(&output.stdout), text(&output.stderr))
}

#[test]
fn bench_help_names_the_options_and_the_ratio_line() {
    let (code, stdout, _) = xtask(&["bench", "--help"]);
    assert_eq!(code, Some(0));
    for expected in ["--rounds N", "--quick", "ratios: call100=", "aws-sdk-pinpointsmsvoicev2"] {
        assert!(stdout.contains(expected), "{expected} missing from:\n{stdout}");
    }
}

#[test]
fn bench_build_help_names_the_options_and_the_ratio_line() {
    let (code, stdout, _) = xtask(&["bench-build", "--help"]);
    assert_eq!(code, Some(0));
    for expected in ["--only NAME", "--keep", "ratio: build_own=", "second_service="] {
        assert!(stdout.contains(expected), "{expected} missing from:\n{stdout}");
    }
}

#[test]
fn the_task_list_mentions_both_commands() {
    let (code, stdout, _) = xtask(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("cargo xtask bench ") && stdout.contains("cargo xtask bench-build"), "{stdout}");
}

#[test]
fn an_unknown_option_fails_without_building() {
    let (code, _, stderr) = xtask(&["bench-build", "--fast"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("unknown argument `--fast`"), "{stderr}");
}
