//! Random valid values of a model's shapes, as proptest strategies built
//! from the model: every member, unions, enums with unknown values, sparse
//! lists and maps, blobs, timestamps to the millisecond, NaN and infinite
//! floats, and recursive shapes down to a bounded depth.

use super::model::{Member, Model, Shape, TimeFormat};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::Union;

/// A value of some shape; which shape is known from where it sits.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Bool(bool),
    Int(i64),
    /// Doubles, and floats widened exactly.
    Float(f64),
    /// Milliseconds since the epoch.
    Time(i64),
    Blob(Vec<u8>),
    Doc(Doc),
    /// `None` only in sparse lists.
    List(Vec<Option<Value>>),
    /// Distinct keys; `None` values only in sparse maps.
    Map(Vec<(String, Option<Value>)>),
    /// The members that are set, in model order.
    Struct(Vec<(String, Value)>),
    Union(String, Box<Value>),
}

/// A document: any JSON value (finite numbers only, as JSON has no others).
#[derive(Debug, Clone, PartialEq)]
pub enum Doc {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<Doc>),
    Object(Vec<(String, Doc)>),
}

/// How many times one shape may appear on a path from the root: recursive
/// shapes are cut there (optional members left out, lists and maps empty,
/// union members that would go deeper not chosen).
const MAX_REPEATS: usize = 2;

/// The most items a list or map may get at this depth. Deeply nested lists
/// (a fixture nests 50) would otherwise grow as 3^depth; past a few levels
/// each collection holds at most one item, so a value grows linearly.
fn max_len(path: &[String]) -> usize {
    if path.len() > 4 { 2 } else { 4 }
}

impl Model {
    /// A strategy for values of `shape`; panics when the shape cannot end
    /// within the recursion bound (a required member that always recurses).
    pub fn strategy(&self, shape: &str) -> BoxedStrategy<Value> {
        self.strategy_in(shape, None, &mut Vec::new()).unwrap_or_else(|| panic!("{shape} has no finite value"))
    }

    fn strategy_in(
        &self,
        name: &str,
        format: Option<TimeFormat>,
        path: &mut Vec<String>,
    ) -> Option<BoxedStrategy<Value>> {
        if path.iter().filter(|p| *p == name).count() >= MAX_REPEATS {
            return None;
        }
        path.push(name.to_owned());
        let strategy = self.shape_strategy(name, format, path);
        path.pop();
        strategy
    }

    fn shape_strategy(
        &self,
        name: &str,
        format: Option<TimeFormat>,
        path: &mut Vec<String>,
    ) -> Option<BoxedStrategy<Value>> {
        Some(match self.shape(name) {
            Shape::String(values) if values.is_empty() => text().prop_map(Value::Str).boxed(),
            Shape::String(values) => enum_value(values.clone()).prop_map(Value::Str).boxed(),
            Shape::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
            Shape::Integer(8) => any::<i8>().prop_map(|v| Value::Int(v.into())).boxed(),
            Shape::Integer(16) => any::<i16>().prop_map(|v| Value::Int(v.into())).boxed(),
            Shape::Integer(32) => any::<i32>().prop_map(|v| Value::Int(v.into())).boxed(),
            Shape::Integer(_) => any::<i64>().prop_map(Value::Int).boxed(),
            Shape::Float => proptest::num::f32::ANY.prop_map(|v| Value::Float(v.into())).boxed(),
            Shape::Double => proptest::num::f64::ANY.prop_map(Value::Float).boxed(),
            Shape::Timestamp(own) => timestamp(format.or(*own).unwrap_or(TimeFormat::EpochSeconds)),
            Shape::Blob => vec(any::<u8>(), 0..12).prop_map(Value::Blob).boxed(),
            Shape::Document => document().prop_map(Value::Doc).boxed(),
            Shape::List { member, sparse } => {
                let Some(item) = self.strategy_in(member, None, path) else {
                    return Some(Just(Value::List(Vec::new())).boxed());
                };
                let item =
                    if *sparse { proptest::option::weighted(0.8, item).boxed() } else { item.prop_map(Some).boxed() };
                vec(item, 0..max_len(path)).prop_map(Value::List).boxed()
            }
            Shape::Map { key, value, sparse } => {
                let key = self.strategy_in(key, None, path)?.prop_map(|k| match k {
                    Value::Str(s) => s,
                    other => panic!("map keys are strings, not {other:?}"),
                });
                let Some(value) = self.strategy_in(value, None, path) else {
                    return Some(Just(Value::Map(Vec::new())).boxed());
                };
                let value =
                    if *sparse { proptest::option::weighted(0.8, value).boxed() } else { value.prop_map(Some).boxed() };
                vec((key, value), 0..max_len(path))
                    .prop_map(|mut entries| {
                        let mut seen = std::collections::HashSet::new();
                        entries.retain(|(k, _)| seen.insert(k.clone()));
                        Value::Map(entries)
                    })
                    .boxed()
            }
            Shape::Structure(members) => {
                let mut parts = Vec::new();
                for member in members {
                    let part = match (self.member_strategy(member, path), member.required) {
                        (Some(s), true) => s.prop_map(Some).boxed(),
                        (Some(s), false) => proptest::option::of(s).boxed(),
                        (None, true) => return None,
                        (None, false) => Just(None).boxed(),
                    };
                    let name = member.name.clone();
                    parts.push(part.prop_map(move |v| v.map(|v| (name.clone(), v))));
                }
                parts.prop_map(|set| Value::Struct(set.into_iter().flatten().collect())).boxed()
            }
            Shape::Union(members) => {
                let choices: Vec<_> = members
                    .iter()
                    .filter_map(|member| {
                        let name = member.name.clone();
                        Some(
                            self.member_strategy(member, path)?
                                .prop_map(move |v| Value::Union(name.clone(), Box::new(v))),
                        )
                    })
                    .collect();
                if choices.is_empty() {
                    return None;
                }
                Union::new(choices).boxed()
            }
        })
    }

    fn member_strategy(&self, member: &Member, path: &mut Vec<String>) -> Option<BoxedStrategy<Value>> {
        if member.host_label {
            // The serializer refuses anything else, as the service would.
            return Some("[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?".prop_map(Value::Str).boxed());
        }
        self.strategy_in(&member.shape, member.time_format, path)
    }
}

/// Short strings rich in what JSON must escape: quotes, backslashes, control
/// characters, non-ASCII and characters outside the BMP.
fn text() -> BoxedStrategy<String> {
    let char = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => prop_oneof![Just('"'), Just('\\'), Just('/'), Just('\n'), Just('\u{7f}')],
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        2 => any::<char>(),
    ];
    vec(char, 0..10).prop_map(String::from_iter).boxed()
}

/// A known value most of the time, else one the model does not list.
fn enum_value(known: Vec<String>) -> BoxedStrategy<String> {
    let unknown = known.clone();
    prop_oneof![
        4 => proptest::sample::select(known),
        1 => text().prop_filter("a value the model lists", move |s| !unknown.contains(s)),
    ]
    .boxed()
}

fn timestamp(format: TimeFormat) -> BoxedStrategy<Value> {
    // Years 1 to 9999, and often the years services actually send.
    let ms = prop_oneof![-62_135_596_800_000i64..253_402_300_800_000, 0i64..4_102_444_800_000];
    match format {
        // HTTP dates have no fraction of a second.
        TimeFormat::HttpDate => ms.prop_map(|ms| Value::Time(ms - ms.rem_euclid(1000))).boxed(),
        _ => ms.prop_map(Value::Time).boxed(),
    }
}

fn document() -> BoxedStrategy<Doc> {
    let number = prop_oneof![proptest::num::f64::NORMAL | proptest::num::f64::ZERO | proptest::num::f64::SUBNORMAL];
    let leaf = prop_oneof![
        Just(Doc::Null),
        any::<bool>().prop_map(Doc::Bool),
        any::<i64>().prop_map(Doc::Int),
        number.prop_map(Doc::Float),
        text().prop_map(Doc::Str),
    ];
    // Null only inside: through serde, a member holding a bare null document
    // reads back as an unset member, so it could not be built for a request.
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Doc::Array),
            vec((text(), inner), 0..4).prop_map(|mut entries| {
                let mut seen = std::collections::HashSet::new();
                entries.retain(|(k, _)| seen.insert(k.clone()));
                Doc::Object(entries)
            }),
        ]
    })
    .prop_filter("a bare null document", |doc| *doc != Doc::Null)
    .boxed()
}
