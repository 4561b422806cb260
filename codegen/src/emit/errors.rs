//! Errors: one enum per operation (in the operation's module, re-exported in
//! `src/error.rs`), with a variant per modeled exception and one for
//! everything else, plus `Display`, `Error` and retry classification for the
//! exception structures (in `src/error.rs`).

use super::util::{cfg, docs_or, shape_fn, type_ident};
use crate::ir::{ErrorInfo, Operation, Service, ShapeKind, Struct, StructRole};
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn emit(service: &Service) -> TokenStream {
    let exceptions = service.shapes.values().filter_map(|shape| match &shape.kind {
        ShapeKind::Struct(s) => match &s.role {
            StructRole::Error(info) => Some(exception(&shape.rust_name, info, &cfg(service, shape.usage.operations()))),
            _ => None,
        },
        _ => None,
    });
    quote! {
        //! Errors: one enum per operation, the modeled exceptions' trait impls,
        //! and [`Error`], which any of them converts into.
        //!
        //! Every error carries an [`ErrorMeta`]: the error code, message, request
        //! id and HTTP status. How the code is found is described on
        //! [`ErrorMeta::from_response`]. [`ProvideErrorMetadata`] gives the code
        //! and message with one meaning on [`SdkError`], every operation's
        //! error enum and [`Error`].
        pub use crate::runtime::build::BuildError;
        pub use crate::runtime::error::{ErrorMeta, ProvideErrorMetadata, ResponseError, SdkError, TransportError, Unhandled};
        pub use crate::runtime::paginate::PaginationError;
        #(#exceptions)*
    }
}

fn exception(rust_name: &str, info: &ErrorInfo, cfg: &TokenStream) -> TokenStream {
    let name = type_ident(rust_name);
    // The model's trait settles it when present; otherwise the response decides.
    let retryable = if info.retryable || info.throttling { quote!(true) } else { quote!(self.meta.is_retryable()) };
    let throttling = if info.throttling { quote!(true) } else { quote!(self.meta.is_throttling()) };
    let code = &info.code;
    let code_doc = format!(" The error code this exception is sent with: `{}`.", crate::docs::doc_safe(code));
    quote! {
        #cfg
        impl crate::types::#name {
            #[doc = #code_doc]
            pub const CODE: &'static str = #code;

            /// The error code, message, request id and HTTP status of the response.
            pub fn meta(&self) -> &ErrorMeta {
                &self.meta
            }

            /// Whether retrying the request may succeed: the model marks the
            /// exception retryable, or the status or code is a transient one.
            pub fn is_retryable(&self) -> bool {
                #retryable
            }

            /// Whether the service is throttling requests.
            pub fn is_throttling(&self) -> bool {
                #throttling
            }
        }

        #cfg
        impl std::fmt::Display for crate::types::#name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.meta, f)
            }
        }

        #cfg
        impl std::error::Error for crate::types::#name {}
    }
}

pub(crate) fn operation_error(service: &Service, op: &Operation, cfg: &TokenStream) -> TokenStream {
    let name = type_ident(&op.error);
    let variants: Vec<_> = op.errors.iter().map(|e| type_ident(e)).collect();
    let predicates = op.errors.iter().map(|e| crate::naming::ident(&crate::naming::error_predicate(e)));
    let predicate_docs = op.errors.iter().map(|e| format!(" Whether this is the `{e}` exception."));
    let variant_docs = op.errors.iter().map(|e| docs_or(&service.shape(e).docs, &format!("The `{e}` exception.")));
    let parsers: Vec<_> = op.errors.iter().map(|e| shape_fn("parse", e)).collect();
    // A code matches the first error that has it (a query code may repeat
    // another error's code), so no arm is unreachable.
    let mut seen = std::collections::BTreeSet::new();
    let codes: Vec<Vec<String>> = op
        .errors
        .iter()
        .map(|e| match &service.shape(e).kind {
            ShapeKind::Struct(Struct { role: StructRole::Error(info), .. }) => {
                std::iter::once(&info.code).chain(&info.query_code).filter(|c| seen.insert(*c)).cloned().collect()
            }
            _ => unreachable!("operation errors are exception structures"),
        })
        .collect();
    // Where exception members are bound to HTTP parts, the parsers read the
    // response headers too.
    let with_headers = crate::protocol::binds_http(service.protocol);
    let headers_arg = with_headers.then(|| quote!(headers,));
    let arms =
        codes.iter().zip(&variants).zip(&parsers).filter(|((codes, _), _)| !codes.is_empty()).map(
            |((codes, variant), parser)| quote!(#( #codes )|* => #name::#variant(crate::de::#parser(body, #headers_arg meta)?),),
        );
    // awsQuery-compatible services: `code()` may be the query code; the
    // modeled error is found by the JSON one.
    let code = if service.query_compatible { quote!(shape_code) } else { quote!(code) };
    let doc = format!(" An error returned by `{}`.", op.wire_name);
    let headers_param = with_headers.then(|| quote!(headers: &http::HeaderMap,));
    let from_response = if op.errors.is_empty() {
        let unused = if with_headers { quote!((headers, body)) } else { quote!(body) };
        quote! {
            let _ = #unused;
            Ok(#name::Unhandled(Unhandled::new(meta)))
        }
    } else {
        quote! {
            Ok(match meta.#code() {
                #( #arms )*
                _ => #name::Unhandled(Unhandled::new(meta)),
            })
        }
    };
    quote! {
        #cfg
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum #name {
            #( #variant_docs #variants(crate::types::#variants), )*
            /// An error the model does not describe for this operation.
            Unhandled(Unhandled),
        }

        #cfg
        impl #name {
            /// Maps an error response to a variant by its error code.
            pub(crate) fn from_response(meta: ErrorMeta, #headers_param body: &[u8]) -> Result<Self, crate::runtime::error::BodyError> {
                #from_response
            }

            /// The error code, message, request id and HTTP status.
            pub fn meta(&self) -> &ErrorMeta {
                match self {
                    #( #name::#variants(e) => e.meta(), )*
                    #name::Unhandled(e) => e.meta(),
                }
            }

            /// The error code, such as `ValidationException`; `None` when the
            /// response named none (see [`ProvideErrorMetadata`]).
            pub fn code(&self) -> Option<&str> {
                Some(self.meta().code()).filter(|code| !code.is_empty())
            }

            /// The message the service gave, if any.
            pub fn message(&self) -> Option<&str> {
                self.meta().message()
            }

            #(
                #[doc = #predicate_docs]
                pub fn #predicates(&self) -> bool {
                    matches!(self, #name::#variants(_))
                }
            )*

            /// Whether retrying the request may succeed.
            pub fn is_retryable(&self) -> bool {
                match self {
                    #( #name::#variants(e) => e.is_retryable(), )*
                    #name::Unhandled(e) => e.meta().is_retryable(),
                }
            }

            /// Whether the service is throttling requests.
            pub fn is_throttling(&self) -> bool {
                match self {
                    #( #name::#variants(e) => e.is_throttling(), )*
                    #name::Unhandled(e) => e.meta().is_throttling(),
                }
            }
        }

        #cfg
        impl crate::runtime::error::ServiceError for #name {
            fn meta(&self) -> &ErrorMeta {
                #name::meta(self)
            }
            fn is_retryable(&self) -> bool {
                #name::is_retryable(self)
            }
            fn is_throttling(&self) -> bool {
                #name::is_throttling(self)
            }
            fn unhandled(unhandled: Unhandled) -> Self {
                #name::Unhandled(unhandled)
            }
        }

        #cfg
        impl ProvideErrorMetadata for #name {
            fn code(&self) -> Option<&str> {
                #name::code(self)
            }
            fn message(&self) -> Option<&str> {
                #name::message(self)
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #( #name::#variants(e) => std::fmt::Display::fmt(e, f), )*
                    #name::Unhandled(e) => std::fmt::Display::fmt(e, f),
                }
            }
        }

        /// Transparent: `Display` is the variant's own text, so the source is
        /// the variant's source (an error chain shows each cause once).
        #cfg
        impl std::error::Error for #name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    #( #name::#variants(e) => std::error::Error::source(e), )*
                    #name::Unhandled(e) => std::error::Error::source(e),
                }
            }
        }
    }
}
