use super::*;
use std::io::Write;
use std::path::PathBuf;

const SERVICE: &[u8] = br#"{"metadata":{"protocol":"json"},"operations":{}}"#;
const OLD_SERVICE: &[u8] = br#"{"metadata":{"protocol":"json","apiVersion":"old"},"operations":{}}"#;
const PAGINATORS: &[u8] = b"{\n  \"pagination\": {}\n}\n";
const RULES: &[u8] = br#"{"version":"1.0","rules":[]}"#;
const PARTITIONS_JSON: &[u8] = br#"{"partitions":[],"version":"1.1"}"#;
// The second `Version:` is in the body, after the headers, and must be ignored.
const METADATA: &[u8] = b"Metadata-Version: 2.1\nName: botocore\nVersion: 9.9.9\n\nVersion: no\n";

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// A wheel-like zip: METADATA plus `entries` under `botocore/data/`.
fn wheel(dir: &Path, entries: &[(&str, &[u8])]) -> PathBuf {
    let wheel = dir.join("botocore-9.9.9-py3-none-any.whl");
    let mut zw = zip::ZipWriter::new(fs::File::create(&wheel).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    let metadata = ("botocore-9.9.9.dist-info/METADATA".to_owned(), METADATA);
    let entries = entries.iter().map(|(n, d)| (format!("{DATA_DIR}{n}"), *d));
    for (name, data) in std::iter::once(metadata).chain(entries) {
        zw.start_file(name, opts).unwrap();
        zw.write_all(data).unwrap();
    }
    zw.finish().unwrap();
    wheel
}

/// A temp dir with the wheel and a `model/` holding the old flat layout; gives the guard,
/// the wheel and the model dir.
fn setup(entries: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let wheel = wheel(tmp.path(), entries);
    let model = tmp.path().join("model");
    fs::create_dir(&model).unwrap();
    for name in ["service-2.json", "partitions.json", "README.md"] {
        fs::write(model.join(name), format!("old {name}")).unwrap();
    }
    (tmp, wheel, model)
}

/// Sorted (path relative to `dir`, contents) of every file below `dir`.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy().into_owned();
                out.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// Two services, one with two api-versions; gz and plain files; files that are left out.
fn two_services() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("alpha/2019-01-01/service-2.json", OLD_SERVICE.to_vec()),
        ("alpha/2019-01-01/endpoint-rule-set-1.json", RULES.to_vec()),
        ("alpha/2019-01-01/waiters-2.json", b"{\"waiters\":{}}".to_vec()),
        ("alpha/2021-06-30/service-2.json.gz", gzip(SERVICE)),
        ("alpha/2021-06-30/endpoint-rule-set-1.json.gz", gzip(RULES)),
        ("alpha/2021-06-30/paginators-1.json", PAGINATORS.to_vec()),
        ("alpha/2021-06-30/paginators-1.sdk-extras.json", b"{\"version\":1.0,\"merge\":{}}".to_vec()),
        ("alpha/2021-06-30/examples-1.json", b"{}".to_vec()),
        ("beta/2015-03-31/service-2.json", SERVICE.to_vec()),
        ("beta/2015-03-31/service-2.sdk-extras.json", b"{}".to_vec()),
        ("beta/2015-03-31/endpoint-rule-set-1.json.gz", gzip(RULES)),
        ("beta/2015-03-31/waiters-2.json", b"{\"version\":2,\"waiters\":{}}".to_vec()),
        ("partitions.json", PARTITIONS_JSON.to_vec()),
        ("endpoints.json", b"{}".to_vec()),
        ("_retry.json", b"{}".to_vec()),
    ]
}

fn borrowed<'a>(entries: &'a [(&'static str, Vec<u8>)]) -> Vec<(&'static str, &'a [u8])> {
    entries.iter().map(|(n, d)| (*n, &d[..])).collect()
}

#[test]
fn newest_version_of_every_service_kept_as_shipped() {
    let entries = two_services();
    let (tmp, wheel, out) = setup(&borrowed(&entries));
    let summary = run(&wheel, &out).unwrap();
    assert!(summary.starts_with("botocore 9.9.9: 2 services, 8 files ("), "{summary}");
    assert!(!summary.contains('\n'), "{summary}");

    let shipped = |path: &str| entries.iter().find(|(n, _)| *n == path).unwrap().1.clone();
    let mut expected: Vec<(String, Vec<u8>)> = [
        "alpha/2021-06-30/endpoint-rule-set-1.json.gz",
        "alpha/2021-06-30/paginators-1.json",
        "alpha/2021-06-30/paginators-1.sdk-extras.json",
        "alpha/2021-06-30/service-2.json.gz",
        "beta/2015-03-31/endpoint-rule-set-1.json.gz",
        "beta/2015-03-31/service-2.json",
        "beta/2015-03-31/waiters-2.json",
        "partitions.json",
    ]
    .iter()
    .map(|p| (p.to_string(), shipped(p)))
    .collect();
    let got = snapshot(&out);
    let readme = got.iter().find(|(n, _)| n == "README.md").expect("README.md written").1.clone();
    let sums = got.iter().find(|(n, _)| n == "SHA256SUMS").expect("SHA256SUMS written").1.clone();
    expected.push(("README.md".into(), readme.clone()));
    expected.push(("SHA256SUMS".into(), sums.clone()));
    expected.sort();
    assert_eq!(got, expected, "old files gone, gz kept compressed, only the newest version");
    let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 2, "no staging folder is left beside model/: {left:?}");

    let sums = String::from_utf8(sums).unwrap();
    assert_eq!(sums.lines().count(), 8);
    let gz_service = shipped("alpha/2021-06-30/service-2.json.gz");
    let line = format!("{}  alpha/2021-06-30/service-2.json.gz\n", sha256_hex(&gz_service));
    assert!(sums.contains(&line), "the hash of the stored bytes:\n{sums}");
    let paths: Vec<&str> = sums.lines().map(|l| &l[66..]).collect();
    assert!(paths.is_sorted() && paths[0] == "alpha/2021-06-30/endpoint-rule-set-1.json.gz", "{sums}");
    assert!(sums.ends_with(&format!("{}  partitions.json\n", sha256_hex(PARTITIONS_JSON))), "{sums}");

    let readme = String::from_utf8(readme).unwrap();
    for needle in [
        "`botocore` version 9.9.9".to_owned(),
        "2 services, 8 files".into(),
        format!("| `service-2.json` | 2 | {} |", gz_service.len() + SERVICE.len()),
        "| `waiters-2.json` | 1 |".into(),
        "sha256sum -c SHA256SUMS".into(),
        "Apache-2.0".into(),
        "pip download --no-deps botocore==9.9.9 -d /tmp/wheel".into(),
        "update-model --wheel /tmp/wheel/botocore-9.9.9-py3-none-any.whl".into(),
    ] {
        assert!(readme.contains(&needle), "{needle} not in:\n{readme}");
    }
    // Deterministic: a second run writes the same files.
    run(&wheel, &out).unwrap();
    assert_eq!(snapshot(&out), got);
}

#[test]
fn model_dir_is_created_when_absent() {
    let tmp = tempfile::tempdir().unwrap();
    let wheel = wheel(tmp.path(), &borrowed(&two_services()));
    let out = tmp.path().join("model");
    run(&wheel, &out).unwrap();
    assert!(out.join("beta/2015-03-31/service-2.json").is_file());
}

/// Runs on a bad wheel: the error must name the wheel and `expected`, and `model/` stay as is.
fn assert_rejected(wheel_of: impl FnOnce(&Path) -> PathBuf, expected: &str) {
    let (tmp, _, out) = setup(&[]);
    let wheel = wheel_of(tmp.path());
    let before = snapshot(&out);
    let err = run(&wheel, &out).unwrap_err();
    let prefix = format!("wheel {}: ", wheel.display());
    assert!(err.starts_with(&prefix), "{err}");
    assert!(err.contains(expected), "{expected:?} not in {err:?}");
    assert_eq!(snapshot(&out), before);
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 2, "nothing left beside model/");
}

/// The two-service wheel with `path` replaced (or added) by `bytes`, or removed for `None`.
fn changed(path: &'static str, bytes: Option<&[u8]>) -> impl FnOnce(&Path) -> PathBuf + use<> {
    let mut entries = two_services();
    entries.retain(|(n, _)| *n != path);
    if let Some(bytes) = bytes {
        entries.push((path, bytes.to_vec()));
    }
    move |dir| wheel(dir, &borrowed(&entries))
}

#[test]
fn corrupt_archive_leaves_model_dir_untouched() {
    let truncated = |dir: &Path| {
        let path = wheel(dir, &borrowed(&two_services()));
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        path
    };
    assert_rejected(truncated, "not a zip archive");
    // An entry whose stored bytes were altered fails its CRC check.
    let flipped = |dir: &Path| {
        let path = dir.join("botocore-9.9.9-py3-none-any.whl");
        let mut zw = zip::ZipWriter::new(fs::File::create(&path).unwrap());
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let marker = br#"{"partitions":[],"version":"1.1","marker":"MARKER"}"#;
        let mut entries = two_services();
        entries.push(("partitions.json", marker.to_vec()));
        entries.retain(|(n, d)| *n != "partitions.json" || d.starts_with(marker));
        zw.start_file("botocore-9.9.9.dist-info/METADATA", stored).unwrap();
        zw.write_all(METADATA).unwrap();
        for (name, data) in &entries {
            zw.start_file(format!("{DATA_DIR}{name}"), stored).unwrap();
            zw.write_all(data).unwrap();
        }
        zw.finish().unwrap();
        let mut bytes = fs::read(&path).unwrap();
        let at = bytes.windows(6).position(|w| w == b"MARKER").unwrap();
        bytes[at] = b'N';
        fs::write(&path, bytes).unwrap();
        path
    };
    assert_rejected(flipped, "botocore/data/partitions.json: cannot read");
}

#[test]
fn corrupt_gzip_member_is_named() {
    let bad = b"\x1f\x8b\x08\x00 not really gzip";
    let path = "alpha/2021-06-30/service-2.json.gz";
    assert_rejected(changed(path, Some(bad)), &format!("{DATA_DIR}{path}: invalid gzip data"));
}

#[test]
fn missing_required_file_is_named() {
    let path = "beta/2015-03-31/endpoint-rule-set-1.json.gz";
    let expected =
        format!("missing {DATA_DIR}beta/2015-03-31/endpoint-rule-set-1.json (or endpoint-rule-set-1.json.gz)");
    assert_rejected(changed(path, None), &expected);
    assert_rejected(changed("partitions.json", None), "missing botocore/data/partitions.json");
    let no_model = changed("gamma/2020-01-01/paginators-1.json", Some(PAGINATORS));
    assert_rejected(no_model, "botocore/data/gamma/ has no service-2.json in any version");
}

#[test]
fn invalid_content_is_named() {
    let path = "alpha/2021-06-30/paginators-1.json";
    assert_rejected(changed(path, Some(b"{\"pagination\": ")), &format!("{DATA_DIR}{path}: invalid JSON"));
    let not_partitions: &[u8] = br#"{"version":"1.1"}"#;
    assert_rejected(changed("partitions.json", Some(not_partitions)), "partitions.json: no \"partitions\" list");
    let both = changed("beta/2015-03-31/service-2.json.gz", Some(&gzip(SERVICE)));
    assert_rejected(both, "both botocore/data/beta/2015-03-31/service-2.json and");
}
