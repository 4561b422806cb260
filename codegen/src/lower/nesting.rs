//! Lists and maps become nested Rust types (`Vec<HashMap<String, Vec<T>>>`)
//! inside the named shape that uses them, so they must nest finitely:
//! a list that contains itself, directly or through maps and other lists
//! with no structure in between, has no Rust type (`type L = Vec<L>` is
//! infinite; only `[]`, `[[]]`, ... would fit it, and no service models one).
//! Such a cycle is an error naming its path. A cycle through a structure is
//! fine: the structure is a named item and the `Vec` a pointer.
//!
//! Nesting is also bounded ([`MAX_NESTING`]), since lowering and emitting
//! follow it by recursion. Map keys must be strings, so every list or map has
//! at most one list or map inside it (its member or value): the graph checked
//! here is a set of chains that may end in a loop, walked without recursion
//! in time linear in the number of shapes.

use crate::error::{Error, Result};
use crate::model::{Member, ServiceModel};
use std::collections::{BTreeSet, HashMap};

/// How many lists and maps may nest inside one another. Real models nest a
/// few; the limit keeps the recursive type lowering and emitting well within
/// the stack.
pub(crate) const MAX_NESTING: usize = 64;

/// Cycles longer than this are printed with their middle left out.
const SHOWN_STEPS: usize = 12;

/// Checks the reached lists and maps (wire names).
pub(crate) fn check(model: &ServiceModel, containers: &BTreeSet<String>) -> Result<()> {
    for name in containers {
        let shape = &model.shapes[name];
        if let Some(key) = &shape.key {
            let kind = model.shapes[&key.shape].kind.as_str();
            if kind != "string" {
                return Err(Error::new(
                    format!("shape `{name}` key"),
                    format!("map keys must be strings; `{}` is a {kind}", key.shape),
                ));
            }
        }
    }
    // Nesting depth of each container, counting itself, once known.
    let mut depth: HashMap<&str, usize> = HashMap::with_capacity(containers.len());
    for start in containers {
        let mut path: Vec<(&str, &'static str)> = Vec::new();
        let mut on_path: HashMap<&str, usize> = HashMap::new();
        let mut node = start.as_str();
        let mut below = loop {
            if let Some(&d) = depth.get(node) {
                break d;
            }
            if let Some(&i) = on_path.get(node) {
                return Err(cycle(&path[i..]));
            }
            let Some((slot, inner)) = inner(model, node) else {
                path.push((node, ""));
                break 0;
            };
            on_path.insert(node, path.len());
            path.push((node, slot));
            node = inner;
        };
        for &(name, _) in path.iter().rev() {
            below += 1;
            if below > MAX_NESTING {
                return Err(Error::new(
                    format!("shape `{name}`"),
                    format!(
                        "lists and maps nested more than {MAX_NESTING} deep; \
                         put a structure between some of the levels"
                    ),
                ));
            }
            depth.insert(name, below);
        }
    }
    Ok(())
}

/// The list or map directly inside container `name`, with the slot holding it.
fn inner<'m>(model: &'m ServiceModel, name: &str) -> Option<(&'static str, &'m str)> {
    let shape = &model.shapes[name];
    let (slot, m): (_, &Member) = match shape.kind.as_str() {
        "list" => ("member", shape.member.as_ref()?),
        "map" => ("value", shape.value.as_ref()?),
        _ => return None,
    };
    matches!(model.shapes[&m.shape].kind.as_str(), "list" | "map").then_some((slot, m.shape.as_str()))
}

/// The error for a cycle of containers (each with the slot leading to the
/// next), told from its first shape by name so that the message does not
/// depend on where the walk entered it.
fn cycle(steps: &[(&str, &str)]) -> Error {
    let first = (0..steps.len()).min_by_key(|&i| steps[i].0).expect("a cycle has a step");
    let rotated: Vec<String> =
        steps[first..].iter().chain(&steps[..first]).map(|(name, slot)| format!("`{name}` {slot}")).collect();
    let shown = if rotated.len() > SHOWN_STEPS {
        let (head, tail) = (&rotated[..SHOWN_STEPS / 2], &rotated[rotated.len() - SHOWN_STEPS / 2..]);
        format!("{} -> ... ({} more) -> {}", head.join(" -> "), rotated.len() - SHOWN_STEPS, tail.join(" -> "))
    } else {
        rotated.join(" -> ")
    };
    let name = steps[first].0;
    Error::new(
        format!("shape `{name}`"),
        format!(
            "lists and maps contain themselves with no structure between them, \
             which no Rust type can hold: {shown} -> `{name}`"
        ),
    )
}
