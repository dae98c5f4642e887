//! Workload objects as typed `k8s-openapi` values, decoded strictly: unknown
//! fields and type errors are reported with their field paths, as the API
//! server's strict field validation reports them.

use crate::model::WorkloadKind;
use crate::path::FieldPath;
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{Pod, PodSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A workload decoded into its `k8s-openapi` type.
#[derive(Clone, Debug, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "decoded once per validation and never kept in collections"
)]
pub enum WorkloadObject {
    /// A bare Pod.
    Pod(Pod),
    /// apps/v1 Deployment.
    Deployment(Deployment),
    /// apps/v1 StatefulSet.
    StatefulSet(StatefulSet),
    /// apps/v1 DaemonSet.
    DaemonSet(DaemonSet),
    /// apps/v1 ReplicaSet.
    ReplicaSet(ReplicaSet),
    /// batch/v1 Job.
    Job(Job),
    /// batch/v1 CronJob.
    CronJob(CronJob),
}

/// A field the type does not have, as strict decoding reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownField {
    /// Where it is, e.g. `spec.containers[0].volumeMount`.
    pub path: FieldPath,
}

/// A value of the wrong type (a string where a number belongs, ...).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct SchemaError {
    /// Where it is.
    pub path: FieldPath,
    /// What is wrong.
    pub message: String,
}

/// The Pod template of a workload, with the path to its spec.
#[derive(Clone, Copy, Debug)]
pub struct PodTemplate<'a> {
    /// The template's metadata (the Pod's own for a Pod).
    pub metadata: Option<&'a ObjectMeta>,
    /// The Pod spec.
    pub spec: &'a PodSpec,
    /// The API server's path to the spec: `spec`, `spec.template.spec`, ...
    pub spec_path: &'a str,
}

impl WorkloadObject {
    /// Decodes `value` as `kind`, listing unknown fields. A type error fails the decode.
    pub fn decode(
        kind: WorkloadKind,
        value: Value,
    ) -> Result<(Self, Vec<UnknownField>), SchemaError> {
        Ok(match kind {
            WorkloadKind::Pod => decode_strict(value).map(|(o, u)| (WorkloadObject::Pod(o), u))?,
            WorkloadKind::Deployment => {
                decode_strict(value).map(|(o, u)| (WorkloadObject::Deployment(o), u))?
            }
            WorkloadKind::StatefulSet => {
                decode_strict(value).map(|(o, u)| (WorkloadObject::StatefulSet(o), u))?
            }
            WorkloadKind::DaemonSet => {
                decode_strict(value).map(|(o, u)| (WorkloadObject::DaemonSet(o), u))?
            }
            WorkloadKind::ReplicaSet => {
                decode_strict(value).map(|(o, u)| (WorkloadObject::ReplicaSet(o), u))?
            }
            WorkloadKind::Job => decode_strict(value).map(|(o, u)| (WorkloadObject::Job(o), u))?,
            WorkloadKind::CronJob => {
                decode_strict(value).map(|(o, u)| (WorkloadObject::CronJob(o), u))?
            }
        })
    }

    /// The object's kind.
    pub fn kind(&self) -> WorkloadKind {
        match self {
            WorkloadObject::Pod(_) => WorkloadKind::Pod,
            WorkloadObject::Deployment(_) => WorkloadKind::Deployment,
            WorkloadObject::StatefulSet(_) => WorkloadKind::StatefulSet,
            WorkloadObject::DaemonSet(_) => WorkloadKind::DaemonSet,
            WorkloadObject::ReplicaSet(_) => WorkloadKind::ReplicaSet,
            WorkloadObject::Job(_) => WorkloadKind::Job,
            WorkloadObject::CronJob(_) => WorkloadKind::CronJob,
        }
    }

    /// The object's own metadata.
    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            WorkloadObject::Pod(o) => &o.metadata,
            WorkloadObject::Deployment(o) => &o.metadata,
            WorkloadObject::StatefulSet(o) => &o.metadata,
            WorkloadObject::DaemonSet(o) => &o.metadata,
            WorkloadObject::ReplicaSet(o) => &o.metadata,
            WorkloadObject::Job(o) => &o.metadata,
            WorkloadObject::CronJob(o) => &o.metadata,
        }
    }

    /// The Pod template, if the object has a spec with one.
    pub fn pod_template(&self) -> Option<PodTemplate<'_>> {
        let (template, spec_path) = match self {
            WorkloadObject::Pod(pod) => {
                return pod.spec.as_ref().map(|spec| PodTemplate {
                    metadata: Some(&pod.metadata),
                    spec,
                    spec_path: "spec",
                });
            }
            WorkloadObject::Deployment(o) => (Some(&o.spec.template), "spec.template.spec"),
            WorkloadObject::StatefulSet(o) => (Some(&o.spec.template), "spec.template.spec"),
            WorkloadObject::DaemonSet(o) => (Some(&o.spec.template), "spec.template.spec"),
            WorkloadObject::ReplicaSet(o) => (o.spec.template.as_ref(), "spec.template.spec"),
            WorkloadObject::Job(o) => (o.spec.as_ref().map(|s| &s.template), "spec.template.spec"),
            WorkloadObject::CronJob(o) => (
                o.spec.job_template.spec.as_ref().map(|s| &s.template),
                "spec.jobTemplate.spec.template.spec",
            ),
        };
        let template = template?;
        Some(PodTemplate {
            metadata: template.metadata.as_ref(),
            spec: template.spec.as_ref()?,
            spec_path,
        })
    }
}

/// Decodes `value` as `T`, collecting the paths of fields `T` does not have.
pub fn decode_strict<T: DeserializeOwned>(
    value: Value,
) -> Result<(T, Vec<UnknownField>), SchemaError> {
    let mut unknown = Vec::new();
    let mut on_unknown = |path: serde_ignored::Path<'_>| {
        unknown.push(UnknownField {
            path: field_path(&path),
        });
    };
    let ignored = serde_ignored::Deserializer::new(value, &mut on_unknown);
    let decoded = serde_path_to_error::deserialize(ignored).map_err(|err| SchemaError {
        path: FieldPath::parse(&err.path().to_string().replace(".[", "[")),
        message: err.inner().to_string(),
    })?;
    Ok((decoded, unknown))
}

/// `spec.containers.0.volumeMount` as the API server prints it: `spec.containers[0].volumeMount`.
fn field_path(path: &serde_ignored::Path<'_>) -> FieldPath {
    use serde_ignored::Path;
    match path {
        Path::Root => FieldPath::root(),
        Path::Seq { parent, index } => field_path(parent).index(*index),
        Path::Map { parent, key } => field_path(parent).child(key),
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => field_path(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_fields_are_listed_with_api_server_paths() {
        let pod = json!({
            "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "a", "image": "x", "volumeMount": []}], "hostnetwork": true}
        });
        let (object, unknown) = WorkloadObject::decode(WorkloadKind::Pod, pod).unwrap();
        let paths: Vec<String> = unknown.iter().map(|u| u.path.to_string()).collect();
        assert_eq!(
            paths,
            ["spec.containers[0].volumeMount", "spec.hostnetwork"]
        );
        assert_eq!(object.pod_template().unwrap().spec_path, "spec");
    }

    #[test]
    fn type_errors_name_their_path() {
        let deployment = json!({
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
            "spec": {"replicas": "three", "selector": {}, "template": {}}
        });
        let err = WorkloadObject::decode(WorkloadKind::Deployment, deployment).unwrap_err();
        assert_eq!(err.path.to_string(), "spec.replicas");
    }
}
