//! Snapshots of the generated code, one per artefact, for a representative
//! subset of the real model and for the fixture models; plus determinism and
//! the freshness of every crate in `generated/`, which covers the rest of the
//! real models.

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

/// Snapshots every generated file as one text, each file under a line
/// naming it, so that a change to the layout shows as one reviewable diff
/// (the runtime is a crate of its own, tested there), but `LICENSE`, the
/// repository's own, checked as such.
fn snapshot(name: &str, config: &Path) {
    let mut text = String::new();
    for (path, file) in render(config).files {
        if path == "LICENSE" {
            assert_eq!(file, repository_license(), "{name}: LICENSE");
            continue;
        }
        text.push_str(&format!("// ==== {path} ====\n{file}\n"));
    }
    insta::assert_snapshot!(name, text);
}

fn repository_license() -> String {
    std::fs::read_to_string(root().join("LICENSE")).unwrap()
}

/// Every published crate carries the Apache-2.0 text: the generated ones
/// (emitted, and checked fresh by `generated_crates_are_up_to_date`) and the
/// runtime, whose copy is committed beside its manifest.
#[test]
fn published_crates_carry_the_repository_license() {
    let license = repository_license();
    assert!(license.contains("Apache License") && license.contains("Version 2.0, January 2004"));
    assert_eq!(std::fs::read_to_string(root().join("codegen/runtime/LICENSE")).unwrap(), license, "runtime");
    // `# AWS service models (botocore X)`: the release the NOTICE names.
    let readme = std::fs::read_to_string(root().join("model/README.md")).unwrap();
    let botocore = readme.lines().next().unwrap().split_once('(').unwrap().1.trim_end_matches(')').to_owned();
    assert!(botocore.starts_with("botocore "), "{botocore}");
    for package in ["pinpoint-sms-voice-v2", "sqs", "sts"] {
        let dir = root().join("generated").join(package);
        assert_eq!(std::fs::read_to_string(dir.join("LICENSE")).unwrap(), license, "{package}");
        let notice = std::fs::read_to_string(dir.join("NOTICE")).unwrap();
        assert!(notice.contains(&format!("in {botocore},")), "{package}: {notice}");
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

/// Every service `codegen.json` lists, rendered once for the two tests below
/// (a debug render of the real models takes seconds).
fn committed() -> &'static [(Config, codegen::Rendered)] {
    static RENDERED: OnceLock<Vec<(Config, codegen::Rendered)>> = OnceLock::new();
    RENDERED.get_or_init(render_committed)
}

fn render_committed() -> Vec<(Config, codegen::Rendered)> {
    let configs = Config::load_all(&root().join("codegen.json")).unwrap();
    configs
        .into_iter()
        .map(|config| {
            let rendered = codegen::render_config(&config).unwrap_or_else(|e| panic!("{e}"));
            (config, rendered)
        })
        .collect()
}

#[test]
fn output_is_deterministic() {
    let again = render_committed();
    assert_eq!(again.len(), committed().len());
    for ((config, a), (_, b)) in again.iter().zip(committed()) {
        assert_eq!(a.files, b.files, "{}", config.package);
    }
}

#[test]
fn generated_crates_are_up_to_date() {
    let packages: Vec<&str> = committed().iter().map(|(c, _)| c.package.as_str()).collect();
    assert_eq!(packages, ["pinpoint-sms-voice-v2", "sqs", "sso", "sso-oidc", "sts"]);
    for (config, rendered) in committed() {
        assert!(config.output.ends_with(Path::new("generated").join(&config.package)), "{}", config.output.display());
        let stale = codegen::write::stale_files(&config.output, &rendered.files);
        assert!(
            stale.is_empty(),
            "{} is stale; run `cargo xtask codegen` and commit the result. Stale files:\n  {}",
            config.output.display(),
            stale.join("\n  ")
        );
    }
}

/// The manifest's and the blocking client's examples name an operation of
/// their own service, one that needs no input when there is one, and set every
/// member the call requires, so the example is a call that builds.
#[test]
fn examples_name_the_crates_own_operations() {
    for (config, rendered) in committed() {
        let file = |name: &str| &rendered.files.iter().find(|(path, _)| path == name).unwrap().1;
        let (feature, call) = match config.package.as_str() {
            "sqs" => ("list-queues", " let out = client.list_queues().send()?;\n"),
            // Their one operation each needs input.
            "sso" => (
                "get-role-credentials",
                concat!(
                    " let out = client\n",
                    "//!     .get_role_credentials()\n",
                    "//!     .role_name(\"example\")\n",
                    "//!     .account_id(\"example\")\n",
                    "//!     .access_token(\"example\")\n",
                    "//!     .send()?;\n",
                ),
            ),
            "sso-oidc" => ("create-token", ".client_secret(\"example\")\n//!     .grant_type(\"example\")\n"),
            // No STS operation goes without input: the one with the fewest
            // required members (both strings) is shown.
            "sts" => (
                "assume-role",
                ".assume_role()\n//!     .role_arn(\"example\")\n//!     .role_session_name(\"example\")\n//!     .send()?;",
            ),
            _ => ("describe-account-attributes", " let out = client.describe_account_attributes().send()?;\n"),
        };
        assert!(file("Cargo.toml").contains(&format!("features = [\"{feature}\"]`")), "{}", config.package);
        let blocking = file("src/blocking.rs");
        assert!(blocking.contains(call), "{}: {blocking}", config.package);
        let readme_call = call.replace("//!", "   ").replace("send()?", "send().await?");
        assert!(file("README.md").contains(&readme_call), "{}: {readme_call}", config.package);
    }
}

/// The longest file any committed crate may have: a reader finds an item in
/// a file this size, and a diff of one shape or operation touches one file.
const MAX_LINES: usize = 3_000;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files_under(&path, out) } else { out.push(path) }
    }
}

#[test]
fn no_generated_file_is_longer_than_the_limit() {
    let mut files = Vec::new();
    files_under(&root().join("generated"), &mut files);
    assert!(files.len() > 100, "{} files", files.len());
    let long: Vec<String> = files
        .iter()
        .map(|path| (path, std::fs::read_to_string(path).unwrap().lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(path, lines)| format!("{} ({lines} lines)", path.display()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines:\n  {}", long.join("\n  "));
}

/// aws-sdk-rust's paths: an operation's own types in its module, shared
/// shapes flat in `types`, their builders in `types::builders`.
#[test]
fn each_operation_and_shared_shape_has_a_file_of_its_own() {
    let (_, pinpoint) = &committed()[0];
    let file = |name: &str| pinpoint.files.iter().find(|(path, _)| path == name).map(|(_, text)| text.as_str());
    let op = file("src/operation/describe_phone_numbers.rs").expect("the operation's module");
    for item in [
        "pub struct DescribePhoneNumbers;",
        "pub struct DescribePhoneNumbersInput {",
        "pub struct DescribePhoneNumbersOutput {",
        "pub enum DescribePhoneNumbersError {",
        "pub struct DescribePhoneNumbersInputBuilder {",
        "pub struct DescribePhoneNumbersFluentBuilder {",
    ] {
        assert!(op.contains(item), "{item}");
    }
    let shape = file("src/types/_phone_number_information.rs").expect("the shape's module");
    assert!(shape.contains("pub struct PhoneNumberInformation {"));
    assert!(shape.contains("pub struct PhoneNumberInformationBuilder {"));
    assert!(file("src/types.rs").unwrap().contains("pub use _phone_number_information::PhoneNumberInformation;"));
    assert!(file("src/builders.rs").is_none());
}
