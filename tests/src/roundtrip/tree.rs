//! A plain value tree that typed values are serialized into and
//! deserialized from through their serde derives (the generated crate's
//! `serde` feature). Unlike `serde_json::Value` it keeps NaN and the
//! infinities, and its maps compare regardless of `HashMap` order.

use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeSeed, EnumAccess, IntoDeserializer, VariantAccess, Visitor};
use serde::ser::{self, Impossible, Serialize};

#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F32(f32),
    F64(f64),
    Str(String),
    Seq(Vec<Tree>),
    Map(Vec<(String, Tree)>),
    /// An enum variant carrying a value: how serde writes a union member.
    Variant(String, Box<Tree>),
}

/// Serializes a typed value into a tree.
pub fn to_tree<T: Serialize + ?Sized>(value: &T) -> Result<Tree, Error> {
    value.serialize(TreeSerializer)
}

/// Deserializes a typed value from a tree.
pub fn from_tree<T: de::DeserializeOwned>(tree: Tree) -> Result<T, Error> {
    T::deserialize(tree)
}

/// A JSON value (a request body as sent) as a tree.
pub fn from_json(json: &serde_json::Value) -> Tree {
    use serde_json::Value as J;
    match json {
        J::Null => Tree::Null,
        J::Bool(b) => Tree::Bool(*b),
        J::Number(n) => n
            .as_i64()
            .map(Tree::I64)
            .or(n.as_u64().map(Tree::U64))
            .unwrap_or_else(|| Tree::F64(n.as_f64().unwrap_or(f64::NAN))),
        J::String(s) => Tree::Str(s.clone()),
        J::Array(items) => Tree::Seq(items.iter().map(from_json).collect()),
        J::Object(map) => Tree::Map(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect()),
    }
}

struct TreeSerializer;

/// Collects the parts of a sequence, map or structure.
#[derive(Default)]
struct Collect {
    items: Vec<Tree>,
    entries: Vec<(String, Tree)>,
    key: Option<String>,
}

impl ser::Serializer for TreeSerializer {
    type Ok = Tree;
    type Error = Error;
    type SerializeSeq = Collect;
    type SerializeTuple = Impossible<Tree, Error>;
    type SerializeTupleStruct = Impossible<Tree, Error>;
    type SerializeTupleVariant = Impossible<Tree, Error>;
    type SerializeMap = Collect;
    type SerializeStruct = Collect;
    type SerializeStructVariant = Impossible<Tree, Error>;

    fn serialize_bool(self, v: bool) -> Result<Tree, Error> {
        Ok(Tree::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Tree, Error> {
        Ok(Tree::I64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Tree, Error> {
        Ok(Tree::I64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Tree, Error> {
        Ok(Tree::I64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Tree, Error> {
        Ok(Tree::I64(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Tree, Error> {
        Ok(Tree::U64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Tree, Error> {
        Ok(Tree::U64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Tree, Error> {
        Ok(Tree::U64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Tree, Error> {
        Ok(Tree::U64(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Tree, Error> {
        Ok(Tree::F32(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Tree, Error> {
        Ok(Tree::F64(v))
    }
    fn serialize_char(self, v: char) -> Result<Tree, Error> {
        Ok(Tree::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Tree, Error> {
        Ok(Tree::Str(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Tree, Error> {
        Ok(Tree::Seq(v.iter().map(|b| Tree::U64((*b).into())).collect()))
    }
    fn serialize_none(self) -> Result<Tree, Error> {
        Ok(Tree::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Tree, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Tree, Error> {
        Ok(Tree::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Tree, Error> {
        Ok(Tree::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Tree, Error> {
        Ok(Tree::Str(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<Tree, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Tree, Error> {
        Ok(Tree::Variant(variant.to_owned(), Box::new(value.serialize(self)?)))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Collect, Error> {
        Ok(Collect::default())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(ser::Error::custom("tuples are not part of any model"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(ser::Error::custom("tuple structs are not part of any model"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom("tuple variants are not part of any model"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Collect, Error> {
        Ok(Collect::default())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Collect, Error> {
        Ok(Collect::default())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom("struct variants are not part of any model"))
    }
}

impl ser::SerializeSeq for Collect {
    type Ok = Tree;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(to_tree(value)?);
        Ok(())
    }
    fn end(self) -> Result<Tree, Error> {
        Ok(Tree::Seq(self.items))
    }
}

impl ser::SerializeMap for Collect {
    type Ok = Tree;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        match to_tree(key)? {
            Tree::Str(key) => self.key = Some(key),
            other => {
                return Err(ser::Error::custom(format!("map key {other:?} is not a string")));
            }
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| <Error as ser::Error>::custom("a value without a key"))?;
        self.entries.push((key, to_tree(value)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, Error> {
        Ok(Tree::Map(self.entries))
    }
}

impl ser::SerializeStruct for Collect {
    type Ok = Tree;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.entries.push((key.to_owned(), to_tree(value)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, Error> {
        Ok(Tree::Map(self.entries))
    }
}

impl<'de> de::Deserializer<'de> for Tree {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Tree::Null => visitor.visit_unit(),
            Tree::Bool(v) => visitor.visit_bool(v),
            Tree::I64(v) => visitor.visit_i64(v),
            Tree::U64(v) => visitor.visit_u64(v),
            Tree::F32(v) => visitor.visit_f32(v),
            Tree::F64(v) => visitor.visit_f64(v),
            Tree::Str(v) => visitor.visit_string(v),
            Tree::Seq(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
            Tree::Map(entries) => visitor.visit_map(MapDeserializer::new(entries.into_iter())),
            Tree::Variant(name, value) => visitor.visit_enum(Variant(name, *value)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Tree::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Tree {
    type Deserializer = Tree;
    fn into_deserializer(self) -> Tree {
        self
    }
}

struct Variant(String, Tree);

impl<'de> EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Tree;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Tree), Error> {
        let name: de::value::StringDeserializer<Error> = self.0.into_deserializer();
        Ok((seed.deserialize(name)?, self.1))
    }
}

impl<'de> VariantAccess<'de> for Tree {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
