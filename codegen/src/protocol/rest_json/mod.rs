//! restJson1: each operation has its own method and URI template; input
//! members travel in the path (`{Label}`, `{Key+}`), the query, headers or
//! the JSON body (or are the whole body, `payload`), and output members come
//! from headers, the status code or the body. Errors are read as in awsJson.
//!
//! Not streamed: a blob payload (say, an upload or a download) is held in
//! memory as bytes, as every body is.

pub(crate) mod request;
pub(crate) mod response;

use crate::error::{Error, Result};
use crate::ir::{Http, HttpBinding, Member, Operation, PathPart, Shape, ShapeKind, TimestampFormat, TypeRef};
use crate::model::ServiceModel;
use std::collections::BTreeMap;

/// Headers take HTTP dates, URIs and queries RFC 3339 date-times, bodies
/// epoch seconds.
pub(super) fn default_timestamp(http: &HttpBinding) -> TimestampFormat {
    match http {
        HttpBinding::Header { .. } => TimestampFormat::HttpDate,
        HttpBinding::Label(_) | HttpBinding::Query(_) | HttpBinding::QueryParams => TimestampFormat::DateTime,
        _ => TimestampFormat::EpochSeconds,
    }
}

const METHODS: &[&str] = &["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];

/// The operation's method and URI template; every label must name an input
/// member bound to it and every such member must have its label.
pub(super) fn lower_operation(
    model: &ServiceModel,
    op: &mut Operation,
    shapes: &BTreeMap<String, Shape>,
) -> Result<()> {
    let ctx = || format!("operation `{}`", op.wire_name);
    let http = model.operations[&op.wire_name].http.as_ref();
    let method = http.and_then(|h| h.method.clone()).unwrap_or_else(|| "POST".to_owned());
    if !METHODS.contains(&method.as_str()) {
        return Err(Error::new(ctx(), format!("HTTP method `{method}` is not supported")));
    }
    let uri = http
        .and_then(|h| h.request_uri.clone())
        .ok_or_else(|| Error::new(ctx(), "restJson1 needs `http.requestUri`"))?;
    let (path, query) = match uri.split_once('?') {
        Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
        None => (uri.clone(), None),
    };
    if !path.starts_with('/') || !uri.chars().all(|c| c.is_ascii_graphic()) {
        return Err(Error::new(ctx(), format!("requestUri `{}` is not an absolute path", uri.escape_debug())));
    }
    let ShapeKind::Struct(input) = &shapes[&op.input].kind else { unreachable!("inputs are structures") };
    let mut parts = Vec::new();
    let mut rest = path.as_str();
    let mut used = Vec::new();
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|e| start + e)
            .ok_or_else(|| Error::new(ctx(), format!("requestUri `{uri}` has an unclosed label")))?;
        if start > 0 {
            parts.push(PathPart::Literal(rest[..start].to_owned()));
        }
        let label = &rest[start + 1..end];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        let member = input
            .members
            .iter()
            .find(|m| m.http == HttpBinding::Label(name.to_owned()))
            .ok_or_else(|| Error::new(ctx(), format!("no input member fills label `{{{label}}}`")))?;
        check_scalar(member, false, shapes).map_err(|e| Error::new(ctx(), format!("label `{{{label}}}`: {e}")))?;
        used.push(name.to_owned());
        parts.push(PathPart::Label { field: member.rust_name.clone(), greedy });
        rest = &rest[end + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    for m in &input.members {
        let problem = match &m.http {
            HttpBinding::Label(name) if !used.contains(name) => Some("its label is not in the URI".to_owned()),
            HttpBinding::Query(_) | HttpBinding::Header { .. } => check_scalar(m, true, shapes).err(),
            HttpBinding::QueryParams => check_map(m, true).err(),
            HttpBinding::PrefixHeaders(_) => check_map(m, false).err(),
            HttpBinding::StatusCode => Some("a request has no status code".to_owned()),
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(Error::new(ctx(), format!("input member `{}`: {problem}", m.wire_name)));
        }
    }
    let ShapeKind::Struct(output) = &shapes[&op.output].kind else { unreachable!("outputs are structures") };
    for m in &output.members {
        let problem = match &m.http {
            HttpBinding::Header { .. } => check_scalar(m, true, shapes).err(),
            HttpBinding::PrefixHeaders(_) => check_map(m, false).err(),
            HttpBinding::StatusCode if m.ty != TypeRef::Integer => Some("a status code must be an integer".to_owned()),
            // Responses have no URI: such members stay unset, as in botocore.
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(Error::new(ctx(), format!("output member `{}`: {problem}", m.wire_name)));
        }
    }
    op.http = Some(Http { method, path: parts, query });
    Ok(())
}

/// A value that has a text form; `list`: a list of such values too.
fn check_scalar(m: &Member, list: bool, shapes: &BTreeMap<String, Shape>) -> std::result::Result<(), String> {
    match &m.ty {
        TypeRef::List { member, .. } if list && is_scalar(member, shapes) => Ok(()),
        ty if is_scalar(ty, shapes) => Ok(()),
        _ => Err("only strings, numbers, booleans, timestamps and blobs can travel there".to_owned()),
    }
}

/// Maps of strings (or, for the query, of lists of strings).
fn check_map(m: &Member, lists: bool) -> std::result::Result<(), String> {
    match &m.ty {
        TypeRef::Map { key, value, sparse: false } if **key == TypeRef::String => match value.as_ref() {
            TypeRef::String => Ok(()),
            TypeRef::List { member, sparse: false } if lists && **member == TypeRef::String => Ok(()),
            _ => Err("only maps of strings can travel there".to_owned()),
        },
        _ => Err("only dense maps with string keys can travel there".to_owned()),
    }
}

fn is_scalar(ty: &TypeRef, shapes: &BTreeMap<String, Shape>) -> bool {
    match ty {
        TypeRef::Named(name) => matches!(shapes[name].kind, ShapeKind::Enum(_)),
        _ => !matches!(ty, TypeRef::Document | TypeRef::List { .. } | TypeRef::Map { .. }),
    }
}

#[cfg(test)]
mod tests {
    use crate::Selection;
    use crate::ir::{HttpBinding, PathPart, Service, TimestampFormat, TypeRef};
    use crate::model::{PaginatorsModel, ServiceModel};
    use serde_json::{Value, json};

    fn lower(uri: &str, members: Value) -> crate::Result<Service> {
        let model: ServiceModel = serde_json::from_value(json!({
            "metadata": {"protocol": "rest-json", "protocols": ["rest-json"], "serviceId": "S"},
            "operations": {"Get": {"name": "Get", "http": {"method": "GET", "requestUri": uri},
                "input": {"shape": "In"}, "output": {"shape": "Out"}}},
            "shapes": {
                "In": {"type": "structure", "members": members},
                "Out": {"type": "structure", "members": {
                    "Code": {"shape": "Int", "location": "statusCode"},
                    "When": {"shape": "Time", "location": "header", "locationName": "X-When"}}},
                "Str": {"type": "string"}, "Int": {"type": "integer"}, "Time": {"type": "timestamp"},
            },
        }))
        .unwrap();
        crate::lower::lower(&model, &PaginatorsModel::default(), &Selection::All)
    }

    #[test]
    fn the_uri_template_splits_at_labels_bound_to_input_members() {
        let members = json!({
            "Key": {"shape": "Str", "location": "uri", "locationName": "Key"},
            "Id": {"shape": "Str", "location": "uri", "locationName": "id"},
            "Since": {"shape": "Time", "location": "querystring", "locationName": "since"},
            "Body": {"shape": "Time", "locationName": "body_time"},
        });
        let service = lower("/a/{id}/b/{Key+}?x=1", members).unwrap();
        let http = service.operations[0].http.clone().unwrap();
        assert_eq!(http.method, "GET");
        assert_eq!(http.query.as_deref(), Some("x=1"));
        let label = |field: &str, greedy| PathPart::Label { field: field.to_owned(), greedy };
        assert_eq!(
            http.path,
            [
                PathPart::Literal("/a/".to_owned()),
                label("id", false),
                PathPart::Literal("/b/".to_owned()),
                label("key", true)
            ]
        );
        // Timestamps default by where they travel; a body member's locationName is its JSON key.
        let input = service.structure("GetInput");
        let ty = |name: &str| input.members.iter().find(|m| m.wire_name == name).unwrap().clone();
        assert_eq!(ty("Since").ty, TypeRef::Timestamp(TimestampFormat::DateTime));
        assert_eq!(ty("Body").ty, TypeRef::Timestamp(TimestampFormat::EpochSeconds));
        assert_eq!(ty("Body").json_key(), "body_time");
        assert_eq!(ty("Since").http, HttpBinding::Query("since".to_owned()));
        let output = service.structure("GetOutput");
        assert_eq!(output.members[0].http, HttpBinding::StatusCode);
        assert_eq!(output.members[1].ty, TypeRef::Timestamp(TimestampFormat::HttpDate));
    }

    #[test]
    fn labels_and_members_must_match() {
        let err = lower("/a/{Missing}", json!({})).unwrap_err();
        assert_eq!(err.to_string(), "operation `Get`: no input member fills label `{Missing}`");
        let unplaced = json!({"Key": {"shape": "Str", "location": "uri", "locationName": "Key"}});
        let err = lower("/a", unplaced).unwrap_err();
        assert_eq!(err.to_string(), "operation `Get`: input member `Key`: its label is not in the URI");
        let err = lower("/a/{Key}", json!({"Key": {"shape": "In", "location": "uri"}})).unwrap_err();
        assert!(err.to_string().contains("label `{Key}`: only strings"), "{err}");
    }
}
