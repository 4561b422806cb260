//! The service-wide `error::Error` (re-exported at the crate root), appended
//! to `src/error.rs`: one variant per exception of any generated operation,
//! `Unhandled`, and one per failure that is not a service error, so an
//! `SdkError` of any operation converts into it without losing anything.
//!
//! Every variant is named after the type it carries. Exception variants match
//! the operation error variants (both are the shape's Rust name); the other
//! payload names are reserved in `naming`, so no shape can take them.

use super::util::{cfg, docs_or, type_ident};
use crate::ir::{Operation, Service};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

pub(crate) fn emit(service: &Service) -> TokenStream {
    // Sorted by Rust name: adding an operation never reorders the variants.
    let exceptions: BTreeSet<&str> =
        service.operations.iter().flat_map(|op| op.errors.iter().map(String::as_str)).collect();
    let variants: Vec<_> = exceptions.iter().map(|e| type_ident(e)).collect();
    let attrs: Vec<_> = exceptions.iter().map(|e| exception_attrs(service, e)).collect();
    let variant_docs = exceptions.iter().map(|e| docs_or(&service.shape(e).docs, &format!("The `{e}` exception.")));
    quote! {
        /// Any error of any operation of this service, for code that calls
        /// several operations and returns one error type: `?` converts an
        /// [`SdkError`] of any operation, or a [`BuildError`], into it.
        ///
        /// A modeled exception keeps its variant (the same name as in the
        /// operation's error enum). A code the operation does not model stays
        /// [`Error::Unhandled`], even when another operation models it.
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum Error {
            #( #attrs #variant_docs #variants(crate::types::#variants), )*
            /// An error response whose code the operation does not model.
            Unhandled(Unhandled),
            /// The request could not be built (nothing was sent).
            BuildError(BuildError),
            /// The request could not be sent, or no response arrived.
            TransportError(TransportError),
            /// A response arrived but could not be parsed.
            ResponseError(ResponseError),
            /// Pagination went wrong (the service repeated a token, or a
            /// starting token was invalid).
            PaginationError(PaginationError),
        }

        impl Error {
            /// The error code, message, request id and HTTP status: present for
            /// service errors, and for a [`ResponseError`] of an error response.
            pub fn meta(&self) -> Option<&ErrorMeta> {
                match self {
                    #( #attrs Error::#variants(e) => Some(e.meta()), )*
                    Error::Unhandled(e) => Some(e.meta()),
                    Error::ResponseError(e) => e.meta(),
                    Error::BuildError(_) | Error::TransportError(_) | Error::PaginationError(_) => None,
                }
            }

            /// The error code, such as `ValidationException`; `None` when there
            /// is no error response or it named no code.
            pub fn code(&self) -> Option<&str> {
                self.meta().map(ErrorMeta::code).filter(|code| !code.is_empty())
            }

            /// The message the service gave, if any.
            pub fn message(&self) -> Option<&str> {
                self.meta().and_then(ErrorMeta::message)
            }

            /// Whether retrying the request may succeed: a retryable service
            /// error or error response, or a transport time-out (a transport
            /// does not say whether its other failures are transient).
            pub fn is_retryable(&self) -> bool {
                match self {
                    #( #attrs Error::#variants(e) => e.is_retryable(), )*
                    Error::Unhandled(e) => e.meta().is_retryable(),
                    Error::TransportError(e) => e.is_timeout(),
                    Error::ResponseError(e) => e.is_retryable(),
                    Error::BuildError(_) | Error::PaginationError(_) => false,
                }
            }

            /// Whether the service is throttling requests.
            pub fn is_throttling(&self) -> bool {
                match self {
                    #( #attrs Error::#variants(e) => e.is_throttling(), )*
                    Error::Unhandled(e) => e.meta().is_throttling(),
                    Error::ResponseError(e) => e.meta().is_some_and(ErrorMeta::is_throttling),
                    Error::BuildError(_) | Error::TransportError(_) | Error::PaginationError(_) => false,
                }
            }
        }

        /// Service errors read as the operation errors do (code, message,
        /// status, request id); the others as they do in [`SdkError`].
        impl std::fmt::Display for Error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #( #attrs Error::#variants(e) => std::fmt::Display::fmt(e.meta(), f), )*
                    Error::Unhandled(e) => std::fmt::Display::fmt(e.meta(), f),
                    Error::BuildError(e) => write!(f, "cannot build the request: {e}"),
                    Error::TransportError(e) => std::fmt::Display::fmt(e, f),
                    Error::ResponseError(e) => std::fmt::Display::fmt(e, f),
                    Error::PaginationError(e) => std::fmt::Display::fmt(e, f),
                }
            }
        }

        /// Transparent: `Display` is the payload's own text, so the source is
        /// the payload's source (an error chain shows each cause once).
        impl std::error::Error for Error {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    #( #attrs Error::#variants(e) => std::error::Error::source(e), )*
                    Error::Unhandled(e) => std::error::Error::source(e),
                    Error::BuildError(e) => std::error::Error::source(e),
                    Error::TransportError(e) => std::error::Error::source(e),
                    Error::ResponseError(e) => std::error::Error::source(e),
                    Error::PaginationError(e) => std::error::Error::source(e),
                }
            }
        }

        impl ProvideErrorMetadata for Error {
            fn code(&self) -> Option<&str> {
                Error::code(self)
            }
            fn message(&self) -> Option<&str> {
                Error::message(self)
            }
        }

        impl<E: Into<Error> + std::error::Error + Send + Sync + 'static> From<SdkError<E>> for Error {
            fn from(e: SdkError<E>) -> Self {
                match e {
                    SdkError::Construction(e) => Error::BuildError(e),
                    SdkError::Transport(e) => Error::TransportError(e),
                    SdkError::Response(e) => Error::ResponseError(e),
                    SdkError::Service(e) => e.into(),
                    SdkError::Pagination(e) => Error::PaginationError(e),
                    // A kind of failure newer than this crate keeps its text.
                    other => Error::Unhandled(Unhandled::from_failure("the call failed", None, other)),
                }
            }
        }

        /// For `?` on a builder's `build()` next to calls.
        impl From<BuildError> for Error {
            fn from(e: BuildError) -> Self {
                Error::BuildError(e)
            }
        }
    }
}

/// `From<{Op}Error> for Error`: each variant to the variant of the same name.
/// Emitted in the operation's module, beside the operation error.
pub(crate) fn from_operation_error(service: &Service, op: &Operation) -> TokenStream {
    let attrs = operation_attrs(service, op);
    let name = type_ident(&op.error);
    // No per-arm attributes: an operation's own exceptions exist whenever it does.
    let variants: Vec<_> = op.errors.iter().map(|e| type_ident(e)).collect();
    quote! {
        #attrs
        impl From<#name> for Error {
            fn from(e: #name) -> Self {
                match e {
                    #( #name::#variants(e) => Error::#variants(e), )*
                    #name::Unhandled(e) => Error::Unhandled(e),
                }
            }
        }
    }
}

/// The gate on an exception's variant and on every match arm naming it: the
/// features of the operations that use the exception.
fn exception_attrs(service: &Service, exception: &str) -> TokenStream {
    cfg(service, service.shape(exception).usage.operations())
}

/// The gate on an operation's `From` impl: the operation's feature.
fn operation_attrs(service: &Service, op: &Operation) -> TokenStream {
    cfg(service, [&op.feature])
}
