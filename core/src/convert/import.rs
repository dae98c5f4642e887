//! Kubernetes documents -> a design: find the workload, split its Pod into
//! containers and volumes with ids and roles, keep everything else as it came.

use super::source::source_to_keep;
use crate::model::{
    ContainerDesign, Design, Placement, PodDesign, VolumeDesign, Workload, WorkloadKind,
    infer_role, size_problem,
};
use crate::object::{SchemaError, UnknownField, WorkloadObject};
use k8s_openapi::api::core::v1::{Container, PodSpec, Volume};
use serde_json::{Map, Value};

/// Why documents could not become a design.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// A document that is not a mapping (a list, a string, ...).
    #[error("document {index} is not a Kubernetes object (a mapping with apiVersion and kind)")]
    NotAnObject {
        /// Its index among the documents.
        index: usize,
    },
    /// The stream holds no document at all.
    #[error("the body holds no documents: it is empty or only comments")]
    NoDocuments,
    /// No document is a workload.
    #[error(
        "no workload found: expected a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob"
    )]
    NoWorkload,
    /// More containers or volumes than a design may have.
    #[error("document {index}: {reason}")]
    TooLarge {
        /// Its index among the documents.
        index: usize,
        /// What is too many.
        reason: String,
    },
    /// The workload has a value of the wrong type.
    #[error("document {index}: {error}")]
    Schema {
        /// Its index among the documents.
        index: usize,
        /// The field and what is wrong with it.
        error: SchemaError,
    },
}

/// The design of the first workload in `documents`, and the unknown fields it
/// carries (which strict decoding refuses, but which the design keeps).
pub fn import_documents(documents: Vec<Value>) -> Result<(Design, Vec<UnknownField>), ImportError> {
    check_documents(&documents)?;
    let (workload_position, kind) = documents
        .iter()
        .enumerate()
        .find_map(|(i, doc)| workload_kind(doc).map(|kind| (i, kind)))
        .ok_or(ImportError::NoWorkload)?;
    let mut companions = documents;
    let workload = companions.remove(workload_position);
    let (typed, unknown) =
        WorkloadObject::decode(kind, &workload).map_err(|error| ImportError::Schema {
            index: workload_position,
            error,
        })?;
    let Value::Object(mut object) = workload else {
        unreachable!("every document was checked to be an object")
    };
    let pod_spec = take_pod_spec(&mut object, kind).unwrap_or_default();
    let pod = split_pod_spec(pod_spec, typed.into_pod_spec().unwrap_or_default());
    let design = Design {
        workload: Workload { kind, object },
        pod,
        companions,
        workload_position,
    };
    design
        .check_size()
        .map_err(|reason| ImportError::TooLarge {
            index: workload_position,
            reason,
        })?;
    Ok((design, unknown))
}

/// Refuses documents that are not objects, and workloads with more
/// containers or volumes than a design may have, before any work is spent on them.
pub fn check_documents(documents: &[Value]) -> Result<(), ImportError> {
    if documents.is_empty() {
        return Err(ImportError::NoDocuments);
    }
    for (index, document) in documents.iter().enumerate() {
        if !document.is_object() {
            return Err(ImportError::NotAnObject { index });
        }
        let Some(kind) = workload_kind(document) else {
            continue;
        };
        let mut spec = document;
        for key in kind.template_path().iter().chain(&["spec"]) {
            spec = &spec[*key];
        }
        let count = |key: &str| spec[key].as_array().map_or(0, Vec::len);
        if let Some(reason) = size_problem(
            count("containers") + count("initContainers"),
            count("volumes"),
        ) {
            return Err(ImportError::TooLarge { index, reason });
        }
    }
    Ok(())
}

/// The workload kind of a document, if it is one (kind and apiVersion both match).
pub(crate) fn workload_kind(document: &Value) -> Option<WorkloadKind> {
    let kind: WorkloadKind = document.get("kind")?.as_str()?.parse().ok()?;
    (document.get("apiVersion")?.as_str()? == kind.api_version()).then_some(kind)
}

/// Removes the Pod spec from the workload object and returns it.
fn take_pod_spec(
    object: &mut Map<String, Value>,
    kind: WorkloadKind,
) -> Option<Map<String, Value>> {
    let mut at = object;
    for key in kind.template_path() {
        at = at.get_mut(*key)?.as_object_mut()?;
    }
    match at.shift_remove("spec")? {
        Value::Object(spec) => Some(spec),
        other => {
            // Not a mapping: leave it where it was for validation to report.
            at.insert("spec".to_owned(), other);
            None
        }
    }
}

/// Splits a Pod spec into containers and volumes with ids, and the rest:
/// `typed` is `spec` as the workload's decode made it, so nothing is decoded again.
fn split_pod_spec(mut spec: Map<String, Value>, mut typed: PodSpec) -> PodDesign {
    let mut next_id = 0;
    let mut id = || {
        next_id += 1;
        next_id
    };
    let init_sources = take_list(&mut spec, "initContainers");
    let app_sources = take_list(&mut spec, "containers");
    let volume_sources = take_list(&mut spec, "volumes");
    let had_init = init_sources.is_some();
    let had_volumes = volume_sources.is_some();
    let init_containers = elements(
        typed.init_containers.take(),
        init_sources,
        |spec: Container, source| ContainerDesign {
            id: id(),
            role: infer_role(&spec, Placement::Init),
            source: source_to_keep(&spec, source),
            spec,
        },
    );
    let containers = elements(
        Some(std::mem::take(&mut typed.containers)),
        app_sources,
        |spec: Container, source| ContainerDesign {
            id: id(),
            role: infer_role(&spec, Placement::App),
            source: source_to_keep(&spec, source),
            spec,
        },
    );
    let volumes = elements(
        typed.volumes.take(),
        volume_sources,
        |spec: Volume, source| VolumeDesign {
            id: id(),
            source: source_to_keep(&spec, source),
            spec,
        },
    );
    let mut settings = typed;
    let settings_source = source_to_keep(&settings, Value::Object(spec));
    settings.init_containers = had_init.then(Vec::new);
    settings.volumes = had_volumes.then(Vec::new);
    PodDesign {
        init_containers,
        containers,
        volumes,
        settings,
        settings_source,
    }
}

/// Removes a list from the spec; `None` when the key is absent or null.
fn take_list(spec: &mut Map<String, Value>, key: &str) -> Option<Vec<Value>> {
    match spec.shift_remove(key)? {
        Value::Array(items) => Some(items),
        Value::Null => None,
        other => Some(vec![other]),
    }
}

/// Pairs each decoded item of a list with its source and makes it an element.
fn elements<T, E>(
    typed: Option<Vec<T>>,
    sources: Option<Vec<Value>>,
    mut make: impl FnMut(T, Value) -> E,
) -> Vec<E> {
    let typed = typed.unwrap_or_default();
    let sources = sources.unwrap_or_default();
    debug_assert_eq!(typed.len(), sources.len(), "one decoded item per source");
    typed
        .into_iter()
        .zip(sources)
        .map(|(typed, source)| make(typed, source))
        .collect()
}
