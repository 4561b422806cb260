//! Resolves `paginators-1.json` entries to members of the operation's input
//! and output structures, checking their types.

use crate::error::{Error, Result};
use crate::ir::{self, Items, PageSize, ShapeKind, TypeRef};
use crate::model::{OneOrMany, PaginatorsModel};
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
    if p.more_results.is_some() {
        // Stopping on a flag rather than a missing token is not supported yet;
        // ignoring it could page forever.
        return Err(Error::new(ctx(), "`more_results` is not supported"));
    }
    let single = |v: &OneOrMany, what: &str| -> Result<String> {
        match v.as_slice() {
            [one] => Ok(one.clone()),
            many => Err(Error::new(ctx(), format!("{what} names {} members; only one is supported", many.len()))),
        }
    };
    let input = members(shapes, &op.input);
    let output = members(shapes, &op.output);
    let find = |members: &'_ [ir::Member], wire: &str, side: &str| -> Result<ir::Member> {
        members
            .iter()
            .find(|m| m.wire_name == wire)
            .cloned()
            .ok_or_else(|| Error::new(ctx(), format!("{side} member `{wire}` does not exist")))
    };
    let string_member = |m: ir::Member, what: &str| -> Result<String> {
        if m.ty == TypeRef::String && m.optional {
            Ok(m.rust_name)
        } else {
            Err(Error::new(ctx(), format!("{what} `{}` is not an optional string", m.wire_name)))
        }
    };
    let input_token_wire = single(&p.input_token, "input_token")?;
    let input_token = string_member(find(input, &input_token_wire, "input")?, "input_token")?;
    let output_token =
        string_member(find(output, &single(&p.output_token, "output_token")?, "output")?, "output_token")?;
    let page_size = match &p.limit_key {
        Some(key) => {
            let m = find(input, key, "input")?;
            // Page sizes are given as i32, which fits these two without loss.
            if !matches!(m.ty, TypeRef::Integer | TypeRef::Long) {
                return Err(Error::new(ctx(), format!("limit_key `{key}` is not an integer or long")));
            }
            Some(PageSize { field: m.rust_name, ty: m.ty })
        }
        None => None,
    };
    let items = match &p.result_key {
        Some(keys) => {
            let m = find(output, &single(keys, "result_key")?, "output")?;
            match m.ty {
                TypeRef::List { member, sparse } => {
                    Some(Items { field: m.rust_name, optional: m.optional, item: *member, sparse })
                }
                _ => return Err(Error::new(ctx(), format!("result_key `{}` is not a list", m.wire_name))),
            }
        }
        None => None,
    };
    Ok(Some(ir::Paginator { input_token, input_token_wire, output_token, page_size, items }))
}

fn members<'s>(shapes: &'s BTreeMap<String, ir::Shape>, name: &str) -> &'s [ir::Member] {
    match &shapes[name].kind {
        ShapeKind::Struct(s) => &s.members,
        _ => unreachable!("operation inputs and outputs are structures"),
    }
}
