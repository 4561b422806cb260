//! Operation traits that change how a request is sent rather than what it
//! holds: the `endpoint` host prefix, with its labels resolved to input
//! fields, `requestcompression` and `httpChecksumRequired`.

use crate::error::{Error, Result};
use crate::ir::{self, Encoding, HostLabel, HostPrefix, HostPrefixPart, ShapeKind, TypeRef};
use crate::model::ServiceModel;
use std::collections::BTreeMap;

/// Fills `host_prefix`, `request_compression` and `checksum_required` of a
/// lowered operation.
pub(crate) fn lower(model: &ServiceModel, op: &mut ir::Operation, shapes: &BTreeMap<String, ir::Shape>) -> Result<()> {
    let model_op = &model.operations[&op.wire_name];
    if let Some(endpoint) = &model_op.endpoint {
        op.host_prefix = Some(host_prefix(model, op, &endpoint.host_prefix, shapes)?);
    }
    if let Some(trait_) = &model_op.request_compression {
        // Clients ignore encodings they do not implement; with none left the
        // body is simply sent as it is.
        op.request_compression =
            trait_.encodings.iter().filter_map(|e| [Encoding::Gzip].into_iter().find(|k| k.name() == e)).collect();
    }
    op.checksum_required = model_op.http_checksum_required;
    Ok(())
}

fn host_prefix(
    model: &ServiceModel,
    op: &ir::Operation,
    template: &str,
    shapes: &BTreeMap<String, ir::Shape>,
) -> Result<HostPrefix> {
    let err = |message: String| Error::new(format!("operation `{}`", op.wire_name), message);
    let pieces = split(template).map_err(|m| err(format!("host prefix `{template}`: {m}")))?;
    let ShapeKind::Struct(input) = &shapes[&op.input].kind else { unreachable!("operation inputs are structures") };
    let model_input = model.operations[&op.wire_name].input.as_ref().map(|r| &model.shapes[&r.shape]);
    let mut parts = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let wire = match piece {
            Piece::Literal(text) => {
                parts.push(HostPrefixPart::Literal(text));
                continue;
            }
            Piece::Label(wire) => wire,
        };
        let member = input.members.iter().find(|m| m.wire_name == wire);
        let Some(member) = member else {
            return Err(err(format!("host prefix label `{{{wire}}}` names no input member")));
        };
        let is_enum = |name: &str| matches!(shapes[name].kind, ShapeKind::Enum(_));
        if !matches!(&member.ty, TypeRef::String) && !matches!(&member.ty, TypeRef::Named(n) if is_enum(n)) {
            return Err(err(format!("host label member `{wire}` is not a string")));
        }
        // botocore fills labels only from members marked `hostLabel`.
        if !model_input.is_some_and(|s| s.members[&wire].host_label) {
            return Err(err(format!("member `{wire}` is used in the host prefix but not marked `hostLabel`")));
        }
        parts.push(HostPrefixPart::Label(HostLabel {
            wire_name: wire,
            field: member.rust_name.clone(),
            ty: member.ty.clone(),
        }));
    }
    Ok(HostPrefix { template: template.to_owned(), parts })
}

#[derive(Debug, PartialEq)]
enum Piece {
    Literal(String),
    Label(String),
}

/// Splits `a.{b}.` into literal text and label names, checking that the
/// literal text can appear in a host name.
fn split(template: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let open = rest.find('{').unwrap_or(rest.len());
        let literal = &rest[..open];
        if let Some(bad) = literal.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.')) {
            return Err(format!("`{bad}` cannot appear in a host name"));
        }
        if !literal.is_empty() {
            out.push(Piece::Literal(literal.to_owned()));
        }
        rest = &rest[open..];
        if rest.is_empty() {
            break;
        }
        let close = rest.find('}').ok_or("a `{` is not closed")?;
        let name = &rest[1..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("`{}` is not a label", &rest[..=close]));
        }
        out.push(Piece::Label(name.to_owned()));
        rest = &rest[close + 1..];
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::{Selection, lower};
    use crate::model::PaginatorsModel;
    use serde_json::json;

    /// A one-operation model whose input has `Label` (a host label string)
    /// and `Count` (a host label integer).
    fn service(host_prefix: &str) -> Result<ir::Service> {
        let model = json!({
            "metadata": { "protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T" },
            "operations": { "Op": {
                "name": "Op",
                "input": { "shape": "OpRequest" },
                "endpoint": { "hostPrefix": host_prefix },
                "requestcompression": { "encodings": ["br", "gzip"] }
            } },
            "shapes": {
                "OpRequest": { "type": "structure", "required": ["Label"], "members": {
                    "Label": { "shape": "S", "hostLabel": true },
                    "Plain": { "shape": "S" },
                    "Count": { "shape": "N", "hostLabel": true }
                } },
                "S": { "type": "string" },
                "N": { "type": "integer" }
            }
        });
        let model: ServiceModel = serde_json::from_value(model).unwrap();
        lower(&model, &PaginatorsModel::default(), &Selection::All)
    }

    fn message(host_prefix: &str) -> String {
        service(host_prefix).unwrap_err().to_string()
    }

    #[test]
    fn splits_templates_into_literals_and_labels() {
        let lit = |s: &str| Piece::Literal(s.into());
        let label = |s: &str| Piece::Label(s.into());
        assert_eq!(split("foo.").unwrap(), [lit("foo.")]);
        assert_eq!(split("foo.{L}.").unwrap(), [lit("foo."), label("L"), lit(".")]);
        assert_eq!(split("{A}{B}").unwrap(), [label("A"), label("B")]);
        assert!(split("foo.{L").unwrap_err().contains("not closed"));
        assert!(split("{}.").unwrap_err().contains("not a label"));
        assert!(split("a_b.").unwrap_err().contains("`_`"));
        assert!(split("a}.").unwrap_err().contains("`}`"));
    }

    #[test]
    fn resolves_labels_to_fields_and_keeps_known_encodings() {
        let service = service("foo.{Label}.").unwrap();
        let op = &service.operations[0];
        let parts = &op.host_prefix.as_ref().unwrap().parts;
        assert_eq!(parts.len(), 3);
        assert!(matches!(&parts[1], HostPrefixPart::Label(l) if l.field == "label" && l.ty == TypeRef::String));
        assert_eq!(op.request_compression, [Encoding::Gzip]);
    }

    #[test]
    fn rejects_bad_labels_naming_the_operation() {
        let missing = message("{Nope}.");
        assert!(missing.contains("operation `Op`") && missing.contains("`{Nope}` names no input member"), "{missing}");
        let number = message("{Count}.");
        assert!(number.contains("operation `Op`") && number.contains("`Count` is not a string"), "{number}");
        let unmarked = message("{Plain}.");
        assert!(unmarked.contains("not marked `hostLabel`"), "{unmarked}");
        let syntax = message("foo/{Label}.");
        assert!(syntax.contains("operation `Op`") && syntax.contains("`/`"), "{syntax}");
    }
}
