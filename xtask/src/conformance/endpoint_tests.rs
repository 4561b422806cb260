//! `cargo xtask endpoint-tests [--dir PATH] [--all]`: botocore's endpoint
//! tests (`botocore/endpoint-rules/SERVICE/endpoint-tests-1.json`) for every
//! service of `model/` whose protocol the generator serves (awsJson; with
//! `--all`, every service, since the resolver does not depend on the
//! protocol). Each service's rule set is compiled by the generator into its
//! `endpoint` module alone, all of them into one throwaway crate under
//! `target/endpoint-tests/` (one compile, warnings denied), whose runner
//! (`xtask/conformance/endpoint_runner.rs`) resolves every case and reports
//! it. Prints a line per service and the aggregate; fails on any failure,
//! on an exclusion that names no case or a case that passes, and when more
//! than 2% of the cases are excluded.

use super::suites::{Exclusion, load_exclusions};
use super::workspace::{format_rust, write_if_changed};
use codegen::ir::endpoints::{Param, ValueType};
use codegen::model::endpoints::{Partitions, RuleSet};
use codegen::model::{Metadata, PaginatorsModel, ServiceModel};
use codegen::source::{load, service_dirs};
use codegen::{Selection, lower};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The cases left out, each with its reason (suite `botocore/endpoint-rules/SERVICE`, case its documentation).
pub const EXCLUSIONS: &str = "tests/conformance/endpoint-exclusions.json";
const SUITE: &str = "botocore/endpoint-rules";
const RUNNER: &str = include_str!("../../conformance/endpoint_runner.rs");
const PACKAGE: &str = "endpoint-cases";
/// At most this share of the cases may be excluded.
const MAX_EXCLUDED_PERCENT: usize = 2;

const USAGE: &str = "usage: cargo xtask endpoint-tests [--dir PATH] [--out PATH] [--all]
  --dir PATH   the conformance data (default: $CONFORMANCE_DIR), holding botocore/endpoint-rules/
  --out PATH   where the throwaway crate is built (default: target/endpoint-tests)
  --all        every service of model/, not only those whose protocol the generator serves";

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let mut dir = None;
    let mut out = root.join("target/endpoint-tests");
    let mut all = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--dir" => dir = Some(it.next().ok_or(USAGE)?.into()),
            "--out" => out = it.next().ok_or(USAGE)?.into(),
            "--all" => all = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let dir = super::conformance_dir(dir)?;
    run_in(&dir, root, &out, all)
}

/// Renders, builds and runs the cases of `dir`'s endpoint tests.
pub fn run_in(dir: &Path, root: &Path, out: &Path, all: bool) -> Result<(), String> {
    let start = Instant::now();
    let tests_dir = dir.join(SUITE);
    let services = render(root, &tests_dir, out, all)?;
    let stdout = build_and_run(out, &tests_dir)?;
    let exclusions = load_exclusions(&root.join(EXCLUSIONS))?;
    let report = tally(&services, &stdout, &exclusions)?;
    for line in &report.lines {
        println!("{line}");
    }
    println!(
        "{SUITE}: {} passed, {} failed, {} excluded ({} services, {} ms)",
        report.passed,
        report.failed,
        report.excluded,
        services.len(),
        start.elapsed().as_millis()
    );
    verdict(&report)
}

/// A service whose cases run: its name and each case's documentation.
struct Service {
    name: String,
    cases: Vec<String>,
}

/// Writes the crate: one module per service with a test folder, a lib that
/// lists them, the runner and `main`.
fn render(root: &Path, tests_dir: &Path, out: &Path, all: bool) -> Result<Vec<Service>, String> {
    let model = root.join("model");
    let partitions: Partitions = load(&model.join("partitions.json")).map_err(|e| e.to_string())?;
    let mut services = Vec::new();
    let mut modules = Vec::new();
    for service_dir in service_dirs(&model).map_err(|e| e.to_string())? {
        let name = service_dir.service.clone();
        let tests = tests_dir.join(&name).join("endpoint-tests-1.json");
        if !tests.is_file() {
            continue;
        }
        let fail = |e: String| format!("{name}: {e}");
        let file = |f: &str| service_dir.file(f).ok_or_else(|| fail(format!("no {f}")));
        let model: ServiceModel = load(&file("service-2.json")?).map_err(|e| fail(e.to_string()))?;
        if !all && lower::protocol(&model).is_err() {
            continue;
        }
        let rules: RuleSet = load(&file("endpoint-rule-set-1.json")?).map_err(|e| fail(e.to_string()))?;
        // The resolver depends on no operation, nor on the protocol: with
        // `--all`, a service of another protocol is lowered as an awsJson
        // service without operations.
        let stub = ServiceModel {
            metadata: Metadata {
                protocol: "json".to_owned(),
                protocols: None,
                target_prefix: model.metadata.target_prefix.or(Some(String::new())),
                ..model.metadata
            },
            operations: BTreeMap::new(),
            shapes: BTreeMap::new(),
            documentation: None,
        };
        let mut ir = lower::lower(&stub, &PaginatorsModel::default(), &Selection::Only(Vec::new()))
            .map_err(|e| fail(e.to_string()))?;
        ir.endpoints = lower::endpoint_rules(&rules, Some(&partitions)).map_err(|e| fail(e.to_string()))?;
        let module = format_ident!("s_{}", name.replace('-', "_"));
        let tokens = service_module(&codegen::emit::endpoint_module(&ir), &ir.endpoints.params);
        write_if_changed(&out.join(format!("src/{module}.rs")), &format_rust(tokens)?)?;
        services.push(Service { name, cases: documentation(&tests)? });
        modules.push(module);
    }
    let names = services.iter().map(|s| s.name.as_str());
    let lib = quote! {
        //! Every service's endpoint resolver, generated by `cargo xtask endpoint-tests`.
        pub use ::lean_aws_runtime as runtime;
        /// What the resolvers' properties are made of, as in a service crate.
        pub mod primitives {
            pub use crate::runtime::document::{Document, Number};
        }
        pub mod support;
        #(pub mod #modules;)*
        /// Each service and its resolver.
        pub const SERVICES: &[(&str, support::Resolve)] = &[#((#names, #modules::resolve)),*];
    };
    write_if_changed(&out.join("src/lib.rs"), &format_rust(lib)?)?;
    write_if_changed(&out.join("src/support.rs"), RUNNER)?;
    write_if_changed(&out.join("src/main.rs"), MAIN)?;
    let runtime = root.join("codegen/runtime");
    write_if_changed(&out.join("Cargo.toml"), &manifest(&runtime))?;
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write_if_changed(&out.join("Cargo.lock"), &lock)?;
    let keep: BTreeSet<String> = modules.iter().map(|m| format!("{m}.rs")).chain(SOURCES.map(str::to_owned)).collect();
    for entry in std::fs::read_dir(out.join("src")).map_err(|e| e.to_string())?.flatten() {
        if !keep.contains(entry.file_name().to_string_lossy().as_ref()) {
            std::fs::remove_file(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    Ok(services)
}

const SOURCES: [&str; 3] = ["lib.rs", "support.rs", "main.rs"];

const MAIN: &str = "//! Written by `cargo xtask endpoint-tests`.
fn main() -> std::process::ExitCode {
    match endpoint_cases::support::run(endpoint_cases::SERVICES) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(\"error: {e}\");
            std::process::ExitCode::FAILURE
        }
    }
}
";

fn manifest(runtime: &Path) -> String {
    format!(
        "# Written by `cargo xtask endpoint-tests`; rebuilt on every run.
[package]
name = \"{PACKAGE}\"
version = \"0.0.0\"
edition = \"2024\"
publish = false

[dependencies]
lean-aws-runtime = {{ path = {:?} }}
serde_json = \"1\"

[workspace]

[profile.dev]
debug = false
",
        runtime.display().to_string()
    )
}

/// The cases' documentation, in file order.
fn documentation(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let cases = file["testCases"].as_array().ok_or_else(|| format!("{}: no testCases", path.display()))?;
    Ok(cases.iter().map(|c| c["documentation"].as_str().unwrap_or_default().to_owned()).collect())
}

/// The service's `endpoint` module and `resolve`, which sets `Params` from
/// a case's parameters by their rule-set names.
fn service_module(endpoint: &TokenStream, params: &[Param]) -> TokenStream {
    let arms = params.iter().map(|p| {
        let (wire, field) = (&p.wire_name, format_ident!("{}", p.rust_name));
        let (pattern, value) = match p.ty {
            ValueType::String => (quote!(Value::String(v)), quote!(v.clone())),
            ValueType::Bool => (quote!(Value::Bool(v)), quote!(*v)),
            ValueType::StringArray => (quote!(Value::Array(v)), quote!(crate::support::strings(v)?)),
        };
        let value = if p.default.is_some() { value } else { quote!(Some(#value)) };
        quote!((#wire, #pattern) => params.#field = #value,)
    });
    quote! {
        pub mod endpoint {
            #endpoint
        }

        /// Resolves with the case's parameters set.
        pub fn resolve(
            case: &serde_json::Map<String, serde_json::Value>,
        ) -> Result<crate::support::Outcome, String> {
            #[allow(unused_imports)]
            use serde_json::Value;
            #[allow(unused_mut)]
            let mut params = endpoint::Params::default();
            for (key, value) in case {
                match (key.as_str(), value) {
                    #(#arms)*
                    (key, value) => return Err(format!("the rules have no parameter `{key}` taking `{value}`")),
                }
            }
            Ok(endpoint::resolve(&params).map(|e| crate::support::Resolved::new(&e)).map_err(|e| e.to_string()))
        }
    }
}

fn build_and_run(out: &Path, tests_dir: &Path) -> Result<String, String> {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    cmd.args(["run", "--quiet", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(out.join("target"))
        .arg("--")
        .arg(tests_dir)
        // The generated resolvers must compile without warnings.
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_TARGET_DIR")
        .stderr(std::process::Stdio::inherit());
    let output = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("the endpoint cases did not build or run to the end ({})", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[derive(Debug, Default)]
struct Report {
    lines: Vec<String>,
    passed: usize,
    failed: usize,
    excluded: usize,
    /// Problems with the exclusions themselves.
    stale: Vec<String>,
}

/// Counts the runner's lines per service, leaving out excluded cases (by
/// suite and documentation); every case must be reported exactly once.
fn tally(services: &[Service], stdout: &str, exclusions: &[Exclusion]) -> Result<Report, String> {
    let mut results: BTreeMap<(&str, usize), Result<(), &str>> = BTreeMap::new();
    for line in stdout.lines() {
        let mut fields = line.splitn(5, '\t');
        let (Some("case"), Some(service), Some(index), Some(status)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("the runner printed `{line}`, not a case line"));
        };
        let index: usize = index.parse().map_err(|_| format!("bad case index in `{line}`"))?;
        let result = if status == "ok" { Ok(()) } else { Err(fields.next().unwrap_or("(no reason)")) };
        if results.insert((service, index), result).is_some() {
            return Err(format!("case {index} of {service} is reported twice"));
        }
    }
    let mut report = Report::default();
    let mut used = BTreeSet::new();
    for service in services {
        let suite = format!("{SUITE}/{}", service.name);
        let (mut passed, mut failed, mut excluded) = (0, 0, 0);
        for (index, doc) in service.cases.iter().enumerate() {
            let result = results.remove(&(service.name.as_str(), index));
            let result = result.ok_or_else(|| format!("case {index} of {} was not run", service.name))?;
            if let Some(e) = exclusions.iter().find(|e| e.suite == suite && e.case == *doc) {
                used.insert((e.suite.as_str(), e.case.as_str()));
                excluded += 1;
                if result.is_ok() {
                    report.stale.push(format!("{suite}: `{doc}` is excluded ({}) but passes", e.reason));
                }
                continue;
            }
            match result {
                Ok(()) => passed += 1,
                Err(why) => {
                    failed += 1;
                    report.lines.push(format!("FAILED {suite} case {index}: {doc}: {why}"));
                }
            }
        }
        report.lines.push(format!("{suite}: {passed} passed, {failed} failed, {excluded} excluded"));
        (report.passed, report.failed, report.excluded) =
            (report.passed + passed, report.failed + failed, report.excluded + excluded);
    }
    if let Some(((service, index), _)) = results.into_iter().next() {
        return Err(format!("the runner reported case {index} of {service}, which is not planned"));
    }
    // Exclusions of services that did not run (another protocol, without `--all`) wait for them.
    let ran: BTreeSet<String> = services.iter().map(|s| format!("{SUITE}/{}", s.name)).collect();
    let unused = |e: &&Exclusion| ran.contains(&e.suite) && !used.contains(&(e.suite.as_str(), e.case.as_str()));
    for e in exclusions.iter().filter(unused) {
        report.stale.push(format!("exclusion of `{}` in `{}` names no case that ran", e.case, e.suite));
    }
    Ok(report)
}

fn verdict(report: &Report) -> Result<(), String> {
    let mut problems = report.stale.clone();
    let total = report.passed + report.failed + report.excluded;
    if report.excluded * 100 > total * MAX_EXCLUDED_PERCENT {
        problems.push(format!("{} of {total} cases are excluded, more than {MAX_EXCLUDED_PERCENT}%", report.excluded));
    }
    if report.failed > 0 {
        problems.push(format!("{} endpoint cases failed", report.failed));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exclusion(service: &str, case: &str) -> Exclusion {
        Exclusion { suite: format!("{SUITE}/{service}"), case: case.to_owned(), reason: "changed".to_owned() }
    }

    #[test]
    fn tallies_per_service_and_leaves_out_exclusions() {
        let services = vec![
            Service { name: "a".into(), cases: vec!["one".into(), "two".into(), "three".into()] },
            Service { name: "b".into(), cases: vec!["four".into()] },
        ];
        let out = "case\ta\t0\tok\ncase\ta\t1\tfail\turl: expected x\ncase\ta\t2\tfail\told\ncase\tb\t0\tok\n";
        let report = tally(&services, out, &[exclusion("a", "three")]).unwrap();
        assert_eq!((report.passed, report.failed, report.excluded), (2, 1, 1));
        assert!(report.lines.contains(&"FAILED botocore/endpoint-rules/a case 1: two: url: expected x".to_owned()));
        assert!(report.lines.contains(&"botocore/endpoint-rules/a: 1 passed, 1 failed, 1 excluded".to_owned()));
        assert!(report.stale.is_empty(), "{:?}", report.stale);
        assert_eq!(verdict(&report).unwrap_err(), "1 of 4 cases are excluded, more than 2%\n1 endpoint cases failed");
    }

    #[test]
    fn exclusions_must_name_failing_cases_and_every_case_must_run() {
        let services = vec![Service { name: "a".into(), cases: vec!["one".into(), "two".into()] }];
        let report =
            tally(&services, "case\ta\t0\tok\ncase\ta\t1\tok\n", &[exclusion("a", "one"), exclusion("a", "x")])
                .unwrap();
        assert_eq!(report.stale.len(), 2, "{:?}", report.stale);
        assert!(report.stale[0].contains("`one` is excluded (changed) but passes"));
        assert!(report.stale[1].contains("exclusion of `x`"));
        let elsewhere = tally(&services, "case\ta\t0\tok\ncase\ta\t1\tok\n", &[exclusion("b", "x")]).unwrap();
        assert!(elsewhere.stale.is_empty(), "{:?}", elsewhere.stale);
        assert!(tally(&services, "case\ta\t0\tok\n", &[]).unwrap_err().contains("case 1 of a was not run"));
        assert!(tally(&services, "case\ta\t0\tok\ncase\ta\t0\tok\n", &[]).unwrap_err().contains("twice"));
        assert!(tally(&services, "garbage\n", &[]).unwrap_err().contains("not a case line"));
    }
}
