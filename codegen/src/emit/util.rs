//! Token helpers shared by the emitters: doc attributes and Rust types.

use crate::ir::{Member, TimestampFormat, TypeRef};
use crate::naming::ident;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// `#[doc = "..."]` attributes, one per Markdown line. Lines may quote model
/// names and values, so they go through [`crate::docs::doc_safe`].
pub(crate) fn docs(lines: &[String]) -> TokenStream {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| if l.is_empty() { String::new() } else { format!(" {}", crate::docs::doc_safe(l)) })
        .collect();
    // While a file is emitted, the lines go around the token streams.
    match crate::format::defer_docs(lines) {
        Ok(marker) => marker,
        Err(lines) => quote! { #( #[doc = #lines] )* },
    }
}

/// Docs, or a fallback line when the model has none.
pub(crate) fn docs_or(lines: &[String], fallback: &str) -> TokenStream {
    if lines.is_empty() { docs(&[fallback.to_owned()]) } else { docs(lines) }
}

pub(crate) fn type_ident(rust_name: &str) -> Ident {
    ident(rust_name)
}

/// The Rust type of a value of this type.
pub(crate) fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::Byte => quote!(i8),
        TypeRef::Short => quote!(i16),
        TypeRef::Integer => quote!(i32),
        TypeRef::Long => quote!(i64),
        TypeRef::Float => quote!(f32),
        TypeRef::Double => quote!(f64),
        TypeRef::String => quote!(String),
        TypeRef::Timestamp(_) => quote!(crate::primitives::DateTime),
        TypeRef::Blob => quote!(crate::primitives::Blob),
        TypeRef::Document => quote!(crate::primitives::Document),
        TypeRef::Named(name) => {
            let name = type_ident(name);
            quote!(crate::types::#name)
        }
        TypeRef::List { member, sparse } => {
            let inner = rust_type(member);
            if *sparse { quote!(Vec<Option<#inner>>) } else { quote!(Vec<#inner>) }
        }
        TypeRef::Map { key, value, sparse } => {
            let (k, v) = (rust_type(key), rust_type(value));
            if *sparse {
                quote!(std::collections::HashMap<#k, Option<#v>>)
            } else {
                quote!(std::collections::HashMap<#k, #v>)
            }
        }
    }
}

/// The member's value type, boxed when recursive, without the `Option`.
pub(crate) fn value_type(m: &Member) -> TokenStream {
    let ty = rust_type(&m.ty);
    if m.boxed { quote!(Box<#ty>) } else { ty }
}

/// The member's field type.
pub(crate) fn field_type(m: &Member) -> TokenStream {
    let ty = value_type(m);
    if m.optional { quote!(Option<#ty>) } else { ty }
}

/// Whether values of the type are `Copy` (passed and returned by value).
pub(crate) fn is_copy(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Bool
            | TypeRef::Byte
            | TypeRef::Short
            | TypeRef::Integer
            | TypeRef::Long
            | TypeRef::Float
            | TypeRef::Double
            | TypeRef::Timestamp(_)
    )
}

pub(crate) fn timestamp_format(f: TimestampFormat) -> TokenStream {
    match f {
        TimestampFormat::EpochSeconds => quote!(crate::primitives::Format::EpochSeconds),
        TimestampFormat::DateTime => quote!(crate::primitives::Format::DateTime),
        TimestampFormat::HttpDate => quote!(crate::primitives::Format::HttpDate),
    }
}

pub(crate) fn field_ident(m: &Member) -> Ident {
    ident(&m.rust_name)
}

/// `ser_` / `de_` function names for a named shape.
pub(crate) fn shape_fn(prefix: &str, rust_name: &str) -> Ident {
    format_ident!("{}", crate::naming::shape_fn_name(prefix, rust_name))
}

/// `#[cfg(feature = ...)]` true when any of these operations' features is:
/// the operation's own feature, or the shared feature standing for the set,
/// or (a set without one) any of the operations' features.
pub(crate) fn cfg<'a>(service: &crate::ir::Service, operations: impl IntoIterator<Item = &'a String>) -> TokenStream {
    match service.gate(operations).as_slice() {
        // Never compiled: nothing could use it.
        [] => quote!(#[cfg(any())]),
        [feature] => quote!(#[cfg(feature = #feature)]),
        features => quote!(#[cfg(any( #(feature = #features),* ))]),
    }
}

/// `crate::operation::<op>`: the module holding an operation's own items.
pub(crate) fn operation_module(op: &crate::ir::Operation) -> String {
    format!("crate::operation::{}", op.module)
}

/// The path of a shape's type as a string (for doc links): inputs and
/// outputs live in their operation's module, every other shape in `types`.
pub(crate) fn type_path_str(service: &crate::ir::Service, rust_name: &str) -> String {
    match owner(service, rust_name) {
        Some(op) => format!("{}::{rust_name}", operation_module(op)),
        None => format!("crate::types::{rust_name}"),
    }
}

/// The path of a shape's type (see [`type_path_str`]).
pub(crate) fn type_path(service: &crate::ir::Service, rust_name: &str) -> TokenStream {
    path(&type_path_str(service, rust_name))
}

/// The path of a structure's builder: `builders` beside its type.
pub(crate) fn builder_path(service: &crate::ir::Service, rust_name: &str) -> TokenStream {
    let builder = crate::naming::builder_name(rust_name);
    match owner(service, rust_name) {
        Some(op) => path(&format!("{}::builders::{builder}", operation_module(op))),
        None => path(&format!("crate::types::builders::{builder}")),
    }
}

/// The operation whose input or output this shape is.
pub(crate) fn owner<'a>(service: &'a crate::ir::Service, rust_name: &str) -> Option<&'a crate::ir::Operation> {
    let crate::ir::ShapeKind::Struct(s) = &service.shape(rust_name).kind else { return None };
    let wire = match &s.role {
        crate::ir::StructRole::Input { operation } | crate::ir::StructRole::Output { operation } => operation,
        _ => return None,
    };
    service.operations.iter().find(|op| &op.wire_name == wire)
}

/// An item of an operation's module, by name, from anywhere in the crate.
pub(crate) fn in_operation(op: &crate::ir::Operation, name: &str) -> TokenStream {
    path(&format!("{}::{name}", operation_module(op)))
}

fn path(text: &str) -> TokenStream {
    text.parse().expect("a path made of identifiers parses")
}
