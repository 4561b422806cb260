//! Every service model vendored in `model/` loads into `codegen::model`: the service, its
//! paginators and its endpoint rules, gzip-compressed or not. Lowering every JSON-protocol
//! service takes a minute in a debug build, so it is `cargo xtask models`, not a test.

use codegen::model::endpoints::{Partitions, RuleSet};
use codegen::model::{PaginatorsModel, ServiceModel};
use codegen::source::{ServiceDir, load, service_dirs};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Parses the files of one service; the error names the file.
fn load_service(dir: &ServiceDir) -> Result<(), String> {
    let required = |name: &str| dir.file(name).ok_or_else(|| format!("{}: no {name}", dir.path.display()));
    load::<ServiceModel>(&required("service-2.json")?).map_err(|e| e.to_string())?;
    load::<RuleSet>(&required("endpoint-rule-set-1.json")?).map_err(|e| e.to_string())?;
    if let Some(path) = dir.file("paginators-1.json") {
        load::<PaginatorsModel>(&path).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[test]
fn every_vendored_service_loads() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../model");
    load::<Partitions>(&model.join("partitions.json")).unwrap();
    let services = service_dirs(&model).unwrap();
    // SHA256SUMS lists what update-model wrote: no service folder may be missed.
    let sums = std::fs::read_to_string(model.join("SHA256SUMS")).unwrap();
    let listed = sums.lines().filter(|l| l.ends_with("/service-2.json.gz") || l.ends_with("/service-2.json")).count();
    assert_eq!(services.len(), listed, "service folders vs service models in SHA256SUMS");
    assert!(services.iter().any(|s| s.service == "pinpoint-sms-voice-v2"));

    // Some 130 MB of JSON: spread over the cores.
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(dir) = services.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(e) = load_service(dir) {
                        failures.lock().unwrap().push(e);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} services do not load:\n{}",
        failures.len(),
        services.len(),
        failures.join("\n")
    );
}
