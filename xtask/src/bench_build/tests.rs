use super::*;

fn measured(name: &'static str, cpu: f64, crates: usize) -> Measured {
    Measured { name, what: "", cpu: Duration::from_secs_f64(cpu), wall: Duration::ZERO, crates }
}

#[test]
fn crates_are_distinct_names_and_versions_without_the_root() {
    let tree = "consumer-own v0.0.0 (/tmp/bench-build-x/own)
pinpoint-sms-voice-v2 v0.1.0 (/work/generated/pinpoint-sms-voice-v2)
http v1.3.1
bytes v1.10.1
itoa v1.0.15
http v1.3.1 (*)
serde_derive v1.0.219 (proc-macro)
http v0.2.12

";
    assert_eq!(count_crates(tree), 6);
}

#[test]
fn children_cpu_is_read_after_the_command_name() {
    // Field 2 may hold spaces and parentheses; cutime=250, cstime=50 ticks.
    let stat = "4242 (cargo (x) y) S 1 4242 4242 0 -1 4194560 100 200 0 0 7 3 250 50 20 0 1 0 99 1000 10";
    assert_eq!(parse_children_cpu(stat, 100), Some(Duration::from_secs(3)));
    assert_eq!(parse_children_cpu("4242 (cargo) S 1 2", 100), None);
}

#[test]
fn children_cpu_counts_a_finished_child() {
    let before = children_cpu().unwrap();
    // Busy for a while in a child process: the time shows once it is reaped.
    let status = Command::new("sh").args(["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"]).status().unwrap();
    assert!(status.success());
    let spent = children_cpu().unwrap() - before;
    assert!(spent >= Duration::from_millis(50), "{spent:?}");
}

#[test]
fn the_ratio_line_compares_cpu_with_the_sdk() {
    let results = [
        measured("own", 2.0, 5),
        measured("blocking", 8.0, 30),
        measured("async", 16.0, 80),
        measured("all", 20.0, 80),
        measured(SECOND, 20.5, 31),
        measured(SDK, 80.0, 120),
    ];
    assert_eq!(
        ratio_line(&results),
        "ratio: build_own=0.025 build_blocking=0.100 build_async=0.200 build_all=0.250 second_service=12.5 crates=0.25"
    );
}

#[test]
fn the_ratio_line_says_n_a_for_what_was_not_built() {
    assert_eq!(
        ratio_line(&[measured("own", 2.0, 5)]),
        "ratio: build_own=n/a build_blocking=n/a build_async=n/a build_all=n/a second_service=n/a crates=n/a"
    );
}

#[test]
fn the_sdk_version_is_the_bench_crates_exact_pin() {
    let manifest = std::fs::read_to_string(crate::root().join(MANIFEST)).unwrap();
    let version = pinned_sdk(&manifest).expect("an exact pin");
    assert!(version.split('.').count() == 3 && version.split('.').all(|p| p.parse::<u32>().is_ok()), "{version}");
    assert_eq!(pinned_sdk("aws-sdk-pinpointsmsvoicev2 = \"1\"\n"), None);
}

#[test]
fn every_consumer_has_a_unique_name_listed_in_the_usage() {
    let all = consumers::all(Path::new("/g"), Path::new("/s"), "1.2.3");
    let mut names: Vec<_> = all.iter().map(|c| c.name).collect();
    for name in &names {
        assert!(USAGE.contains(name), "{name}");
    }
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all.len());
    let sdk = all.iter().find(|c| c.name == SDK).unwrap();
    assert!(sdk.manifest().contains("aws-sdk-pinpointsmsvoicev2 = \"=1.2.3\""), "{}", sdk.manifest());
}

#[test]
fn an_unknown_consumer_is_refused_with_the_list() {
    let err = run(&["--only".to_owned(), "nope".to_owned()], &crate::root()).unwrap_err();
    assert!(err.contains("no consumer named `nope`") && err.contains("sdk-config"), "{err}");
}
