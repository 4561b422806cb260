//! String templates (`{Name}`, `{Name#attr}`) and endpoint properties.

use super::{Base, Scope, Typed, get_attr, need, need_set, unknown};
use crate::ir::endpoints::{Expr, Property, Template, TemplatePart};
use serde_json::Value;

/// The text of a template without holes.
pub(super) fn literal(template: &Template) -> Option<&str> {
    match template.parts.as_slice() {
        [] => Some(""),
        [TemplatePart::Literal(s)] => Some(s),
        _ => None,
    }
}

/// Splits `{Name}` and `{Name#attr}` holes out of a string; `{{` and `}}`
/// stand for braces. Every hole must be a string that is surely set.
pub(super) fn template(text: &str, scope: &Scope) -> Result<Template, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        literal.push_str(&rest[..i]);
        let (brace, after) = (&rest[i..i + 1], &rest[i + 1..]);
        if let Some(after) = after.strip_prefix(brace) {
            literal.push_str(brace);
            rest = after;
            continue;
        }
        let hole = (brace == "{").then(|| after.split_once('}')).flatten();
        let (hole, after) = hole.ok_or_else(|| format!("`{text}` has an unmatched `{brace}`"))?;
        let (name, attr_path) = match hole.split_once('#') {
            Some((name, path)) => (name, Some(path)),
            None => (hole, None),
        };
        let (_, rust, ty) = scope.get(name).ok_or_else(|| format!("in `{text}`: {}", unknown(name)))?;
        let mut value = Typed { expr: Expr::Var(rust.clone()), ty: *ty };
        if let Some(path) = attr_path {
            value = get_attr(need_set(value, "`#` in a template")?, path)?;
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
        }
        parts.push(TemplatePart::Value(need(value, Base::String, &format!("`{{{hole}}}`"))?));
        rest = after;
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        parts.push(TemplatePart::Literal(literal));
    }
    Ok(Template { parts })
}

/// An endpoint property: JSON whose strings are templates.
pub(super) fn property(value: &Value, scope: &Scope) -> Result<Property, String> {
    Ok(match value {
        Value::String(s) => Property::String(template(s, scope)?),
        Value::Bool(b) => Property::Bool(*b),
        Value::Number(n) => Property::Number(n.clone()),
        Value::Array(items) => Property::Array(items.iter().map(|v| property(v, scope)).collect::<Result<_, _>>()?),
        Value::Object(fields) => Property::Object(
            fields.iter().map(|(k, v)| Ok((k.clone(), property(v, scope)?))).collect::<Result<_, String>>()?,
        ),
        Value::Null => return Err("`null` is not a property value".to_owned()),
    })
}
