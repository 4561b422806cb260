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
                    return Err(Error::new(
                        ctx,
                        format!("{role} `{}` is not a structure", r.shape),
                    ));
                }
                push_members(&r.shape, shape, &mut stack);
            }
        }
        for e in &op.errors {
            let shape = lookup(model, &e.shape, || format!("{ctx} error"))?;
            if shape.kind != "structure" {
                return Err(Error::new(
                    ctx,
                    format!("error `{}` is not a structure", e.shape),
                ));
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
        if is_named(shape) {
            named.insert(name.clone());
        } else if matches!(shape.kind.as_str(), "list" | "map") {
            containers.insert(name.clone());
        }
        push_members(&name, shape, &mut stack);
    }
    Ok(Reached { named, containers })
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
    for (slot, m) in [
        ("member", &shape.member),
        ("key", &shape.key),
        ("value", &shape.value),
    ] {
        if let Some(m) = m {
            push(m, format!("shape `{name}` {slot}"));
        }
    }
}

pub(crate) fn lookup<'m>(
    model: &'m ServiceModel,
    name: &str,
    from: impl FnOnce() -> String,
) -> Result<&'m Shape> {
    model
        .shapes
        .get(name)
        .ok_or_else(|| Error::new(from(), format!("targets missing shape `{name}`")))
}

fn check_type(name: &str, shape: &Shape) -> Result<()> {
    let ctx = || format!("shape `{name}`");
    if !KNOWN_TYPES.contains(&shape.kind.as_str()) {
        return Err(Error::new(
            ctx(),
            format!(
                "unknown shape type `{}` (known: {})",
                shape.kind,
                KNOWN_TYPES.join(", ")
            ),
        ));
    }
    let needs = |slot: &str, m: &Option<Member>| match m {
        Some(_) => Ok(()),
        None => Err(Error::new(
            ctx(),
            format!("{} shape has no `{slot}`", shape.kind),
        )),
    };
    match shape.kind.as_str() {
        "list" => needs("member", &shape.member),
        "map" => needs("key", &shape.key).and_then(|()| needs("value", &shape.value)),
        "structure" => {
            for req in &shape.required {
                if !shape.members.contains_key(req) {
                    return Err(Error::new(
                        ctx(),
                        format!("required member `{req}` does not exist"),
                    ));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
