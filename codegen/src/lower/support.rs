//! Which operations the generator can serve, and how each is authenticated.
//!
//! Some operations would compile yet send or parse the wrong thing; they are
//! left out of the crate with a reason (or refused when a selection names
//! them), never generated:
//! - an event stream in the input or output (its framing is not implemented);
//! - endpoint discovery marked `required` (the call must go to an endpoint
//!   another call returns); optional discovery is ignored, since the
//!   service's regular endpoint serves those operations too;
//! - no auth scheme the runtime implements (SigV4a alone).
//!
//! Auth follows botocore: the operation's `auth` list (else the service's),
//! the first scheme implemented wins, so `[sigv4a, sigv4]` signs with SigV4;
//! without a list, `authtype`, then the service's `signatureVersion`.

use crate::ir::Auth;
use crate::model::{Operation, ServiceModel, ShapeRef};

const SIGV4: &str = "aws.auth#sigv4";
const NO_AUTH: &str = "smithy.api#noAuth";

/// The operation's auth, or why it is left out.
pub(crate) fn check(model: &ServiceModel, op: &Operation) -> Result<Auth, String> {
    for (reference, direction) in [(&op.input, "input"), (&op.output, "output")] {
        if has_event_stream(model, reference.as_ref()) {
            return Err(format!("event stream {direction}: not supported"));
        }
    }
    if op.endpointdiscovery.as_ref().is_some_and(|d| d.required) {
        return Err("requires endpoint discovery: not supported".to_owned());
    }
    auth(model, op)
}

fn has_event_stream(model: &ServiceModel, reference: Option<&ShapeRef>) -> bool {
    // Missing shapes are reported by the closure walk, with their path.
    let Some(shape) = reference.and_then(|r| model.shapes.get(&r.shape)) else { return false };
    shape.members.values().any(|m| model.shapes.get(&m.shape).is_some_and(|s| s.eventstream))
}

fn auth(model: &ServiceModel, op: &Operation) -> Result<Auth, String> {
    let meta = &model.metadata;
    if let Some(schemes) = op.auth.as_ref().or(meta.auth.as_ref()).filter(|s| !s.is_empty()) {
        return schemes
            .iter()
            .find_map(|s| match s.as_str() {
                SIGV4 => Some(Auth::SigV4),
                NO_AUTH => Some(Auth::None),
                _ => None,
            })
            .ok_or_else(|| format!("auth {}: not supported (only {SIGV4} and {NO_AUTH} are)", schemes.join(", ")));
    }
    match op.authtype.as_deref().or(meta.signature_version.as_deref()) {
        None | Some("v4") => Ok(Auth::SigV4),
        Some("none") => Ok(Auth::None),
        Some(other) => Err(format!("signature version `{other}`: not supported (only v4 is)")),
    }
}

#[cfg(test)]
mod tests {
    use crate::Selection;
    use crate::ir::{Auth, Service, Skipped};
    use crate::model::{PaginatorsModel, ServiceModel};
    use serde_json::{Value, json};

    /// A service whose operations take `Empty` and return `Empty` unless
    /// `extra` says otherwise (extra fields are merged into each operation).
    fn lower(metadata: Value, ops: &[(&str, Value)], selection: &Selection) -> crate::Result<Service> {
        let mut operations = serde_json::Map::new();
        for (name, extra) in ops {
            let mut op = json!({"name": name, "input": {"shape": "Empty"}, "output": {"shape": "Empty"}});
            op.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            operations.insert((*name).to_owned(), op);
        }
        let mut meta = json!({"protocol": "json", "targetPrefix": "T"});
        meta.as_object_mut().unwrap().extend(metadata.as_object().unwrap().clone());
        let model: ServiceModel = serde_json::from_value(json!({
            "metadata": meta,
            "operations": operations,
            "shapes": {
                "Empty": {"type": "structure", "members": {}},
                "Stream": {"type": "structure", "members": {"Events": {"shape": "Events"}}},
                "Events": {"type": "structure", "union": true, "eventstream": true,
                           "members": {"Tick": {"shape": "Empty"}}},
            },
        }))
        .unwrap();
        crate::lower::lower(&model, &PaginatorsModel::default(), selection)
    }

    fn auths(service: &Service) -> Vec<(&str, Auth)> {
        service.operations.iter().map(|op| (op.wire_name.as_str(), op.auth)).collect()
    }

    fn skipped(service: &Service) -> Vec<(&str, &str)> {
        service.skipped.iter().map(|Skipped { wire_name, reason }| (wire_name.as_str(), reason.as_str())).collect()
    }

    #[test]
    fn all_leaves_out_event_streams_required_discovery_and_sigv4a_alone() {
        let ops = [
            ("Get", json!({})),
            ("Tail", json!({"output": {"shape": "Stream"}})),
            ("Push", json!({"input": {"shape": "Stream"}})),
            ("Find", json!({"endpointdiscovery": {"required": true}})),
            ("Maybe", json!({"endpointdiscovery": {}})),
            ("Global", json!({"auth": ["aws.auth#sigv4a"]})),
            ("Old", json!({"authtype": "v4a"})),
        ];
        let service = lower(json!({}), &ops, &Selection::All).unwrap();
        assert_eq!(auths(&service), [("Get", Auth::SigV4), ("Maybe", Auth::SigV4)]);
        assert_eq!(
            skipped(&service),
            [
                ("Find", "requires endpoint discovery: not supported"),
                ("Global", "auth aws.auth#sigv4a: not supported (only aws.auth#sigv4 and smithy.api#noAuth are)"),
                ("Old", "signature version `v4a`: not supported (only v4 is)"),
                ("Push", "event stream input: not supported"),
                ("Tail", "event stream output: not supported"),
            ]
        );
        // Shapes only the left-out operations reach are not generated.
        assert!(!service.shapes.contains_key("Stream"), "{:?}", service.shapes.keys());
    }

    #[test]
    fn auth_takes_the_first_scheme_implemented_and_no_auth_is_unsigned() {
        let ops = [
            ("Alt", json!({})),
            ("Open", json!({"auth": ["smithy.api#noAuth"], "authtype": "none"})),
            ("OpenOld", json!({"authtype": "none"})),
        ];
        let meta = json!({"auth": ["aws.auth#sigv4a", "aws.auth#sigv4"], "signatureVersion": "v4"});
        let service = lower(meta, &ops, &Selection::All).unwrap();
        assert_eq!(auths(&service), [("Alt", Auth::SigV4), ("Open", Auth::None), ("OpenOld", Auth::SigV4)]);
        assert!(service.skipped.is_empty());
        // Without an auth list, `authtype` decides.
        let service = lower(json!({"signatureVersion": "v4"}), &ops[2..], &Selection::All).unwrap();
        assert_eq!(auths(&service), [("OpenOld", Auth::None)]);
        // A service that signs only with SigV4a loses every operation.
        let service = lower(json!({"signatureVersion": "v4a"}), &ops[..1], &Selection::All).unwrap();
        assert_eq!(skipped(&service), [("Alt", "signature version `v4a`: not supported (only v4 is)")]);
    }

    #[test]
    fn naming_an_operation_that_cannot_be_served_is_an_error() {
        let ops = [("Get", json!({})), ("Tail", json!({"output": {"shape": "Stream"}}))];
        let only = |names: &[&str]| Selection::Only(names.iter().map(|n| (*n).to_owned()).collect());
        let err = lower(json!({}), &ops, &only(&["Get", "Tail"])).unwrap_err();
        assert_eq!(err.to_string(), "operation `Tail`: cannot be generated: event stream output: not supported");
        let service = lower(json!({}), &ops, &only(&["Get"])).unwrap();
        assert_eq!(auths(&service), [("Get", Auth::SigV4)]);
        assert!(service.skipped.is_empty(), "only `*` reports operations left out");
    }
}
