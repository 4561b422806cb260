//! The protocol suites as botocore writes them: a list of groups, each with
//! its own `metadata`, `shapes` and `cases`, and the exclusions file.

use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The protocol suites (awsJson, restJson1, awsQuery), relative to the conformance folder, with the Rust
/// module their cases go in.
const PROTOCOL_SUITES: &[(&str, &str)] = &[
    ("botocore/protocols/input/json_1_0.json", "json_1_0_input"),
    ("botocore/protocols/output/json_1_0.json", "json_1_0_output"),
    ("botocore/protocols/input/json.json", "json_1_1_input"),
    ("botocore/protocols/output/json.json", "json_1_1_output"),
    // awsQuery-compatible awsJson 1.0: the `x-amzn-query-mode` header and
    // error codes from `x-amzn-query-error`.
    ("botocore/protocols/input/json_1_0-query-compatible.json", "json_1_0_query_compatible_input"),
    ("botocore/protocols/output/json_1_0-query-compatible.json", "json_1_0_query_compatible_output"),
    // restJson1: HTTP bindings, JSON bodies.
    ("botocore/protocols/input/rest-json.json", "rest_json_input"),
    ("botocore/protocols/output/rest-json.json", "rest_json_output"),
    // awsQuery: form-encoded requests, XML responses.
    ("botocore/protocols/input/query.json", "query_input"),
    ("botocore/protocols/output/query.json", "query_output"),
];

/// The project's own cases, in the same format, for behaviour the public
/// suites do not reach (sparse collections, unknown union members, ...).
pub const PROJECT_SUITE: &str = "tests/conformance/project-cases.json";

/// A suite file to run.
pub struct Suite {
    /// Its path as shown in the report and named in the exclusions file.
    pub name: String,
    pub module: &'static str,
    pub path: PathBuf,
}

/// The public suites under `dir`, then the project's under `root`.
pub fn all(dir: &Path, root: &Path) -> Vec<Suite> {
    let public =
        PROTOCOL_SUITES.iter().map(|(name, module)| Suite { name: (*name).to_owned(), module, path: dir.join(name) });
    let project = Suite { name: PROJECT_SUITE.to_owned(), module: "project", path: root.join(PROJECT_SUITE) };
    public.chain(std::iter::once(project)).collect()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    #[serde(default)]
    pub description: String,
    pub metadata: Value,
    /// Read straight into the model's type, which keeps each structure's
    /// members in file order (the query string follows it).
    #[serde(default)]
    pub shapes: BTreeMap<String, codegen::model::Shape>,
    #[serde(default)]
    pub client_endpoint: Option<String>,
    pub cases: Vec<Case>,
}

/// Unknown keys are errors: a check the runner does not know (say
/// `forbidHeaders`) must not be dropped silently.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Case {
    pub id: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The operation, in the model's format.
    pub given: Value,
    #[serde(default)]
    pub params: Option<Map<String, Value>>,
    #[serde(default)]
    pub serialized: Option<Serialized>,
    #[serde(default)]
    pub response: Option<Response>,
    #[serde(default)]
    pub result: Option<Map<String, Value>>,
    #[serde(default)]
    pub error: Option<Map<String, Value>>,
    #[serde(default)]
    pub error_code: Option<String>,
    #[serde(default)]
    pub error_message: Option<String>,
}

/// The request a case expects.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Serialized {
    pub method: String,
    pub uri: String,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub require_headers: Vec<String>,
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
}

/// The response a case answers with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub status_code: u16,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    #[serde(default)]
    pub body: Option<String>,
}

impl Case {
    /// A request case has `serialized` and nothing of a response; a response
    /// case has a `response` and either a `result` or an `errorCode`.
    fn check(&self) -> Result<(), &'static str> {
        let response_parts = self.response.is_some() || self.result.is_some() || self.error_code.is_some();
        let error_parts = self.error.is_some() || self.error_message.is_some();
        match (&self.serialized, &self.response) {
            (Some(_), _) if response_parts || error_parts => Err("a request case must not expect a response"),
            (Some(_), _) => Ok(()),
            (None, Some(_)) if error_parts && self.error_code.is_none() => Err("`error` needs an `errorCode`"),
            (None, Some(_)) if self.result.is_some() && self.error_code.is_some() => {
                Err("a case expects either a `result` or an error")
            }
            (None, Some(_)) => Ok(()),
            (None, None) => Err("the case has neither `serialized` nor `response`"),
        }
    }

    pub fn operation_name(&self) -> Result<&str, String> {
        self.given
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("case `{}`: `given` has no operation name", self.id))
    }
}

impl Group {
    /// The group as a botocore service model holding the operations its
    /// cases name, for the generator's normal path.
    pub fn service_model(&self) -> Result<(codegen::model::ServiceModel, Vec<String>), String> {
        let mut operations = Map::new();
        for case in &self.cases {
            let name = case.operation_name()?;
            match operations.get(name) {
                Some(given) if *given != case.given => {
                    return Err(format!("cases disagree on the definition of operation `{name}`"));
                }
                Some(_) => {}
                None => {
                    operations.insert(name.to_owned(), case.given.clone());
                }
            }
        }
        let names = operations.keys().cloned().collect();
        let model = codegen::model::ServiceModel {
            metadata: serde_json::from_value(self.metadata.clone()).map_err(|e| format!("metadata: {e}"))?,
            operations: operations
                .into_iter()
                .map(|(name, op)| {
                    let op = serde_json::from_value(op).map_err(|e| format!("operation `{name}`: {e}"))?;
                    Ok((name, op))
                })
                .collect::<Result<_, String>>()?,
            shapes: self.shapes.clone(),
            documentation: None,
        };
        Ok((model, names))
    }
}

/// Reads a suite; an empty one, or a case whose expectations contradict
/// each other, is an error rather than a quiet pass.
pub fn load(path: &Path) -> Result<Vec<Group>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let groups: Vec<Group> =
        serde_json::from_str(&text).map_err(|e| format!("{}: not a protocol suite: {e}", path.display()))?;
    if groups.iter().all(|g| g.cases.is_empty()) {
        return Err(format!("{}: the suite has no cases", path.display()));
    }
    for case in groups.iter().flat_map(|g| &g.cases) {
        case.check().map_err(|e| format!("{}: case `{}`: {e}", path.display(), case.id))?;
    }
    Ok(groups)
}

/// One case left out on purpose.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub suite: String,
    pub case: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExclusionFile {
    exclusions: Vec<Exclusion>,
}

pub fn load_exclusions(path: &Path) -> Result<Vec<Exclusion>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let file: ExclusionFile =
        serde_json::from_str(&text).map_err(|e| format!("{}: invalid exclusions: {e}", path.display()))?;
    for e in &file.exclusions {
        if e.reason.trim().is_empty() {
            return Err(format!("{}: exclusion of `{}` gives no reason", path.display(), e.case));
        }
    }
    Ok(file.exclusions)
}
