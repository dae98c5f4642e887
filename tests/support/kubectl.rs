//! kubectl as the judge of how manifests read: a loopback stand-in answers
//! only the API discovery endpoints, so `kubectl create --dry-run=client`
//! decodes files with kubectl's own YAML reader and prints the objects.

use axum::Json;
use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use serde_json::{Value, json};
use std::process::Command;

/// A resource as discovery lists it: (plural, kind, namespaced).
type Resource = (&'static str, &'static str, bool);

/// Resource kinds the stand-in lists, per group version.
const RESOURCES: &[(&str, &[Resource])] = &[
    (
        "v1",
        &[
            ("pods", "Pod", true),
            ("services", "Service", true),
            ("configmaps", "ConfigMap", true),
            ("secrets", "Secret", true),
            ("serviceaccounts", "ServiceAccount", true),
            ("persistentvolumeclaims", "PersistentVolumeClaim", true),
            ("persistentvolumes", "PersistentVolume", false),
            ("replicationcontrollers", "ReplicationController", true),
            ("namespaces", "Namespace", false),
            ("limitranges", "LimitRange", true),
            ("resourcequotas", "ResourceQuota", true),
        ],
    ),
    (
        "apps/v1",
        &[
            ("deployments", "Deployment", true),
            ("statefulsets", "StatefulSet", true),
            ("daemonsets", "DaemonSet", true),
            ("replicasets", "ReplicaSet", true),
        ],
    ),
    (
        "batch/v1",
        &[("jobs", "Job", true), ("cronjobs", "CronJob", true)],
    ),
    (
        "policy/v1",
        &[("poddisruptionbudgets", "PodDisruptionBudget", true)],
    ),
    (
        "autoscaling/v2",
        &[("horizontalpodautoscalers", "HorizontalPodAutoscaler", true)],
    ),
    (
        "networking.k8s.io/v1",
        &[
            ("networkpolicies", "NetworkPolicy", true),
            ("ingresses", "Ingress", true),
            ("ingressclasses", "IngressClass", false),
        ],
    ),
    (
        "rbac.authorization.k8s.io/v1",
        &[
            ("roles", "Role", true),
            ("rolebindings", "RoleBinding", true),
            ("clusterroles", "ClusterRole", false),
            ("clusterrolebindings", "ClusterRoleBinding", false),
        ],
    ),
    (
        "storage.k8s.io/v1",
        &[
            ("storageclasses", "StorageClass", false),
            ("csidrivers", "CSIDriver", false),
        ],
    ),
    (
        "admissionregistration.k8s.io/v1",
        &[
            (
                "validatingwebhookconfigurations",
                "ValidatingWebhookConfiguration",
                false,
            ),
            (
                "mutatingwebhookconfigurations",
                "MutatingWebhookConfiguration",
                false,
            ),
        ],
    ),
    (
        "apiextensions.k8s.io/v1",
        &[(
            "customresourcedefinitions",
            "CustomResourceDefinition",
            false,
        )],
    ),
    (
        "apiregistration.k8s.io/v1",
        &[("apiservices", "APIService", false)],
    ),
    (
        "monitoring.coreos.com/v1",
        &[
            ("servicemonitors", "ServiceMonitor", true),
            ("podmonitors", "PodMonitor", true),
        ],
    ),
];

fn resource_list(group_version: &str) -> Option<Value> {
    let (_, resources) = RESOURCES.iter().find(|(gv, _)| *gv == group_version)?;
    let resources: Vec<Value> = resources
        .iter()
        .map(|(name, kind, namespaced)| {
            json!({ "name": name, "singularName": "", "namespaced": namespaced, "kind": kind,
                    "verbs": ["create", "get", "list"] })
        })
        .collect();
    Some(
        json!({ "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version, "resources": resources }),
    )
}

fn discovery() -> Router {
    let groups: Vec<Value> = RESOURCES
        .iter()
        .filter_map(|(gv, _)| gv.split_once('/'))
        .map(|(group, version)| {
            let gv = json!({ "groupVersion": format!("{group}/{version}"), "version": version });
            json!({ "name": group, "versions": [gv.clone()], "preferredVersion": gv })
        })
        .collect();
    Router::new()
        .route("/api", get(|| async { Json(json!({ "kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [] })) }))
        .route("/api/v1", get(|| async { Json(resource_list("v1")) }))
        .route("/apis", get(move || async move { Json(json!({ "kind": "APIGroupList", "apiVersion": "v1", "groups": groups })) }))
        .route(
            "/apis/{group}/{version}",
            get(|Path((group, version)): Path<(String, String)>| async move {
                Json(resource_list(&format!("{group}/{version}")))
            }),
        )
}

/// What one kubectl invocation read.
pub struct Read {
    /// The objects, in the order of the files and their documents.
    pub objects: Vec<Value>,
    /// kubectl's standard error: a line per file it could not read.
    pub errors: String,
    /// Whether kubectl exited with success.
    pub success: bool,
}

/// A discovery stand-in on a free loopback port, running until the test ends.
pub struct Kubectl {
    server: String,
    /// kubectl caches discovery per host and port: a fresh cache per stand-in.
    cache: tempfile::TempDir,
}

impl Kubectl {
    /// Starts the stand-in.
    pub async fn start() -> Kubectl {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let address = listener.local_addr().expect("its address");
        tokio::spawn(async move { axum::serve(listener, discovery()).await });
        Kubectl {
            server: format!("http://{address}"),
            cache: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// The objects kubectl reads from `file`, as it would send them.
    pub fn read(&self, file: &std::path::Path) -> Result<Vec<Value>, String> {
        let read = self.read_all(file)?;
        if read.success {
            Ok(read.objects)
        } else {
            Err(read.errors)
        }
    }

    /// The objects kubectl reads from `path` (a file, or every `.yaml` file
    /// in a folder), and what it said about those it could not read: one
    /// invocation for many files.
    pub fn read_all(&self, path: &std::path::Path) -> Result<Read, String> {
        let output = Command::new("kubectl")
            .env("KUBECONFIG", "/dev/null")
            .arg("--cache-dir")
            .arg(self.cache.path())
            .args([
                "--server",
                &self.server,
                "create",
                "--dry-run=client",
                "--validate=false",
                "-o",
                "json",
                "-f",
            ])
            .arg(path)
            .output()
            .map_err(|e| format!("cannot run kubectl: {e}"))?;
        let errors = String::from_utf8_lossy(&output.stderr).into_owned();
        let text = String::from_utf8_lossy(&output.stdout);
        let objects = serde_json::Deserializer::from_str(&text)
            .into_iter::<Value>()
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Read {
            objects,
            errors,
            success: output.status.success(),
        })
    }
}
