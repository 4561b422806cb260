//! restJson1 requests: the URI from the template and the query members,
//! headers, and the body (the payload member, or the body members as one
//! JSON object).

use super::super::Request;
use crate::emit::util::{shape_fn, timestamp_format};
use crate::ir::{HttpBinding, Member, Operation, PathPart, Service, ShapeKind, Struct, TypeRef};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

const REST: fn() -> TokenStream = || quote!(crate::runtime::__private::rest);

pub(crate) fn request(service: &Service, op: &Operation) -> Request {
    let http = op.http.as_ref().expect("restJson1 lowering sets the HTTP binding");
    let input = service.structure(&op.input);
    let shape = op.input.as_str();
    let rest = REST();
    let uri = uri(service, input, shape, &http.path, http.query.as_deref());
    let query = query(service, input, shape);
    let (body, content_type) = body(service, input, shape);
    let headers = headers(service, input, shape);
    let method = ident(&http.method);
    let content_type = match content_type {
        Some(ct) => quote!(Some(#ct)),
        None => quote!(None),
    };
    let request_decl = if headers.is_empty() { quote!(let request) } else { quote!(let mut request) };
    let header_block = (!headers.is_empty()).then(|| {
        quote! {
            let headers = request.headers_mut();
            #(#headers)*
        }
    });
    let unused = input.members.is_empty().then(|| quote!(let _ = input;));
    Request {
        setup: quote! {
            #unused
            #uri
            #query
            #body
            #request_decl = #rest::request(http::Method::#method, &uri, body, #content_type)?;
            #header_block
        },
        request: quote!(request),
        items: TokenStream::new(),
    }
}

/// Appends literal text to `uri`; one character is pushed as a `char`, as
/// clippy's `single_char_add_str` asks of generated code too.
fn push(text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => quote!(uri.push(#c);),
        _ => quote!(uri.push_str(#text);),
    }
}

/// `let uri = ...;`: the path with its labels filled, then the literal query.
fn uri(service: &Service, input: &Struct, shape: &str, path: &[PathPart], query: Option<&str>) -> TokenStream {
    let rest = REST();
    let mut steps = Vec::new();
    for part in path {
        steps.push(match part {
            PathPart::Literal(text) => push(text),
            PathPart::Label { field, greedy } => {
                let m = input.members.iter().find(|m| &m.rust_name == field).expect("lowering matched the label");
                let f = ident(&m.rust_name);
                let name = m.rust_name.as_str();
                match &m.ty {
                    TypeRef::String => quote! {
                        #rest::push_label(&mut uri, #rest::label(#shape, #name, input.#f.as_deref())?, #greedy);
                    },
                    TypeRef::Named(_) => quote! {
                        #rest::push_label(&mut uri, #rest::label(#shape, #name, input.#f.as_ref().map(|v| v.as_str()))?, #greedy);
                    },
                    ty => {
                        let text = text(service, ty, &quote!(x));
                        quote! {
                            let x = input.#f.as_ref().ok_or_else(|| crate::runtime::build::BuildError::missing_field(#shape, #name))?;
                            #rest::push_label(&mut uri, #text, #greedy);
                        }
                    }
                }
            }
        });
    }
    if let Some(q) = query {
        steps.push(push(&format!("?{q}")));
    }
    quote! {
        let mut uri = String::new();
        #(#steps)*
    }
}

/// Query members, in model order, then the query maps' entries (sorted by
/// key, skipping keys a named member sets), as `let uri = ...;`.
fn query(service: &Service, input: &Struct, shape: &str) -> TokenStream {
    let rest = REST();
    let named: Vec<&str> = input
        .members
        .iter()
        .filter_map(|m| match &m.http {
            HttpBinding::Query(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let mut steps = Vec::new();
    for m in &input.members {
        let f = ident(&m.rust_name);
        let step = match &m.http {
            HttpBinding::Query(name) => match &m.ty {
                TypeRef::List { member, .. } => {
                    let text = text(service, member, &quote!(x));
                    quote!(for x in x.iter() { q.push(#name, #text); })
                }
                ty => {
                    let text = text(service, ty, &quote!(x));
                    quote!(q.push(#name, #text);)
                }
            },
            HttpBinding::QueryParams => {
                let push = match &m.ty {
                    TypeRef::Map { value, .. } if matches!(value.as_ref(), TypeRef::List { .. }) => {
                        quote!(for v in v.iter() {
                            q.push(k, v);
                        })
                    }
                    _ => quote!(q.push(k, v);),
                };
                let filter =
                    (!named.is_empty()).then(|| quote!(.filter(|(k, _)| ![#(#named),*].contains(&k.as_str()))));
                quote! {
                    let mut entries: Vec<_> = x.iter()#filter.collect();
                    entries.sort_by(|a, b| a.0.cmp(b.0));
                    for (k, v) in entries { #push }
                }
            }
            _ => continue,
        };
        steps.push(optional(m, shape, &f, step));
    }
    if steps.is_empty() {
        return TokenStream::new();
    }
    quote! {
        let mut q = #rest::Query::new(uri);
        #(#steps)*
        let uri = q.finish();
    }
}

/// `let body = ...;` and the content type.
fn body(service: &Service, input: &Struct, shape: &str) -> (TokenStream, Option<&'static str>) {
    if let Some(m) = input.members.iter().find(|m| m.http == HttpBinding::Payload) {
        let f = ident(&m.rust_name);
        return match &m.ty {
            TypeRef::Blob => (
                quote!(let body = input.#f.as_ref().map(|b| b.as_ref().to_vec()).unwrap_or_default();),
                Some("application/octet-stream"),
            ),
            TypeRef::String => (
                quote!(let body = input.#f.as_ref().map(|s| s.as_bytes().to_vec()).unwrap_or_default();),
                Some("text/plain"),
            ),
            TypeRef::Named(name) if matches!(service.shape(name).kind, ShapeKind::Enum(_)) => (
                quote!(let body = input.#f.as_ref().map(|s| s.as_str().as_bytes().to_vec()).unwrap_or_default();),
                Some("text/plain"),
            ),
            TypeRef::Document => (
                quote! {
                    let body = match &input.#f {
                        Some(x) => { let mut w = JsonWriter::new(); w.document(x); w.into_bytes() }
                        None => b"{}".to_vec(),
                    };
                },
                Some("application/json"),
            ),
            TypeRef::Named(name) => {
                let ser = shape_fn("ser", name);
                // An unset structure is sent as `{}`; an unset union as nothing
                // (it has no empty form).
                let none = match service.shape(name).kind {
                    ShapeKind::Union(_) => quote!(Vec::new()),
                    _ => quote!(b"{}".to_vec()),
                };
                (
                    quote! {
                        let body = match &input.#f {
                            Some(x) => { let mut w = JsonWriter::new(); crate::ser::#ser(&mut w, x)?; w.into_bytes() }
                            None => #none,
                        };
                    },
                    Some("application/json"),
                )
            }
            _ => unreachable!("lowering keeps payloads to blobs, strings, structures and documents"),
        };
    }
    let members: Vec<&Member> = input.members.iter().filter(|m| m.http == HttpBinding::Body).collect();
    if members.is_empty() {
        return (quote!(let body = Vec::new();), None);
    }
    // Body members make a JSON object, `{}` when none is set (botocore).
    let writes = members.iter().map(|m| crate::emit::ser::member(service, shape, m, true));
    (
        quote! {
            let body = {
                let v = input;
                let mut writer = JsonWriter::new();
                let w = &mut writer;
                w.begin_object();
                #(#writes)*
                w.end_object();
                writer.into_bytes()
            };
        },
        Some("application/json"),
    )
}

/// Statements setting the header members on `headers`.
fn headers(service: &Service, input: &Struct, shape: &str) -> Vec<TokenStream> {
    let rest = REST();
    let mut out = Vec::new();
    for m in &input.members {
        let f = ident(&m.rust_name);
        let field = m.rust_name.as_str();
        let step = match &m.http {
            HttpBinding::Header { name, json_value } => {
                let value = match &m.ty {
                    TypeRef::String if *json_value => quote!(&#rest::json_header(x)),
                    TypeRef::List { member, .. } => {
                        let item = match member.as_ref() {
                            TypeRef::String => quote!(#rest::list_item(x).into_owned()),
                            TypeRef::Named(_) => quote!(#rest::list_item(x.as_str()).into_owned()),
                            ty => {
                                let text = text(service, ty, &quote!(x));
                                quote!(String::from(#text))
                            }
                        };
                        quote!(&x.iter().map(|x| #item).collect::<Vec<String>>().join(", "))
                    }
                    ty => text(service, ty, &quote!(x)),
                };
                quote!(#rest::set_header(headers, #shape, #field, #name, #value)?;)
            }
            HttpBinding::PrefixHeaders(prefix) => quote! {
                for (k, v) in x.iter() {
                    #rest::set_header(headers, #shape, #field, &format!("{}{}", #prefix, k), v)?;
                }
            },
            _ => continue,
        };
        out.push(optional(m, shape, &f, step));
    }
    out
}

/// Runs `step` with `x` bound to the member's value when it is set; a
/// required member that is unset is an error.
fn optional(m: &Member, shape: &str, f: &proc_macro2::Ident, step: TokenStream) -> TokenStream {
    let missing = m.required.then(|| {
        let name = m.rust_name.as_str();
        quote!(else { return Err(crate::runtime::build::BuildError::missing_field(#shape, #name)); })
    });
    quote!(if let Some(x) = &input.#f { #step } #missing)
}

/// The text form of `x` (a reference to a scalar), as an expression that
/// passes as a `&str` (a `&str` or a `&String`).
fn text(service: &Service, ty: &TypeRef, x: &TokenStream) -> TokenStream {
    let rest = REST();
    match ty {
        TypeRef::String => quote!(#x.as_str()),
        TypeRef::Named(name) if matches!(service.shape(name).kind, ShapeKind::Enum(_)) => quote!(#x.as_str()),
        TypeRef::Bool | TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => quote!(&#x.to_string()),
        TypeRef::Float | TypeRef::Double => quote!(&#rest::float(*#x)),
        TypeRef::Timestamp(format) => {
            let format = timestamp_format(*format);
            quote!(&#rest::timestamp(*#x, #format))
        }
        TypeRef::Blob => quote!(&crate::runtime::base64::encode(#x.as_ref())),
        other => unreachable!("lowering keeps {other:?} out of URIs and headers"),
    }
}

#[cfg(test)]
mod tests {
    use super::push;

    #[test]
    fn a_single_character_is_pushed_as_a_char() {
        assert_eq!(push("/").to_string(), "uri . push ('/') ;");
        assert_eq!(push("/v1/").to_string(), "uri . push_str (\"/v1/\") ;");
        assert_eq!(push("é").to_string(), "uri . push ('é') ;");
    }
}
