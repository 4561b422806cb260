//! A serde mirror of `endpoint-rule-set-1.json` and botocore's
//! `partitions.json`. As for the service model, no logic lives here: rule
//! types, parameter types and expressions stay loose (strings and JSON
//! values) so that lowering can reject what it does not know with the rule's
//! path in the message rather than a serde error.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// A whole `endpoint-rule-set-1.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct RuleSet {
    pub version: String,
    /// In file order, which is the order of the generated `Params` fields.
    #[serde(default)]
    pub parameters: IndexMap<String, Parameter>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    /// `string`, `boolean` or `stringArray`, in any case.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub built_in: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub default: Option<Value>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: Option<Deprecated>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Deprecated {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub since: Option<String>,
}

/// One rule; `kind` (`endpoint`, `error` or `tree`) says which of the other
/// fields it needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    #[serde(default)]
    pub endpoint: Option<EndpointValue>,
    /// The message of an error rule: a string template or a reference.
    #[serde(default)]
    pub error: Option<Value>,
    #[serde(default)]
    pub rules: Option<Vec<Rule>>,
    #[serde(default)]
    pub documentation: Option<String>,
}

/// A function call whose result decides the condition, optionally bound to
/// a name for the conditions and rules after it.
#[derive(Debug, Clone, Deserialize)]
pub struct Condition {
    #[serde(rename = "fn")]
    pub function: String,
    #[serde(default)]
    pub argv: Vec<Value>,
    #[serde(default)]
    pub assign: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EndpointValue {
    /// A string template or a reference.
    pub url: Value,
    #[serde(default)]
    pub properties: IndexMap<String, Value>,
    #[serde(default)]
    pub headers: IndexMap<String, Vec<Value>>,
}

/// A whole `partitions.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Partitions {
    pub version: String,
    pub partitions: Vec<Partition>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Partition {
    pub id: String,
    pub region_regex: String,
    /// Region names; what each maps to (a description) is not used.
    #[serde(default)]
    pub regions: IndexMap<String, Value>,
    pub outputs: PartitionOutputs,
}

/// What `getAttr` reads from a partition (its `name` is the partition's id,
/// as in botocore).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartitionOutputs {
    pub dns_suffix: String,
    pub dual_stack_dns_suffix: String,
    #[serde(rename = "supportsFIPS")]
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: String,
}
