//! The rule compiler on small rule sets: what it emits for each construct,
//! and the errors it gives for what it cannot compile. (The compiled code is
//! run by the `endpoint-rules` fixture's behaviour tests and by the
//! conformance suite.)

use crate::emit::CrateInfo;
use crate::model::endpoints::{Partitions, RuleSet};
use crate::model::{PaginatorsModel, ServiceModel};
use crate::{Selection, lower};
use serde_json::{Value, json};

const REGION_ENDPOINT: fn() -> Value = || json!({"Region": {"type": "string", "builtIn": "AWS::Region"}});

fn partitions() -> Partitions {
    serde_json::from_value(json!({"version": "1.1", "partitions": [{
        "id": "aws", "regionRegex": "^us\\-\\w+\\-\\d+$", "regions": {"us-east-1": {}},
        "outputs": {"dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws", "supportsFIPS": true,
                    "supportsDualStack": true, "implicitGlobalRegion": "us-east-1", "name": "aws"}
    }]}))
    .unwrap()
}

fn compile(parameters: Value, rules: Value) -> crate::Result<String> {
    let rule_set: RuleSet =
        serde_json::from_value(json!({"version": "1.0", "parameters": parameters, "rules": rules})).unwrap();
    let model: ServiceModel =
        serde_json::from_value(json!({"metadata": {"protocol": "json", "targetPrefix": "T"}})).unwrap();
    let mut service = lower::lower(&model, &PaginatorsModel::default(), &Selection::All).unwrap();
    service.endpoints = lower::endpoint_rules(&rule_set, Some(&partitions()))?;
    let info = CrateInfo { package: "t".into(), version: "0.0.0".into(), ..CrateInfo::default() };
    let files = crate::render_ir(&service, &info).unwrap();
    Ok(files.into_iter().find(|(p, _)| p == "src/endpoint.rs").unwrap().1)
}

/// The body of `resolve`, with whitespace collapsed so checks can span lines.
fn resolve_body(parameters: Value, rules: Value) -> String {
    squeeze(&compile(parameters, rules).unwrap_or_else(|e| panic!("{e}")))
}

/// `resolve` on one line, without the spaces and trailing commas
/// prettyplease adds where it breaks lines.
fn squeeze(text: &str) -> String {
    let start = text.find("pub fn resolve").unwrap();
    let end = text[start..].find("\n}\n").map_or(text.len(), |e| start + e);
    let mut line = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    for (from, to) in [
        ("( ", "("),
        (" )", ")"),
        (",)", ")"),
        ("[ ", "["),
        (" ]", "]"),
        (",]", "]"),
        (" .", "."),
        (" ::", "::"),
        (" ?", "?"),
    ] {
        line = line.replace(from, to);
    }
    line
}

fn error(parameters: Value, rules: Value) -> String {
    compile(parameters, rules).unwrap_err().to_string()
}

fn call(function: &str, argv: Value) -> Value {
    json!({"fn": function, "argv": argv})
}

fn is_set(name: &str) -> Value {
    call("isSet", json!([{"ref": name}]))
}

fn endpoint(conditions: Value, url: Value) -> Value {
    json!({"type": "endpoint", "conditions": conditions, "endpoint": {"url": url}})
}

fn error_rule(conditions: Value, message: &str) -> Value {
    json!({"type": "error", "conditions": conditions, "error": message})
}

#[test]
fn is_set_narrows_and_partition_attributes_fill_templates() {
    let partition = json!({"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"});
    let fips = call("booleanEquals", json!([true, call("getAttr", json!([{"ref": "P"}, "supportsFIPS"]))]));
    let body = resolve_body(
        REGION_ENDPOINT(),
        json!([{"type": "tree", "conditions": [is_set("Region"), partition], "rules": [
            endpoint(json!([fips]), json!("https://x-fips.{Region}.{P#dnsSuffix}")),
            error_rule(json!([]), "no FIPS in {P#name}")
        ]}]),
    );
    for expected in [
        "let region = params.region.as_deref();",
        "if let Some(region) = region { let p = partition_of(region);",
        r#"if p.supports_fips { let region = crate::runtime::endpoint::url_label("Region", region)?; return Ok(Endpoint::new(format!("https://x-fips.{region}.{}", p.dns_suffix)));"#,
        r#"return Err(EndpointError::new(format!("no FIPS in {}", p.name)));"#,
        "Err(EndpointError::no_rule_matched())",
    ] {
        assert!(body.contains(expected), "{expected}\nnot in\n{body}");
    }
}

/// As in EC2's rules: a function given a value that may be unset holds only
/// once it is set, which narrows it for the templates that follow.
#[test]
fn functions_given_unset_values_do_not_hold_and_narrow_them() {
    let partition = json!({"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"});
    let body = resolve_body(
        REGION_ENDPOINT(),
        json!([
            {"type": "tree", "conditions": [partition], "rules": [endpoint(json!([]), json!("https://x.{Region}.{P#dnsSuffix}"))]},
            error_rule(json!([call("not", json!([call("stringEquals", json!([{"ref": "Region"}, "a"]))]))]), "not a"),
        ]),
    );
    for expected in [
        r#"if let Some(region) = region { let p = partition_of(region); let region = crate::runtime::endpoint::url_label("Region", region)?; return Ok(Endpoint::new(format!("https://x.{region}.{}", p.dns_suffix))); }"#,
        r#"if let Some(region) = region { if region != "a" { return Err(EndpointError::new("not a")); } }"#,
    ] {
        assert!(body.contains(expected), "{expected}\nnot in\n{body}");
    }
}

/// The functions beyond comparisons call the runtime; ARN and URL fields
/// are read as `&str`, array elements as `Option<&str>` that narrows.
#[test]
fn runtime_functions_arns_urls_and_arrays() {
    let parameters = json!({
        "Region": {"type": "string", "builtIn": "AWS::Region"},
        "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint"},
        "Arns": {"type": "stringArray", "default": ["arn:aws:s3:::b"]},
    });
    let first = json!({"fn": "getAttr", "argv": [{"ref": "Arns"}, "[0]"], "assign": "First"});
    let arn = json!({"fn": "aws.parseArn", "argv": [{"ref": "First"}], "assign": "Arn"});
    let label = call("isValidHostLabel", json!([call("getAttr", json!([{"ref": "Arn"}, "region"])), true]));
    let part = json!({"fn": "getAttr", "argv": [{"ref": "Arn"}, "resourceId[1]"], "assign": "Part"});
    let url = json!({"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "Url"});
    let short = json!({"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, true], "assign": "Short"});
    let encoded = json!({"fn": "uriEncode", "argv": ["{Region}/x"], "assign": "Enc"});
    let body = resolve_body(
        parameters,
        json!([
            endpoint(json!([first, arn, label, part]), json!("https://{Arn#accountId}.{Part}.example.com")),
            endpoint(
                json!([url, call("booleanEquals", json!([call("getAttr", json!([{"ref": "Url"}, "isIp"])), true]))]),
                json!("{Url#scheme}://{Url#authority}{Url#normalizedPath}")
            ),
            endpoint(json!([short, encoded]), json!("https://{Short}.example.com/{Enc}")),
        ]),
    );
    let functions = "crate::runtime::__private::rule_functions";
    for expected in [
        "let arns = params.arns.as_slice();".to_owned(),
        "if let Some(first) = arns.first().map(String::as_str) {".to_owned(),
        format!("if let Some(arn) = {functions}::parse_arn(first) {{"),
        format!("if {functions}::is_valid_host_label(arn.region.as_str(), true) {{"),
        "if let Some(part) = arn.resource_id.get(1).map(String::as_str) {".to_owned(),
        r#"format!("https://{}.{part}.example.com", arn.account_id.as_str())"#.to_owned(),
        format!("if let Some(url) = {functions}::parse_url(endpoint) {{ if url.is_ip {{"),
        r#"format!("{}://{}{}", url.scheme.as_str(), url.authority.as_str(), url.normalized_path.as_str())"#.to_owned(),
        format!("if let Some(short) = {functions}::substring(region, 0, 2, true) {{"),
        format!(r#"let enc = &{functions}::uri_encode(&format!("{{region}}/x"));"#),
    ] {
        assert!(body.contains(&expected), "{expected}\nnot in\n{body}");
    }
}

#[test]
fn boolean_and_string_tests_take_their_simplest_form() {
    let parameters = json!({
        "Region": {"type": "string", "builtIn": "AWS::Region"},
        "UseFIPS": {"type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
        "Flag": {"type": "Boolean", "required": true, "default": true}
    });
    let body = resolve_body(
        parameters,
        json!([
            {"type": "tree", "conditions": [is_set("Region")], "rules": [
                error_rule(json!([call("booleanEquals", json!([{"ref": "UseFIPS"}, false])), call("booleanEquals", json!([{"ref": "Flag"}, {"ref": "UseFIPS"}]))]), "a"),
                error_rule(json!([call("not", json!([call("stringEquals", json!([{"ref": "Region"}, "x-{Region}"]))]))]), "b"),
                error_rule(json!([call("stringEquals", json!(["{Region}", "us-east-1"]))]), "c"),
            ]},
            error_rule(json!([call("not", json!([is_set("Region")]))]), "d"),
        ]),
    );
    for expected in [
        "if !use_fips && flag == use_fips { return Err(EndpointError::new(\"a\")); }",
        r#"if region != format!("x-{region}") {"#,
        r#"if region == "us-east-1" {"#,
        "if region.is_none() {",
        // `region` is read in the tree, so the narrowing binds it.
        "if let Some(region) = region {",
        // A tree none of whose rules matched ends resolution.
        "return Err(EndpointError::no_rule_matched()); }",
    ] {
        assert!(body.contains(expected), "{expected}\nnot in\n{body}");
    }
}

#[test]
fn constant_conditions_unreachable_rules_and_unused_bindings_leave_no_code() {
    let partition = json!({"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "Unused"});
    let body = resolve_body(
        REGION_ENDPOINT(),
        json!([
            error_rule(json!([call("booleanEquals", json!([true, false]))]), "never"),
            {"type": "tree", "conditions": [is_set("Region"), partition], "rules": [endpoint(json!([]), json!("https://fixed"))]},
            endpoint(json!([call("isSet", json!([true]))]), json!("https://always")),
            error_rule(json!([]), "unreachable"),
        ]),
    );
    assert!(!body.contains("never") && !body.contains("unreachable") && !body.contains("partition_of"), "{body}");
    assert!(body.contains(r#"if region.is_some() { return Ok(Endpoint::new("https://fixed")); }"#), "{body}");
    assert!(body.ends_with(r#"Ok(Endpoint::new("https://always"))"#), "{body}");
}

#[test]
fn required_parameters_headers_and_properties() {
    let parameters =
        json!({"Bucket": {"type": "string", "required": true}, "Mode": {"type": "string", "default": "fast"}});
    let rule = json!({"type": "endpoint", "conditions": [], "endpoint": {
        "url": "https://{Bucket}.example.com",
        "headers": {"x-mode": ["{Mode}", "b"]},
        "properties": {"authSchemes": [{"name": "sigv4", "disableDoubleEncoding": true, "n": 2}]}
    }});
    let body = resolve_body(parameters, json!([rule]));
    for expected in [
        r#"let Some(bucket) = params.bucket.as_deref() else { return Err(EndpointError::new("Cannot find value for required parameter Bucket")); };"#,
        r#"let bucket = crate::runtime::endpoint::url_label("Bucket", bucket)?; Ok(Endpoint::new(format!("https://{bucket}.example.com"))"#,
        "let mode = params.mode.as_str();",
        r#".with_header("x-mode", mode).with_header("x-mode", "b")"#,
        r#".with_property("authSchemes", crate::primitives::Document::Array(Vec::from([crate::primitives::Document::Object(std::collections::BTreeMap::from([("#,
        r#"("name".to_owned(), crate::primitives::Document::String("sigv4".to_owned()))"#,
        r#"("disableDoubleEncoding".to_owned(), crate::primitives::Document::Bool(true))"#,
        "crate::primitives::Number::PosInt(2u64)",
    ] {
        assert!(body.contains(expected), "{expected}\nnot in\n{body}");
    }
}

/// Whoever sets a parameter must not be able to change the URL's host: each
/// one in an endpoint URL is checked when resolving. Partition data, and
/// parameters in headers, properties and messages, are inserted as they are.
#[test]
fn parameters_in_endpoint_urls_are_checked_where_they_are_inserted() {
    let parameters = json!({
        "Region": {"type": "string", "builtIn": "AWS::Region"},
        "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint"},
        "Account": {"type": "string", "required": true}
    });
    let partition = json!({"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"});
    let suffix = json!({"fn": "getAttr", "argv": [{"ref": "P"}, "dnsSuffix"], "assign": "Suffix"});
    let rule = |url: &str| {
        json!({"type": "endpoint", "conditions": [], "endpoint": {"url": url, "headers": {"x-region": ["{Region}"]},
               "properties": {"signingRegion": "{Region}"}}})
    };
    let body = resolve_body(
        parameters,
        json!([
            {"type": "tree", "conditions": [is_set("Endpoint")], "rules": [
                error_rule(json!([is_set("Region")]), "both {Endpoint} and {Region}"),
                endpoint(json!([]), json!("{Endpoint}/{Account}"))
            ]},
            {"type": "tree", "conditions": [is_set("Region"), partition, suffix], "rules": [rule("https://{Account}.svc.{Region}.{Suffix}")]},
        ]),
    );
    for expected in [
        r#"return Err(EndpointError::new(format!("both {endpoint} and {region}")));"#,
        concat!(
            r#"let endpoint = crate::runtime::endpoint::url_param("Endpoint", endpoint)?; "#,
            r#"let account = crate::runtime::endpoint::url_label("Account", account)?; "#,
            r#"return Ok(Endpoint::new(format!("{endpoint}/{account}")));"#
        ),
        concat!(
            r#"let account = crate::runtime::endpoint::url_label("Account", account)?; "#,
            r#"let region = crate::runtime::endpoint::url_label("Region", region)?; "#,
            r#"return Ok(Endpoint::new(format!("https://{account}.svc.{region}.{suffix}")).with_header("x-region", region)"#
        ),
    ] {
        assert!(body.contains(expected), "{expected}\nnot in\n{body}");
    }
    // Checked once per URL, and only in URLs.
    assert_eq!(body.matches("url_label(\"Region\"").count(), 1, "{body}");
}

/// Rules tell names apart by case; Rust names (snake case) would not.
#[test]
fn locals_named_like_a_parameter_but_for_case_get_their_own_name() {
    let arn = json!({"fn": "aws.parseArn", "argv": [{"ref": "ResourceArn"}], "assign": "resourceArn"});
    let body = resolve_body(
        json!({"ResourceArn": {"type": "string", "required": true}}),
        json!([endpoint(json!([arn]), json!("https://{resourceArn#region}.{ResourceArn}.example.com"))]),
    );
    let expected = "if let Some(resource_arn_2) = crate::runtime::__private::rule_functions::parse_arn(resource_arn) {";
    assert!(body.contains(expected), "{expected}\nnot in\n{body}");
    assert!(body.contains("resource_arn_2.region.as_str()"), "{body}");
}

/// A parameter the rule proved to be host labels with subdomains (as
/// EventBridge's endpoint id) may hold dots in the URL; elsewhere it may not.
#[test]
fn parameters_proved_to_be_subdomains_are_checked_as_such() {
    let labels = call("isValidHostLabel", json!([{"ref": "Id"}, true]));
    let body = resolve_body(
        json!({"Id": {"type": "string", "required": true}}),
        json!([
            endpoint(json!([labels]), json!("https://{Id}.endpoint.example.com")),
            endpoint(
                json!([call("aws.isVirtualHostableS3Bucket", json!([{"ref": "Id"}, true]))]),
                json!("https://{Id}.bucket.example.com")
            ),
            endpoint(json!([]), json!("https://{Id}.other.example.com")),
        ]),
    );
    for expected in [
        r#"if crate::runtime::__private::rule_functions::is_valid_host_label(id, true) { let id = crate::runtime::endpoint::url_labels("Id", id)?;"#,
        r#"if crate::runtime::__private::rule_functions::is_virtual_hostable_s3_bucket(id, true) { let id = crate::runtime::endpoint::url_labels("Id", id)?;"#,
        r#"let id = crate::runtime::endpoint::url_label("Id", id)?; Ok(Endpoint::new(format!("https://{id}.other.example.com")))"#,
    ] {
        assert!(body.contains(expected), "{expected}\nnot in\n{body}");
    }
}

#[test]
fn params_document_defaults_and_built_ins() {
    let parameters = json!({
        "Region": {"type": "string", "builtIn": "AWS::Region", "documentation": "The region."},
        "Mode": {"type": "string", "default": "fast", "builtIn": "AWS::Other"}
    });
    let text = compile(parameters, json!([error_rule(json!([]), "x")])).unwrap();
    for expected in [
        "/// The region.",
        "Built-in `AWS::Region`: set from [`ConfigBuilder::region`]",
        "a string, default `\"fast\"`. Built-in `AWS::Other`, which the client configuration does not set.",
        "pub mode: String,",
        "mode: \"fast\".to_owned(),",
        "region: built_ins.region.map(str::to_owned),",
        "impl Default for Params",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in\n{text}");
    }
}

#[test]
fn rejects_what_it_cannot_compile_with_the_rules_path() {
    let cases = [
        (
            REGION_ENDPOINT(),
            json!([endpoint(json!([call("aws.frobnicate", json!([{"ref": "Region"}]))]), json!("x"))]),
            "rules[0].conditions[0]: unsupported function `aws.frobnicate`; the generator compiles aws.isVirtualHostableS3Bucket, aws.parseArn, aws.partition, booleanEquals, getAttr, isSet, isValidHostLabel, not, parseURL, stringEquals, substring and uriEncode",
        ),
        (
            REGION_ENDPOINT(),
            json!([endpoint(json!([]), json!("https://{Region}"))]),
            "`region` may be unset here; prove it set first with an `isSet` condition",
        ),
        (
            REGION_ENDPOINT(),
            json!([endpoint(json!([call("substring", json!([{"ref": "Region"}, -1, 2, false]))]), json!("x"))]),
            "argument 2 of `substring`: unsupported number `-1`",
        ),
        (
            REGION_ENDPOINT(),
            json!([endpoint(json!([call("isValidHostLabel", json!([{"ref": "Region"}]))]), json!("x"))]),
            "`isValidHostLabel` takes 2 argument(s), got 1",
        ),
        (
            REGION_ENDPOINT(),
            json!([endpoint(
                json!([{"fn": "aws.parseArn", "argv": [{"ref": "Region"}], "assign": "A"}]),
                json!("https://{A#resourceId[0]}")
            )]),
            "may be unset here",
        ),
        (
            REGION_ENDPOINT(),
            json!([endpoint(
                json!([{"fn": "parseURL", "argv": [{"ref": "Region"}], "assign": "U"}]),
                json!("https://{U#host}")
            )]),
            "a parsed URL has no attribute `host` (it has scheme, authority, path, normalizedPath, isIp)",
        ),
        (
            REGION_ENDPOINT(),
            json!([endpoint(
                json!([{"fn": "parseURL", "argv": [{"ref": "Region"}], "assign": "U"}]),
                json!("https://{U#scheme[1]}")
            )]),
            "`scheme[1]`: `scheme` is not an array",
        ),
        (
            REGION_ENDPOINT(),
            json!([endpoint(json!([]), json!("https://{Nope}"))]),
            "rules[0].endpoint: url: in `https://{Nope}`: `Nope` is neither a parameter nor bound by an earlier condition",
        ),
        (
            REGION_ENDPOINT(),
            json!([endpoint(
                json!([is_set("Region"), {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}]),
                json!("https://{P#nope}")
            )]),
            "a partition has no attribute `nope`",
        ),
        (REGION_ENDPOINT(), json!([endpoint(json!([]), json!("https://{Region"))]), "has an unmatched `{`"),
        (
            REGION_ENDPOINT(),
            json!([endpoint(
                json!([is_set("Region"), {"fn": "isSet", "argv": [{"ref": "Region"}], "assign": "Region"}]),
                json!("x")
            )]),
            "`Region` clashes with `Region`, which is already in scope",
        ),
        (REGION_ENDPOINT(), json!([{"type": "loop", "conditions": []}]), "rules[0]: unknown rule type `loop`"),
        (REGION_ENDPOINT(), json!([{"type": "tree", "conditions": []}]), "a `tree` rule needs `rules`"),
        (
            REGION_ENDPOINT(),
            json!([endpoint(json!([call("booleanEquals", json!([{"ref": "Region"}, true]))]), json!("x"))]),
            "`booleanEquals` needs a boolean here, not a string",
        ),
        (json!({"Ids": {"type": "integer"}}), json!([]), "parameter `Ids`: type `integer` is not supported"),
        (
            json!({"Region": {"type": "boolean", "builtIn": "AWS::Region"}}),
            json!([]),
            "built-in `AWS::Region` is a String setting",
        ),
        (json!({"Flag": {"type": "boolean", "default": "yes"}}), json!([]), "default `\"yes\"` is not a boolean"),
    ];
    for (parameters, rules, says) in cases {
        let err = error(parameters, rules);
        assert!(err.contains(says), "{says}\nnot in\n{err}");
    }
}

#[test]
fn partitions_are_needed_only_when_the_rules_call_aws_partition() {
    let rule_set: RuleSet = serde_json::from_value(json!({"version": "1.0", "parameters": REGION_ENDPOINT(),
        "rules": [error_rule(json!([]), "x")]}))
    .unwrap();
    let rules = lower::endpoint_rules(&rule_set, None).unwrap();
    assert!(rules.partitions.is_empty() && !rules.params[0].used);
    let rule_set: RuleSet = serde_json::from_value(json!({"version": "1.0", "parameters": REGION_ENDPOINT(),
        "rules": [endpoint(json!([is_set("Region"), {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}]), json!("https://{P#dnsSuffix}"))]})).unwrap();
    let err = lower::endpoint_rules(&rule_set, None).unwrap_err().to_string();
    assert!(err.contains("needs botocore's partitions.json"), "{err}");
    let rules = lower::endpoint_rules(&rule_set, Some(&partitions())).unwrap();
    assert_eq!(rules.partitions[0].regions, ["us-east-1"]);
}

#[test]
fn models_without_rules_keep_the_classic_endpoint() {
    let body = resolve_body_of(
        lower::lower(
            &serde_json::from_value(
                json!({"metadata": {"protocol": "json", "targetPrefix": "T", "endpointPrefix": "svc"}}),
            )
            .unwrap(),
            &PaginatorsModel::default(),
            &Selection::All,
        )
        .unwrap(),
    );
    assert!(body.contains(r#"let region = crate::runtime::endpoint::url_label("Region", region)?; return Ok(Endpoint::new(format!("https://svc.{region}.amazonaws.com")));"#), "{body}");
    assert!(body.contains(r#"let endpoint = crate::runtime::endpoint::url_param("Endpoint", endpoint)?; return Ok(Endpoint::new(endpoint));"#), "{body}");
    assert!(
        body.contains("Invalid Configuration: FIPS needs endpoint rules, which this service's model does not have"),
        "{body}"
    );
    assert!(body.ends_with(r#"Err(EndpointError::new("Invalid Configuration: Missing Region"))"#), "{body}");
}

fn resolve_body_of(service: crate::ir::Service) -> String {
    let info = CrateInfo { package: "t".into(), version: "0.0.0".into(), ..CrateInfo::default() };
    let text = crate::render_ir(&service, &info).unwrap().into_iter().find(|(p, _)| p == "src/endpoint.rs").unwrap().1;
    squeeze(&text)
}
