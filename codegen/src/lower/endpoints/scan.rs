//! Whether compiled rules read a name: which bindings to keep, which
//! parameters to bind.

use crate::ir::endpoints::{Body, Expr, Property, Rule, Template, TemplatePart, Test};

pub fn rule_uses(rule: &Rule, name: &str) -> bool {
    rule.tests.iter().any(|t| test_uses(t, name)) || body_uses(&rule.body, name)
}

pub fn test_uses(test: &Test, name: &str) -> bool {
    match test {
        Test::If(value) | Test::IfSome { value, .. } | Test::Let { value, .. } => expr_uses(value, name),
    }
}

pub fn body_uses(body: &Body, name: &str) -> bool {
    match body {
        Body::Endpoint(e) => {
            template_uses(&e.url, name)
                || e.headers.iter().flat_map(|(_, values)| values).any(|v| template_uses(v, name))
                || e.properties.iter().any(|(_, p)| property_uses(p, name))
        }
        Body::Error(message) => template_uses(message, name),
        Body::Tree(rules) => rules.iter().any(|r| rule_uses(r, name)),
    }
}

fn expr_uses(expr: &Expr, name: &str) -> bool {
    match expr {
        Expr::Var(var) => var == name,
        Expr::Bool(_) | Expr::Int(_) => false,
        Expr::String(t) => template_uses(t, name),
        Expr::Not(e)
        | Expr::IsSome(e)
        | Expr::Partition(e)
        | Expr::Attr(e, _)
        | Expr::Field(e, _)
        | Expr::Index(e, _) => expr_uses(e, name),
        Expr::Call(_, args) => args.iter().any(|a| expr_uses(a, name)),
        Expr::Substring { input, reverse, .. } => expr_uses(input, name) || expr_uses(reverse, name),
        Expr::Equals(a, b) => expr_uses(a, name) || expr_uses(b, name),
    }
}

fn template_uses(template: &Template, name: &str) -> bool {
    template.parts.iter().any(|p| match p {
        TemplatePart::Literal(_) => false,
        TemplatePart::Value(e) => expr_uses(e, name),
        TemplatePart::Checked { var, .. } => var == name,
    })
}

fn property_uses(property: &Property, name: &str) -> bool {
    match property {
        Property::String(t) => template_uses(t, name),
        Property::Bool(_) | Property::Number(_) => false,
        Property::Array(items) => items.iter().any(|p| property_uses(p, name)),
        Property::Object(fields) => fields.iter().any(|(_, p)| property_uses(p, name)),
    }
}
