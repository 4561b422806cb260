//! Lowering: botocore model -> IR. Small passes, each deterministic:
//! 1. check the protocol and the operation selection, leaving out the
//!    operations the generator cannot serve and settling each one's auth
//!    ([`support`]);
//! 2. walk the shapes the selected operations reach, validating every target
//!    and shape type ([`closure`]);
//!    then check that lists and maps nest finitely and not too deep, with
//!    string map keys ([`nesting`]);
//! 3. build one IR shape per structure, union and enum, plus an input and an
//!    output structure per operation ([`shapes`]);
//! 4. box members that make a type contain itself ([`recursion`]);
//! 5. attach paginators ([`paginators`]);
//! 6. resolve the host prefix and request compression traits ([`op_traits`])
//!    and the endpoint parameters operations set ([`endpoint_params`]);
//! 7. give each operation its cargo feature, grouping operations by resource
//!    when there are too many for crates.io ([`features`]), mark which shapes
//!    travel in requests and in responses ([`usage`]), and name the hidden
//!    features standing for sets of operations;
//! 8. keep idempotency tokens on input members only ([`idempotency`]);
//! 9. the classic endpoint resolver, which [`endpoint_rules`] replaces with
//!    the model's compiled rule set when it has one ([`endpoints`]).

mod closure;
mod endpoint_params;
mod endpoints;
mod features;
mod idempotency;
mod nesting;
mod op_traits;
mod paginators;
mod recursion;
mod shapes;
mod support;
mod usage;

use crate::error::{Error, Result};
use crate::ir::{self, Protocol};
use crate::model::endpoints::{Partitions, RuleSet};
use crate::model::{PaginatorsModel, ServiceModel};

/// Which operations to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    All,
    Only(Vec<String>),
}

pub fn lower(model: &ServiceModel, paginators: &PaginatorsModel, selection: &Selection) -> Result<ir::Service> {
    let protocol = protocol(model)?;
    let parts = crate::protocol::lower_service(protocol, model)?;
    let (selected, skipped) = select(model, selection)?;
    let op_names: Vec<String> = selected.iter().map(|(name, _)| name.clone()).collect();
    for name in &op_names {
        crate::protocol::check_operation(protocol, name)?;
    }
    let reached = closure::reachable(model, &op_names)?;
    nesting::check(model, &reached.containers)?;
    let mut builder = shapes::ShapeBuilder::new(model, protocol, &op_names, &reached.named);
    let mut operations = Vec::with_capacity(op_names.len());
    for (name, auth) in &selected {
        operations.push(ir::Operation { auth: *auth, ..builder.operation(name)? });
    }
    for name in &reached.named {
        builder.named_shape(name)?;
    }
    let mut service_shapes = builder.finish()?;
    crate::protocol::check_shapes(protocol, &service_shapes)?;
    recursion::box_recursive_members(&mut service_shapes);
    for op in &mut operations {
        op.paginator = paginators::lower(paginators, op, &service_shapes)?;
        op_traits::lower(model, op, &service_shapes)?;
        endpoint_params::lower(model, op, &service_shapes)?;
        crate::protocol::lower_operation(protocol, model, op, &service_shapes)?;
    }
    let fixed = features::fixed_count(operations.iter().any(|op| !op.request_compression.is_empty()));
    features::group_operations(&mut operations, fixed);
    usage::mark(&mut service_shapes, &operations);
    let public = fixed + operations.iter().map(|op| &op.feature).collect::<std::collections::BTreeSet<_>>().len();
    let shared_features = features::shared(&service_shapes, &operations, public);
    idempotency::resolve(&mut service_shapes)?;
    let meta = &model.metadata;
    let service_id = meta.service_id.clone().or_else(|| parts.target_prefix.clone()).unwrap_or_default();
    let endpoint_prefix = meta.endpoint_prefix.clone().unwrap_or_default();
    Ok(ir::Service {
        protocol,
        // Only ever shown in documentation (and the manifest's description).
        full_name: crate::docs::doc_safe(meta.service_full_name.as_deref().unwrap_or(&service_id)),
        signing_name: meta.signing_name.clone().or_else(|| meta.endpoint_prefix.clone()).unwrap_or_default(),
        endpoints: endpoints::default_rules(&endpoint_prefix),
        endpoint_prefix,
        api_version: meta.api_version.clone().unwrap_or_default(),
        docs: doc_lines(model.documentation.as_deref()),
        service_id,
        target_prefix: parts.target_prefix,
        operations,
        shapes: service_shapes,
        shared_features,
        skipped,
        query_compatible: meta.aws_query_compatible.is_some(),
    })
}

/// Compiles the model's endpoint rule set, for [`ir::Service::endpoints`];
/// `partitions` (botocore's `partitions.json`) is needed when the rules call
/// `aws.partition`.
pub fn endpoint_rules(rule_set: &RuleSet, partitions: Option<&Partitions>) -> Result<ir::endpoints::EndpointRules> {
    endpoints::lower(rule_set, partitions)
}

/// The protocol the client speaks ([`crate::protocol::select`]).
pub fn protocol(model: &ServiceModel) -> Result<Protocol> {
    crate::protocol::select(model)
}

/// Operation names with their auth.
type Selected = Vec<(String, ir::Auth)>;

/// The selected operation names, sorted, each checked to exist, with their
/// auth; and the operations left out of `*` (see [`support`]). An operation
/// named explicitly that cannot be served is an error.
fn select(model: &ServiceModel, selection: &Selection) -> Result<(Selected, Vec<ir::Skipped>)> {
    let names: Vec<String> = match selection {
        Selection::All => model.operations.keys().cloned().collect(),
        Selection::Only(names) => {
            let mut out = Vec::with_capacity(names.len());
            for name in names {
                if !model.operations.contains_key(name) {
                    return Err(Error::new(format!("operation `{name}`"), "not found in the service model"));
                }
                out.push(name.clone());
            }
            out.sort();
            out.dedup();
            out
        }
    };
    let mut selected = Vec::with_capacity(names.len());
    let mut skipped = Vec::new();
    for name in names {
        match support::check(model, &model.operations[&name]) {
            Ok(auth) => selected.push((name, auth)),
            Err(reason) if *selection == Selection::All => skipped.push(ir::Skipped { wire_name: name, reason }),
            Err(reason) => {
                return Err(Error::new(format!("operation `{name}`"), format!("cannot be generated: {reason}")));
            }
        }
    }
    Ok((selected, skipped))
}

/// Model HTML documentation as Markdown lines.
pub(crate) fn doc_lines(html: Option<&str>) -> Vec<String> {
    match html {
        Some(html) if !html.trim().is_empty() => {
            let markdown = crate::timings::time(crate::timings::Phase::Docs, || crate::docs::html_to_markdown(html));
            markdown.lines().map(str::to_owned).collect()
        }
        _ => Vec::new(),
    }
}
