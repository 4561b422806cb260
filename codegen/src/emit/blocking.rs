//! `src/blocking.rs` (feature `blocking`): the blocking `Client`; its method
//! for each operation is in the operation's `blocking` module. Each of its
//! fluent builders wraps the async one and forwards the same setters, so
//! building, idempotency tokens, the driver and pagination are the async
//! client's own, run to completion on the calling thread.

use super::builders::{Setter, setters};
use super::util::{cfg, docs, in_operation, type_ident};
use crate::ir::{Operation, Service};
use proc_macro2::TokenStream;
use quote::quote;

/// An operation's blocking fluent builder and the blocking client's method
/// returning it, for the operation's `blocking` module.
pub(crate) fn operation(service: &Service, op: &Operation) -> TokenStream {
    let f = crate::naming::ident(&op.fn_name);
    let fluent = type_ident(&op.fluent_builder);
    let doc = docs(&op.docs);
    let gate = cfg(service, [&op.feature]);
    let builder = self::fluent(service, op, &gate);
    quote! {
        #gate
        impl crate::blocking::Client {
            #doc
            pub fn #f(&self) -> #fluent {
                #fluent { inner: self.inner.#f() }
            }
        }

        #builder
    }
}

pub(crate) fn emit(service: &Service) -> TokenStream {
    let title = format!(" A blocking client for {}.", service.full_name);
    let example_call: Vec<String> = match super::example::operation(service) {
        Some(op) => super::example::call(service, op, "?").iter().map(|l| format!(" {l}")).collect(),
        None => vec![" let out = client.some_operation().send()?;".to_owned()],
    };
    quote! {
        //! The blocking client: the async [`Client`](crate::Client)'s driver run on
        //! the calling thread over a
        //! [`BlockingTransport`](crate::runtime::blocking::BlockingTransport), with
        //! no async runtime. Retries sleep the thread; paginators are iterators.
        //!
        //! ```ignore
        //! let client = blocking::Client::from_conf(Config::builder().region("us-east-1").build()?);
        #( #![doc = #example_call] )*
        //! ```

        #[doc = #title]
        ///
        /// Built from the same [`Config`](crate::Config) as the async client.
        /// A transport set with
        /// [`blocking_transport`](crate::runtime::client::ConfigBuilder::blocking_transport)
        /// is used as it is; without one it sends through
        /// [`UreqTransport`](crate::runtime::ureq_transport::UreqTransport), and
        /// without a [`sleep_impl`](crate::runtime::client::ConfigBuilder::sleep_impl)
        /// it waits with [`BlockingSleep`](crate::runtime::blocking::BlockingSleep).
        /// An async transport set with `transport` is driven too, if its
        /// futures need no runtime of their own. Cloning is cheap.
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) inner: crate::Client,
        }

        impl Client {
            /// A client with the shared configuration as it is: its
            /// credentials provider, and its transport or the shared blocking
            /// default one.
            pub fn new(shared: &crate::SharedConfig) -> Self {
                Self::from_conf(crate::Config::from_shared(shared))
            }

            /// A client with the given configuration.
            pub fn from_conf(config: crate::Config) -> Self {
                Client { inner: crate::Client::from_conf(config.into_blocking()) }
            }

            /// The client's configuration.
            pub fn config(&self) -> &crate::Config {
                self.inner.config()
            }
        }
    }
}

fn fluent(service: &Service, op: &Operation, cfg: &TokenStream) -> TokenStream {
    let name = type_ident(&op.fluent_builder);
    let op_type = in_operation(op, &op.rust_name);
    let input_builder = in_operation(op, &format!("builders::{}", crate::naming::builder_name(&op.input)));
    let fluent = in_operation(op, &format!("builders::{}", op.fluent_builder));
    let output = in_operation(op, &op.output);
    let error = in_operation(op, &op.error);
    // The async fluent builder has the input builder's setters, so the
    // delegating form forwards to it unchanged.
    let setters = service.structure(&op.input).members.iter().map(|m| setters(m, &Setter::Delegate));
    let paginator = op.paginator.as_ref().map(|_| {
        quote! {
            /// Pages through the results on this thread: the returned
            /// paginator's `pages()` and `items()` are iterators. No request is
            /// sent until the first `next()`.
            pub fn into_paginator(self) -> crate::runtime::blocking::Paginator<#op_type> {
                crate::runtime::blocking::Paginator::new(self.inner.into_paginator())
            }
        }
    });
    let doc = format!(" Builds and sends a `{}` request, blocking.", op.wire_name);
    quote! {
        #cfg
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            inner: #fluent,
        }

        #cfg
        impl #name {
            /// Sends the request and waits for the result, retries included.
            ///
            /// # Errors
            /// A missing required member, a transport failure, an unreadable
            /// response or the service's typed error.
            pub fn send(self) -> Result<#output, crate::runtime::error::SdkError<#error>> {
                crate::runtime::blocking::block_on(self.inner.send())
            }

            #paginator

            /// Overrides configuration for this call only, as the async
            /// client's `customize` does. The client's configuration is
            /// untouched.
            pub fn customize(self, f: impl FnOnce(crate::ConfigBuilder) -> crate::ConfigBuilder) -> Self {
                #name { inner: self.inner.customize(f) }
            }

            /// The input built so far.
            pub fn as_input(&self) -> &#input_builder {
                self.inner.as_input()
            }

            #(#setters)*
        }
    }
}
