//! Request serializers of the JSON codec ([`crate::protocol::Codec::Json`]). One function per shape that travels in a request,
//! writing compact JSON in model member order and omitting absent members
//! (in `src/ser/<shape>.rs`, or for an input in its operation's module), and
//! one per operation building the whole `http::Request` (the protocol
//! says how).

use super::util::{cfg, field_ident, shape_fn, timestamp_format, type_ident};
use crate::ir::{
    HostPrefix, HostPrefixPart, Member, Operation, Service, Shape, ShapeKind, Struct, StructRole, TypeRef, Union,
};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Whether the shape has a serializer file under `src/ser/`: it travels in a
/// request, is not an enum (written as a string in place) and is not an
/// operation input (serialized in the operation's module).
pub(crate) fn has_file(service: &Service, shape: &Shape) -> bool {
    !shape.usage.input.is_empty()
        && !matches!(shape.kind, ShapeKind::Enum(_))
        && super::util::owner(service, &shape.rust_name).is_none()
}

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
        use crate::runtime::__private::json::JsonWriter;
        use crate::runtime::build::BuildError;
        #f
    }
}

/// `src/ser.rs`: the shapes' serializer modules, their functions re-exported
/// as `crate::ser::ser_<shape>`.
pub(crate) fn index(service: &Service) -> TokenStream {
    let modules = modules(service);
    quote! {
        //! Request serializers (JSON): one module per shape that travels in
        //! a request. Each operation's input and request are serialized in the
        //! operation's module.
        #modules
    }
}

/// The `mod` and `use` lines of the shapes' serializer files (any codec).
pub(crate) fn modules(service: &Service) -> TokenStream {
    let modules = service.shapes.values().filter(|s| has_file(service, s)).map(|shape| {
        let cfg = cfg(service, &shape.usage.input);
        let module = ident(&crate::naming::shape_module_name(&shape.rust_name));
        quote! {
            #cfg
            mod #module;
            #cfg
            pub(crate) use #module::*;
        }
    });
    quote!(#(#modules)*)
}

/// An operation's request serializer and what the protocol adds to the
/// operation's module ([`crate::protocol::request`]).
pub(crate) fn operation(service: &Service, op: &Operation) -> TokenStream {
    let f = type_ident(&op.request_fn);
    let input = type_ident(&op.input);
    let crate::protocol::Request { setup, request, items } = crate::protocol::request(service, op);
    let prefix = op.host_prefix.as_ref().map(|prefix| host_prefix(op, prefix));
    // The checksum covers the body as serialized; the client recomputes it
    // if it compresses the body.
    let checksum = op.checksum_required.then(|| quote!(crate::runtime::__private::md5::set_content_md5(&mut request);));
    let body = if prefix.is_none() && checksum.is_none() {
        quote!(Ok(#request))
    } else {
        quote! {
            let mut request = #request;
            #prefix
            #checksum
            Ok(request)
        }
    };
    let gate = cfg(service, [&op.feature]);
    quote! {
        #gate
        pub(crate) fn #f(
            input: &#input,
        ) -> Result<http::Request<Vec<u8>>, crate::runtime::build::BuildError> {
            #setup
            #body
        }

        #items
    }
}

/// Fills the host prefix from the input (each label checked) and attaches it
/// to `request`. (In awsJson labels are also in the body, which holds every member.)
fn host_prefix(op: &Operation, prefix: &HostPrefix) -> TokenStream {
    let mut checks = Vec::new();
    let pieces: Vec<TokenStream> = prefix
        .parts
        .iter()
        .map(|part| match part {
            HostPrefixPart::Literal(text) => quote!(#text),
            HostPrefixPart::Label(label) => {
                let var = format_ident!("label{}", checks.len());
                let field = ident(&label.field);
                let value = match label.ty {
                    TypeRef::String => quote!(input.#field.as_deref()),
                    _ => quote!(input.#field.as_ref().map(|v| v.as_str())),
                };
                let (shape, name) = (op.input.as_str(), label.field.as_str());
                checks.push(quote! {
                    let #var = crate::runtime::endpoint::host_label(#shape, #name, #value)?;
                });
                quote!(#var)
            }
        })
        .collect();
    let text = match pieces.as_slice() {
        [one] => quote!(#one.to_owned()),
        many => quote!([#(#many),*].concat()),
    };
    quote! {
        #(#checks)*
        request.extensions_mut().insert(crate::runtime::endpoint::HostPrefix(#text));
    }
}

fn structure(service: &Service, shape: &Shape, s: &Struct) -> TokenStream {
    let name = super::util::type_path(service, &shape.rust_name);
    let f = shape_fn("ser", &shape.rust_name);
    let is_input = matches!(s.role, StructRole::Input { .. });
    let v = if s.members.is_empty() { quote!(_v) } else { quote!(v) };
    let members = s.members.iter().map(|m| member(service, &shape.rust_name, m, is_input));
    quote! {
        pub(crate) fn #f(w: &mut JsonWriter, #v: &#name) -> Result<(), BuildError> {
            w.begin_object();
            #(#members)*
            w.end_object();
            Ok(())
        }
    }
}

/// Writes member `m` of the structure `v` (a reference) under its JSON key.
pub(crate) fn member(service: &Service, owner: &str, m: &Member, is_input: bool) -> TokenStream {
    let field = field_ident(m);
    let wire = m.json_key();
    let write = value(service, &m.ty, &quote!(x), 0);
    if !m.optional {
        return quote! { w.key(#wire); let x = &v.#field; #write };
    }
    let missing = (is_input && m.required).then(|| {
        let rust_field = m.rust_name.as_str();
        quote! { else { return Err(BuildError::missing_field(#owner, #rust_field)); } }
    });
    quote! { if let Some(x) = &v.#field { w.key(#wire); #write } #missing }
}

/// Writes the value of expression `x` (a reference) of type `ty`.
pub(crate) fn value(service: &Service, ty: &TypeRef, x: &TokenStream, depth: usize) -> TokenStream {
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
        TypeRef::Document => quote!(w.document(#x);),
        TypeRef::Named(name) if matches!(service.shape(name).kind, ShapeKind::Enum(_)) => {
            quote!(w.string(#x.as_str());)
        }
        TypeRef::Named(name) => {
            let f = shape_fn("ser", name);
            quote!(crate::ser::#f(w, #x)?;)
        }
        TypeRef::List { member, sparse } => {
            let item = format_ident!("item{}", depth);
            let write = value(service, member, &quote!(#item), depth + 1);
            let write = if *sparse {
                quote! { match #item { Some(#item) => { #write } None => w.null(), } }
            } else {
                write
            };
            quote! { w.begin_array(); for #item in #x.iter() { #write } w.end_array(); }
        }
        TypeRef::Map { key, value: val, sparse } => {
            let (k, v) = (format_ident!("key{}", depth), format_ident!("value{}", depth));
            let key_str = match key.as_ref() {
                TypeRef::Named(_) => quote!(#k.as_str()),
                _ => quote!(#k),
            };
            let write = value(service, val, &quote!(#v), depth + 1);
            let write = if *sparse {
                quote! { match #v { Some(#v) => { #write } None => w.null(), } }
            } else {
                write
            };
            quote! { w.begin_object(); for (#k, #v) in #x.iter() { w.key(#key_str); #write } w.end_object(); }
        }
    }
}

fn union(service: &Service, shape: &Shape, u: &Union) -> TokenStream {
    let name = type_ident(&shape.rust_name);
    let f = shape_fn("ser", &shape.rust_name);
    let rust_name = shape.rust_name.as_str();
    let arms = u.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let wire = m.json_key();
        let write = value(service, &m.ty, &quote!(x), 0);
        quote! { crate::types::#name::#variant(x) => { w.key(#wire); #write } }
    });
    if u.members.is_empty() {
        // Only `Unknown`: nothing can be sent, and code after the match
        // would be unreachable.
        return quote! {
            pub(crate) fn #f(_w: &mut JsonWriter, v: &crate::types::#name) -> Result<(), BuildError> {
                match v {
                    crate::types::#name::Unknown => Err(BuildError::unknown_variant(#rust_name)),
                }
            }
        };
    }
    quote! {
        pub(crate) fn #f(w: &mut JsonWriter, v: &crate::types::#name) -> Result<(), BuildError> {
            w.begin_object();
            match v {
                #(#arms)*
                crate::types::#name::Unknown => return Err(BuildError::unknown_variant(#rust_name)),
            }
            w.end_object();
            Ok(())
        }
    }
}
