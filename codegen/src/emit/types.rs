//! Data types: structures (with accessors), unions and enums. Each shape
//! other than an operation's input and output gets a file of its own under
//! `src/types/` (with its builder); `src/types.rs` lists and re-exports them.

use super::util::{
    builder_path, cfg, docs, docs_or, field_ident, field_type, is_copy, rust_type, type_ident, value_type,
};
use crate::ir::{Enum, Member, Service, Shape, ShapeKind, Struct, StructRole, TypeRef, Union};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The shape's type and its impls, compiled only with a feature of an
/// operation that uses the shape.
pub(crate) fn item(service: &Service, shape: &Shape) -> TokenStream {
    let cfg = cfg(service, shape.usage.operations());
    match &shape.kind {
        ShapeKind::Struct(s) => structure(shape, s, &cfg, &builder_path(service, &shape.rust_name)),
        ShapeKind::Union(u) => union(shape, u, &cfg),
        ShapeKind::Enum(e) => enumeration(shape, e, &cfg),
    }
}

/// `src/types/<shape>.rs`: a shape's type and, for a structure, its builder.
pub(crate) fn file(service: &Service, rust_name: &str) -> TokenStream {
    let shape = service.shape(rust_name);
    let item = item(service, shape);
    let builder = match &shape.kind {
        ShapeKind::Struct(s) => Some(super::builders::builder(service, rust_name, s)),
        _ => None,
    };
    quote! { #item #builder }
}

/// `src/types.rs`: every shape's module, its type re-exported flat, and the
/// builders re-exported in `types::builders`.
pub(crate) fn index(service: &Service) -> TokenStream {
    let shapes: Vec<&Shape> =
        service.shapes.values().filter(|s| super::util::owner(service, &s.rust_name).is_none()).collect();
    let modules = shapes.iter().map(|shape| {
        let cfg = cfg(service, shape.usage.operations());
        let module = ident(&crate::naming::shape_module_name(&shape.rust_name));
        let name = type_ident(&shape.rust_name);
        quote! {
            #cfg
            mod #module;
            #cfg
            pub use #module::#name;
        }
    });
    let builders = shapes.iter().filter(|s| matches!(s.kind, ShapeKind::Struct(_))).map(|shape| {
        let cfg = cfg(service, shape.usage.operations());
        let module = ident(&crate::naming::shape_module_name(&shape.rust_name));
        let builder = type_ident(&crate::naming::builder_name(&shape.rust_name));
        quote! {
            #cfg
            pub use super::#module::#builder;
        }
    });
    quote! {
        //! Data types shared by operations: the structures operation inputs and
        //! outputs contain, enums, unions and exceptions. Each operation's own
        //! input and output are in its module under [`crate::operation`].
        #(#modules)*

        /// Builders for the structures in [`crate::types`].
        pub mod builders {
            #(#builders)*
        }
    }
}

fn serde_rename(wire: &str, optional: bool) -> TokenStream {
    if optional {
        quote!(#[cfg_attr(feature = "serde", serde(rename = #wire, default, skip_serializing_if = "Option::is_none"))])
    } else {
        quote!(#[cfg_attr(feature = "serde", serde(rename = #wire))])
    }
}

fn structure(shape: &Shape, s: &Struct, cfg: &TokenStream, builder_path: &TokenStream) -> TokenStream {
    let name = type_ident(&shape.rust_name);
    let is_error = matches!(s.role, StructRole::Error(_));
    let fields = s.members.iter().map(|m| {
        let doc = docs(&m.docs);
        let field = field_ident(m);
        let ty = field_type(m);
        let rename = serde_rename(&m.wire_name, m.optional);
        quote! { #doc #rename pub #field: #ty, }
    });
    let meta_field = is_error.then(|| {
        quote! {
            /// Response metadata: the error code, message, request id and HTTP status.
            #[cfg_attr(feature = "serde", serde(skip))]
            pub(crate) meta: crate::runtime::error::ErrorMeta,
        }
    });
    let all_optional = s.members.iter().all(|m| m.optional);
    let default = all_optional.then(|| quote!(Default,));
    let accessors = s.members.iter().map(accessor);
    let fill_tokens = super::idempotency::fill_method(s);
    let doc = docs_or(&shape.docs, &format!("The `{}` structure.", shape.wire_name));
    quote! {
        #cfg
        #doc
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, #default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct #name {
            #(#fields)*
            #meta_field
        }

        #cfg
        impl #name {
            /// A builder for this type.
            pub fn builder() -> #builder_path {
                #builder_path::default()
            }
            #(#accessors)*
            #fill_tokens
        }
    }
}

/// A borrowing accessor in the style of aws-sdk-rust: `&str` for strings,
/// slices for lists (empty when absent), values for `Copy` types.
fn accessor(m: &Member) -> TokenStream {
    let field = field_ident(m);
    let doc = docs(&m.docs);
    let (ret, body) = match (&m.ty, m.optional) {
        (TypeRef::String, false) => (quote!(&str), quote!(&self.#field)),
        (TypeRef::String, true) => (quote!(Option<&str>), quote!(self.#field.as_deref())),
        (TypeRef::List { .. }, opt) => {
            let TypeRef::List { member, sparse } = &m.ty else { unreachable!() };
            let inner = rust_type(member);
            let item = if *sparse { quote!(Option<#inner>) } else { inner };
            let body = if opt { quote!(self.#field.as_deref().unwrap_or_default()) } else { quote!(&self.#field) };
            let note = opt.then(
                || quote!(#[doc = ""] #[doc = " Empty when the value is absent; the field tells absent from empty."]),
            );
            return quote! { #doc #note pub fn #field(&self) -> &[#item] { #body } };
        }
        (ty, false) if is_copy(ty) => (rust_type(ty), quote!(self.#field)),
        (ty, true) if is_copy(ty) => {
            let t = rust_type(ty);
            (quote!(Option<#t>), quote!(self.#field))
        }
        (ty, false) => {
            let t = rust_type(ty);
            (quote!(&#t), quote!(&self.#field))
        }
        (ty, true) => {
            let t = rust_type(ty);
            let body = if m.boxed { quote!(self.#field.as_deref()) } else { quote!(self.#field.as_ref()) };
            (quote!(Option<&#t>), body)
        }
    };
    quote! { #doc pub fn #field(&self) -> #ret { #body } }
}

fn union(shape: &Shape, u: &Union, cfg: &TokenStream) -> TokenStream {
    let name = type_ident(&shape.rust_name);
    let variants = u.members.iter().map(|m| {
        let doc = docs(&m.docs);
        let variant = ident(&m.rust_name);
        let ty = value_type(m);
        let wire = &m.wire_name;
        quote! { #doc #[cfg_attr(feature = "serde", serde(rename = #wire))] #variant(#ty), }
    });
    let doc = docs_or(&shape.docs, &format!("The `{}` union.", shape.wire_name));
    quote! {
        #cfg
        #doc
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know. It cannot be sent.
            #[cfg_attr(feature = "serde", serde(skip))]
            Unknown,
        }
    }
}

fn enumeration(shape: &Shape, e: &Enum, cfg: &TokenStream) -> TokenStream {
    let name = type_ident(&shape.rust_name);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let wires: Vec<_> = e.variants.iter().map(|v| v.wire_name.as_str()).collect();
    let variant_docs = wires.iter().map(|w| {
        // An empty code span would show as two backticks.
        let line = if w.is_empty() { "The empty string.".to_owned() } else { format!("`{w}`") };
        docs(&[line])
    });
    let doc = docs_or(&shape.docs, &format!("The `{}` enum.", shape.wire_name));
    quote! {
        #cfg
        #doc
        ///
        /// Values this version of the crate does not know are kept in `Unknown`
        /// and sent back unchanged; build any value with `From<&str>`.
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value this version of the crate does not know.
            Unknown(crate::primitives::UnknownValue),
        }

        #cfg
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( #name::#variants => #wires, )*
                    #name::Unknown(v) => v.as_str(),
                }
            }

            /// Every value the model defines.
            pub const fn values() -> &'static [&'static str] {
                &[#(#wires),*]
            }
        }

        #cfg
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #wires => #name::#variants, )*
                    other => #name::Unknown(crate::primitives::UnknownValue::new(other)),
                }
            }
        }

        #cfg
        crate::runtime::__private::string_enum_traits!(#name);
    }
}
