//! Workload objects as typed `k8s-openapi` values, decoded strictly: unknown
//! fields and type errors are reported with their field paths, as the API
//! server's strict field validation reports them.

use crate::model::WorkloadKind;
use crate::path::Descend;
use crate::path::FieldPath;
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{Pod, PodSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::borrow::Cow;

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

/// A workload decoded past its type errors: each wrong value is noted and
/// left out, and the rest decoded, so that every problem shows at once.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The object without its wrong values; None when one could not be left out.
    pub object: Option<(WorkloadObject, Vec<UnknownField>)>,
    /// The wrong values, in the API server's words.
    pub type_errors: Vec<SchemaError>,
}

/// At most this many wrong values are left out of one document before decoding gives up.
const MAX_TYPE_ERRORS: usize = 100;

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
        value: &Value,
    ) -> Result<(Self, Vec<UnknownField>), SchemaError> {
        Self::decode_at(kind, value).map_err(|(error, _)| error)
    }

    /// Decodes `value` as `kind`, noting each value of the wrong type and
    /// leaving it out (a bounded number of times), as if it were not written.
    /// Type errors are worded as the API server words them. The value is
    /// copied only when it has a wrong value to leave out.
    pub fn decode_all(kind: WorkloadKind, value: &Value) -> Decoded {
        let mut value = Cow::Borrowed(value);
        let mut type_errors = Vec::new();
        while type_errors.len() < MAX_TYPE_ERRORS {
            let (error, segments) = match Self::decode_at(kind, &value) {
                Ok(object) => {
                    return Decoded {
                        object: Some(object),
                        type_errors,
                    };
                }
                Err(error) => error,
            };
            let zero = zero_value(&error.message);
            let Some(wrong) = remove_at(value.to_mut(), &segments, zero) else {
                type_errors.push(error);
                break;
            };
            type_errors.push(SchemaError {
                message: api_server_words(&wrong, &segments, &error.message),
                path: error.path,
            });
        }
        Decoded {
            object: None,
            type_errors,
        }
    }

    /// [`WorkloadObject::decode`], with the failing value's place as segments.
    #[allow(clippy::type_complexity, reason = "a private step of decode_all")]
    fn decode_at(
        kind: WorkloadKind,
        value: &Value,
    ) -> Result<(Self, Vec<UnknownField>), (SchemaError, Vec<Segment>)> {
        fn wrap<T: DeserializeOwned>(
            value: &Value,
            into: fn(T) -> WorkloadObject,
        ) -> Result<(WorkloadObject, Vec<UnknownField>), (SchemaError, Vec<Segment>)> {
            decode_with_segments(value).map(|(o, u)| (into(o), u))
        }
        match kind {
            WorkloadKind::Pod => wrap(value, WorkloadObject::Pod),
            WorkloadKind::Deployment => wrap(value, WorkloadObject::Deployment),
            WorkloadKind::StatefulSet => wrap(value, WorkloadObject::StatefulSet),
            WorkloadKind::DaemonSet => wrap(value, WorkloadObject::DaemonSet),
            WorkloadKind::ReplicaSet => wrap(value, WorkloadObject::ReplicaSet),
            WorkloadKind::Job => wrap(value, WorkloadObject::Job),
            WorkloadKind::CronJob => wrap(value, WorkloadObject::CronJob),
        }
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

    /// The Pod spec, taken out of the workload.
    pub fn into_pod_spec(self) -> Option<PodSpec> {
        let template = match self {
            WorkloadObject::Pod(pod) => return pod.spec,
            WorkloadObject::Deployment(o) => Some(o.spec.template),
            WorkloadObject::StatefulSet(o) => Some(o.spec.template),
            WorkloadObject::DaemonSet(o) => Some(o.spec.template),
            WorkloadObject::ReplicaSet(o) => o.spec.template,
            WorkloadObject::Job(o) => o.spec.map(|s| s.template),
            WorkloadObject::CronJob(o) => o.spec.job_template.spec.map(|s| s.template),
        };
        template?.spec
    }
}

/// Decodes `value` as `T`, collecting the paths of fields `T` does not have.
pub fn decode_strict<T: DeserializeOwned>(
    value: &Value,
) -> Result<(T, Vec<UnknownField>), SchemaError> {
    decode_with_segments(value).map_err(|(error, _)| error)
}

/// One step of a path into a JSON value.
#[derive(Clone, Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

/// What the decoder calls with each field the type does not have. One type
/// for every decoded type and both decoders: a closure type of its own would
/// make the compiler copy every Kubernetes type's decoding code once per
/// caller (18 copies of `Container`'s, megabytes of the binary).
type OnUnknown<'a> = &'a mut dyn FnMut(serde_ignored::Path<'_>);

/// [`decode_strict`], with the failing value's place as segments. Values
/// decode without tracking where the decoder is, which costs an allocation
/// per key; only a failed decode is run again to find the wrong value.
fn decode_with_segments<T: DeserializeOwned>(
    value: &Value,
) -> Result<(T, Vec<UnknownField>), (SchemaError, Vec<Segment>)> {
    let mut unknown = Vec::new();
    let mut on_unknown = |path: serde_ignored::Path<'_>| {
        unknown.push(UnknownField {
            path: field_path(&path),
        });
    };
    match serde_ignored::deserialize(value, &mut on_unknown as OnUnknown<'_>) {
        Ok(decoded) => Ok((decoded, unknown)),
        Err(error) => Err(locate_error::<T>(value, error)),
    }
}

/// Where decoding `value` as `T` fails, found by decoding it again with its path tracked.
fn locate_error<T: DeserializeOwned>(
    value: &Value,
    error: serde_json::Error,
) -> (SchemaError, Vec<Segment>) {
    let mut ignore: OnUnknown<'_> = &mut |_| ();
    let ignored = serde_ignored::Deserializer::new(value, &mut ignore);
    let Err(err) = serde_path_to_error::deserialize::<_, T>(ignored) else {
        let error = SchemaError {
            path: FieldPath::root(),
            message: error.to_string(),
        };
        return (error, Vec::new());
    };
    let segments = err
        .path()
        .iter()
        .filter_map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Segment::Key(key.clone())),
            _ => None,
        })
        .collect();
    let error = SchemaError {
        path: FieldPath::parse(&err.path().to_string().replace(".[", "[")),
        message: err.inner().to_string(),
    };
    (error, segments)
}

/// The zero value of the type serde expected, for a wrong list item: the
/// item is replaced rather than removed, so later items keep their indexes.
fn zero_value(serde_message: &str) -> Value {
    match serde_message.rsplit_once(", expected ").map(|(_, e)| e) {
        Some("a string") => Value::String(String::new()),
        Some("a boolean") => Value::Bool(false),
        Some("a sequence") => Value::Array(Vec::new()),
        Some(e) if e.starts_with(['i', 'u', 'f']) && e.len() <= 3 => Value::from(0),
        _ => Value::Object(serde_json::Map::new()),
    }
}

/// Takes the value at `segments` out of `value` (a list item is replaced by
/// `zero`); None when there is no such value or the path is the whole object.
fn remove_at(value: &mut Value, segments: &[Segment], zero: Value) -> Option<Value> {
    let (last, parents) = segments.split_last()?;
    let mut at = value;
    for segment in parents {
        at = match segment {
            Segment::Key(key) => at.get_mut(key.as_str())?,
            Segment::Index(index) => at.get_mut(*index)?,
        };
    }
    match last {
        Segment::Key(key) => at.as_object_mut()?.shift_remove(key.as_str()),
        Segment::Index(index) => {
            let item = at.get_mut(*index)?;
            (*item != zero).then(|| std::mem::replace(item, zero))
        }
    }
}

/// The API server's words for a value of the wrong type: Go's
/// `json: cannot unmarshal string into Go struct field ... of type int32`,
/// with the field's path (list indexes left out, as Go prints it). Go also
/// names the struct that holds the field; serde does not tell us which.
fn api_server_words(wrong: &Value, segments: &[Segment], serde_message: &str) -> String {
    let found = match wrong {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let field: Vec<&str> = segments
        .iter()
        .filter_map(|segment| match segment {
            Segment::Key(key) => Some(key.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    let expected = serde_message
        .rsplit_once(", expected ")
        .map_or("", |(_, expected)| expected);
    let go_type = match expected {
        "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "f32" | "f64" => expected
            .replace('i', "int")
            .replace('u', "uint")
            .replace('f', "float"),
        "a boolean" => "bool".to_owned(),
        "a string" => "string".to_owned(),
        "a sequence" => "array".to_owned(),
        "a map" => "map".to_owned(),
        other => format!("v1.{}", other.trim_start_matches("struct ")),
    };
    format!(
        "json: cannot unmarshal {found} into Go struct field {} of type {go_type}",
        field.join(".")
    )
}

/// `spec.containers.0.volumeMount` as the API server prints it: `spec.containers[0].volumeMount`.
fn field_path(path: &serde_ignored::Path<'_>) -> FieldPath {
    use serde_ignored::Path;
    match path {
        Path::Root => FieldPath::root(),
        Path::Seq { parent, index } => field_path(parent).index(*index).to_path(),
        Path::Map { parent, key } => field_path(parent).child(key).to_path(),
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
        let (object, unknown) = WorkloadObject::decode(WorkloadKind::Pod, &pod).unwrap();
        let paths: Vec<String> = unknown.iter().map(|u| u.path.to_string()).collect();
        assert_eq!(
            paths,
            ["spec.containers[0].volumeMount", "spec.hostnetwork"]
        );
        assert_eq!(object.pod_template().unwrap().spec_path, "spec");
    }

    #[test]
    fn every_type_error_is_noted_and_the_rest_decodes() {
        let job = json!({
            "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
            "spec": {"completions": "NUM_NODES", "template": {"spec": {
                "containers": [{"name": "a", "image": "x", "args": ["ok", 1]}],
                "volumes": [{"name": "v", "hostPath": {"path": ["/"]}}]
            }}}
        });
        let decoded = WorkloadObject::decode_all(WorkloadKind::Job, &job);
        let errors: Vec<(String, String)> = decoded
            .type_errors
            .iter()
            .map(|e| (e.path.to_string(), e.message.clone()))
            .collect();
        assert_eq!(
            errors,
            [
                ("spec.completions".to_owned(), "json: cannot unmarshal string into Go struct field spec.completions of type int32".to_owned()),
                ("spec.template.spec.containers[0].args[1]".to_owned(), "json: cannot unmarshal number into Go struct field spec.template.spec.containers.args of type string".to_owned()),
                ("spec.template.spec.volumes[0].hostPath.path".to_owned(), "json: cannot unmarshal array into Go struct field spec.template.spec.volumes.hostPath.path of type string".to_owned()),
            ]
        );
        let (object, _) = decoded.object.expect("the rest decodes");
        assert_eq!(object.pod_template().unwrap().spec.containers[0].name, "a");
    }

    #[test]
    fn a_wrong_object_gives_up_with_its_path() {
        let decoded = WorkloadObject::decode_all(WorkloadKind::Pod, &json!("not an object"));
        assert!(decoded.object.is_none());
        assert_eq!(decoded.type_errors.len(), 1);
    }

    #[test]
    fn type_errors_name_their_path() {
        let deployment = json!({
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
            "spec": {"replicas": "three", "selector": {}, "template": {}}
        });
        let err = WorkloadObject::decode(WorkloadKind::Deployment, &deployment).unwrap_err();
        assert_eq!(err.path.to_string(), "spec.replicas");
    }
}
