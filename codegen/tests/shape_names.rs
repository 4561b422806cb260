//! Model shapes named like the items the generator synthesizes for an
//! operation (glue's `TestConnectionInput` beside the operation
//! `TestConnection`): the operation's input and output keep `{Op}Input` and
//! `{Op}Output`, and the model's shape gets `Value` appended until its name is
//! free. A shape named like an operation's error enum keeps its name: the
//! enum lives in the operation's module, the shape in `types`.

use codegen::Selection;
use codegen::emit::CrateInfo;
use codegen::ir::{ShapeKind, TypeRef};
use codegen::model::{PaginatorsModel, ServiceModel};
use serde_json::json;

/// Operation `Get` (input `GetRequest`, output `GetResponse`) whose input
/// holds shapes named `GetInput`, `GetOutput` and `GetInputValue`, and whose
/// error is an exception named `GetError`.
fn model() -> ServiceModel {
    serde_json::from_value(json!({
        "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "T", "endpointPrefix": "t"},
        "operations": {"Get": {
            "name": "Get",
            "input": {"shape": "GetRequest"},
            "output": {"shape": "GetResponse"},
            "errors": [{"shape": "GetError"}],
        }},
        "shapes": {
            "GetRequest": {"type": "structure", "members": {
                "In": {"shape": "GetInput"},
                "Out": {"shape": "GetOutput"},
                "Other": {"shape": "GetInputValue"},
            }},
            "GetResponse": {"type": "structure", "members": {"In": {"shape": "GetInput"}}},
            "GetInput": {"type": "structure", "members": {"Name": {"shape": "Str"}}},
            "GetOutput": {"type": "string", "enum": ["a", "b"]},
            "GetInputValue": {"type": "structure", "members": {"Name": {"shape": "Str"}}},
            "GetError": {"type": "structure", "members": {"Message": {"shape": "Str"}}, "exception": true},
            "Str": {"type": "string"},
        },
    }))
    .unwrap()
}

fn paginators() -> PaginatorsModel {
    serde_json::from_value(json!({"pagination": {}})).unwrap()
}

#[test]
fn synthesized_inputs_and_outputs_keep_their_names_and_model_shapes_yield() {
    let service = codegen::lower::lower(&model(), &paginators(), &Selection::All).unwrap();
    let op = &service.operations[0];
    assert_eq!((op.input.as_str(), op.output.as_str(), op.error.as_str()), ("GetInput", "GetOutput", "GetError"));
    let rust = |wire: &str| service.shapes.values().find(|s| s.wire_name == wire).unwrap().rust_name.clone();
    assert_eq!(rust("GetInput"), "GetInputValueValue");
    assert_eq!(rust("GetOutput"), "GetOutputValue");
    assert_eq!(rust("GetInputValue"), "GetInputValue");
    assert_eq!(rust("GetError"), "GetError");
    // Members and the operation's errors name the renamed types.
    let ty = |m: &str| service.structure(&op.input).members.iter().find(|x| x.wire_name == m).unwrap().ty.clone();
    assert_eq!(ty("In"), TypeRef::Named("GetInputValueValue".into()));
    assert_eq!(ty("Out"), TypeRef::Named("GetOutputValue".into()));
    assert_eq!(ty("Other"), TypeRef::Named("GetInputValue".into()));
    assert_eq!(op.errors, ["GetError"]);
    assert!(matches!(service.shape("GetOutputValue").kind, ShapeKind::Enum(_)));
}

#[test]
fn the_rendered_crate_files_each_type_under_its_own_name() {
    let info = CrateInfo { package: "t".into(), version: "0.0.0".into(), ..CrateInfo::default() };
    let rendered = codegen::render(&model(), &paginators(), &Selection::All, &info).unwrap();
    let file = |path: &str| &rendered.files.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("{path}")).1;
    let op = file("src/operation/get.rs");
    assert!(op.contains("pub struct GetInput {"), "{op}");
    assert!(op.contains("pub r#in: Option<crate::types::GetInputValueValue>"), "{op}");
    assert!(op.contains("pub out: Option<crate::types::GetOutputValue>"), "{op}");
    assert!(file("src/types/_get_input_value_value.rs").contains("pub struct GetInputValueValue {"));
    assert!(file("src/types/_get_output_value.rs").contains("pub enum GetOutputValue {"));
    assert!(file("src/types/_get_error.rs").contains("pub struct GetError {"));
}
