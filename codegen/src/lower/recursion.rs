//! Finds members that make a type contain itself and boxes them.
//!
//! A structure or union has infinite size when it reaches itself through
//! direct members; a path through a list or map is already behind a heap
//! pointer (`Vec`, `HashMap`) and needs no box. On the graph of direct edges,
//! member `S.m` of type `T` closes such a loop exactly when `T` reaches `S`,
//! that is when `S` and `T` are in one strongly connected component. The
//! components are found once (Tarjan's algorithm with an explicit stack), so
//! the pass is linear in shapes and members, cannot overflow the stack on a
//! long chain, and does not depend on visiting order.

use crate::ir::{Member, Shape, ShapeKind, TypeRef};
use std::collections::{BTreeMap, HashMap};

pub(crate) fn box_recursive_members(shapes: &mut BTreeMap<String, Shape>) {
    let ids: HashMap<&str, usize> = shapes.keys().enumerate().map(|(i, name)| (name.as_str(), i)).collect();
    let id = |name: &str| *ids.get(name).expect("lowering resolved every name");
    let edges: Vec<Vec<usize>> =
        shapes.values().map(|shape| members(shape).iter().filter_map(|m| named(&m.ty)).map(id).collect()).collect();
    let component = components(&edges);
    // Per shape, per member: whether it closes a loop.
    let same: Vec<Vec<bool>> = shapes
        .values()
        .enumerate()
        .map(|(i, shape)| {
            members(shape).iter().map(|m| named(&m.ty).is_some_and(|t| component[id(t)] == component[i])).collect()
        })
        .collect();
    for (shape, boxed) in shapes.values_mut().zip(same) {
        let members = match &mut shape.kind {
            ShapeKind::Struct(s) => &mut s.members,
            ShapeKind::Union(u) => &mut u.members,
            ShapeKind::Enum(_) => continue,
        };
        for (m, boxed) in members.iter_mut().zip(boxed) {
            m.boxed = boxed;
        }
    }
}

fn members(shape: &Shape) -> &[Member] {
    match &shape.kind {
        ShapeKind::Struct(s) => &s.members,
        ShapeKind::Union(u) => &u.members,
        ShapeKind::Enum(_) => &[],
    }
}

/// The shape a member holds directly (not inside a list or map), if any.
fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(t) => Some(t),
        _ => None,
    }
}

/// The strongly connected component of each node of a graph given by its
/// adjacency lists: Tarjan's algorithm, with the depth-first search's call
/// stack kept in a `Vec` so any depth fits. Linear in nodes and edges.
pub(crate) fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut t = Tarjan {
        index: vec![UNSEEN; n],
        low: vec![0; n],
        component: vec![UNSEEN; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        path: Vec::new(),
        next_index: 0,
        next_component: 0,
    };
    for root in 0..n {
        if t.index[root] != UNSEEN {
            continue;
        }
        t.enter(root);
        while let Some((v, followed)) = t.path.last_mut() {
            let v = *v;
            if let Some(&w) = edges[v].get(*followed) {
                *followed += 1;
                if t.index[w] == UNSEEN {
                    t.enter(w);
                } else if t.on_stack[w] {
                    t.low[v] = t.low[v].min(t.index[w]);
                }
            } else {
                t.leave(v);
            }
        }
    }
    t.component
}

const UNSEEN: usize = usize::MAX;

struct Tarjan {
    index: Vec<usize>,
    low: Vec<usize>,
    component: Vec<usize>,
    on_stack: Vec<bool>,
    /// Visited nodes whose component is not settled yet.
    stack: Vec<usize>,
    /// The search path: each node with how many of its edges were followed.
    path: Vec<(usize, usize)>,
    next_index: usize,
    next_component: usize,
}

impl Tarjan {
    fn enter(&mut self, v: usize) {
        self.index[v] = self.next_index;
        self.low[v] = self.next_index;
        self.next_index += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        self.path.push((v, 0));
    }

    /// All of `v`'s edges are followed: return to its parent.
    fn leave(&mut self, v: usize) {
        self.path.pop();
        if let Some(&(parent, _)) = self.path.last() {
            self.low[parent] = self.low[parent].min(self.low[v]);
        }
        if self.low[v] == self.index[v] {
            // `v` is the root of a component: everything above it on the stack.
            loop {
                let w = self.stack.pop().expect("the root is on the stack");
                self.on_stack[w] = false;
                self.component[w] = self.next_component;
                if w == v {
                    break;
                }
            }
            self.next_component += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Struct, StructRole};

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
            json_name: None,
            http: crate::ir::HttpBinding::Body,
            xml: Default::default(),
        }
    }

    fn structure(name: &str, members: Vec<Member>) -> (String, Shape) {
        let kind = ShapeKind::Struct(Struct { members, role: StructRole::Plain });
        (
            name.into(),
            Shape { wire_name: name.into(), rust_name: name.into(), docs: vec![], kind, usage: Default::default() },
        )
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

#[cfg(test)]
mod component_tests {
    use super::components;

    #[test]
    fn components_group_exactly_the_nodes_that_reach_each_other() {
        // 0 <-> 1, 1 -> 2, 2 -> 2 (self loop), 3 -> 0, 4 alone.
        let c = components(&[vec![1], vec![0, 2], vec![2], vec![0], vec![]]);
        assert_eq!(c[0], c[1]);
        let distinct: std::collections::BTreeSet<_> = [c[0], c[2], c[3], c[4]].into();
        assert_eq!(distinct.len(), 4);
    }

    #[test]
    fn a_path_far_deeper_than_the_stack_closes_into_one_component() {
        // Recursion would need a frame per node; the test thread's stack is small.
        let n = 1_000_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        assert!(components(&edges).iter().all(|&c| c == 0));
        let open: Vec<Vec<usize>> = (0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![] }).collect();
        let c = components(&open);
        assert_eq!(c.iter().collect::<std::collections::BTreeSet<_>>().len(), n);
    }
}
