//! `src/lib.rs`: crate docs, modules and re-exports.

use crate::ir::Service;
use crate::ir::endpoints::Setting;
use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn emit(service: &Service) -> TokenStream {
    let title = format!(" A Rust client for {}.", service.full_name);
    let ops = service
        .operations
        .iter()
        .map(|op| format!(" - `{}`: [`Client::{}`] (feature `{}`)", op.wire_name, op.fn_name, op.feature));
    // Operations of the model that are not here, said where users look for them.
    let skipped_doc = (!service.skipped.is_empty()).then(|| {
        let lines = service.skipped.iter().map(|s| format!(" - `{}`: {}", s.wire_name, s.reason));
        quote! {
            #![doc = ""]
            #![doc = " Left out, since this client would send or parse them wrongly:"]
            #![doc = ""]
            #( #![doc = #lines] )*
        }
    });
    let features_doc = features_doc(service).lines().map(|l| format!(" {l}")).collect::<Vec<_>>();
    let endpoint_prefix = &service.endpoint_prefix;
    let resolve_operation_endpoint = super::endpoint_params::service_method(service);
    let uses_account_id = service.endpoints.params.iter().any(|p| p.setting == Some(Setting::AccountId)).then(|| {
        quote! {
            const USES_ACCOUNT_ID: bool = true;
        }
    });
    let signing_name = &service.signing_name;
    let service_id = &service.service_id;
    let api_version = &service.api_version;
    let service_docs = service.docs.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    // Clippy's type complexity grows with the square of the nesting; a few
    // levels of lists and maps pass its threshold in every field and setter
    // that spells the type.
    let complex_types = (service.deepest_nesting() > 2).then(|| quote!(#![allow(clippy::type_complexity)]));
    // Lints whose fix would change the API the model implies: an operation's
    // error enum holds the modelled exceptions by value, and a union its
    // variants, however large one is (boxing them would tax every match for
    // the rare large case); a builder setter is named after its member even
    // when that is `add` or `sub`.
    let model_shaped = quote! {
        #![allow(clippy::result_large_err, clippy::large_enum_variant, clippy::should_implement_trait)]
    };
    let recursion_limit = service.recursion_limit().map(|limit| {
        let limit = limit.to_string();
        quote!(#![recursion_limit = #limit])
    });
    quote! {
        #![doc = #title]
        //!
        //! Generated from the service's botocore model by `cargo xtask codegen`.
        //! The core is sans-IO: [`operation`] turns inputs into `http::Request`s and
        //! `http::Response`s into outputs or typed errors; [`Client`] drives it over
        //! any [`Transport`](runtime::transport::Transport). Each operation has its
        //! own error enum in [`error`]; [`Error`] takes any of them, for `?`.
        //! [`endpoint`] resolves the endpoint from the region and settings.
        //!
        //! Transports, each a cargo feature: `default-https-client` (default) is
        //! hyper over rustls on tokio, used when no transport is set;
        //! `blocking` adds the blocking client (`blocking::Client`) over ureq.
        //! With neither, set your own transport.
        //!
        #( #![doc = #features_doc] )*
        #![doc = ""]
        #( #![doc = #ops] )*
        #skipped_doc
        //!
        //! # The service
        //!
        #( #![doc = #service_docs] )*
        #![forbid(unsafe_code)]
        #recursion_limit
        #complex_types
        #model_shaped

        #[cfg(feature = "blocking")]
        pub mod blocking;
        pub mod client;
        pub mod endpoint;
        pub mod error;
        pub mod operation;
        pub mod paginator;
        pub mod types;

        mod de;
        mod ser;

        /// The runtime crate this crate is built on (`lean-aws-runtime`),
        /// shared with every other generated service crate: credentials,
        /// region, transports, retries and value types are the same types.
        pub use ::lean_aws_runtime as runtime;

        /// The `http` crate of the sans-IO functions ([`operation`]) and the
        /// transports, so callers need not match its version.
        pub use runtime::http;

        pub use client::Client;
        pub use error::Error;
        pub use runtime::build::BuildError;
        pub use runtime::credentials::{Credentials, ProvideCredentials};
        pub use runtime::error::SdkError;
        pub use runtime::retry::RetryConfig;
        pub use runtime::shared::{SharedConfig, SharedConfigBuilder};

        /// How a client reaches the service: region, credentials, transport,
        /// retries and time-outs.
        pub type Config = runtime::client::Config<Service>;
        /// Builds a [`Config`].
        pub type ConfigBuilder = runtime::client::ConfigBuilder<Service>;

        /// This service as the runtime sees it: its signing name and its
        /// endpoint rules ([`endpoint::resolve`]).
        #[derive(Clone, Copy, Debug, Default)]
        pub struct Service;

        impl runtime::client::Service for Service {
            const SIGNING_NAME: &'static str = SIGNING_NAME;
            const SERVICE_ID: &'static str = SERVICE_ID;
            const PACKAGE_NAME: &'static str = env!("CARGO_PKG_NAME");
            const PACKAGE_VERSION: &'static str = env!("CARGO_PKG_VERSION");
            #uses_account_id

            fn resolve_endpoint(
                built_ins: &runtime::endpoint_rules::BuiltIns<'_>,
            ) -> Result<runtime::endpoint_rules::Endpoint, runtime::endpoint_rules::EndpointError> {
                endpoint::resolve(&endpoint::Params::from_built_ins(built_ins))
            }
            #resolve_operation_endpoint
        }

        /// Value types that are not specific to this service.
        pub mod primitives {
            pub use crate::runtime::blob::Blob;
            pub use crate::runtime::datetime::{DateTime, Format};
            pub use crate::runtime::document::{Document, Number};
            pub use crate::runtime::enums::UnknownValue;
        }

        /// The model's endpoint prefix (the endpoints themselves come from
        /// [`endpoint::resolve`]).
        pub const ENDPOINT_PREFIX: &str = #endpoint_prefix;
        /// The name requests are signed with.
        pub const SIGNING_NAME: &str = #signing_name;
        /// The model's service id, which names the service's own settings
        /// (`AWS_ENDPOINT_URL_<ID>`, a profile's `[services]` key).
        pub const SERVICE_ID: &str = #service_id;
        /// The model's API version.
        pub const API_VERSION: &str = #api_version;
    }
}

/// How operations map to features: one each, or one per resource when the
/// service has more operations than crates.io's feature cap allows.
fn features_doc(service: &Service) -> String {
    let each = if service.operations_grouped() {
        "Operations are behind cargo features, one per resource: this service has more \
         operations than crates.io allows features (300), so the operations acting on one \
         resource (the operation's name without its leading verb, plurals folded onto the \
         singular: `CreateTrainingJob`, `ListTrainingJobs` → `training-job`) share a feature, \
         listed below with each operation. The default"
    } else {
        "Operations, each behind a cargo feature of its own; the default"
    };
    format!(
        "{each}\n`all-operations` feature enables them all. With\n\
         `default-features = false` and only the features you use, the crate\n\
         compiles just those operations and the types they reach."
    )
}
