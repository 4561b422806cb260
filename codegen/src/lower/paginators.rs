//! Resolves `paginators-1.json` entries to members of the operation's input
//! and output structures, checking their types.
//!
//! Output paths (tokens, `more_results`, result keys) follow botocore's
//! JMESPath subset: members joined by `.`, and `[-1]` after a list for its
//! last element. Anything else is refused by name.

use crate::error::{Error, Result};
use crate::ir::{self, MemberPath, PageSize, PathStep, ResultKey, ResultKind, ShapeKind, TokenPair, TypeRef};
use crate::model::{OneOrMany, PaginatorsModel};
use crate::naming;
use std::collections::BTreeMap;

pub(crate) fn lower(
    model: &PaginatorsModel,
    op: &ir::Operation,
    shapes: &BTreeMap<String, ir::Shape>,
) -> Result<Option<ir::Paginator>> {
    let Some(p) = model.pagination.get(&op.wire_name) else {
        return Ok(None);
    };
    let ctx = || format!("paginator `{}`", op.wire_name);
    let err = |why: String| Error::new(ctx(), why);
    let input = members(shapes, &op.input);
    let find = |wire: &str| -> Result<ir::Member> {
        input
            .iter()
            .find(|m| m.wire_name == wire)
            .cloned()
            .ok_or_else(|| err(format!("input member `{wire}` does not exist")))
    };
    let output = |path: &str| resolve(shapes, &op.output, path).map_err(err);

    let (inputs, outputs) = (p.input_token.as_slice(), p.output_token.as_slice());
    if inputs.len() != outputs.len() {
        return Err(err(format!(
            "{} input tokens but {} output tokens; they pair by position",
            inputs.len(),
            outputs.len()
        )));
    }
    let mut tokens = Vec::with_capacity(inputs.len());
    for (in_wire, out_wire) in inputs.iter().zip(outputs) {
        let member = find(in_wire)?;
        if !member.optional || member.boxed {
            return Err(err(format!("input_token `{in_wire}` is not an optional member")));
        }
        let output = output(out_wire)?;
        // The next value goes into the input member as it is.
        if output.ty != member.ty {
            return Err(err(format!("output_token `{out_wire}` and input_token `{in_wire}` have different types")));
        }
        tokens.push(TokenPair { input_field: member.rust_name, input_wire: in_wire.clone(), ty: member.ty, output });
    }
    let more_results = match &p.more_results {
        Some(path) => {
            let flag = output(path)?;
            if flag.ty != TypeRef::Bool {
                return Err(err(format!("more_results `{path}` is not a boolean")));
            }
            Some(flag)
        }
        None => None,
    };
    let page_size = match &p.limit_key {
        Some(key) => {
            let m = find(key)?;
            // Page sizes are given as i32, which fits these two without loss;
            // a few services model the limit as a string (sent as the number's text).
            if !matches!(m.ty, TypeRef::Integer | TypeRef::Long | TypeRef::String) {
                return Err(err(format!("limit_key `{key}` is not an integer, a long or a string")));
            }
            Some(PageSize { field: m.rust_name, ty: m.ty })
        }
        None => None,
    };
    let keys = p.result_key.as_ref().map_or(&[][..], OneOrMany::as_slice);
    let last_segments: Vec<&str> = keys.iter().map(|k| k.rsplit('.').next().unwrap_or(k)).collect();
    let variants = naming::variant_names(&last_segments);
    let mut result_keys = Vec::with_capacity(keys.len());
    for (wire, variant) in keys.iter().zip(variants) {
        let path = output(wire)?;
        if path.steps.iter().any(|s| s.last_of.is_some()) {
            return Err(err(format!("result_key `{wire}` takes an element of a list")));
        }
        let kind = match &path.ty {
            TypeRef::List { member, sparse } => ResultKind::List { item: (**member).clone(), sparse: *sparse },
            TypeRef::Map { key, value, sparse } => {
                ResultKind::Map { key: (**key).clone(), value: (**value).clone(), sparse: *sparse }
            }
            _ => ResultKind::Value,
        };
        result_keys.push(ResultKey { wire: wire.clone(), variant, path, kind });
    }
    let item_enum = (result_keys.len() > 1).then(|| naming::paginator_item_name(&op.rust_name));
    let non_aggregate = if p.non_aggregate_keys.is_empty() {
        None
    } else {
        let wires: Vec<&str> = p.non_aggregate_keys.iter().map(|k| k.rsplit('.').next().unwrap_or(k)).collect();
        let fields = naming::member_names(&wires, naming::MethodScope::Structure);
        let mut keys = Vec::with_capacity(fields.len());
        for (wire, field) in p.non_aggregate_keys.iter().zip(fields) {
            let path = output(wire)?;
            if path.steps.iter().any(|s| s.last_of.is_some()) {
                return Err(err(format!("non_aggregate_key `{wire}` takes an element of a list")));
            }
            keys.push((wire.clone(), field, path));
        }
        Some(ir::NonAggregate { rust_name: naming::paginator_non_aggregate_name(&op.rust_name), keys })
    };
    Ok(Some(ir::Paginator { tokens, more_results, page_size, result_keys, item_enum, non_aggregate }))
}

/// Resolves `path` (`A.B[-1].C`) from structure `root` to members.
fn resolve(shapes: &BTreeMap<String, ir::Shape>, root: &str, path: &str) -> std::result::Result<MemberPath, String> {
    let mut steps: Vec<PathStep> = Vec::new();
    let mut ty = TypeRef::Named(root.to_owned());
    for segment in path.split('.') {
        let (name, last) = match segment.strip_suffix("[-1]") {
            Some(name) => (name, true),
            None => (segment, false),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("output path `{path}` is not members joined by `.` (with `[-1]` after a list)"));
        }
        let owner = match &ty {
            TypeRef::Named(owner) => match &shapes[owner].kind {
                ShapeKind::Struct(s) => s,
                _ => return Err(format!("output path `{path}`: `{name}` is not in a structure")),
            },
            _ => return Err(format!("output path `{path}`: `{name}` is not in a structure")),
        };
        let Some(m) = owner.members.iter().find(|m| m.wire_name == name) else {
            return Err(format!("output member `{path}` does not exist"));
        };
        let mut step = PathStep { field: m.rust_name.clone(), optional: m.optional, boxed: m.boxed, last_of: None };
        ty = m.ty.clone();
        if last {
            let TypeRef::List { member, sparse } = ty else {
                return Err(format!("output path `{path}`: `{name}` is not a list"));
            };
            step.last_of = Some(sparse);
            ty = *member;
        }
        steps.push(step);
    }
    Ok(MemberPath { steps, ty })
}

fn members<'s>(shapes: &'s BTreeMap<String, ir::Shape>, name: &str) -> &'s [ir::Member] {
    match &shapes[name].kind {
        ShapeKind::Struct(s) => &s.members,
        _ => unreachable!("operation inputs and outputs are structures"),
    }
}
