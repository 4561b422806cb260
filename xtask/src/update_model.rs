//! `cargo xtask update-model`: refresh `model/` from a botocore wheel.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

const SERVICE_PREFIX: &str = "botocore/data/pinpoint-sms-voice-v2/";
const FILES: [&str; 3] = ["service-2.json", "paginators-1.json", "endpoint-rule-set-1.json"];
/// Shared by every service: the endpoint rules' `aws.partition` reads it.
const DATA_DIR: &str = "botocore/data/";
const PARTITIONS: &str = "partitions.json";

type Zip = zip::ZipArchive<fs::File>;

/// One model file: its name in `model/`, its path inside the wheel, its uncompressed bytes.
struct ModelFile {
    name: &'static str,
    source: String,
    bytes: Vec<u8>,
}

/// Everything taken from the wheel, held in memory so nothing is written until all is valid.
struct Model {
    version: String,
    api_dir: String,
    files: Vec<ModelFile>,
}

/// Extracts the model files from `wheel` into `model_dir` and regenerates `model_dir/README.md`.
/// Nothing in `model_dir` changes unless the wheel is complete and valid.
pub fn run(wheel: &Path, model_dir: &Path) -> Result<String, String> {
    let model = load(wheel).map_err(|e| format!("wheel {}: {e}", wheel.display()))?;
    let readme = readme(&model);
    write_all(&model, &readme, model_dir).map_err(|e| format!("writing {}: {e}", model_dir.display()))?;
    let mut summary = format!("botocore {} ({}): wrote", model.version, model.api_dir);
    for f in &model.files {
        let _ = write!(summary, " {} ({} bytes),", f.name, f.bytes.len());
    }
    let dir = model_dir.display();
    let _ = write!(summary, " README.md ({} bytes) to {dir}", readme.len());
    Ok(summary)
}

fn load(wheel: &Path) -> Result<Model, String> {
    let file = fs::File::open(wheel).map_err(|e| format!("cannot open: {e}"))?;
    let mut zip = Zip::new(file).map_err(|e| format!("not a zip archive: {e}"))?;
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    let version = read_version(&mut zip, &names)?;
    let api_dir = api_dir(&names)?;
    let dir = format!("{SERVICE_PREFIX}{api_dir}/");
    let files = FILES.map(|name| load_file(&mut zip, &names, &dir, name));
    let mut files: Vec<ModelFile> = files.into_iter().collect::<Result<_, _>>()?;
    files.push(load_file(&mut zip, &names, DATA_DIR, PARTITIONS)?);
    Ok(Model { version, api_dir, files })
}

/// Reads `dir/name` or `dir/name.gz` (gunzipped) and checks that it is the expected JSON.
fn load_file(zip: &mut Zip, names: &[String], dir: &str, name: &'static str) -> Result<ModelFile, String> {
    let plain = format!("{dir}{name}");
    let gz = format!("{plain}.gz");
    let (source, bytes) = match (names.contains(&plain), names.contains(&gz)) {
        (true, true) => return Err(format!("both {plain} and {gz} present, expected one")),
        (true, false) => (plain.clone(), read_entry(zip, &plain)?),
        (false, true) => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&read_entry(zip, &gz)?[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("{gz}: invalid gzip data: {e}"))?;
            (gz, out)
        }
        (false, false) => return Err(format!("missing {plain} (or {name}.gz)")),
    };
    let json: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| format!("{source}: invalid JSON: {e}"))?;
    let protocol = json.pointer("/metadata/protocol").and_then(|p| p.as_str());
    if name == "service-2.json" && protocol != Some("json") {
        return Err(format!("{source}: metadata.protocol is {protocol:?}, not \"json\""));
    }
    if name == PARTITIONS && !json.get("partitions").is_some_and(|p| p.is_array()) {
        return Err(format!("{source}: no \"partitions\" list"));
    }
    Ok(ModelFile { name, source, bytes })
}

/// Reads `Version:` from the wheel's top-level `*.dist-info/METADATA`, checking it is botocore's.
fn read_version(zip: &mut Zip, names: &[String]) -> Result<String, String> {
    let is_metadata = |n: &&String| n.strip_suffix(".dist-info/METADATA").is_some_and(|d| !d.contains('/'));
    let path = names.iter().find(is_metadata).ok_or("no *.dist-info/METADATA")?;
    let text = String::from_utf8(read_entry(zip, path)?).map_err(|e| format!("{path}: {e}"))?;
    // Core metadata is e-mail style: headers end at the first blank line.
    let header = |key: &str| {
        let mut headers = text.lines().take_while(|l| !l.is_empty());
        let value = headers.find_map(|l| l.strip_prefix(key)?.strip_prefix(':'));
        value.map(str::trim).filter(|v| !v.is_empty())
    };
    let name = header("Name");
    if name != Some("botocore") {
        return Err(format!("{path}: Name is {name:?}, not \"botocore\""));
    }
    let version = header("Version").ok_or_else(|| format!("{path}: no Version: line"))?;
    Ok(version.to_owned())
}

/// Finds the single dated API version directory, e.g. `2022-03-31`.
fn api_dir(names: &[String]) -> Result<String, String> {
    let dirs: BTreeSet<&str> =
        names.iter().filter_map(|n| Some(n.strip_prefix(SERVICE_PREFIX)?.split_once('/')?.0)).collect();
    match Vec::from_iter(dirs).as_slice() {
        [dir] => Ok(dir.to_string()),
        [] => Err(format!("no {SERVICE_PREFIX}<version>/ directory")),
        many => Err(format!("several versions under {SERVICE_PREFIX}: {many:?}")),
    }
}

fn read_entry(zip: &mut Zip, path: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut entry = zip.by_name(path).map_err(|e| format!("{path}: {e}"))?;
    let read = entry.read_to_end(&mut out);
    read.map_err(|e| format!("{path}: cannot read: {e}"))?;
    Ok(out)
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn readme(m: &Model) -> String {
    let (v, dir) = (&m.version, &m.api_dir);
    let mut s = format!(
        "# Amazon Pinpoint SMS Voice V2 service model\n\n\
         <!-- Generated by `cargo xtask update-model`; do not edit by hand. -->\n\n\
         These are the Amazon Pinpoint SMS Voice V2 (`pinpoint-sms-voice-v2`) model files,\n\
         vendored unmodified except that gzip-compressed files were decompressed.\n\n\
         ## Source\n\n\
         - Package: `botocore` version {v}, from the Python Package Index (PyPI)\n\
         - Path inside the wheel: `{SERVICE_PREFIX}{dir}/`, except `{PARTITIONS}`\n  \
           (the AWS partitions the endpoint rules resolve regions with), which is `{DATA_DIR}{PARTITIONS}`\n\n\
         | File | Stored in the wheel as | Bytes | SHA-256 |\n\
         | --- | --- | ---: | --- |\n"
    );
    for f in &m.files {
        let stored = f.source.rsplit('/').next().unwrap_or(&f.source);
        let (name, len, sha) = (f.name, f.bytes.len(), sha256_hex(&f.bytes));
        let _ = writeln!(s, "| `{name}` | `{stored}` | {len} | `{sha}` |");
    }
    let _ = write!(
        s,
        "\n## Licence\n\n\
         botocore is licensed under the Apache License 2.0 (`Apache-2.0`). The model data\n\
         is distributed by Amazon Web Services as part of botocore under that licence; see\n\
         `LICENSE.txt` and `NOTICE` in the wheel's `botocore-{v}.dist-info/` directory.\n\n\
         ## Refreshing\n\n\
         ```sh\n\
         pip download --no-deps botocore=={v} -d /tmp/wheel\n\
         cargo xtask update-model --wheel /tmp/wheel/botocore-{v}-py3-none-any.whl\n\
         cargo xtask codegen\n\
         ```\n\n\
         To move to another botocore version, put it in place of {v} in the first two commands.\n"
    );
    s
}

/// Writes every file into a temp dir inside `model_dir` (same filesystem, so each rename is
/// atomic) and renames them into place only once all were written.
fn write_all(m: &Model, readme: &str, model_dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(model_dir)?;
    let staging = tempfile::Builder::new().prefix(".update-model-").tempdir_in(model_dir)?;
    let mut outputs: Vec<(&str, &[u8])> = m.files.iter().map(|f| (f.name, &f.bytes[..])).collect();
    outputs.push(("README.md", readme.as_bytes()));
    for (name, bytes) in &outputs {
        fs::write(staging.path().join(name), bytes)?;
    }
    for (name, _) in &outputs {
        fs::rename(staging.path().join(name), model_dir.join(name))?;
    }
    staging.close()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::PathBuf;

    const DIR: &str = "botocore/data/pinpoint-sms-voice-v2/2022-03-31/";
    const SERVICE: &[u8] = br#"{"metadata":{"protocol":"json"},"operations":{}}"#;
    const PAGINATORS: &[u8] = b"{\n  \"pagination\": {}\n}\n";
    const RULES: &[u8] = br#"{"version":"1.0","rules":[]}"#;
    const PARTITIONS_JSON: &[u8] = br#"{"partitions":[],"version":"1.1"}"#;
    const PARTITIONS_PATH: &str = "botocore/data/partitions.json";
    // The second `Version:` is in the body, after the headers, and must be ignored.
    const METADATA: &[u8] = b"Metadata-Version: 2.1\nName: botocore\nVersion: 9.9.9\n\nVersion: no\n";

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    /// Builds a wheel-like zip (METADATA plus `entries` under `DIR`, or at their own path when
    /// it starts with `botocore/`) and a `model/` dir holding old files; returns the temp dir
    /// guard, the wheel path and the model dir.
    fn setup(entries: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let wheel = tmp.path().join("botocore-9.9.9-py3-none-any.whl");
        let mut zw = zip::ZipWriter::new(fs::File::create(&wheel).unwrap());
        let opts = zip::write::SimpleFileOptions::default();
        let metadata = ("botocore-9.9.9.dist-info/METADATA".to_owned(), METADATA);
        let path = |n: &str| if n.starts_with("botocore/") { n.to_owned() } else { format!("{DIR}{n}") };
        let entries = entries.iter().map(|(n, d)| (path(n), *d));
        for (name, data) in std::iter::once(metadata).chain(entries) {
            zw.start_file(name, opts).unwrap();
            zw.write_all(data).unwrap();
        }
        zw.finish().unwrap();
        let model = tmp.path().join("model");
        fs::create_dir(&model).unwrap();
        for name in FILES.iter().chain(&[PARTITIONS, "README.md"]) {
            fs::write(model.join(name), format!("old {name}")).unwrap();
        }
        (tmp, wheel, model)
    }

    /// Sorted (name, contents) of a directory, to check whether it was touched.
    fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut v = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            v.push((name, fs::read(&path).unwrap()));
        }
        v.sort();
        v
    }

    #[test]
    fn happy_path_gz_and_plain() {
        let (gz_service, gz_rules) = (gzip(SERVICE), gzip(RULES));
        let (_tmp, wheel, out) = setup(&[
            ("service-2.json.gz", &gz_service),
            ("paginators-1.json", PAGINATORS),
            ("endpoint-rule-set-1.json.gz", &gz_rules),
            ("waiters-2.json", b"{}"),
            (PARTITIONS_PATH, PARTITIONS_JSON),
        ]);
        let summary = run(&wheel, &out).unwrap();
        assert!(summary.starts_with("botocore 9.9.9 (2022-03-31): wrote service-2.json"));
        assert!(!summary.contains('\n'), "{summary}");
        let readme = fs::read(out.join("README.md")).unwrap();
        let expected = [
            ("README.md", &readme[..]),
            ("endpoint-rule-set-1.json", RULES),
            ("paginators-1.json", PAGINATORS),
            ("partitions.json", PARTITIONS_JSON),
            ("service-2.json", SERVICE),
        ];
        let expected: Vec<_> = expected.map(|(n, b)| (n.to_owned(), b.to_vec())).into();
        assert_eq!(snapshot(&out), expected, "no staging dir is left");

        let readme = String::from_utf8(readme).unwrap();
        let (len, sha) = (SERVICE.len(), sha256_hex(SERVICE));
        for needle in [
            format!("| `service-2.json` | `service-2.json.gz` | {len} | `{sha}` |"),
            "| `paginators-1.json` | `paginators-1.json` |".into(),
            format!(
                "| `partitions.json` | `partitions.json` | {} | `{}` |",
                PARTITIONS_JSON.len(),
                sha256_hex(PARTITIONS_JSON)
            ),
            "which is `botocore/data/partitions.json`".into(),
            "`botocore` version 9.9.9".into(),
            "Apache-2.0".into(),
            "pip download --no-deps botocore==9.9.9 -d /tmp/wheel".into(),
            "update-model --wheel /tmp/wheel/botocore-9.9.9-py3-none-any.whl".into(),
        ] {
            assert!(readme.contains(&needle), "{needle} not in:\n{readme}");
        }
        // Deterministic: a second run writes the same README.
        run(&wheel, &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("README.md")).unwrap(), readme);
    }

    /// Runs on a bad wheel: the error must name the wheel and `expected`, and `model/` stay as is.
    fn assert_rejected(entries: &[(&str, &[u8])], expected: &str) {
        let (_tmp, wheel, out) = setup(entries);
        let before = snapshot(&out);
        let err = run(&wheel, &out).unwrap_err();
        let prefix = format!("wheel {}: ", wheel.display());
        assert!(err.starts_with(&prefix), "{err}");
        assert!(err.contains(expected), "{expected:?} not in {err:?}");
        assert_eq!(snapshot(&out), before);
    }

    #[test]
    fn missing_file_leaves_model_dir_untouched() {
        let entries = [("service-2.json.gz", &gzip(SERVICE)[..]), ("paginators-1.json", PAGINATORS)];
        assert_rejected(&entries, &format!("missing {DIR}endpoint-rule-set-1.json"));
    }

    #[test]
    fn partitions_are_required_and_checked() {
        let entries =
            [("service-2.json", SERVICE), ("paginators-1.json", PAGINATORS), ("endpoint-rule-set-1.json", RULES)];
        assert_rejected(&entries, "missing botocore/data/partitions.json");
        let not_partitions: &[u8] = br#"{"version":"1.1"}"#;
        let entries = [entries[0], entries[1], entries[2], (PARTITIONS_PATH, not_partitions)];
        assert_rejected(&entries, "botocore/data/partitions.json: no \"partitions\" list");
    }

    #[test]
    fn invalid_json_names_the_file() {
        let bad = b"{\"pagination\": ";
        let entries = [("service-2.json", SERVICE), ("paginators-1.json", bad), ("endpoint-rule-set-1.json", RULES)];
        assert_rejected(&entries, &format!("{DIR}paginators-1.json: invalid JSON"));
    }

    #[test]
    fn wrong_protocol_is_rejected() {
        let rest_json: &[u8] = br#"{"metadata":{"protocol":"rest-json"}}"#;
        let entries =
            [("service-2.json", rest_json), ("paginators-1.json", PAGINATORS), ("endpoint-rule-set-1.json", RULES)];
        let expected = "service-2.json: metadata.protocol is Some(\"rest-json\")";
        assert_rejected(&entries, expected);
    }
}
