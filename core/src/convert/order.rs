//! Key order as kubectl users expect to read it: `apiVersion`, `kind`,
//! `metadata`, `spec` at the top, `name` first in every list item, then the
//! fields people look at first. Keys not ranked keep their relative order.

use serde_json::Value;

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
                if !FREE_FORM.contains(&key.as_str()) {
                    kubectl_order(child);
                }
            }
            let ranks: Vec<usize> = map.keys().map(|key| rank(key)).collect();
            if ranks.is_sorted() {
                return;
            }
            let mut entries: Vec<(usize, (String, Value))> =
                ranks.into_iter().zip(std::mem::take(map)).collect();
            entries.sort_by_key(|(rank, _)| *rank);
            *map = entries.into_iter().map(|(_, entry)| entry).collect();
        }
        Value::Array(items) => items.iter_mut().for_each(kubectl_order),
        _ => {}
    }
}

/// Where `key` goes: its place among the ranked keys, or after all of them.
fn rank(key: &str) -> usize {
    RANKED
        .iter()
        .position(|ranked| *ranked == key)
        .unwrap_or(RANKED.len())
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
