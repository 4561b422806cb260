//! `cargo xtask models`: every service vendored in `model/` loads, and every one whose protocol
//! the generator serves (awsJson 1.0 and 1.1, restJson1, awsQuery; "JSON-protocol" below for short) lowers, endpoint rules included, except
//! those listed with their reason in `xtask/known-lowering-failures.json`. That list must stay
//! exact: a service that starts to lower must leave it, so progress shows.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use codegen::Selection;
use codegen::lower;
use codegen::model::endpoints::{Partitions, RuleSet};
use codegen::model::{PaginatorsModel, ServiceModel};
use codegen::source::{ServiceDir, load, service_dirs};

pub const KNOWN_FAILURES: &str = "xtask/known-lowering-failures.json";

/// What one service came to.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// A file did not load (message names it).
    NotLoaded(String),
    /// Loaded; not a protocol the generator serves yet.
    Other { protocol: String },
    /// A JSON-protocol service: lowered, or why not (the service with its paginators, and
    /// the endpoint rules, each reported).
    Json { protocol: String, errors: Vec<String>, skipped: Vec<codegen::ir::Skipped> },
}

#[derive(Debug, Default)]
pub struct Report {
    /// Services per protocol, botocore's names (`json 1.0`, `rest-json`, ...).
    pub protocols: BTreeMap<String, usize>,
    pub not_loaded: Vec<String>,
    /// JSON-protocol services that do not lower, with the generator's errors.
    pub not_lowered: BTreeMap<String, Vec<String>>,
    pub lowered: usize,
    /// Operations left out of lowered services, by reason: `service Operation`.
    pub skipped: BTreeMap<String, Vec<String>>,
}

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let model_dir = match args {
        [] => root.join("model"),
        [flag, dir] if flag == "--dir" => dir.into(),
        _ => return Err("usage: cargo xtask models [--dir MODEL_DIR]".to_owned()),
    };
    let start = Instant::now();
    let report = check(&model_dir)?;
    let known_path = root.join(KNOWN_FAILURES);
    let text = std::fs::read_to_string(&known_path).map_err(|e| format!("{KNOWN_FAILURES}: cannot read: {e}"))?;
    let known: BTreeMap<String, String> =
        serde_json::from_str(&text).map_err(|e| format!("{KNOWN_FAILURES}: not a map of service to reason: {e}"))?;
    let protocols: Vec<String> = report.protocols.iter().map(|(p, n)| format!("{p} {n}")).collect();
    println!("protocols: {}", protocols.join(", "));
    for (service, errors) in &report.not_lowered {
        for error in errors {
            println!("does not lower: {service}: {error}");
        }
    }
    // What the lowered services leave out, so the gaps are counted where they are seen.
    for (reason, ops) in &report.skipped {
        let services: std::collections::BTreeSet<&str> = ops.iter().filter_map(|op| op.split(' ').next()).collect();
        println!("skipped ({reason}): {} operations of {} services: {}", ops.len(), services.len(), ops.join(", "));
    }
    let json: usize = report.lowered + report.not_lowered.len();
    println!(
        "{} services loaded, {} not; {json} of a served protocol (awsJson, restJson1, awsQuery): {} lowered, {} not ({} ms)",
        report.protocols.values().sum::<usize>(),
        report.not_loaded.len(),
        report.lowered,
        report.not_lowered.len(),
        start.elapsed().as_millis()
    );
    verdict(&report, &known)
}

/// Fails on any model that does not load, and on any difference between the services that do
/// not lower and those `known` lists.
fn verdict(report: &Report, known: &BTreeMap<String, String>) -> Result<(), String> {
    let mut problems: Vec<String> = report.not_loaded.clone();
    for service in report.not_lowered.keys().filter(|s| !known.contains_key(*s)) {
        problems.push(format!("{service} does not lower and is not in {KNOWN_FAILURES}"));
    }
    for service in known.keys().filter(|s| !report.not_lowered.contains_key(*s)) {
        problems.push(format!("{service} is in {KNOWN_FAILURES} but is not a JSON-protocol service that fails"));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

/// Loads every service of `model_dir` and lowers the JSON-protocol ones, on all cores.
pub fn check(model_dir: &Path) -> Result<Report, String> {
    let partitions: Partitions = load(&model_dir.join("partitions.json")).map_err(|e| e.to_string())?;
    let services = service_dirs(model_dir).map_err(|e| e.to_string())?;
    let next = AtomicUsize::new(0);
    let outcomes = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(dir) = services.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = check_service(dir, &partitions);
                    outcomes.lock().expect("no thread panics holding it").push((dir.service.clone(), outcome));
                }
            });
        }
    });
    let mut outcomes = outcomes.into_inner().expect("no thread panicked holding it");
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut report = Report::default();
    for (service, outcome) in outcomes {
        match outcome {
            Outcome::NotLoaded(e) => report.not_loaded.push(e),
            Outcome::Other { protocol } => *report.protocols.entry(protocol).or_default() += 1,
            Outcome::Json { protocol, errors, skipped } => {
                *report.protocols.entry(protocol).or_default() += 1;
                for op in skipped {
                    report.skipped.entry(op.reason).or_default().push(format!("{service} {}", op.wire_name));
                }
                if errors.is_empty() {
                    report.lowered += 1;
                } else {
                    report.not_lowered.insert(service, errors);
                }
            }
        }
    }
    Ok(report)
}

fn check_service(dir: &ServiceDir, partitions: &Partitions) -> Outcome {
    let loaded = (|| {
        let required = |name: &str| dir.file(name).ok_or_else(|| format!("{}: no {name}", dir.path.display()));
        let service: ServiceModel = load(&required("service-2.json")?).map_err(|e| e.to_string())?;
        let rules: RuleSet = load(&required("endpoint-rule-set-1.json")?).map_err(|e| e.to_string())?;
        let paginators: PaginatorsModel = match dir.file("paginators-1.json") {
            Some(path) => load(&path).map_err(|e| e.to_string())?,
            None => PaginatorsModel::default(),
        };
        Ok::<_, String>((service, rules, paginators))
    })();
    let (service, rules, paginators) = match loaded {
        Ok(files) => files,
        Err(e) => return Outcome::NotLoaded(e),
    };
    let meta = &service.metadata;
    // The generator's own choice: services that prefer another protocol but
    // also speak JSON count as JSON; restJson1 ones as `rest-json`, awsQuery ones as `query`.
    let protocol = match lower::protocol(&service) {
        Ok(codegen::ir::Protocol::RestJson1) => "rest-json".to_owned(),
        Ok(codegen::ir::Protocol::AwsQuery) => "query".to_owned(),
        Ok(_) => format!("json {}", meta.json_version.as_deref().unwrap_or("1.0")),
        Err(_) => {
            let first = meta.protocols.as_ref().and_then(|p| p.first()).unwrap_or(&meta.protocol);
            return Outcome::Other { protocol: first.clone() };
        }
    };
    // Lowering reports paginator problems without a file; name the one they come from.
    let file = |e: codegen::Error| {
        let name = if e.context.starts_with("paginator") { "paginators-1.json" } else { "service-2.json" };
        format!("{name}: {e}")
    };
    let lowered = lower::lower(&service, &paginators, &Selection::All).map_err(file);
    let skipped = lowered.as_ref().map(|ir| ir.skipped.clone()).unwrap_or_default();
    let lowered = lowered.map(drop);
    let rules = lower::endpoint_rules(&rules, Some(partitions));
    let rules = rules.map(drop).map_err(|e| format!("endpoint-rule-set-1.json: {e}"));
    let errors = [lowered, rules].into_iter().filter_map(Result::err).collect();
    Outcome::Json { protocol, errors, skipped }
}

#[cfg(test)]
mod tests;
