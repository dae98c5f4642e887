//! Elements keep their source as written when the typed value would write them
//! differently, and export uses that source while the element is unchanged.

use super::compare::serializes_to;
use crate::object::decode_strict;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The source to keep beside `typed`: `None` when `typed` writes it back exactly.
pub fn source_to_keep<T: Serialize>(typed: &T, source: Value) -> Option<Value> {
    let same = serializes_to(typed, &source)?;
    (!same).then_some(source)
}

/// What export writes for an element: its source while `typed` still says the
/// same thing, otherwise `typed` itself.
pub fn written_form<T>(typed: &T, source: Option<&Value>) -> Value
where
    T: Serialize + DeserializeOwned + PartialEq,
{
    if let Some(source) = source
        && let Ok((decoded, _)) = decode_strict::<T>(source)
        && &decoded == typed
    {
        return source.clone();
    }
    serde_json::to_value(typed).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::Container;
    use serde_json::json;

    #[test]
    fn a_number_quantity_is_kept_until_the_element_changes() {
        let source = json!({"name": "a", "resources": {"limits": {"cpu": 1}}, "futureField": true});
        let (mut typed, _) = decode_strict::<Container>(&source).unwrap();
        let kept = source_to_keep(&typed, source.clone());
        assert_eq!(kept.as_ref(), Some(&source));
        assert_eq!(written_form(&typed, kept.as_ref()), source);
        typed.image = Some("nginx:1.27.3".into());
        let written = written_form(&typed, kept.as_ref());
        assert_eq!(written["image"], "nginx:1.27.3");
        assert_eq!(written["resources"]["limits"]["cpu"], "1");
    }

    #[test]
    fn nothing_is_kept_when_the_typed_value_writes_the_same() {
        let source = json!({"name": "a", "image": "x"});
        let (typed, _) = decode_strict::<Container>(&source).unwrap();
        assert_eq!(source_to_keep(&typed, source), None);
    }
}
