//! The scale workspace: its manifest, and one `cargo clippy` over every crate in it, whose
//! JSON messages say which crates compiled and the first errors of those that did not.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::fixtures::THROWAWAY_PROFILE;

/// What the check found, by service (the crate's folder name).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub compiled: BTreeSet<String>,
    /// The error count and the first error's lines.
    pub failed: BTreeMap<String, String>,
}

/// The workspace manifest listing `members` (this run's crates only, so folders left by an
/// earlier run with other services are not built), and the project's lock file.
pub fn write_workspace(root: &Path, out: &Path, members: &[&str]) -> Result<(), String> {
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n{THROWAWAY_PROFILE}", list.join(", "));
    write_if_changed(&out.join("Cargo.toml"), &manifest)?;
    // The versions already tested, and offline builds.
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write_if_changed(&out.join("Cargo.lock"), &lock)
}

/// `cargo clippy --workspace --keep-going` with warnings denied, the compiler's and
/// clippy's (default features: every operation and the default transport). Clippy costs
/// little more than `cargo check` and holds generated code to the standard of the
/// committed crates. Cargo's progress goes to stderr as usual.
pub fn check(out: &Path, members: &[&str]) -> Result<Outcome, String> {
    let mut child = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["clippy", "--workspace", "--keep-going", "--offline", "--message-format", "json"])
        .args(["--", "-D", "warnings"])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = child.stdout.take().expect("piped");
    let mut messages = Messages::default();
    for line in std::io::BufReader::new(stdout).lines() {
        messages.read(&line.map_err(|e| format!("cargo's output: {e}"))?);
    }
    child.wait().map_err(|e| format!("cargo: {e}"))?;
    Ok(messages.outcome(members))
}

/// Cargo's JSON messages, gathered per crate folder.
#[derive(Debug, Default)]
pub struct Messages {
    artifacts: BTreeSet<String>,
    errors: BTreeMap<String, Vec<String>>,
}

impl Messages {
    /// Takes one line of `--message-format json` output; other lines are ignored.
    pub fn read(&mut self, line: &str) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { return };
        let Some(folder) = message["manifest_path"].as_str().and_then(crate_folder) else { return };
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                self.artifacts.insert(folder);
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let text = message["message"]["rendered"].as_str().unwrap_or_default();
                // rustc's closing summary repeats the count.
                if !text.starts_with("error: aborting due to") {
                    self.errors.entry(folder).or_default().push(text.trim_end().to_owned());
                }
            }
            _ => {}
        }
    }

    /// Each member compiled (an artifact and no error) or failed (its first error, or why not).
    pub fn outcome(&self, members: &[&str]) -> Outcome {
        let mut out = Outcome::default();
        for &member in members {
            match self.errors.get(member) {
                Some(errors) => {
                    let first = errors[0].lines().take(6).collect::<Vec<_>>().join("\n");
                    let count =
                        if errors.len() == 1 { "1 error".to_owned() } else { format!("{} errors", errors.len()) };
                    out.failed.insert(member.to_owned(), format!("{count}, the first: {first}"));
                }
                None if self.artifacts.contains(member) => {
                    out.compiled.insert(member.to_owned());
                }
                None => {
                    let why = "not checked: a dependency failed (see cargo's output)";
                    out.failed.insert(member.to_owned(), why.to_owned());
                }
            }
        }
        out
    }
}

/// The folder holding a crate's `Cargo.toml`: a scale crate's service name.
fn crate_folder(manifest: &str) -> Option<String> {
    let folder = Path::new(manifest).parent()?.file_name()?;
    Some(folder.to_string_lossy().into_owned())
}

pub fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
