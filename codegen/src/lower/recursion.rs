//! Finds members that make a type contain itself and boxes them.
//!
//! A structure or union has infinite size when it reaches itself through
//! direct members; a path through a list or map is already behind a heap
//! pointer (`Vec`, `HashMap`) and needs no box. The test is done on the graph
//! of direct edges, so the answer does not depend on visiting order.

use crate::ir::{Shape, ShapeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) fn box_recursive_members(shapes: &mut BTreeMap<String, Shape>) {
    let edges: BTreeMap<String, Vec<String>> =
        shapes.iter().map(|(name, shape)| (name.clone(), direct_targets(shape))).collect();
    for (name, shape) in shapes.iter_mut() {
        let members = match &mut shape.kind {
            ShapeKind::Struct(s) => &mut s.members,
            ShapeKind::Union(u) => &mut u.members,
            ShapeKind::Enum(_) => continue,
        };
        for m in members {
            if let TypeRef::Named(target) = &m.ty {
                m.boxed = reaches(&edges, target, name);
            }
        }
    }
}

fn direct_targets(shape: &Shape) -> Vec<String> {
    let members = match &shape.kind {
        ShapeKind::Struct(s) => &s.members,
        ShapeKind::Union(u) => &u.members,
        ShapeKind::Enum(_) => return Vec::new(),
    };
    members
        .iter()
        .filter_map(|m| match &m.ty {
            TypeRef::Named(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// Whether `to` is reachable from `from` over direct edges (including `from == to`).
fn reaches(edges: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node) {
            stack.extend(edges.get(node).into_iter().flatten().map(String::as_str));
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Member, Struct, StructRole};

    fn member(name: &str, ty: TypeRef) -> Member {
        Member {
            wire_name: name.into(),
            wire_aliases: vec![],
            rust_name: name.into(),
            docs: vec![],
            ty,
            required: false,
            optional: true,
            boxed: false,
            idempotency_token: false,
        }
    }

    fn structure(name: &str, members: Vec<Member>) -> (String, Shape) {
        let kind = ShapeKind::Struct(Struct { members, role: StructRole::Plain });
        (name.into(), Shape { wire_name: name.into(), rust_name: name.into(), docs: vec![], kind, usage: Default::default() })
    }

    fn boxed(shapes: &BTreeMap<String, Shape>, shape: &str, field: &str) -> bool {
        match &shapes[shape].kind {
            ShapeKind::Struct(s) => s.members.iter().find(|m| m.rust_name == field).unwrap().boxed,
            _ => unreachable!(),
        }
    }

    #[test]
    fn boxes_direct_and_mutual_recursion_but_not_through_lists() {
        let named = |n: &str| TypeRef::Named(n.into());
        let list = |n: &str| TypeRef::List { member: Box::new(named(n)), sparse: false };
        let mut shapes: BTreeMap<_, _> = [
            structure("Node", vec![member("next", named("Node")), member("kids", list("Node"))]),
            structure("A", vec![member("b", named("B"))]),
            structure("B", vec![member("a", named("A")), member("leaf", named("Leaf"))]),
            structure("Leaf", vec![member("s", TypeRef::String)]),
        ]
        .into_iter()
        .collect();
        box_recursive_members(&mut shapes);
        assert!(boxed(&shapes, "Node", "next"));
        assert!(!boxed(&shapes, "Node", "kids"));
        assert!(boxed(&shapes, "A", "b"));
        assert!(boxed(&shapes, "B", "a"));
        assert!(!boxed(&shapes, "B", "leaf"));
    }
}
