//! `cargo xtask bench`: builds the benchmark crate under `xtask/bench/` (its
//! own workspace, so nothing else ever builds the official SDK) in release and
//! runs it, passing the options on.

use std::path::Path;
use std::process::Command;

pub const USAGE: &str = "usage: cargo xtask bench [--rounds N] [--quick]
  Builds xtask/bench in release (into target/bench) and runs the generated client
  against aws-sdk-pinpointsmsvoicev2 in one process, interleaved, through in-process
  transports answering with the same canned bodies. Prints per-case medians with
  min..max and a last line `ratios: call100=.. call1=.. paginate=.. parse_vs_serde=..`
  (ours / theirs; parse: our parser / serde_json into derived structs).
  --rounds N   timed rounds (default: as many as fit in about a minute, at least 10)
  --quick      5 short rounds, to see that everything runs";

/// The bench crate's manifest, relative to the repository root.
pub const MANIFEST: &str = "xtask/bench/Cargo.toml";

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--quick" => {}
            "--rounds" => match it.next().map(|n| n.parse::<usize>()) {
                Some(Ok(n)) if n > 0 => {}
                _ => return Err(format!("--rounds needs a positive number\n{USAGE}")),
            },
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let lock = std::fs::read_to_string(root.join("xtask/bench/Cargo.lock")).unwrap_or_default();
    let theirs = ["aws-sdk-pinpointsmsvoicev2", "aws-smithy-runtime", "aws-sigv4", "serde_json"]
        .map(|name| format!("{name} {}", lock_version(&lock, name).unwrap_or_else(|| "(not locked yet)".to_owned())));
    println!("comparing {} with {}", ours_version(root), theirs.join(", "));

    let target = root.join("target/bench");
    let status = Command::new(cargo())
        .args(["build", "--release", "--manifest-path"])
        .arg(root.join(MANIFEST))
        .arg("--target-dir")
        .arg(&target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("building {MANIFEST} failed"));
    }
    let status = Command::new(target.join("release/bench"))
        .args(args)
        .status()
        .map_err(|e| format!("cannot run the benchmark: {e}"))?;
    if status.success() { Ok(()) } else { Err("the benchmark failed".to_owned()) }
}

/// The cargo that runs this task, so both use the same toolchain.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// `pinpoint-sms-voice-v2 0.1.0 (generated/pinpoint-sms-voice-v2/ at commit abc1234)`.
pub fn ours_version(root: &Path) -> String {
    let manifest = std::fs::read_to_string(root.join("generated/pinpoint-sms-voice-v2/Cargo.toml")).unwrap_or_default();
    let version = manifest_value(&manifest, "version").unwrap_or_else(|| "?".to_owned());
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    match commit {
        Some(commit) => {
            format!("pinpoint-sms-voice-v2 {version} (generated/pinpoint-sms-voice-v2/ at commit {commit})")
        }
        None => format!("pinpoint-sms-voice-v2 {version} (generated/pinpoint-sms-voice-v2/)"),
    }
}

/// The first `key = "value"` of a manifest (its package section comes first).
fn manifest_value(manifest: &str, key: &str) -> Option<String> {
    manifest.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// The version of `name` in a `Cargo.lock`; with several, all of them, joined
/// by `/`.
pub fn lock_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let lines: Vec<&str> = lock.lines().collect();
    let versions: Vec<String> = lines
        .windows(2)
        .filter(|pair| pair[0] == wanted)
        .filter_map(|pair| pair[1].strip_prefix("version = \""))
        .map(|v| v.trim_end_matches('"').to_owned())
        .collect();
    (!versions.is_empty()).then(|| versions.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "aws-sigv4"
version = "1.6.4"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "aws-sigv4-extra"
version = "9.9.9"

[[package]]
name = "http"
version = "0.2.12"

[[package]]
name = "http"
version = "1.3.1"
"#;

    #[test]
    fn lock_version_finds_the_exact_name_only() {
        assert_eq!(lock_version(LOCK, "aws-sigv4").as_deref(), Some("1.6.4"));
        assert_eq!(lock_version(LOCK, "aws-sigv"), None);
    }

    #[test]
    fn lock_version_lists_every_version_of_a_name() {
        assert_eq!(lock_version(LOCK, "http").as_deref(), Some("0.2.12/1.3.1"));
    }

    #[test]
    fn manifest_value_reads_the_package_version() {
        let manifest = "[package]\nname = \"p\"\nversion = \"0.1.0\"\n\n[dependencies]\nversion-dep = \"2\"\n";
        assert_eq!(manifest_value(manifest, "version").as_deref(), Some("0.1.0"));
        assert_eq!(manifest_value(manifest, "edition"), None);
    }

    #[test]
    fn bad_options_fail_before_building() {
        let root = Path::new("/nonexistent");
        let err = |args: &[&str]| run(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>(), root).unwrap_err();
        assert!(err(&["--rounds"]).contains("positive number"));
        assert!(err(&["--rounds", "0"]).contains("positive number"));
        assert!(err(&["--fast"]).contains("unknown argument `--fast`"));
    }
}
