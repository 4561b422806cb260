//! The runner of `cargo xtask endpoint-tests`, compiled as the `support`
//! module of its throwaway crate beside one module per service (each the
//! service's generated `endpoint` module and a `resolve` that sets its
//! `Params` from a case's JSON). It reads each service's
//! `endpoint-tests-1.json`, resolves every case and prints one line per
//! case for xtask to count:
//! `case<TAB>SERVICE<TAB>INDEX<TAB>ok` or `...<TAB>fail<TAB>REASON`.

use crate::primitives::{Document, Number};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// What a resolver gave: the endpoint as JSON-comparable parts, or the
/// error's message.
pub type Outcome = Result<Resolved, String>;

/// A service's entry: the case's parameters to its resolver's outcome, or
/// why the parameters cannot be set.
pub type Resolve = fn(&Map<String, Value>) -> Result<Outcome, String>;

/// A resolved endpoint, in the test files' terms.
pub struct Resolved {
    pub url: String,
    pub headers: BTreeMap<String, Vec<String>>,
    pub properties: Value,
}

impl Resolved {
    pub fn new(endpoint: &crate::runtime::endpoint_rules::Endpoint) -> Self {
        Resolved {
            url: endpoint.url().to_owned(),
            headers: endpoint.headers().clone(),
            properties: endpoint.properties().iter().map(|(k, v)| (k.clone(), json(v))).collect(),
        }
    }
}

fn json(d: &Document) -> Value {
    match d {
        Document::Null => Value::Null,
        Document::Bool(b) => (*b).into(),
        Document::Number(Number::PosInt(n)) => (*n).into(),
        Document::Number(Number::NegInt(n)) => (*n).into(),
        Document::Number(Number::Float(n)) => (*n).into(),
        Document::String(s) => s.as_str().into(),
        Document::Array(items) => items.iter().map(json).collect(),
        Document::Object(fields) => fields.iter().map(|(k, v)| (k.clone(), json(v))).collect(),
    }
}

/// A `stringArray` parameter's value.
pub fn strings(items: &[Value]) -> Result<Vec<String>, String> {
    items.iter().map(|v| v.as_str().map(str::to_owned).ok_or_else(|| format!("`{v}` is not a string"))).collect()
}

/// Runs every case of every service; the folder holding
/// `SERVICE/endpoint-tests-1.json` is the first argument.
pub fn run(services: &[(&str, Resolve)]) -> Result<(), String> {
    let dir = std::env::args().nth(1).ok_or("usage: endpoint-cases DIR")?;
    for (service, resolve) in services {
        let path = Path::new(&dir).join(service).join("endpoint-tests-1.json");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let cases = file["testCases"].as_array().ok_or_else(|| format!("{}: no testCases", path.display()))?;
        for (index, case) in cases.iter().enumerate() {
            match check(*resolve, case) {
                Ok(()) => println!("case\t{service}\t{index}\tok"),
                Err(why) => println!("case\t{service}\t{index}\tfail\t{}", why.replace(['\n', '\t'], " ")),
            }
        }
    }
    Ok(())
}

fn check(resolve: Resolve, case: &Value) -> Result<(), String> {
    let empty = Map::new();
    let params = case.get("params").and_then(Value::as_object).unwrap_or(&empty);
    let outcome = resolve(params)?;
    let expect = &case["expect"];
    match (outcome, expect.get("endpoint"), expect.get("error").and_then(Value::as_str)) {
        (Ok(got), Some(want), None) => {
            let url = want["url"].as_str().unwrap_or_default();
            if got.url != url {
                return Err(format!("url: expected `{url}`, got `{}`", got.url));
            }
            let headers: BTreeMap<String, Vec<String>> = match want.get("headers") {
                Some(h) => serde_json::from_value(h.clone()).map_err(|e| format!("headers: {e}"))?,
                None => BTreeMap::new(),
            };
            if got.headers != headers {
                return Err(format!("headers: expected {headers:?}, got {:?}", got.headers));
            }
            let properties = want.get("properties").cloned().unwrap_or_else(|| Value::Object(Map::new()));
            if got.properties != properties {
                return Err(format!("properties: expected {properties}, got {}", got.properties));
            }
            Ok(())
        }
        (Err(got), None, Some(want)) if got == want => Ok(()),
        (Err(got), None, Some(want)) => Err(format!("error: expected `{want}`, got `{got}`")),
        (Err(got), Some(want), None) => Err(format!("expected the endpoint {}, got the error `{got}`", want["url"])),
        (Ok(got), None, Some(want)) => Err(format!("expected the error `{want}`, got the endpoint `{}`", got.url)),
        _ => Err("`expect` needs exactly one of `endpoint` and `error`".to_owned()),
    }
}
