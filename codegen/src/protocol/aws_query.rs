//! awsQuery: every request is `POST /` with a form body naming the operation
//! (`Action=`) and the API version (`Version=`) before the input's members; a
//! response is XML, the output inside `<{Op}Response><{resultWrapper}>`, and
//! errors name their code in `<Error><Code>` (read by the runtime's
//! `query::error_meta`). The codec is `emit::query` (forms) and `emit::xml`.

mod names;

use super::{Request, Response};
use crate::emit::util::{shape_fn, type_ident};
use crate::error::Result;
use crate::ir::{self, Operation, Service};
use crate::model::{Member, Operation as ModelOperation, ServiceModel, Shape};
use quote::quote;
use std::collections::BTreeMap;

/// The `Content-Type` of every request.
pub(super) const CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

pub(super) fn check_shapes(shapes: &BTreeMap<String, ir::Shape>) -> Result<()> {
    names::check(shapes)
}

pub(super) fn member_names(model: &ServiceModel, name: &str, member: &Member) -> ir::XmlMember {
    names::member(model, name, member)
}

/// The model's `error.code`, else the shape's name.
pub(super) fn error_code(wire: &str, shape: &Shape) -> String {
    shape.error.as_ref().and_then(|e| e.code.clone()).unwrap_or_else(|| wire.to_owned())
}

/// The output's `resultWrapper`, else `{Operation}Result`.
pub(super) fn result_wrapper(name: &str, op: &ModelOperation) -> String {
    op.output.as_ref().and_then(|r| r.result_wrapper.clone()).unwrap_or_else(|| format!("{name}Result"))
}

/// The input as form pairs after `Action` and `Version`. SigV4 signs the
/// body bytes as they are.
pub(super) fn request(service: &Service, op: &Operation) -> Request {
    let ser_input = shape_fn("ser", &op.input);
    let (action, version) = (&op.wire_name, &service.api_version);
    Request {
        setup: quote! {
            let mut w = QueryWriter::new(#action, #version);
            #ser_input(&mut w, input)?;
        },
        request: quote!(crate::runtime::__private::query::query_request(w.into_bytes())),
        items: crate::emit::query::shape(service, service.shape(&op.input)),
    }
}

/// The output is read inside its wrapper element (`emit::xml`'s parser).
pub(super) fn response(service: &Service, op: &Operation) -> Response {
    let parse = shape_fn("parse", &op.output);
    let error = type_ident(&op.error);
    Response {
        parse: quote! {
            crate::runtime::__private::query::parse_query_response(
                response,
                #parse,
                #error::from_response,
            )
        },
        items: crate::emit::xml::shape(service, service.shape(&op.output)),
    }
}
