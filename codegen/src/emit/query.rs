//! Request serializers of the form codec ([`crate::protocol::Codec::Query`]),
//! the sibling of [`super::ser`]:
//! one function per shape that travels in a request (in `src/ser/<shape>.rs`,
//! or for an input in its operation's module) writing its members as form
//! pairs under the runtime's `QueryWriter` key stack, in model member order,
//! as botocore's `QuerySerializer` does: lists as `Name.member.N` (or
//! `Name.N` flattened; `Name=` when empty), maps as `Name.entry.N.key` and
//! `.value` in key order (or `Name.N.key` flattened), each level named as
//! the model says ([`crate::ir::XmlMember`]).

use super::util::{cfg, field_ident, shape_fn, timestamp_format, type_ident};
use crate::ir::{Member, Service, Shape, ShapeKind, Struct, StructRole, TypeRef, Union, XmlLevel};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A shape's serializer, compiled only with an operation that sends the shape.
pub(crate) fn shape(service: &Service, shape: &Shape) -> TokenStream {
    let f = match &shape.kind {
        ShapeKind::Struct(s) => structure(service, shape, s),
        ShapeKind::Union(u) => union(service, shape, u),
        ShapeKind::Enum(_) => unreachable!("enums have no serializer"),
    };
    let cfg = cfg(service, &shape.usage.input);
    quote!(#cfg #f)
}

/// `src/ser/<shape>.rs`.
pub(crate) fn file(service: &Service, rust_name: &str) -> TokenStream {
    let f = shape(service, service.shape(rust_name));
    quote! {
        use crate::runtime::__private::query::QueryWriter;
        use crate::runtime::build::BuildError;
        #f
    }
}

/// `src/ser.rs`: the shapes' serializer modules, their functions re-exported
/// as `crate::ser::ser_<shape>`.
pub(crate) fn index(service: &Service) -> TokenStream {
    let modules = super::ser::modules(service);
    quote! {
        //! Request serializers (awsQuery): one module per shape that travels
        //! in a request, writing form pairs. Each operation's input and
        //! request are serialized in the operation's module.
        #modules
    }
}

fn structure(service: &Service, shape: &Shape, s: &Struct) -> TokenStream {
    let name = super::util::type_path(service, &shape.rust_name);
    let f = shape_fn("ser", &shape.rust_name);
    let is_input = matches!(s.role, StructRole::Input { .. });
    let (w, v) = if s.members.is_empty() { (quote!(_w), quote!(_v)) } else { (quote!(w), quote!(v)) };
    let owner = shape.rust_name.as_str();
    let members = s.members.iter().map(|m| {
        let field = field_ident(m);
        let write = member(service, m);
        if !m.optional {
            return quote! { let x = &v.#field; #write };
        }
        let missing = (is_input && m.required).then(|| {
            let rust_field = m.rust_name.as_str();
            quote! { else { return Err(BuildError::missing_field(#owner, #rust_field)); } }
        });
        quote! { if let Some(x) = &v.#field { #write } #missing }
    });
    quote! {
        pub(crate) fn #f(#w: &mut QueryWriter, #v: &#name) -> Result<(), BuildError> {
            #(#members)*
            Ok(())
        }
    }
}

/// Writes member `m`, whose value is the reference `x`, under its name.
fn member(service: &Service, m: &Member) -> TokenStream {
    let name = &m.xml.name;
    let write = value(service, &m.ty, &quote!(x), &m.xml.levels, 0);
    quote! {
        let mark = w.enter(#name);
        #write
        w.leave(mark);
    }
}

/// Writes the value of expression `x` (a reference) of type `ty` under the
/// current key; `levels` names the lists and maps from here inwards.
fn value(service: &Service, ty: &TypeRef, x: &TokenStream, levels: &[XmlLevel], depth: usize) -> TokenStream {
    let level = || levels.first().cloned().unwrap_or_else(default_level);
    let inner = levels.get(1..).unwrap_or_default();
    match ty {
        TypeRef::String => quote!(w.string(#x);),
        TypeRef::Bool => quote!(w.bool(*#x);),
        TypeRef::Long => quote!(w.i64(*#x);),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer => quote!(w.i64(i64::from(*#x));),
        TypeRef::Double => quote!(w.f64(*#x);),
        TypeRef::Float => quote!(w.f64(f64::from(*#x));),
        TypeRef::Timestamp(f) => {
            let f = timestamp_format(*f);
            quote!(w.timestamp(*#x, #f);)
        }
        TypeRef::Blob => quote!(w.blob(#x.as_ref());),
        TypeRef::Document => unreachable!("lowering refuses documents in awsQuery services"),
        TypeRef::Named(name) if matches!(service.shape(name).kind, ShapeKind::Enum(_)) => {
            quote!(w.string(#x.as_str());)
        }
        TypeRef::Named(name) => {
            let f = shape_fn("ser", name);
            quote!(crate::ser::#f(w, #x)?;)
        }
        TypeRef::List { member, sparse } => {
            let level = level();
            let item = format_ident!("item{}", depth);
            let index = format_ident!("i{}", depth);
            let write = value(service, member, &quote!(#item), inner, depth + 1);
            let write = if *sparse {
                quote! { if let Some(#item) = #item { #write } }
            } else {
                write
            };
            let name = item_name(&level, &level.item);
            quote! {
                if #x.is_empty() {
                    w.empty();
                }
                for (#index, #item) in #x.iter().enumerate() {
                    let mark = w.enter_item(#name, #index + 1);
                    #write
                    w.leave(mark);
                }
            }
        }
        TypeRef::Map { value: val, sparse, .. } => {
            let level = level();
            let (k, v, index) =
                (format_ident!("key{}", depth), format_ident!("value{}", depth), format_ident!("i{}", depth));
            let write = value(service, val, &quote!(#v), inner, depth + 1);
            let write = if *sparse {
                quote! { if let Some(#v) = #v { #write } }
            } else {
                write
            };
            // Keys are `String`s or string enums: both have `as_str`.
            let name = item_name(&level, "entry");
            let (key_name, value_name) = (&level.key, &level.value);
            quote! {
                // Sorted by key, so the same map always gives the same body.
                let mut entries: Vec<_> = #x.iter().collect();
                entries.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
                for (#index, (#k, #v)) in entries.into_iter().enumerate() {
                    let mark = w.enter_item(#name, #index + 1);
                    let inner = w.enter(#key_name);
                    w.string(#k.as_str());
                    w.leave(inner);
                    let inner = w.enter(#value_name);
                    #write
                    w.leave(inner);
                    w.leave(mark);
                }
            }
        }
    }
}

/// `Some("member")` (the item or entry name), or `None` when flattened.
fn item_name(level: &XmlLevel, name: &str) -> TokenStream {
    if level.flattened { quote!(None) } else { quote!(Some(#name)) }
}

/// Names of a level the IR does not describe (not reached: lowering writes
/// one level per list and map).
fn default_level() -> XmlLevel {
    XmlLevel { flattened: false, item: "member".into(), key: "key".into(), value: "value".into() }
}

fn union(service: &Service, shape: &Shape, u: &Union) -> TokenStream {
    let name = type_ident(&shape.rust_name);
    let f = shape_fn("ser", &shape.rust_name);
    let rust_name = shape.rust_name.as_str();
    let arms = u.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let write = member(service, m);
        quote! { crate::types::#name::#variant(x) => { #write Ok(()) } }
    });
    let w = if u.members.is_empty() { quote!(_w) } else { quote!(w) };
    quote! {
        pub(crate) fn #f(#w: &mut QueryWriter, v: &crate::types::#name) -> Result<(), BuildError> {
            match v {
                #(#arms)*
                crate::types::#name::Unknown => Err(BuildError::unknown_variant(#rust_name)),
            }
        }
    }
}
