//! `cargo xtask fuzz`: builds the fuzz targets in `tests/fuzz/` with
//! cargo-fuzz (libFuzzer, coverage-guided, on the nightly toolchain) and runs
//! each for a bounded time from the seed corpus in `tests/fuzz-corpus/<target>/`,
//! reporting every finding with a one-line reproduction.

mod libfuzzer;

use std::path::{Path, PathBuf};
use std::process::Command;

pub const TARGETS: &[&str] =
    &["response_describe_phone_numbers", "response_send_rcs_message", "error_response", "profile", "endpoint", "model"];

const USAGE: &str =
    "usage: cargo xtask fuzz [TARGET...|--all] [--seconds N] [--seed S]   fuzz each target for N s (default 60)
       cargo xtask fuzz TARGET --reproduce FILE                        run one saved input again";

/// Limits for one input: past them it is a finding (a hang or memory growth).
#[derive(Debug, Clone)]
pub struct Limits {
    pub timeout_secs: u64,
    pub rss_limit_mb: u64,
    pub malloc_limit_mb: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { timeout_secs: 10, rss_limit_mb: 1024, malloc_limit_mb: 512 }
    }
}

/// The parsed command line.
#[derive(Debug)]
struct Args {
    targets: Vec<String>,
    seconds: u64,
    seed: Option<u64>,
    reproduce: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args { targets: Vec::new(), seconds: 60, seed: None, reproduce: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().ok_or(format!("{flag} needs a value\n{USAGE}")).cloned();
        match arg.as_str() {
            "--all" => parsed.targets.extend(TARGETS.iter().map(|t| (*t).to_owned())),
            "--seconds" => parsed.seconds = value("--seconds")?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--seed" => parsed.seed = Some(value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?),
            "--reproduce" => parsed.reproduce = Some(PathBuf::from(value("--reproduce")?)),
            target if TARGETS.contains(&target) => parsed.targets.push(target.to_owned()),
            other => {
                return Err(format!("unknown target or argument `{other}`; targets: {}\n{USAGE}", TARGETS.join(", ")));
            }
        }
    }
    if parsed.targets.is_empty() {
        return Err(format!("name a target or --all; targets: {}\n{USAGE}", TARGETS.join(", ")));
    }
    if parsed.reproduce.is_some() && parsed.targets.len() != 1 {
        return Err("--reproduce needs exactly one target".to_owned());
    }
    Ok(parsed)
}

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let args = parse_args(args)?;
    let fuzzer = libfuzzer::Fuzzer::build(root)?;
    let limits = Limits::default();
    if let Some(file) = &args.reproduce {
        return fuzzer.reproduce(&args.targets[0], file, &limits);
    }
    let seed = args.seed.unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        u64::from(now.subsec_nanos()) ^ now.as_secs()
    }) % u64::from(u32::MAX);
    println!("fuzz: seed {seed}, {} s per target (repeat with --seed {seed})", args.seconds);
    let mut findings = Vec::new();
    for target in &args.targets {
        findings.extend(fuzzer.fuzz(target, args.seconds, seed, &limits)?);
    }
    if findings.is_empty() {
        return Ok(());
    }
    Err(format!("{} finding(s):\n  {}", findings.len(), findings.join("\n  ")))
}

/// `cargo +nightly` with nothing of the calling (stable) cargo's environment,
/// which would otherwise pin the toolchain or the compiler.
fn nightly_cargo() -> Command {
    let mut command = Command::new("cargo");
    command.arg("+nightly");
    for var in ["CARGO", "RUSTC", "RUSTDOC", "RUSTUP_TOOLCHAIN", "RUSTC_WRAPPER", "CARGO_TARGET_DIR"] {
        command.env_remove(var);
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse_args(&list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn arguments_name_targets_and_bounds() {
        let parsed = args(&["--all", "--seconds", "45", "--seed", "7"]).unwrap();
        assert_eq!(parsed.targets.len(), TARGETS.len());
        assert_eq!((parsed.seconds, parsed.seed), (45, Some(7)));
        let parsed = args(&["model", "--reproduce", "x"]).unwrap();
        assert_eq!((parsed.targets, parsed.reproduce), (vec!["model".to_owned()], Some(PathBuf::from("x"))));
        assert!(args(&[]).unwrap_err().contains("name a target"));
        assert!(args(&["nope"]).unwrap_err().contains("unknown target"));
        assert!(args(&["--all", "--reproduce", "x"]).unwrap_err().contains("exactly one"));
        assert!(args(&["model", "--seconds"]).unwrap_err().contains("needs a value"));
    }
}
