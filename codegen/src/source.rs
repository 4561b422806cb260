//! Reading model files. `model/` keeps botocore's files exactly as the wheel
//! ships them, most of them gzip-compressed, so a path ending in `.gz` is
//! decompressed here and every other path is read as is.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The text of a model file, gunzipped when its name ends in `.gz`. Errors
/// name the file (a corrupt or truncated archive included).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::new("", format!("cannot read: {e}")).in_file(path))?;
    if path.extension().is_none_or(|ext| ext != "gz") {
        return String::from_utf8(bytes).map_err(|e| Error::new("", format!("not UTF-8: {e}")).in_file(path));
    }
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .map_err(|e| Error::new("", format!("invalid gzip data: {e}")).in_file(path))?;
    Ok(text)
}

/// Reads and parses a model file (see [`read_text`]).
pub fn load<T: DeserializeOwned>(path: &Path) -> Result<T> {
    crate::timings::time(crate::timings::Phase::Load, || crate::parse_json(path, &read_text(path)?))
}

/// The botocore release a vendored model comes from: `cargo xtask
/// update-model` titles the folder's `README.md` `# AWS service models
/// (botocore X)`, beside `<service>/<api-version>/`. `None` for a model kept
/// elsewhere.
pub fn botocore_version(service_file: &Path) -> Option<String> {
    let readme = std::fs::read_to_string(service_file.parent()?.parent()?.parent()?.join("README.md")).ok()?;
    let version = readme.lines().next()?.split("(botocore ").nth(1)?.strip_suffix(')')?;
    (!version.is_empty() && version.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')).then(|| version.to_owned())
}

/// One service of a vendored model folder: `<model>/<service>/<api-version>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDir {
    /// The folder name, botocore's name for the service (`pinpoint-sms-voice-v2`).
    pub service: String,
    pub api_version: String,
    pub path: PathBuf,
}

impl ServiceDir {
    /// `name` in this folder, or `name.gz` when that is what is stored; `None` without either.
    pub fn file(&self, name: &str) -> Option<PathBuf> {
        let plain = self.path.join(name);
        let gz = self.path.join(format!("{name}.gz"));
        [plain, gz].into_iter().find(|p| p.is_file())
    }
}

/// Every service folder of `model_dir` (laid out as `cargo xtask update-model` writes it), in
/// name order. Each must hold exactly one api-version folder.
pub fn service_dirs(model_dir: &Path) -> Result<Vec<ServiceDir>> {
    let subdirs = |dir: &Path| -> Result<Vec<(String, PathBuf)>> {
        let io = |e: std::io::Error| Error::new("", format!("cannot list: {e}")).in_file(dir);
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.is_dir() {
                out.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), path));
            }
        }
        out.sort();
        Ok(out)
    };
    let mut services = Vec::new();
    for (service, dir) in subdirs(model_dir)? {
        let versions = subdirs(&dir)?;
        let [(api_version, path)] = <[_; 1]>::try_from(versions).map_err(|v| {
            let names: Vec<&str> = v.iter().map(|(n, _)| n.as_str()).collect();
            Error::new("", format!("expected one api-version folder, found {names:?}")).in_file(&dir)
        })?;
        services.push(ServiceDir { service, api_version, path });
    }
    Ok(services)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn plain_and_gzip_read_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let json = r#"{"pagination":{}}"#;
        let (plain, gz) = (dir.path().join("paginators-1.json"), dir.path().join("paginators-1.json.gz"));
        std::fs::write(&plain, json).unwrap();
        std::fs::write(&gz, gzip(json.as_bytes())).unwrap();
        assert_eq!(read_text(&plain).unwrap(), json);
        assert_eq!(read_text(&gz).unwrap(), json);
        let model: crate::model::PaginatorsModel = load(&gz).unwrap();
        assert!(model.pagination.is_empty());
    }

    #[test]
    fn corrupt_gzip_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("service-2.json.gz");
        let mut truncated = gzip(br#"{"metadata":{},"operations":{},"shapes":{}}"#);
        truncated.truncate(truncated.len() - 9);
        for bytes in [&b"{\"not\": \"gzip\"}"[..], &truncated] {
            std::fs::write(&path, bytes).unwrap();
            let err = read_text(&path).unwrap_err().to_string();
            assert!(err.contains("service-2.json.gz") && err.contains("invalid gzip data"), "{err}");
        }
    }

    #[test]
    fn service_dirs_lists_each_service_once() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["b/2020-01-01", "a/2019-05-05", "c"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("a/2019-05-05/service-2.json.gz"), gzip(b"{}")).unwrap();
        std::fs::write(dir.path().join("partitions.json"), "{}").unwrap();
        let err = service_dirs(dir.path()).unwrap_err().to_string();
        assert!(err.ends_with("c: expected one api-version folder, found []"), "{err}");
        std::fs::create_dir(dir.path().join("c/2018-01-01")).unwrap();
        let found = service_dirs(dir.path()).unwrap();
        let names: Vec<_> = found.iter().map(|s| (s.service.as_str(), s.api_version.as_str())).collect();
        assert_eq!(names, [("a", "2019-05-05"), ("b", "2020-01-01"), ("c", "2018-01-01")]);
        assert_eq!(found[0].file("service-2.json"), Some(dir.path().join("a/2019-05-05/service-2.json.gz")));
        assert_eq!(found[0].file("paginators-1.json"), None);
        std::fs::create_dir(dir.path().join("c/2019-01-01")).unwrap();
        let err = service_dirs(dir.path()).unwrap_err().to_string();
        assert!(err.contains("found [\"2018-01-01\", \"2019-01-01\"]"), "{err}");
    }

    #[test]
    fn a_missing_file_is_named() {
        let err = read_text(Path::new("no/such/service-2.json.gz")).unwrap_err().to_string();
        assert!(err.contains("no/such/service-2.json.gz") && err.contains("cannot read"), "{err}");
    }
}
