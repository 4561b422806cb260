//! `cargo xtask scale`: every service whose protocol the generator serves (as `cargo xtask models`
//! finds them) generated from `model/` through `codegen::render_config`, as `cargo xtask
//! codegen` does (package = botocore's folder name, every operation), into one throwaway
//! workspace under `target/scale/`, then checked there with warnings denied. Prints the
//! generation time (the slowest services too), a line per failure and the totals. Services
//! that fail are compared with `xtask/known-scale-failures.json`, which must stay exact for
//! the services run, so only a new failure (or a fixed one) fails the command; each reason
//! starts with `generate:` or `check:`, the step that fails.

mod check;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use codegen::config::Config;
use codegen::model::ServiceModel;
use codegen::source::{ServiceDir, load, service_dirs};

pub const KNOWN_FAILURES: &str = "xtask/known-scale-failures.json";

const USAGE: &str =
    "usage: cargo xtask scale [--protocol P] [--sample N | --only a,b] [--no-check] [--timings] [--out PATH]
  Generates every service of model/ whose protocol the generator serves into one workspace and
  checks it (`cargo clippy --workspace`, warnings denied). Time the generation with
  the release build: `cargo run --release -p xtask -- scale`.
  --sample N  N services: the largest third by shape count, the rest spread evenly over
              the others (deterministic)
  --protocol P  only the services spoken in P: `awsJson` (1.0 and 1.1), `restJson1` or `awsQuery`
  --only a,b  these services (botocore folder names)
  --no-check  generate and write only
  --timings   also print the generator's time per phase, summed over its threads
  --out PATH  the workspace (default: target/scale)";

const MARKER: &str = "SCALE-WORKSPACE";

/// A service whose protocol the generator serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub dir: ServiceDir,
    /// Shapes in its model, the measure of size `--sample` uses.
    pub shapes: usize,
    /// The protocol the generator speaks to it (`ir::Protocol::name`).
    pub protocol: &'static str,
}

#[derive(Debug, Default)]
struct Options {
    sample: Option<usize>,
    only: Option<Vec<String>>,
    protocol: Option<String>,
    check: bool,
    timings: bool,
    out: Option<PathBuf>,
}

fn options(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options { check: true, ..Options::default() };
    let mut it = args.iter();
    let usage = |e: &str| format!("{e}\n{USAGE}");
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--sample" => {
                let n = it.next().and_then(|n| n.parse::<usize>().ok()).filter(|n| *n > 0);
                o.sample = Some(n.ok_or_else(|| usage("--sample needs a positive number"))?);
            }
            "--only" => {
                let list = it.next().ok_or_else(|| usage("--only needs service names"))?;
                o.only = Some(list.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect());
            }
            "--protocol" => match it.next().map(String::as_str) {
                Some(p @ ("awsJson" | "restJson1" | "awsQuery")) => o.protocol = Some(p.to_owned()),
                _ => return Err(usage("--protocol takes awsJson, restJson1 or awsQuery")),
            },
            "--no-check" => o.check = false,
            "--timings" => o.timings = true,
            "--out" => o.out = Some(PathBuf::from(it.next().ok_or_else(|| usage("--out needs a path"))?)),
            other => return Err(usage(&format!("unknown argument `{other}`"))),
        }
    }
    if o.sample.is_some() && o.only.is_some() {
        return Err(usage("--sample and --only exclude each other"));
    }
    Ok(Some(o))
}

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let Some(opts) = options(args)? else {
        println!("{USAGE}");
        return Ok(());
    };
    let model_dir = root.join("model");
    let out = opts.out.clone().unwrap_or_else(|| root.join("target/scale"));
    // Cargo runs inside `out`: a relative target folder would land below it.
    let out = std::path::absolute(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let known = known_failures(root)?;
    if opts.timings {
        codegen::timings::enable();
    }

    let start = Instant::now();
    let mut candidates = json_services(&model_dir)?;
    if let Some(p) = &opts.protocol {
        candidates.retain(|c| c.protocol.starts_with(p.as_str()));
    }
    let selected = select(&candidates, opts.sample, opts.only.as_deref())?;
    println!(
        "scale: {} of {} services of a served protocol (awsJson, restJson1, awsQuery) (found in {} ms)",
        selected.len(),
        candidates.len(),
        start.elapsed().as_millis()
    );

    if opts.sample.is_some() {
        let names: Vec<&str> = selected.iter().map(|c| c.dir.service.as_str()).collect();
        println!("sample: {}", names.join(", "));
    }
    claim(&out)?;
    let empty_paginators = out.join("empty-paginators-1.json");
    check::write_if_changed(&empty_paginators, "{\"pagination\": {}}\n")?;
    let configs =
        selected.iter().map(|c| config(root, &c.dir, &out, &empty_paginators)).collect::<Result<Vec<_>, _>>()?;
    let cpu_start = cpu_time();
    let codegen_start = Instant::now();
    let sizes: Vec<usize> = selected.iter().map(|c| c.shapes).collect();
    let generated = generate(&configs, &largest_first(&sizes))?;
    let codegen_time = codegen_start.elapsed();
    let cpu = match (cpu_start, cpu_time()) {
        (Some(a), Some(b)) => format!(", {} ms CPU", (b - a).as_millis()),
        _ => String::new(),
    };
    println!(
        "codegen (written as each is done): {} services in {} ms wall{cpu}",
        selected.len(),
        codegen_time.as_millis()
    );
    if opts.timings {
        let phases: Vec<String> =
            codegen::timings::totals().iter().map(|(p, t)| format!("{} {} ms", p.name(), t.as_millis())).collect();
        println!("phases (summed over threads; docs is part of lower): {}", phases.join(", "));
    }
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let mut members: Vec<&str> = Vec::new();
    let mut times: Vec<(Duration, String)> = Vec::new();
    for (config, (took, result)) in configs.iter().zip(generated) {
        times.push((took, config.package.clone()));
        match result {
            Ok(()) => members.push(&config.package),
            Err(e) => drop(failures.insert(config.package.clone(), format!("generate: {e}"))),
        }
    }
    times.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let slowest: Vec<String> = times.iter().take(5).map(|(t, n)| format!("{n} {} ms", t.as_millis())).collect();
    println!("slowest: {}", slowest.join(", "));

    check::write_workspace(root, &out, &members)?;
    println!("written to {}", out.display());
    let total_cpu = cpu_time().map_or_else(String::new, |t| format!(", {} ms CPU", t.as_millis()));
    println!("total: {} ms wall{total_cpu} (finding the services, codegen, writing)", start.elapsed().as_millis());

    let mut compiled = 0;
    if opts.check && !members.is_empty() {
        let check_start = Instant::now();
        let outcome = check::check(&out, &members)?;
        compiled = outcome.compiled.len();
        for (name, errors) in outcome.failed {
            failures.insert(name, format!("check: {errors}"));
        }
        println!("check: {} ms", check_start.elapsed().as_millis());
    }
    for (name, why) in &failures {
        let mut lines = why.lines();
        println!("failed: {name}: {}", lines.next().unwrap_or_default());
        for line in lines.take(4) {
            println!("    {line}");
        }
    }
    println!(
        "services: {} generated, {} compiled, {} failed{}",
        members.len(),
        compiled,
        failures.len(),
        if opts.check { "" } else { " (not checked: --no-check)" }
    );
    let run: Vec<&str> = selected.iter().map(|c| c.dir.service.as_str()).collect();
    // Without the check, a service known to fail to compile can only be judged on generating.
    verdict(&run, &failures, &known, opts.check)
}

/// Nothing, or why the service does not generate.
type Generated = codegen::Result<()>;

/// Indices of `sizes` from the largest to the smallest (ties in index order): started in that
/// order, the largest service (sagemaker takes about a seventh of the whole run) does not run
/// alone at the end while the other core idles.
pub fn largest_first(sizes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by(|a, b| sizes[*b].cmp(&sizes[*a]).then(a.cmp(b)));
    order
}

/// Renders the services, several at once (each also formats its files on all cores), so one
/// service's model loading and lowering overlap another's formatting; they start in `order`.
/// Each is written as soon as it is rendered (unless unchanged, so cargo does not check it
/// again), which overlaps the writing with the other services' rendering and holds one
/// service's text at a time. Results in `configs`' order, each with the time rendering took;
/// a write that fails fails the run.
fn generate(configs: &[Config], order: &[usize]) -> Result<Vec<(Duration, Generated)>, String> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    type Slot = Mutex<Option<(Duration, Generated, Result<(), String>)>>;
    let slots: Vec<Slot> = configs.iter().map(|_| Mutex::new(None)).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let config = &configs[index];
                    let started = Instant::now();
                    let result = codegen::render_config(config).map(|r| r.files);
                    let took = started.elapsed();
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    let what = match &result {
                        Ok(files) => format!("{} files", files.len()),
                        Err(_) => "does not generate".to_owned(),
                    };
                    eprintln!("[{n}/{}] {}: {what}, {} ms", configs.len(), config.package, took.as_millis());
                    let written = match &result {
                        Ok(files) if !codegen::write::stale_files(&config.output, files).is_empty() => {
                            codegen::write::write_all(&config.output, files).map_err(|e| e.to_string())
                        }
                        _ => Ok(()),
                    };
                    let outcome = (took, result.map(drop), written);
                    *slots[index].lock().expect("no thread panics holding it") = Some(outcome);
                }
            });
        }
    });
    let mut out = Vec::new();
    for slot in slots {
        let (took, result, written) = slot.into_inner().expect("no thread panicked").expect("every service ran");
        written?;
        out.push((took, result));
    }
    Ok(out)
}

/// This process's CPU time (user and system) so far, where `/proc` tells it (Linux): the
/// generator's cost, which the machine's other work does not change as it does wall time.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces), from the third on.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // In USER_HZ ticks, 1/100 s on x86 and ARM Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// The config `cargo xtask codegen` would read for this service, writing to `out/<service>`.
fn config(root: &Path, dir: &ServiceDir, out: &Path, empty_paginators: &Path) -> Result<Config, String> {
    let service = dir.file("service-2.json").ok_or_else(|| format!("{}: no service-2.json", dir.path.display()))?;
    Ok(Config {
        package: dir.service.clone(),
        version: "0.0.0".to_owned(),
        service,
        // Services without paginators get an empty file, as `models` lowers them.
        paginators: dir.file("paginators-1.json").unwrap_or_else(|| empty_paginators.to_owned()),
        endpoint_rules: dir.file("endpoint-rule-set-1.json"),
        partitions: Some(root.join("model/partitions.json")),
        output: out.join(&dir.service),
        runtime: root.join("codegen/runtime"),
        operations: vec!["*".to_owned()],
        examples: Vec::new(),
    })
}

/// What choosing the services needs of a model: its metadata and how many shapes it has.
/// Reading only that skips building the shapes and their docs, most of the model.
#[derive(serde::Deserialize)]
struct Probe {
    metadata: codegen::model::Metadata,
    #[serde(default)]
    shapes: Count,
}

/// The number of entries of a JSON object, whose values are skipped.
#[derive(Default)]
struct Count(usize);

impl<'de> serde::Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of shapes")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// Every service of `model_dir` whose model names a protocol the generator serves, with its
/// size, in name order; loaded on all cores.
pub fn json_services(model_dir: &Path) -> Result<Vec<Candidate>, String> {
    let dirs = service_dirs(model_dir).map_err(|e| e.to_string())?;
    let next = AtomicUsize::new(0);
    let found = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(dir) = dirs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let Some(path) = dir.file("service-2.json") else { continue };
                    // A model that does not load is `cargo xtask models`' failure to report.
                    let Ok(probe) = load::<Probe>(&path) else { continue };
                    let model = ServiceModel {
                        metadata: probe.metadata,
                        operations: Default::default(),
                        shapes: Default::default(),
                        documentation: None,
                    };
                    if let Ok(protocol) = codegen::lower::protocol(&model) {
                        let candidate =
                            Candidate { dir: dir.clone(), shapes: probe.shapes.0, protocol: protocol.name() };
                        found.lock().expect("no thread panics holding it").push(candidate);
                    }
                }
            });
        }
    });
    let mut found = found.into_inner().expect("no thread panicked holding it");
    found.sort_by(|a, b| a.dir.service.cmp(&b.dir.service));
    Ok(found)
}

/// The services to run, in name order: all, `only` (each must be a candidate), or a sample of
/// `n`: the largest third by shape count (at least one), then the others spread evenly by size,
/// so small, middling and large models are all there.
pub fn select(
    candidates: &[Candidate],
    sample: Option<usize>,
    only: Option<&[String]>,
) -> Result<Vec<Candidate>, String> {
    if let Some(names) = only {
        let mut out = Vec::new();
        for name in names {
            let c = candidates.iter().find(|c| &c.dir.service == name);
            out.push(
                c.ok_or_else(|| {
                    format!("`{name}` is not a service of a served protocol (awsJson, restJson1, awsQuery) in model/")
                })?
                .clone(),
            );
        }
        out.sort_by(|a, b| a.dir.service.cmp(&b.dir.service));
        out.dedup();
        return Ok(out);
    }
    let Some(n) = sample.filter(|n| *n < candidates.len()) else { return Ok(candidates.to_vec()) };
    let mut by_size: Vec<&Candidate> = candidates.iter().collect();
    by_size.sort_by(|a, b| b.shapes.cmp(&a.shapes).then_with(|| a.dir.service.cmp(&b.dir.service)));
    let largest = n.div_ceil(3);
    let (top, rest) = by_size.split_at(largest);
    let spread = n - largest;
    let mut out: Vec<Candidate> = top.iter().map(|c| (*c).clone()).collect();
    // The middle of each of `spread` equal slices of `rest`.
    out.extend((0..spread).map(|i| rest[(i * rest.len() + rest.len() / 2) / spread.max(1)].clone()));
    out.sort_by(|a, b| a.dir.service.cmp(&b.dir.service));
    Ok(out)
}

fn known_failures(root: &Path) -> Result<BTreeMap<String, String>, String> {
    let path = root.join(KNOWN_FAILURES);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{KNOWN_FAILURES}: cannot read: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{KNOWN_FAILURES}: not a map of service to reason: {e}"))
}

/// Fails on a service of this run that failed and is not listed, and on a listed service of
/// this run that did not fail (when `checked`; else only listed generation failures count).
fn verdict(
    run: &[&str],
    failures: &BTreeMap<String, String>,
    known: &BTreeMap<String, String>,
    checked: bool,
) -> Result<(), String> {
    let mut problems = Vec::new();
    for service in failures.keys().filter(|s| !known.contains_key(*s)) {
        problems.push(format!("{service} fails and is not in {KNOWN_FAILURES}"));
    }
    for (service, why) in known.iter().filter(|(s, _)| run.contains(&s.as_str())) {
        let expected = checked || why.starts_with("generate:");
        if expected && !failures.contains_key(service) {
            problems.push(format!("{service} is in {KNOWN_FAILURES} but did not fail"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

/// Refuses a folder that holds anything but an earlier scale workspace, since a run replaces
/// what it writes there.
fn claim(out: &Path) -> Result<(), String> {
    let empty = std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_none());
    if !empty && !out.join(MARKER).exists() {
        return Err(format!(
            "{} is not empty and was not made by `cargo xtask scale`; pick another --out",
            out.display()
        ));
    }
    check::write_if_changed(&out.join(MARKER), "This folder is rebuilt by `cargo xtask scale`.\n")
}

#[cfg(test)]
mod tests;
