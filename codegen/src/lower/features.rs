//! Names the hidden cargo features that stand for sets of operations: each
//! set an item is gated on (the operations reaching a shape, sending it or
//! receiving it, and all of them) gets one, named after the first shape that
//! uses it, so `types.rs` says `feature = "_validation-exception"` instead of
//! listing 110 operations on every item. [`SharedFeatures`] keeps the names
//! distinct.

use crate::ir::{Operation, Shape};
use crate::naming::SharedFeatures;
use std::collections::{BTreeMap, BTreeSet};

/// The feature for the set of every operation.
pub(crate) const ANY_OPERATION: &str = "_any-operation";

pub(crate) fn shared(shapes: &BTreeMap<String, Shape>, operations: &[Operation]) -> BTreeMap<Vec<String>, String> {
    let mut named = BTreeMap::new();
    let mut names = SharedFeatures::new(operations.iter().map(|op| op.feature.as_str()));
    let all: Vec<String> =
        operations.iter().map(|op| op.feature.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    if all.len() >= 2 {
        named.insert(all, names.claim(ANY_OPERATION));
    }
    for shape in shapes.values() {
        let base = SharedFeatures::shape_base(&shape.rust_name);
        let sets = [
            (shape.usage.operations().into_iter().cloned().collect::<Vec<_>>(), base.clone()),
            (shape.usage.input.iter().cloned().collect(), format!("{base}-sent")),
            (shape.usage.output.iter().cloned().collect(), format!("{base}-received")),
        ];
        for (set, name) in sets {
            if set.len() >= 2 && !named.contains_key(&set) {
                let name = names.claim(&name);
                named.insert(set, name);
            }
        }
    }
    named
}
