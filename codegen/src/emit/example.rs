//! The call the crate's docs show (`README.md` and the blocking client's
//! module docs): which operation, and the setters that make it a whole call.

use crate::ir::{Member, Operation, Service, ShapeKind, TypeRef};

/// The operation the examples call: the first paginated one (a read)
/// needing no input, else the first needing no input, else the one with the
/// fewest required members that all take a literal, else the first.
pub(crate) fn operation(service: &Service) -> Option<&Operation> {
    let no_input = |op: &&Operation| required(service, op).next().is_none();
    let ops = || service.operations.iter().filter(no_input);
    let literals = |op: &&Operation| required(service, op).all(|m| literal(service, &m.ty).is_some());
    ops()
        .find(|op| op.paginator.is_some())
        .or_else(|| ops().next())
        .or_else(|| service.operations.iter().filter(literals).min_by_key(|op| required(service, op).count()))
        .or_else(|| service.operations.first())
}

/// The example call's lines, from `client` to `send()` followed by
/// `finish` (`.await?` or `?`): each required member is set to a
/// placeholder, so the call builds; members no
/// literal can fill are named in a comment instead.
pub(crate) fn call(service: &Service, op: &Operation, finish: &str) -> Vec<String> {
    let mut setters = Vec::new();
    let mut unset = Vec::new();
    for m in required(service, op) {
        match literal(service, &m.ty) {
            Some(value) => setters.push(setter(m, &value)),
            None => unset.push(format!("`{}`", m.rust_name.trim_start_matches("r#"))),
        }
    }
    let mut lines = Vec::new();
    if !unset.is_empty() {
        lines.push(format!("// Also set {} before sending.", unset.join(", ")));
    }
    if setters.is_empty() {
        lines.push(format!("let out = client.{}().send(){finish};", op.fn_name));
        return lines;
    }
    lines.push("let out = client".to_owned());
    lines.push(format!("    .{}()", op.fn_name));
    lines.extend(setters.iter().map(|s| format!("    {s}")));
    lines.push(format!("    .send(){finish};"));
    lines
}

fn required<'a>(service: &'a Service, op: &Operation) -> impl Iterator<Item = &'a Member> {
    service.structure(&op.input).members.iter().filter(|m| m.required)
}

/// `.member(value)`; a list's setter appends one item, a map's inserts one entry.
fn setter(m: &Member, value: &str) -> String {
    let name = m.rust_name.as_str();
    match &m.ty {
        TypeRef::Map { .. } => format!(".{name}(\"key\", {value})"),
        _ => format!(".{name}({value})"),
    }
}

/// A literal the member's setter takes, for scalars, enums (their first
/// value) and lists and maps of them; `None` for what needs a builder or a
/// constructor.
fn literal(service: &Service, ty: &TypeRef) -> Option<String> {
    Some(match ty {
        TypeRef::String => "\"example\"".to_owned(),
        TypeRef::Bool => "true".to_owned(),
        TypeRef::Byte => "1_i8".to_owned(),
        TypeRef::Short => "1_i16".to_owned(),
        TypeRef::Integer => "1_i32".to_owned(),
        TypeRef::Long => "1_i64".to_owned(),
        TypeRef::Float => "1.0_f32".to_owned(),
        TypeRef::Double => "1.0_f64".to_owned(),
        TypeRef::Named(name) => match &service.shape(name).kind {
            ShapeKind::Enum(e) => format!("\"{}\"", e.variants.first()?.wire_name),
            _ => return None,
        },
        TypeRef::List { member, sparse: false } => literal(service, member)?,
        TypeRef::Map { value, sparse: false, .. } => literal(service, value)?,
        _ => return None,
    })
}
