//! The shapes the selected operations reach, with every reference checked.

use crate::error::{Error, Result};
use crate::model::{Member, ServiceModel, Shape};
use std::collections::BTreeSet;

/// Shape types of the botocore format that the generator understands.
pub(crate) const KNOWN_TYPES: &[&str] = &[
    "structure",
    "list",
    "map",
    "string",
    "integer",
    "long",
    "short",
    "byte",
    "boolean",
    "float",
    "double",
    "timestamp",
    "blob",
];

/// What the selected operations reach, by wire name.
pub(crate) struct Reached {
    /// The named shapes (structures, unions, enums). An operation's own input
    /// and output shapes are left out unless something else refers to them,
    /// because each operation gets its own synthesized copy.
    pub(crate) named: BTreeSet<String>,
    /// The lists and maps, which become types inside the named ones.
    pub(crate) containers: BTreeSet<String>,
}

/// Walks the shapes reached from the operations' inputs, outputs and errors
/// (with an explicit stack: a model may nest deeper than the call stack).
pub(crate) fn reachable(model: &ServiceModel, ops: &[String]) -> Result<Reached> {
    let mut named = BTreeSet::new();
    let mut containers = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<(String, String)> = Vec::new();
    for op_name in ops {
        let op = &model.operations[op_name];
        let ctx = format!("operation `{op_name}`");
        for (role, r) in [("input", &op.input), ("output", &op.output)] {
            if let Some(r) = r {
                let shape = lookup(model, &r.shape, || format!("{ctx} {role}"))?;
                check_type(&r.shape, shape)?;
                if shape.kind != "structure" {
                    return Err(Error::new(ctx, format!("{role} `{}` is not a structure", r.shape)));
                }
                push_members(&r.shape, shape, &mut stack);
            }
        }
        for e in &op.errors {
            let shape = lookup(model, &e.shape, || format!("{ctx} error"))?;
            if shape.kind != "structure" || shape.union || shape.document {
                let what = if shape.union {
                    "a union"
                } else if shape.document {
                    "a document"
                } else {
                    "not a structure"
                };
                return Err(Error::new(ctx, format!("error `{}` is {what}; errors are structures", e.shape)));
            }
            stack.push((e.shape.clone(), format!("{ctx} error")));
        }
    }
    while let Some((name, from)) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let shape = lookup(model, &name, || from.clone())?;
        check_type(&name, shape)?;
        check_map_key(model, &name, shape)?;
        if is_named(shape) {
            named.insert(name.clone());
        } else if matches!(shape.kind.as_str(), "list" | "map") {
            containers.insert(name.clone());
        }
        push_members(&name, shape, &mut stack);
    }
    required_cycle(model, &named)?;
    Ok(Reached { named, containers })
}

/// Refuses a structure that requires itself, directly or through other
/// required structure members: no finite value of it exists, so it could
/// never be built, sent or parsed (its serializer would recurse
/// unconditionally). A list, a map, a union or an optional member breaks the
/// chain. Reported once, for the first cycle in name order.
fn required_cycle(model: &ServiceModel, named: &BTreeSet<String>) -> Result<()> {
    // The required members of a structure that target structures, last
    // first: the search pops them, so it follows them in model order.
    let edges = |name: &str| -> Vec<(String, String)> {
        let shape = &model.shapes[name];
        if shape.kind != "structure" || shape.union || shape.document {
            return Vec::new();
        }
        shape
            .members
            .iter()
            .filter(|(m, target)| {
                shape.required.contains(m)
                    && model.shapes.get(&target.shape).is_some_and(|t| t.kind == "structure" && !t.union && !t.document)
            })
            .map(|(m, target)| (m.clone(), target.shape.clone()))
            .rev()
            .collect()
    };
    let mut done: BTreeSet<String> = BTreeSet::new();
    for start in named {
        // Depth-first, with the path of (shape, member) taken so far.
        let mut path: Vec<(String, String)> = Vec::new();
        let mut stack: Vec<(String, Vec<(String, String)>)> = vec![(start.clone(), edges(start))];
        while let Some((node, pending)) = stack.last_mut() {
            let Some((member, target)) = pending.pop() else {
                done.insert(node.clone());
                stack.pop();
                path.pop();
                continue;
            };
            let node = node.clone();
            if let Some(at) = stack.iter().position(|(n, _)| *n == target) {
                let mut cycle: Vec<String> = path[at..].iter().map(|(s, m)| format!("{s}.{m}")).collect();
                cycle.push(format!("{node}.{member}"));
                return Err(Error::new(
                    format!("shape `{target}`"),
                    format!("requires itself ({} -> {target}), so no value of it can exist", cycle.join(" -> ")),
                ));
            }
            if !done.contains(&target) {
                path.push((node, member));
                let next = edges(&target);
                stack.push((target, next));
            }
        }
    }
    Ok(())
}

/// Whether a shape becomes a Rust item of its own.
pub(crate) fn is_named(shape: &Shape) -> bool {
    match shape.kind.as_str() {
        "structure" => !shape.document,
        "string" => shape.enum_values.is_some(),
        _ => false,
    }
}

fn push_members(name: &str, shape: &Shape, stack: &mut Vec<(String, String)>) {
    let mut push = |m: &Member, what: String| stack.push((m.shape.clone(), what));
    for (member_name, m) in &shape.members {
        push(m, format!("shape `{name}` member `{member_name}`"));
    }
    for (slot, m) in [("member", &shape.member), ("key", &shape.key), ("value", &shape.value)] {
        if let Some(m) = m {
            push(m, format!("shape `{name}` {slot}"));
        }
    }
}

pub(crate) fn lookup<'m>(model: &'m ServiceModel, name: &str, from: impl FnOnce() -> String) -> Result<&'m Shape> {
    model.shapes.get(name).ok_or_else(|| Error::new(from(), format!("targets missing shape `{name}`")))
}

fn check_type(name: &str, shape: &Shape) -> Result<()> {
    let ctx = || format!("shape `{name}`");
    if !KNOWN_TYPES.contains(&shape.kind.as_str()) {
        return Err(Error::new(
            ctx(),
            format!("unknown shape type `{}` (known: {})", shape.kind, KNOWN_TYPES.join(", ")),
        ));
    }
    let needs = |slot: &str, m: &Option<Member>| match m {
        Some(_) => Ok(()),
        None => Err(Error::new(ctx(), format!("{} shape has no `{slot}`", shape.kind))),
    };
    match shape.kind.as_str() {
        "list" => needs("member", &shape.member),
        "map" => needs("key", &shape.key).and_then(|()| needs("value", &shape.value)),
        "structure" => {
            for req in &shape.required {
                if !shape.members.contains_key(req) {
                    return Err(Error::new(ctx(), format!("required member `{req}` does not exist")));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// JSON object keys are strings, and botocore's maps are keyed by string
/// shapes (some with an enum); any other key type is refused here rather
/// than generated into code that cannot serialize it.
fn check_map_key(model: &ServiceModel, name: &str, shape: &Shape) -> Result<()> {
    let Some(key) = shape.key.as_ref().filter(|_| shape.kind == "map") else { return Ok(()) };
    let target = lookup(model, &key.shape, || format!("shape `{name}` key"))?;
    if target.kind == "string" {
        return Ok(());
    }
    Err(Error::new(
        format!("shape `{name}` key"),
        format!("map key `{}` has type `{}`; JSON map keys must be string shapes", key.shape, target.kind),
    ))
}
