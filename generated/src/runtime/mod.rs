// Copied from codegen/runtime/mod.rs by `cargo xtask codegen`. Edit it there.

//! Hand-written runtime shared by every operation: the JSON codec, value
//! types, error plumbing, the transport trait, the client driver, endpoint
//! and partition types for the generated endpoint resolver, idempotency
//! tokens and the pagination state machine. Generated code calls into these
//! modules; they know nothing about any particular service.

pub mod base64;
pub mod blob;
pub mod build;
pub mod client;
pub mod compression;
pub mod datetime;
pub mod de;
pub mod document;
pub mod endpoint;
pub mod endpoint_rules;
pub mod enums;
pub mod error;
pub mod idempotency;
pub mod json;
pub mod operation;
pub mod paginate;
pub mod partition;
pub mod protocol;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod transport;
