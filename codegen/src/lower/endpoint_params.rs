//! The endpoint rule-set parameters an operation sets: `staticContextParams`
//! (literals), input members marked `contextParam`, and
//! `operationContextParams`, whose paths are the JMESPath subset the models
//! use: member chains, `[*]` over lists, `keys(..)` of maps and a flattened
//! multi-select list (`[a.b, c.d][]`) at the end. Any other path is an
//! error naming it.

use crate::error::{Error, Result};
use crate::ir::endpoints::{Literal, OperationParam, OperationValue, PathStep, ValueType};
use crate::ir::{self, ShapeKind, TypeRef};
use crate::model::ServiceModel;
use serde_json::Value;
use std::collections::BTreeMap;

/// Fills `endpoint_params` of a lowered operation.
pub(crate) fn lower(model: &ServiceModel, op: &mut ir::Operation, shapes: &BTreeMap<String, ir::Shape>) -> Result<()> {
    let model_op = &model.operations[&op.wire_name];
    let err = |message: String| Error::new(format!("operation `{}`", op.wire_name), message);
    let mut params = Vec::new();
    for (name, p) in &model_op.static_context_params {
        let value = match &p.value {
            Value::String(s) => Literal::String(s.clone()),
            Value::Bool(b) => Literal::Bool(*b),
            Value::Array(items) if items.iter().all(Value::is_string) => {
                Literal::StringArray(items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            }
            other => return Err(err(format!("static context parameter `{name}`: unsupported value `{other}`"))),
        };
        params.push(OperationParam { name: name.clone(), value: OperationValue::Literal(value) });
    }
    let input = TypeRef::Named(op.input.clone());
    if let Some(shape) = model_op.input.as_ref().and_then(|r| model.shapes.get(&r.shape)) {
        for (member, m) in &shape.members {
            let Some(context) = &m.context_param else { continue };
            let value = path(&[Segment::Field(member.clone())], &input, shapes)
                .map_err(|e| err(format!("context parameter `{}` (member `{member}`): {e}", context.name)))?;
            params.push(OperationParam { name: context.name.clone(), value });
        }
    }
    for (name, p) in &model_op.operation_context_params {
        let segments =
            parse(&p.path).map_err(|e| err(format!("operation context parameter `{name}`: `{}`: {e}", p.path)))?;
        let value = path(&segments, &input, shapes)
            .map_err(|e| err(format!("operation context parameter `{name}`: `{}`: {e}", p.path)))?;
        params.push(OperationParam { name: name.clone(), value });
    }
    op.endpoint_params = params;
    Ok(())
}

/// A parsed path, before it meets the types.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Field(String),
    Each,
    Keys(Vec<Segment>),
    Select(Vec<Vec<Segment>>),
}

/// `keys(expr)` or `expr`, where `expr` is `a.b[*].c` optionally ending in a
/// flattened multi-select `[x.y, z][]`.
fn parse(text: &str) -> Result<Vec<Segment>, String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("keys(").and_then(|t| t.strip_suffix(')')) {
        return Ok(vec![Segment::Keys(parse(inner)?)]);
    }
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[*]") {
            out.push(Segment::Each);
            rest = after;
        } else if rest.starts_with('[') {
            let close = rest
                .rfind("][]")
                .filter(|c| c + 3 == rest.len())
                .ok_or("only a flattened multi-select list (`[a, b][]`) may end a path")?;
            let branches = rest[1..close].split(',').map(parse).collect::<Result<Vec<_>, _>>()?;
            out.push(Segment::Select(branches));
            rest = "";
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let name = &rest[..end];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!(
                    "`{name}` is not a member name (the supported paths are members, `[*]`, `keys(..)` and `[a, b][]`)"
                ));
            }
            out.push(Segment::Field(name.to_owned()));
            rest = &rest[end..];
        }
        if let Some(after) = rest.strip_prefix('.') {
            rest = after;
        }
    }
    Ok(out)
}

/// Types the segments against the input: what each step reads, and what
/// the path gives.
fn path(segments: &[Segment], input: &TypeRef, shapes: &BTreeMap<String, ir::Shape>) -> Result<OperationValue, String> {
    let (steps, leaf, projects) = walk(segments, input, shapes)?;
    let ty = match (&leaf, projects) {
        (TypeRef::String, true) => ValueType::StringArray,
        (TypeRef::Named(n), true) if is_enum(n, shapes) => ValueType::StringArray,
        (TypeRef::String, false) => ValueType::String,
        (TypeRef::Named(n), false) if is_enum(n, shapes) => ValueType::String,
        (TypeRef::Bool, false) => ValueType::Bool,
        (TypeRef::List { member, sparse: false }, false) if matches!(**member, TypeRef::String) => {
            // A list of strings as it is: every element.
            let mut steps = steps;
            steps.push(PathStep::Each { sparse: false });
            return Ok(OperationValue::Path { steps, ty: ValueType::StringArray });
        }
        (other, _) => return Err(format!("it reads a {other:?}, not a string, a boolean or strings")),
    };
    Ok(OperationValue::Path { steps, ty })
}

fn is_enum(name: &str, shapes: &BTreeMap<String, ir::Shape>) -> bool {
    shapes.get(name).is_some_and(|s| matches!(s.kind, ShapeKind::Enum(_)))
}

/// The steps, the leaf's type, and whether the path projects (gives many values).
fn walk(
    segments: &[Segment],
    start: &TypeRef,
    shapes: &BTreeMap<String, ir::Shape>,
) -> Result<(Vec<PathStep>, TypeRef, bool), String> {
    let mut ty = start.clone();
    let mut steps = Vec::new();
    let mut projects = false;
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Field(name) => {
                let members = match &ty {
                    TypeRef::Named(n) => match shapes.get(n).map(|s| &s.kind) {
                        Some(ShapeKind::Struct(s)) => &s.members,
                        _ => return Err(format!("`{name}` is read from `{n}`, which is not a structure")),
                    },
                    other => return Err(format!("`{name}` is read from a {other:?}, not a structure")),
                };
                let member =
                    members.iter().find(|m| m.wire_name == *name).ok_or_else(|| format!("no member `{name}`"))?;
                steps.push(PathStep::Field { rust_name: member.rust_name.clone(), optional: member.optional });
                ty = member.ty.clone();
            }
            Segment::Each => {
                let TypeRef::List { member, sparse } = &ty else { return Err("`[*]` needs a list".to_owned()) };
                steps.push(PathStep::Each { sparse: *sparse });
                ty = (**member).clone();
                projects = true;
            }
            Segment::Keys(inner) => {
                let (inner_steps, map, _) = walk(inner, &ty, shapes)?;
                let TypeRef::Map { key, .. } = map else { return Err("`keys(..)` needs a map".to_owned()) };
                steps.extend(inner_steps);
                steps.push(PathStep::Keys);
                ty = *key;
                projects = true;
            }
            Segment::Select(branches) => {
                if i + 1 != segments.len() {
                    return Err("a multi-select list must end the path".to_owned());
                }
                let mut out = Vec::new();
                let mut leaf = None;
                for branch in branches {
                    let (branch_steps, branch_ty, _) = walk(branch, &ty, shapes)?;
                    if leaf.as_ref().is_some_and(|l| *l != branch_ty) {
                        return Err("the multi-select's branches read different types".to_owned());
                    }
                    leaf = Some(branch_ty);
                    out.push(branch_steps);
                }
                steps.push(PathStep::Select(out));
                ty = leaf.ok_or("an empty multi-select list")?;
                projects = true;
            }
        }
    }
    Ok((steps, ty, projects))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Selection;
    use crate::model::PaginatorsModel;
    use serde_json::json;

    fn lower_op(op: Value, shapes: Value) -> crate::Result<Vec<OperationParam>> {
        let mut operation = json!({"name": "Op", "input": {"shape": "OpRequest"}});
        operation.as_object_mut().unwrap().extend(op.as_object().unwrap().clone());
        let model: ServiceModel = serde_json::from_value(json!({
            "metadata": {"protocol": "json", "targetPrefix": "T"},
            "operations": {"Op": operation},
            "shapes": shapes,
        }))
        .unwrap();
        let service = crate::lower::lower(&model, &PaginatorsModel::default(), &Selection::All)?;
        Ok(service.operations[0].endpoint_params.clone())
    }

    #[test]
    fn static_member_and_path_parameters_in_model_order() {
        let shapes = json!({
            "OpRequest": {"type": "structure", "members": {
                "Table": {"shape": "S", "contextParam": {"name": "TableName"}},
                "Create": {"shape": "Create"},
                "Items": {"shape": "Items"},
            }},
            "Create": {"type": "structure", "required": ["Name"], "members": {"Name": {"shape": "S"}}},
            "Items": {"type": "list", "member": {"shape": "Item"}},
            "Item": {"type": "structure", "members": {"Get": {"shape": "Create"}, "Put": {"shape": "Create"}}},
            "S": {"type": "string"},
        });
        let op = json!({
            "staticContextParams": {"Flag": {"value": true}},
            "operationContextParams": {
                "Created": {"path": "Create.Name"},
                "Names": {"path": "Items[*].[Get.Name, Put.Name][]"},
            },
        });
        let params = lower_op(op, shapes).unwrap();
        let field = |n: &str, optional| PathStep::Field { rust_name: n.to_owned(), optional };
        let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Flag", "TableName", "Created", "Names"]);
        assert_eq!(params[0].value, OperationValue::Literal(Literal::Bool(true)));
        assert_eq!(params[1].value, OperationValue::Path { steps: vec![field("table", true)], ty: ValueType::String });
        assert_eq!(
            params[2].value,
            OperationValue::Path { steps: vec![field("create", true), field("name", false)], ty: ValueType::String }
        );
        let select = PathStep::Select(vec![
            vec![field("get", true), field("name", false)],
            vec![field("put", true), field("name", false)],
        ]);
        assert_eq!(
            params[3].value,
            OperationValue::Path {
                steps: vec![field("items", true), PathStep::Each { sparse: false }, select],
                ty: ValueType::StringArray
            }
        );
    }

    #[test]
    fn paths_that_do_not_fit_the_input_are_errors_naming_them() {
        let shapes =
            json!({"OpRequest": {"type": "structure", "members": {"N": {"shape": "I"}}}, "I": {"type": "integer"}});
        for (path, says) in [
            ("Missing", "no member `Missing`"),
            ("N[*]", "`[*]` needs a list"),
            ("N", "not a string, a boolean or strings"),
            ("N | M", "is not a member name"),
        ] {
            let op = json!({"operationContextParams": {"P": {"path": path}}});
            let err = lower_op(op, shapes.clone()).unwrap_err().to_string();
            assert!(err.contains("operation context parameter `P`") && err.contains(says), "{path}: {err}");
        }
    }

    #[test]
    fn parses_the_paths_the_models_use() {
        let field = |n: &str| Segment::Field(n.to_owned());
        assert_eq!(parse("keys(RequestItems)").unwrap(), [Segment::Keys(vec![field("RequestItems")])]);
        assert_eq!(parse("A.B").unwrap(), [field("A"), field("B")]);
        assert_eq!(parse("A[*].B.C").unwrap(), [field("A"), Segment::Each, field("B"), field("C")]);
        assert_eq!(
            parse("T[*].[C.N, P.N][]").unwrap(),
            [
                field("T"),
                Segment::Each,
                Segment::Select(vec![vec![field("C"), field("N")], vec![field("P"), field("N")]])
            ]
        );
        for bad in ["A[0]", "A | B", "[a, b]", "A.`x`"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
