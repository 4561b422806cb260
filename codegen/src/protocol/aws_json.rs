//! awsJson 1.0 and 1.1: every request is `POST /` with the operation named
//! in `X-Amz-Target` and the whole input as a JSON body; a response's body is
//! the whole output, and errors name their code in `x-amzn-errortype` or the
//! body's `__type` (read by the runtime's `ErrorMeta::from_response`).

use super::{Request, Response, ServiceParts};
use crate::emit::util::{shape_fn, type_ident};
use crate::error::{Error, Result};
use crate::ir::{Operation, Protocol, Service};
use crate::model::ServiceModel;
use quote::quote;

/// Which awsJson: `metadata.jsonVersion`, 1.0 when absent.
pub(super) fn version(model: &ServiceModel) -> Result<Protocol> {
    match model.metadata.json_version.as_deref() {
        None | Some("1.0") => Ok(Protocol::AwsJson1_0),
        Some("1.1") => Ok(Protocol::AwsJson1_1),
        Some(other) => Err(Error::new("metadata", format!("unsupported jsonVersion `{other}` (supported: 1.0, 1.1)"))),
    }
}

/// The `targetPrefix`, which every request's `X-Amz-Target` starts with.
pub(super) fn lower_service(model: &ServiceModel) -> Result<ServiceParts> {
    let target_prefix =
        model.metadata.target_prefix.clone().ok_or_else(|| {
            Error::new("metadata", "the json protocol needs `targetPrefix` for the X-Amz-Target header")
        })?;
    header_value(&target_prefix)
        .map_err(|e| Error::new("metadata", format!("targetPrefix \"{}\" {e}", target_prefix.escape_debug())))?;
    Ok(ServiceParts { target_prefix: Some(target_prefix) })
}

/// The operation's name goes into `X-Amz-Target`.
pub(super) fn check_operation(name: &str) -> Result<()> {
    header_value(name).map_err(|e| Error::new(format!("operation `{}`", name.escape_debug()), format!("its name {e}")))
}

/// Checks a value the request carries in a header (`X-Amz-Target` is
/// `{targetPrefix}.{operation}`), so that the generated
/// `HeaderValue::from_static` cannot panic: visible ASCII, no spaces.
fn header_value(value: &str) -> std::result::Result<(), String> {
    match value.chars().find(|c| !c.is_ascii_graphic()) {
        None => Ok(()),
        Some(c) => Err(format!(
            "cannot be sent in the X-Amz-Target header: {c:?} is not visible ASCII (letters, digits, punctuation)"
        )),
    }
}

/// The whole input as the JSON body of `POST /`.
pub(super) fn request(service: &Service, op: &Operation) -> Request {
    let ser_input = shape_fn("ser", &op.input);
    let prefix = service.target_prefix.as_deref().expect("awsJson lowering sets the target prefix");
    let target = format!("{prefix}.{}", op.wire_name);
    let content_type = super::content_type(service.protocol);
    let request_fn =
        if service.query_compatible { quote!(query_compatible_json_request) } else { quote!(json_request) };
    Request {
        setup: quote! {
            let mut w = JsonWriter::new();
            #ser_input(&mut w, input)?;
        },
        request: quote!(crate::runtime::__private::protocol::#request_fn(#target, #content_type, w.into_bytes())),
        items: crate::emit::ser::shape(service, service.shape(&op.input)),
    }
}

/// The body is the whole output.
pub(super) fn response(service: &Service, op: &Operation) -> Response {
    let parse = shape_fn("parse", &op.output);
    let error = type_ident(&op.error);
    let parse_fn =
        if service.query_compatible { quote!(parse_query_compatible_response) } else { quote!(parse_response) };
    Response {
        parse: quote! {
            crate::runtime::__private::protocol::#parse_fn(
                response,
                #parse,
                #error::from_response,
            )
        },
        items: crate::emit::de::shape(service, service.shape(&op.output)),
    }
}
