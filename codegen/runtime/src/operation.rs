//! The sans-IO shape of an operation, implemented by each generated one.

use super::build::BuildError;
use super::client::Service;
use super::compression::Encoding;
use super::error::{SdkError, ServiceError};

/// An operation as two pure functions; clients only move bytes between them.
pub trait Operation {
    /// The service the operation belongs to.
    type Service: Service;
    /// The operation's input.
    type Input: std::fmt::Debug + Send + Sync;
    /// The operation's output.
    type Output: std::fmt::Debug + Send;
    /// The operation's typed service error.
    type Error: ServiceError + std::fmt::Debug;
    /// The operation's name in the model.
    const NAME: &'static str;
    /// Encodings the service accepts for the request body, in order of
    /// preference (the model's `requestcompression` trait); empty when it
    /// takes only plain bodies. See [`compress_request`](super::compression::compress_request).
    const REQUEST_COMPRESSION: &'static [Encoding] = &[];
    /// Whether requests are signed (SigV4). `false` for operations the
    /// model marks as taking no authentication (`smithy.api#noAuth`,
    /// `authtype: none`): the client sends them unsigned and never asks the
    /// credentials provider, so they work without credentials.
    const SIGNED: bool = true;

    /// Serializes the input to an unsigned request with a relative URI.
    fn serialize_request(input: &Self::Input) -> Result<http::Request<Vec<u8>>, BuildError>;

    /// The rule-set parameters this operation sets from its input (the
    /// model's `staticContextParams`, `contextParam` members and
    /// `operationContextParams`); the client resolves the endpoint per call
    /// when there are any. Empty for most operations.
    fn endpoint_params(input: &Self::Input) -> crate::endpoint_rules::OperationParams {
        let _ = input;
        Vec::new()
    }

    /// Parses a response into the output or the typed error.
    fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self::Output, SdkError<Self::Error>>;
}
