//! The rules of a model without an endpoint rule set: the endpoint URL as
//! it is, else `https://{prefix}.{Region}.amazonaws.com`, as the client did
//! before it had endpoint rules. Written as a rule set and compiled like any
//! other, so the client has one way of resolving endpoints.

use super::lower_from;
use crate::ir::endpoints::{EndpointRules, RulesSource};
use crate::model::endpoints::RuleSet;
use serde_json::{Value, json};

/// FIPS and dual-stack need the service's rules, so they are refused.
pub fn default_rules(endpoint_prefix: &str) -> EndpointRules {
    let set = |name: &str| json!({"fn": "isSet", "argv": [{"ref": name}]});
    let on = |name: &str| json!({"fn": "booleanEquals", "argv": [{"ref": name}, true]});
    let error = |conditions: Value, message: &str| json!({"type": "error", "conditions": conditions, "error": message});
    let refuse = |fips: &str, dual_stack: &str| {
        json!([error(json!([on("UseFIPS")]), fips), error(json!([on("UseDualStack")]), dual_stack)])
    };
    let mut custom = refuse(
        "Invalid Configuration: FIPS and custom endpoint are not supported",
        "Invalid Configuration: Dualstack and custom endpoint are not supported",
    );
    let mut regional = refuse(
        "Invalid Configuration: FIPS needs endpoint rules, which this service's model does not have",
        "Invalid Configuration: Dualstack needs endpoint rules, which this service's model does not have",
    );
    let endpoint = |url: Value| json!({"type": "endpoint", "conditions": [], "endpoint": {"url": url}});
    custom.as_array_mut().expect("an array").push(endpoint(json!({"ref": "Endpoint"})));
    // Braces in the prefix would read as template holes.
    let prefix = endpoint_prefix.replace('{', "{{").replace('}', "}}");
    regional
        .as_array_mut()
        .expect("an array")
        .push(endpoint(format!("https://{prefix}.{{Region}}.amazonaws.com").into()));
    let rule_set = json!({
        "version": "1.0",
        "parameters": {
            "Region": {"type": "string", "builtIn": "AWS::Region", "documentation": "The AWS region used to dispatch the request."},
            "UseDualStack": {"type": "boolean", "builtIn": "AWS::UseDualStack", "required": true, "default": false,
                             "documentation": "When true, use the dual-stack endpoint."},
            "UseFIPS": {"type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false,
                        "documentation": "When true, send this request to the FIPS-compliant regional endpoint."},
            "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint", "documentation": "Override the endpoint used to send this request."}
        },
        "rules": [
            {"type": "tree", "conditions": [set("Endpoint")], "rules": custom},
            {"type": "tree", "conditions": [set("Region")], "rules": regional},
            error(json!([]), "Invalid Configuration: Missing Region")
        ]
    });
    let rule_set: RuleSet = serde_json::from_value(rule_set).expect("the default rule set is well formed");
    lower_from(&rule_set, None, RulesSource::Default).expect("the default rule set compiles")
}
