//! Resource requests and limits, and the quantities they are written in.

pub(super) mod limits;
pub(super) mod names;
pub(super) mod pod_level;
pub(super) mod quantities;

use crate::report::FieldPath;
use crate::rules::Ctx;
use k8s_openapi::api::core::v1::ResourceRequirements;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as KubeQuantity;
use std::collections::BTreeMap;

type Map = BTreeMap<String, KubeQuantity>;

/// Every resource list of the Pod as written (before requests default to limits), with its path: containers' limits and requests, overhead, Pod-level resources.
pub(crate) fn resource_lists<'a>(ctx: &'a Ctx<'_>) -> Vec<(FieldPath, &'a Map)> {
    let Some(pod) = &ctx.pod else {
        return Vec::new();
    };
    let mut lists = Vec::new();
    let mut push = |path: FieldPath, r: &'a ResourceRequirements| {
        if let Some(l) = &r.limits {
            lists.push((path.child("limits"), l));
        }
        if let Some(q) = &r.requests {
            lists.push((path.child("requests"), q));
        }
    };
    for c in &pod.containers {
        if let Some(r) = c.written_resources {
            push(c.path.child("resources"), r);
        }
    }
    if let Some(r) = &pod.spec.resources {
        push(pod.path.child("resources"), r);
    }
    if let Some(o) = &pod.spec.overhead {
        lists.push((pod.path.child("overhead"), o));
    }
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
