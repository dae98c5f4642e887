//! Resource requests and limits, and the quantities they are written in.

pub(super) mod limits;
pub(super) mod names;
pub(super) mod pod_level;
pub(super) mod quantities;

use crate::path::{Descend, SubPath};
use crate::report::FieldPath;
use crate::rules::Ctx;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as KubeQuantity;
use std::collections::BTreeMap;

type Map = BTreeMap<String, KubeQuantity>;

/// One resource list of the Pod as written.
pub(crate) struct ResourceList<'a> {
    /// Its path: a container's or the Pod's path followed by
    /// `resources.limits`, `resources.requests` or `overhead`.
    pub path: SubPath<'static, &'a FieldPath>,
    /// Whether it is the Pod's `overhead`, which a RuntimeClass sets.
    pub is_overhead: bool,
    /// The quantities, by resource name.
    pub quantities: &'a Map,
}

/// Every resource list of the Pod as written (before requests default to limits): containers' limits and requests, overhead, Pod-level resources.
pub(crate) fn resource_lists<'a>(ctx: &'a Ctx<'_>) -> Vec<ResourceList<'a>> {
    let Some(pod) = &ctx.pod else {
        return Vec::new();
    };
    let mut lists = Vec::new();
    let mut push = |path: &'a FieldPath, field, quantities: Option<&'a Map>| {
        if let Some(quantities) = quantities {
            lists.push(ResourceList {
                path: path.child(field),
                is_overhead: field == "overhead",
                quantities,
            });
        }
    };
    let containers = pod
        .containers
        .iter()
        .filter_map(|c| Some((&c.path, c.written_resources?)));
    for (path, r) in containers.chain(pod.spec.resources.as_ref().map(|r| (&pod.path, r))) {
        push(path, "resources.limits", r.limits.as_ref());
        push(path, "resources.requests", r.requests.as_ref());
    }
    push(&pod.path, "overhead", pod.spec.overhead.as_ref());
    lists
}

pub(crate) const QUOTA_STANDARD: &[&str] = &[
    "cpu",
    "memory",
    "ephemeral-storage",
    "storage",
    "pods",
    "services",
    "replicationcontrollers",
    "resourcequotas",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services.nodeports",
    "services.loadbalancers",
    "requests.cpu",
    "requests.memory",
    "requests.storage",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
];

pub(crate) fn is_hugepages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// Resources whose requests must equal their limits: hugepages and extended resources.
pub(crate) fn not_overcommittable(name: &str) -> bool {
    is_hugepages(name) || (name.contains('/') && !name.contains("kubernetes.io/"))
}
