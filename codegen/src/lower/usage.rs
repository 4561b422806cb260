//! Records, for every shape, which operations carry it in requests and
//! which in responses: the closures behind per-operation cargo features.

use crate::ir::{Operation, Shape, ShapeKind, TypeRef};
use std::collections::BTreeMap;

pub(crate) fn mark(shapes: &mut BTreeMap<String, Shape>, operations: &[Operation]) {
    for op in operations {
        walk(shapes, std::slice::from_ref(&op.input), &op.feature, true);
        let mut responses = vec![op.output.clone()];
        responses.extend(op.errors.iter().cloned());
        walk(shapes, &responses, &op.feature, false);
    }
}

/// Adds `feature` to the shapes reachable from `start` in one direction.
fn walk(shapes: &mut BTreeMap<String, Shape>, start: &[String], feature: &str, input: bool) {
    let mut stack = start.to_vec();
    while let Some(name) = stack.pop() {
        let shape = shapes.get_mut(&name).expect("lowering resolved every name");
        let set = if input { &mut shape.usage.input } else { &mut shape.usage.output };
        // Already marked for this operation: a cycle or a shared branch.
        if !set.insert(feature.to_owned()) {
            continue;
        }
        let members = match &shape.kind {
            ShapeKind::Struct(s) => &s.members,
            ShapeKind::Union(u) => &u.members,
            ShapeKind::Enum(_) => continue,
        };
        for m in members {
            named_in(&m.ty, &mut stack);
        }
    }
}

/// Pushes the named shapes inside `ty` (through lists and maps) onto `out`,
/// without recursion.
fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
    let mut types = vec![ty];
    while let Some(ty) = types.pop() {
        match ty {
            TypeRef::Named(n) => out.push(n.clone()),
            TypeRef::List { member, .. } => types.push(member),
            TypeRef::Map { key, value, .. } => types.extend([&**key, &**value]),
            _ => {}
        }
    }
}
