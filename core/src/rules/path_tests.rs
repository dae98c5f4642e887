//! Every rule's findings name a place in the document they are about: the
//! field itself, or a missing field whose parent is written. A list is
//! always named down to its element (`containers[0]`, never `containers`
//! followed by a field of its items).

use super::registry;
use super::testing::validate;
use crate::yaml::{Limits, read_stream};
use serde_json::Value;

/// The segments of an API server field path: `a.b[0][k.x]` gives `a`, `b`, `0`, `k.x`.
fn segments(path: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']').unwrap_or(inner.len());
            segments.push(&inner[..end]);
            rest = inner.get(end + 1..).unwrap_or_default();
        } else {
            let name = rest.strip_prefix('.').unwrap_or(rest);
            let end = name.find(['.', '[']).unwrap_or(name.len());
            segments.push(&name[..end]);
            rest = &name[end..];
        }
    }
    segments
}

/// Whether `path` names a node of `document`, or fields missing below a
/// written mapping (a rule about a field not set, such as
/// `securityContext.runAsNonRoot` where no securityContext is written).
/// A field name applied to a list, or an index past its end, names nothing.
fn resolves(document: &Value, path: &str) -> bool {
    let segments = segments(path);
    let mut at = document;
    for (index, segment) in segments.iter().enumerate() {
        let next = match at {
            Value::Object(entries) => entries.get(*segment),
            Value::Array(items) => match segment.parse::<usize>() {
                Ok(i) => items.get(i),
                Err(_) => return false,
            },
            _ => return false,
        };
        match next {
            Some(value) => at = value,
            None => {
                return at.is_object()
                    && segments[index..]
                        .iter()
                        .all(|s| s.parse::<usize>().is_err());
            }
        }
    }
    true
}

#[test]
fn every_fail_case_finding_names_a_node_or_a_missing_field_of_a_written_parent() {
    let mut wrong = Vec::new();
    for rule in registry() {
        for case in rule.fail.iter().map(|case| case.yaml) {
            let stream = read_stream(case, &Limits::default()).expect("case is YAML");
            for finding in validate(case).findings {
                let document = &stream.documents[finding.document.unwrap_or(0)];
                if !resolves(document, &finding.path) {
                    wrong.push(format!("{} ({}): {}", finding.rule, rule.id, finding.path));
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "{} paths name no node:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn lists_are_named_down_to_their_element() {
    let document = serde_json::json!({"spec": {"containers": [{"name": "a"}]}});
    assert!(resolves(&document, "spec.containers[0].name"));
    assert!(resolves(
        &document,
        "spec.containers[0].securityContext.runAsNonRoot"
    ));
    assert!(!resolves(&document, "spec.containers.name"));
    assert!(!resolves(&document, "spec.containers[1]"));
    assert!(!resolves(&document, "spec.containers[0].name.first"));
}
