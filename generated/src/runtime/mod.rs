// Copied from codegen/runtime/mod.rs by `cargo xtask codegen`. Edit it there.

//! Hand-written runtime shared by every operation: the JSON codec, value
//! types, error plumbing, the transport trait and its time and size limits,
//! the client driver, endpoint and partition types for the generated
//! endpoint resolver, idempotency tokens, the pagination state machine,
//! credentials and region from the environment and the shared config files,
//! SigV4 signing, and the transports behind the `default-https-client` and
//! `blocking` features. Generated code calls into these modules; they know
//! nothing about any particular service.

pub mod base64;
pub mod blob;
#[cfg(feature = "blocking")]
pub mod blocking;
pub mod build;
pub mod client;
pub mod compression;
pub mod credentials;
pub mod datetime;
pub mod de;
mod defaults;
pub mod document;
pub mod endpoint;
pub mod endpoint_rules;
pub mod enums;
pub mod error;
#[cfg(feature = "default-https-client")]
pub mod hyper_transport;
pub mod idempotency;
pub mod ini;
pub mod json;
pub mod limits;
pub mod operation;
pub mod os;
pub mod paginate;
pub mod partition;
pub mod profile;
pub mod protocol;
pub mod region;
pub mod retry;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod sha256;
pub mod sigv4;
pub mod sleep;
pub mod transport;
#[cfg(feature = "blocking")]
pub mod ureq_transport;
