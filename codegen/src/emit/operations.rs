//! `src/operation.rs`: the sans-IO core. Each operation is a unit struct whose
//! two pure functions turn an input into an `http::Request` and an
//! `http::Response` into an output or a typed error; every client drives
//! these same functions.

use super::util::{any_operation, cfg, docs, shape_fn, type_ident};
use crate::ir::{Encoding, Operation, Service};
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn emit(service: &Service) -> TokenStream {
    let ops = service.operations.iter().map(|op| operation(op, &cfg(service, [&op.feature])));
    let any_operation = any_operation(service);
    quote! {
        //! Operations as pure functions over `http` types (no I/O): build a
        //! request with `serialize_request`, send it any way you like, and read
        //! the answer with `parse_response`.
        #any_operation
        use crate::runtime::error::SdkError;
        #(#ops)*
    }
}

fn operation(op: &Operation, cfg: &TokenStream) -> TokenStream {
    let name = type_ident(&op.rust_name);
    let input = type_ident(&op.input);
    let output = type_ident(&op.output);
    let error = type_ident(&op.error);
    let ser = type_ident(&op.request_fn);
    let parse = shape_fn("parse", &op.output);
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
    let (compression_const, compression_impl) = compression(op);
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

            /// Serializes the input to an unsigned request with a relative URI (`/`).
            #host_prefix_doc
            ///
            /// # Errors
            #[doc = #errors_doc]
            pub fn serialize_request(
                input: &crate::types::#input,
            ) -> Result<http::Request<Vec<u8>>, crate::runtime::build::BuildError> {
                crate::ser::#ser(input)
            }

            /// Parses a response: a success status gives the output, any other
            /// status the typed error.
            ///
            /// # Errors
            /// The service's error, or a [`ResponseError`](crate::error::ResponseError)
            /// when the body cannot be parsed.
            pub fn parse_response<B: AsRef<[u8]>>(
                response: &http::Response<B>,
            ) -> Result<crate::types::#output, SdkError<crate::error::#error>> {
                crate::runtime::__private::protocol::parse_response(
                    response,
                    crate::de::#parse,
                    crate::error::#error::from_response,
                )
            }
        }

        #cfg
        impl crate::runtime::operation::Operation for #name {
            type Service = crate::Service;
            type Input = crate::types::#input;
            type Output = crate::types::#output;
            type Error = crate::error::#error;
            const NAME: &'static str = #wire;
            #compression_impl
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
