//! `src/endpoint.rs`: the endpoint rules compiled to Rust. `Params` has a
//! field per rule-set parameter; `resolve` is the rules as nested `if`s,
//! each rule returning as soon as it matches, in rule-set order. Lowering
//! has type-checked the rules and settled every test, so this maps IR nodes
//! to tokens one to one.

use super::partitions;
use super::util::docs;
use crate::ir::Service;
use crate::ir::endpoints::{
    Body, EndpointRules, Expr, FieldKind, Function, Literal, Param, Property, Rule, RulesSource, Template,
    TemplatePart, Test, UrlCheck, ValueType,
};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(crate) fn emit(service: &Service) -> TokenStream {
    let rules = &service.endpoints;
    let module_docs: Vec<String> = match rules.source {
        RulesSource::RuleSet => vec![
            " Endpoint resolution, compiled from the service's endpoint rule set".to_owned(),
            " (`endpoint-rule-set-1.json`) by `cargo xtask codegen`.".to_owned(),
        ],
        RulesSource::Default => vec![
            " Endpoint resolution. The model has no endpoint rule set, so [`resolve`] uses".to_owned(),
            format!(" an endpoint URL as it is, else `https://{}.{{region}}.amazonaws.com`.", service.endpoint_prefix),
        ],
    };
    let params = params_struct(rules);
    let operation_params = super::endpoint_params::params_method(rules);
    let resolve = resolve_fn(rules);
    let (partition_imports, partitions) = partitions::emit(&rules.partitions);
    quote! {
        #( #![doc = #module_docs] )*
        //!
        //! [`resolve`] maps [`Params`] to an [`Endpoint`] or an [`EndpointError`].
        //! [`Config`](crate::Config) runs it once, when it is built, on
        //! [`Params::from_built_ins`] of its settings; call it yourself to see
        //! where a configuration would send requests.

        pub use crate::runtime::endpoint_rules::{BuiltIns, Endpoint, EndpointError};
        #partition_imports

        #params
        #operation_params
        #resolve
        #partitions
    }
}

fn params_struct(rules: &EndpointRules) -> TokenStream {
    let fields = rules.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = field_type(p);
        let docs = docs(&param_docs(p));
        quote!(#docs pub #name: #ty,)
    });
    let defaults: Vec<TokenStream> = rules.params.iter().map(default_value).collect();
    let names: Vec<_> = rules.params.iter().map(|p| ident(&p.rust_name)).collect();
    // A derived `Default` when it gives the same values, as clippy wants.
    let derivable = rules.params.iter().all(|p| match &p.default {
        None | Some(Literal::Bool(false)) => true,
        Some(Literal::String(s)) => s.is_empty(),
        Some(Literal::StringArray(items)) => items.is_empty(),
        Some(Literal::Bool(true)) => false,
    });
    let (derive_default, default_impl) = if derivable {
        (quote!(Default,), TokenStream::new())
    } else {
        let default_impl = quote! {
            impl Default for Params {
                /// Every parameter at its rule-set default, or unset.
                fn default() -> Self {
                    Params { #(#names: #defaults,)* }
                }
            }
        };
        (TokenStream::new(), default_impl)
    };
    let from_built_ins = rules.params.iter().zip(&defaults).map(|(p, default)| {
        let name = ident(&p.rust_name);
        let Some(setting) = p.setting else { return quote!(#name: #default,) };
        let field = format_ident!("{}", setting.field());
        let value = match (p.ty, &p.default) {
            (ValueType::Bool, Some(_)) => quote!(built_ins.#field),
            (ValueType::Bool, None) => quote!(Some(built_ins.#field)),
            (ValueType::String, None) => quote!(built_ins.#field.map(str::to_owned)),
            (ValueType::String, Some(_)) => quote!(built_ins.#field.map_or_else(|| #default, str::to_owned)),
            // No setting is an array.
            (ValueType::StringArray, _) => default.clone(),
        };
        quote!(#name: #value,)
    });
    let built_ins_arg =
        if rules.params.iter().any(|p| p.setting.is_some()) { quote!(built_ins) } else { quote!(_built_ins) };
    quote! {
        /// The endpoint rules' parameters. `Params::default()` has each at
        /// its default, or unset; set fields on it to resolve other cases.
        #[derive(Clone, Debug, #derive_default PartialEq, Eq)]
        #[non_exhaustive]
        pub struct Params {
            #(#fields)*
        }

        #default_impl

        impl Params {
            /// The parameters a client configuration gives: each one whose
            /// built-in the configuration has takes that setting, the others
            /// their defaults.
            pub fn from_built_ins(#built_ins_arg: &BuiltIns<'_>) -> Self {
                Params { #(#from_built_ins)* }
            }
        }
    }
}

fn field_type(p: &Param) -> TokenStream {
    let ty = match p.ty {
        ValueType::String => quote!(String),
        ValueType::Bool => quote!(bool),
        ValueType::StringArray => quote!(Vec<String>),
    };
    if p.default.is_some() { ty } else { quote!(Option<#ty>) }
}

fn default_value(p: &Param) -> TokenStream {
    match &p.default {
        None => quote!(None),
        Some(Literal::Bool(b)) => quote!(#b),
        Some(Literal::String(s)) => quote!(#s.to_owned()),
        Some(Literal::StringArray(items)) => quote!(Vec::from([#(#items.to_owned()),*])),
    }
}

fn param_docs(p: &Param) -> Vec<String> {
    let mut lines = p.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    let kind = match p.ty {
        ValueType::String => "string",
        ValueType::Bool => "boolean",
        ValueType::StringArray => "string array",
    };
    let mut facts = format!("Rule-set parameter `{}`, a {kind}", p.wire_name);
    match &p.default {
        Some(Literal::String(s)) => facts.push_str(&format!(", default `{s:?}`")),
        Some(Literal::Bool(b)) => facts.push_str(&format!(", default `{b}`")),
        Some(Literal::StringArray(items)) => facts.push_str(&format!(", default `{items:?}`")),
        None if p.required => facts.push_str(", required: resolving fails while it is unset"),
        None => {}
    }
    facts.push('.');
    match (&p.built_in, p.setting) {
        (Some(built_in), Some(setting)) => match setting.builder_method() {
            Some(method) => facts.push_str(&format!(
                " Built-in `{built_in}`: set from [`ConfigBuilder::{method}`](crate::runtime::client::ConfigBuilder::{method})."
            )),
            None => facts.push_str(&format!(
                " Built-in `{built_in}`: set per call from the account ID of the credentials \
                 ([`Credentials::account_id`](crate::runtime::credentials::Credentials::account_id))."
            )),
        },
        (Some(built_in), None) => {
            facts.push_str(&format!(" Built-in `{built_in}`, which the client configuration does not set."))
        }
        (None, _) => {}
    }
    lines.push(facts);
    if let Some(why) = &p.deprecated {
        lines.push(String::new());
        lines.push(format!("Deprecated: {why}"));
    }
    lines
}

fn resolve_fn(rules: &EndpointRules) -> TokenStream {
    let bindings: Vec<TokenStream> = rules.params.iter().filter_map(binding).collect();
    let arg = if bindings.is_empty() { quote!(_params) } else { quote!(params) };
    let body = list(&rules.rules, true);
    quote! {
        /// Resolves the endpoint: the first rule whose conditions hold gives
        /// the endpoint or the error.
        ///
        /// # Errors
        /// When the matching rule is an error rule (its message is kept
        /// exactly), or no rule matches.
        pub fn resolve(#arg: &Params) -> Result<Endpoint, EndpointError> {
            #(#bindings)*
            #body
        }
    }
}

/// The local a parameter is read through, checked when required.
fn binding(p: &Param) -> Option<TokenStream> {
    let name = ident(&p.rust_name);
    let read = match p.ty {
        ValueType::String if p.default.is_some() => quote!(params.#name.as_str()),
        ValueType::String => quote!(params.#name.as_deref()),
        ValueType::StringArray if p.default.is_some() => quote!(params.#name.as_slice()),
        ValueType::StringArray => quote!(params.#name.as_deref()),
        ValueType::Bool => quote!(params.#name),
    };
    if p.required && p.default.is_none() {
        let message = format!("Cannot find value for required parameter {}", p.wire_name);
        let missing = quote!(return Err(EndpointError::new(#message)););
        return Some(if p.used {
            quote!(let Some(#name) = #read else { #missing };)
        } else {
            quote!(if params.#name.is_none() { #missing })
        });
    }
    p.used.then(|| quote!(let #name = #read;))
}

/// Rules tried in order, ending with a return on every path: the last rule
/// when it always matches, else the "no rule matched" error. In `tail`
/// position the final value is the block's value rather than a `return`.
fn list(rules: &[Rule], tail: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for (i, rule) in rules.iter().enumerate() {
        if i + 1 == rules.len() && rule.is_unconditional() {
            // Its bindings may stay in the enclosing block: nothing follows.
            out.extend(tests(&rule.tests, body(&rule.body, tail)));
            return out;
        }
        let guarded = tests(&rule.tests, body(&rule.body, false));
        out.extend(match rule.tests.first() {
            Some(Test::Let { .. }) => quote!({ #guarded }),
            _ => guarded,
        });
    }
    out.extend(finish(quote!(Err(EndpointError::no_rule_matched())), tail));
    out
}

fn finish(value: TokenStream, tail: bool) -> TokenStream {
    if tail { value } else { quote!(return #value;) }
}

fn body(body: &Body, tail: bool) -> TokenStream {
    match body {
        Body::Endpoint(e) => {
            let checks = url_checks(&e.url);
            let url = string(&e.url);
            let headers = e.headers.iter().flat_map(|(name, values)| {
                values.iter().map(move |v| {
                    let v = string(v);
                    quote!(.with_header(#name, #v))
                })
            });
            let properties = e.properties.iter().map(|(name, p)| {
                let p = property(p);
                quote!(.with_property(#name, #p))
            });
            let value = finish(quote!(Ok(Endpoint::new(#url) #(#headers)* #(#properties)*)), tail);
            quote!(#(#checks)* #value)
        }
        Body::Error(message) => {
            let message = string(message);
            finish(quote!(Err(EndpointError::new(#message))), tail)
        }
        Body::Tree(rules) => list(rules, tail),
    }
}

/// The tests around `inner`; consecutive `if`s become one `&&` chain.
fn tests(tests: &[Test], inner: TokenStream) -> TokenStream {
    match tests {
        [] => inner,
        [Test::If(_), ..] => {
            let count = tests.iter().take_while(|t| matches!(t, Test::If(_))).count();
            let conditions = tests[..count].iter().map(|t| match t {
                Test::If(e) => expr(e),
                _ => unreachable!("only `if`s were taken"),
            });
            let rest = self::tests(&tests[count..], inner);
            quote!(if #(#conditions)&&* { #rest })
        }
        [Test::IfSome { name, value }, rest @ ..] => {
            let (name, value, rest) = (ident(name), expr(value), self::tests(rest, inner));
            quote!(if let Some(#name) = #value { #rest })
        }
        [Test::Let { name, value }, rest @ ..] => {
            // An owned string is borrowed, so that every string local is a `&str`-like.
            let borrow = owned(value).then(|| quote!(&));
            let (name, value, rest) = (ident(name), expr(value), self::tests(rest, inner));
            quote!(let #name = #borrow #value; #rest)
        }
    }
}

fn expr(e: &Expr) -> TokenStream {
    match e {
        Expr::Var(name) => {
            let name = ident(name);
            quote!(#name)
        }
        Expr::Bool(b) => quote!(#b),
        Expr::String(t) => string(t),
        Expr::Not(inner) => match inner.as_ref() {
            Expr::IsSome(value) => {
                let value = expr(value);
                quote!(#value.is_none())
            }
            Expr::Equals(a, b) => equals(a, b, true),
            other => {
                let other = expr(other);
                quote!(!#other)
            }
        },
        Expr::Equals(a, b) => equals(a, b, false),
        Expr::IsSome(value) => {
            let value = expr(value);
            quote!(#value.is_some())
        }
        Expr::Partition(region) => {
            let region = str_arg(region);
            quote!(partition_of(#region))
        }
        Expr::Int(n) => {
            let n = proc_macro2::Literal::usize_unsuffixed(*n);
            quote!(#n)
        }
        Expr::Call(function, args) => {
            let name = format_ident!("{}", function.runtime_name());
            let args = args.iter().map(str_arg);
            quote!(crate::runtime::__private::rule_functions::#name(#(#args),*))
        }
        Expr::Substring { input, start, stop, reverse } => {
            let (input, reverse) = (str_arg(input), expr(reverse));
            let (start, stop) =
                (proc_macro2::Literal::usize_unsuffixed(*start), proc_macro2::Literal::usize_unsuffixed(*stop));
            quote!(crate::runtime::__private::rule_functions::substring(#input, #start, #stop, #reverse))
        }
        Expr::Field(value, field) => {
            let (value, name) = (expr(value), format_ident!("{}", field.name));
            match field.kind {
                FieldKind::String => quote!(#value.#name.as_str()),
                FieldKind::Bool | FieldKind::StringArray => quote!(#value.#name),
            }
        }
        Expr::Index(array, index) => {
            let array = expr(array);
            // `first()` is what clippy asks for in place of `get(0)`.
            let element = match index {
                0 => quote!(first()),
                n => {
                    let n = proc_macro2::Literal::usize_unsuffixed(*n);
                    quote!(get(#n))
                }
            };
            quote!(#array.#element.map(String::as_str))
        }
        Expr::Attr(partition, attr) => {
            let (partition, field) = (expr(partition), format_ident!("{}", attr.field()));
            quote!(#partition.#field)
        }
    }
}

/// A side of `==`: a negation is bracketed so it stays one operand.
/// `a == b` or `a != b`; a comparison with `""` is written `is_empty()`, as clippy
/// asks of generated code too.
fn equals(a: &Expr, b: &Expr, negate: bool) -> TokenStream {
    let empty = |e: &Expr| match e {
        Expr::String(t) => match t.parts.as_slice() {
            [] => true,
            [TemplatePart::Literal(s)] => s.is_empty(),
            _ => false,
        },
        _ => false,
    };
    let other = match (empty(a), empty(b)) {
        (true, false) => Some(b),
        (false, true) => Some(a),
        _ => None,
    };
    let not = negate.then(|| quote!(!));
    if let Some(other) = other {
        let other = match other {
            // `String::is_empty` itself: clippy refuses `.as_str().is_empty()`.
            Expr::Field(value, field) if field.kind == FieldKind::String => {
                let (value, name) = (expr(value), format_ident!("{}", field.name));
                quote!(#value.#name)
            }
            _ => operand(other),
        };
        return quote!(#not #other.is_empty());
    }
    let (a, b) = (operand(a), operand(b));
    if negate { quote!(#a != #b) } else { quote!(#a == #b) }
}

fn operand(e: &Expr) -> TokenStream {
    let tokens = expr(e);
    if matches!(e, Expr::Not(_)) { quote!((#tokens)) } else { tokens }
}

/// Whether the expression gives an owned `String` rather than a `&str`.
fn owned(e: &Expr) -> bool {
    match e {
        Expr::String(t) => needs_format(t),
        Expr::Call(f, _) => *f == Function::UriEncode,
        _ => false,
    }
}

/// A function's argument: owned strings are borrowed.
fn str_arg(e: &Expr) -> TokenStream {
    let tokens = expr(e);
    if owned(e) { quote!(&#tokens) } else { tokens }
}

fn needs_format(t: &Template) -> bool {
    !matches!(t.parts.as_slice(), [] | [_])
}

/// A string: a literal, a value, or `format!` of the parts. Locals are
/// named inside the format string; attributes are passed after it.
/// Checked parameters are locals by then (see [`url_checks`]).
fn string(t: &Template) -> TokenStream {
    match t.parts.as_slice() {
        [] => quote!(""),
        [TemplatePart::Literal(s)] => quote!(#s),
        [TemplatePart::Value(e)] => expr(e),
        [TemplatePart::Checked { var, .. }] => {
            let var = ident(var);
            quote!(#var)
        }
        parts => {
            let mut format = String::new();
            let mut args = Vec::new();
            for part in parts {
                match part {
                    TemplatePart::Literal(s) => format.push_str(&s.replace('{', "{{").replace('}', "}}")),
                    TemplatePart::Value(Expr::Var(name)) | TemplatePart::Checked { var: name, .. } => {
                        format.push_str(&format!("{{{name}}}"))
                    }
                    TemplatePart::Value(other) => {
                        format.push_str("{}");
                        args.push(expr(other));
                    }
                }
            }
            quote!(format!(#format #(, #args)*))
        }
    }
}

/// The checks of the parameters an endpoint URL inserts, each shadowing its
/// local with the checked value: the resolver returns a check's error
/// rather than a URL with another host.
fn url_checks(url: &Template) -> Vec<TokenStream> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for part in &url.parts {
        let TemplatePart::Checked { var, param, check } = part else { continue };
        if seen.contains(&(var, check)) {
            continue;
        }
        seen.push((var, check));
        let function = match check {
            UrlCheck::HostLabel => quote!(url_label),
            UrlCheck::HostLabels => quote!(url_labels),
            UrlCheck::Url => quote!(url_param),
        };
        let var = ident(var);
        out.push(quote!(let #var = crate::runtime::endpoint::#function(#param, #var)?;));
    }
    out
}

/// An endpoint property as a `Document`.
fn property(p: &Property) -> TokenStream {
    let document = quote!(crate::primitives::Document);
    match p {
        Property::String(t) => {
            let s = string(t);
            if needs_format(t) { quote!(#document::String(#s)) } else { quote!(#document::String(#s.to_owned())) }
        }
        Property::Bool(b) => quote!(#document::Bool(#b)),
        Property::Number(n) => {
            let number = quote!(crate::primitives::Number);
            if let Some(u) = n.as_u64() {
                quote!(#document::Number(#number::PosInt(#u)))
            } else if let Some(i) = n.as_i64() {
                quote!(#document::Number(#number::NegInt(#i)))
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                quote!(#document::Number(#number::Float(#f)))
            }
        }
        Property::Array(items) => {
            let items = items.iter().map(property);
            quote!(#document::Array(Vec::from([#(#items),*])))
        }
        Property::Object(fields) => {
            let fields = fields.iter().map(|(k, v)| {
                let v = property(v);
                quote!((#k.to_owned(), #v))
            });
            quote!(#document::Object(std::collections::BTreeMap::from([#(#fields),*])))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::endpoints::Field;

    fn var(name: &str) -> Expr {
        Expr::Var(name.to_owned())
    }

    fn literal(s: &str) -> Expr {
        Expr::String(Template { parts: vec![TemplatePart::Literal(s.to_owned())] })
    }

    fn text(e: &Expr) -> String {
        expr(e).to_string()
    }

    #[test]
    fn a_comparison_with_the_empty_string_is_an_is_empty_call() {
        let ne = Expr::Not(Box::new(Expr::Equals(Box::new(var("arn_type")), Box::new(literal("")))));
        assert_eq!(text(&ne), "! arn_type . is_empty ()");
        let eq = Expr::Equals(Box::new(Expr::String(Template { parts: vec![] })), Box::new(var("x")));
        assert_eq!(text(&eq), "x . is_empty ()");
        let other = Expr::Equals(Box::new(var("x")), Box::new(literal("a")));
        assert_eq!(text(&other), "x == \"a\"");
        let not_other = Expr::Not(Box::new(Expr::Equals(Box::new(var("x")), Box::new(literal("a")))));
        assert_eq!(text(&not_other), "x != \"a\"");
        // A `String` field is tested as it is, not through `as_str()`.
        let region = Field { name: "region", kind: FieldKind::String };
        let field = Expr::Equals(Box::new(Expr::Field(Box::new(var("parsed_arn")), region)), Box::new(literal("")));
        assert_eq!(text(&field), "parsed_arn . region . is_empty ()");
    }
}
