//! The async `Client` (`src/client.rs`) and, in each operation's `builders`
//! module, its method returning a fluent builder whose setters mirror the
//! input builder's.

use super::builders::{Setter, setters};
use super::util::{cfg, docs, in_operation, type_ident};
use crate::ir::{Operation, Service};
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn emit(service: &Service) -> TokenStream {
    let title = format!(" A client for {}.", service.full_name);
    quote! {
        //! The async client: a thin driver over the sans-IO operations in
        //! [`crate::operation`] and a [`Transport`](crate::runtime::transport::Transport).
        //! Each operation's method and fluent builder are in its module.
        pub(crate) type Handle = crate::runtime::client::Handle<crate::Service>;

        #[doc = #title]
        ///
        /// Cloning is cheap: clones share one configuration and transport.
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) handle: Handle,
        }

        impl Client {
            /// A client with the shared configuration as it is (its
            /// credentials provider and transport shared with every other
            /// client built from it); [`Config::builder_from`](crate::runtime::client::Config::builder_from)
            /// overrides settings for this service only.
            pub fn new(shared: &crate::SharedConfig) -> Self {
                Self::from_conf(crate::Config::from_shared(shared))
            }

            /// A client with the given configuration.
            pub fn from_conf(config: crate::Config) -> Self {
                Client { handle: Handle::new(config) }
            }

            /// The client's configuration.
            pub fn config(&self) -> &crate::Config {
                self.handle.config()
            }
        }
    }
}

/// An operation's fluent builder and the client method returning it, for the
/// operation's `builders` module.
pub(crate) fn operation(service: &Service, op: &Operation) -> TokenStream {
    let f = crate::naming::ident(&op.fn_name);
    let fluent = type_ident(&op.fluent_builder);
    let doc = docs(&op.docs);
    let gate = cfg(service, [&op.feature]);
    let builder = self::fluent(service, op, &gate);
    quote! {
        #gate
        impl crate::Client {
            #doc
            pub fn #f(&self) -> #fluent {
                #fluent { handle: self.handle.clone(), inner: Default::default() }
            }
        }

        #builder
    }
}

fn fluent(service: &Service, op: &Operation, cfg: &TokenStream) -> TokenStream {
    let name = type_ident(&op.fluent_builder);
    let op_type = in_operation(op, &op.rust_name);
    let input = in_operation(op, &op.input);
    let input_builder = type_ident(&crate::naming::builder_name(&op.input));
    let output = in_operation(op, &op.output);
    let error = in_operation(op, &op.error);
    let setters = service.structure(&op.input).members.iter().map(|m| setters(m, &Setter::Delegate));
    let paginator = op.paginator.as_ref().map(|_| {
        quote! {
            /// Pages through the results: configure page size, item limit and a
            /// starting token on the returned paginator. No request is sent until
            /// the first page is polled.
            pub fn into_paginator(self) -> crate::runtime::paginate::Paginator<#op_type> {
                crate::runtime::paginate::Paginator::new(self.handle, self.inner.build())
            }
        }
    });
    let fill_tokens = super::idempotency::fill_call(service.structure(&op.input));
    let binding = if fill_tokens.is_some() { quote!(mut input) } else { quote!(input) };
    let doc = format!(" Builds and sends a `{}` request.", op.wire_name);
    quote! {
        #cfg
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            handle: crate::client::Handle,
            inner: #input_builder,
        }

        #cfg
        impl #name {
            /// Sends the request.
            ///
            /// # Errors
            /// A missing required member, a transport failure, an unreadable
            /// response or the service's typed error.
            pub async fn send(self) -> Result<#output, crate::runtime::error::SdkError<#error>> {
                let #binding: #input = self.inner.build().map_err(crate::runtime::error::SdkError::Construction)?;
                #fill_tokens
                self.handle.invoke::<#op_type>(&input).await
            }

            #paginator

            /// Overrides configuration for this call only (and the pages of
            /// `into_paginator` after it): `f` sets what changes on an empty
            /// [`ConfigBuilder`](crate::ConfigBuilder), such as a region,
            /// endpoint URL, credentials provider, retry settings or
            /// time-outs. The client's configuration is untouched.
            pub fn customize(mut self, f: impl FnOnce(crate::ConfigBuilder) -> crate::ConfigBuilder) -> Self {
                self.handle = self.handle.customize(f);
                self
            }

            /// The input built so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.inner
            }

            #(#setters)*
        }
    }
}
