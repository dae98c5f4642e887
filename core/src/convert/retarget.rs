//! Turns a design into another workload kind with valid defaults: matching
//! labels and selector, and a restart policy the new kind accepts.

use crate::model::{Design, Workload, WorkloadKind};
use serde_json::{Map, Value, json};

/// The same Pod as a `kind` workload. The workload's own settings (replicas,
/// strategy, schedule, ...) start from defaults when the kind changes.
pub fn retarget(design: &Design, kind: WorkloadKind) -> Design {
    if design.workload.kind == kind {
        return design.clone();
    }
    let mut pod = design.pod.clone();
    pod.settings.restart_policy = restart_policy_for(kind, pod.settings.restart_policy.take());
    Design {
        workload: retarget_workload(&design.workload, kind),
        pod,
        companions: design.companions.clone(),
        workload_position: design.workload_position,
    }
}

/// The workload object of the same Pod as a `kind` workload: matching labels
/// and selector, and the kind's own settings from defaults. The UI calls it on
/// its own design, whose Pod spec it holds as JSON (see [`restart_policy_for`]).
pub fn retarget_workload(workload: &Workload, kind: WorkloadKind) -> Workload {
    if workload.kind == kind {
        return workload.clone();
    }
    let name = workload_name(workload);
    let mut pod_metadata = workload.pod_metadata().cloned().unwrap_or_default();
    let mut labels = pod_metadata
        .get("labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if labels.is_empty() {
        labels.insert(
            "app.kubernetes.io/name".to_owned(),
            Value::from(name.clone()),
        );
    }
    pod_metadata.insert("labels".to_owned(), Value::Object(labels.clone()));
    for key in [
        "name",
        "namespace",
        "generateName",
        "uid",
        "resourceVersion",
        "creationTimestamp",
    ] {
        pod_metadata.shift_remove(key);
    }

    let mut metadata = Map::new();
    metadata.insert("name".to_owned(), Value::from(name.clone()));
    if let Some(namespace) = workload
        .object
        .get("metadata")
        .and_then(|m| m.get("namespace"))
    {
        metadata.insert("namespace".to_owned(), namespace.clone());
    }
    metadata.insert("labels".to_owned(), Value::Object(labels.clone()));

    let template = json!({ "metadata": pod_metadata });
    let selector = json!({ "matchLabels": labels });
    let spec = match kind {
        WorkloadKind::Pod => Value::Null,
        WorkloadKind::Deployment | WorkloadKind::ReplicaSet => {
            json!({ "replicas": 1, "selector": selector, "template": template })
        }
        WorkloadKind::StatefulSet => {
            json!({ "replicas": 1, "serviceName": name, "selector": selector, "template": template })
        }
        WorkloadKind::DaemonSet => json!({ "selector": selector, "template": template }),
        WorkloadKind::Job => json!({ "backoffLimit": 6, "template": template }),
        WorkloadKind::CronJob => json!({
            "schedule": "0 * * * *",
            "concurrencyPolicy": "Forbid",
            "jobTemplate": { "spec": { "backoffLimit": 6, "template": template } }
        }),
    };

    let mut object = Map::new();
    object.insert("apiVersion".to_owned(), Value::from(kind.api_version()));
    object.insert("kind".to_owned(), Value::from(kind.as_str()));
    if kind == WorkloadKind::Pod {
        let mut pod_meta = pod_metadata;
        pod_meta.insert("name".to_owned(), Value::from(name));
        object.insert("metadata".to_owned(), Value::Object(pod_meta));
    } else {
        object.insert("metadata".to_owned(), Value::Object(metadata));
        object.insert("spec".to_owned(), spec);
    }
    Workload { kind, object }
}

/// The workload's name, or the Pod template's, or a placeholder.
fn workload_name(workload: &Workload) -> String {
    let name_in =
        |meta: Option<&Map<String, Value>>| meta?.get("name")?.as_str().map(str::to_owned);
    name_in(workload.object.get("metadata").and_then(Value::as_object))
        .or_else(|| name_in(workload.pod_metadata()))
        .unwrap_or_else(|| "app".to_owned())
}

/// The Pod's restart policy as a `kind` workload: controllers need `Always`
/// (or none), Jobs `Never` or `OnFailure`; a Pod keeps its own.
pub fn restart_policy_for(kind: WorkloadKind, current: Option<String>) -> Option<String> {
    match kind {
        WorkloadKind::Pod => current,
        WorkloadKind::Job | WorkloadKind::CronJob => match current.as_deref() {
            Some("OnFailure") => current,
            _ => Some("Never".to_owned()),
        },
        _ => match current.as_deref() {
            Some("Always") => current,
            _ => None,
        },
    }
}
