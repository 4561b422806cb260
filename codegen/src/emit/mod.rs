//! Emitters: one module per artefact of the generated crate, each a pure
//! function from the IR to a token stream. They never decide names (the IR
//! carries them) and never mutate anything.

mod blocking;
mod builders;
mod cargo;
mod client;
mod de;
mod endpoint_params;
mod endpoints;
mod errors;
mod idempotency;
mod lib_rs;
mod operations;
mod paginators;
mod partitions;
mod ser;
mod service_error;
mod text;
mod types;
mod util;

pub use text::{LICENSE, REPOSITORY};

use crate::ir::Service;
use proc_macro2::TokenStream;

/// What the generated crate is called, and what it carries besides code.
#[derive(Debug, Clone)]
pub struct CrateInfo {
    /// Package name, such as `pinpoint-sms-voice-v2`.
    pub package: String,
    pub version: String,
    pub examples: Vec<Example>,
    /// The `path` of the `lean-aws-runtime` dependency in the manifest:
    /// relative to the crate's folder for committed crates, absolute for
    /// crates rendered elsewhere (the default: this checkout's runtime).
    pub runtime_path: String,
    /// The botocore release the model comes from, for `NOTICE`.
    pub botocore_version: Option<String>,
}

impl Default for CrateInfo {
    fn default() -> Self {
        CrateInfo {
            package: String::new(),
            version: String::new(),
            examples: Vec::new(),
            runtime_path: RUNTIME_DIR.to_owned(),
            botocore_version: None,
        }
    }
}

/// The runtime crate of this checkout, for crates rendered outside it.
pub const RUNTIME_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");

/// A hand-written example program, copied as it is.
#[derive(Debug, Clone)]
pub struct Example {
    pub name: String,
    pub source: String,
    pub required_features: Vec<String>,
}

/// One file of the generated crate.
pub enum Artefact {
    /// Rust source: the emitter producing it, run (and formatted by
    /// [`crate::format`]) when the file is rendered, so files can be rendered
    /// on several threads (token streams cannot cross threads).
    Rust(fn(&Service) -> TokenStream),
    /// Any other text, written as it is.
    Text(String),
}

/// The contents of the crate's `endpoint` module alone (`src/endpoint.rs`),
/// for a program that tests many services' resolvers in one crate. It names
/// `crate::runtime` (the runtime crate) and `crate::primitives::Document`.
pub fn endpoint_module(service: &Service) -> TokenStream {
    endpoints::emit(service)
}

/// Every file of the generated crate, by path relative to the crate root,
/// in a fixed order.
pub fn emit(service: &Service, info: &CrateInfo) -> Vec<(String, Artefact)> {
    let mut files = vec![
        ("Cargo.toml".to_owned(), Artefact::Text(cargo::manifest(service, info))),
        ("src/lib.rs".to_owned(), Artefact::Rust(lib_rs::emit)),
        ("src/types.rs".to_owned(), Artefact::Rust(types::emit)),
        ("src/builders.rs".to_owned(), Artefact::Rust(builders::emit)),
        ("src/ser.rs".to_owned(), Artefact::Rust(ser::emit)),
        ("src/de.rs".to_owned(), Artefact::Rust(de::emit)),
        ("src/error.rs".to_owned(), Artefact::Rust(error_module)),
        ("src/operation.rs".to_owned(), Artefact::Rust(operations::emit)),
        ("src/paginator.rs".to_owned(), Artefact::Rust(paginators::emit)),
        ("src/client.rs".to_owned(), Artefact::Rust(client::emit)),
        ("src/blocking.rs".to_owned(), Artefact::Rust(blocking::emit)),
        ("src/endpoint.rs".to_owned(), Artefact::Rust(endpoints::emit)),
    ];
    files.push(("README.md".to_owned(), Artefact::Text(text::readme(service, info))));
    files.push(("LICENSE".to_owned(), Artefact::Text(text::LICENSE.to_owned())));
    files.push(("NOTICE".to_owned(), Artefact::Text(text::notice(service, info))));
    for example in &info.examples {
        files.push((format!("examples/{}.rs", example.name), Artefact::Text(example.source.clone())));
    }
    files
}

/// `src/error.rs`: the operation errors, then the service-wide `Error`.
fn error_module(service: &Service) -> TokenStream {
    let mut tokens = errors::emit(service);
    tokens.extend(service_error::emit(service));
    tokens
}
