//! Response deserializers of the XML codec ([`crate::protocol::Codec::Query`]),
//! the sibling of [`super::de`]:
//! one function per shape that travels in a response (in `src/de/<shape>.rs`,
//! or for an output in its operation's module) reading the element the
//! runtime's `XmlReader` has open, as botocore's `QueryParser` does: members
//! by element name ([`crate::ir::XmlMember`]), unknown elements skipped,
//! wrapped lists taking every child as an item, flattened lists and maps
//! gathering repeated elements, a missing required member an error that
//! names its path. Outputs are read inside their `resultWrapper` element,
//! exceptions inside `Error`.

use super::util::{cfg, shape_fn, timestamp_format, type_ident};
use crate::ir::{Member, Service, Shape, ShapeKind, Struct, StructRole, TypeRef, Union, XmlLevel};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// A shape's deserializer and body parser, compiled only with an operation
/// that receives the shape.
pub(crate) fn shape(service: &Service, shape: &Shape) -> TokenStream {
    let f = match &shape.kind {
        ShapeKind::Struct(s) => structure(service, shape, s),
        ShapeKind::Union(u) => union(service, shape, u),
        ShapeKind::Enum(_) => unreachable!("enums have no deserializer"),
    };
    let body = body_parser(service, shape);
    let cfg = cfg(service, &shape.usage.output);
    let body = body.map(|b| quote!(#cfg #b));
    quote!(#body #cfg #f)
}

/// `src/de/<shape>.rs`.
pub(crate) fn file(service: &Service, rust_name: &str) -> TokenStream {
    let f = shape(service, service.shape(rust_name));
    quote! {
        use crate::runtime::__private::query::{XmlError, XmlReader};
        #f
    }
}

/// `src/de.rs`: the shapes' deserializer modules, their functions
/// re-exported as `crate::de::de_<shape>` (and `parse_<exception>`).
pub(crate) fn index(service: &Service) -> TokenStream {
    let modules = super::de::modules(service);
    quote! {
        //! Response deserializers (awsQuery): one module per shape that
        //! travels in a response, reading XML. Each operation's output is
        //! parsed in the operation's module.
        #modules
    }
}

/// The entry point parsing a whole body: for outputs (inside the
/// operation's result wrapper), and for exceptions (inside `Error`; they
/// also take the error's metadata).
fn body_parser(service: &Service, shape: &Shape) -> Option<TokenStream> {
    let ShapeKind::Struct(s) = &shape.kind else { return None };
    let name = super::util::type_path(service, &shape.rust_name);
    let f = shape_fn("parse", &shape.rust_name);
    let de = shape_fn("de", &shape.rust_name);
    match &s.role {
        StructRole::Output { operation } => {
            let op = service.operations.iter().find(|op| &op.wire_name == operation).expect("the output's operation");
            let wrapper = &op.result_wrapper;
            Some(quote! {
                pub(crate) fn #f(body: &[u8]) -> Result<#name, XmlError> {
                    crate::runtime::__private::query::output(body, #wrapper, #de)
                }
            })
        }
        StructRole::Error(_) => Some(quote! {
            pub(crate) fn #f(
                body: &[u8],
                meta: crate::runtime::error::ErrorMeta,
            ) -> Result<#name, XmlError> {
                let mut error = crate::runtime::__private::query::error_body(body, #de)?;
                error.meta = meta;
                Ok(error)
            }
        }),
        _ => None,
    }
}

fn local(m: &Member) -> proc_macro2::Ident {
    format_ident!("f_{}", m.rust_name.trim_start_matches("r#"))
}

/// The element names that select member `m`, leaving out those an earlier
/// member took (the first member wins, so no arm is unreachable).
fn names<'a>(m: &'a Member, taken: &mut BTreeSet<&'a str>) -> Vec<&'a str> {
    let aliases = m.wire_aliases.iter().filter(|a| **a != m.wire_name);
    std::iter::once(m.xml.name.as_str()).chain(aliases.map(String::as_str)).filter(|n| taken.insert(n)).collect()
}

fn structure(service: &Service, shape: &Shape, s: &Struct) -> TokenStream {
    let name = super::util::type_path(service, &shape.rust_name);
    let f = shape_fn("de", &shape.rust_name);
    let mut taken = BTreeSet::new();
    let mut decls = Vec::new();
    let mut arms = Vec::new();
    for m in &s.members {
        let (l, ty) = (local(m), super::util::value_type(m));
        let names = names(m, &mut taken);
        if names.is_empty() {
            // Another member has its element: never set.
            decls.push(quote!(let #l: Option<#ty> = None;));
            continue;
        }
        decls.push(quote!(let mut #l: Option<#ty> = None;));
        let read = member(service, m);
        arms.push(quote!(#(#names)|* => { #read }));
    }
    let inits = s.members.iter().map(|m| {
        let field = ident(&m.rust_name);
        let l = local(m);
        let wire = &m.wire_name;
        if m.optional {
            quote!(#field: #l,)
        } else {
            quote!(#field: #l.ok_or_else(|| XmlError::missing_member(#wire))?,)
        }
    });
    let meta = matches!(s.role, StructRole::Error(_)).then(|| quote!(meta: Default::default(),));
    let body = if arms.is_empty() {
        quote! { while r.next_child()?.is_some() { r.skip()?; } }
    } else {
        quote! {
            while let Some(name) = r.next_child()? {
                match name {
                    #(#arms)*
                    _ => r.skip()?,
                }
            }
        }
    };
    quote! {
        pub(crate) fn #f(r: &mut XmlReader<'_>) -> Result<#name, XmlError> {
            #(#decls)*
            #body
            Ok(#name { #(#inits)* #meta })
        }
    }
}

/// Reads member `m` from its element (open) into its local: the whole
/// value, or for a flattened list or map one more item or entry.
fn member(service: &Service, m: &Member) -> TokenStream {
    let l = local(m);
    let wire = &m.wire_name;
    let flattened = m.xml.levels.first().filter(|level| level.flattened);
    let inner = m.xml.levels.get(1..).unwrap_or_default();
    match (&m.ty, flattened) {
        (TypeRef::List { member, sparse }, Some(_)) => {
            let item = read(service, member, inner);
            let item = if *sparse { quote!(#item.map(Some)) } else { item };
            quote! {
                let list = #l.get_or_insert_with(Vec::new);
                let item = #item.map_err(|e| e.in_index(list.len()).in_member(#wire))?;
                list.push(item);
            }
        }
        (TypeRef::Map { key, value, sparse }, Some(level)) => {
            let entry = map_parts(service, key, value, *sparse, level, inner);
            quote! {
                let (k, v) = crate::runtime::__private::query::map_entry(r, #entry)
                    .map_err(|e| e.in_member(#wire))?;
                #l.get_or_insert_with(std::collections::HashMap::new).insert(k, v);
            }
        }
        (ty, _) => {
            let read = read(service, ty, &m.xml.levels);
            let read = if m.boxed { quote!(#read.map(Box::new)) } else { read };
            quote!(#l = Some(#read.map_err(|e| e.in_member(#wire))?);)
        }
    }
}

/// The arguments after the reader of `map_entry` and `map`: the key and
/// value names, the key's conversion and the value's reader.
fn map_parts(
    service: &Service,
    key: &TypeRef,
    value: &TypeRef,
    sparse: bool,
    level: &XmlLevel,
    inner: &[XmlLevel],
) -> TokenStream {
    let (key_name, value_name) = (&level.key, &level.value);
    let key = match key {
        TypeRef::Named(name) => {
            let name = type_ident(name);
            quote!(|k: &str| crate::types::#name::from(k))
        }
        _ => quote!(|k: &str| k.to_owned()),
    };
    let value = read(service, value, inner);
    let value = if sparse { quote!(#value.map(Some)) } else { value };
    quote!((#key_name, #value_name), #key, |r| #value)
}

/// An expression of type `Result<T, XmlError>` reading one value of type
/// `ty` from the element open; `levels` names the lists and maps from here
/// inwards (nested ones are always read wrapped).
fn read(service: &Service, ty: &TypeRef, levels: &[XmlLevel]) -> TokenStream {
    match ty {
        TypeRef::String => quote!(r.string()),
        TypeRef::Bool => quote!(r.bool()),
        TypeRef::Byte => quote!(r.int::<i8>("i8")),
        TypeRef::Short => quote!(r.int::<i16>("i16")),
        TypeRef::Integer => quote!(r.int::<i32>("i32")),
        TypeRef::Long => quote!(r.int::<i64>("i64")),
        // Narrowing to the model's 32-bit float is intended.
        TypeRef::Float => quote!(r.f64().map(|v| v as f32)),
        TypeRef::Double => quote!(r.f64()),
        TypeRef::Timestamp(f) => {
            let f = timestamp_format(*f);
            quote!(r.timestamp(#f))
        }
        TypeRef::Blob => quote!(r.blob().map(crate::primitives::Blob::new)),
        TypeRef::Document => unreachable!("lowering refuses documents in awsQuery services"),
        TypeRef::Named(name) if matches!(service.shape(name).kind, ShapeKind::Enum(_)) => {
            let name = type_ident(name);
            quote!(r.text().map(|s| crate::types::#name::from(&*s)))
        }
        TypeRef::Named(name) => {
            let f = shape_fn("de", name);
            quote!(crate::de::#f(r))
        }
        TypeRef::List { member, sparse } => {
            let inner = read(service, member, levels.get(1..).unwrap_or_default());
            let inner = if *sparse { quote!(#inner.map(Some)) } else { inner };
            quote!(crate::runtime::__private::query::list(r, |r| #inner))
        }
        TypeRef::Map { key, value, sparse } => {
            let level = levels.first().cloned().unwrap_or_else(|| XmlLevel {
                key: "key".into(),
                value: "value".into(),
                ..XmlLevel::default()
            });
            let parts = map_parts(service, key, value, *sparse, &level, levels.get(1..).unwrap_or_default());
            quote!(crate::runtime::__private::query::map(r, #parts))
        }
    }
}

/// A union: the first member element found sets the variant (an unknown
/// element gives `Unknown`); several set, or none, is an error.
fn union(service: &Service, shape: &Shape, u: &Union) -> TokenStream {
    let name = type_ident(&shape.rust_name);
    let f = shape_fn("de", &shape.rust_name);
    let mut taken = BTreeSet::new();
    let arms = u.members.iter().filter_map(|m| {
        let names = names(m, &mut taken);
        let variant = ident(&m.rust_name);
        let wire = &m.wire_name;
        let read = read(service, &m.ty, &m.xml.levels);
        let read = if m.boxed { quote!(#read.map(Box::new)) } else { read };
        (!names.is_empty())
            .then(|| quote!(#(#names)|* => crate::types::#name::#variant(#read.map_err(|e| e.in_member(#wire))?),))
    });
    quote! {
        pub(crate) fn #f(r: &mut XmlReader<'_>) -> Result<crate::types::#name, XmlError> {
            let mut out = None;
            while let Some(name) = r.next_child()? {
                let value = match name {
                    #(#arms)*
                    _ => { r.skip()?; crate::types::#name::Unknown }
                };
                if out.replace(value).is_some() {
                    return Err(XmlError::custom("a union has more than one member set"));
                }
            }
            out.ok_or_else(|| XmlError::custom("a union has no member set"))
        }
    }
}
