//! Whether a value serializes to a given JSON value, answered while it
//! serializes: `serde_json::to_value(typed) == expected` without building the
//! tree, comparing it or dropping it, and the first difference ends the walk.
//! Import asks this of every container and volume it reads.

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::{Map, Value};
use std::fmt;

/// True when `typed` serializes to exactly `expected`, as
/// `serde_json::to_value(typed)` would; `None` when it does not serialize to
/// JSON at all.
pub(crate) fn serializes_to<T: Serialize + ?Sized>(typed: &T, expected: &Value) -> Option<bool> {
    match typed.serialize(Compare(expected)) {
        Ok(()) => Some(true),
        Err(Stop::Differs) => Some(false),
        Err(Stop::Unserializable) => None,
        Err(Stop::NonStringKey) => serde_json::to_value(typed)
            .ok()
            .map(|written| written == *expected),
    }
}

/// Why the comparison stopped early.
#[derive(Debug)]
enum Stop {
    /// The serialization differs from the expected value.
    Differs,
    /// The value cannot be serialized to JSON.
    Unserializable,
    /// A map key other than a string, which serde_json converts in ways this
    /// walk does not repeat: the caller builds the value instead.
    NonStringKey,
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stop::Differs => "the serialization differs",
            Stop::Unserializable => "the value does not serialize to JSON",
            Stop::NonStringKey => "a map key that is not a string",
        })
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<M: fmt::Display>(_message: M) -> Self {
        Stop::Unserializable
    }
}

/// Compares what is serialized into it with the value it holds.
struct Compare<'v>(&'v Value);

impl<'v> Compare<'v> {
    /// Compares a scalar as serde_json's own value serializer writes it.
    fn scalar(self, written: Result<Value, serde_json::Error>) -> Result<(), Stop> {
        match written {
            Ok(written) if written == *self.0 => Ok(()),
            Ok(_) => Err(Stop::Differs),
            Err(_) => Err(Stop::Unserializable),
        }
    }

    fn array(self) -> Result<&'v [Value], Stop> {
        self.0.as_array().map(Vec::as_slice).ok_or(Stop::Differs)
    }

    fn object(&self) -> Result<&'v Map<String, Value>, Stop> {
        self.0.as_object().ok_or(Stop::Differs)
    }

    /// The value under the single key `variant`: serde_json writes an enum
    /// variant with data as `{variant: data}`.
    fn variant(&self, variant: &str) -> Result<&'v Value, Stop> {
        let map = self.object()?;
        match map.get(variant) {
            Some(inner) if map.len() == 1 => Ok(inner),
            _ => Err(Stop::Differs),
        }
    }
}

/// Calls `$each!` with every serializer method that takes a plain value.
macro_rules! scalar_methods {
    ($each:ident) => {
        $each! {
            serialize_bool: bool,
            serialize_i8: i8,
            serialize_i16: i16,
            serialize_i32: i32,
            serialize_i64: i64,
            serialize_i128: i128,
            serialize_u8: u8,
            serialize_u16: u16,
            serialize_u32: u32,
            serialize_u64: u64,
            serialize_u128: u128,
            serialize_f32: f32,
            serialize_f64: f64,
            serialize_char: char,
            serialize_bytes: &[u8],
        }
    };
}

macro_rules! scalars {
    ($($method:ident: $type:ty),* $(,)?) => {
        $(fn $method(self, v: $type) -> Result<(), Stop> {
            self.scalar(serde_json::value::Serializer.$method(v))
        })*
    };
}

impl<'v> ser::Serializer for Compare<'v> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = CompareSeq<'v>;
    type SerializeTuple = CompareSeq<'v>;
    type SerializeTupleStruct = CompareSeq<'v>;
    type SerializeTupleVariant = CompareSeq<'v>;
    type SerializeMap = CompareMap<'v>;
    type SerializeStruct = CompareMap<'v>;
    type SerializeStructVariant = CompareMap<'v>;

    scalar_methods!(scalars);

    fn serialize_str(self, v: &str) -> Result<(), Stop> {
        match self.0 {
            Value::String(expected) if expected == v => Ok(()),
            _ => Err(Stop::Differs),
        }
    }

    fn serialize_none(self) -> Result<(), Stop> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Stop> {
        if self.0.is_null() {
            Ok(())
        } else {
            Err(Stop::Differs)
        }
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Stop> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Stop> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(Compare(self.variant(variant)?))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<CompareSeq<'v>, Stop> {
        Ok(CompareSeq {
            items: self.array()?.iter(),
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<CompareSeq<'v>, Stop> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<CompareSeq<'v>, Stop> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<CompareSeq<'v>, Stop> {
        Compare(self.variant(variant)?).serialize_seq(Some(len))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<CompareMap<'v>, Stop> {
        Ok(CompareMap {
            expected: self.object()?,
            compared: 0,
            key: None,
        })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<CompareMap<'v>, Stop> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<CompareMap<'v>, Stop> {
        Compare(self.variant(variant)?).serialize_map(Some(len))
    }
}

/// A sequence being compared with an array, item by item.
struct CompareSeq<'v> {
    items: std::slice::Iter<'v, Value>,
}

impl CompareSeq<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        value.serialize(Compare(self.items.next().ok_or(Stop::Differs)?))
    }

    fn finish(self) -> Result<(), Stop> {
        match self.items.len() {
            0 => Ok(()),
            _ => Err(Stop::Differs),
        }
    }
}

/// The four sequence traits, each handing its items to [`CompareSeq::item`].
macro_rules! compare_items {
    ($($trait:ident::$method:ident),*) => {
        $(impl ser::$trait for CompareSeq<'_> {
            type Ok = ();
            type Error = Stop;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
                self.item(value)
            }

            fn end(self) -> Result<(), Stop> {
                self.finish()
            }
        })*
    };
}

compare_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A map or struct being compared with an object, entry by entry. Equal
/// when every entry written matches and as many were written as the object
/// holds: maps and structs that never write a key twice, as every
/// Kubernetes type's do.
struct CompareMap<'v> {
    expected: &'v Map<String, Value>,
    compared: usize,
    /// The value under the key just written, for the value that follows.
    key: Option<&'v Value>,
}

impl<'v> CompareMap<'v> {
    fn entry<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Stop> {
        let expected = self.expected.get(key).ok_or(Stop::Differs)?;
        self.compared += 1;
        value.serialize(Compare(expected))
    }

    fn finish(self) -> Result<(), Stop> {
        if self.compared == self.expected.len() {
            Ok(())
        } else {
            Err(Stop::Differs)
        }
    }
}

impl ser::SerializeMap for CompareMap<'_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        let key = key.serialize(StringKey)?;
        let expected = self.expected.get(key.as_str()).ok_or(Stop::Differs)?;
        self.compared += 1;
        self.key = Some(expected);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        value.serialize(Compare(self.key.take().ok_or(Stop::Unserializable)?))
    }

    fn end(self) -> Result<(), Stop> {
        self.finish()
    }
}

/// The two struct traits, each handing its fields to [`CompareMap::entry`].
macro_rules! compare_fields {
    ($($trait:ident),*) => {
        $(impl ser::$trait for CompareMap<'_> {
            type Ok = ();
            type Error = Stop;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Stop> {
                self.entry(key, value)
            }

            fn end(self) -> Result<(), Stop> {
                self.finish()
            }
        })*
    };
}

compare_fields!(SerializeStruct, SerializeStructVariant);

/// Takes a map key that is a string, and refuses every other kind.
struct StringKey;

macro_rules! not_a_string {
    ($($method:ident: $type:ty),* $(,)?) => {
        $(fn $method(self, _v: $type) -> Result<String, Stop> {
            Err(Stop::NonStringKey)
        })*
    };
}

impl ser::Serializer for StringKey {
    type Ok = String;
    type Error = Stop;
    type SerializeSeq = Impossible<String, Stop>;
    type SerializeTuple = Impossible<String, Stop>;
    type SerializeTupleStruct = Impossible<String, Stop>;
    type SerializeTupleVariant = Impossible<String, Stop>;
    type SerializeMap = Impossible<String, Stop>;
    type SerializeStruct = Impossible<String, Stop>;
    type SerializeStructVariant = Impossible<String, Stop>;

    scalar_methods!(not_a_string);

    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_str(self, v: &str) -> Result<String, Stop> {
        Ok(v.to_owned())
    }

    fn serialize_none(self) -> Result<String, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<String, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_unit(self) -> Result<String, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<String, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, Stop> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Stop> {
        Err(Stop::NonStringKey)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop::NonStringKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{Container, Volume};
    use serde_json::json;
    use std::collections::BTreeMap;

    /// The answer `serializes_to` must give: the one from building the value.
    fn built<T: Serialize>(typed: &T, expected: &Value) -> Option<bool> {
        serde_json::to_value(typed).ok().map(|w| w == *expected)
    }

    fn container(value: Value) -> Container {
        serde_json::from_value(value).expect("a container")
    }

    #[test]
    fn agrees_with_building_the_value() {
        let typed = container(json!({
            "name": "app",
            "image": "nginx:1.27.3",
            "args": ["-g", "daemon off;"],
            "ports": [{"containerPort": 80, "name": "http"}],
            "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}},
            "env": [{"name": "A", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
            "securityContext": {"runAsNonRoot": true, "capabilities": {"drop": ["ALL"]}}
        }));
        let same = serde_json::to_value(&typed).unwrap();
        let variants = [
            same.clone(),
            // A number where the typed value writes a string (a quantity).
            json!({"name": "app", "resources": {"limits": {"cpu": 1}}}),
            // A field the type does not have, and one left out.
            {
                let mut v = same.clone();
                v["futureField"] = json!(true);
                v
            },
            {
                let mut v = same.clone();
                v.as_object_mut().unwrap().shift_remove("image");
                v
            },
            // An explicit null, a longer list, a shorter one, a changed item.
            {
                let mut v = same.clone();
                v["workingDir"] = Value::Null;
                v
            },
            {
                let mut v = same.clone();
                v["args"] = json!(["-g", "daemon off;", "x"]);
                v
            },
            {
                let mut v = same.clone();
                v["args"] = json!(["-g"]);
                v
            },
            {
                let mut v = same.clone();
                v["ports"][0]["containerPort"] = json!(81);
                v
            },
            {
                let mut v = same.clone();
                v["ports"][0]["containerPort"] = json!(80.0);
                v
            },
            json!(null),
            json!([]),
            json!("app"),
        ];
        for (index, expected) in variants.iter().enumerate() {
            assert_eq!(
                serializes_to(&typed, expected),
                built(&typed, expected),
                "variant {index}: {expected}"
            );
        }
        assert_eq!(serializes_to(&typed, &same), Some(true));
    }

    #[test]
    fn volumes_with_byte_strings_and_maps_agree_too() {
        let typed: Volume = serde_json::from_value(json!({
            "name": "config",
            "configMap": {"name": "c", "items": [{"key": "a", "path": "a"}], "defaultMode": 288}
        }))
        .unwrap();
        let same = serde_json::to_value(&typed).unwrap();
        assert_eq!(serializes_to(&typed, &same), Some(true));
        let mut other = same.clone();
        other["configMap"]["defaultMode"] = json!("0440");
        assert_eq!(serializes_to(&typed, &other), Some(false));
    }

    #[test]
    fn keys_that_are_not_strings_fall_back_to_building_the_value() {
        let typed: BTreeMap<u32, &str> = [(1, "a")].into();
        assert_eq!(serializes_to(&typed, &json!({"1": "a"})), Some(true));
        assert_eq!(serializes_to(&typed, &json!({"2": "a"})), Some(false));
    }

    #[test]
    fn what_json_cannot_hold_is_unserializable() {
        let typed: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        assert_eq!(serializes_to(&typed, &json!({})), None);
        assert_eq!(built(&typed, &json!({})), None);
    }
}
