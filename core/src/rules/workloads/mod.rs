//! Workload controllers: Deployments, ReplicaSets, StatefulSets, DaemonSets,
//! Jobs and CronJobs, and the Pod templates they hold.

pub(super) mod completion;
pub(super) mod counts;
pub(super) mod cron_schedule;
pub(super) mod cronjob;
pub(super) mod job_policies;
pub(super) mod pod_failure_policy;
pub(super) mod selector;
pub(super) mod statefulset;
pub(super) mod templates;
pub(super) mod update_strategy;

use crate::object::WorkloadObject;
use crate::rules::Ctx;
use k8s_openapi::api::batch::v1::JobSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use std::collections::BTreeMap;

/// The Job spec of a Job or of a CronJob's template, with its path.
pub(crate) fn job_spec<'a>(ctx: &'a Ctx<'_>) -> Option<(&'a JobSpec, &'static str)> {
    match ctx.object {
        WorkloadObject::Job(j) => j.spec.as_ref().map(|s| (s, "spec")),
        WorkloadObject::CronJob(c) => c
            .spec
            .job_template
            .spec
            .as_ref()
            .map(|s| (s, "spec.jobTemplate.spec")),
        _ => None,
    }
}

/// The selector of a workload that has one, with what an empty one is called.
pub(crate) fn selector(object: &WorkloadObject) -> Option<(&LabelSelector, &'static str)> {
    match object {
        WorkloadObject::Deployment(d) => Some((&d.spec.selector, "deployment")),
        WorkloadObject::ReplicaSet(r) => Some((&r.spec.selector, "deployment")),
        WorkloadObject::StatefulSet(s) => Some((&s.spec.selector, "statefulset")),
        WorkloadObject::DaemonSet(d) => Some((&d.spec.selector, "daemonset")),
        WorkloadObject::Job(j) => j
            .spec
            .as_ref()
            .filter(|s| s.manual_selector == Some(true))
            .and_then(|s| s.selector.as_ref())
            .map(|s| (s, "job")),
        _ => None,
    }
}

/// True when `selector` selects an object with `labels`.
pub(crate) fn selector_matches(
    selector: &LabelSelector,
    labels: &BTreeMap<String, String>,
) -> bool {
    let labels_ok = selector
        .match_labels
        .iter()
        .flatten()
        .all(|(k, v)| labels.get(k) == Some(v));
    let expressions_ok = selector.match_expressions.iter().flatten().all(|e| {
        let values = e.values.as_deref().unwrap_or_default();
        let value = labels.get(&e.key);
        match e.operator.as_str() {
            "In" => value.is_some_and(|v| values.contains(v)),
            "NotIn" => value.is_none_or(|v| !values.contains(v)),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            _ => false,
        }
    });
    labels_ok && expressions_ok
}

pub(crate) fn is_empty_selector(selector: &LabelSelector) -> bool {
    selector
        .match_labels
        .as_ref()
        .is_none_or(BTreeMap::is_empty)
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(Vec::is_empty)
}
