//! Odd model graphs: lists and maps that contain themselves, deep nesting,
//! long chains and cycles of structures. Each either generates or fails with
//! one error naming the shape path; none may overflow the stack or take
//! quadratic time. The models are built here rather than committed.

use codegen::emit::CrateInfo;
use codegen::model::{PaginatorsModel, ServiceModel};
use codegen::{Error, Rendered, Selection};
use serde_json::{Map, Value, json};

/// A service with one operation `Get` whose input and output both hold
/// member `X` of shape `top`, plus `shapes`.
fn model(top: &str, shapes: Map<String, Value>) -> ServiceModel {
    let mut all = shapes;
    all.insert("GetInput".into(), json!({"type": "structure", "members": {"X": {"shape": top}}}));
    all.insert("GetOutput".into(), json!({"type": "structure", "members": {"X": {"shape": top}}}));
    all.insert("Str".into(), json!({"type": "string"}));
    serde_json::from_value(json!({
        "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T", "endpointPrefix": "t"},
        "operations": {"Get": {"name": "Get", "input": {"shape": "GetInput"}, "output": {"shape": "GetOutput"}}},
        "shapes": all,
    }))
    .unwrap()
}

fn render(service: &ServiceModel) -> Result<Rendered, Error> {
    let paginators: PaginatorsModel = serde_json::from_value(json!({"pagination": {}})).unwrap();
    let info = CrateInfo { package: "t".into(), version: "0.0.0".into(), ..CrateInfo::default() };
    codegen::render(service, &paginators, &Selection::All, &info)
}

fn file<'r>(rendered: &'r Rendered, path: &str) -> &'r str {
    &rendered.files.iter().find(|(p, _)| p == path).unwrap().1
}

/// Every shape's file under `src/types/`, one after the other.
fn types(rendered: &Rendered) -> String {
    rendered.files.iter().filter(|(p, _)| p.starts_with("src/types/")).map(|(_, text)| text.as_str()).collect()
}

fn shapes(pairs: impl IntoIterator<Item = (String, Value)>) -> Map<String, Value> {
    pairs.into_iter().collect()
}

/// `L1` .. `L{depth}`, each a list of the one before; `L0` is `Str`.
fn nested_lists(depth: usize) -> Map<String, Value> {
    shapes((1..=depth).map(|i| {
        let member = if i == 1 { "Str".to_owned() } else { format!("L{}", i - 1) };
        (format!("L{i}"), json!({"type": "list", "member": {"shape": member}}))
    }))
}

#[test]
fn a_list_of_itself_is_one_error_naming_the_cycle() {
    let m = model("L", shapes([("L".into(), json!({"type": "list", "member": {"shape": "L"}}))]));
    let e = render(&m).unwrap_err();
    assert_eq!(e.context, "shape `L`");
    assert!(e.message.contains("`L` member -> `L`"), "{e}");
    assert!(e.message.contains("no structure"), "{e}");
}

#[test]
fn a_list_map_list_cycle_names_every_step() {
    let m = model(
        "Outer",
        shapes([
            ("Outer".into(), json!({"type": "list", "member": {"shape": "M"}})),
            ("M".into(), json!({"type": "map", "key": {"shape": "Str"}, "value": {"shape": "L"}})),
            ("L".into(), json!({"type": "list", "member": {"shape": "M"}})),
        ]),
    );
    let e = render(&m).unwrap_err();
    // Reported from the cycle's first shape by name, whichever way it was reached.
    assert_eq!(e.context, "shape `L`");
    assert!(e.message.contains("`L` member -> `M` value -> `L`"), "{e}");
}

#[test]
fn lists_nested_to_the_limit_generate() {
    // 64 is the generator's limit (`lower::nesting::MAX_NESTING`).
    let rendered = render(&model("L64", nested_lists(64))).unwrap_or_else(|e| panic!("{e}"));
    let ty = format!("Option<{}String{}>", "Vec<".repeat(64), ">".repeat(64));
    // prettyplease breaks the long type over lines, with trailing commas.
    let all: String = rendered.files.iter().flat_map(|(_, text)| text.chars()).collect();
    let code: String = all.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
    assert!(code.contains(&ty), "no 64-deep Vec");
    // rustc's default recursion limit cannot prove such a type `Send`.
    let lib = file(&rendered, "src/lib.rs");
    assert!(lib.contains("#![recursion_limit = \"640\"]"));
    assert!(lib.contains("#![allow(clippy::type_complexity)]"));
}

#[test]
fn nesting_past_the_limit_is_an_error_not_a_stack_overflow() {
    // Far deeper than any stack could follow by recursion.
    let depth = 200_000;
    let e = render(&model(&format!("L{depth}"), nested_lists(depth))).unwrap_err();
    // The first shape past the limit, counting from the innermost list.
    assert_eq!(e.context, "shape `L65`");
    assert!(e.message.contains("lists and maps nested more than 64 deep"), "{e}");
}

#[test]
fn a_long_cycle_of_lists_is_reported_without_recursion() {
    let n = 200_000;
    let m = model(
        "L0",
        shapes(
            (0..n)
                .map(|i| (format!("L{i}"), json!({"type": "list", "member": {"shape": format!("L{}", (i + 1) % n)}}))),
        ),
    );
    let e = render(&m).unwrap_err();
    assert_eq!(e.context, "shape `L0`");
    assert!(e.message.contains("`L0` member -> `L1` member -> "), "{e}");
}

#[test]
fn a_map_key_must_be_a_string() {
    let m =
        model("M", shapes([("M".into(), json!({"type": "map", "key": {"shape": "M"}, "value": {"shape": "Str"}}))]));
    let e = render(&m).unwrap_err();
    assert_eq!(e.context, "shape `M` key");
    assert!(e.message.contains("map keys must be string shapes"), "{e}");
}

/// `S0` .. `S{n-1}`, each with member `Next` targeting the next; the last
/// one's `Next` targets `last`.
fn chain(n: usize, last: &str) -> Map<String, Value> {
    shapes((0..n).map(|i| {
        let next = if i + 1 == n { last.to_owned() } else { format!("S{}", i + 1) };
        (format!("S{i}"), json!({"type": "structure", "members": {"Next": {"shape": next}}}))
    }))
}

#[test]
fn a_chain_of_5000_structures_generates_without_boxes() {
    let rendered = render(&model("S0", chain(5000, "Str"))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rendered.shapes, 5002);
    let types = types(&rendered);
    assert!(types.contains("pub struct S4999"));
    assert!(!types.contains("Box<"), "nothing in a chain needs a box");
    assert!(!file(&rendered, "src/lib.rs").contains("recursion_limit"));
}

#[test]
fn a_cycle_of_2000_structures_boxes_every_link() {
    let rendered = render(&model("S0", chain(2000, "S0"))).unwrap_or_else(|e| panic!("{e}"));
    let types = types(&rendered);
    for i in [0, 1, 1000, 1999] {
        let next = (i + 1) % 2000;
        let field = format!("pub next: Option<Box<crate::types::S{next}>>");
        assert!(types.contains(&field), "S{i}.next is not boxed");
    }
    assert_eq!(types.matches("pub next: Option<Box<crate::types::S").count(), 2000);
}

#[test]
fn a_cycle_through_a_list_needs_no_box() {
    // Node -> Children (list) -> Node: the Vec already puts Node behind a pointer.
    let m = model(
        "Node",
        shapes([
            ("Node".into(), json!({"type": "structure", "members": {"Children": {"shape": "Children"}}})),
            ("Children".into(), json!({"type": "list", "member": {"shape": "Node"}})),
        ]),
    );
    let rendered = render(&m).unwrap_or_else(|e| panic!("{e}"));
    let types = types(&rendered);
    assert!(types.contains("pub children: Option<Vec<crate::types::Node>>"), "{types}");
    assert!(!types.contains("Box<"));
}
