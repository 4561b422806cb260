//! `cargo xtask bench-graphs [--chain N] [--cycle N]`: times the generator on
//! two large model graphs built in memory, a chain of structures (`S0` holds
//! `S1`, ..., the last a string) and a cycle of them (the last holds `S0`, so
//! every link is boxed). Prints the time to lower and to render (lower, emit
//! and format) each; nothing is written. Run with `--release` for numbers that
//! mean anything.

use codegen::Selection;
use codegen::emit::CrateInfo;
use codegen::model::{PaginatorsModel, ServiceModel};
use serde_json::{Map, Value, json};
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask bench-graphs [--chain N] [--cycle N]   (defaults: 5000 and 2000)";

pub fn run(args: &[String]) -> Result<(), String> {
    let (mut chain, mut cycle) = (5000, 2000);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let target = match arg.as_str() {
            "--chain" => &mut chain,
            "--cycle" => &mut cycle,
            _ => return Err(USAGE.to_owned()),
        };
        *target = it.next().and_then(|n| n.parse().ok()).ok_or(USAGE)?;
    }
    measure(&format!("chain of {chain} structures"), &model(chain, false))?;
    measure(&format!("cycle of {cycle} structures"), &model(cycle, true))
}

/// `S0` .. `S{n-1}`, each with member `Next` holding the next one; the last
/// holds a string, or `S0` when `cycle`.
fn model(n: usize, cycle: bool) -> ServiceModel {
    let mut shapes: Map<String, Value> = (0..n)
        .map(|i| {
            let next = match i + 1 {
                next if next < n => format!("S{next}"),
                _ if cycle => "S0".to_owned(),
                _ => "Str".to_owned(),
            };
            (format!("S{i}"), json!({"type": "structure", "members": {"Next": {"shape": next}}}))
        })
        .collect();
    shapes.insert("Str".into(), json!({"type": "string"}));
    shapes.insert("GetInput".into(), json!({"type": "structure", "members": {"X": {"shape": "S0"}}}));
    shapes.insert("GetOutput".into(), json!({"type": "structure", "members": {"X": {"shape": "S0"}}}));
    serde_json::from_value(json!({
        "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T", "endpointPrefix": "t"},
        "operations": {"Get": {"name": "Get", "input": {"shape": "GetInput"}, "output": {"shape": "GetOutput"}}},
        "shapes": shapes,
    }))
    .expect("the benchmark model is well formed")
}

fn measure(what: &str, service: &ServiceModel) -> Result<(), String> {
    let paginators = PaginatorsModel::default();
    let info = CrateInfo { package: "bench".into(), version: "0.0.0".into(), ..CrateInfo::default() };
    let start = Instant::now();
    codegen::lower::lower(service, &paginators, &Selection::All).map_err(|e| e.to_string())?;
    let lowered = start.elapsed();
    let start = Instant::now();
    let rendered = codegen::render(service, &paginators, &Selection::All, &info).map_err(|e| e.to_string())?;
    let rendered_in = start.elapsed();
    let bytes: usize = rendered.files.iter().map(|(_, text)| text.len()).sum();
    println!(
        "{what}: {} shapes, {} KiB of source; lower {} ms, render {} ms",
        rendered.shapes,
        bytes / 1024,
        lowered.as_millis(),
        rendered_in.as_millis()
    );
    Ok(())
}
