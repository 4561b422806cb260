//! The intermediate representation: the model lowered once, with every shape
//! resolved, every Rust name settled (by [`crate::naming`]), every order fixed,
//! recursion boxed and optionality decided. Emitters read it and nothing else.
//!
//! Only shapes that become Rust items (structures, unions, enums) appear in
//! [`Service::shapes`]; lists, maps and scalars are folded into [`TypeRef`]s at
//! the places that use them.

pub mod endpoints;

use std::collections::{BTreeMap, BTreeSet};

/// The service, restricted to the selected operations and what they reach.
#[derive(Debug, Clone)]
pub struct Service {
    pub protocol: Protocol,
    /// awsJson: prefix of the `X-Amz-Target` header, such as `PinpointSMSVoiceV2`.
    pub target_prefix: Option<String>,
    pub service_id: String,
    pub full_name: String,
    pub signing_name: String,
    pub endpoint_prefix: String,
    pub api_version: String,
    pub docs: Vec<String>,
    /// Sorted by wire name.
    pub operations: Vec<Operation>,
    /// Keyed (and so ordered) by Rust name, which lowering checks is unique.
    pub shapes: BTreeMap<String, Shape>,
    /// Hidden cargo features standing for sets of two or more operation
    /// features (sorted), so an item used by many operations is gated by one
    /// feature rather than a list of them; as many as crates.io's feature
    /// cap leaves room for. Every operation's feature enables the hidden
    /// ones whose set contains it.
    pub shared_features: BTreeMap<Vec<String>, String>,
    /// The endpoint resolver: the model's rule set, or the classic default.
    pub endpoints: endpoints::EndpointRules,
    /// Operations of the model left out of the crate because the generator
    /// cannot send or parse them correctly, each with the reason; sorted.
    pub skipped: Vec<Skipped>,
    /// `metadata.awsQueryCompatible`: error responses may carry their
    /// awsQuery code in the `x-amzn-query-error` header, and that code is
    /// the one users see.
    pub query_compatible: bool,
}

/// An operation left out, and why (`event stream output: not supported`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub wire_name: String,
    pub reason: String,
}

/// How an operation's requests are authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Signed with SigV4 (when the config has credentials).
    SigV4,
    /// Sent unsigned (`authtype: none`, `smithy.api#noAuth`): such calls
    /// need no credentials.
    None,
}

/// The wire protocol; what each one does is in [`crate::protocol`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    AwsJson1_0,
    AwsJson1_1,
    RestJson1,
    /// A form-encoded request, an XML response (`metadata.protocol` `query`).
    AwsQuery,
}

/// An operation's HTTP method and URI template (HTTP-binding protocols).
#[derive(Debug, Clone, PartialEq)]
pub struct Http {
    pub method: String,
    /// The path, split at its labels.
    pub path: Vec<PathPart>,
    /// The request URI's own query part (after `?`), sent as it is.
    pub query: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    Literal(String),
    /// Filled from the input member with this Rust field name; a greedy
    /// label (`{Key+}`) keeps its `/`.
    Label {
        field: String,
        greedy: bool,
    },
}

/// Where a member of an operation's input, output or error travels in an
/// HTTP-binding protocol; every other member is [`HttpBinding::Body`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    /// A member of the JSON body (or the protocol has no HTTP bindings).
    Body,
    /// The whole body: a structure, union or document as JSON, a blob or
    /// string as its bytes.
    Payload,
    /// A `{label}` of the URI path, by its name there.
    Label(String),
    /// A query parameter; a map here is a set of parameters
    /// ([`HttpBinding::QueryParams`]).
    Query(String),
    /// A map whose entries are query parameters.
    QueryParams,
    /// A header; `json_value`: a string of JSON, sent base64-encoded.
    Header { name: String, json_value: bool },
    /// A map of the headers whose names start with the prefix.
    PrefixHeaders(String),
    /// The response's status code.
    StatusCode,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub wire_name: String,
    /// The operation's unit struct in the `operation` module.
    pub rust_name: String,
    /// The client's fluent builder type.
    pub fluent_builder: String,
    /// The serializer function in the private `ser` module.
    pub request_fn: String,
    /// snake_case: client method and function names.
    pub fn_name: String,
    /// The operation's module under `operation` (and its file's name).
    pub module: String,
    /// The kebab-case cargo feature that enables it: its own, or its
    /// resource group's in a service with too many operations.
    pub feature: String,
    pub docs: Vec<String>,
    /// Rust name of the operation's input structure (synthesized per operation).
    pub input: String,
    /// Rust name of the operation's output structure (synthesized per operation).
    pub output: String,
    /// Rust name of the operation's error enum.
    pub error: String,
    /// Rust names of the modeled exception structures, in model order.
    pub errors: Vec<String>,
    pub paginator: Option<Paginator>,
    /// The `endpoint` trait: prepended to the endpoint's host.
    pub host_prefix: Option<HostPrefix>,
    /// Encodings the service accepts for the request body, in order of
    /// preference, limited to those the runtime implements; empty: never compressed.
    pub request_compression: Vec<Encoding>,
    /// `httpChecksumRequired`: the request carries the body's `Content-MD5`.
    pub checksum_required: bool,
    /// Endpoint rule-set parameters the operation sets, in model order:
    /// static ones, then input members, then paths.
    pub endpoint_params: Vec<endpoints::OperationParam>,
    pub auth: Auth,
    /// HTTP-binding protocols: the method and URI.
    pub http: Option<Http>,
    /// awsQuery: the response element holding the output (the model's
    /// `resultWrapper`, else `{Operation}Result`); empty for the JSON protocols.
    pub result_wrapper: String,
}

/// A host prefix template such as `{AccountId}.data.`, split at its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct HostPrefix {
    /// The template as the model writes it.
    pub template: String,
    pub parts: Vec<HostPrefixPart>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HostPrefixPart {
    /// Text copied as it is; checked to be letters, digits, `-` and `.`.
    Literal(String),
    /// Filled from an input member at request time.
    Label(HostLabel),
}

impl HostPrefix {
    /// The labels filled from the input, in template order.
    pub fn labels(&self) -> impl Iterator<Item = &HostLabel> {
        self.parts.iter().filter_map(|p| match p {
            HostPrefixPart::Label(l) => Some(l),
            HostPrefixPart::Literal(_) => None,
        })
    }
}

/// An input member that fills a label of the host prefix.
#[derive(Debug, Clone, PartialEq)]
pub struct HostLabel {
    pub wire_name: String,
    /// The input structure's field.
    pub field: String,
    /// [`TypeRef::String`] or a string enum.
    pub ty: TypeRef,
}

/// A request content encoding the runtime can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gzip,
}

impl Encoding {
    /// The name in `Content-Encoding` and in the model.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
        }
    }
}

/// Pagination settings of one operation, resolved to members.
#[derive(Debug, Clone)]
pub struct Paginator {
    /// The tokens, each input member paired with the output path its next
    /// value comes from (by position, as botocore pairs them).
    pub tokens: Vec<TokenPair>,
    /// Output path to the flag saying more pages follow (`more_results`); it
    /// ends at a boolean.
    pub more_results: Option<MemberPath>,
    /// Input member limiting the page size, if any.
    pub page_size: Option<PageSize>,
    /// The result keys, in the model's order; the first one is what
    /// `max_items` counts.
    pub result_keys: Vec<ResultKey>,
    /// The item enum (in `paginator`) when there are several result keys.
    pub item_enum: Option<String>,
    /// `non_aggregate_keys`: output members the same on every page, kept
    /// from the first page in a struct (in `paginator`) named here.
    pub non_aggregate: Option<NonAggregate>,
}

#[derive(Debug, Clone)]
pub struct NonAggregate {
    pub rust_name: String,
    /// Each key: its wire path, its field in the struct and its path in the output.
    pub keys: Vec<(String, String, MemberPath)>,
}

/// One token: where the request carries it and where the response gives
/// the next one.
#[derive(Debug, Clone)]
pub struct TokenPair {
    /// Input member (rust field name); always optional.
    pub input_field: String,
    /// Its wire name, the key in resume tokens.
    pub input_wire: String,
    /// The type of both ends (lowering checks they agree).
    pub ty: TypeRef,
    pub output: MemberPath,
}

/// Members reached from an operation's output, as botocore's JMESPath
/// subset spells them: `A.B`, with `[-1]` (the last element) after a list.
#[derive(Debug, Clone)]
pub struct MemberPath {
    pub steps: Vec<PathStep>,
    /// The type of the value the path ends at.
    pub ty: TypeRef,
}

#[derive(Debug, Clone)]
pub struct PathStep {
    pub field: String,
    /// The field is `Option<_>`.
    pub optional: bool,
    /// The field is boxed.
    pub boxed: bool,
    /// `[-1]` follows: the path goes on from the list's last element; `Some`
    /// holds whether the list is sparse.
    pub last_of: Option<bool>,
}

/// One result key: where it is and what an item of it is.
#[derive(Debug, Clone)]
pub struct ResultKey {
    pub wire: String,
    /// Its variant in the item enum.
    pub variant: String,
    pub path: MemberPath,
    pub kind: ResultKind,
}

/// How a result key gives items.
#[derive(Debug, Clone)]
pub enum ResultKind {
    /// Each element is an item.
    List { item: TypeRef, sparse: bool },
    /// Each entry is an item, a `(key, value)` pair.
    Map { key: TypeRef, value: TypeRef, sparse: bool },
    /// The value itself is one item per page (a count, a structure).
    Value,
}

#[derive(Debug, Clone)]
pub struct PageSize {
    pub field: String,
    /// The member's type: an integer, a long, or a string (holding the
    /// number's decimal text).
    pub ty: TypeRef,
}

/// A shape that becomes a Rust item.
#[derive(Debug, Clone)]
pub struct Shape {
    pub wire_name: String,
    pub rust_name: String,
    pub docs: Vec<String>,
    pub kind: ShapeKind,
    /// Which directions the shape travels in, so only the needed
    /// serializers and deserializers are emitted.
    pub usage: Usage,
}

/// The operations (by cargo feature) that reach a shape, by direction. The
/// shape's items are compiled only when one of them is enabled, and its
/// serializer and deserializer only when one that needs them is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Operations whose requests carry the shape: it needs a serializer.
    pub input: BTreeSet<String>,
    /// Operations whose responses or errors carry it: it needs a deserializer.
    pub output: BTreeSet<String>,
}

impl Usage {
    /// Every operation that reaches the shape, in either direction.
    pub fn operations(&self) -> BTreeSet<&String> {
        self.input.iter().chain(&self.output).collect()
    }
}

#[derive(Debug, Clone)]
pub enum ShapeKind {
    Struct(Struct),
    Union(Union),
    Enum(Enum),
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub members: Vec<Member>,
    pub role: StructRole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructRole {
    /// An operation input: every member is `Option`, required ones are
    /// checked by the builder and the serializer.
    Input { operation: String },
    /// An operation output.
    Output { operation: String },
    /// A modeled exception.
    Error(ErrorInfo),
    /// Any other structure.
    Plain,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The code the service sends (`__type` after `#`), usually the shape name.
    pub code: String,
    /// In an awsQuery-compatible service, the model's `error.code` (the
    /// awsQuery code) when it differs from `code`; matched too.
    pub query_code: Option<String>,
    /// `fault: true`: the server's fault rather than the caller's.
    pub fault: bool,
    pub retryable: bool,
    pub throttling: bool,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub wire_name: String,
    /// Other keys accepted when parsing (for example `message` for `Message`).
    pub wire_aliases: Vec<String>,
    /// Field name; may be a keyword, so build identifiers with [`crate::naming::ident`].
    pub rust_name: String,
    pub docs: Vec<String>,
    pub ty: TypeRef,
    /// The model marks it required.
    pub required: bool,
    /// The Rust field is `Option<_>`.
    pub optional: bool,
    /// The Rust field is boxed because the type contains itself.
    pub boxed: bool,
    /// An operation input's string member that the client fills with a fresh
    /// UUID v4 when the caller leaves it unset; lowering clears the flag on
    /// every other member, which botocore does not fill either.
    pub idempotency_token: bool,
    /// The key in JSON bodies when it is not `wire_name` (restJson1's
    /// `jsonName`, which botocore spells `locationName`).
    pub json_name: Option<String>,
    /// Where the member travels (HTTP-binding protocols).
    pub http: HttpBinding,
    /// awsQuery: the member's form key and XML element names; default
    /// (empty) for the JSON protocols, which do not read it.
    pub xml: XmlMember,
}

impl Member {
    /// The member's key in a JSON body.
    pub fn json_key(&self) -> &str {
        self.json_name.as_deref().unwrap_or(&self.wire_name)
    }
}

/// Where a member sits in an awsQuery form and its XML response.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XmlMember {
    /// The form key and element name: the member's `locationName`, else its
    /// name.
    pub name: String,
    /// One per list or map in the member's type, outermost first.
    pub levels: Vec<XmlLevel>,
}

/// How one list or map is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XmlLevel {
    /// Items (entries) sit directly under the member, numbered from 1 in
    /// forms, without `member`/`entry`.
    pub flattened: bool,
    /// A list's item name (`member` unless the model names it).
    pub item: String,
    /// A map's key and value names (`key`, `value` unless named).
    pub key: String,
    pub value: String,
}

/// How a value is represented in Rust and on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    Bool,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    String,
    Timestamp(TimestampFormat),
    Blob,
    Document,
    /// A structure, union or enum, by Rust name.
    Named(String),
    List {
        member: Box<TypeRef>,
        sparse: bool,
    },
    Map {
        key: Box<TypeRef>,
        value: Box<TypeRef>,
        sparse: bool,
    },
}

impl TypeRef {
    /// How many lists and maps nest in this type: 0 for a scalar or a named
    /// type, 2 for a list of maps of strings.
    pub fn nesting(&self) -> usize {
        let (mut ty, mut depth) = (self, 0);
        loop {
            ty = match ty {
                TypeRef::List { member, .. } => member,
                // Keys are strings (lowering checks), so only the value nests.
                TypeRef::Map { value, .. } => value,
                _ => return depth,
            };
            depth += 1;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub wire_name: String,
    pub rust_name: String,
}

#[derive(Debug, Clone)]
pub struct Union {
    /// Members as variants: `rust_name` is the variant name here.
    pub members: Vec<Member>,
}

impl Struct {
    /// Whether the builder's `build()` returns a `Result`. Inputs always do, as
    /// in aws-sdk-rust, so adding a required member later does not change the
    /// signature; other structures only when a non-optional member is required.
    pub fn build_is_fallible(&self) -> bool {
        matches!(self.role, StructRole::Input { .. }) || self.members.iter().any(|m| m.required && !m.optional)
    }
}

impl Service {
    /// The cargo features of which any is on exactly when one of these
    /// operations is enabled: one, the operation's own or a shared one, or
    /// for a set the cap left unnamed, its operations' features. Empty for
    /// no operation at all (a model without operations).
    pub fn gate<'a>(&self, operations: impl IntoIterator<Item = &'a String>) -> Vec<String> {
        let mut set: Vec<String> = operations.into_iter().cloned().collect();
        set.sort();
        set.dedup();
        match self.shared_features.get(&set) {
            Some(name) if set.len() >= 2 => vec![name.clone()],
            _ => set,
        }
    }

    /// Whether operations share features, grouped by resource because the
    /// service has too many for one feature each.
    pub fn operations_grouped(&self) -> bool {
        self.operations.iter().any(|op| op.feature != crate::naming::feature_name(&op.wire_name))
    }

    /// Whether any operation may compress its request body, which needs the
    /// compression dependency.
    pub fn uses_request_compression(&self) -> bool {
        self.operations.iter().any(|op| !op.request_compression.is_empty())
    }

    /// The most lists and maps nested in one member's type.
    pub fn deepest_nesting(&self) -> usize {
        self.shapes
            .values()
            .flat_map(|shape| match &shape.kind {
                ShapeKind::Struct(s) => s.members.as_slice(),
                ShapeKind::Union(u) => u.members.as_slice(),
                ShapeKind::Enum(_) => &[],
            })
            .map(|m| m.ty.nesting())
            .max()
            .unwrap_or(0)
    }

    /// The `#![recursion_limit]` the generated crate needs, when rustc's
    /// default (128) may not be enough. rustc proves `Send` and `Sync` through
    /// every level of a nested type, a few steps per `Vec` and more per
    /// `HashMap` (lists nested 50 deep overflow the default); measured, 8 per
    /// level covers both, sparse or not, up to the lowering limit of 64.
    pub fn recursion_limit(&self) -> Option<usize> {
        let deepest = self.deepest_nesting();
        (deepest > 16).then(|| 128 + 8 * deepest)
    }

    pub fn shape(&self, rust_name: &str) -> &Shape {
        &self.shapes[rust_name]
    }

    pub fn structure(&self, rust_name: &str) -> &Struct {
        match &self.shape(rust_name).kind {
            ShapeKind::Struct(s) => s,
            other => panic!("{rust_name} is not a structure: {other:?}"),
        }
    }
}
