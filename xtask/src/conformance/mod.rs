//! `cargo xtask conformance [--dir PATH]`: runs botocore's awsJson protocol
//! suites against clients generated from each group's model, the AWS SigV4
//! test suite against the generated runtime's signer (`sigv4.rs`), and
//! botocore's endpoint tests against the resolver compiled from the project's
//! model (`endpoints.rs`); once those pass, botocore's endpoint tests of
//! every awsJson service (`endpoint_tests.rs`, also `cargo xtask endpoint-tests`).
//!
//! Every group becomes a client crate generated through the same path as the
//! real model, and every case a Rust test in one crate that depends on them
//! all. Prints one line per suite and a total; fails on any failure.

mod cases;
pub mod endpoint_tests;
mod endpoints;
mod sigv4;
mod suites;
mod values;
mod workspace;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where the cases left out on purpose are listed, each with its reason.
pub const EXCLUSIONS: &str = "tests/conformance/exclusions.json";

const USAGE: &str = "usage: cargo xtask conformance [--dir PATH] [--out PATH]
  --dir PATH   the conformance data (default: $CONFORMANCE_DIR), holding botocore/protocols/,
               botocore/aws4_testsuite/ and botocore/endpoint-rules/
  --out PATH   where the generated clients and cases are built (default: target/conformance)
  --exclusions PATH   the cases left out, with reasons (default: tests/conformance/exclusions.json)
  --no-transports     build the clients without their transport features (the cases record requests)";

pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let mut dir = None;
    let mut out = root.join("target/conformance");
    let mut exclusions = root.join(EXCLUSIONS);
    let mut transports = true;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--dir" => dir = Some(PathBuf::from(it.next().ok_or(USAGE)?)),
            "--out" => out = PathBuf::from(it.next().ok_or(USAGE)?),
            "--exclusions" => exclusions = PathBuf::from(it.next().ok_or(USAGE)?),
            "--no-transports" => transports = false,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let dir = conformance_dir(dir)?;
    let start = Instant::now();
    let exclusions = suites::load_exclusions(&exclusions)?;
    let plan = workspace::generate(&dir, &exclusions, &out, root, transports)?;
    let total: usize = plan.suites.iter().map(|s| s.cases.len()).sum();
    println!(
        "conformance: {total} cases in {} groups from {}; clients generated in {} ms under {}",
        plan.groups,
        dir.display(),
        start.elapsed().as_millis(),
        out.display()
    );
    println!("conformance: building every client with warnings denied, then running the cases");
    let stdout = workspace::run_tests(&out)?;
    let outcomes = outcomes(&stdout)?;
    if outcomes.len() != total {
        return Err(format!("the cases crate ran {} tests, the plan has {total}", outcomes.len()));
    }
    let mut passed_total = 0;
    let mut failed_total = 0;
    let mut lines = Vec::new();
    for suite in &plan.suites {
        let passed = suite.cases.iter().filter(|(path, _)| outcomes.get(path.as_str()) == Some(&true)).count();
        let failed = suite.cases.len() - passed;
        for (path, id) in &suite.cases {
            if outcomes.get(path.as_str()) != Some(&true) {
                lines.push(format!("FAILED {}: {id} (test {path})", suite.name));
            }
        }
        passed_total += passed;
        failed_total += failed;
        lines.push(format!("{}: {passed} passed, {failed} failed, {} excluded", suite.name, suite.excluded));
    }
    if failed_total > 0 {
        print_failures(&stdout);
    }
    for line in lines {
        println!("{line}");
    }
    println!("{passed_total} passed, {failed_total} failed");
    if failed_total > 0 {
        return Err(format!("{failed_total} conformance cases failed"));
    }
    // Then every awsJson service's endpoint tests, in a crate of their own.
    endpoint_tests::run_in(&dir, root, &out.join("endpoint-tests"), false)
}

/// `--dir PATH`, else `CONFORMANCE_DIR`; a folder that is named but missing
/// is an error rather than an empty, passing run.
pub(crate) fn conformance_dir(dir: Option<PathBuf>) -> Result<PathBuf, String> {
    let dir = match dir {
        Some(dir) => dir,
        None => std::env::var_os("CONFORMANCE_DIR").map(PathBuf::from).ok_or(
            "no conformance data: pass --dir PATH or set CONFORMANCE_DIR (the folder holding botocore/protocols/)",
        )?,
    };
    if !dir.join("botocore/protocols").is_dir() {
        return Err(format!(
            "conformance folder `{}` has no botocore/protocols/ (check --dir or CONFORMANCE_DIR)",
            dir.display()
        ));
    }
    Ok(dir)
}

/// Test path -> passed, from libtest's `test PATH ... ok|FAILED` lines, read
/// only before the failure details (whose panic messages could hold
/// anything). A test reported twice is an error.
fn outcomes(stdout: &str) -> Result<BTreeMap<&str, bool>, String> {
    let results = stdout.split("\nfailures:\n").next().unwrap_or_default();
    let mut map = BTreeMap::new();
    for (path, result) in
        results.lines().filter_map(|line| line.strip_prefix("test ")).filter_map(|rest| rest.rsplit_once(" ... "))
    {
        if map.insert(path, result == "ok").is_some() {
            return Err(format!("test `{path}` is reported twice"));
        }
    }
    Ok(map)
}

/// libtest's failure details: each failed case's panic message, which sits
/// between the first `failures:` line and the second (a list of names).
fn print_failures(stdout: &str) {
    let mut sections = stdout.split("\nfailures:\n");
    if let (Some(_), Some(details)) = (sections.next(), sections.next()) {
        println!("{}", details.trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_lines() {
        let out =
            "running 3 tests\ntest a::b ... ok\ntest a::c ... FAILED\ntest a::d ... ignored\n\ntest result: FAILED";
        let o = outcomes(out).unwrap();
        assert_eq!(o.get("a::b"), Some(&true));
        assert_eq!(o.get("a::c"), Some(&false));
        assert_eq!(o.get("a::d"), Some(&false));
        assert_eq!(o.len(), 3);
    }

    #[test]
    fn ignores_lines_in_failure_details() {
        let out = "test a::b ... FAILED\n\nfailures:\n\n---- a::b stdout ----\ntest a::b ... ok\n";
        assert_eq!(outcomes(out).unwrap().get("a::b"), Some(&false));
        assert!(outcomes("test a::b ... ok\ntest a::b ... ok\n").is_err());
    }
}
