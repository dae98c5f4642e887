//! The design: one workload, its Pod split into the parts users design
//! (containers by role, volumes) with stable ids, and the documents it came with.
//!
//! A design converts to Kubernetes objects without loss: every field the
//! designer has no form for rides along untouched in [`Workload::object`] and
//! [`PodDesign::settings`], and companion documents keep their place. Where the
//! typed `k8s-openapi` value would write an element differently from its source
//! (a quantity written as a number, a field the type does not know), the element
//! keeps its source as written, and export uses it for as long as the element is
//! unchanged.
//!
//! Pattern roles ([`PatternRole`]) live in the design only. They are not written
//! into exported manifests (that would add fields users did not write); on
//! import they are inferred again from structure and images.

pub mod edit;
mod kind;
mod role;
mod volume_source;

pub use kind::{UnknownKind, WorkloadKind};
pub use role::{PatternRole, Placement, infer_role};
pub use volume_source::volume_sources;

use k8s_openapi::api::core::v1::{Container, PodSpec, Volume};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A Pod design: the workload, its Pod's parts, and companion documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Design {
    /// The workload object without its Pod spec.
    pub workload: Workload,
    /// The Pod spec, split into designable parts.
    pub pod: PodDesign,
    /// Other documents of the source file (ConfigMaps, Services, other workloads,
    /// custom resources), kept verbatim in their order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companions: Vec<Value>,
    /// Where the workload stood among all documents (companions fill the other places).
    #[serde(default)]
    pub workload_position: usize,
}

/// The workload object as written, except its Pod spec, which lives in [`PodDesign`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    /// The kind, also present as `object.kind`.
    pub kind: WorkloadKind,
    /// `apiVersion`, `kind`, `metadata`, the workload's own settings (replicas,
    /// selector, schedule, ...), the Pod template's metadata, status, and any other field.
    pub object: Map<String, Value>,
}

/// The Pod spec: containers and volumes as elements with ids, everything else as settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodDesign {
    /// Init containers in execution order, native sidecars among them.
    #[serde(default)]
    pub init_containers: Vec<ContainerDesign>,
    /// App containers (and classic sidecars), in order.
    #[serde(default)]
    pub containers: Vec<ContainerDesign>,
    /// The Pod's volumes, in order.
    #[serde(default)]
    pub volumes: Vec<VolumeDesign>,
    /// Every other Pod spec field. Its `containers` stay empty, and its
    /// `initContainers` and `volumes` are empty lists where the source had those
    /// keys and absent otherwise: the elements live in the lists above.
    #[serde(default)]
    pub settings: PodSpec,
    /// The settings as written, where they differ from how `settings` writes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings_source: Option<Value>,
}

/// One container of the Pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContainerDesign {
    /// Stable id of the element within the design.
    pub id: u32,
    /// The container's part in its pattern, for drawing and for lints.
    pub role: PatternRole,
    /// The container as Kubernetes sees it.
    pub spec: Container,
    /// The container as written, where it differs from how `spec` writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Value>,
}

/// One volume of the Pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VolumeDesign {
    /// Stable id of the element within the design.
    pub id: u32,
    /// The volume as Kubernetes sees it.
    pub spec: Volume,
    /// The volume as written, where it differs from how `spec` writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Value>,
}

impl ContainerDesign {
    /// True for an init container that keeps running beside the app: `restartPolicy: Always`.
    pub fn is_native_sidecar(&self) -> bool {
        self.spec.restart_policy.as_deref() == Some("Always")
    }
}

impl PodDesign {
    /// The largest id in use, so new elements can take the next one.
    pub fn max_id(&self) -> u32 {
        let containers = self
            .init_containers
            .iter()
            .chain(&self.containers)
            .map(|c| c.id);
        containers
            .chain(self.volumes.iter().map(|v| v.id))
            .max()
            .unwrap_or(0)
    }

    /// All containers: init containers first, in the order the kubelet starts them.
    pub fn all_containers(&self) -> impl Iterator<Item = &ContainerDesign> {
        self.init_containers.iter().chain(&self.containers)
    }
}

/// The most containers (init containers included) a design may have.
pub const MAX_CONTAINERS: usize = 250;
/// The most volumes a design may have.
pub const MAX_VOLUMES: usize = 250;

/// Why a Pod with these many containers and volumes is too large, if it is.
pub fn size_problem(containers: usize, volumes: usize) -> Option<String> {
    if containers > MAX_CONTAINERS {
        Some(format!(
            "{containers} containers: a design may have at most {MAX_CONTAINERS}"
        ))
    } else if volumes > MAX_VOLUMES {
        Some(format!(
            "{volumes} volumes: a design may have at most {MAX_VOLUMES}"
        ))
    } else {
        None
    }
}

impl Design {
    /// Refuses designs too large to be a real Pod: more than [`MAX_CONTAINERS`]
    /// containers or [`MAX_VOLUMES`] volumes.
    pub fn check_size(&self) -> Result<(), String> {
        let containers = self.pod.init_containers.len() + self.pod.containers.len();
        size_problem(containers, self.pod.volumes.len()).map_or(Ok(()), Err)
    }

    /// The Pod's metadata (labels, annotations): the object's own for a Pod, the
    /// template's for other kinds.
    pub fn pod_metadata(&self) -> Option<&Map<String, Value>> {
        self.workload.pod_metadata()
    }
}

impl Workload {
    /// The Pod's metadata (labels, annotations): the object's own for a Pod, the
    /// template's for other kinds.
    pub fn pod_metadata(&self) -> Option<&Map<String, Value>> {
        let mut at = &self.object;
        for key in self.kind.template_path() {
            at = at.get(*key)?.as_object()?;
        }
        at.get("metadata")?.as_object()
    }
}

impl Design {
    /// A new Pod named `name` with one app container: where a blank design starts.
    pub fn new_pod(name: &str) -> Design {
        let mut object = Map::new();
        object.insert("apiVersion".to_owned(), Value::from("v1"));
        object.insert("kind".to_owned(), Value::from("Pod"));
        object.insert(
            "metadata".to_owned(),
            serde_json::json!({ "name": name, "labels": { "app.kubernetes.io/name": name } }),
        );
        let app = Container {
            name: "app".to_owned(),
            image: Some("nginx:1.27.3".to_owned()),
            ..Container::default()
        };
        Design {
            workload: Workload {
                kind: WorkloadKind::Pod,
                object,
            },
            pod: PodDesign {
                init_containers: Vec::new(),
                containers: vec![ContainerDesign {
                    id: 1,
                    role: PatternRole::App,
                    spec: app,
                    source: None,
                }],
                volumes: Vec::new(),
                settings: PodSpec::default(),
                settings_source: None,
            },
            companions: Vec::new(),
            workload_position: 0,
        }
    }
}
