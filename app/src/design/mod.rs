//! The design as the UI holds it: the same JSON as `podwright_core::model::Design`
//! (the server still reads that), with each container, volume and the Pod's
//! settings kept as JSON. The UI reads and edits them by field, and never
//! needs the Kubernetes types' serde code, the bulk of the wasm (issue 14).

pub mod edit;

use podwright_core::convert::{restart_policy_for, retarget_workload};
pub use podwright_core::model::edit::NewContainer;
use podwright_core::model::{PatternRole, Workload, WorkloadKind};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// A Pod design: the workload, its Pod's parts, and companion documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Design {
    /// The workload object without its Pod spec.
    pub workload: Workload,
    /// The Pod spec, split into designable parts.
    pub pod: PodDesign,
    /// Other documents of the source file, kept verbatim in their order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companions: Vec<Value>,
    /// Where the workload stood among all documents.
    #[serde(default)]
    pub workload_position: usize,
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
    /// Every other Pod spec field, as a `PodSpec` writes them.
    #[serde(default = "empty_pod_spec")]
    pub settings: Value,
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
    pub spec: Value,
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
    pub spec: Value,
    /// The volume as written, where it differs from how `spec` writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Value>,
}

/// A volume mount as the canvas draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount<'a> {
    /// The volume's name.
    pub name: &'a str,
    /// Where the container sees it.
    pub path: &'a str,
    /// True for `readOnly: true`.
    pub read_only: bool,
}

/// A declared container port as the canvas draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port<'a> {
    /// `containerPort`, as written (a number, unless an edit left it otherwise).
    pub number: String,
    /// Its name, if any.
    pub name: Option<&'a str>,
}

/// How a `PodSpec` with no settings writes: its required `containers`, empty.
fn empty_pod_spec() -> Value {
    json!({ "containers": [] })
}

/// The string at `key` of a JSON object, if it is one.
fn text<'a>(object: &'a Value, key: &str) -> Option<&'a str> {
    object.get(key)?.as_str()
}

impl ContainerDesign {
    /// The container's name (empty if it has none).
    pub fn name(&self) -> &str {
        text(&self.spec, "name").unwrap_or_default()
    }

    /// The container's image, if set.
    pub fn image(&self) -> Option<&str> {
        text(&self.spec, "image")
    }

    /// True when the field at `key` is set (a probe, `resources`, ...).
    pub fn has(&self, key: &str) -> bool {
        self.spec.get(key).is_some_and(|v| !v.is_null())
    }

    /// True for an init container that keeps running beside the app: `restartPolicy: Always`.
    pub fn is_native_sidecar(&self) -> bool {
        text(&self.spec, "restartPolicy") == Some("Always")
    }

    /// Its volume mounts, in order.
    pub fn mounts(&self) -> impl Iterator<Item = Mount<'_>> {
        list(&self.spec, "volumeMounts").map(|m| Mount {
            name: text(m, "name").unwrap_or_default(),
            path: text(m, "mountPath").unwrap_or_default(),
            read_only: m.get("readOnly").and_then(Value::as_bool) == Some(true),
        })
    }

    /// Its declared ports, in order.
    pub fn ports(&self) -> impl Iterator<Item = Port<'_>> {
        list(&self.spec, "ports").map(|p| Port {
            number: match p.get("containerPort") {
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => "?".to_owned(),
            },
            name: text(p, "name"),
        })
    }
}

impl VolumeDesign {
    /// The volume's name (empty if it has none).
    pub fn name(&self) -> &str {
        text(&self.spec, "name").unwrap_or_default()
    }
}

/// The items of the list at `key` of a JSON object (none when absent).
fn list<'a>(object: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    object
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

impl PodDesign {
    /// The largest id in use, so new elements can take the next one.
    pub fn max_id(&self) -> u32 {
        let containers = self.all_containers().map(|c| c.id);
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

impl Design {
    /// A new Pod named `name` with one app container: where a blank design
    /// starts. Its JSON is that of core's `Design::new_pod`.
    pub fn new_pod(name: &str) -> Design {
        let object = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": { "name": name, "labels": { "app.kubernetes.io/name": name } },
        });
        Design {
            workload: Workload {
                kind: WorkloadKind::Pod,
                object: match object {
                    Value::Object(map) => map,
                    _ => Map::new(),
                },
            },
            pod: PodDesign {
                init_containers: Vec::new(),
                containers: vec![ContainerDesign {
                    id: 1,
                    role: PatternRole::App,
                    spec: json!({ "image": "nginx:1.27.3", "name": "app" }),
                    source: None,
                }],
                volumes: Vec::new(),
                settings: empty_pod_spec(),
                settings_source: None,
            },
            companions: Vec::new(),
            workload_position: 0,
        }
    }

    /// The same Pod as a `kind` workload, as core's `retarget` makes it:
    /// matching labels and selector, and a restart policy the kind accepts.
    pub fn retarget(&self, kind: WorkloadKind) -> Design {
        if self.workload.kind == kind {
            return self.clone();
        }
        let mut design = self.clone();
        design.workload = retarget_workload(&self.workload, kind);
        let current = text(&self.pod.settings, "restartPolicy").map(str::to_owned);
        let settings = &mut design.pod.settings;
        match (restart_policy_for(kind, current), settings.as_object_mut()) {
            (Some(policy), Some(map)) => {
                map.insert("restartPolicy".to_owned(), Value::from(policy));
            }
            (None, Some(map)) => {
                map.shift_remove("restartPolicy");
            }
            (Some(policy), None) => {
                *settings = json!({ "containers": [], "restartPolicy": policy })
            }
            (None, None) => {}
        }
        design
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use podwright_core::model::Design as CoreDesign;

    /// The JSON core writes for `design`, read as the UI's design.
    fn mirrored(design: &CoreDesign) -> Design {
        serde_json::from_value(serde_json::to_value(design).unwrap()).unwrap()
    }

    #[test]
    fn a_new_pod_is_core_s_new_pod() {
        let ours = serde_json::to_value(Design::new_pod("web")).unwrap();
        let core = serde_json::to_value(CoreDesign::new_pod("web")).unwrap();
        assert_eq!(ours, core);
        assert_eq!(ours.to_string(), core.to_string(), "the same text");
    }

    #[test]
    fn core_designs_read_and_write_back_unchanged() {
        let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      restartPolicy: Always\n      initContainers:\n        - name: proxy\n          image: envoy:1.31\n          restartPolicy: Always\n          ports: [{containerPort: 9901, name: admin}]\n      containers:\n        - name: app\n          image: nginx:1.27.3\n          resources: {limits: {cpu: 1}}\n          volumeMounts: [{name: data, mountPath: /data, readOnly: true}]\n      volumes:\n        - name: data\n          emptyDir: {medium: Memory}\n";
        let documents =
            podwright_core::yaml::read_documents(yaml, &podwright_core::yaml::Limits::default())
                .unwrap();
        let (core, _) = podwright_core::convert::import_documents(documents).unwrap();
        let ours = mirrored(&core);
        let back: CoreDesign =
            serde_json::from_value(serde_json::to_value(&ours).unwrap()).unwrap();
        assert_eq!(back, core);
        let proxy = &ours.pod.init_containers[0];
        assert!(proxy.is_native_sidecar());
        assert_eq!(
            proxy.ports().next().map(|p| (p.number, p.name)),
            Some(("9901".to_owned(), Some("admin")))
        );
        let app = &ours.pod.containers[0];
        assert_eq!((app.name(), app.image()), ("app", Some("nginx:1.27.3")));
        assert!(app.has("resources") && !app.has("livenessProbe"));
        assert!(
            app.source.is_some(),
            "the cpu written as a number keeps its source"
        );
        assert_eq!(
            app.mounts().collect::<Vec<_>>(),
            [Mount {
                name: "data",
                path: "/data",
                read_only: true
            }]
        );
        assert_eq!(ours.pod.volumes[0].name(), "data");
    }

    #[test]
    fn retargeting_matches_core() {
        let core = CoreDesign::new_pod("web");
        let ours = Design::new_pod("web");
        for kind in WorkloadKind::ALL {
            for policy in [None, Some("OnFailure"), Some("Always")] {
                let mut core = core.clone();
                core.pod.settings.restart_policy = policy.map(str::to_owned);
                let mut ours = ours.clone();
                if let Some(policy) = policy {
                    ours.pod.settings["restartPolicy"] = Value::from(policy);
                }
                let expected = mirrored(&podwright_core::convert::retarget(&core, kind));
                assert_eq!(ours.retarget(kind), expected, "{kind:?} from {policy:?}");
            }
        }
    }
}
