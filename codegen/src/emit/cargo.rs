//! `Cargo.toml` of the generated crate.

use super::CrateInfo;
use crate::ir::Service;

pub(crate) fn manifest(service: &Service, info: &CrateInfo) -> String {
    // Every crate declares both transports, so the shared runtime's cfgs are
    // always known; the async one is on by default so `Config::builder()`
    // works out of the box.
    let mut default = vec!["all-operations", "default-https-client"];
    // Only crates with an operation that accepts compressed bodies carry the
    // compression dependency; the runtime compiles without it either way.
    let (compression_feature, compression_dep) = if service.uses_request_compression() {
        default.push("request-compression");
        (
            concat!(
                "# Gzip large request bodies of operations that accept it (flate2, pure Rust).\n",
                r#"request-compression = ["dep:flate2"]"#,
                "\n",
            ),
            concat!(
                r#"flate2 = { version = "1", optional = true, default-features = false, features = ["rust_backend"] }"#,
                "\n",
            ),
        )
    } else {
        ("", "")
    };
    let quoted = |names: &mut dyn Iterator<Item = &str>| names.map(|n| format!("\"{n}\"")).collect::<Vec<_>>();
    let all: Vec<String> = quoted(&mut service.operations.iter().map(|op| op.feature.as_str()));
    // Each operation enables the shared features of the sets it belongs to.
    let each: String = service
        .operations
        .iter()
        .map(|op| {
            let mut names: Vec<&String> = service
                .shared_features
                .iter()
                .filter(|(set, _)| set.contains(&op.feature))
                .map(|(_, name)| name)
                .collect();
            names.sort();
            let shared: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
            format!("{} = [{}]\n", op.feature, shared.join(", "))
        })
        .collect();
    let mut shared_names: Vec<&String> = service.shared_features.values().collect();
    shared_names.sort();
    let shared: String = shared_names.iter().map(|name| format!("{name} = []\n")).collect();
    // A manifest is data, not Rust: a fixed template is the clearest form.
    format!(
        r#"[package]
name = "{package}"
version = "{version}"
edition = "2024"
rust-version = "1.85"
license = "Apache-2.0"
description = "A lean Rust client for {service}, generated from its botocore model."
publish = false

[lib]
name = "{lib}"

[features]
default = [{default}]
{compression_feature}# The default async transport, used when no transport is set:
# hyper 1 (HTTP/1.1) over rustls with the ring provider and webpki-roots, on
# tokio (calls must run inside a tokio runtime). Off: plug your own Transport.
default-https-client = ["dep:bytes", "dep:http-body-util", "dep:hyper", "dep:hyper-rustls", "dep:hyper-util", "dep:rustls", "dep:tokio", "dep:tower-service"]
# The blocking client (`blocking::Client`) and its default transport: ureq 3
# over rustls with the ring provider and webpki-roots; no async runtime.
blocking = ["dep:ureq"]
# Derive serde::Serialize and serde::Deserialize for every type, with the
# model's member names, so inputs can be read from JSON as boto3 dicts are.
serde = ["dep:serde"]
# Every operation. Each operation also has a feature of its own (kebab-case
# name) that compiles it and exactly the types it uses, and nothing else:
# `default-features = false, features = ["describe-phone-numbers"]`.
all-operations = [
    {all}
]
{each}
# Internal: each stands for a set of operations sharing generated items, and
# is enabled by those operations' features. Not meant to be enabled directly.
{shared}
{examples}[dependencies]
bytes = {{ version = "1", optional = true }}
{compression_dep}http = "1"
http-body-util = {{ version = "0.1", optional = true }}
hyper = {{ version = "1", optional = true, default-features = false, features = ["client", "http1"] }}
hyper-rustls = {{ version = "0.27", optional = true, default-features = false, features = ["http1", "ring", "tls12", "webpki-roots"] }}
hyper-util = {{ version = "0.1", optional = true, default-features = false, features = ["client-legacy", "http1", "tokio"] }}
rustls = {{ version = "0.23", optional = true, default-features = false, features = ["ring", "std", "tls12"] }}
serde = {{ version = "1", features = ["derive"], optional = true }}
tokio = {{ version = "1", optional = true, default-features = false, features = ["rt", "time"] }}
# Already in hyper-util's tree; named to wrap its connector (time bounds).
tower-service = {{ version = "0.3", optional = true }}
# 3.5 for the per-read and per-write time-outs.
ureq = {{ version = "3.5", optional = true, default-features = false, features = ["rustls"] }}
"#,
        package = info.package,
        version = info.version,
        service = toml_escape(&service.full_name),
        lib = info.package.replace('-', "_"),
        default = quoted(&mut default.into_iter()).join(", "),
        examples = examples(info),
        all = all.join(",\n    "),
    )
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
