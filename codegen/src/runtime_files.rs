//! The hand-written runtime, compiled into the generator so that it can be
//! copied into every generated crate (consumers need only that crate).

pub const FILES: &[(&str, &str)] = &[
    ("base64.rs", include_str!("../runtime/base64.rs")),
    ("blob.rs", include_str!("../runtime/blob.rs")),
    ("blocking.rs", include_str!("../runtime/blocking.rs")),
    ("build.rs", include_str!("../runtime/build.rs")),
    ("client.rs", include_str!("../runtime/client.rs")),
    ("compression.rs", include_str!("../runtime/compression.rs")),
    ("credentials.rs", include_str!("../runtime/credentials.rs")),
    ("credentials_tests.rs", include_str!("../runtime/credentials_tests.rs")),
    ("datetime.rs", include_str!("../runtime/datetime.rs")),
    ("datetime_tests.rs", include_str!("../runtime/datetime_tests.rs")),
    ("de.rs", include_str!("../runtime/de.rs")),
    ("defaults.rs", include_str!("../runtime/defaults.rs")),
    ("document.rs", include_str!("../runtime/document.rs")),
    ("endpoint.rs", include_str!("../runtime/endpoint.rs")),
    ("endpoint_rules.rs", include_str!("../runtime/endpoint_rules.rs")),
    ("enums.rs", include_str!("../runtime/enums.rs")),
    ("error.rs", include_str!("../runtime/error.rs")),
    ("hyper_transport.rs", include_str!("../runtime/hyper_transport.rs")),
    ("idempotency.rs", include_str!("../runtime/idempotency.rs")),
    ("ini.rs", include_str!("../runtime/ini.rs")),
    ("ini_tests.rs", include_str!("../runtime/ini_tests.rs")),
    ("json.rs", include_str!("../runtime/json.rs")),
    ("json_error.rs", include_str!("../runtime/json_error.rs")),
    ("json_fast_tests.rs", include_str!("../runtime/json_fast_tests.rs")),
    ("json_number.rs", include_str!("../runtime/json_number.rs")),
    ("json_tests.rs", include_str!("../runtime/json_tests.rs")),
    ("json_writer.rs", include_str!("../runtime/json_writer.rs")),
    ("limits.rs", include_str!("../runtime/limits.rs")),
    ("mod.rs", include_str!("../runtime/mod.rs")),
    ("operation.rs", include_str!("../runtime/operation.rs")),
    ("os.rs", include_str!("../runtime/os.rs")),
    ("paginate.rs", include_str!("../runtime/paginate.rs")),
    ("partition.rs", include_str!("../runtime/partition.rs")),
    ("profile.rs", include_str!("../runtime/profile.rs")),
    ("protocol.rs", include_str!("../runtime/protocol.rs")),
    ("region.rs", include_str!("../runtime/region.rs")),
    ("retry.rs", include_str!("../runtime/retry.rs")),
    ("serde_impls.rs", include_str!("../runtime/serde_impls.rs")),
    ("sha256.rs", include_str!("../runtime/sha256.rs")),
    ("sigv4.rs", include_str!("../runtime/sigv4.rs")),
    ("sigv4_tests.rs", include_str!("../runtime/sigv4_tests.rs")),
    ("sleep.rs", include_str!("../runtime/sleep.rs")),
    ("transport.rs", include_str!("../runtime/transport.rs")),
    ("ureq_transport.rs", include_str!("../runtime/ureq_transport.rs")),
];

#[cfg(test)]
mod tests {
    /// Every file in `codegen/runtime/` is listed, so none is forgotten.
    #[test]
    fn lists_every_runtime_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");
        let mut on_disk: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        on_disk.sort();
        let listed: Vec<String> = super::FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
        assert_eq!(listed, on_disk);
    }
}
