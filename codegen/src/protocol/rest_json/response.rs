//! restJson1 responses: output members from headers, the status code and
//! the body (the payload member, or the body members of one JSON object).

use super::super::Response;
use crate::emit::de;
use crate::emit::util::{shape_fn, timestamp_format, type_ident, type_path};
use crate::ir::{HttpBinding, Member, Operation, Service, ShapeKind, Struct, TimestampFormat, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn response(service: &Service, op: &Operation) -> Response {
    let parse = shape_fn("parse", &op.output);
    let error = type_ident(&op.error);
    Response {
        parse: quote! {
            crate::runtime::__private::rest::parse_response(response, #parse, #error::from_response)
        },
        items: output_parser(service, op),
    }
}

fn output_parser(service: &Service, op: &Operation) -> TokenStream {
    let shape = service.shape(&op.output);
    let s = service.structure(&op.output);
    let name = type_path(service, &shape.rust_name);
    let f = shape_fn("parse", &shape.rust_name);
    let cfg = crate::emit::util::cfg(service, &shape.usage.output);
    let decls = s.members.iter().filter(|m| matches!(m.http, HttpBinding::Body | HttpBinding::Payload)).map(de::decl);
    let inits = s.members.iter().map(de::init);
    let body_members: Vec<&Member> = s.members.iter().filter(|m| m.http == HttpBinding::Body).collect();
    let mut reads = Vec::new();
    if let Some(m) = s.members.iter().find(|m| m.http == HttpBinding::Payload) {
        reads.push(payload(service, m));
    } else if !body_members.is_empty() {
        let (names, loop_body) = de::members_loop(service, &body_members);
        reads.push(quote! {
            #names
            // Services send nothing when no body member is set.
            let body = if body.iter().all(u8::is_ascii_whitespace) { b"{}".as_slice() } else { body };
            let mut reader = JsonReader::new(body);
            let r = &mut reader;
            if r.begin_object()? {
                #loop_body
            }
            r.end()?;
        });
    }
    for m in &s.members {
        if let Some(read) = bound_read(service, m, &quote!(status)) {
            let l = de::local(m);
            let ty = crate::emit::util::value_type(m);
            reads.push(quote!(let #l: Option<#ty> = #read;));
        }
    }
    let uses_status = s.members.iter().any(|m| m.http == HttpBinding::StatusCode);
    let uses_headers =
        s.members.iter().any(|m| matches!(m.http, HttpBinding::Header { .. } | HttpBinding::PrefixHeaders(_)));
    let uses_body = s.members.iter().any(|m| matches!(m.http, HttpBinding::Body | HttpBinding::Payload));
    let status = if uses_status { quote!(status) } else { quote!(_status) };
    let headers = if uses_headers { quote!(headers) } else { quote!(_headers) };
    let body = if uses_body { quote!(body) } else { quote!(_body) };
    quote! {
        #cfg
        pub(crate) fn #f(#status: u16, #headers: &http::HeaderMap, #body: &[u8]) -> Result<#name, JsonError> {
            #(#decls)*
            #(#reads)*
            Ok(#name { #(#inits)* })
        }
    }
}

/// The statements an exception's parser runs after reading its body: each
/// member bound to a header (or the status code) is set from the response,
/// replacing what a body key of the same name gave.
pub(crate) fn error_bindings(service: &Service, s: &Struct) -> TokenStream {
    let sets = s.members.iter().filter_map(|m| {
        let read = bound_read(service, m, &quote!(meta.status()))?;
        let field = crate::naming::ident(&m.rust_name);
        Some(quote!(error.#field = #read;))
    });
    quote!(#(#sets)*)
}

/// The value (an `Option`, `?` applied) of a member not bound to the body:
/// read from `headers`, or the status code `status`; `None` for body and
/// payload members.
fn bound_read(service: &Service, m: &Member, status: &TokenStream) -> Option<TokenStream> {
    let rest = quote!(crate::runtime::__private::rest);
    let wire = m.wire_name.as_str();
    Some(match &m.http {
        HttpBinding::Header { name, json_value } => {
            let read = match &m.ty {
                TypeRef::List { member, .. } => {
                    let dates = matches!(member.as_ref(), TypeRef::Timestamp(TimestampFormat::HttpDate));
                    let parse = parser(service, member, false);
                    quote!(#rest::read_list_header(headers, #name, #dates, #parse))
                }
                ty => {
                    let parse = parser(service, ty, *json_value);
                    quote!(#rest::read_header(headers, #name, #parse))
                }
            };
            quote!(#read.map_err(|e| e.in_member(#wire))?)
        }
        HttpBinding::PrefixHeaders(prefix) => quote!(#rest::prefix_headers(headers, #prefix)?),
        HttpBinding::StatusCode => quote!(Some(i32::from(#status))),
        // A response has no URI: such members stay unset.
        HttpBinding::Label(_) | HttpBinding::Query(_) | HttpBinding::QueryParams => quote!(None),
        HttpBinding::Body | HttpBinding::Payload => return None,
    })
}

/// Reads the whole body into the payload member (nothing when it is empty).
fn payload(service: &Service, m: &Member) -> TokenStream {
    let l = de::local(m);
    let read = match &m.ty {
        TypeRef::Blob => quote!(Some(crate::primitives::Blob::new(body.to_vec()))),
        TypeRef::String => quote!(Some(utf8(body)?)),
        TypeRef::Named(name) if matches!(service.shape(name).kind, ShapeKind::Enum(_)) => {
            let name = type_ident(name);
            quote!(Some(crate::types::#name::from(&*utf8(body)?)))
        }
        TypeRef::Document => quote!({
            let mut r = JsonReader::new(body);
            let value = r.document()?;
            r.end()?;
            Some(value)
        }),
        TypeRef::Named(name) => {
            let de = shape_fn("de", name);
            let value = quote!({
                let mut r = JsonReader::new(body);
                let value = crate::de::#de(&mut r)?;
                r.end()?;
                value
            });
            if m.boxed { quote!(#value.map(Box::new)) } else { value }
        }
        other => unreachable!("lowering keeps {other:?} out of payloads"),
    };
    let text = match &m.ty {
        TypeRef::String => true,
        TypeRef::Named(name) => matches!(service.shape(name).kind, ShapeKind::Enum(_)),
        _ => false,
    };
    let utf8 = text.then(|| {
        quote! {
            let utf8 = |body: &[u8]| String::from_utf8(body.to_vec()).map_err(|_| JsonError::custom("the body is not UTF-8"));
        }
    });
    quote! {
        #utf8
        if !body.is_empty() {
            #l = #read;
        }
    }
}

/// A function from a header's text to the member's value.
fn parser(service: &Service, ty: &TypeRef, json_value: bool) -> TokenStream {
    let p = quote!(crate::runtime::__private::rest::parse);
    match ty {
        TypeRef::String if json_value => quote!(#p::json),
        TypeRef::String => quote!(#p::string),
        TypeRef::Bool => quote!(#p::bool),
        TypeRef::Byte => quote!(#p::int::<i8>),
        TypeRef::Short => quote!(#p::int::<i16>),
        TypeRef::Integer => quote!(#p::int::<i32>),
        TypeRef::Long => quote!(#p::int::<i64>),
        TypeRef::Float => quote!(#p::float::<f32>),
        TypeRef::Double => quote!(#p::float::<f64>),
        TypeRef::Timestamp(format) => {
            let format = timestamp_format(*format);
            quote!(|s: &str| #p::timestamp(s, #format))
        }
        TypeRef::Blob => quote!(|s: &str| #p::blob(s).map(crate::primitives::Blob::new)),
        TypeRef::Named(name) if matches!(service.shape(name).kind, ShapeKind::Enum(_)) => {
            let name = type_ident(name);
            quote!(|s: &str| Ok::<_, String>(crate::types::#name::from(s)))
        }
        other => unreachable!("lowering keeps {other:?} out of headers"),
    }
}
