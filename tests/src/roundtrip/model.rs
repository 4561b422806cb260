//! The parts of a botocore `service-2.json` that decide a value's wire form,
//! read straight from the JSON: independent of the generator's own reading,
//! so a generator that misreads the model disagrees with this one.

use serde_json::Value as Json;
use std::collections::BTreeMap;

/// How a timestamp is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFormat {
    EpochSeconds,
    Iso8601,
    HttpDate,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub shape: String,
    pub required: bool,
    /// The member's own `timestampFormat`, which wins over the shape's.
    pub time_format: Option<TimeFormat>,
    /// Fills a label of the operation's host prefix, so must be a valid one.
    pub host_label: bool,
}

#[derive(Debug, Clone)]
pub enum Shape {
    /// Strings, with the enum's values when it has any.
    String(Vec<String>),
    Boolean,
    /// Integers with their bit width (8, 16, 32, 64).
    Integer(u32),
    Float,
    Double,
    Timestamp(Option<TimeFormat>),
    Blob,
    Document,
    List {
        member: String,
        sparse: bool,
    },
    Map {
        key: String,
        value: String,
        sparse: bool,
    },
    Structure(Vec<Member>),
    Union(Vec<Member>),
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub input: Option<String>,
    pub output: Option<String>,
    pub errors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub shapes: BTreeMap<String, Shape>,
    pub operations: BTreeMap<String, Operation>,
}

impl Model {
    /// Reads a model; panics with the shape's name on anything it does not know,
    /// so a new kind of shape fails the tests instead of going unchecked.
    pub fn parse(text: &str) -> Model {
        let json: Json = serde_json::from_str(text).expect("the model is JSON");
        let shapes = json["shapes"]
            .as_object()
            .expect("shapes")
            .iter()
            .map(|(name, shape)| (name.clone(), read_shape(name, shape)))
            .collect();
        let name_of = |v: &Json| v["shape"].as_str().map(str::to_owned);
        let operations = json["operations"]
            .as_object()
            .expect("operations")
            .iter()
            .map(|(name, op)| {
                // An error listed twice (as Cognito's models do) is one error,
                // kept where it is first listed, as the generator keeps it.
                let mut errors: Vec<String> =
                    op["errors"].as_array().map(|e| e.iter().filter_map(name_of).collect()).unwrap_or_default();
                let mut seen = std::collections::HashSet::new();
                errors.retain(|e| seen.insert(e.clone()));
                (name.clone(), Operation { input: name_of(&op["input"]), output: name_of(&op["output"]), errors })
            })
            .collect();
        Model { shapes, operations }
    }

    pub fn shape(&self, name: &str) -> &Shape {
        self.shapes.get(name).unwrap_or_else(|| panic!("the model has no shape {name}"))
    }

    pub fn operation(&self, name: &str) -> &Operation {
        self.operations.get(name).unwrap_or_else(|| panic!("the model has no operation {name}"))
    }
}

fn time_format(v: &Json) -> Option<TimeFormat> {
    Some(match v["timestampFormat"].as_str()? {
        "iso8601" => TimeFormat::Iso8601,
        "rfc822" => TimeFormat::HttpDate,
        "unixTimestamp" => TimeFormat::EpochSeconds,
        other => panic!("unknown timestampFormat {other}"),
    })
}

fn read_shape(name: &str, shape: &Json) -> Shape {
    let target = |key: &str| shape[key]["shape"].as_str().unwrap_or_else(|| panic!("{name}.{key}")).to_owned();
    let sparse = shape["sparse"].as_bool().unwrap_or(false);
    match shape["type"].as_str().unwrap_or_default() {
        "string" => Shape::String(
            shape["enum"]
                .as_array()
                .map(|e| e.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                .unwrap_or_default(),
        ),
        "boolean" => Shape::Boolean,
        "byte" => Shape::Integer(8),
        "short" => Shape::Integer(16),
        "integer" => Shape::Integer(32),
        "long" => Shape::Integer(64),
        "float" => Shape::Float,
        "double" => Shape::Double,
        "timestamp" => Shape::Timestamp(time_format(shape)),
        "blob" => Shape::Blob,
        "list" => Shape::List { member: target("member"), sparse },
        "map" => Shape::Map { key: target("key"), value: target("value"), sparse },
        "structure" if shape["document"].as_bool() == Some(true) => Shape::Document,
        "structure" => {
            let required: Vec<&str> =
                shape["required"].as_array().map(|r| r.iter().filter_map(Json::as_str).collect()).unwrap_or_default();
            let members = shape["members"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(member, spec)| Member {
                            name: member.clone(),
                            shape: spec["shape"].as_str().expect("member shape").to_owned(),
                            required: required.contains(&member.as_str()),
                            time_format: time_format(spec),
                            host_label: spec["hostLabel"].as_bool() == Some(true),
                        })
                        .collect()
                })
                .unwrap_or_default();
            if shape["union"].as_bool() == Some(true) { Shape::Union(members) } else { Shape::Structure(members) }
        }
        other => panic!("shape {name} has an unknown type {other:?}"),
    }
}
