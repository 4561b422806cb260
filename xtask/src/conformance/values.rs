//! Turns a case's JSON values (`params`, `result`, `error`) into Rust
//! expressions of the generated types, reading the IR for every type and
//! name, so a case builds its values exactly as a user of the crate would.

use codegen::ir::{Member, Service, ShapeKind, TypeRef};
use codegen::naming;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

/// Builds expressions for one generated crate.
pub struct Values<'a> {
    pub service: &'a Service,
    /// The generated crate's library name.
    pub krate: Ident,
}

type Expr = Result<TokenStream, String>;

impl Values<'_> {
    /// A value for a member's Rust field type, boxed where the field is.
    pub fn member(&self, m: &Member, v: &Value) -> Expr {
        let value = self.value(&m.ty, v)?;
        Ok(if m.boxed { quote!(Box::new(#value)) } else { value })
    }

    /// The expected content of a field: `Some(..)`/`None` for optional
    /// fields, the value itself otherwise.
    pub fn field(&self, m: &Member, v: Option<&Value>) -> Expr {
        match (v.filter(|v| !v.is_null()), m.optional) {
            (Some(v), true) => {
                let value = self.member(m, v)?;
                Ok(quote!(Some(#value)))
            }
            (Some(v), false) => self.member(m, v),
            (None, true) => Ok(quote!(None)),
            (None, false) => Err(format!("the case gives no value for required member `{}`", m.wire_name)),
        }
    }

    pub fn value(&self, ty: &TypeRef, v: &Value) -> Expr {
        let k = &self.krate;
        let mismatch = |what: &str| format!("expected {what}, found `{v}`");
        Ok(match ty {
            TypeRef::Bool => {
                let b = v.as_bool().ok_or_else(|| mismatch("a boolean"))?;
                quote!(#b)
            }
            TypeRef::Byte => int(v, "an i8", |n| i8::try_from(n).ok().map(Literal::i8_suffixed))?,
            TypeRef::Short => int(v, "an i16", |n| i16::try_from(n).ok().map(Literal::i16_suffixed))?,
            TypeRef::Integer => int(v, "an i32", |n| i32::try_from(n).ok().map(Literal::i32_suffixed))?,
            TypeRef::Long => int(v, "an i64", |n| Some(Literal::i64_suffixed(n)))?,
            TypeRef::Float => float(v, "f32")?,
            TypeRef::Double => float(v, "f64")?,
            TypeRef::String => {
                let s = v.as_str().ok_or_else(|| mismatch("a string"))?;
                quote!(#s.to_owned())
            }
            TypeRef::Timestamp(_) => {
                let (secs, nanos) = epoch(v).ok_or_else(|| mismatch("epoch seconds"))?;
                quote!(#k::primitives::DateTime::from_secs_and_nanos(#secs, #nanos))
            }
            TypeRef::Blob => {
                // botocore writes blob values as the text of their bytes.
                let s = v.as_str().ok_or_else(|| mismatch("a blob as a string"))?;
                let bytes = Literal::byte_string(s.as_bytes());
                quote!(#k::primitives::Blob::new(#bytes.to_vec()))
            }
            TypeRef::Document => self.document(v),
            TypeRef::List { member, sparse } => {
                let items = v.as_array().ok_or_else(|| mismatch("a list"))?;
                let items = items.iter().map(|i| self.item(member, *sparse, i)).collect::<Result<Vec<_>, _>>()?;
                quote!(vec![#(#items),*])
            }
            TypeRef::Map { key, value, sparse } => {
                let entries = v.as_object().ok_or_else(|| mismatch("a map"))?;
                let mut pairs = Vec::with_capacity(entries.len());
                for (name, item) in entries {
                    let key = self.value(key, &Value::String(name.clone()))?;
                    let item = self.item(value, *sparse, item)?;
                    pairs.push(quote!((#key, #item)));
                }
                quote!(std::collections::HashMap::from([#(#pairs),*]))
            }
            TypeRef::Named(name) => self.named(name, v)?,
        })
    }

    /// A list item or map value: `Option`al in sparse collections.
    fn item(&self, ty: &TypeRef, sparse: bool, v: &Value) -> Expr {
        if !sparse {
            return self.value(ty, v);
        }
        if v.is_null() {
            return Ok(quote!(None));
        }
        let value = self.value(ty, v)?;
        Ok(quote!(Some(#value)))
    }

    fn named(&self, name: &str, v: &Value) -> Expr {
        let k = &self.krate;
        let ty = naming::ident(name);
        let shape = self.service.shapes.get(name).ok_or_else(|| format!("no generated type `{name}`"))?;
        match &shape.kind {
            ShapeKind::Enum(_) => {
                let s = v.as_str().ok_or_else(|| format!("expected a `{name}` value, found `{v}`"))?;
                Ok(quote!(#k::types::#ty::from(#s)))
            }
            ShapeKind::Union(u) => {
                let obj = v.as_object().ok_or_else(|| format!("expected a `{name}` union, found `{v}`"))?;
                let set: Vec<_> = obj.iter().filter(|(_, v)| !v.is_null()).collect();
                let [(key, value)] = set.as_slice() else {
                    return Err(format!("a `{name}` union needs exactly one member set, found {}", set.len()));
                };
                // botocore's name for a member the client's model lacks.
                if *key == "SDK_UNKNOWN_MEMBER" {
                    return Ok(quote!(#k::types::#ty::Unknown));
                }
                let m = find(&u.members, key)?;
                let variant = naming::ident(&m.rust_name);
                let value = self.member(m, value)?;
                Ok(quote!(#k::types::#ty::#variant(#value)))
            }
            ShapeKind::Struct(s) => {
                let obj = v.as_object().ok_or_else(|| format!("expected a `{name}` structure, found `{v}`"))?;
                let setters = self.setters(&s.members, obj)?;
                let build = if s.build_is_fallible() {
                    quote!(.build().expect("the case sets every required member"))
                } else {
                    quote!(.build())
                };
                Ok(quote!(#k::types::#ty::builder() #(#setters)* #build))
            }
        }
    }

    /// `.set_x(Some(..))` calls for the non-null entries of an object; valid
    /// on builders and on fluent builders alike.
    pub fn setters(&self, members: &[Member], obj: &Map<String, Value>) -> Result<Vec<TokenStream>, String> {
        let mut out = Vec::new();
        for (key, v) in obj.iter().filter(|(_, v)| !v.is_null()) {
            let m = find(members, key)?;
            let setter = naming::ident(&naming::prefixed_method("set_", &m.rust_name));
            let value = self.member(m, v)?;
            out.push(quote!(.#setter(Some(#value))));
        }
        Ok(out)
    }

    fn document(&self, v: &Value) -> TokenStream {
        let k = &self.krate;
        let doc = quote!(#k::primitives::Document);
        match v {
            Value::Null => quote!(#doc::Null),
            Value::Bool(b) => quote!(#doc::Bool(#b)),
            Value::Number(n) => {
                let number = quote!(#k::runtime::document::Number);
                if let Some(u) = n.as_u64() {
                    quote!(#doc::Number(#number::PosInt(#u)))
                } else if let Some(i) = n.as_i64() {
                    quote!(#doc::Number(#number::NegInt(#i)))
                } else {
                    // serde_json only holds finite numbers.
                    let f = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                    quote!(#doc::Number(#number::Float(#f)))
                }
            }
            Value::String(s) => quote!(#doc::String(#s.to_owned())),
            Value::Array(items) => {
                let items = items.iter().map(|i| self.document(i));
                quote!(#doc::Array(vec![#(#items),*]))
            }
            Value::Object(entries) => {
                let pairs = entries.iter().map(|(key, v)| {
                    let v = self.document(v);
                    quote!((#key.to_owned(), #v))
                });
                quote!(#doc::Object(std::collections::BTreeMap::from([#(#pairs),*])))
            }
        }
    }
}

/// The member with this wire name.
pub fn find<'m>(members: &'m [Member], wire: &str) -> Result<&'m Member, String> {
    members.iter().find(|m| m.wire_name == wire).ok_or_else(|| format!("the shape has no member `{wire}`"))
}

fn int(v: &Value, what: &str, lit: impl Fn(i64) -> Option<Literal>) -> Expr {
    let n = v.as_i64().and_then(lit).ok_or_else(|| format!("expected {what}, found `{v}`"))?;
    Ok(quote!(#n))
}

/// A number, or one of the strings botocore uses for the non-finite values.
/// Numbers keep the case's decimal text, so rustc rounds them once, to the
/// member's own type.
fn float(v: &Value, ty: &str) -> Expr {
    let finite = |text: &str| match ty {
        "f32" => text.parse::<f32>().is_ok_and(f32::is_finite),
        _ => text.parse::<f64>().is_ok_and(f64::is_finite),
    };
    match v {
        Value::Number(n) => {
            let text = n.to_string();
            if !finite(&text) {
                return Err(format!("`{text}` is out of range for {ty}"));
            }
            let literal: TokenStream = format!("{text}_{ty}").parse().map_err(|e| format!("`{text}`: {e}"))?;
            Ok(literal)
        }
        Value::String(s) => match s.as_str() {
            "NaN" | "Infinity" | "-Infinity" => {
                let ty = naming::ident(ty);
                Ok(match s.as_str() {
                    "NaN" => quote!(#ty::NAN),
                    "Infinity" => quote!(#ty::INFINITY),
                    _ => quote!(#ty::NEG_INFINITY),
                })
            }
            _ => Err(format!("`{s}` is not a float")),
        },
        _ => Err(format!("expected a float, found `{v}`")),
    }
}

/// Epoch seconds as whole seconds and nanoseconds, read from the number's
/// decimal text so that `946845296.123` keeps exactly 123 ms.
fn epoch(v: &Value) -> Option<(i64, u32)> {
    let text = v.as_number()?.to_string();
    if text.contains(['e', 'E']) {
        return None;
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = whole.parse().ok()?;
    let nanos: u32 = format!("{fraction:0<9}").parse().ok()?;
    if nanos > 0 && whole.starts_with('-') {
        // -1.25 is -2 s + 0.75 s.
        return Some((secs - 1, 1_000_000_000 - nanos));
    }
    Some((secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn epoch_keeps_every_decimal_digit() {
        assert_eq!(epoch(&json!(946845296)), Some((946845296, 0)));
        assert_eq!(epoch(&json!(946845296.123)), Some((946845296, 123_000_000)));
        assert_eq!(epoch(&json!(-1.25)), Some((-2, 750_000_000)));
        assert_eq!(epoch(&json!("1")), None);
    }

    #[test]
    fn floats_keep_their_text_and_accept_the_non_finite_strings() {
        let f = |v: Value, ty| float(&v, ty).map(|t| t.to_string());
        assert_eq!(f(json!("NaN"), "f64").unwrap(), "f64 :: NAN");
        assert_eq!(f(json!(1234.5), "f32").unwrap(), "1234.5_f32");
        assert_eq!(f(json!(123456789.12345679), "f64").unwrap(), "123456789.12345679_f64");
        assert!(f(json!(1e300), "f32").is_err(), "out of range for f32");
        assert!(f(json!("nan"), "f64").is_err());
    }
}
