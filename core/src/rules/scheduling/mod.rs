//! Where Pods may run: node selectors, tolerations, affinity and topology
//! spread. Label selectors are checked as apimachinery
//! `pkg/apis/meta/v1/validation/validation.go` `ValidateLabelSelector` does.

pub(super) mod affinity;
pub(super) mod node_selector;
pub(super) mod null_selector;
pub(super) mod tolerations;
pub(super) mod topology_spread;

use crate::path::Descend;
use crate::rules::format::{label_value, qualified_name};
use crate::rules::messages::{forbidden, invalid, report_format, required};
use crate::rules::{Ctx, Sink};
use k8s_openapi::api::core::v1::{Affinity, PodAffinityTerm, WeightedPodAffinityTerm};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

pub(crate) fn label_selector(
    ctx: &Ctx<'_>,
    sink: &mut Sink,
    selector: &LabelSelector,
    path: impl Descend,
) {
    let version = ctx.options.target;
    for (key, value) in selector.match_labels.iter().flatten() {
        let labels = path.child("matchLabels");
        report_format(sink, labels, key, qualified_name(key, version));
        report_format(sink, labels, value, label_value(value, version));
    }
    for (j, e) in selector.match_expressions.iter().flatten().enumerate() {
        let p = path.child("matchExpressions").index(j);
        let values = e.values.as_deref().unwrap_or_default();
        match e.operator.as_str() {
            "In" | "NotIn" if values.is_empty() => {
                sink.report(
                    p.child("values"),
                    required("must be specified when `operator` is 'In' or 'NotIn'"),
                );
            }
            "Exists" | "DoesNotExist" if !values.is_empty() => {
                sink.report(
                    p.child("values"),
                    forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
                );
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => {
                sink.report(
                    p.child("operator"),
                    invalid(other, "not a valid selector operator"),
                );
            }
        }
        report_format(
            sink,
            p.child("key"),
            &e.key,
            qualified_name(&e.key, version),
        );
    }
}

/// The required and preferred terms of a Pod's inter-pod affinity and
/// anti-affinity, each under its field name.
type AffinityTerms<'a> = (
    &'a Option<Vec<PodAffinityTerm>>,
    &'a Option<Vec<WeightedPodAffinityTerm>>,
);

/// `podAffinity` and `podAntiAffinity` with their terms, where set.
pub(crate) fn pod_affinity_groups(
    affinity: &Affinity,
) -> [(&'static str, Option<AffinityTerms<'_>>); 2] {
    [
        (
            "podAffinity",
            affinity.pod_affinity.as_ref().map(|a| {
                (
                    &a.required_during_scheduling_ignored_during_execution,
                    &a.preferred_during_scheduling_ignored_during_execution,
                )
            }),
        ),
        (
            "podAntiAffinity",
            affinity.pod_anti_affinity.as_ref().map(|a| {
                (
                    &a.required_during_scheduling_ignored_during_execution,
                    &a.preferred_during_scheduling_ignored_during_execution,
                )
            }),
        ),
    ]
}
