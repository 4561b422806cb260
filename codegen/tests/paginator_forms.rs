//! Paginator entries the generator resolves, and those it refuses with an
//! error naming the paginator and what is wrong (botocore's JMESPath subset
//! is members joined by `.`, with `[-1]` after a list). What the resolved
//! paginators do is tested through the fixture `tests/fixtures/paginators`.

use codegen::Selection;
use codegen::ir::ResultKind;
use codegen::model::{PaginatorsModel, ServiceModel};
use serde_json::{Value, json};

/// One operation `List`: tokens `Token`/`Next`, `Marker`/`NextMarker`, a
/// map token `Start`/`Last`, items under `Page.Items`, a flag `Page.More`,
/// counts `Count` and a map `ByName`.
fn service() -> ServiceModel {
    serde_json::from_value(json!({
        "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T", "endpointPrefix": "t"},
        "operations": {"List": {"name": "List", "input": {"shape": "ListInput"}, "output": {"shape": "ListOutput"}}},
        "shapes": {
            "ListInput": {"type": "structure", "members": {
                "Token": {"shape": "Str"}, "Marker": {"shape": "Str"}, "Start": {"shape": "Key"}}},
            "ListOutput": {"type": "structure", "members": {
                "Next": {"shape": "Str"}, "NextMarker": {"shape": "Str"}, "Last": {"shape": "Key"},
                "Page": {"shape": "Page"}, "Count": {"shape": "Int"}, "ByName": {"shape": "Key"}}},
            "Page": {"type": "structure", "members": {"Items": {"shape": "Items"}, "More": {"shape": "Bool"}}},
            "Items": {"type": "list", "member": {"shape": "Item"}},
            "Item": {"type": "structure", "members": {"Id": {"shape": "Str"}}},
            "Key": {"type": "map", "key": {"shape": "Str"}, "value": {"shape": "Str"}},
            "Str": {"type": "string"},
            "Int": {"type": "integer"},
            "Bool": {"type": "boolean"}
        }
    }))
    .unwrap()
}

fn lower(paginator: Value) -> Result<codegen::ir::Paginator, String> {
    let paginators: PaginatorsModel = serde_json::from_value(json!({"pagination": {"List": paginator}})).unwrap();
    let service = codegen::lower::lower(&service(), &paginators, &Selection::All).map_err(|e| e.to_string())?;
    Ok(service.operations[0].paginator.clone().unwrap())
}

#[test]
fn every_form_botocore_has_resolves() {
    let p = lower(json!({
        "input_token": ["Token", "Marker", "Start"], "output_token": ["Page.Items[-1].Id", "NextMarker", "Last"],
        "more_results": "Page.More", "result_key": ["Page.Items", "Count", "ByName"],
        "non_aggregate_keys": ["Page.More"]
    }))
    .unwrap();
    let inputs: Vec<_> = p.tokens.iter().map(|t| t.input_wire.as_str()).collect();
    assert_eq!(inputs, ["Token", "Marker", "Start"]);
    assert_eq!(p.tokens[0].output.steps.len(), 3);
    assert_eq!(p.tokens[0].output.steps[1].last_of, Some(false));
    assert!(p.more_results.is_some());
    let kinds: Vec<_> = p
        .result_keys
        .iter()
        .map(|k| match k.kind {
            ResultKind::List { .. } => "list",
            ResultKind::Map { .. } => "map",
            ResultKind::Value => "value",
        })
        .collect();
    assert_eq!(kinds, ["list", "value", "map"]);
    assert_eq!(p.item_enum.as_deref(), Some("ListItem"));
    assert_eq!(p.non_aggregate.unwrap().rust_name, "ListNonAggregate");
}

#[test]
fn unsupported_forms_are_refused_by_name() {
    let base = json!({"input_token": "Token", "output_token": "Next"});
    let with = |key: &str, value: Value| {
        let mut p = base.clone();
        p[key] = value;
        lower(p).unwrap_err()
    };
    let cases = [
        (with("output_token", json!("Page.Items[0].Id")), "is not members joined by `.`"),
        (with("output_token", json!("Page.Missing")), "output member `Page.Missing` does not exist"),
        (with("output_token", json!("Count.Id")), "`Id` is not in a structure"),
        (with("output_token", json!(["Next", "NextMarker"])), "1 input tokens but 2 output tokens"),
        (with("output_token", json!("Last")), "have different types"),
        (with("more_results", json!("Count")), "more_results `Count` is not a boolean"),
        (with("result_key", json!("Page.Items[-1]")), "takes an element of a list"),
        (with("input_token", json!("Nope")), "input member `Nope` does not exist"),
        (with("limit_key", json!("Start")), "limit_key `Start` is not an integer, a long or a string"),
    ];
    for (err, expected) in cases {
        assert!(err.contains("paginator `List`"), "{err}");
        assert!(err.contains(expected), "{err} should say {expected}");
    }
}

#[test]
fn a_string_limit_key_is_a_page_size_sent_as_text() {
    // apigatewayv2, glacier and greengrass model their page sizes as strings.
    let p = lower(json!({"input_token": "Token", "output_token": "Next", "limit_key": "Marker"})).unwrap();
    let page_size = p.page_size.expect("the limit key is the page size");
    assert_eq!(page_size.field, "marker");
    assert_eq!(page_size.ty, codegen::ir::TypeRef::String);
}
