//! `Cargo.toml` of the generated crate.

use super::CrateInfo;
use crate::ir::Service;
use std::collections::BTreeSet;

pub(crate) fn manifest(service: &Service, info: &CrateInfo) -> String {
    // Every crate declares both transports, forwarded to the runtime crate;
    // the async one is on by default so `Config::builder()` works out of the box.
    let mut default = vec!["all-operations", "default-https-client"];
    // Only crates with an operation that accepts compressed bodies turn on
    // the runtime's compression; the runtime compiles without it either way.
    let compression_feature = if service.uses_request_compression() {
        default.push("request-compression");
        concat!(
            "# Gzip large request bodies of operations that accept it (flate2, pure Rust).\n",
            r#"request-compression = ["lean-aws-runtime/request-compression"]"#,
            "\n",
        )
    } else {
        ""
    };
    let quoted = |names: &mut dyn Iterator<Item = &str>| names.map(|n| format!("\"{n}\"")).collect::<Vec<_>>();
    // Operations grouped by resource share one feature: declared once.
    let features: BTreeSet<&str> = service.operations.iter().map(|op| op.feature.as_str()).collect();
    let all: Vec<String> = quoted(&mut features.iter().copied());
    // Each operation enables the shared features of the sets it belongs to.
    let each: String = features
        .iter()
        .map(|feature| {
            let mut names: Vec<&String> = service
                .shared_features
                .iter()
                .filter(|(set, _)| set.iter().any(|f| f == feature))
                .map(|(_, name)| name)
                .collect();
            names.sort();
            let shared: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
            format!("{feature} = [{}]\n", shared.join(", "))
        })
        .collect();
    let mut shared_names: Vec<&String> = service.shared_features.values().collect();
    shared_names.sort();
    let shared: String = shared_names.iter().map(|name| format!("{name} = []\n")).collect();
    let example_feature = super::example::operation(service).map_or("operation-name", |op| op.feature.as_str());
    // A manifest is data, not Rust: a fixed template is the clearest form.
    format!(
        r#"[package]
name = "{package}"
version = "{version}"
edition = "2024"
rust-version = "1.85"
license = "Apache-2.0"
description = "A lean Rust client for {service}, generated from its botocore model."
repository = "{repository}"
documentation = "https://docs.rs/{package}"
readme = "README.md"
keywords = [{keywords}]
categories = ["api-bindings", "web-programming::http-client"]
# What users need: the code, the examples the manifest names, the notices.
include = ["/Cargo.toml", "/src/", "/examples/", "/README.md", "/LICENSE", "/NOTICE"]

[package.metadata.docs.rs]
all-features = true

[lib]
name = "{lib}"

[features]
default = [{default}]
{compression_feature}# The default async transport, used when no transport is set:
# hyper 1 (HTTP/1.1) over rustls with the ring provider and webpki-roots, on
# tokio (calls must run inside a tokio runtime). Off: plug your own Transport.
default-https-client = ["lean-aws-runtime/default-https-client"]
# The blocking client (`blocking::Client`) and its default transport: ureq 3
# over rustls with the ring provider and webpki-roots; no async runtime.
blocking = ["lean-aws-runtime/blocking"]
# Derive serde::Serialize and serde::Deserialize for every type, with the
# model's member names, so inputs can be read from JSON as boto3 dicts are.
serde = ["dep:serde", "lean-aws-runtime/serde"]
# `runtime::test_util`: a replay transport for your tests, which answers
# with queued responses and records the requests sent.
test-util = ["lean-aws-runtime/test-util"]
# Spans per call and per attempt through the `tracing` crate (service,
# operation, attempt, status, request id, retry decision and wait).
tracing = ["lean-aws-runtime/tracing"]
# Every operation. {each_has} that compiles it and exactly the types it uses, and nothing else:
# `default-features = false, features = ["{example_feature}"]`.
all-operations = [
    {all}
]
{each}
# Internal: each stands for a set of operations sharing generated items, and
# is enabled by those operations' features. Not meant to be enabled directly.
{shared}
{examples}[dependencies]
http = "1"
# Credentials, region, signing, transports and value types, shared with every
# other service crate in the program.
lean-aws-runtime = {{ version = "0.1.0", path = "{runtime_path}", default-features = false }}
serde = {{ version = "1", features = ["derive"], optional = true }}
{dev_dependencies}"#,
        each_has = if service.operations_grouped() {
            "Each operation also has the feature of its resource, shared with\n# the other operations on it (the service has too many operations for one\n# feature each),"
        } else {
            "Each operation also has a feature of its own (kebab-case\n# name)"
        },
        repository = super::REPOSITORY,
        keywords = keywords(service).iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", "),
        package = info.package,
        version = info.version,
        service = toml_escape(&service.full_name),
        lib = info.package.replace('-', "_"),
        default = quoted(&mut default.into_iter()).join(", "),
        examples = examples(info),
        all = all.join(",\n    "),
        runtime_path = toml_escape(&info.runtime_path),
        dev_dependencies = dev_dependencies(info),
    )
}

/// crates.io keywords (at most five, each at most 20 ASCII letters, digits,
/// `-` or `_`, starting with a letter): the common ones and the service's
/// endpoint prefix when it is a valid one.
fn keywords(service: &Service) -> Vec<String> {
    let mut out: Vec<String> = ["aws", "sdk", "client", "sans-io"].map(str::to_owned).to_vec();
    let prefix = service.endpoint_prefix.to_ascii_lowercase();
    let valid = prefix.len() <= 20
        && prefix.starts_with(|c: char| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid && !out.contains(&prefix) {
        out.push(prefix);
    }
    out
}

/// The examples run the async client on a tokio runtime of their own.
fn dev_dependencies(info: &CrateInfo) -> &'static str {
    if info.examples.is_empty() {
        return "";
    }
    "\n[dev-dependencies]\ntokio = { version = \"1\", default-features = false, features = [\"rt\"] }\n"
}

/// `[[example]]` entries, so that an example is only built with the features
/// it needs (and `--no-default-features` builds still pass).
fn examples(info: &CrateInfo) -> String {
    info.examples
        .iter()
        .map(|e| {
            let features: Vec<String> = e.required_features.iter().map(|f| format!("\"{f}\"")).collect();
            format!("[[example]]\nname = \"{}\"\nrequired-features = [{}]\n\n", e.name, features.join(", "))
        })
        .collect()
}

/// The text for inside a TOML basic string: the model's service name may hold
/// quotes, backslashes or control characters.
fn toml_escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            c if c.is_control() => format!("\\u{:04X}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}
