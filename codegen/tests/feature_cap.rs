//! crates.io refuses a crate with more than 300 features. A service with too
//! many operations for one feature each groups them by resource; every
//! operation stays reachable through a declared feature, and every feature a
//! `cfg` names is declared. The models are built here rather than committed.

use codegen::emit::CrateInfo;
use codegen::model::{PaginatorsModel, ServiceModel};
use codegen::{Rendered, Selection};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// A service with operations `(name, parts)`: each operation's input holds
/// a member of every structure named in `parts`, so operations naming the
/// same part share items (and hidden features).
fn model(operations: &[(String, Vec<String>)]) -> ServiceModel {
    let mut shapes = Map::new();
    let mut ops = Map::new();
    shapes.insert("Str".into(), json!({"type": "string"}));
    for (name, parts) in operations {
        let members: Map<String, Value> = parts.iter().map(|p| (p.clone(), json!({"shape": p}))).collect();
        for part in parts {
            shapes.insert(part.clone(), json!({"type": "structure", "members": {"V": {"shape": "Str"}}}));
        }
        shapes.insert(format!("{name}Request"), json!({"type": "structure", "members": members}));
        shapes.insert(format!("{name}Result"), json!({"type": "structure", "members": {"V": {"shape": "Str"}}}));
        ops.insert(
            name.clone(),
            json!({"name": name, "input": {"shape": format!("{name}Request")}, "output": {"shape": format!("{name}Result")}}),
        );
    }
    serde_json::from_value(json!({
        "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "T", "endpointPrefix": "t"},
        "operations": ops,
        "shapes": shapes,
    }))
    .unwrap()
}

fn render(operations: &[(String, Vec<String>)]) -> Rendered {
    let paginators = PaginatorsModel::default();
    let info = CrateInfo { package: "t".into(), version: "0.0.0".into(), ..CrateInfo::default() };
    codegen::render(&model(operations), &paginators, &Selection::All, &info).unwrap()
}

/// The manifest's `[features]`: each name with what it enables.
fn features(rendered: &Rendered) -> BTreeMap<String, Vec<String>> {
    let manifest = &rendered.files.iter().find(|(p, _)| p == "Cargo.toml").unwrap().1;
    let table = manifest.split("[features]\n").nth(1).unwrap().split("\n[").next().unwrap();
    // Entries may span lines (`all-operations = [\n  "a",\n ]`): join them.
    let joined = table.lines().filter(|l| !l.trim_start().starts_with('#')).collect::<Vec<_>>().join(" ");
    let mut out = BTreeMap::new();
    for entry in joined.split(']').filter(|e| e.contains('=')) {
        let (name, list) = entry.split_once('=').unwrap();
        let enabled = list.split('"').skip(1).step_by(2).map(str::to_owned).collect();
        out.insert(name.trim().to_owned(), enabled);
    }
    out
}

/// Every `feature = "..."` the Rust sources name.
fn cfg_features(rendered: &Rendered) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, text) in rendered.files.iter().filter(|(p, _)| p.ends_with(".rs")) {
        for piece in text.split("feature = \"").skip(1) {
            let name = piece.split('"').next().unwrap();
            assert!(!name.is_empty(), "{path}");
            out.insert(name.to_owned());
        }
    }
    out
}

/// The feature `lib.rs` lists for each operation, by wire name.
fn operation_features(rendered: &Rendered) -> BTreeMap<String, String> {
    let lib = &rendered.files.iter().find(|(p, _)| p == "src/lib.rs").unwrap().1;
    lib.lines()
        .filter_map(|l| {
            let l = l.trim_start().strip_prefix("//! - `")?;
            let (wire, rest) = l.split_once('`')?;
            let feature = rest.split("(feature `").nth(1)?.split('`').next()?;
            Some((wire.to_owned(), feature.to_owned()))
        })
        .collect()
}

/// Checks the cap and that every operation is reachable: its feature is
/// declared, `all-operations` enables it, and every feature a `cfg` names
/// is declared.
fn check_cap(rendered: &Rendered, operations: usize) -> BTreeMap<String, String> {
    let features = features(rendered);
    assert!(features.len() <= 300, "{} features", features.len());
    let by_op = operation_features(rendered);
    assert_eq!(by_op.len(), operations);
    for (op, feature) in &by_op {
        assert!(features.contains_key(feature), "{op}: feature `{feature}` not declared");
        assert!(features["all-operations"].contains(feature), "{op}: `{feature}` not in all-operations");
    }
    for name in cfg_features(rendered) {
        assert!(features.contains_key(&name), "cfg names undeclared feature `{name}`");
    }
    by_op
}

#[test]
fn a_huge_service_groups_operations_by_resource_under_the_cap() {
    // 200 resources, three operations each; neighbours share a part, so the
    // items are gated on hundreds of distinct sets of operations.
    let mut ops = Vec::new();
    for i in 0..200 {
        let parts = vec![format!("Part{i}"), format!("Part{}", i + 1), "Common".to_owned()];
        ops.push((format!("CreateThing{i}x"), parts.clone()));
        ops.push((format!("DescribeThing{i}x"), parts.clone()));
        ops.push((format!("ListThing{i}xes"), parts));
    }
    let rendered = render(&ops);
    let by_op = check_cap(&rendered, 600);
    // One feature per resource, plurals folded onto the singular.
    assert_eq!(by_op["CreateThing7x"], "thing7x");
    assert_eq!(by_op["ListThing7xes"], "thing7x");
    assert_eq!(by_op.values().collect::<BTreeSet<_>>().len(), 200);
    // The cap leaves room for some hidden features, not all: the rest are
    // spelled out in `any(..)`.
    let features = features(&rendered);
    assert!(features.keys().any(|f| f.starts_with('_')));
    assert!(rendered.files.iter().any(|(_, text)| text.contains("cfg(any(feature =")));
}

#[test]
fn too_many_resources_group_by_initial() {
    // 320 one-word operations, each its own resource.
    let ops: Vec<(String, Vec<String>)> = (0..320)
        .map(|i| {
            let initial = char::from(b'A' + (i % 26) as u8);
            (format!("{initial}op{i}"), vec![format!("Part{}", i % 7)])
        })
        .collect();
    let rendered = render(&ops);
    let by_op = check_cap(&rendered, 320);
    assert_eq!(by_op["Aop0"], "a");
    assert_eq!(by_op["Cop2"], "c");
    assert_eq!(by_op.values().collect::<BTreeSet<_>>().len(), 26);
}

#[test]
fn a_service_under_the_cap_keeps_one_feature_per_operation() {
    // 290 operations fit beside the fixed features; the hidden ones the
    // shared parts would want do not, and give way.
    let ops: Vec<(String, Vec<String>)> =
        (0..290).map(|i| (format!("GetThing{i}"), vec![format!("Part{}", i % 50), format!("Part{}", i % 7)])).collect();
    let rendered = render(&ops);
    let by_op = check_cap(&rendered, 290);
    assert_eq!(by_op["GetThing3"], "get-thing3");
    assert_eq!(by_op.values().collect::<BTreeSet<_>>().len(), 290);
}
