//! Emitters: one module per artefact of the generated crate, each a pure
//! function from the IR to a token stream. They never decide names (the IR
//! carries them) and never mutate anything.

mod blocking;
mod builders;
mod cargo;
mod client;
pub(crate) mod de;
mod endpoint_params;
mod endpoints;
mod errors;
mod example;
mod idempotency;
mod lib_rs;
mod operations;
mod paginators;
mod partitions;
pub(crate) mod query;
pub(crate) mod ser;
mod service_error;
mod text;
mod types;
pub(crate) mod util;
pub(crate) mod xml;

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

/// Emits one Rust file; `Send + Sync` so files render on several threads
/// (token streams cannot cross threads, so each thread runs its emitters).
pub type Emitter = Box<dyn Fn(&Service) -> TokenStream + Send + Sync>;

/// One file of the generated crate.
pub enum Artefact {
    /// Rust source: the emitter producing it, run (and formatted by
    /// [`crate::format`]) when the file is rendered.
    Rust(Emitter),
    /// Any other text, written as it is.
    Text(String),
}

/// The contents of the crate's `endpoint` module alone (`src/endpoint.rs`),
/// for a program that tests many services' resolvers in one crate. It names
/// `crate::runtime` (the runtime crate) and `crate::primitives::Document`.
pub fn endpoint_module(service: &Service) -> TokenStream {
    endpoints::emit(service)
}

fn rust(emitter: impl Fn(&Service) -> TokenStream + Send + Sync + 'static) -> Artefact {
    Artefact::Rust(Box::new(emitter))
}

/// Every file of the generated crate, by path relative to the crate root,
/// in a fixed order. Shapes other than operation inputs and outputs get a
/// file each under `src/types/` (and `src/ser/`, `src/de/` when they are
/// sent or received); each operation gets `src/operation/<op>.rs`.
pub fn emit(service: &Service, info: &CrateInfo) -> Vec<(String, Artefact)> {
    let mut files = vec![
        ("Cargo.toml".to_owned(), Artefact::Text(cargo::manifest(service, info))),
        ("src/lib.rs".to_owned(), rust(lib_rs::emit)),
        ("src/types.rs".to_owned(), rust(types::index)),
    ];
    let shared = || service.shapes.values().filter(|s| util::owner(service, &s.rust_name).is_none());
    let module = |dir: &str, name: &str| format!("src/{dir}/{}.rs", crate::naming::shape_module_name(name));
    for shape in shared() {
        let name = shape.rust_name.clone();
        files.push((module("types", &name), rust(move |service| types::file(service, &name))));
    }
    // The codec writes the shapes' serializer and deserializer modules; which
    // shapes get a file does not depend on it.
    type Index = fn(&Service) -> TokenStream;
    type File = fn(&Service, &str) -> TokenStream;
    let (ser_index, ser_file, de_index, de_file): (Index, File, Index, File) =
        match crate::protocol::codec(service.protocol) {
            crate::protocol::Codec::Json => (ser::index, ser::file, de::index, de::file),
            crate::protocol::Codec::Query => (query::index, query::file, xml::index, xml::file),
        };
    files.push(("src/ser.rs".to_owned(), rust(ser_index)));
    for shape in shared().filter(|s| ser::has_file(service, s)) {
        let name = shape.rust_name.clone();
        files.push((module("ser", &name), rust(move |service| ser_file(service, &name))));
    }
    files.push(("src/de.rs".to_owned(), rust(de_index)));
    for shape in shared().filter(|s| de::has_file(service, s)) {
        let name = shape.rust_name.clone();
        files.push((module("de", &name), rust(move |service| de_file(service, &name))));
    }
    files.push(("src/error.rs".to_owned(), rust(error_module)));
    files.push(("src/operation.rs".to_owned(), rust(operations::index)));
    for (index, op) in service.operations.iter().enumerate() {
        let path = format!("src/operation/{}.rs", op.module);
        files.push((path, rust(move |service| operations::file(service, &service.operations[index]))));
    }
    files.extend([
        ("src/paginator.rs".to_owned(), rust(paginators::emit)),
        ("src/client.rs".to_owned(), rust(client::emit)),
        ("src/blocking.rs".to_owned(), rust(blocking::emit)),
        ("src/endpoint.rs".to_owned(), rust(endpoints::emit)),
    ]);
    files.push(("README.md".to_owned(), Artefact::Text(text::readme(service, info))));
    files.push(("LICENSE".to_owned(), Artefact::Text(text::LICENSE.to_owned())));
    files.push(("NOTICE".to_owned(), Artefact::Text(text::notice(service, info))));
    for example in &info.examples {
        files.push((format!("examples/{}.rs", example.name), Artefact::Text(example.source.clone())));
    }
    files
}

/// `src/error.rs`: the exceptions' impls, the operation errors re-exported
/// (each is defined in its operation's module), then the service-wide `Error`.
fn error_module(service: &Service) -> TokenStream {
    let mut tokens = errors::emit(service);
    tokens.extend(service.operations.iter().map(|op| {
        let cfg = util::cfg(service, [&op.feature]);
        let error = util::in_operation(op, &op.error);
        quote::quote! {
            #cfg
            pub use #error;
        }
    }));
    tokens.extend(service_error::emit(service));
    tokens
}
