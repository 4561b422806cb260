//! awsQuery's lowering: what its forms and XML cannot carry, and the form
//! and element names of each member ([`ir::XmlMember`]), as botocore's
//! `QuerySerializer` and `QueryParser` read them from the model.

use crate::error::{Error, Result};
use crate::ir::{self, ShapeKind, TypeRef, XmlLevel, XmlMember};
use crate::model::{Member, ServiceModel};
use std::collections::BTreeMap;

/// Refuses documents: awsQuery has no way to write or read one.
pub(super) fn check(shapes: &BTreeMap<String, ir::Shape>) -> Result<()> {
    for shape in shapes.values() {
        let members = match &shape.kind {
            ShapeKind::Struct(s) => &s.members,
            ShapeKind::Union(u) => &u.members,
            ShapeKind::Enum(_) => continue,
        };
        for m in members {
            let mut ty = &m.ty;
            // Only the value side of lists and maps can hold a document.
            while let TypeRef::List { member: inner, .. } | TypeRef::Map { value: inner, .. } = ty {
                ty = inner;
            }
            if *ty == TypeRef::Document {
                return Err(Error::new(
                    format!("shape `{}` member `{}`", shape.wire_name, m.wire_name),
                    "a document cannot be sent or read in awsQuery",
                ));
            }
        }
    }
    Ok(())
}

/// The names of member `name` (`m`): its `locationName` or its name, then
/// each list or map level's.
pub(super) fn member(model: &ServiceModel, name: &str, m: &Member) -> XmlMember {
    let target = &model.shapes[&m.shape];
    let flattened = m.flattened || target.flattened;
    // Also for a flattened list whose items are named: the protocol suites
    // want `Hi.1` and `<Hi>` for member `Hi` of a list of `item`s.
    let element = m.location_name.clone().unwrap_or_else(|| name.to_owned());
    let mut levels = Vec::new();
    let mut shape = target;
    let mut level_flattened = flattened;
    // Lowering has checked that lists and maps nest finitely.
    loop {
        let (level, next) = match shape.kind.as_str() {
            "list" => {
                let item = shape.member.as_ref().expect("closure checked list members");
                let name = item.location_name.clone().unwrap_or_else(|| "member".to_owned());
                (XmlLevel { flattened: level_flattened, item: name, ..XmlLevel::default() }, &item.shape)
            }
            "map" => {
                let key = shape.key.as_ref().expect("closure checked map keys");
                let value = shape.value.as_ref().expect("closure checked map values");
                let level = XmlLevel {
                    flattened: level_flattened,
                    item: String::new(),
                    key: key.location_name.clone().unwrap_or_else(|| "key".to_owned()),
                    value: value.location_name.clone().unwrap_or_else(|| "value".to_owned()),
                };
                (level, &value.shape)
            }
            _ => break,
        };
        levels.push(level);
        shape = &model.shapes[next];
        level_flattened = shape.flattened;
    }
    XmlMember { name: element, levels }
}

#[cfg(test)]
mod tests {
    use crate::ir::{Protocol, ShapeKind, StructRole, TimestampFormat, TypeRef, XmlLevel};
    use crate::lower::{Selection, lower};
    use crate::model::{PaginatorsModel, ServiceModel};
    use serde_json::{Value, json};

    fn model(output: Value, extra: Value) -> ServiceModel {
        let mut model = json!({
            "metadata": { "protocol": "query", "apiVersion": "2011-06-15", "endpointPrefix": "sts" },
            "operations": { "Get": { "name": "Get", "input": { "shape": "GetRequest" }, "output": output,
                                      "errors": [{ "shape": "Bad" }, { "shape": "Plain" }] } },
            "shapes": {
                "GetRequest": { "type": "structure", "members": {
                    "Plain": { "shape": "S" },
                    "Renamed": { "shape": "S", "locationName": "Other" },
                    "Flat": { "shape": "Items", "flattened": true, "locationName": "Item" },
                    "Wrapped": { "shape": "Items" },
                    "Pairs": { "shape": "Pairs" },
                    "Nested": { "shape": "Nested" },
                    "When": { "shape": "T" }
                } },
                "GetResponse": { "type": "structure", "members": { "When": { "shape": "T" } } },
                "Items": { "type": "list", "member": { "shape": "S", "locationName": "item" } },
                "Pairs": { "type": "map", "flattened": true,
                           "key": { "shape": "S", "locationName": "Name" }, "value": { "shape": "Items" } },
                "Nested": { "type": "list", "member": { "shape": "Pairs" } },
                "Bad": { "type": "structure", "members": {}, "exception": true,
                         "error": { "code": "Bad.Code", "httpStatusCode": 400, "senderFault": true } },
                "Plain": { "type": "structure", "members": {}, "exception": true },
                "S": { "type": "string" },
                "T": { "type": "timestamp" }
            }
        });
        if let (Value::Object(shapes), Value::Object(more)) = (&mut model["shapes"], extra) {
            shapes.extend(more);
        }
        serde_json::from_value(model).unwrap()
    }

    fn member(service: &crate::ir::Service, shape: &str, name: &str) -> crate::ir::Member {
        let ShapeKind::Struct(s) = &service.shape(shape).kind else { panic!("{shape} is a structure") };
        s.members.iter().find(|m| m.wire_name == name).unwrap().clone()
    }

    fn level(flattened: bool, item: &str, key: &str, value: &str) -> XmlLevel {
        XmlLevel { flattened, item: item.into(), key: key.into(), value: value.into() }
    }

    #[test]
    fn members_carry_their_form_and_element_names() {
        let output = json!({ "shape": "GetResponse", "resultWrapper": "GetThingResult" });
        let service = lower(&model(output, json!({})), &PaginatorsModel::default(), &Selection::All).unwrap();
        assert_eq!(service.protocol, Protocol::AwsQuery);
        assert_eq!(service.operations[0].result_wrapper, "GetThingResult");
        let names = |name: &str| member(&service, "GetInput", name).xml;
        assert_eq!((names("Plain").name.as_str(), names("Plain").levels.len()), ("Plain", 0));
        assert_eq!(names("Renamed").name, "Other");
        assert_eq!(names("Flat").name, "Item");
        assert_eq!(names("Flat").levels, [level(true, "item", "", "")]);
        assert_eq!(names("Wrapped").levels, [level(false, "item", "", "")]);
        // A map's own `flattened` counts; the levels go on into its values.
        assert_eq!(names("Pairs").levels, [level(true, "", "Name", "value"), level(false, "item", "", "")]);
        assert_eq!(names("Nested").levels[..2], [level(false, "member", "", ""), level(true, "", "Name", "value")]);
        assert_eq!(member(&service, "GetInput", "When").ty, TypeRef::Timestamp(TimestampFormat::DateTime));
    }

    #[test]
    fn errors_are_matched_by_their_query_code_and_outputs_have_a_default_wrapper() {
        let service =
            lower(&model(json!({ "shape": "GetResponse" }), json!({})), &PaginatorsModel::default(), &Selection::All)
                .unwrap();
        assert_eq!(service.operations[0].result_wrapper, "GetResult");
        let code = |name: &str| match &service.shape(name).kind {
            ShapeKind::Struct(s) => match &s.role {
                StructRole::Error(info) => (info.code.clone(), info.query_code.clone()),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        assert_eq!(code("Bad"), ("Bad.Code".to_owned(), None));
        assert_eq!(code("Plain"), ("Plain".to_owned(), None));
    }

    #[test]
    fn documents_are_refused() {
        let extra = json!({ "GetResponse": { "type": "structure", "members": { "D": { "shape": "Doc" } } },
                            "Doc": { "type": "structure", "members": {}, "document": true } });
        let err = lower(&model(json!({ "shape": "GetResponse" }), extra), &PaginatorsModel::default(), &Selection::All)
            .unwrap_err();
        assert_eq!(err.to_string(), "shape `GetResponse` member `D`: a document cannot be sent or read in awsQuery");
    }
}
