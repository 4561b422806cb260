//! `cargo xtask CMD --help` prints that command's usage and exits 0, for every
//! command the top-level usage lists, without running the command.

use std::process::Command;

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
}

#[test]
fn every_command_prints_its_help_and_exits_zero() {
    let top = xtask(&["--help"]);
    assert!(top.status.success());
    let usage = String::from_utf8(top.stdout).unwrap();
    let commands: Vec<&str> =
        usage.lines().filter_map(|l| l.trim_start().strip_prefix("cargo xtask ")?.split_whitespace().next()).collect();
    assert!(commands.len() >= 9, "too few commands in the usage: {commands:?}");
    for cmd in commands {
        for flag in ["--help", "-h"] {
            let out = xtask(&[cmd, flag]);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "`xtask {cmd} {flag}` failed: {}", String::from_utf8_lossy(&out.stderr));
            assert!(stdout.contains("usage"), "`xtask {cmd} {flag}` printed no usage: {stdout}");
            assert!(stdout.contains(&format!("xtask {cmd}")), "`xtask {cmd} {flag}` names another command: {stdout}");
        }
    }
}

#[test]
fn an_unknown_command_fails_with_the_usage() {
    let out = xtask(&["no-such-command", "--help"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command `no-such-command`"));
}
