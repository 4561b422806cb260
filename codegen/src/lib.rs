//! The generator: botocore JSON model in, Rust client crate out.
//!
//! `model` (serde mirror) -> `lower` (to `ir`) -> `emit` (token streams per
//! artefact) -> `format` (prettyplease) -> `write` (all files or none).
//! See ARCHITECTURE.md at the repository root for the code map.

pub mod config;
pub mod docs;
pub mod emit;
pub mod error;
pub mod format;
pub mod ir;
pub mod lower;
pub mod model;
pub mod naming;
pub mod protocol;
pub mod source;
pub mod timings;
pub mod write;

pub use error::{Error, Result};
pub use lower::Selection;

use emit::{Artefact, CrateInfo};
use std::path::Path;

/// The generated crate as text, with a few counts for the summary line.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Paths relative to the crate root, in a fixed order.
    pub files: Vec<(String, String)>,
    pub operations: usize,
    pub shapes: usize,
    /// The protocol the client speaks (chosen from the model's list).
    pub protocol: ir::Protocol,
    /// The model's operations left out of the crate, with the reason.
    pub skipped: Vec<ir::Skipped>,
}

/// Parses a model file, naming the file in any error.
pub fn parse_json<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::new("", format!("malformed model: {e}")).in_file(path))
}

/// Renders the crate from models already in memory, with the classic
/// endpoint resolver (see [`render_config`] for a model's endpoint rules).
/// Pure: the same inputs always give the same bytes.
pub fn render(
    service: &model::ServiceModel,
    paginators: &model::PaginatorsModel,
    selection: &Selection,
    info: &CrateInfo,
) -> Result<Rendered> {
    let ir = lower::lower(service, paginators, selection)?;
    Ok(Rendered {
        files: render_ir(&ir, info)?,
        operations: ir.operations.len(),
        shapes: ir.shapes.len(),
        protocol: ir.protocol,
        skipped: ir.skipped.clone(),
    })
}

/// Renders the crate's files from an already lowered service, for callers
/// that also read the IR (the conformance runner). Rust files are emitted and
/// formatted on all cores; the result does not depend on the thread count.
pub fn render_ir(ir: &ir::Service, info: &CrateInfo) -> Result<Vec<(String, String)>> {
    let artefacts = emit::emit(ir, info);
    format::in_parallel(&artefacts, |path, artefact| match artefact {
        Artefact::Rust(emitter) => format::rust_emitted(path, || emitter(ir)),
        Artefact::Text(text) => Ok(text.clone()),
    })
}

/// Loads the files a config names and renders the crate.
pub fn render_config(config: &config::Config) -> Result<Rendered> {
    let service: model::ServiceModel = source::load(&config.service)?;
    let paginators: model::PaginatorsModel = source::load(&config.paginators)?;
    let lowered = timings::time(timings::Phase::Lower, || lower::lower(&service, &paginators, &config.selection()));
    let mut ir = lowered.map_err(|e| {
        // Paginator problems are reported by lowering without a file.
        let file = if e.context.starts_with("paginator") { &config.paginators } else { &config.service };
        e.in_file(file)
    })?;
    if let Some(rules_path) = &config.endpoint_rules {
        let rules: model::endpoints::RuleSet = source::load(rules_path)?;
        let partitions: Option<model::endpoints::Partitions> = match &config.partitions {
            Some(path) => Some(source::load(path)?),
            None => None,
        };
        let compiled = timings::time(timings::Phase::Lower, || lower::endpoint_rules(&rules, partitions.as_ref()));
        ir.endpoints = compiled.map_err(|e| {
            let file = match &config.partitions {
                Some(path) if e.context.starts_with("partition") => path,
                _ => rules_path,
            };
            e.in_file(file)
        })?;
    }
    let mut examples = Vec::new();
    for example in &config.examples {
        examples.push(emit::Example {
            name: example.name.clone(),
            source: source::read_text(&example.source)?,
            required_features: example.required_features.clone(),
        });
    }
    let info = CrateInfo {
        package: config.package.clone(),
        version: config.version.clone(),
        examples,
        runtime_path: config.runtime_path(),
        botocore_version: source::botocore_version(&config.service),
    };
    Ok(Rendered {
        files: render_ir(&ir, &info)?,
        operations: ir.operations.len(),
        shapes: ir.shapes.len(),
        protocol: ir.protocol,
        skipped: ir.skipped.clone(),
    })
}
