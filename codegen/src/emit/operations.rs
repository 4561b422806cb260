//! The sans-IO core, one module per operation (`src/operation/<op>.rs`, which
//! [`file`] assembles from the other emitters). Each operation is a unit
//! struct whose two pure functions turn an input into an `http::Request` and
//! an `http::Response` into an output or a typed error; every client drives
//! these same functions.

use super::util::{cfg, docs, type_ident};
use crate::ir::{Auth, Encoding, Operation, Service};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// `src/operation.rs`: one module per operation, behind its feature, and
/// each operation's unit struct re-exported flat.
pub(crate) fn index(service: &Service) -> TokenStream {
    let modules = service.operations.iter().map(|op| {
        let cfg = cfg(service, [&op.feature]);
        let module = ident(&op.module);
        let name = type_ident(&op.rust_name);
        quote! {
            #cfg
            pub mod #module;
            #cfg
            pub use #module::#name;
        }
    });
    quote! {
        //! Operations, one module each: its input, output and error, their
        //! builders, and the pure functions over `http` types (no I/O): build a
        //! request with `serialize_request`, send it any way you like, and read
        //! the answer with `parse_response`.
        #(#modules)*
    }
}

/// `src/operation/<op>.rs`: everything of one operation.
pub(crate) fn file(service: &Service, op: &Operation) -> TokenStream {
    let gate = cfg(service, [&op.feature]);
    let input = super::types::item(service, service.shape(&op.input));
    let output = super::types::item(service, service.shape(&op.output));
    let error = super::errors::operation_error(service, op, &gate);
    let into_service_error = super::service_error::from_operation_error(service, op);
    let ser = super::ser::operation(service, op);
    let crate::protocol::Response { parse, items: de } = crate::protocol::response(service, op);
    let unit = operation(op, &gate, &parse);
    let input_builder = super::builders::builder(service, &op.input, service.structure(&op.input));
    let output_builder = super::builders::builder(service, &op.output, service.structure(&op.output));
    let fluent = super::client::operation(service, op);
    let blocking = super::blocking::operation(service, op);
    let doc = format!(" `{}`: its input, output and error, their builders, and the client's method.", op.wire_name);
    let imports = crate::protocol::codec_imports(service.protocol);
    quote! {
        #![doc = #doc]
        use crate::error::*;
        #imports

        #unit
        #input
        #output
        #error
        #into_service_error
        #ser
        #de

        /// Builders of the input and output, and the client's fluent builder.
        pub mod builders {
            #input_builder
            #output_builder
            #fluent
        }

        /// The blocking client's fluent builder.
        #[cfg(feature = "blocking")]
        pub mod blocking {
            #blocking
        }
    }
}

fn operation(op: &Operation, cfg: &TokenStream, parse_response: &TokenStream) -> TokenStream {
    let name = type_ident(&op.rust_name);
    let input = type_ident(&op.input);
    let output = type_ident(&op.output);
    let error = type_ident(&op.error);
    let ser = type_ident(&op.request_fn);
    let wire = &op.wire_name;
    let doc = docs(&op.docs);
    let labels = op.host_prefix.as_ref().is_some_and(|p| p.labels().next().is_some());
    let host_prefix_doc = op.host_prefix.as_ref().map(|p| {
        let filled = if labels { ", filled from the input" } else { "" };
        let line = format!(
            " The request carries a [`HostPrefix`](crate::runtime::endpoint::HostPrefix) extension (`{}`{filled}): prepend it to the endpoint's host.",
            p.template
        );
        quote! {
            ///
            #[doc = #line]
        }
    });
    let errors_doc = if labels {
        " When a required member is unset, a host label is not a valid host name part, or a union holds an unknown variant."
    } else {
        " When a required member is unset or a union holds an unknown variant."
    };
    let uri_doc = match &op.http {
        Some(_) => " Serializes the input to an unsigned request with a relative URI (the operation's path and query).",
        None => " Serializes the input to an unsigned request with a relative URI (`/`).",
    };
    let (compression_const, compression_impl) = compression(op);
    let (signed_const, signed_impl) = signed(op);
    let endpoint_params = super::endpoint_params::operation_fn(op);
    quote! {
        #cfg
        #doc
        #[derive(Clone, Copy, Debug, Default)]
        #[non_exhaustive]
        pub struct #name;

        #cfg
        impl #name {
            /// The operation's name in the model.
            pub const NAME: &'static str = #wire;

            #compression_const

            #signed_const

            #[doc = #uri_doc]
            #host_prefix_doc
            ///
            /// # Errors
            #[doc = #errors_doc]
            pub fn serialize_request(
                input: &#input,
            ) -> Result<http::Request<Vec<u8>>, crate::runtime::build::BuildError> {
                #ser(input)
            }

            /// Parses a response: a success status gives the output, any other
            /// status the typed error.
            ///
            /// # Errors
            /// The service's error, or a [`ResponseError`] when the body cannot
            /// be parsed.
            pub fn parse_response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<#output, SdkError<#error>> {
                #parse_response
            }
        }

        #cfg
        impl crate::runtime::operation::Operation for #name {
            type Service = crate::Service;
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #wire;
            #compression_impl
            #signed_impl
            #endpoint_params

            fn serialize_request(
                input: &Self::Input,
            ) -> Result<http::Request<Vec<u8>>, crate::runtime::build::BuildError> {
                Self::serialize_request(input)
            }

            fn parse_response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<Self::Output, SdkError<Self::Error>> {
                Self::parse_response(response)
            }
        }
    }
}

/// The inherent and trait `SIGNED` constants, for operations sent unsigned
/// (the others keep the trait's default, signed).
fn signed(op: &Operation) -> (TokenStream, TokenStream) {
    match op.auth {
        Auth::SigV4 => (TokenStream::new(), TokenStream::new()),
        Auth::None => (
            quote! {
                /// `false`: the service takes this operation without
                /// authentication, so the client sends it unsigned and needs
                /// no credentials for it. When sending requests yourself, do
                /// not sign them.
                pub const SIGNED: bool = false;
            },
            quote!(
                const SIGNED: bool = false;
            ),
        ),
    }
}

/// The inherent and trait `REQUEST_COMPRESSION` constants, for operations
/// that accept compressed bodies (others keep the trait's empty default).
fn compression(op: &Operation) -> (TokenStream, TokenStream) {
    if op.request_compression.is_empty() {
        return (TokenStream::new(), TokenStream::new());
    }
    let encodings = op.request_compression.iter().map(|e| match e {
        Encoding::Gzip => quote!(crate::runtime::compression::Encoding::Gzip),
    });
    let value = quote!(&[#(#encodings),*]);
    let ty = quote!(&'static [crate::runtime::compression::Encoding]);
    let inherent = quote! {
        /// Encodings the service accepts for the request body, in order of
        /// preference. The client compresses large bodies; when sending requests
        /// yourself, pass this to
        /// [`compress_request`](crate::runtime::compression::compress_request).
        pub const REQUEST_COMPRESSION: #ty = #value;
    };
    (inherent, quote!(const REQUEST_COMPRESSION: #ty = #value;))
}
