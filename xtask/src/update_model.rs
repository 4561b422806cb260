//! `cargo xtask update-model`: refresh `model/` from a botocore wheel.
//!
//! Every service under `botocore/data/` is vendored from its newest api-version folder (the
//! lexicographically greatest one holding a `service-2.json`, as botocore's loader picks it),
//! each file byte for byte as the wheel stores it (gzip-compressed where botocore compresses
//! it), into `model/<service>/<api-version>/`; shared files go to `model/` itself.

mod readme;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

const DATA_DIR: &str = "botocore/data/";
/// What is kept of each service's folder, and whether a service must have it. The service
/// model and its endpoint rules are what the generator reads; paginators (with botocore's
/// `non_aggregate_keys` additions) and waiters are small and what clients offer next.
const SERVICE_FILES: [(&str, bool); 5] = [
    ("service-2.json", true),
    ("endpoint-rule-set-1.json", true),
    ("paginators-1.json", false),
    ("paginators-1.sdk-extras.json", false),
    ("waiters-2.json", false),
];
/// Shared by every service: the endpoint rules' `aws.partition` reads it.
const PARTITIONS: &str = "partitions.json";

type Zip = zip::ZipArchive<fs::File>;

/// One vendored file: its path under `model/` and its bytes as the wheel stores them.
struct ModelFile {
    path: String,
    bytes: Vec<u8>,
}

/// Everything taken from the wheel, held in memory so nothing is written until all is valid.
struct Model {
    version: String,
    services: usize,
    files: Vec<ModelFile>,
}

/// Extracts the model files from `wheel` into `model_dir` and regenerates its `README.md` and
/// `SHA256SUMS`. `model_dir` is replaced as a whole, and only once the wheel proved complete
/// and valid; on any failure it is left as it was.
pub fn run(wheel: &Path, model_dir: &Path) -> Result<String, String> {
    let model = load(wheel).map_err(|e| format!("wheel {}: {e}", wheel.display()))?;
    let sums = sha256sums(&model.files);
    let readme = readme::render(&model);
    write_all(&model, &[("README.md", readme.as_bytes()), ("SHA256SUMS", sums.as_bytes())], model_dir)
        .map_err(|e| format!("writing {}: {e}", model_dir.display()))?;
    let bytes: usize = model.files.iter().map(|f| f.bytes.len()).sum();
    Ok(format!(
        "botocore {}: {} services, {} files ({bytes} bytes as shipped), README.md and SHA256SUMS written to {}",
        model.version,
        model.services,
        model.files.len(),
        model_dir.display()
    ))
}

fn load(wheel: &Path) -> Result<Model, String> {
    let file = fs::File::open(wheel).map_err(|e| format!("cannot open: {e}"))?;
    let mut zip = Zip::new(file).map_err(|e| format!("not a zip archive: {e}"))?;
    let names: BTreeSet<String> = zip.file_names().map(str::to_owned).collect();
    let version = read_version(&mut zip, &names)?;
    let mut files = Vec::new();
    let newest = newest_versions(&names)?;
    for (service, api_version) in &newest {
        let dir = format!("{service}/{api_version}/");
        for (name, required) in SERVICE_FILES {
            match load_file(&mut zip, &names, &dir, name)? {
                Some(file) => files.push(file),
                None if required => return Err(format!("missing {DATA_DIR}{dir}{name} (or {name}.gz)")),
                None => {}
            }
        }
    }
    let partitions = load_file(&mut zip, &names, "", PARTITIONS)?.ok_or(format!("missing {DATA_DIR}{PARTITIONS}"))?;
    let json: serde_json::Value = serde_json::from_slice(&partitions.bytes).map_err(|e| e.to_string())?;
    if !json.get("partitions").is_some_and(|p| p.is_array()) {
        return Err(format!("{DATA_DIR}{PARTITIONS}: no \"partitions\" list"));
    }
    files.push(partitions);
    Ok(Model { version, services: newest.len(), files })
}

/// Each service folder under `botocore/data/` and its newest api-version folder: the greatest
/// name among those holding a service model, as botocore's `determine_latest_version` chooses.
fn newest_versions(names: &BTreeSet<String>) -> Result<BTreeMap<&str, &str>, String> {
    let mut all: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for name in names {
        let Some(rest) = name.strip_prefix(DATA_DIR) else { continue };
        let parts: Vec<&str> = rest.split('/').collect();
        let [service, api_version, file] = parts[..] else { continue };
        let newest = all.entry(service).or_default();
        if matches!(file, "service-2.json" | "service-2.json.gz") && newest.is_none_or(|v| v < api_version) {
            *newest = Some(api_version);
        }
    }
    if all.is_empty() {
        return Err(format!("no service folders under {DATA_DIR}"));
    }
    let mut newest = BTreeMap::new();
    for (service, version) in all {
        let version = version.ok_or_else(|| format!("{DATA_DIR}{service}/ has no service-2.json in any version"))?;
        newest.insert(service, version);
    }
    Ok(newest)
}

/// Reads `botocore/data/{dir}{name}` or its `.gz` form, keeping the stored bytes, after checking
/// that they hold well-formed JSON (gunzipped, for a `.gz`). `None` when neither is present.
fn load_file(zip: &mut Zip, names: &BTreeSet<String>, dir: &str, name: &str) -> Result<Option<ModelFile>, String> {
    let plain = format!("{dir}{name}");
    let gz = format!("{plain}.gz");
    let in_wheel = |p: &str| names.contains(&format!("{DATA_DIR}{p}"));
    let path = match (in_wheel(&plain), in_wheel(&gz)) {
        (true, true) => return Err(format!("both {DATA_DIR}{plain} and {DATA_DIR}{gz} present, expected one")),
        (true, false) => plain,
        (false, true) => gz,
        (false, false) => return Ok(None),
    };
    let source = format!("{DATA_DIR}{path}");
    let bytes = read_entry(zip, &source)?;
    let parsed = if path.ends_with(".gz") {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut json)
            .map_err(|e| format!("{source}: invalid gzip data: {e}"))?;
        serde_json::from_slice::<serde::de::IgnoredAny>(&json)
    } else {
        serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)
    };
    parsed.map_err(|e| format!("{source}: invalid JSON: {e}"))?;
    Ok(Some(ModelFile { path, bytes }))
}

/// Reads `Version:` from the wheel's top-level `*.dist-info/METADATA`, checking it is botocore's.
fn read_version(zip: &mut Zip, names: &BTreeSet<String>) -> Result<String, String> {
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

/// The entry's bytes; reading to the end checks its CRC, so a damaged archive is an error.
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

/// `sha256sum` format (hash, two spaces, path), so `sha256sum -c SHA256SUMS` checks `model/`.
fn sha256sums(files: &[ModelFile]) -> String {
    let mut lines: Vec<String> = files.iter().map(|f| format!("{}  {}\n", sha256_hex(&f.bytes), f.path)).collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    lines.concat()
}

/// Writes the new `model_dir` into a staging folder beside it (same filesystem, so the swap is
/// two renames), then moves the old one aside, the new one in, and deletes the old. A failure
/// before the swap leaves `model_dir` as it was; a failed second rename puts the old one back.
fn write_all(m: &Model, extra: &[(&str, &[u8])], model_dir: &Path) -> std::io::Result<()> {
    let parent = model_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let staging = tempfile::Builder::new().prefix(".update-model-").tempdir_in(parent)?;
    let new = staging.path().join("model");
    let files = m.files.iter().map(|f| (f.path.as_str(), &f.bytes[..]));
    for (path, bytes) in files.chain(extra.iter().copied()) {
        let path = new.join(path);
        fs::create_dir_all(path.parent().expect("a file path has a parent"))?;
        fs::write(path, bytes)?;
    }
    let old = tempfile::Builder::new().prefix(".update-model-old-").tempdir_in(parent)?;
    let aside = old.path().join("model");
    let had_old = model_dir.exists();
    if had_old {
        fs::rename(model_dir, &aside)?;
    }
    if let Err(e) = fs::rename(&new, model_dir) {
        if had_old {
            fs::rename(&aside, model_dir)?;
        }
        return Err(e);
    }
    staging.close()?;
    old.close()
}
