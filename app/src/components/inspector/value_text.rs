//! How a field's JSON value shows as text in a form control, and back.
//! YAML is written here and read by the server (`POST /api/v1/read-yaml`),
//! so that the wasm carries no YAML reader.

use podwright_core::yaml::write_document;
use serde_json::{Map, Value};

/// The kinds of form control a field can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Text,
    /// An integer.
    Number,
    /// A yes/no, or unset.
    Bool,
    /// One of a few strings, or unset.
    Choice(&'static [&'static str]),
    /// A list of strings, one per line.
    Lines,
    /// A string map, one `key=value` per line.
    Pairs,
    /// Any value, as YAML.
    Yaml,
}

/// The text a control shows for `value`.
pub fn to_text(kind: Kind, value: &Value) -> String {
    match (kind, value) {
        (_, Value::Null) => String::new(),
        (Kind::Lines, Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("\n"),
        (Kind::Pairs, Value::Object(map)) => map
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (Kind::Yaml, value) => write_document(value),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// What typed text stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    /// The value (`Value::Null` for empty text, which removes the field).
    Value(Value),
    /// YAML, for the server to read.
    Yaml(String),
}

/// What typed text stands for; empty text removes the field.
pub fn from_text(kind: Kind, text: &str) -> Result<Reading, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(Reading::Value(Value::Null));
    }
    let value = match kind {
        Kind::Yaml => return Ok(Reading::Yaml(text.to_owned())),
        Kind::Text | Kind::Choice(_) => Value::from(text.to_owned()),
        Kind::Number => trimmed
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("{trimmed:?} is not a whole number"))?,
        Kind::Bool => match trimmed {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => return Err(format!("{other:?} is neither true nor false")),
        },
        Kind::Lines => Value::Array(text.lines().map(|l| Value::from(l.to_owned())).collect()),
        Kind::Pairs => {
            let mut map = Map::new();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let (key, value) = line
                    .split_once('=')
                    .ok_or_else(|| format!("{line:?} is not key=value"))?;
                map.insert(key.trim().to_owned(), Value::from(value.trim().to_owned()));
            }
            Value::Object(map)
        }
    };
    Ok(Reading::Value(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_round_trip_through_their_controls() {
        let cases = [
            (Kind::Text, json!("nginx:1.27.3")),
            (Kind::Number, json!(30)),
            (Kind::Bool, json!(true)),
            (Kind::Lines, json!(["sh", "-c", "echo hi"])),
            (Kind::Pairs, json!({"app": "web", "tier": "front"})),
        ];
        for (kind, value) in cases {
            assert_eq!(
                from_text(kind, &to_text(kind, &value)),
                Ok(Reading::Value(value.clone())),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn yaml_is_written_here_and_left_to_the_server_to_read() {
        let value = json!({"secretKeyRef": {"name": "db", "key": "password"}});
        let text = to_text(Kind::Yaml, &value);
        assert_eq!(text, "secretKeyRef:\n  name: db\n  key: password\n");
        assert_eq!(
            from_text(Kind::Yaml, &text),
            Ok(Reading::Yaml(text.clone()))
        );
    }

    #[test]
    fn empty_text_unsets_and_bad_text_says_why() {
        assert_eq!(
            from_text(Kind::Number, "  "),
            Ok(Reading::Value(Value::Null))
        );
        assert_eq!(from_text(Kind::Yaml, "\n"), Ok(Reading::Value(Value::Null)));
        assert!(
            from_text(Kind::Number, "ten")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(from_text(Kind::Pairs, "novalue").is_err());
    }
}
