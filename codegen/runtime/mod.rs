//! Hand-written runtime shared by every operation: the JSON codec, value
//! types, error plumbing, the transport trait, the client driver, idempotency
//! tokens and the pagination state machine, and the transports behind the
//! `default-https-client` and `blocking` features. Generated code calls into
//! these modules; they know nothing about any particular service.

pub mod base64;
pub mod blob;
#[cfg(feature = "blocking")]
pub mod blocking;
pub mod build;
pub mod client;
pub mod compression;
pub mod datetime;
pub mod de;
mod defaults;
pub mod document;
pub mod endpoint;
pub mod enums;
pub mod error;
#[cfg(feature = "default-https-client")]
pub mod hyper_transport;
pub mod idempotency;
pub mod json;
pub mod operation;
pub mod paginate;
pub mod protocol;
pub mod retry;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod sleep;
pub mod transport;
#[cfg(feature = "blocking")]
pub mod ureq_transport;
