//! Builds IR shapes: one per named model shape, plus an input and an output
//! structure synthesized for each operation (so an operation's input can be
//! renamed `{Operation}Input` and changed without touching shared shapes).

use super::closure::lookup;
use super::doc_lines;
use crate::error::{Error, Result};
use crate::ir::{
    self, Enum, ErrorInfo, Protocol, ShapeKind, Struct, StructRole, TimestampFormat, TypeRef, Union, Variant,
};
use crate::model::{Member, ServiceModel, Shape};
use crate::naming::{self, MethodScope};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) struct ShapeBuilder<'m> {
    model: &'m ServiceModel,
    protocol: Protocol,
    /// Structures a selected operation lists among its errors.
    errors: BTreeSet<String>,
    /// The Rust type name of each named shape, by wire name
    /// ([`naming::type_names`]).
    type_names: BTreeMap<String, String>,
    /// Keyed by Rust name.
    shapes: BTreeMap<String, ir::Shape>,
}

impl<'m> ShapeBuilder<'m> {
    /// `operations`: the selected ones, whose error shapes become exceptions;
    /// `named`: the named shapes they reach.
    pub(crate) fn new(
        model: &'m ServiceModel,
        protocol: Protocol,
        operations: &[String],
        named: &BTreeSet<String>,
    ) -> Self {
        let errors = operations.iter().flat_map(|op| &model.operations[op].errors).map(|e| e.shape.clone()).collect();
        let synthesized = operations.iter().flat_map(|op| {
            let base = naming::type_name(op);
            [format!("{base}Input"), format!("{base}Output")]
        });
        let wires: Vec<&str> = named.iter().map(String::as_str).collect();
        let names = naming::type_names(&wires, &synthesized.collect());
        let type_names = named.iter().cloned().zip(names).collect();
        ShapeBuilder { model, protocol, errors, type_names, shapes: BTreeMap::new() }
    }

    /// The Rust type name of a named shape the operations reach.
    fn type_name(&self, wire: &str) -> String {
        self.type_names.get(wire).cloned().unwrap_or_else(|| panic!("closure reached shape `{wire}`"))
    }

    pub(crate) fn finish(self) -> Result<BTreeMap<String, ir::Shape>> {
        Ok(self.shapes)
    }

    /// Lowers an operation and synthesizes its input and output structures.
    pub(crate) fn operation(&mut self, name: &str) -> Result<ir::Operation> {
        let op = &self.model.operations[name];
        let type_base = naming::type_name(name);
        let input = format!("{type_base}Input");
        let output = format!("{type_base}Output");
        for (rust, shape_ref, role) in [
            (&input, &op.input, StructRole::Input { operation: name.to_owned() }),
            (&output, &op.output, StructRole::Output { operation: name.to_owned() }),
        ] {
            let (members, docs) = match shape_ref {
                Some(r) => {
                    let shape = &self.model.shapes[&r.shape];
                    (self.members(&r.shape, shape, &role)?, doc_lines(shape.documentation.as_deref()))
                }
                None => (Vec::new(), Vec::new()),
            };
            let wire_name = shape_ref.as_ref().map_or_else(|| rust.clone(), |r| r.shape.clone());
            let kind = ShapeKind::Struct(Struct { members, role });
            self.insert(ir::Shape { wire_name, rust_name: rust.clone(), docs, kind, usage: Default::default() })?;
        }
        let fn_name = naming::operation_fn_name(name);
        Ok(ir::Operation {
            wire_name: name.to_owned(),
            fluent_builder: naming::fluent_builder_name(&type_base),
            request_fn: naming::request_fn_name(&fn_name),
            module: naming::operation_module_name(&fn_name),
            rust_name: type_base,
            fn_name,
            feature: naming::feature_name(name),
            docs: doc_lines(op.documentation.as_deref()),
            input,
            output,
            error: naming::error_enum_name(name),
            errors: self.unique_errors(op),
            paginator: None,
            host_prefix: None,
            request_compression: Vec::new(),
            checksum_required: false,
            endpoint_params: Vec::new(),
            auth: ir::Auth::SigV4,
            http: None,
            result_wrapper: crate::protocol::result_wrapper(self.protocol, name, op),
        })
    }

    /// Lowers a structure, union or enum shape under its own name.
    pub(crate) fn named_shape(&mut self, wire: &str) -> Result<()> {
        let shape = &self.model.shapes[wire];
        let kind = if shape.kind == "string" {
            ShapeKind::Enum(self.enumeration(shape))
        } else if shape.union {
            let members = self.members(wire, shape, &StructRole::Plain)?;
            let wires: Vec<&str> = members.iter().map(|m| m.wire_name.as_str()).collect();
            let variants = naming::variant_names(&wires);
            let members =
                members.into_iter().zip(variants).map(|(m, rust_name)| ir::Member { rust_name, ..m }).collect();
            ShapeKind::Union(Union { members })
        } else {
            // botocore parses an operation's errors by code whether or not
            // the shape has the `exception` trait, and so does the client.
            let role = if shape.exception || shape.error.is_some() || self.errors.contains(wire) {
                StructRole::Error(ErrorInfo {
                    // awsJson names errors by shape; `error.code` is the
                    // awsQuery code, which an awsQuery service sends.
                    code: crate::protocol::error_code(self.protocol, wire, shape),
                    query_code: shape
                        .error
                        .as_ref()
                        .and_then(|e| e.code.clone())
                        .filter(|code| code != wire && self.model.metadata.aws_query_compatible.is_some()),
                    fault: shape.fault,
                    retryable: shape.retryable.is_some(),
                    throttling: shape.retryable.as_ref().is_some_and(|r| r.throttling),
                })
            } else {
                StructRole::Plain
            };
            let members = self.members(wire, shape, &role)?;
            ShapeKind::Struct(Struct { members, role })
        };
        self.insert(ir::Shape {
            wire_name: wire.to_owned(),
            rust_name: self.type_name(wire),
            docs: doc_lines(shape.documentation.as_deref()),
            kind,
            usage: Default::default(),
        })
    }

    fn insert(&mut self, shape: ir::Shape) -> Result<()> {
        if let Some(prev) = self.shapes.get(&shape.rust_name) {
            return Err(Error::new(
                format!("shape `{}`", shape.wire_name),
                format!("its Rust name `{}` is already taken by `{}`", shape.rust_name, prev.wire_name),
            ));
        }
        self.shapes.insert(shape.rust_name.clone(), shape);
        Ok(())
    }

    /// The Rust names of an operation's errors, each once, in model order:
    /// some models list an error twice.
    fn unique_errors(&self, op: &crate::model::Operation) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(op.errors.len());
        for e in &op.errors {
            let name = self.type_name(&e.shape);
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    fn enumeration(&self, shape: &Shape) -> Enum {
        // A value listed twice is one variant.
        let mut seen = BTreeSet::new();
        let wires: Vec<&str> =
            shape.enum_values.iter().flatten().map(String::as_str).filter(|v| seen.insert(*v)).collect();
        let variants = wires
            .iter()
            .zip(naming::variant_names(&wires))
            .map(|(value, rust_name)| Variant { wire_name: (*value).to_owned(), rust_name })
            .collect();
        Enum { variants }
    }

    fn members(&self, wire: &str, shape: &Shape, role: &StructRole) -> Result<Vec<ir::Member>> {
        let mut out: Vec<ir::Member> = Vec::with_capacity(shape.members.len());
        let scope = if matches!(role, StructRole::Error(_)) { MethodScope::Exception } else { MethodScope::Structure };
        let wires: Vec<&str> = shape.members.keys().map(String::as_str).collect();
        // Only the top level of a request or response is bound to HTTP parts.
        let top = !matches!(role, StructRole::Plain) && crate::protocol::binds_http(self.protocol);
        for ((name, m), rust_name) in shape.members.iter().zip(naming::member_names(&wires, scope)) {
            let ctx = || format!("shape `{wire}` member `{name}`");
            let required = shape.required.iter().any(|r| r == name);
            let http = if top {
                let is_map = self.model.shapes.get(&m.shape).is_some_and(|s| s.kind == "map");
                binding(name, m, shape.payload.as_deref(), is_map, &ctx)?
            } else {
                ir::HttpBinding::Body
            };
            let ty = self.type_ref(m, &http, &ctx)?;
            let json_name = match (&http, &m.location_name) {
                (ir::HttpBinding::Body, Some(key)) if crate::protocol::json_names(self.protocol) && key != name => {
                    Some(key.clone())
                }
                _ => None,
            };
            out.push(ir::Member {
                wire_name: name.clone(),
                wire_aliases: aliases(name, role),
                rust_name,
                docs: doc_lines(m.documentation.as_deref()),
                ty,
                required,
                optional: !required || matches!(role, StructRole::Input { .. }),
                boxed: false,
                idempotency_token: m.idempotency_token,
                json_name,
                http,
                xml: crate::protocol::member_names(self.protocol, self.model, name, m),
            });
        }
        Ok(out)
    }

    /// The Rust representation of a member's target.
    /// `http`: where the member travels, which may change its timestamp
    /// format (and its elements').
    fn type_ref(&self, member: &Member, http: &ir::HttpBinding, ctx: &dyn Fn() -> String) -> Result<TypeRef> {
        let target = lookup(self.model, &member.shape, ctx)?;
        let nested = |slot: &Option<Member>, what: &str| -> Result<Box<TypeRef>> {
            let m = slot.as_ref().expect("closure checked list and map slots");
            let sub_ctx = || format!("shape `{}` {what}", member.shape);
            Ok(Box::new(self.type_ref(m, http, &sub_ctx)?))
        };
        Ok(match target.kind.as_str() {
            "structure" if target.document => TypeRef::Document,
            "structure" => TypeRef::Named(self.type_name(&member.shape)),
            "string" if target.enum_values.is_some() => TypeRef::Named(self.type_name(&member.shape)),
            "string" => TypeRef::String,
            "boolean" => TypeRef::Bool,
            "byte" => TypeRef::Byte,
            "short" => TypeRef::Short,
            "integer" => TypeRef::Integer,
            "long" => TypeRef::Long,
            "float" => TypeRef::Float,
            "double" => TypeRef::Double,
            "blob" => TypeRef::Blob,
            "timestamp" => {
                let format = member.timestamp_format.as_deref().or(target.timestamp_format.as_deref());
                TypeRef::Timestamp(self.timestamp_format(format, http, ctx)?)
            }
            "list" => TypeRef::List { member: nested(&target.member, "member")?, sparse: target.sparse },
            "map" => TypeRef::Map {
                key: nested(&target.key, "key")?,
                value: nested(&target.value, "value")?,
                sparse: target.sparse,
            },
            other => unreachable!("closure rejects shape type {other}"),
        })
    }

    fn timestamp_format(
        &self,
        format: Option<&str>,
        http: &ir::HttpBinding,
        ctx: &dyn Fn() -> String,
    ) -> Result<TimestampFormat> {
        match format {
            None => Ok(crate::protocol::default_timestamp(self.protocol, http)),
            Some("unixTimestamp") => Ok(TimestampFormat::EpochSeconds),
            Some("iso8601") => Ok(TimestampFormat::DateTime),
            Some("rfc822") => Ok(TimestampFormat::HttpDate),
            Some(other) => Err(Error::new(
                ctx(),
                format!("unknown timestampFormat `{other}` (known: unixTimestamp, iso8601, rfc822)"),
            )),
        }
    }
}

/// Services send an exception's message as `message` or `Message`; accept both.
fn aliases(name: &str, role: &StructRole) -> Vec<String> {
    match (role, name) {
        (StructRole::Error(_), "Message") => vec!["message".to_owned()],
        (StructRole::Error(_), "message") => vec!["Message".to_owned()],
        _ => Vec::new(),
    }
}

/// Where a member of an operation's input, output or error travels.
fn binding(
    name: &str,
    m: &Member,
    payload: Option<&str>,
    is_map: bool,
    ctx: &dyn Fn() -> String,
) -> Result<ir::HttpBinding> {
    let location_name = || m.location_name.clone().unwrap_or_else(|| name.to_owned());
    Ok(match m.location.as_deref() {
        None if payload == Some(name) => ir::HttpBinding::Payload,
        None => ir::HttpBinding::Body,
        Some("uri") => ir::HttpBinding::Label(location_name()),
        // A map spreads into parameters whatever its name, as in botocore.
        Some("querystring") if is_map => ir::HttpBinding::QueryParams,
        Some("querystring") => ir::HttpBinding::Query(location_name()),
        Some("header") => ir::HttpBinding::Header { name: location_name(), json_value: m.jsonvalue },
        Some("headers") => ir::HttpBinding::PrefixHeaders(m.location_name.clone().unwrap_or_default()),
        Some("statusCode") => ir::HttpBinding::StatusCode,
        Some(other) => {
            return Err(Error::new(
                ctx(),
                format!("unknown location `{other}` (known: uri, querystring, header, headers, statusCode)"),
            ));
        }
    })
}
