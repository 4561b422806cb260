//! Marks which shapes travel in requests and which in responses.

use crate::ir::{Operation, Shape, ShapeKind, TypeRef};
use std::collections::BTreeMap;

pub(crate) fn mark(shapes: &mut BTreeMap<String, Shape>, operations: &[Operation]) {
    for op in operations {
        walk(shapes, &op.input, true);
        walk(shapes, &op.output, false);
        for e in &op.errors {
            walk(shapes, e, false);
        }
    }
}

fn walk(shapes: &mut BTreeMap<String, Shape>, start: &str, input: bool) {
    let mut stack = vec![start.to_owned()];
    while let Some(name) = stack.pop() {
        let shape = shapes.get_mut(&name).expect("lowering resolved every name");
        let flag = if input { &mut shape.usage.input } else { &mut shape.usage.output };
        if *flag {
            continue;
        }
        *flag = true;
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

fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(n) => out.push(n.clone()),
        TypeRef::List { member, .. } => named_in(member, out),
        TypeRef::Map { key, value, .. } => {
            named_in(key, out);
            named_in(value, out);
        }
        _ => {}
    }
}
