//! Response deserializers of the JSON codec ([`crate::protocol::Codec::Json`]). One function per shape that travels in a
//! response (in `src/de/<shape>.rs`, or for an output in its operation's
//! module), reading straight from the body bytes: unknown keys are
//! skipped, `null` counts as absent, and a missing required member is an error
//! that names its path.

use super::util::{cfg, shape_fn, timestamp_format, type_ident};
use crate::ir::{Member, Service, Shape, ShapeKind, Struct, StructRole, TypeRef, Union};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Whether the shape has a deserializer file under `src/de/`: it travels in a
/// response, is not an enum (read as a string in place) and is not an
/// operation output (parsed in the operation's module).
pub(crate) fn has_file(service: &Service, shape: &Shape) -> bool {
    !shape.usage.output.is_empty()
        && !matches!(shape.kind, ShapeKind::Enum(_))
        && super::util::owner(service, &shape.rust_name).is_none()
}

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
        use crate::runtime::__private::json::{JsonError, JsonReader};
        #f
    }
}

/// `src/de.rs`: the shapes' deserializer modules, their functions
/// re-exported as `crate::de::de_<shape>` (and `parse_<exception>`).
pub(crate) fn index(service: &Service) -> TokenStream {
    let modules = modules(service);
    quote! {
        //! Response deserializers (JSON): one module per shape that travels
        //! in a response. Each operation's output is parsed in the operation's
        //! module.
        #modules
    }
}

/// The `mod` and `use` lines of the shapes' deserializer files (any protocol).
pub(crate) fn modules(service: &Service) -> TokenStream {
    let modules = service.shapes.values().filter(|s| has_file(service, s)).map(|shape| {
        let cfg = cfg(service, &shape.usage.output);
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

/// The entry point parsing a whole body: for outputs, and for exceptions
/// (which also take the error's metadata).
fn body_parser(service: &Service, shape: &Shape) -> Option<TokenStream> {
    match &shape.kind {
        ShapeKind::Struct(s) if matches!(s.role, StructRole::Output { .. }) => {
            let name = super::util::type_path(service, &shape.rust_name);
            let f = shape_fn("parse", &shape.rust_name);
            let de = shape_fn("de", &shape.rust_name);
            Some(quote! {
                pub(crate) fn #f(body: &[u8]) -> Result<#name, JsonError> {
                    crate::runtime::__private::de::body(body, #de)
                }
            })
        }
        ShapeKind::Struct(s) if matches!(s.role, StructRole::Error(_)) => {
            let name = super::util::type_path(service, &shape.rust_name);
            let f = shape_fn("parse", &shape.rust_name);
            let de = shape_fn("de", &shape.rust_name);
            let meta_ty = quote!(crate::runtime::error::ErrorMeta);
            Some(match crate::protocol::error_bindings(service, s) {
                None => quote! {
                    pub(crate) fn #f(body: &[u8], meta: #meta_ty) -> Result<#name, JsonError> {
                        let mut error = crate::runtime::__private::de::body(body, #de)?;
                        error.meta = meta;
                        Ok(error)
                    }
                },
                Some(sets) => {
                    let headers = if sets.is_empty() { quote!(_headers) } else { quote!(headers) };
                    quote! {
                        pub(crate) fn #f(
                            body: &[u8],
                            #headers: &http::HeaderMap,
                            meta: #meta_ty,
                        ) -> Result<#name, JsonError> {
                            let mut error = crate::runtime::__private::de::body(body, #de)?;
                            #sets
                            error.meta = meta;
                            Ok(error)
                        }
                    }
                }
            })
        }
        _ => None,
    }
}

pub(crate) fn local(m: &Member) -> proc_macro2::Ident {
    format_ident!("f_{}", m.rust_name.trim_start_matches("r#"))
}

fn key_pattern(m: &Member) -> TokenStream {
    let keys = std::iter::once(m.json_key()).chain(m.wire_aliases.iter().map(String::as_str));
    quote!(#(#keys)|*)
}

/// `let mut f_x: Option<T> = None;`, a member's local while its structure is read.
pub(crate) fn decl(m: &Member) -> TokenStream {
    let l = local(m);
    let ty = super::util::value_type(m);
    quote!(let mut #l: Option<#ty> = None;)
}

/// The field's initializer from its local: a required member that is
/// absent is an error naming it.
pub(crate) fn init(m: &Member) -> TokenStream {
    let field = ident(&m.rust_name);
    let l = local(m);
    let wire = m.json_key();
    if m.optional { quote!(#field: #l,) } else { quote!(#field: #l.ok_or_else(|| JsonError::missing_member(#wire))?,) }
}

fn structure(service: &Service, shape: &Shape, s: &Struct) -> TokenStream {
    let name = super::util::type_path(service, &shape.rust_name);
    let f = shape_fn("de", &shape.rust_name);
    let decls = s.members.iter().map(decl);
    let inits = s.members.iter().map(init);
    let meta = matches!(s.role, StructRole::Error(_)).then(|| quote!(meta: Default::default(),));
    let members: Vec<&Member> = s.members.iter().collect();
    let (names_const, loop_body) = members_loop(service, &members);
    quote! {
        pub(crate) fn #f(r: &mut JsonReader<'_>) -> Result<Option<#name>, JsonError> {
            #names_const
            if !r.begin_object()? {
                return Ok(None);
            }
            #(#decls)*
            #loop_body
            Ok(Some(#name { #(#inits)* #meta }))
        }
    }
}

/// The loop reading an object's keys (after `begin_object`) into the
/// members' locals, skipping unknown keys; with the `NAMES` constant it
/// needs, if any.
pub(crate) fn members_loop(service: &Service, members: &[&Member]) -> (Option<TokenStream>, TokenStream) {
    let names: Vec<&str> = members
        .iter()
        .map(|m| m.json_key())
        .chain(members.iter().flat_map(|m| m.wire_aliases.iter().map(String::as_str)))
        .collect();
    if members.is_empty() {
        (None, quote! { while r.next_key()?.is_some() { r.skip()?; } })
    } else if names.iter().all(|n| plain_json(n)) {
        // Members by index into NAMES (wire names, then aliases), with the
        // member after the last match tried first.
        let mut alias_index = members.len();
        let arms = members.iter().enumerate().map(|(i, m)| {
            let l = local(m);
            let wire = m.json_key();
            let read = read_member(service, m);
            let index = proc_macro2::Literal::usize_unsuffixed(i);
            let aliases: Vec<_> =
                (alias_index..alias_index + m.wire_aliases.len()).map(proc_macro2::Literal::usize_unsuffixed).collect();
            alias_index += m.wire_aliases.len();
            quote!(#index #(| #aliases)* => #l = #read.map_err(|e| e.in_member(#wire))?,)
        });
        let arms: Vec<TokenStream> = arms.collect();
        (
            Some(quote!(const NAMES: &[&str] = &[#(#names),*];)),
            quote! {
                let mut hint = 0;
                while let Some(i) = r.next_member(NAMES, hint)? {
                    hint = i + 1;
                    match i {
                        #(#arms)*
                        _ => r.skip()?,
                    }
                }
            },
        )
    } else {
        let arms = members.iter().map(|m| {
            let l = local(m);
            let pat = key_pattern(m);
            let wire = m.json_key();
            let read = read_member(service, m);
            quote!(#pat => #l = #read.map_err(|e| e.in_member(#wire))?,)
        });
        (
            None,
            quote! {
                while let Some(key) = r.next_key()? {
                    match &*key {
                        #(#arms)*
                        _ => r.skip()?,
                    }
                }
            },
        )
    }
}

/// Whether `name` is the same text inside a JSON string, so that the
/// runtime's `JsonReader::next_member` may compare it with the raw input.
fn plain_json(name: &str) -> bool {
    name.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\')
}

fn read_member(service: &Service, m: &Member) -> TokenStream {
    let read = read(service, &m.ty);
    if m.boxed { quote!(#read.map(|o| o.map(Box::new))) } else { read }
}

/// An expression of type `Result<Option<T>, JsonError>` reading one value from `r`.
pub(crate) fn read(service: &Service, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(r.string()),
        TypeRef::Bool => quote!(r.bool()),
        TypeRef::Byte => quote!(r.i8()),
        TypeRef::Short => quote!(r.i16()),
        TypeRef::Integer => quote!(r.i32()),
        TypeRef::Long => quote!(r.i64()),
        TypeRef::Float => quote!(r.f32()),
        TypeRef::Double => quote!(r.f64()),
        TypeRef::Timestamp(f) => {
            let f = timestamp_format(*f);
            quote!(r.timestamp(#f))
        }
        TypeRef::Blob => quote!(r.blob().map(|o| o.map(crate::primitives::Blob::new))),
        TypeRef::Document => quote!(r.document().map(Some)),
        TypeRef::Named(name) if matches!(service.shape(name).kind, ShapeKind::Enum(_)) => {
            let name = type_ident(name);
            quote!(r.str().map(|o| o.map(|s| crate::types::#name::from(&*s))))
        }
        TypeRef::Named(name) => {
            let f = shape_fn("de", name);
            quote!(crate::de::#f(r))
        }
        TypeRef::List { member, sparse } => {
            let inner = read(service, member);
            if *sparse {
                quote!(crate::runtime::__private::de::sparse_list(r, |r| #inner))
            } else {
                quote!(crate::runtime::__private::de::list(r, |r| #inner))
            }
        }
        TypeRef::Map { key, value, sparse } => {
            let inner = read(service, value);
            let key = match key.as_ref() {
                TypeRef::Named(name) => {
                    let name = type_ident(name);
                    quote!(|k: &str| crate::types::#name::from(k))
                }
                _ => quote!(|k: &str| k.to_owned()),
            };
            if *sparse {
                quote!(crate::runtime::__private::de::sparse_map(r, #key, |r| #inner))
            } else {
                quote!(crate::runtime::__private::de::map(r, #key, |r| #inner))
            }
        }
    }
}

fn union(service: &Service, shape: &Shape, u: &Union) -> TokenStream {
    let name = type_ident(&shape.rust_name);
    let f = shape_fn("de", &shape.rust_name);
    let arms = u.members.iter().map(|m| {
        let variant = ident(&m.rust_name);
        let wire = m.json_key();
        let read = read_member(service, m);
        quote!(#wire => #read.map_err(|e| e.in_member(#wire))?.map(crate::types::#name::#variant),)
    });
    quote! {
        pub(crate) fn #f(r: &mut JsonReader<'_>) -> Result<Option<crate::types::#name>, JsonError> {
            if !r.begin_object()? {
                return Ok(None);
            }
            let mut out = None;
            while let Some(key) = r.next_key()? {
                let value = match &*key {
                    #(#arms)*
                    // A type marker some services add; not a member.
                    "__type" => { r.skip()?; None }
                    _ => { r.skip()?; Some(crate::types::#name::Unknown) }
                };
                if value.is_some() {
                    if out.is_some() {
                        return Err(JsonError::custom("a union has more than one member set"));
                    }
                    out = value;
                }
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_json;

    #[test]
    fn only_names_written_as_themselves_are_plain() {
        for name in ["Arn", "message", "x-amz-id", "Café", "a b", ""] {
            assert!(plain_json(name), "{name}");
        }
        for name in ["a\"b", "a\\b", "tab\there", "\u{1f}"] {
            assert!(!plain_json(name), "{name:?}");
        }
    }
}
