//! `Cargo.toml` of the generated crate.

use super::CrateInfo;
use crate::ir::Service;

pub(crate) fn manifest(service: &Service, info: &CrateInfo) -> String {
    // Only crates with an operation that accepts compressed bodies carry the
    // compression dependency; the runtime compiles without it either way.
    let (default, compression_feature, compression_dep) = if service.uses_request_compression() {
        (
            r#""request-compression""#,
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
        ("", "", "")
    };
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
{compression_feature}# Derive serde::Serialize and serde::Deserialize for every type, with the
# model's member names, so inputs can be read from JSON as boto3 dicts are.
serde = ["dep:serde"]

[dependencies]
{compression_dep}http = "1"
serde = {{ version = "1", features = ["derive"], optional = true }}
"#,
        package = info.package,
        version = info.version,
        service = service.full_name,
        lib = info.package.replace('-', "_"),
    )
}
