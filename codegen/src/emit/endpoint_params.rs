//! The endpoint rule-set parameters an operation sets: its
//! `Operation::endpoint_params` (from the IR's `endpoint_params`), and the
//! `Params::with_operation_params` and `Service::resolve_operation_endpoint`
//! that take them.

use crate::ir::endpoints::{EndpointRules, Literal, OperationValue, PathStep, ValueType};
use crate::ir::{Operation, Service};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The operation's `Operation::endpoint_params`, or nothing (the trait's
/// empty default) when it sets no parameter.
pub(crate) fn operation_fn(op: &Operation) -> TokenStream {
    if op.endpoint_params.is_empty() {
        return TokenStream::new();
    }
    let value = quote!(crate::runtime::endpoint_rules::ParamValue);
    // Static parameters start the list (lowering puts them first), so that
    // it is built at once rather than pushed to right after it is made.
    let statics = op.endpoint_params.iter().filter_map(|p| {
        let OperationValue::Literal(literal) = &p.value else { return None };
        let literal = match literal {
            Literal::String(s) => quote!(#value::String(#s.to_owned())),
            Literal::Bool(b) => quote!(#value::Bool(#b)),
            Literal::StringArray(items) => quote!(#value::StringArray(Vec::from([#(#items.to_owned()),*]))),
        };
        let name = &p.name;
        Some(quote!((#name, #literal)))
    });
    let statics = quote!(vec![#(#statics),*]);
    let pushes: Vec<TokenStream> = op
        .endpoint_params
        .iter()
        .filter_map(|p| {
            let name = &p.name;
            Some(match &p.value {
                OperationValue::Literal(_) => return None,
                OperationValue::Path { steps, ty: ValueType::StringArray } => {
                    let visit = visit(steps, quote!(input), &quote!(values.push(v.as_str().to_owned());));
                    // Nothing to send when the input holds no value (botocore
                    // leaves a path that finds nothing unset).
                    quote! {
                        let mut values = Vec::new();
                        #visit
                        if !values.is_empty() {
                            params.push((#name, #value::StringArray(values)));
                        }
                    }
                }
                OperationValue::Path { steps, ty } => {
                    let leaf = match ty {
                        ValueType::Bool => quote!(params.push((#name, #value::Bool(*v)));),
                        _ => quote!(params.push((#name, #value::String(v.as_str().to_owned())));),
                    };
                    visit(steps, quote!(input), &leaf)
                }
            })
        })
        .collect();
    let body = if pushes.is_empty() {
        statics
    } else {
        quote! {
            let mut params = #statics;
            #(#pushes)*
            params
        }
    };
    let arg = if pushes.is_empty() { quote!(_input) } else { quote!(input) };
    quote! {
        fn endpoint_params(#arg: &Self::Input) -> crate::runtime::endpoint_rules::OperationParams {
            #body
        }
    }
}

/// Reads `steps` from `from`, running `leaf` with `v` bound to each value found.
fn visit(steps: &[PathStep], from: TokenStream, leaf: &TokenStream) -> TokenStream {
    let Some((step, rest)) = steps.split_first() else {
        return bind(from, leaf.clone());
    };
    let inner = |v: TokenStream| visit(rest, v, leaf);
    match step {
        PathStep::Field { rust_name, optional: true } => {
            let (field, inner) = (ident(rust_name), inner(quote!(v)));
            quote!(if let Some(v) = &#from.#field { #inner })
        }
        PathStep::Field { rust_name, optional: false } => {
            let field = ident(rust_name);
            inner(quote!(&#from.#field))
        }
        PathStep::Each { sparse } => {
            let (items, inner) =
                (if *sparse { quote!(#from.iter().flatten()) } else { quote!(#from.iter()) }, inner(quote!(v)));
            quote!(for v in #items { #inner })
        }
        PathStep::Keys => {
            let inner = inner(quote!(v));
            quote!(for v in #from.keys() { #inner })
        }
        PathStep::Select(branches) => {
            let branches = branches.iter().map(|b| visit(b, quote!(v), leaf));
            bind(from, quote!(#(#branches)*))
        }
    }
}

/// `body` with `v` bound to `from` (already so when `from` is `v`).
fn bind(from: TokenStream, body: TokenStream) -> TokenStream {
    if from.to_string() == "v" { body } else { quote!({ let v = #from; #body }) }
}

/// Whether the rules have parameters no client setting fills, which an
/// operation may set.
fn takes_operation_params(rules: &EndpointRules) -> bool {
    rules.params.iter().any(|p| p.setting.is_none())
}

/// `Params::with_operation_params`, when the rules have such parameters.
pub(crate) fn params_method(rules: &EndpointRules) -> TokenStream {
    if !takes_operation_params(rules) {
        return TokenStream::new();
    }
    let arms = rules.params.iter().filter(|p| p.setting.is_none()).map(|p| {
        let (wire, field) = (&p.wire_name, format_ident!("{}", p.rust_name));
        let (variant, value) = match p.ty {
            ValueType::String => (quote!(String), quote!(v.clone())),
            ValueType::Bool => (quote!(Bool), quote!(*v)),
            ValueType::StringArray => (quote!(StringArray), quote!(v.clone())),
        };
        let value = if p.default.is_some() { value } else { quote!(Some(#value)) };
        (quote!((#wire, ParamValue::#variant(v))), quote!(self.#field = #value))
    });
    let arms: Vec<(TokenStream, TokenStream)> = arms.collect();
    // One parameter is an `if let` (a one-arm `match` is a clippy warning).
    let apply = match arms.as_slice() {
        [(pattern, assign)] => quote! { if let #pattern = (*name, value) { #assign; } },
        _ => {
            let arms = arms.iter().map(|(pattern, assign)| quote!(#pattern => #assign,));
            quote! {
                match (*name, value) {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    quote! {
        impl Params {
            /// These parameters with those an operation sets from its
            /// input, by rule-set name (see
            /// [`Operation::endpoint_params`](crate::runtime::operation::Operation::endpoint_params)).
            /// Other names, and values of another type, change nothing.
            pub fn with_operation_params(
                mut self,
                params: &[(&str, crate::runtime::endpoint_rules::ParamValue)],
            ) -> Self {
                use crate::runtime::endpoint_rules::ParamValue;
                for (name, value) in params {
                    #apply
                }
                self
            }
        }
    }
}

/// The generated `Service`'s `resolve_operation_endpoint`, when operations
/// may set parameters; otherwise the trait's default, which ignores them.
pub(crate) fn service_method(service: &Service) -> TokenStream {
    if !takes_operation_params(&service.endpoints) {
        return TokenStream::new();
    }
    quote! {
        fn resolve_operation_endpoint(
            built_ins: &runtime::endpoint_rules::BuiltIns<'_>,
            operation: &[(&'static str, runtime::endpoint_rules::ParamValue)],
        ) -> Result<runtime::endpoint_rules::Endpoint, runtime::endpoint_rules::EndpointError> {
            endpoint::resolve(&endpoint::Params::from_built_ins(built_ins).with_operation_params(operation))
        }
    }
}
