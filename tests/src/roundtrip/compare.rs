//! Compares a generated value with what came back, member by member, guided
//! by the model: a dropped, added or altered member is an error naming its path.

use super::model::{Model, Shape, TimeFormat};
use super::time;
use super::tree::Tree;
use super::value::{Doc, Value};
use super::wire::base64;

/// The form the value came back in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// A request body as sent (parsed as plain JSON).
    Wire,
    /// A typed value serialized through its serde derives.
    Serde,
}

impl Model {
    /// `Ok` when `actual` holds exactly `expected`, a value of `shape`.
    pub fn compare(&self, shape: &str, expected: &Value, actual: &Tree, repr: Repr) -> Result<(), String> {
        self.check(shape, None, expected, actual, repr, shape)
    }

    fn check(
        &self,
        shape: &str,
        format: Option<TimeFormat>,
        exp: &Value,
        act: &Tree,
        repr: Repr,
        path: &str,
    ) -> Result<(), String> {
        let mismatch = || Err(format!("{path}: expected {exp:?}, got {act:?}"));
        match (self.shape(shape), exp, act) {
            (Shape::String(_), Value::Str(e), Tree::Str(a)) if e == a => Ok(()),
            (Shape::Boolean, Value::Bool(e), Tree::Bool(a)) if e == a => Ok(()),
            (Shape::Integer(_), Value::Int(e), Tree::I64(a)) if e == a => Ok(()),
            (Shape::Integer(_), Value::Int(e), Tree::U64(a)) if u64::try_from(*e) == Ok(*a) => Ok(()),
            (Shape::Float, Value::Float(e), act) if float_matches(*e, act, repr, true) => Ok(()),
            (Shape::Double, Value::Float(e), act) if float_matches(*e, act, repr, false) => Ok(()),
            (Shape::Timestamp(own), Value::Time(ms), act) => {
                let format = format.or(*own).unwrap_or(TimeFormat::EpochSeconds);
                let got = match (repr, format, act) {
                    (Repr::Serde, _, Tree::Str(s)) | (Repr::Wire, TimeFormat::Iso8601, Tree::Str(s)) => {
                        time::parse_rfc3339(s)
                    }
                    (Repr::Wire, TimeFormat::HttpDate, Tree::Str(s)) => time::parse_http_date(s),
                    (Repr::Wire, TimeFormat::EpochSeconds, Tree::I64(secs)) => secs.checked_mul(1000),
                    (Repr::Wire, TimeFormat::EpochSeconds, Tree::F64(secs)) => Some(time::epoch_ms(*secs)),
                    _ => None,
                };
                if got == Some(*ms) { Ok(()) } else { mismatch() }
            }
            (Shape::Blob, Value::Blob(e), Tree::Str(a)) if base64(e) == *a => Ok(()),
            (Shape::Document, Value::Doc(e), act) if doc_matches(e, act) => Ok(()),
            (Shape::List { member, .. }, Value::List(items), Tree::Seq(acts)) if items.len() == acts.len() => {
                for (i, (item, act)) in items.iter().zip(acts).enumerate() {
                    self.check_optional(member, item.as_ref(), act, repr, &format!("{path}[{i}]"))?;
                }
                Ok(())
            }
            (Shape::Map { value, .. }, Value::Map(entries), Tree::Map(acts)) if entries.len() == acts.len() => {
                for (key, item) in entries {
                    let path = format!("{path}[{key:?}]");
                    let act = acts.iter().find(|(k, _)| k == key).ok_or_else(|| format!("{path}: missing"))?;
                    self.check_optional(value, item.as_ref(), &act.1, repr, &path)?;
                }
                Ok(())
            }
            (Shape::Structure(members), Value::Struct(set), Tree::Map(acts)) => {
                if let Some((extra, _)) = acts.iter().find(|(k, _)| !set.iter().any(|(name, _)| name == k)) {
                    return Err(format!("{path}.{extra}: not set, yet present in {act:?}"));
                }
                for (name, item) in set {
                    let member = members.iter().find(|m| &m.name == name).expect("a modeled member");
                    let path = format!("{path}.{name}");
                    let act = acts.iter().find(|(k, _)| k == name).ok_or_else(|| format!("{path}: dropped"))?;
                    self.check(&member.shape, member.time_format, item, &act.1, repr, &path)?;
                }
                Ok(())
            }
            (Shape::Union(members), Value::Union(name, item), act) => {
                let act = match (repr, act) {
                    (Repr::Serde, Tree::Variant(k, v)) if k == name => &**v,
                    (Repr::Wire, Tree::Map(entries)) if entries.len() == 1 && &entries[0].0 == name => &entries[0].1,
                    _ => return mismatch(),
                };
                let member = members.iter().find(|m| &m.name == name).expect("a modeled member");
                self.check(&member.shape, member.time_format, item, act, repr, &format!("{path}.{name}"))
            }
            _ => mismatch(),
        }
    }

    fn check_optional(
        &self,
        shape: &str,
        exp: Option<&Value>,
        act: &Tree,
        repr: Repr,
        path: &str,
    ) -> Result<(), String> {
        match (exp, act) {
            (None, Tree::Null) => Ok(()),
            (Some(exp), act) => self.check(shape, None, exp, act, repr, path),
            (None, act) => Err(format!("{path}: expected null, got {act:?}")),
        }
    }
}

/// Bit for bit (so `-0.0` is not `0.0`), NaN matching any NaN; on the wire,
/// NaN and the infinities are strings.
fn float_matches(exp: f64, act: &Tree, repr: Repr, single: bool) -> bool {
    let same = |a: f64| {
        if single { (a as f32).to_bits() == (exp as f32).to_bits() } else { a.to_bits() == exp.to_bits() }
    };
    match act {
        _ if exp.is_nan() => {
            matches!(act, Tree::F32(a) if a.is_nan())
                || matches!(act, Tree::F64(a) if a.is_nan())
                || (repr == Repr::Wire && *act == Tree::Str("NaN".into()))
        }
        Tree::Str(s) if repr == Repr::Wire => {
            (exp == f64::INFINITY && s == "Infinity") || (exp == f64::NEG_INFINITY && s == "-Infinity")
        }
        Tree::F32(a) => same(f64::from(*a)),
        Tree::F64(a) => same(*a),
        _ => false,
    }
}

fn doc_matches(exp: &Doc, act: &Tree) -> bool {
    match (exp, act) {
        (Doc::Null, Tree::Null) => true,
        (Doc::Bool(e), Tree::Bool(a)) => e == a,
        (Doc::Int(e), Tree::I64(a)) => e == a,
        (Doc::Int(e), Tree::U64(a)) => u64::try_from(*e) == Ok(*a),
        (Doc::Float(e), Tree::F64(a)) => e.to_bits() == a.to_bits(),
        // A float with no fraction may come back as the integer it equals.
        (Doc::Float(e), Tree::I64(a)) => e.fract() == 0.0 && *e != 0.0 && *e == *a as f64,
        (Doc::Float(e), Tree::U64(a)) => e.fract() == 0.0 && *e != 0.0 && *e == *a as f64,
        (Doc::Str(e), Tree::Str(a)) => e == a,
        (Doc::Array(e), Tree::Seq(a)) => e.len() == a.len() && e.iter().zip(a).all(|(e, a)| doc_matches(e, a)),
        (Doc::Object(e), Tree::Map(a)) => {
            e.len() == a.len() && e.iter().all(|(k, e)| a.iter().any(|(ak, a)| ak == k && doc_matches(e, a)))
        }
        _ => false,
    }
}
