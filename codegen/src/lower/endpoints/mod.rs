//! Endpoint rule set -> IR, the compiler's front half: parameters get Rust
//! names and types; every condition is type-checked and becomes the test
//! the resolver makes. A value that may be unset is narrowed by `isSet`; a
//! function given one does not hold while it is unset (the condition
//! proves it set for what follows, as `isSet` would), and a template hole
//! must be set. Functions outside the supported set are errors naming the
//! function. Bindings nothing reads are dropped afterwards
//! ([`prune`]), so the emitted code has no unused variables.

mod default;
mod functions;
mod partitions;
mod regex;
mod scan;
mod template;
#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use crate::ir::endpoints::{
    Body, Endpoint, EndpointRules, Expr, Function, Literal, Param, Rule, RulesSource, Setting, Template, TemplatePart,
    Test, UrlCheck, ValueType,
};
use crate::model::endpoints::{self as model, Partitions, RuleSet};
use crate::naming;
use functions::{get_attr, need_set, runtime_call};
use serde_json::Value;
use template::{literal, property, template};

pub use default::default_rules;

/// The functions the compiler knows.
pub const FUNCTIONS: &str = "aws.isVirtualHostableS3Bucket, aws.parseArn, aws.partition, booleanEquals, getAttr, \
    isSet, isValidHostLabel, not, parseURL, stringEquals, substring and uriEncode";

/// Compiles a model's rule set; `partitions` is needed when it calls `aws.partition`.
pub fn lower(rule_set: &RuleSet, partitions: Option<&Partitions>) -> Result<EndpointRules> {
    lower_from(rule_set, partitions, RulesSource::RuleSet)
}

fn lower_from(rule_set: &RuleSet, partitions: Option<&Partitions>, source: RulesSource) -> Result<EndpointRules> {
    if !rule_set.version.starts_with("1.") {
        return Err(Error::new("endpoint rule set", format!("unsupported version `{}` (1.x is)", rule_set.version)));
    }
    let mut scope = Scope::default();
    let mut params = Vec::with_capacity(rule_set.parameters.len());
    for (wire, p) in &rule_set.parameters {
        let param = param(wire, p)?;
        scope
            .bind(
                wire,
                &param.rust_name,
                Ty { base: base(param.ty), optional: param.default.is_none() && !param.required },
            )
            .map_err(|e| Error::new(format!("parameter `{wire}`"), e))?;
        params.push(param);
    }
    scope.params = scope.vars.len();
    let mut compiler = Compiler { uses_partition: false };
    let mut rules = compiler.rules(&rule_set.rules, &scope, "rules")?;
    prune(&mut rules);
    for param in &mut params {
        param.used = rules.iter().any(|r| scan::rule_uses(r, &param.rust_name));
    }
    let partitions = match (compiler.uses_partition, partitions) {
        (false, _) => Vec::new(),
        (true, Some(partitions)) => partitions::lower(partitions)?,
        (true, None) => {
            return Err(Error::new(
                "endpoint rule set",
                "the rules call `aws.partition`, which needs botocore's partitions.json (`partitions` in codegen.json)",
            ));
        }
    };
    Ok(EndpointRules { source, params, rules, partitions })
}

fn param(wire: &str, p: &model::Parameter) -> Result<Param> {
    let fail = |message: String| Error::new(format!("parameter `{wire}`"), message);
    let ty = match p.kind.to_ascii_lowercase().as_str() {
        "string" => ValueType::String,
        "boolean" => ValueType::Bool,
        "stringarray" => ValueType::StringArray,
        other => {
            return Err(fail(format!("type `{other}` is not supported (string, boolean and stringArray are)")));
        }
    };
    let strings = |items: &[Value]| items.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>();
    let default = match (&p.default, ty) {
        (None, _) => None,
        (Some(Value::String(s)), ValueType::String) => Some(Literal::String(s.clone())),
        (Some(Value::Bool(b)), ValueType::Bool) => Some(Literal::Bool(*b)),
        (Some(Value::Array(items)), ValueType::StringArray) if strings(items).is_some() => {
            Some(Literal::StringArray(strings(items).unwrap_or_default()))
        }
        (Some(other), _) => return Err(fail(format!("default `{other}` is not a {}", p.kind))),
    };
    let setting = match Setting::ALL.iter().find(|s| Some(s.0) == p.built_in.as_deref()) {
        Some((name, _, expected, ..)) if *expected != ty => {
            return Err(fail(format!(
                "built-in `{name}` is a {expected:?} setting, but the parameter is a {}",
                p.kind
            )));
        }
        found => found.map(|s| s.1),
    };
    let deprecated = p.deprecated.as_ref().map(|d| {
        let since = d.since.as_deref().map(|s| format!(" (since {s})")).unwrap_or_default();
        format!("{}{since}", d.message.as_deref().unwrap_or("Deprecated."))
    });
    Ok(Param {
        wire_name: wire.to_owned(),
        rust_name: naming::endpoint_var(wire),
        ty,
        default,
        required: p.required,
        built_in: p.built_in.clone(),
        setting,
        docs: super::doc_lines(p.documentation.as_deref()),
        deprecated,
        used: false,
    })
}

/// The kinds of values rules compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    String,
    Bool,
    Partition,
    Arn,
    Url,
    StringArray,
    Integer,
}

impl Base {
    fn name(self) -> &'static str {
        match self {
            Base::String => "string",
            Base::Bool => "boolean",
            Base::Partition => "partition",
            Base::Arn => "parsed ARN",
            Base::Url => "parsed URL",
            Base::StringArray => "string array",
            Base::Integer => "integer",
        }
    }
}

fn base(ty: ValueType) -> Base {
    match ty {
        ValueType::String => Base::String,
        ValueType::Bool => Base::Bool,
        ValueType::StringArray => Base::StringArray,
    }
}

#[derive(Debug, Clone, Copy)]
struct Ty {
    base: Base,
    /// May be unset: a condition's function narrows it (see
    /// [`unset_arguments`]); a template or a rule body refuses it.
    optional: bool,
}

/// What is in scope: parameters, then locals bound by earlier conditions.
#[derive(Debug, Clone, Default)]
struct Scope {
    vars: Vec<(String, String, Ty)>,
    /// How many of `vars` are parameters.
    params: usize,
    /// Parameters (wire names) an earlier condition proved to be
    /// dot-separated host labels: `isValidHostLabel(ref, true)` or
    /// `aws.isVirtualHostableS3Bucket(ref, true)`.
    subdomains: Vec<String>,
}

impl Scope {
    /// The wire name of the parameter with this Rust name.
    fn param(&self, rust: &str) -> Option<&str> {
        self.vars[..self.params].iter().find(|v| v.1 == rust).map(|v| v.0.as_str())
    }

    fn get(&self, wire: &str) -> Option<&(String, String, Ty)> {
        self.vars.iter().rev().find(|v| v.0 == wire)
    }

    /// Binds a new name; shadowing is an error, as in Smithy.
    fn bind(&mut self, wire: &str, rust: &str, ty: Ty) -> Result<(), String> {
        if let Some((other, ..)) = self.vars.iter().find(|v| v.0 == wire || v.1 == rust) {
            return Err(format!("`{wire}` clashes with `{other}`, which is already in scope"));
        }
        self.vars.push((wire.to_owned(), rust.to_owned(), ty));
        Ok(())
    }

    /// A Rust name for a new local: names differing only in case (a
    /// parameter `ResourceArn`, a local `resourceArn`) are distinct in rules,
    /// so the later one takes a numbered suffix.
    fn local_name(&self, wire: &str) -> String {
        let base = naming::endpoint_var(wire);
        let taken = |rust: &str| self.vars.iter().any(|v| v.1 == rust && v.0 != wire);
        let mut rust = base.clone();
        for n in 2.. {
            if !taken(&rust) {
                break;
            }
            rust = format!("{base}_{n}");
        }
        rust
    }

    /// After `isSet(wire)` holds.
    fn narrow(&mut self, wire: &str) {
        if let Some(v) = self.vars.iter_mut().rev().find(|v| v.0 == wire) {
            v.2.optional = false;
        }
    }
}

/// A typed expression; `Expr::Bool` is a constant.
struct Typed {
    expr: Expr,
    ty: Ty,
}

/// A condition becomes tests, or can never hold.
enum Outcome {
    Tests(Vec<Test>),
    Never,
}

struct Compiler {
    uses_partition: bool,
}

impl Compiler {
    /// Rules in order. Those after one that always matches can never be
    /// reached: they are checked, then dropped, so no code is unreachable.
    fn rules(&mut self, rules: &[model::Rule], scope: &Scope, path: &str) -> Result<Vec<Rule>> {
        let mut out: Vec<Rule> = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let rule = self.rule(rule, scope.clone(), &format!("{path}[{i}]"))?;
            if let Some(rule) = rule.filter(|_| !out.last().is_some_and(Rule::is_unconditional)) {
                out.push(rule);
            }
        }
        Ok(out)
    }

    fn rule(&mut self, rule: &model::Rule, mut scope: Scope, path: &str) -> Result<Option<Rule>> {
        let mut tests = Vec::new();
        let mut never = false;
        for (i, condition) in rule.conditions.iter().enumerate() {
            let path = format!("{path}.conditions[{i}]");
            match self.condition(condition, &mut scope).map_err(|e| Error::new(path, e))? {
                Outcome::Tests(more) => tests.extend(more),
                Outcome::Never => never = true,
            }
        }
        let missing = |field: &str| Error::new(path, format!("a `{}` rule needs `{field}`", rule.kind));
        let body = match rule.kind.as_str() {
            "endpoint" => {
                let endpoint = rule.endpoint.as_ref().ok_or_else(|| missing("endpoint"))?;
                Body::Endpoint(self.endpoint(endpoint, &scope).map_err(|e| Error::new(format!("{path}.endpoint"), e))?)
            }
            "error" => {
                let message = rule.error.as_ref().ok_or_else(|| missing("error"))?;
                Body::Error(self.string(message, &scope).map_err(|e| Error::new(format!("{path}.error"), e))?)
            }
            "tree" => {
                let rules = rule.rules.as_deref().ok_or_else(|| missing("rules"))?;
                Body::Tree(self.rules(rules, &scope, &format!("{path}.rules"))?)
            }
            other => {
                return Err(Error::new(
                    path,
                    format!("unknown rule type `{other}` (endpoint, error and tree are known)"),
                ));
            }
        };
        Ok((!never).then_some(Rule { tests, body }))
    }

    fn condition(&mut self, condition: &model::Condition, scope: &mut Scope) -> Result<Outcome, String> {
        let function = condition.function.as_str();
        // `isSet(ref)` narrows the reference for what follows.
        if let Some((wire, rust)) = narrowed(condition, scope) {
            scope.narrow(&wire);
            return Ok(Outcome::Tests(vec![Test::IfSome { name: rust.clone(), value: Expr::Var(rust) }]));
        }
        // A function given a value that may be unset does not hold, as in
        // Smithy: the condition proves the value set for what follows.
        let mut tests = Vec::new();
        for wire in unset_arguments(function, &condition.argv, scope) {
            scope.narrow(&wire);
            let rust = scope.get(&wire).expect("found in scope").1.clone();
            tests.push(Test::IfSome { name: rust.clone(), value: Expr::Var(rust) });
        }
        let Typed { expr, ty } = self.call(function, &condition.argv, scope)?;
        if let [Value::Object(arg), Value::Bool(true)] = condition.argv.as_slice()
            && matches!(function, "isValidHostLabel" | "aws.isVirtualHostableS3Bucket")
            && let Some(Value::String(name)) = arg.get("ref")
        {
            scope.subdomains.push(name.clone());
        }
        let bind = |scope: &mut Scope, ty: Ty| -> Result<Option<String>, String> {
            let Some(wire) = &condition.assign else { return Ok(None) };
            let rust = scope.local_name(wire);
            scope.bind(wire, &rust, Ty { optional: false, ..ty })?;
            Ok(Some(rust))
        };
        match (ty.base, ty.optional, expr) {
            (_, true, value) => tests.push(match bind(scope, ty)? {
                Some(name) => Test::IfSome { name, value },
                None => Test::If(Expr::IsSome(Box::new(value))),
            }),
            (Base::Bool, false, Expr::Bool(false)) => {
                bind(scope, ty)?;
                return Ok(Outcome::Never);
            }
            (Base::Bool, false, test) => {
                if test != Expr::Bool(true) {
                    tests.push(Test::If(test));
                }
                if let Some(name) = bind(scope, ty)? {
                    tests.push(Test::Let { name, value: Expr::Bool(true) });
                }
            }
            // A value that is always there: the condition always holds.
            (_, false, value) => tests.extend(bind(scope, ty)?.map(|name| Test::Let { name, value })),
        }
        Ok(Outcome::Tests(tests))
    }

    fn call(&mut self, function: &str, argv: &[Value], scope: &Scope) -> Result<Typed, String> {
        const KNOWN: [&str; 7] =
            ["aws.partition", "booleanEquals", "getAttr", "isSet", "not", "stringEquals", "substring"];
        let runtime = Function::ALL.iter().find(|f| f.0 == function).map(|f| f.1);
        if !KNOWN.contains(&function) && runtime.is_none() {
            return Err(format!("unsupported function `{function}`; the generator compiles {FUNCTIONS}"));
        }
        let args: Vec<Typed> = argv
            .iter()
            .enumerate()
            .map(|(i, a)| self.value(a, scope).map_err(|e| format!("argument {} of `{function}`: {e}", i + 1)))
            .collect::<Result<_, _>>()?;
        let arity = args.len();
        let count = |n: usize| match arity == n {
            true => Ok(()),
            false => Err(format!("`{function}` takes {n} argument(s), got {arity}")),
        };
        let bool_ty = Ty { base: Base::Bool, optional: false };
        let mut args = args.into_iter();
        if function == "getAttr" {
            count(2)?;
            let value = args.next().expect("arity was checked");
            let path = need(args.next().expect("arity was checked"), Base::String, function)?;
            let path = match &path {
                Expr::String(t) => literal(t),
                _ => None,
            };
            return get_attr(need_set(value, function)?, path.unwrap_or("{not a literal}"));
        }
        if let Some(runtime) = runtime {
            return runtime_call(runtime, args.collect());
        }
        if function == "isSet" {
            count(1)?;
            let arg = args.next().expect("arity was checked");
            let expr = if arg.ty.optional { Expr::IsSome(Box::new(arg.expr)) } else { Expr::Bool(true) };
            return Ok(Typed { expr, ty: bool_ty });
        }
        let mut next = |base| need(args.next().expect("arity was checked"), base, function);
        let expr = match function {
            "not" => {
                count(1)?;
                not(next(Base::Bool)?)
            }
            "booleanEquals" => {
                count(2)?;
                match (next(Base::Bool)?, next(Base::Bool)?) {
                    (Expr::Bool(a), Expr::Bool(b)) => Expr::Bool(a == b),
                    (e, Expr::Bool(true)) | (Expr::Bool(true), e) => e,
                    (e, Expr::Bool(false)) | (Expr::Bool(false), e) => not(e),
                    (a, b) => Expr::Equals(Box::new(a), Box::new(b)),
                }
            }
            "stringEquals" => {
                count(2)?;
                match (next(Base::String)?, next(Base::String)?) {
                    (Expr::String(a), Expr::String(b)) if literal(&a).is_some() && literal(&b).is_some() => {
                        Expr::Bool(literal(&a) == literal(&b))
                    }
                    (a, b) => Expr::Equals(Box::new(a), Box::new(b)),
                }
            }
            "substring" => {
                count(4)?;
                let input = next(Base::String)?;
                let bound = |e: Expr| match e {
                    Expr::Int(n) => Ok(n),
                    _ => Err("`substring` needs literal bounds".to_owned()),
                };
                let (start, stop) = (bound(next(Base::Integer)?)?, bound(next(Base::Integer)?)?);
                let reverse = Box::new(next(Base::Bool)?);
                return Ok(Typed {
                    expr: Expr::Substring { input: Box::new(input), start, stop, reverse },
                    ty: Ty { base: Base::String, optional: true },
                });
            }
            "aws.partition" => {
                count(1)?;
                self.uses_partition = true;
                let region = next(Base::String)?;
                // Unknown regions fall back to the first partition, as in botocore.
                return Ok(Typed {
                    expr: Expr::Partition(Box::new(region)),
                    ty: Ty { base: Base::Partition, optional: false },
                });
            }
            other => return Err(format!("unsupported function `{other}`; the generator compiles {FUNCTIONS}")),
        };
        Ok(Typed { expr, ty: bool_ty })
    }

    /// An argument: a literal, a reference or a nested call.
    fn value(&mut self, value: &Value, scope: &Scope) -> Result<Typed, String> {
        match value {
            Value::String(s) => {
                Ok(Typed { expr: Expr::String(template(s, scope)?), ty: Ty { base: Base::String, optional: false } })
            }
            Value::Bool(b) => Ok(Typed { expr: Expr::Bool(*b), ty: Ty { base: Base::Bool, optional: false } }),
            Value::Number(n) => match n.as_u64().and_then(|n| usize::try_from(n).ok()) {
                Some(n) => Ok(Typed { expr: Expr::Int(n), ty: Ty { base: Base::Integer, optional: false } }),
                None => Err(format!("unsupported number `{n}` (whole numbers from 0 are)")),
            },
            Value::Object(o) => match (o.get("ref"), o.get("fn")) {
                (Some(Value::String(name)), None) if o.len() == 1 => {
                    let (_, rust, ty) = scope.get(name).ok_or_else(|| unknown(name))?;
                    Ok(Typed { expr: Expr::Var(rust.clone()), ty: *ty })
                }
                (None, Some(Value::String(function))) => {
                    let argv = o.get("argv").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
                    if let Some(extra) = o.keys().find(|k| !["fn", "argv"].contains(&k.as_str())) {
                        return Err(format!("a nested call cannot have `{extra}`"));
                    }
                    self.call(function, argv, scope)
                }
                _ => Err(format!("`{value}` is neither a reference nor a function call")),
            },
            other => Err(format!("unsupported value `{other}`")),
        }
    }

    /// A string: a template, or a reference or call giving a string.
    fn string(&mut self, value: &Value, scope: &Scope) -> Result<Template, String> {
        let expr = need(self.value(value, scope)?, Base::String, "this string")?;
        Ok(match expr {
            Expr::String(template) => template,
            other => Template { parts: vec![TemplatePart::Value(other)] },
        })
    }

    fn endpoint(&mut self, endpoint: &model::EndpointValue, scope: &Scope) -> Result<Endpoint, String> {
        let url = checked_url(self.string(&endpoint.url, scope).map_err(|e| format!("url: {e}"))?, scope);
        let mut headers = Vec::new();
        for (name, values) in &endpoint.headers {
            let values = values.iter().map(|v| self.string(v, scope)).collect::<Result<_, _>>();
            headers.push((name.clone(), values.map_err(|e| format!("header `{name}`: {e}"))?));
        }
        let mut properties = Vec::new();
        for (name, value) in &endpoint.properties {
            properties.push((name.clone(), property(value, scope).map_err(|e| format!("property `{name}`: {e}"))?));
        }
        Ok(Endpoint { url, headers, properties })
    }
}

/// Marks the parameters in an endpoint URL to be checked when resolving,
/// since whoever sets them (a region from a variable, say) must not be able
/// to change where signed requests go: one that starts the URL must be a URL
/// (the `SDK::Endpoint` pass-through), any other a host label, as botocore and
/// the AWS SDKs require of a region. Locals come only from partition data
/// here, which is trusted; values derived from parameters (`substring`,
/// `parseURL`, once supported) will need the same check.
fn checked_url(url: Template, scope: &Scope) -> Template {
    let parts = url.parts.into_iter().enumerate().map(|(i, part)| match &part {
        TemplatePart::Value(Expr::Var(var)) => match scope.param(var) {
            Some(param) => {
                let check = match (i, scope.subdomains.iter().any(|s| s == param)) {
                    (0, _) => UrlCheck::Url,
                    (_, true) => UrlCheck::HostLabels,
                    (_, false) => UrlCheck::HostLabel,
                };
                TemplatePart::Checked { var: var.clone(), param: param.to_owned(), check }
            }
            None => part,
        },
        _ => part,
    });
    Template { parts: parts.collect() }
}

/// The reference an `isSet` condition proves set, when it may be unset.
fn narrowed(condition: &model::Condition, scope: &Scope) -> Option<(String, String)> {
    let [Value::Object(arg)] = condition.argv.as_slice() else { return None };
    let (wire, rust, ty) = scope.get(arg.get("ref")?.as_str()?)?;
    let narrows = condition.function == "isSet" && ty.optional && condition.assign.is_none();
    narrows.then(|| (wire.clone(), rust.clone()))
}

/// References that may be unset, given to functions (other than `isSet`)
/// anywhere in a condition's call, in order of appearance.
fn unset_arguments(function: &str, argv: &[Value], scope: &Scope) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack: Vec<(&str, &[Value])> = vec![(function, argv)];
    while let Some((function, argv)) = stack.pop() {
        if function == "isSet" {
            continue;
        }
        for arg in argv {
            let Value::Object(o) = arg else { continue };
            if let Some(name) = o.get("ref").and_then(Value::as_str) {
                if scope.get(name).is_some_and(|v| v.2.optional) && !found.iter().any(|f| f == name) {
                    found.push(name.to_owned());
                }
            } else if let Some(inner) = o.get("fn").and_then(Value::as_str) {
                stack.push((inner, o.get("argv").and_then(Value::as_array).map_or(&[][..], Vec::as_slice)));
            }
        }
    }
    found
}

/// The argument as a value of `base` that is surely set.
fn need(arg: Typed, base: Base, function: &str) -> Result<Expr, String> {
    if arg.ty.base != base {
        return Err(format!("`{function}` needs a {} here, not a {}", base.name(), arg.ty.base.name()));
    }
    if arg.ty.optional {
        let what = match &arg.expr {
            Expr::Var(name) => format!("`{name}`"),
            _ => "the value".to_owned(),
        };
        return Err(format!(
            "{what} may be unset here; prove it set first with an `isSet` condition (or bind it with `assign`)"
        ));
    }
    Ok(arg.expr)
}

fn not(expr: Expr) -> Expr {
    match expr {
        Expr::Bool(b) => Expr::Bool(!b),
        Expr::Not(inner) => *inner,
        other => Expr::Not(Box::new(other)),
    }
}

fn unknown(name: &str) -> String {
    format!("`{name}` is neither a parameter nor bound by an earlier condition")
}

/// Drops bindings nothing reads: a `let` whose value is unused goes (the
/// functions have no side effects), and an `isSet` narrowing whose value
/// is unused becomes an `is_some()` test.
fn prune(rules: &mut [Rule]) {
    for rule in rules {
        if let Body::Tree(inner) = &mut rule.body {
            prune(inner);
        }
        for i in (0..rule.tests.len()).rev() {
            let used = |name: &str| {
                rule.tests[i + 1..].iter().any(|t| scan::test_uses(t, name)) || scan::body_uses(&rule.body, name)
            };
            match &rule.tests[i] {
                Test::IfSome { name, value } if !used(name) => {
                    rule.tests[i] = Test::If(Expr::IsSome(Box::new(value.clone())));
                }
                Test::Let { name, .. } if !used(name) => {
                    rule.tests.remove(i);
                }
                _ => {}
            }
        }
    }
}
