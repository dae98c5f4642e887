//! ObjectMeta and the Pod-specific annotations: names, labels, annotations,
//! finalizers and owner references.

pub(super) mod labels;
pub(super) mod names;
pub(super) mod owners;
pub(super) mod pod_annotations;

use crate::report::FieldPath;
use crate::rules::Ctx;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

/// The object's metadata and, for workloads, the template's, with their paths.
pub(crate) fn metadatas<'a>(ctx: &'a Ctx<'_>) -> Vec<(&'a ObjectMeta, FieldPath)> {
    let mut all = vec![(ctx.object.metadata(), FieldPath::parse("metadata"))];
    if let Some(pod) = ctx.pod.as_ref().filter(|p| !p.is_pod)
        && let Some(meta) = pod.meta
    {
        all.push((meta, pod.meta_path.clone()));
    }
    all
}
