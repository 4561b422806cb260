//! A serde mirror of the botocore JSON model format (`service-2.json` and
//! `paginators-1.json`; the endpoint rules and partitions are in
//! [`endpoints`]). No logic lives here: validation and every decision about
//! names, types and order happen when the model is lowered to the IR.
//!
//! Fields the generator does not use yet are left out; serde ignores them.
//! Shape types and protocols stay plain strings so that lowering can reject an
//! unknown one with the shape's name in the message rather than a serde error.

pub mod endpoints;

use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A whole `service-2.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceModel {
    pub metadata: Metadata,
    #[serde(default)]
    pub operations: BTreeMap<String, Operation>,
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
    #[serde(default)]
    pub documentation: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub protocol: String,
    /// The protocols the service speaks, in its order of preference (newer
    /// models); `protocol` is the one older clients read.
    #[serde(default)]
    pub protocols: Option<Vec<String>>,
    #[serde(default)]
    pub json_version: Option<String>,
    #[serde(default)]
    pub target_prefix: Option<String>,
    #[serde(default)]
    pub service_id: Option<String>,
    #[serde(default)]
    pub service_full_name: Option<String>,
    #[serde(default)]
    pub signing_name: Option<String>,
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    /// The service's auth schemes in order of preference (Smithy shape IDs
    /// such as `aws.auth#sigv4`); operations may list their own.
    #[serde(default)]
    pub auth: Option<Vec<String>>,
    /// botocore's older spelling of the service's auth: `v4`, `v4a`, ...
    #[serde(default)]
    pub signature_version: Option<String>,
    /// Present (an empty object) on JSON services that were awsQuery
    /// services before: errors also carry their query code in a header.
    #[serde(default)]
    pub aws_query_compatible: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub name: String,
    #[serde(default)]
    pub http: Option<Http>,
    #[serde(default)]
    pub input: Option<ShapeRef>,
    #[serde(default)]
    pub output: Option<ShapeRef>,
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    /// The `endpoint` trait: a host prefix, possibly with `{Member}` labels.
    #[serde(default)]
    pub endpoint: Option<Endpoint>,
    /// botocore spells this trait in lower case.
    #[serde(default, rename = "requestcompression")]
    pub request_compression: Option<RequestCompression>,
    /// The service requires a `Content-MD5` header on the request.
    #[serde(default)]
    pub http_checksum_required: bool,
    /// Endpoint rule-set parameters this operation always sets.
    #[serde(default)]
    pub static_context_params: IndexMap<String, StaticContextParam>,
    /// Endpoint rule-set parameters read from the input by a path.
    #[serde(default)]
    pub operation_context_params: IndexMap<String, OperationContextParam>,
    /// The operation's auth schemes in order of preference, overriding the
    /// service's (`smithy.api#noAuth`: sent unsigned).
    #[serde(default)]
    pub auth: Option<Vec<String>>,
    /// botocore's older spelling of `auth`: `none`, `v4`, `v4a`, ...
    #[serde(default)]
    pub authtype: Option<String>,
    /// The operation is sent to an endpoint found by another call.
    #[serde(default)]
    pub endpointdiscovery: Option<EndpointDiscovery>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EndpointDiscovery {
    /// Whether the operation must be sent to a discovered endpoint; when
    /// not, the service's regular endpoint serves it too.
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StaticContextParam {
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OperationContextParam {
    /// A JMESPath expression over the input.
    pub path: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ContextParam {
    /// The rule-set parameter the member sets.
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub host_prefix: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RequestCompression {
    /// Content encodings the service accepts, in order of preference.
    #[serde(default)]
    pub encodings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http {
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub request_uri: Option<String>,
}

/// A reference from an operation to a shape (`{"shape": "Name"}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    pub shape: String,
    /// awsQuery: the element wrapping an output in the response
    /// (`{Operation}Result`).
    #[serde(default)]
    pub result_wrapper: Option<String>,
}

/// A structure member, or the `member`/`key`/`value` of a list or map.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub shape: String,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub idempotency_token: bool,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub location_name: Option<String>,
    /// awsQuery/XML: a list's items (a map's entries) sit directly in the
    /// enclosing element, without a wrapper.
    #[serde(default)]
    pub flattened: bool,
    /// Fills a `{label}` of the operation's host prefix.
    #[serde(default)]
    pub host_label: bool,
    /// Where an HTTP-binding protocol carries the member: `uri`,
    /// `querystring`, `header`, `headers` (a prefix map) or `statusCode`;
    /// absent: the body.
    #[serde(default)]
    pub location: Option<String>,
    /// A string header that holds JSON, sent base64-encoded.
    #[serde(default)]
    pub jsonvalue: bool,
    /// Sets an endpoint rule-set parameter (on an operation's input).
    #[serde(default)]
    pub context_param: Option<ContextParam>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub members: IndexMap<String, Member>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default)]
    pub member: Option<Member>,
    #[serde(default)]
    pub key: Option<Member>,
    #[serde(default)]
    pub value: Option<Member>,
    #[serde(default, rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub exception: bool,
    #[serde(default)]
    pub fault: bool,
    #[serde(default)]
    pub error: Option<ErrorTrait>,
    #[serde(default)]
    pub retryable: Option<Retryable>,
    #[serde(default)]
    pub union: bool,
    #[serde(default)]
    pub document: bool,
    #[serde(default)]
    pub sparse: bool,
    /// awsQuery/XML: see [`Member::flattened`].
    #[serde(default)]
    pub flattened: bool,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub deprecated: bool,
    /// A union whose values arrive (or are sent) as an event stream.
    #[serde(default)]
    pub eventstream: bool,
    /// The member that is the whole body (HTTP-binding protocols).
    #[serde(default)]
    pub payload: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorTrait {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub http_status_code: Option<u16>,
    #[serde(default)]
    pub sender_fault: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Retryable {
    #[serde(default)]
    pub throttling: bool,
}

/// A whole `paginators-1.json`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PaginatorsModel {
    #[serde(default)]
    pub pagination: BTreeMap<String, PaginatorModel>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaginatorModel {
    pub input_token: OneOrMany,
    pub output_token: OneOrMany,
    #[serde(default)]
    pub limit_key: Option<String>,
    #[serde(default)]
    pub result_key: Option<OneOrMany>,
    #[serde(default)]
    pub more_results: Option<String>,
    #[serde(default)]
    pub non_aggregate_keys: Vec<String>,
}

/// botocore writes a single key as a string and several as a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn as_slice(&self) -> &[String] {
        match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
}
