//! Idempotency tokens. botocore (and aws-sdk-rust) fill only the operation
//! input's own members marked `idempotencyToken`, never nested ones, so only
//! those keep the flag. Each must be a string; its docs gain a note that the
//! client fills it.

use crate::error::{Error, Result};
use crate::ir::{self, ShapeKind, StructRole, TypeRef};
use crate::naming::FILL_IDEMPOTENCY_TOKENS;
use std::collections::BTreeMap;

pub(crate) fn resolve(shapes: &mut BTreeMap<String, ir::Shape>) -> Result<()> {
    for shape in shapes.values_mut() {
        let (members, operation) = match &mut shape.kind {
            ShapeKind::Struct(s) => match &s.role {
                StructRole::Input { operation } => (&mut s.members, Some(operation.clone())),
                _ => (&mut s.members, None),
            },
            ShapeKind::Union(u) => (&mut u.members, None),
            ShapeKind::Enum(_) => continue,
        };
        for m in members.iter_mut().filter(|m| m.idempotency_token) {
            let Some(operation) = &operation else {
                m.idempotency_token = false;
                continue;
            };
            if m.ty != TypeRef::String {
                let ctx = format!("shape `{}` member `{}`", shape.wire_name, m.wire_name);
                return Err(Error::new(ctx, "an idempotency token must be a string"));
            }
            let method = format!("{}::{FILL_IDEMPOTENCY_TOKENS}", shape.rust_name);
            // The input lives in its operation's module.
            let module = crate::naming::operation_module_name(&crate::naming::operation_fn_name(operation));
            if !m.docs.is_empty() {
                m.docs.push(String::new());
            }
            m.docs.push(format!(
                "When unset, the client fills it with a random UUID v4 before sending; \
                 sans-IO callers can use [`{method}`](crate::operation::{module}::{method})."
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::ir::{Service, ShapeKind};
    use crate::lower::{Selection, lower};
    use crate::model::{PaginatorsModel, ServiceModel};
    use serde_json::json;

    fn service(token_shape: &str) -> crate::error::Result<Service> {
        let model = json!({
            "metadata": { "protocol": "json", "jsonVersion": "1.0", "targetPrefix": "T" },
            "operations": { "Op": { "name": "Op", "input": { "shape": "OpRequest" }, "output": { "shape": "Inner" } } },
            "shapes": {
                "OpRequest": { "type": "structure", "members": {
                    "Token": { "shape": token_shape, "idempotencyToken": true, "documentation": "<p>Docs.</p>" },
                    "Inner": { "shape": "Inner" }
                } },
                "Inner": { "type": "structure", "members": { "Token": { "shape": "S", "idempotencyToken": true } } },
                "S": { "type": "string" },
                "N": { "type": "integer" }
            }
        });
        let model: ServiceModel = serde_json::from_value(model).unwrap();
        lower(&model, &PaginatorsModel::default(), &Selection::All)
    }

    fn token(service: &Service, shape: &str) -> crate::ir::Member {
        let ShapeKind::Struct(s) = &service.shape(shape).kind else { panic!("{shape} is a structure") };
        s.members.iter().find(|m| m.wire_name == "Token").unwrap().clone()
    }

    #[test]
    fn only_top_level_input_members_are_filled_and_say_so() {
        let service = service("S").unwrap();
        let top = token(&service, "OpInput");
        assert!(top.idempotency_token);
        assert_eq!(top.docs[0], "Docs.");
        assert!(
            top.docs[2].contains(
                "[`OpInput::fill_idempotency_tokens`](crate::operation::op::OpInput::fill_idempotency_tokens)"
            )
        );
        for nested in ["Inner", "OpOutput"] {
            let m = token(&service, nested);
            assert!(!m.idempotency_token, "{nested}");
            assert!(m.docs.is_empty(), "{nested}");
        }
    }

    #[test]
    fn a_token_that_is_not_a_string_is_an_error() {
        let err = service("N").unwrap_err();
        assert_eq!(err.to_string(), "shape `OpRequest` member `Token`: an idempotency token must be a string");
    }
}
