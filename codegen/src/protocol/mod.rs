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
//!   success from an error and extracts the error code ([`response`]), and
//!   what an exception reads besides its body ([`error_bindings`]);
//! - the body codec, whose shape serializers and deserializers live in
//!   `src/ser/` and `src/de/` and whose runtime reader and writer the
//!   operation modules import ([`codec`]; `emit::ser` and `emit::de` are the
//!   JSON one).
//!
//! The content type is the protocol's too ([`content_type`]), and so are
//! the names members travel under ([`member_names`]), error codes
//! ([`error_code`]), output wrappers ([`result_wrapper`]) and what a
//! protocol cannot carry ([`check_shapes`]).
//!
//! `aws_query` is awsQuery: form-encoded requests, XML responses.

pub(crate) mod aws_json;
pub(crate) mod aws_query;
pub(crate) mod rest_json;

use crate::error::{Error, Result};
use crate::ir::{self, HttpBinding, Operation, Protocol, Service, TimestampFormat};
use crate::model::{Member, Operation as ModelOperation, ServiceModel, Shape};
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
            "query" => return Ok(Protocol::AwsQuery),
            _ => {}
        }
    }
    let names: Vec<String> = listed.iter().map(|p| format!("`{}`", p.escape_debug())).collect();
    Err(Error::new(
        "metadata",
        format!(
            "unsupported protocol {} (supported: json, that is awsJson1_0 and awsJson1_1, rest-json and query)",
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
        Protocol::AwsQuery => Ok(ServiceParts { target_prefix: None }),
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
        // restJson1 puts the name nowhere on the wire.
        Protocol::RestJson1 => Ok(()),
        // The name is percent-encoded into the body's `Action=`.
        Protocol::AwsQuery => Ok(()),
    }
}

/// Checks the lowered shapes against what the protocol can carry
/// (awsQuery: no documents).
pub(crate) fn check_shapes(protocol: Protocol, shapes: &BTreeMap<String, ir::Shape>) -> Result<()> {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => Ok(()),
        Protocol::AwsQuery => aws_query::check_shapes(shapes),
    }
}

/// The names a member travels under besides its member name
/// ([`ir::Member::xml`]): awsQuery's form keys and XML elements.
pub(crate) fn member_names(protocol: Protocol, model: &ServiceModel, name: &str, member: &Member) -> ir::XmlMember {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => ir::XmlMember::default(),
        Protocol::AwsQuery => aws_query::member_names(model, name, member),
    }
}

/// The code an error shape `wire` is sent with ([`ir::ErrorInfo::code`]):
/// the shape's name in awsJson and restJson1, the model's `error.code` (else the name) in
/// awsQuery.
pub(crate) fn error_code(protocol: Protocol, wire: &str, shape: &Shape) -> String {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => wire.to_owned(),
        Protocol::AwsQuery => aws_query::error_code(wire, shape),
    }
}

/// The element an output is wrapped in ([`ir::Operation::result_wrapper`]):
/// none in awsJson and restJson1.
pub(crate) fn result_wrapper(protocol: Protocol, name: &str, op: &ModelOperation) -> String {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => String::new(),
        Protocol::AwsQuery => aws_query::result_wrapper(name, op),
    }
}

/// Completes an operation once its shapes are built (restJson1: its HTTP
/// method and URI template, checked against the input's labels).
pub(crate) fn lower_operation(
    protocol: Protocol,
    model: &ServiceModel,
    op: &mut Operation,
    shapes: &BTreeMap<String, ir::Shape>,
) -> Result<()> {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::AwsQuery => Ok(()),
        Protocol::RestJson1 => rest_json::lower_operation(model, op, shapes),
    }
}

/// Whether the members of inputs, outputs and errors may travel outside the
/// body (`location` in the model), as [`ir::HttpBinding`]s.
pub(crate) fn binds_http(protocol: Protocol) -> bool {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::AwsQuery => false,
        Protocol::RestJson1 => true,
    }
}

/// Whether a body member's `locationName` is its JSON key.
pub(crate) fn json_names(protocol: Protocol) -> bool {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::AwsQuery => false,
        Protocol::RestJson1 => true,
    }
}

/// The timestamp format of a member whose model names none, by where it travels.
pub(crate) fn default_timestamp(protocol: Protocol, http: &HttpBinding) -> TimestampFormat {
    match protocol {
        // Both JSON protocols default to epoch seconds.
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => TimestampFormat::EpochSeconds,
        Protocol::RestJson1 => rest_json::default_timestamp(http),
        Protocol::AwsQuery => TimestampFormat::DateTime,
    }
}

/// The `Content-Type` of request bodies.
pub(crate) fn content_type(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
        Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
        Protocol::RestJson1 => "application/json",
        Protocol::AwsQuery => aws_query::CONTENT_TYPE,
    }
}

/// The body format, which picks the shape serializers and deserializers
/// (`src/ser/`, `src/de/`) and the runtime reader and writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codec {
    /// `emit::ser` and `emit::de` over `runtime::__private::json`.
    Json,
    /// Forms written by `emit::query`, XML read by `emit::xml`, over
    /// `runtime::__private::query` (errors are `XmlError`, the runtime's
    /// `BodyError` as the JSON codec's `JsonError` is).
    Query,
}

pub(crate) fn codec(protocol: Protocol) -> Codec {
    match protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::RestJson1 => Codec::Json,
        Protocol::AwsQuery => Codec::Query,
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
        (Codec::Query, _) => quote::quote!(
            use crate::runtime::__private::query::{QueryWriter, XmlError, XmlReader};
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
        Protocol::AwsQuery => aws_query::request(service, op),
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
        Protocol::AwsQuery => aws_query::response(service, op),
    }
}

/// What an exception's parser reads besides its body: `None` where
/// exceptions are parsed from the body alone (their parser then takes the
/// body and the metadata); otherwise the statements that set the members of
/// `error` bound to HTTP parts from `headers` and `meta` (the parser and the
/// error enum's `from_response` then take the headers too). `Some` for
/// exactly the protocols [`binds_http`] holds for.
pub(crate) fn error_bindings(service: &Service, s: &ir::Struct) -> Option<TokenStream> {
    match service.protocol {
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::AwsQuery => None,
        Protocol::RestJson1 => Some(rest_json::response::error_bindings(service, s)),
    }
}

impl ir::Protocol {
    /// The protocol's Smithy name, as the generator's summary shows it.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RestJson1 => "restJson1",
            Protocol::AwsQuery => "awsQuery",
        }
    }
}
