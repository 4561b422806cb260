//! `Cargo.toml` of the generated crate.

use super::CrateInfo;
use crate::ir::Service;

pub(crate) fn manifest(service: &Service, info: &CrateInfo) -> String {
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
default = []
# Derive serde::Serialize and serde::Deserialize for every type, with the
# model's member names, so inputs can be read from JSON as boto3 dicts are.
serde = ["dep:serde"]

[dependencies]
http = "1"
serde = {{ version = "1", features = ["derive"], optional = true }}
"#,
        package = info.package,
        version = info.version,
        service = service.full_name,
        lib = info.package.replace('-', "_"),
    )
}
