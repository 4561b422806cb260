//! The protocol seam: everything that depends on the wire protocol, behind
//! one function per extension point. Each protocol [`ir::Protocol`] names is a
//! module here (`aws_json` for awsJson 1.0 and 1.1, `rest_json` for
//! restJson1); every function below
//! matches on the protocol and forwards to it, so adding a protocol is a
//! variant, a module and one arm per function (the compiler lists the
//! missing ones), and never touches another protocol's code.
//!
//! The extension points, in the order a request travels:
//! - lowering: which protocol a model speaks ([`select`]), what the protocol
//!   needs of the service and of each operation ([`lower_service`],
//!   [`check_operation`], [`lower_operation`]: restJson1's method and URI),
//!   whether members are bound to HTTP parts and JSON keys follow
//!   `locationName` ([`binds_http`], [`json_names`]), the default timestamp
//!   format by where the member travels ([`default_timestamp`]);
//! - request serialization: method, URI, headers and body of an operation's
//!   request, with the serializer of its input ([`request`]);
//! - response parsing: output from the body (and, for HTTP-binding
//!   protocols, headers and status), and the runtime function that tells
//!   success from an error and extracts the error code ([`response`]);
//! - the body codec, whose shape serializers and deserializers live in
//!   `src/ser/` and `src/de/` and whose runtime reader and writer the
//!   operation modules import ([`codec`]; `emit::ser` and `emit::de` are the
//!   JSON one).
//!
//! The content type is the protocol's too ([`content_type`]).

pub(crate) mod aws_json;
pub(crate) mod rest_json;

use crate::error::{Error, Result};
use crate::ir::{self, HttpBinding, Operation, Protocol, Service, Shape, TimestampFormat};
use crate::model::ServiceModel;
use proc_macro2::TokenStream;
use std::collections::BTreeMap;

/// The protocol the client speaks: the first of `metadata.protocols` (the
/// model's order of preference) that the generator serves, else
/// `metadata.protocol` for models without the list.
pub fn select(model: &ServiceModel) -> Result<Protocol> {
    let meta = &model.metadata;
    let listed = meta.protocols.as_deref().unwrap_or(std::slice::from_ref(&meta.protocol));
    for name in listed {
        match name.as_str() {
            "json" => return aws_json::version(model),
            "rest-json" => return Ok(Protocol::RestJson1),
            _ => {}
        }
    }
    let names: Vec<String> = listed.iter().map(|p| format!("`{}`", p.escape_debug())).collect();
    Err(Error::new(
        "metadata",
        format!(
            "unsupported protocol {} (supported: json, that is awsJson1_0 and awsJson1_1, and rest-json)",
            names.join(", ")
        ),
    ))
}

/// What the protocol reads from the service's metadata, checked: the
/// `X-Amz-Target` prefix for awsJson.
pub(crate) fn lower_service(protocol: Protocol, model: &ServiceModel) -> Result<ServiceParts> {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::lower_service(model),
        Protocol::RestJson1 => Ok(ServiceParts { target_prefix: None }),
    }
}

/// The protocol-specific parts of [`ir::Service`].
pub(crate) struct ServiceParts {
    pub target_prefix: Option<String>,
}

/// Checks what the protocol needs of one selected operation (awsJson: its
/// name fits the `X-Amz-Target` header).
pub(crate) fn check_operation(protocol: Protocol, name: &str) -> Result<()> {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::check_operation(name),
        Protocol::RestJson1 => Ok(()),
    }
}

/// Completes an operation once its shapes are built (restJson1: its HTTP
/// method and URI template, checked against the input's labels).
pub(crate) fn lower_operation(
    protocol: Protocol,
    model: &ServiceModel,
    op: &mut Operation,
    shapes: &BTreeMap<String, Shape>,
) -> Result<()> {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => Ok(()),
        Protocol::RestJson1 => rest_json::lower_operation(model, op, shapes),
    }
}

/// Whether the members of inputs, outputs and errors may travel outside the
/// body (`location` in the model), as [`ir::HttpBinding`]s.
pub(crate) fn binds_http(protocol: Protocol) -> bool {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => false,
        Protocol::RestJson1 => true,
    }
}

/// Whether a body member's `locationName` is its JSON key.
pub(crate) fn json_names(protocol: Protocol) -> bool {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => false,
        Protocol::RestJson1 => true,
    }
}

/// The timestamp format of a member whose model names none, by where it travels.
pub(crate) fn default_timestamp(protocol: Protocol, http: &HttpBinding) -> TimestampFormat {
    match protocol {
        // Both JSON protocols default to epoch seconds.
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => TimestampFormat::EpochSeconds,
        Protocol::RestJson1 => rest_json::default_timestamp(http),
    }
}

/// The `Content-Type` of request bodies.
pub(crate) fn content_type(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
        Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
        Protocol::RestJson1 => "application/json",
    }
}

/// The body format, which picks the shape serializers and deserializers
/// (`src/ser/`, `src/de/`) and the runtime reader and writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codec {
    /// `emit::ser` and `emit::de` over `runtime::__private::json`.
    Json,
}

pub(crate) fn codec(protocol: Protocol) -> Codec {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => Codec::Json,
    }
}

/// The `use` lines an operation's module needs for its codec.
pub(crate) fn codec_imports(protocol: Protocol) -> TokenStream {
    match (codec(protocol), protocol) {
        // An operation with nothing in its body uses no writer or reader.
        (Codec::Json, Protocol::RestJson1) => quote::quote!(
            #[allow(unused_imports)]
            use crate::runtime::__private::json::{JsonError, JsonReader, JsonWriter};
        ),
        (Codec::Json, _) => quote::quote!(
            use crate::runtime::__private::json::{JsonError, JsonReader, JsonWriter};
        ),
    }
}

/// How an operation's request is built, for its serializer function
/// (`fn(input: &Input) -> Result<http::Request<Vec<u8>>, BuildError>`).
pub(crate) struct Request {
    /// Statements run first (writing the body, say).
    pub setup: TokenStream,
    /// The `http::Request` expression with a relative URI; the host
    /// prefix, shared by every protocol, is added to it afterwards.
    pub request: TokenStream,
    /// Items the operation's module needs besides (the input's serializer).
    pub items: TokenStream,
}

pub(crate) fn request(service: &Service, op: &Operation) -> Request {
    match service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::request(service, op),
        Protocol::RestJson1 => rest_json::request::request(service, op),
    }
}

/// How an operation's response is parsed.
pub(crate) struct Response {
    /// The body of `parse_response` (`response` in scope), giving
    /// `Result<Output, SdkError<Error>>`: a runtime function that tells
    /// success from error and extracts the error code, fed the output parser
    /// and the error enum's `from_response`.
    pub parse: TokenStream,
    /// The output's parser and deserializer, for the operation's module.
    pub items: TokenStream,
}

pub(crate) fn response(service: &Service, op: &Operation) -> Response {
    match service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::response(service, op),
        Protocol::RestJson1 => rest_json::response::response(service, op),
    }
}

impl ir::Protocol {
    /// The protocol's Smithy name, as the generator's summary shows it.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RestJson1 => "restJson1",
        }
    }
}
