//! A design -> Kubernetes documents, in kubectl's key order.

use super::order::kubectl_order;
use super::source::written_form;
use crate::model::{Design, PodDesign};
use serde_json::{Map, Value};

/// A design's documents as exported, and which of them is its workload.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    /// All documents, the workload in its place among the companions.
    pub documents: Vec<Value>,
    /// The index of the design's workload in `documents`.
    pub workload: usize,
}

impl Exported {
    /// The design's workload document.
    pub fn workload(&self) -> &Value {
        &self.documents[self.workload]
    }
}

/// All documents of the design, the workload in its place among the companions.
/// A null companion is no document (YAML readers skip it) and is left out.
pub fn export_documents(design: &Design) -> Vec<Value> {
    export_design(design).documents
}

/// [`export_documents`], with the workload's place: what validation and the
/// YAML both need, built once.
pub fn export_design(design: &Design) -> Exported {
    let companions = &design.companions;
    let before = design.workload_position.min(companions.len());
    let documents = |range: &[Value]| -> Vec<Value> {
        range.iter().filter(|c| !c.is_null()).cloned().collect()
    };
    let mut all = documents(&companions[..before]);
    let workload = all.len();
    all.push(workload_document(design));
    all.extend(documents(&companions[before..]));
    Exported {
        documents: all,
        workload,
    }
}

/// The workload object as exported, in kubectl's key order.
pub(crate) fn workload_document(design: &Design) -> Value {
    let mut workload = Value::Object(workload_object(design));
    kubectl_order(&mut workload);
    workload
}

/// The workload object with its Pod spec put back in place.
fn workload_object(design: &Design) -> Map<String, Value> {
    let mut object = design.workload.object.clone();
    object.insert(
        "apiVersion".to_owned(),
        Value::from(design.workload.kind.api_version()),
    );
    object.insert(
        "kind".to_owned(),
        Value::from(design.workload.kind.as_str()),
    );
    let mut at = &mut object;
    for key in design.workload.kind.template_path() {
        let entry = at
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        at = entry.as_object_mut().expect("just made an object");
    }
    at.insert(
        "spec".to_owned(),
        Value::Object(pod_spec_value(&design.pod)),
    );
    object
}

/// The Pod spec as a JSON object: settings plus containers and volumes.
pub fn pod_spec_value(pod: &PodDesign) -> Map<String, Value> {
    let mut settings = pod.settings.clone();
    let had_init = settings.init_containers.take().is_some();
    let had_volumes = settings.volumes.take().is_some();
    let mut spec = match written_form(&settings, pod.settings_source.as_ref()) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    spec.shift_remove("containers");
    let containers = |list: &[crate::model::ContainerDesign]| -> Value {
        list.iter()
            .map(|c| written_form(&c.spec, c.source.as_ref()))
            .collect()
    };
    if had_init || !pod.init_containers.is_empty() {
        spec.insert(
            "initContainers".to_owned(),
            containers(&pod.init_containers),
        );
    }
    spec.insert("containers".to_owned(), containers(&pod.containers));
    if had_volumes || !pod.volumes.is_empty() {
        let volumes = pod
            .volumes
            .iter()
            .map(|v| written_form(&v.spec, v.source.as_ref()))
            .collect();
        spec.insert("volumes".to_owned(), volumes);
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_companions_are_left_out_and_the_workload_keeps_its_place() {
        // Found with the export fuzz target: a design whose companions held a
        // null exported a `null` document, which reading the YAML drops.
        let mut design = Design::new_pod("web");
        let config = json!({"apiVersion": "v1", "kind": "ConfigMap"});
        design.companions = vec![Value::Null, config.clone(), Value::Null];
        design.workload_position = 2;
        let documents = export_documents(&design);
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0], config);
        assert_eq!(documents[1]["kind"], "Pod");
        assert_eq!(
            export_design(&design).workload().get("kind"),
            Some(&json!("Pod"))
        );
    }
}
