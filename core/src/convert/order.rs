//! Key order as kubectl users expect to read it: `apiVersion`, `kind`,
//! `metadata`, `spec` at the top, `name` first in every list item, then the
//! fields people look at first. Keys not ranked keep their relative order.

use rustc_hash::FxHashMap;
use serde_json::Value;
use std::sync::LazyLock;

/// Keys that come first in any mapping, in this order.
const RANKED: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "generateName",
    "namespace",
    "labels",
    "annotations",
    "spec",
    // Workload specs.
    "schedule",
    "replicas",
    "serviceName",
    "selector",
    "strategy",
    "updateStrategy",
    "template",
    "jobTemplate",
    // Pod specs: the lists people design, before the Pod's settings.
    "initContainers",
    "containers",
    "volumes",
    // Containers.
    "image",
    "imagePullPolicy",
    "restartPolicy",
    "command",
    "args",
    "workingDir",
    "ports",
    "env",
    "envFrom",
    "resources",
    "volumeMounts",
    "startupProbe",
    "readinessProbe",
    "livenessProbe",
    "lifecycle",
    "securityContext",
    // Ports and mounts.
    "containerPort",
    "mountPath",
];

/// Maps whose keys are the user's own (label keys, file names): left as written.
const FREE_FORM: &[&str] = &[
    "labels",
    "annotations",
    "matchLabels",
    "nodeSelector",
    "data",
    "stringData",
    "binaryData",
];

/// Reorders every mapping in `value`, recursively, into kubectl's reading order.
pub fn kubectl_order(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                let nested = matches!(child, Value::Object(_) | Value::Array(_));
                if nested && !FREE_FORM.contains(&key.as_str()) {
                    kubectl_order(child);
                }
            }
            let mut ranks = map.keys().map(|key| rank(key));
            let mut previous = 0;
            if ranks.all(|rank| std::mem::replace(&mut previous, rank) <= rank) {
                return;
            }
            let mut entries: Vec<(usize, (String, Value))> = std::mem::take(map)
                .into_iter()
                .map(|entry| (rank(&entry.0), entry))
                .collect();
            entries.sort_by_key(|(rank, _)| *rank);
            *map = entries.into_iter().map(|(_, entry)| entry).collect();
        }
        Value::Array(items) => items.iter_mut().for_each(kubectl_order),
        _ => {}
    }
}

/// Where `key` goes: its place among the ranked keys, or after all of them.
/// A hash lookup: searching [`RANKED`] in turn for every key of every
/// mapping was about an eighth of exporting a Pod.
fn rank(key: &str) -> usize {
    static RANKS: LazyLock<FxHashMap<&str, usize>> = LazyLock::new(|| {
        RANKED
            .iter()
            .enumerate()
            .map(|(rank, key)| (*key, rank))
            .collect()
    });
    RANKS.get(key).copied().unwrap_or(RANKED.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ranked_keys_first_then_the_rest_as_they_were() {
        let mut value = json!({
            "spec": {"containers": [{"image": "x", "zeta": 1, "name": "a", "alpha": 2}]},
            "status": {},
            "metadata": {"labels": {"tier": "web", "name": "x"}, "name": "n"},
            "kind": "Pod",
            "apiVersion": "v1"
        });
        kubectl_order(&mut value);
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"n","labels":{"tier":"web","name":"x"}},"spec":{"containers":[{"name":"a","image":"x","zeta":1,"alpha":2}]},"status":{}}"#
        );
    }
}
