//! Round-trip properties of a generated crate, driven by its model.
//!
//! For each operation, random valid values of its shapes (from the model,
//! see [`value`]) go through the generated code and must come back unchanged:
//!
//! - output and each modeled error: written as a service would send them
//!   ([`wire`], with an unmodeled member the parser must skip), parsed by
//!   `parse_response`, serialized through the types' serde derives into a
//!   [`Tree`] and compared member by member with the value written;
//! - input: built through the serde derives from the value, serialized by
//!   `serialize_request`, and the body compared with the value the same way.
//!
//! Every shape a crate generates is reached from some operation's input,
//! output or errors, so this covers each serializer and deserializer the crate
//! has. Values are compared by the model ([`compare`]), not by the crate's
//! own `PartialEq` or serializers, so a member dropped or altered by either
//! direction fails with its path. Union members the crate does not know are
//! not generated: the `Unknown` variant has no serde form to compare.

pub mod compare;
pub mod model;
pub mod time;
pub mod tree;
pub mod value;
pub mod wire;

pub use compare::Repr;
pub use model::Model;
pub use tree::{Tree, from_tree, to_tree};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// What an operation's `parse_response` gave: `(None, output)` or
/// `(Some(code), error)` for a modeled error, as trees; else a description.
pub type Parsed = Result<(Option<&'static str>, Tree), String>;

/// Cases per property: `PROPTEST_CASES`, else 128 (a few seconds in all).
fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(128);
    TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() })
}

/// Runs the three properties for one operation; panics with the smallest
/// failing value found. `errors` names the codes the glue can unpack, which
/// must be exactly the operation's modeled errors.
pub fn check_operation(
    model: &Model,
    operation: &str,
    errors: &[&'static str],
    parse: &dyn Fn(&http::Response<Vec<u8>>) -> Parsed,
    send: &dyn Fn(Tree) -> Result<Vec<u8>, String>,
) {
    let op = model.operation(operation);
    let mut modeled = op.errors.clone();
    modeled.sort();
    let mut given: Vec<String> = errors.iter().map(|e| (*e).to_owned()).collect();
    given.sort();
    assert_eq!(modeled, given, "{operation}: the glue must unpack every modeled error");

    if let Some(output) = &op.output {
        run(operation, model.strategy(output), |value| {
            let body = model.wire_json(output, &value);
            let (code, tree) = parse(&response(200, &[], &body))?;
            ensure(code.is_none(), || format!("a 200 response parsed as error {code:?}"))?;
            model.compare(output, &value, &tree, Repr::Serde).map_err(|e| format!("{e}\nbody: {body}"))
        });
    }
    for error in &op.errors {
        let code: &'static str = errors.iter().find(|e| *e == error).expect("checked above");
        run(&format!("{operation} {code}"), (model.strategy(error), 0..3u8), |(value, how)| {
            let body = model.wire_json(error, &value);
            // The three places a code can come from, as `runtime::error` documents.
            let (headers, body): (Vec<(&str, String)>, String) = match how {
                0 => (vec![], format!("{{\"__type\":\"{code}\",{}", &body[1..])),
                1 => (vec![], format!("{{\"__type\":\"com.example.v1#{code}\",{}", &body[1..])),
                _ => (vec![("x-amzn-errortype", format!("{code}:http://internal.example.com/"))], body),
            };
            let (got, tree) = parse(&response(400, &headers, &body))?;
            ensure(got == Some(code), || format!("parsed as {got:?}, not {code}\nbody: {body}"))?;
            model.compare(error, &value, &tree, Repr::Serde).map_err(|e| format!("{e}\nbody: {body}"))
        });
    }
    if let Some(input) = &op.input {
        run(operation, model.strategy(input), |value| {
            let body = send(model.serde_tree(input, &value))?;
            let json: serde_json::Value =
                serde_json::from_slice(&body).map_err(|e| format!("the request body is not JSON: {e}"))?;
            model
                .compare(input, &value, &tree::from_json(&json), Repr::Wire)
                .map_err(|e| format!("{e}\nbody: {}", String::from_utf8_lossy(&body)))
        });
    }
}

fn ensure(ok: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(message()) }
}

fn run<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), String>) {
    let result = runner().run(&strategy, |value| test(value).map_err(TestCaseError::fail));
    if let Err(failure) = result {
        panic!("{name}: {failure}");
    }
}

fn response(status: u16, headers: &[(&str, String)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amzn-requestid", "b1f1d8a4-0000-4000-8000-000000000000");
    for (name, value) in headers {
        builder = builder.header(*name, value);
    }
    builder.body(body.as_bytes().to_vec()).expect("a valid response")
}

/// Checks one operation of a generated crate with [`check_operation`]:
/// `check_operation!(krate, &model, Op => OpError { Variant = "WireCode", .. })`.
/// The crate needs its `serde` feature.
#[macro_export]
macro_rules! check_operation {
    ($krate:ident, $model:expr, $op:ident => $error:ident { $($variant:ident = $code:literal),* $(,)? }) => {{
        type Op = $krate::operation::$op;
        type Input = <Op as $krate::runtime::operation::Operation>::Input;
        $crate::roundtrip::check_operation(
            $model,
            <Op as $krate::runtime::operation::Operation>::NAME,
            &[$($code),*],
            &|response| match Op::parse_response(response) {
                Ok(output) => $crate::roundtrip::to_tree(&output).map(|t| (None, t)).map_err(|e| e.to_string()),
                Err($krate::runtime::error::SdkError::Service(error)) => match error {
                    $($krate::error::$error::$variant(e) => {
                        $crate::roundtrip::to_tree(&e).map(|t| (Some($code), t)).map_err(|e| e.to_string())
                    })*
                    other => Err(format!("not a modeled error: {other:?}")),
                },
                Err(other) => Err(format!("{other:?}")),
            },
            &|tree| {
                let input: Input = $crate::roundtrip::from_tree(tree).map_err(|e| format!("serde: {e}"))?;
                Op::serialize_request(&input).map(|r| r.into_body()).map_err(|e| e.to_string())
            },
        )
    }};
}
