//! Cargo features. Each operation is a feature of its own, unless the
//! service has too many operations for crates.io's cap ([`MAX_FEATURES`]
//! features per crate): then operations are grouped by the resource they act
//! on ([`group_operations`]).
//!
//! Items used by several operations are gated on hidden features standing
//! for the set of those operations' features ([`shared`]), named after the
//! first shape that uses the set, so `types.rs` says
//! `feature = "_validation-exception"` instead of listing 110 operations on
//! every item. Only as many sets are named as the cap leaves room for; an item
//! gated on any other set lists its features (`any(feature = ..)`).
//! [`SharedFeatures`] keeps the names distinct.

use crate::ir::{Operation, Shape};
use crate::naming::{self, SharedFeatures};
use std::collections::{BTreeMap, BTreeSet};

/// The feature for the set of every operation.
pub(crate) const ANY_OPERATION: &str = "_any-operation";

/// crates.io refuses a crate declaring more features than this.
pub const MAX_FEATURES: usize = 300;

/// The fixed features a manifest declares besides the operations'
/// ([`naming::FIXED_FEATURES`], which `emit::cargo` writes), of which
/// `request-compression` only when an operation may compress its request.
pub(crate) fn fixed_count(uses_request_compression: bool) -> usize {
    naming::FIXED_FEATURES.len() - 1 + usize::from(uses_request_compression)
}

/// Gives each operation the feature that enables it: its own when every
/// operation's feature fits under the cap beside the fixed ones, else the
/// feature of its resource ([`resource_groups`]), else, when even those are
/// too many, of the resource's initial.
pub(crate) fn group_operations(operations: &mut [Operation], fixed: usize) {
    let budget = MAX_FEATURES - fixed;
    if operations.len() <= budget {
        return;
    }
    let wires: Vec<&str> = operations.iter().map(|op| op.wire_name.as_str()).collect();
    let mut groups = resource_groups(&wires);
    if groups.values().collect::<BTreeSet<_>>().len() > budget {
        for resource in groups.values_mut() {
            *resource = resource.chars().next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string());
        }
    }
    for op in operations {
        op.feature = naming::group_feature_name(&groups[&op.wire_name]);
    }
}

/// Each operation's resource: its name without the leading verb (the first
/// word: `CreateTrainingJob` → `TrainingJob`; a one-word name is its own
/// resource), a plural folded onto the singular another operation names
/// (`ListTrainingJobs` → `TrainingJob`, `ListAliases` → `Alias`,
/// `ListPolicies` → `Policy`).
pub(crate) fn resource_groups(operations: &[&str]) -> BTreeMap<String, String> {
    let resource = |op: &str| -> String {
        match op.char_indices().skip(1).find(|(_, c)| c.is_ascii_uppercase()) {
            Some((i, _)) => op[i..].to_owned(),
            None => op.to_owned(),
        }
    };
    let named: BTreeSet<String> = operations.iter().map(|op| resource(op)).collect();
    let singular = |r: &str| -> String {
        let candidates = [
            r.strip_suffix("ies").map(|s| format!("{s}y")),
            r.strip_suffix("es").map(str::to_owned),
            r.strip_suffix('s').map(str::to_owned),
        ];
        candidates.into_iter().flatten().find(|c| named.contains(c)).unwrap_or_else(|| r.to_owned())
    };
    operations.iter().map(|op| ((*op).to_owned(), singular(&resource(op)))).collect()
}

/// Names the sets of two or more operation features that items are gated
/// on, as many as fit under the cap beside `public` features (the fixed ones
/// and the operations'): the set of every operation first, then those that
/// shorten the most `cfg`s (items gated on it times the features it stands
/// for), ties in the order shapes first use them.
pub(crate) fn shared(
    shapes: &BTreeMap<String, Shape>,
    operations: &[Operation],
    public: usize,
) -> BTreeMap<Vec<String>, String> {
    let all: Vec<String> =
        operations.iter().map(|op| op.feature.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    // Each set in the order shapes first use it, with its wanted name and
    // how many items are gated on it.
    let mut candidates: Vec<(Vec<String>, String, usize)> = Vec::new();
    let mut index: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for shape in shapes.values() {
        let base = SharedFeatures::shape_base(&shape.rust_name);
        let sets = [
            (shape.usage.operations().into_iter().cloned().collect::<Vec<_>>(), base.clone()),
            (shape.usage.input.iter().cloned().collect(), format!("{base}-sent")),
            (shape.usage.output.iter().cloned().collect(), format!("{base}-received")),
        ];
        for (set, name) in sets {
            if set.len() < 2 {
                continue;
            }
            match index.get(&set) {
                Some(&i) => candidates[i].2 += 1,
                None => {
                    index.insert(set.clone(), candidates.len());
                    candidates.push((set, name, 1));
                }
            }
        }
    }
    let mut room = MAX_FEATURES.saturating_sub(public);
    let mut chosen: BTreeSet<usize> = BTreeSet::new();
    let any = (all.len() >= 2 && room > 0).then(|| {
        room -= 1;
        index.get(&all).copied()
    });
    let mut by_saving: Vec<usize> = (0..candidates.len()).filter(|&i| Some(Some(i)) != any).collect();
    by_saving.sort_by_key(|&i| std::cmp::Reverse(candidates[i].2 * (candidates[i].0.len() - 1)));
    chosen.extend(by_saving.into_iter().take(room));
    // Named in the order of first use, so a name does not depend on which
    // other sets fit.
    let mut names = SharedFeatures::new(operations.iter().map(|op| op.feature.as_str()));
    let mut named = BTreeMap::new();
    if any.is_some() {
        named.insert(all.clone(), names.claim(ANY_OPERATION));
    }
    for (i, (set, name, _)) in candidates.iter().enumerate() {
        if chosen.contains(&i) {
            named.insert(set.clone(), names.claim(name));
        }
    }
    named
}
