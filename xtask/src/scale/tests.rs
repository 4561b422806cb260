use super::check::Messages;
use super::*;

fn candidate(name: &str, shapes: usize) -> Candidate {
    let dir = ServiceDir { service: name.to_owned(), api_version: "2020-01-01".to_owned(), path: PathBuf::from(name) };
    Candidate { dir, shapes, protocol: "awsJson1_0" }
}

/// `s00` .. `s29`, sized 1 .. 30 shapes but not in name order.
fn thirty() -> Vec<Candidate> {
    (0..30).map(|i| candidate(&format!("s{i:02}"), (i * 7) % 30 + 1)).collect()
}

fn names(cs: &[Candidate]) -> Vec<&str> {
    cs.iter().map(|c| c.dir.service.as_str()).collect()
}

#[test]
fn a_sample_takes_the_largest_third_and_spreads_the_rest() {
    let all = thirty();
    let sample = select(&all, Some(6), None).unwrap();
    let mut sizes: Vec<usize> = sample.iter().map(|c| c.shapes).collect();
    sizes.sort_unstable();
    // The two largest (30, 29), then the middle of each quarter of the other 28 (sizes 28 .. 1).
    assert_eq!(sizes, [4, 11, 18, 25, 29, 30]);
    // Deterministic, in name order, no service twice.
    assert_eq!(sample, select(&all, Some(6), None).unwrap());
    let mut sorted = names(&sample);
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, names(&sample));
}

#[test]
fn a_sample_as_large_as_the_whole_is_the_whole() {
    let all = thirty();
    assert_eq!(select(&all, Some(30), None).unwrap(), all);
    assert_eq!(select(&all, Some(1), None).unwrap().len(), 1);
    assert_eq!(select(&all, Some(1), None).unwrap()[0].shapes, 30);
}

#[test]
fn only_names_services_that_exist() {
    let all = thirty();
    let only = ["s03".to_owned(), "s01".to_owned()];
    assert_eq!(names(&select(&all, None, Some(&only)).unwrap()), ["s01", "s03"]);
    let err = select(&all, None, Some(&["nope".to_owned()])).unwrap_err();
    assert!(err.contains("`nope`"), "{err}");
}

#[test]
fn options_refuse_a_sample_of_nothing_and_both_selections() {
    let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert!(options(&args(&["--sample", "0"])).is_err());
    assert!(options(&args(&["--sample", "3", "--only", "a"])).is_err());
    let o = options(&args(&["--only", "a,b", "--no-check"])).unwrap().unwrap();
    assert_eq!(o.only, Some(vec!["a".to_owned(), "b".to_owned()]));
    assert!(!o.check);
    assert!(options(&args(&["--help"])).unwrap().is_none());
    assert!(options(&args(&["--protocol", "restXml"])).is_err());
    let o = options(&args(&["--protocol", "restJson1"])).unwrap().unwrap();
    assert_eq!(o.protocol.as_deref(), Some("restJson1"));
    let o = options(&args(&["--protocol", "awsQuery"])).unwrap().unwrap();
    assert_eq!(o.protocol.as_deref(), Some("awsQuery"));
}

fn message(folder: &str, reason: &str, level: &str, rendered: &str) -> String {
    serde_json::json!({
        "reason": reason,
        "manifest_path": format!("/x/target/scale/{folder}/Cargo.toml"),
        "message": {"level": level, "rendered": rendered},
    })
    .to_string()
}

#[test]
fn cargo_messages_give_each_crate_compiled_or_its_first_error() {
    let mut m = Messages::default();
    m.read(&message("sqs", "compiler-artifact", "", ""));
    m.read(&message("glue", "compiler-message", "warning", "warning: ignored"));
    m.read(&message("glue", "compiler-message", "error", "error[E0428]: defined twice\n --> src/a.rs\n"));
    m.read(&message("glue", "compiler-message", "error", "error: second"));
    m.read(&message("glue", "compiler-message", "error", "error: aborting due to 2 previous errors"));
    m.read("Checking glue v0.0.0 (not JSON)");
    let out = m.outcome(&["glue", "sqs", "kms"]);
    assert_eq!(out.compiled.iter().collect::<Vec<_>>(), ["sqs"]);
    assert_eq!(out.failed["glue"], "2 errors, the first: error[E0428]: defined twice\n --> src/a.rs");
    assert!(out.failed["kms"].starts_with("not checked"), "{}", out.failed["kms"]);
}

#[test]
fn the_verdict_fails_on_new_and_on_fixed_failures_of_the_services_run() {
    let failures: BTreeMap<String, String> = [("a".to_owned(), "check: 1 error".to_owned())].into();
    let known = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    };
    assert!(verdict(&["a", "b"], &failures, &known(&[("a", "check: x")]), true).is_ok());
    let new = verdict(&["a", "b"], &failures, &known(&[]), true).unwrap_err();
    assert!(new.contains("a fails and is not in"), "{new}");
    let fixed = verdict(&["a", "b"], &failures, &known(&[("a", "check: x"), ("b", "check: y")]), true).unwrap_err();
    assert!(fixed.contains("b is in"), "{fixed}");
    // Not run, or not checked: a listed compile failure is not expected.
    assert!(verdict(&["a"], &failures, &known(&[("a", "check: x"), ("c", "check: y")]), true).is_ok());
    assert!(verdict(&["a", "b"], &failures, &known(&[("a", "check: x"), ("b", "check: y")]), false).is_ok());
}

#[test]
fn services_start_largest_first_and_ties_keep_their_order() {
    assert_eq!(largest_first(&[3, 10, 3, 7, 10]), [1, 4, 3, 0, 2]);
    assert_eq!(largest_first(&[]), Vec::<usize>::new());
}

#[test]
fn the_probe_counts_the_shapes_the_full_model_has() {
    let model_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../model");
    let found = json_services(&model_dir).unwrap();
    for name in ["pinpoint-sms-voice-v2", "sqs", "sagemaker"] {
        let candidate = found.iter().find(|c| c.dir.service == name).unwrap();
        let full: ServiceModel = load(&candidate.dir.file("service-2.json").unwrap()).unwrap();
        assert!(full.shapes.len() > 50, "{name}");
        assert_eq!(candidate.shapes, full.shapes.len(), "{name}");
    }
}
