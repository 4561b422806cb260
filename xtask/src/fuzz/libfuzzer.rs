//! Building the targets with cargo-fuzz and driving their libFuzzer binaries:
//! progress from libFuzzer's status lines, findings from its artifacts,
//! each reproduced once to name where it fails.

use super::{Limits, nightly_cargo};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often a progress line is printed.
const PROGRESS_EVERY: Duration = Duration::from_secs(5);
/// Findings reproduced to name them; more are counted, not classified.
const CLASSIFY_AT_MOST: usize = 200;

/// Findings by where they fail: the first one's message, and every input.
type Groups = BTreeMap<String, (String, Vec<PathBuf>)>;

pub struct Fuzzer {
    root: PathBuf,
    bin_dir: PathBuf,
}

/// What libFuzzer last said about a run.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Stats {
    pub executions: u64,
    pub exec_per_sec: u64,
    pub corpus: u64,
}

impl Stats {
    /// Reads a status line: `#4096\tNEW cov: .. corp: 30/2Kb exec/s: 1000 ..`, the
    /// fork mode's `#4096: cov: .. corp: 30 exec/s: 1000 ..`, or a final
    /// `stat::number_of_executed_units: N`. Other lines change nothing.
    pub fn update(&mut self, line: &str) {
        if let Some(n) = line.strip_prefix("stat::number_of_executed_units:") {
            self.executions = self.executions.max(n.trim().parse().unwrap_or(0));
            return;
        }
        let mut tokens = line.split_whitespace();
        let Some(first) = tokens.next().and_then(|t| t.strip_prefix('#')) else {
            return;
        };
        let Ok(executions) = first.trim_end_matches(':').parse::<u64>() else {
            return;
        };
        self.executions = self.executions.max(executions);
        while let Some(token) = tokens.next() {
            let number = |t: Option<&str>| t.and_then(|t| t.split('/').next()?.parse().ok());
            match token {
                "corp:" => self.corpus = number(tokens.next()).unwrap_or(self.corpus),
                "exec/s:" => self.exec_per_sec = number(tokens.next()).unwrap_or(self.exec_per_sec),
                _ => {}
            }
        }
    }
}

impl Fuzzer {
    /// Builds every target (release, debug assertions and overflow checks on).
    pub fn build(root: &Path) -> Result<Fuzzer, String> {
        let version = nightly_cargo().args(["fuzz", "--version"]).output();
        if !version.is_ok_and(|o| o.status.success()) {
            return Err("fuzzing needs cargo-fuzz on the nightly toolchain: \
                        `rustup toolchain install nightly --profile minimal && cargo install cargo-fuzz --locked`"
                .to_owned());
        }
        let target_dir = root.join("target/fuzz-build");
        let start = Instant::now();
        let status = nightly_cargo()
            .args(["fuzz", "build", "--sanitizer", "none", "--fuzz-dir"])
            .arg(root.join("tests/fuzz"))
            .arg("--target-dir")
            .arg(&target_dir)
            .current_dir(root)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err("building the fuzz targets failed".to_owned());
        }
        // cargo-fuzz builds for the host triple, in a folder named after it.
        let bin_dir = std::fs::read_dir(&target_dir)
            .map_err(|e| format!("{}: {e}", target_dir.display()))?
            .filter_map(|e| Some(e.ok()?.path().join("release")))
            .find(|dir| dir.join(super::TARGETS[0]).is_file())
            .ok_or_else(|| format!("no fuzz binaries under {}", target_dir.display()))?;
        println!("fuzz: targets built in {:.0} s", start.elapsed().as_secs_f64());
        Ok(Fuzzer { root: root.to_owned(), bin_dir })
    }

    fn binary(&self, target: &str, limits: &Limits) -> Command {
        let mut command = Command::new(self.bin_dir.join(target));
        command.args([
            format!("-timeout={}", limits.timeout_secs),
            format!("-rss_limit_mb={}", limits.rss_limit_mb),
            format!("-malloc_limit_mb={}", limits.malloc_limit_mb),
        ]);
        command.current_dir(&self.root);
        command
    }

    /// Runs one target for `seconds`; returns one line per distinct finding.
    pub fn fuzz(&self, target: &str, seconds: u64, seed: u64, limits: &Limits) -> Result<Vec<String>, String> {
        let dir = |p: &str| self.root.join(p).join(target);
        let (work, seeds, findings) =
            (dir("target/fuzz-corpus"), dir("tests/fuzz-corpus"), dir("target/fuzz-findings"));
        for d in [&work, &findings] {
            std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
        }
        let before = files(&findings);
        let log_path = self.root.join("target/fuzz-findings").join(format!("{target}.log"));
        let mut log = std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let mut command = self.binary(target, limits);
        // New inputs go to the first folder (under target/); the checked-in seeds are only read.
        command.arg(&work).arg(&seeds).args([
            format!("-max_total_time={seconds}"),
            format!("-seed={seed}"),
            format!("-artifact_prefix={}/", findings.display()),
            // Keep going after a finding, so one run reports all it meets.
            "-fork=1".into(),
            "-ignore_crashes=1".into(),
            "-ignore_timeouts=1".into(),
            "-ignore_ooms=1".into(),
            "-print_final_stats=1".into(),
        ]);
        let dict = self.root.join("tests/fuzz/dicts").join(format!("{target}.dict"));
        if dict.is_file() {
            command.arg(format!("-dict={}", dict.display()));
        }
        let start = Instant::now();
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run the {target} fuzzer: {e}"))?;
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().expect("piped");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut stats = Stats::default();
        let mut next_progress = start + PROGRESS_EVERY;
        // libFuzzer stops itself; this bounds a fuzzer that would not.
        let deadline = start + Duration::from_secs(seconds + 60);
        loop {
            match rx.recv_timeout(next_progress.saturating_duration_since(Instant::now())) {
                Ok(line) => {
                    stats.update(&line);
                    let _ = writeln!(log, "{line}");
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            if Instant::now() >= next_progress {
                let found = files(&findings).difference(&before).count();
                println!(
                    "fuzz {target}: {} execs, {} exec/s, corpus {}, {found} findings, {:.0} s",
                    stats.executions,
                    stats.exec_per_sec,
                    stats.corpus,
                    start.elapsed().as_secs_f64()
                );
                next_progress += PROGRESS_EVERY;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
            }
        }
        let _ = child.wait();
        let elapsed = start.elapsed().as_secs_f64();
        let new: Vec<PathBuf> = files(&findings).difference(&before).cloned().collect();
        let groups = self.classify(target, &new, limits);
        println!(
            "fuzz {target}: {} executions in {elapsed:.0} s, {} findings ({} inputs saved)",
            stats.executions,
            groups.len(),
            new.len()
        );
        let mut lines = Vec::new();
        for (place, (example, inputs)) in &groups {
            let first = inputs[0].strip_prefix(&self.root).unwrap_or(&inputs[0]).display().to_string();
            println!("  finding: {place} ({} input(s)); the first: {example}", inputs.len());
            println!("    saved: {first}\n    reproduce: cargo xtask fuzz {target} --reproduce {first}");
            lines.push(format!("{target}: {place}: cargo xtask fuzz {target} --reproduce {first}"));
        }
        if new.len() > CLASSIFY_AT_MOST {
            lines.push(format!("{target}: {} more inputs not classified", new.len() - CLASSIFY_AT_MOST));
        }
        if !new.is_empty() {
            println!("  libFuzzer's log: {}", log_path.strip_prefix(&self.root).unwrap_or(&log_path).display());
        }
        Ok(lines)
    }

    /// Groups findings by where they fail (found by running each once more),
    /// each group with the first one's message.
    fn classify(&self, target: &str, inputs: &[PathBuf], limits: &Limits) -> Groups {
        let mut groups = Groups::new();
        for input in inputs.iter().take(CLASSIFY_AT_MOST) {
            let (place, message) = match self.binary(target, limits).arg(input).output() {
                Ok(o) if o.status.success() => ("does not reproduce alone".to_owned(), String::new()),
                Ok(o) => match (signature(&String::from_utf8_lossy(&o.stderr)), killed_by(o.status)) {
                    // A stack overflow can kill the process before anything is printed.
                    ((place, message), Some(signal)) if place == "failed" => {
                        (format!("killed by signal {signal} (SIGSEGV is often a stack overflow)"), message)
                    }
                    (found, _) => found,
                },
                Err(e) => (format!("cannot run: {e}"), String::new()),
            };
            groups.entry(place).or_insert_with(|| (message, Vec::new())).1.push(input.clone());
        }
        groups
    }

    /// Runs one saved input again with the output shown; an error if it fails.
    pub fn reproduce(&self, target: &str, input: &Path, limits: &Limits) -> Result<(), String> {
        let status = self.binary(target, limits).arg(input).status().map_err(|e| format!("cannot run: {e}"))?;
        if status.success() {
            println!("{}: runs cleanly in {target}", input.display());
            Ok(())
        } else {
            let how = killed_by(status).map_or(String::new(), |signal| format!(", killed by signal {signal}"));
            Err(format!("{} fails in {target} (see above{how})", input.display()))
        }
    }
}

/// Where a failing run failed, and how: the panic's location and message,
/// or the kind of libFuzzer error (timeout, out of memory, deadly signal).
pub fn signature(stderr: &str) -> (String, String) {
    let lines: Vec<&str> = stderr.lines().collect();
    if let Some(i) = lines.iter().position(|l| l.contains("panicked at ")) {
        let at = lines[i].split("panicked at ").nth(1).unwrap_or_default().trim_end_matches(':');
        let message: String = lines.get(i + 1).unwrap_or(&"").chars().take(300).collect();
        return (format!("panic at {at}"), message);
    }
    for (needle, name) in [
        ("ERROR: libFuzzer: timeout", "timeout"),
        ("out-of-memory (malloc(", "allocation past the malloc limit"),
        ("ERROR: libFuzzer: out-of-memory", "out of memory (past the RSS limit)"),
        ("stack overflow", "stack overflow"),
        ("ERROR: libFuzzer: deadly signal", "deadly signal"),
    ] {
        if let Some(line) = lines.iter().find(|l| l.contains(needle)) {
            return (name.to_owned(), line.trim().to_owned());
        }
    }
    let last = lines.iter().rev().find(|l| !l.trim().is_empty()).unwrap_or(&"(no output)");
    ("failed".to_owned(), last.trim().to_owned())
}

#[cfg(unix)]
fn killed_by(status: std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn killed_by(_: std::process::ExitStatus) -> Option<i32> {
    None
}

fn files(dir: &Path) -> BTreeSet<PathBuf> {
    std::fs::read_dir(dir).map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_of_both_modes_give_progress() {
        let mut stats = Stats::default();
        stats.update("#2\tINITED cov: 38 ft: 39 corp: 1/1b exec/s: 0 rss: 30Mb");
        assert_eq!(stats, Stats { executions: 2, exec_per_sec: 0, corpus: 1 });
        stats.update(
            "#8192: cov: 200 ft: 300 corp: 30 exec/s: 1000 oom/timeout/crash: 0/0/1 time: 3s job: 2 dft_time: 0",
        );
        assert_eq!(stats, Stats { executions: 8192, exec_per_sec: 1000, corpus: 30 });
        stats.update("INFO: Seed: 7");
        stats.update("stat::number_of_executed_units: 9000");
        assert_eq!(stats.executions, 9000);
    }

    #[test]
    fn findings_are_named_by_panic_location_or_kind() {
        let panic = "thread '<unnamed>' panicked at src/runtime/json.rs:12:5:\nindex out of bounds\nnote: ...";
        let place = |stderr: &str| signature(stderr).0;
        assert_eq!(
            signature(panic),
            ("panic at src/runtime/json.rs:12:5".to_owned(), "index out of bounds".to_owned())
        );
        assert_eq!(place("==1== ERROR: libFuzzer: timeout after 10 seconds"), "timeout");
        assert_eq!(place("==1== ERROR: libFuzzer: out-of-memory (malloc(99999))"), "allocation past the malloc limit");
        assert_eq!(place("thread 'x' has overflowed its stack\nfatal runtime error: stack overflow"), "stack overflow");
        assert_eq!(signature("boom\n\n"), ("failed".to_owned(), "boom".to_owned()));
    }
}
