//! The runtime shared by every crate `cargo xtask codegen` generates: what a
//! program touches to configure and call AWS services, and what the generated
//! code needs to serialize, sign, send and parse. It knows no service: each
//! service crate describes itself through [`client::Service`] (signing name
//! and endpoint rules), so two service crates in one program share this
//! crate's credentials providers, transports, `Region`, `DateTime` and error
//! types.
//!
//! For users: [`credentials`] (providers and their default chain),
//! [`region`], [`transport`] (the trait; [`hyper_transport`] and
//! [`ureq_transport`] behind the `default-https-client` and `blocking`
//! features), [`sleep`], [`retry`], [`limits`] (time-outs and size bounds),
//! [`client`] (the configuration and the driver), [`datetime`], [`blob`],
//! [`document`], [`error`] and [`paginate`]; `test_util` (feature
//! `test-util`) answers calls in tests; [`SharedConfig`] is one
//! configuration for the clients of every service in a program. [`__private`] holds what only
//! generated code calls (the JSON and awsQuery codecs, deserializer helpers,
//! the protocols' request and response shapes); it is not part of the API.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod base64;
pub mod blob;
#[cfg(feature = "blocking")]
pub mod blocking;
mod body_error;
pub mod build;
pub mod client;
pub mod compression;
pub mod credentials;
pub mod datetime;
mod de;
mod defaults;
pub mod document;
pub mod endpoint;
pub mod endpoint_rules;
pub mod enums;
pub mod error;
#[cfg(feature = "default-https-client")]
pub mod hyper_transport;
pub mod idempotency;
pub mod imds;
pub mod ini;
mod json;
pub mod limits;
mod md5;
pub mod network;
pub mod operation;
pub mod os;
pub mod paginate;
mod partition;
pub mod profile;
mod protocol;
mod query;
mod query_protocol;
pub mod region;
mod rest;
pub mod retry;
mod rule_functions;
#[cfg(feature = "serde")]
mod serde_impls;
mod setters;
mod settings;
mod sha1;
pub mod sha256;
pub mod shared;
pub mod sigv4;
pub mod sleep;
#[cfg(test)]
mod test_service;
#[cfg(feature = "test-util")]
pub mod test_util;
mod trace;
pub mod transport;
#[cfg(feature = "blocking")]
pub mod ureq_transport;
pub mod user_agent;
mod xml;

pub use shared::{SharedConfig, SharedConfigBuilder};

/// The `http` crate whose `Request` and `Response` the sans-IO functions and
/// [`transport::Transport`] use, so callers need not match its version.
pub use http;

/// Items only generated code uses: the JSON reader and writer, the
/// deserializer's helpers, the awsJson request and response shapes, the
/// awsQuery form writer, XML reader and framing, and the partition matcher
/// of compiled endpoint rules. Not for direct use: they change with the
/// generator, without notice.
#[doc(hidden)]
pub mod __private {
    /// The deserializer's helpers.
    pub mod de {
        pub use crate::de::*;
    }
    /// The JSON pull reader and writer.
    pub mod json {
        pub use crate::json::*;
    }
    /// Partitions for compiled endpoint rules.
    pub mod partition {
        pub use crate::partition::*;
    }
    /// The endpoint rules' functions (`aws.parseArn`, `parseURL`, ...).
    pub mod rule_functions {
        pub use crate::endpoint::is_valid_host_label;
        pub use crate::rule_functions::*;
    }
    /// The awsJson request and response shapes.
    pub mod protocol {
        pub use crate::protocol::*;
    }
    /// `Content-MD5` for operations the model marks `httpChecksumRequired`.
    pub mod md5 {
        pub use crate::md5::*;
    }
    /// The restJson1 HTTP bindings.
    pub mod rest {
        pub use crate::rest::*;
    }
    /// The awsQuery form writer, XML reader and framing.
    pub mod query {
        pub use crate::query::*;
        pub use crate::query_protocol::*;
        pub use crate::xml::*;
    }
    pub use crate::string_enum_traits;
}
