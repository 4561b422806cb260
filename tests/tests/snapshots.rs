//! Snapshots of the generated code, one per artefact, for a representative
//! subset of the real model and for the fixture models; plus determinism and
//! the freshness of `generated/`, which covers the rest of the real model.

use codegen::config::Config;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn render(config: &Path) -> codegen::Rendered {
    let config = Config::load(config).unwrap();
    codegen::render_config(&config).unwrap_or_else(|e| panic!("{e}"))
}

/// Snapshots every generated file (the runtime is a crate of its own,
/// tested there).
fn snapshot(name: &str, config: &Path) {
    for (path, text) in render(config).files {
        let id = format!("{name}__{}", path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(id, text);
    }
}

/// Pagination (`DescribePhoneNumbers`), an enum-keyed map (`SendTextMessage`),
/// unions (`SendRcsMessage`), a blob and an idempotency token
/// (`CreateRegistrationAttachment`).
#[test]
fn pinpoint_representative_operations() {
    snapshot("pinpoint", &root().join("tests/fixtures/pinpoint-subset/codegen.json"));
}

#[test]
fn fixture_obstacle_course() {
    snapshot("obstacle_course", &root().join("tests/fixtures/obstacle-course/codegen.json"));
}

#[test]
fn fixture_all_types() {
    snapshot("all_types", &root().join("tests/fixtures/all-types/codegen.json"));
}

#[test]
fn fixture_op_traits() {
    snapshot("op_traits", &root().join("tests/fixtures/op-traits/codegen.json"));
}

/// A small endpoint rule set with every construct the compiler knows; its
/// other files are like every one-operation fixture's.
#[test]
fn fixture_endpoint_rules() {
    let rendered = render(&root().join("tests/fixtures/endpoint-rules/codegen.json"));
    let (_, text) = rendered.files.iter().find(|(path, _)| path == "src/endpoint.rs").unwrap();
    insta::assert_snapshot!("endpoint_rules__src_endpoint_rs", text);
}

/// The whole real model, rendered once for the two tests below (a debug
/// render takes seconds).
fn pinpoint() -> &'static codegen::Rendered {
    static RENDERED: OnceLock<codegen::Rendered> = OnceLock::new();
    RENDERED.get_or_init(|| render(&root().join("codegen.json")))
}

#[test]
fn output_is_deterministic() {
    assert_eq!(render(&root().join("codegen.json")).files, pinpoint().files);
}

#[test]
fn generated_crate_is_up_to_date() {
    let config = Config::load(&root().join("codegen.json")).unwrap();
    let stale = codegen::write::stale_files(&config.output, &pinpoint().files);
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask codegen` and commit the result. Stale files:\n  {}",
        stale.join("\n  ")
    );
}
