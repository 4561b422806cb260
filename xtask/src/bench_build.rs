//! `cargo xtask bench-build`: clean debug builds of small consumer crates
//! (ours in several shapes, the official SDK with and without aws-config),
//! each in a fresh target folder, measured in CPU time of the whole cargo
//! process tree and in wall time, with their dependency counts.

mod consumers;

use crate::bench::{MANIFEST, cargo, lock_version, ours_version};
use consumers::{Consumer, SDK, SECOND, SECOND_SERVICE};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const USAGE: &str = "usage: cargo xtask bench-build [--only NAME] [--keep]
  Writes consumer crates into a temporary folder and times a clean debug build of
  each (fresh CARGO_TARGET_DIR; CPU = user + sys of the cargo process tree), counts
  their crates (distinct name and version in `cargo tree -e normal,build`, root not
  counted), prints a table and a last line
  `ratio: build_own=.. build_blocking=.. build_async=.. build_all=.. second_service=.. crates=..`
  (CPU time / the official crate with tokio; second_service: CPU seconds the second
  service adds to the blocking consumer; crates: ours blocking / official with tokio).
  Consumers: own, blocking, async, all, second, sdk, sdk-config.
  --only NAME   build only this consumer (ratios it cannot give print as n/a)
  --keep        keep the temporary folder and print where it is";

struct Measured {
    name: &'static str,
    what: &'static str,
    cpu: Duration,
    wall: Duration,
    crates: usize,
}

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let (mut only, mut keep) = (None, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--keep" => keep = true,
            "--only" => only = Some(it.next().ok_or(format!("--only needs a consumer name\n{USAGE}"))?.clone()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let bench_manifest = std::fs::read_to_string(root.join(MANIFEST)).map_err(|e| format!("{MANIFEST}: {e}"))?;
    let sdk = pinned_sdk(&bench_manifest).ok_or(format!("{MANIFEST} pins no aws-sdk-pinpointsmsvoicev2 version"))?;

    let dir =
        tempfile::Builder::new().prefix("bench-build-").tempdir().map_err(|e| format!("temporary folder: {e}"))?;
    let generated = root.join("generated");
    let all = consumers::all(&generated.join("pinpoint-sms-voice-v2"), &generated.join("sqs"), &sdk);
    let selected: Vec<&Consumer> = all.iter().filter(|c| only.as_deref().is_none_or(|o| o == c.name)).collect();
    if selected.is_empty() {
        let names: Vec<_> = all.iter().map(|c| c.name).collect();
        return Err(format!("no consumer named `{}`; there are: {}", only.unwrap_or_default(), names.join(", ")));
    }
    println!(
        "comparing {} with aws-sdk-pinpointsmsvoicev2 {sdk} (aws-config {})",
        ours_version(root),
        consumers::AWS_CONFIG
    );
    if selected.iter().any(|c| c.name == SECOND) {
        println!("second service: {SECOND_SERVICE}");
    }

    let mut results = Vec::new();
    for consumer in selected {
        results.push(measure(consumer, dir.path())?);
    }
    print_table(&results);
    if keep {
        println!("kept {}", dir.keep().display());
    }
    println!("{}", ratio_line(&results));
    Ok(())
}

/// The exact version `xtask/bench/Cargo.toml` pins the official crate to, so
/// both commands compare against the same release.
fn pinned_sdk(manifest: &str) -> Option<String> {
    let line = manifest.lines().find(|l| l.starts_with("aws-sdk-pinpointsmsvoicev2 "))?;
    let start = line.find("\"=")? + 2;
    let len = line[start..].find('"')?;
    Some(line[start..start + len].to_owned())
}

/// Writes the consumer, resolves and downloads its dependencies (not timed),
/// counts its crates, then times a clean build into a fresh target folder.
fn measure(consumer: &Consumer, dir: &Path) -> Result<Measured, String> {
    let crate_dir = dir.join(consumer.name);
    std::fs::create_dir_all(crate_dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(crate_dir.join("Cargo.toml"), consumer.manifest()).map_err(|e| e.to_string())?;
    std::fs::write(crate_dir.join("src/main.rs"), consumer.main_rs()).map_err(|e| e.to_string())?;
    let manifest = crate_dir.join("Cargo.toml");
    cargo_in(&manifest, &["fetch", "--quiet"])?;
    let tree = cargo_output(&manifest, &["tree", "-e", "normal,build", "--prefix", "none"])?;
    let crates = count_crates(&tree);

    println!("building {} ({}) ...", consumer.name, consumer.what);
    let target = dir.join(format!("target-{}", consumer.name));
    let before = children_cpu()?;
    let start = Instant::now();
    let status = cargo_command(&manifest)
        .args(["build", "--quiet"])
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let wall = start.elapsed();
    let cpu = children_cpu()?.saturating_sub(before);
    if !status.success() {
        return Err(format!("building the `{}` consumer failed", consumer.name));
    }
    // The big folders go as soon as they are measured: seven of them would
    // not fit comfortably on a small disk.
    let _ = std::fs::remove_dir_all(&target);
    let lock = std::fs::read_to_string(crate_dir.join("Cargo.lock")).unwrap_or_default();
    let sdk = lock_version(&lock, "aws-sdk-pinpointsmsvoicev2").map(|v| format!(", aws-sdk-pinpointsmsvoicev2 {v}"));
    println!(
        "  {:.1} s CPU, {:.1} s wall, {crates} crates{}",
        cpu.as_secs_f64(),
        wall.as_secs_f64(),
        sdk.unwrap_or_default()
    );
    Ok(Measured { name: consumer.name, what: consumer.what, cpu, wall, crates })
}

/// A cargo command on one consumer, without a compiler wrapper (a cache such
/// as sccache would make a clean build measure nothing).
fn cargo_command(manifest: &Path) -> Command {
    let mut command = Command::new(cargo());
    command.arg("--color=never");
    command.env_remove("RUSTC_WRAPPER").env_remove("CARGO_BUILD_RUSTC_WRAPPER");
    command.current_dir(manifest.parent().expect("a crate folder"));
    command
}

fn cargo_in(manifest: &Path, args: &[&str]) -> Result<(), String> {
    let status = cargo_command(manifest).args(args).status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`cargo {}` failed in {}", args.join(" "), manifest.display())) }
}

fn cargo_output(manifest: &Path, args: &[&str]) -> Result<String, String> {
    let output = cargo_command(manifest)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("`cargo {}` failed in {}", args.join(" "), manifest.display()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Distinct `name version` pairs in `cargo tree --prefix none` output, less
/// the root (its first line); repeats marked `(*)` count once.
fn count_crates(tree: &str) -> usize {
    let mut crates: Vec<(&str, &str)> = tree
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some((words.next()?, words.next()?))
        })
        .collect();
    crates.sort_unstable();
    crates.dedup();
    crates.len()
}

/// User plus system CPU time of this process's finished children, and of
/// theirs (the kernel adds a child's reaped children to it): the cargo tree.
/// Read from `/proc/self/stat`, so std is enough.
fn children_cpu() -> Result<Duration, String> {
    let stat = std::fs::read_to_string("/proc/self/stat").map_err(|e| format!("bench-build needs Linux /proc: {e}"))?;
    parse_children_cpu(&stat, clock_ticks()).ok_or_else(|| format!("unexpected /proc/self/stat: {stat}"))
}

/// Fields 16 and 17 (`cutime`, `cstime`), in clock ticks. The command name
/// (field 2) may hold spaces and parentheses, so fields are counted from the
/// last `)`.
fn parse_children_cpu(stat: &str, ticks_per_second: u64) -> Option<Duration> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // `after_name` starts at field 3.
    let cutime: u64 = fields.get(16 - 3)?.parse().ok()?;
    let cstime: u64 = fields.get(17 - 3)?.parse().ok()?;
    Some(Duration::from_secs_f64((cutime + cstime) as f64 / ticks_per_second as f64))
}

/// `getconf CLK_TCK`; Linux reports 100 everywhere in practice.
fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100)
}

fn print_table(results: &[Measured]) {
    let sdk = results.iter().find(|m| m.name == SDK);
    println!();
    println!("| consumer | what | CPU s | wall s | crates | CPU vs sdk |");
    println!("|---|---|---|---|---|---|");
    for m in results {
        let versus = sdk.map_or("n/a".to_owned(), |s| format!("{:.3}x", ratio(m.cpu, s.cpu)));
        println!(
            "| {} | {} | {:.1} | {:.1} | {} | {versus} |",
            m.name,
            m.what,
            m.cpu.as_secs_f64(),
            m.wall.as_secs_f64(),
            m.crates
        );
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

/// The last line; a number that needs a consumer that was not built is `n/a`.
fn ratio_line(results: &[Measured]) -> String {
    let get = |name: &str| results.iter().find(|m| m.name == name);
    let versus_sdk = |name: &str| match (get(name), get(SDK)) {
        (Some(m), Some(s)) => format!("{:.3}", ratio(m.cpu, s.cpu)),
        _ => "n/a".to_owned(),
    };
    let second = match (get(SECOND), get("blocking")) {
        (Some(with), Some(without)) => {
            format!("{:.1}", with.cpu.as_secs_f64() - without.cpu.as_secs_f64())
        }
        _ => "n/a".to_owned(),
    };
    let crates = match (get("blocking"), get(SDK)) {
        (Some(b), Some(s)) => format!("{:.2}", b.crates as f64 / s.crates as f64),
        _ => "n/a".to_owned(),
    };
    format!(
        "ratio: build_own={} build_blocking={} build_async={} build_all={} second_service={second} crates={crates}",
        versus_sdk("own"),
        versus_sdk("blocking"),
        versus_sdk("async"),
        versus_sdk("all")
    )
}

#[cfg(test)]
mod tests;
