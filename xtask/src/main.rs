//! Project tasks: `cargo xtask codegen [--check]`, `cargo xtask conformance`, `cargo xtask endpoint-tests`,
//! `cargo xtask fixtures`,
//! `cargo xtask update-model --wheel PATH`, `cargo xtask models`, `cargo xtask bench`, `cargo xtask bench-build`,
//! `cargo xtask bench-graphs`, `cargo xtask fuzz`, `cargo xtask package`, `cargo xtask scale`.

mod bench;
mod bench_build;
mod bench_graphs;
mod conformance;
mod fixtures;
mod fuzz;
mod models;
mod package;
mod scale;
mod update_model;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// The generator builds and drops syntax trees and token streams by the million:
// glibc's allocator took a third of its cycles, mimalloc takes far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:
  cargo xtask codegen [--check] [--config PATH]   regenerate every crate in generated/ (or check they are up to date)
  cargo xtask conformance [--dir PATH]            run the awsJson protocol suites (default: $CONFORMANCE_DIR)
  cargo xtask endpoint-tests [--dir PATH] [--all]  run botocore's endpoint tests of every awsJson service (--help)
  cargo xtask fixtures [--lint]                  build and test every fixture model's crate (--help)
  cargo xtask update-model --wheel PATH           refresh model/ from a botocore wheel
  cargo xtask models [--dir PATH]                 load every vendored service, lower the awsJson and awsQuery ones
  cargo xtask scale [--sample N|--only a,b]       generate and check every awsJson and awsQuery service (--help)
  cargo xtask bench [--rounds N] [--quick]        time calls against aws-sdk-pinpointsmsvoicev2 (--help)
  cargo xtask bench-build [--only NAME] [--keep]  time clean builds of consumer crates (--help)
  cargo xtask bench-graphs [--chain N] [--cycle N]  time the generator on large structure graphs (use --release)
  cargo xtask package [--no-verify]               cargo package the runtime and every generated crate (--help)
  cargo xtask fuzz [TARGET...|--all] [--seconds N] [--seed S] [--reproduce FILE]   fuzz (needs nightly and cargo-fuzz)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some(cmd) if wants_help(&args[1..]) && !HAS_OWN_HELP.contains(&cmd) => brief_help(cmd),
        Some("codegen") => codegen(&args[1..]),
        Some("conformance") => conformance::run(&args[1..], &root()),
        Some("endpoint-tests") => conformance::endpoint_tests::run(&args[1..], &root()),
        Some("fixtures") => fixtures::run(&args[1..], &root()),
        Some("update-model") => update_model_cmd(&args[1..]),
        Some("models") => models::run(&args[1..], &root()),
        Some("bench") => bench::run(&args[1..], &root()),
        Some("bench-build") => bench_build::run(&args[1..], &root()),
        Some("bench-graphs") => bench_graphs::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..], &root()),
        Some("package") => package::run(&args[1..], &root()),
        Some("scale") => scale::run(&args[1..], &root()),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Commands that print a longer help of their own for `--help`.
const HAS_OWN_HELP: &[&str] =
    &["conformance", "endpoint-tests", "fixtures", "bench", "bench-build", "package", "scale"];

fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "-h" || a == "--help")
}

/// The command's lines of `USAGE`, for `cargo xtask CMD --help`.
fn brief_help(cmd: &str) -> Result<(), String> {
    let prefix = format!("  cargo xtask {cmd} ");
    let lines: Vec<&str> = USAGE.lines().filter(|l| l.starts_with(&prefix)).collect();
    if lines.is_empty() {
        return Err(format!("unknown command `{cmd}`\n{USAGE}"));
    }
    println!("usage:\n{}", lines.join("\n"));
    Ok(())
}

fn root() -> PathBuf {
    // xtask lives one level below the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask has a parent").to_path_buf()
}

fn codegen(args: &[String]) -> Result<(), String> {
    let mut check = false;
    let mut config_path = root().join("codegen.json");
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--config" => config_path = it.next().ok_or("--config needs a path")?.into(),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let start = Instant::now();
    let configs = codegen::config::Config::load_all(&config_path).map_err(|e| e.to_string())?;
    // Every service renders before anything is written: one bad model
    // leaves every output folder as it was.
    let rendered = configs
        .iter()
        .map(|config| codegen::render_config(config).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    if check {
        let mut stale = Vec::new();
        for (config, rendered) in configs.iter().zip(&rendered) {
            let out = &config.output;
            let files = codegen::write::stale_files(out, &rendered.files);
            stale.extend(files.iter().map(|f| format!("{}: {f}", out.display())));
        }
        if !stale.is_empty() {
            return Err(format!(
                "generated crates are stale; run `cargo xtask codegen` and commit the result:\n  {}",
                stale.join("\n  ")
            ));
        }
    } else {
        let crates: Vec<_> =
            configs.iter().zip(&rendered).map(|(c, r)| (c.output.as_path(), r.files.as_slice())).collect();
        codegen::write::write_crates(&crates).map_err(|e| e.to_string())?;
    }
    let sum = |f: fn(&codegen::Rendered) -> usize| rendered.iter().map(f).sum::<usize>();
    let mut protocols = std::collections::BTreeMap::<&str, usize>::new();
    for r in &rendered {
        *protocols.entry(r.protocol.name()).or_default() += 1;
    }
    let protocols: Vec<String> = protocols.iter().map(|(p, n)| format!("{p} {n}")).collect();
    println!(
        "{}: {} services, {} operations ({} skipped), {} shapes, {} files, {} ms; protocols: {}",
        if check { "up to date" } else { "generated" },
        rendered.len(),
        sum(|r| r.operations),
        sum(|r| r.skipped.len()),
        sum(|r| r.shapes),
        sum(|r| r.files.len()),
        start.elapsed().as_millis(),
        protocols.join(", ")
    );
    // Each operation left out is named, so nobody looks for it in the crate.
    for (config, rendered) in configs.iter().zip(&rendered) {
        for skipped in &rendered.skipped {
            println!("skipped: {} {} ({})", config.package, skipped.wire_name, skipped.reason);
        }
    }
    Ok(())
}

fn update_model_cmd(args: &[String]) -> Result<(), String> {
    let wheel = match args {
        [flag, path] if flag == "--wheel" => PathBuf::from(path),
        _ => return Err(format!("update-model needs --wheel PATH\n{USAGE}")),
    };
    let summary = update_model::run(&wheel, &root().join("model"))?;
    println!("{summary}");
    Ok(())
}
