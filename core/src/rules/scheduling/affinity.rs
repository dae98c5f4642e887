//! Node and Pod affinity. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateAffinity`, `validateNodeSelectorRequirement`,
//! `validatePodAffinityTerm`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::qualified_name;
use crate::rules::messages::{forbidden, invalid, invalid_num, report_format, required};
use crate::rules::scheduling::{label_selector, pod_affinity_groups};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use k8s_openapi::api::core::v1::{NodeSelectorRequirement, PodAffinityTerm};

/// `affinity`: node affinity terms, weights and pod affinity terms.
pub(crate) static AFFINITY: Rule = Rule {
    id: "affinity",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Affinity terms need valid operators and values, weights 1-100, and a topologyKey.",
    explanation: "Node selector requirements with `In`/`NotIn` need values, `Exists`/`DoesNotExist` take none, `Gt`/`Lt` exactly one. Preferred terms weigh 1 to 100. Pod (anti-)affinity terms need a `topologyKey`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: zone, operator: In}
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 0
        podAffinityTerm:
          labelSelector: {matchLabels: {app: web}}
          topologyKey: ''
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[
            (
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values",
                "Required value: must be specified when `operator` is 'In' or 'NotIn'",
            ),
            (
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                "Invalid value: 0: must be in the range 1-100",
            ),
            (
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey",
                "Required value: can not be empty",
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: zone, operator: In, values: [a, b]}
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 50
        podAffinityTerm:
          labelSelector: {matchLabels: {app: web}}
          topologyKey: kubernetes.io/hostname
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(affinity),
};

fn affinity(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(affinity) = &pod.spec.affinity else {
        return;
    };
    let path = pod.path.child("affinity");
    if let Some(node) = &affinity.node_affinity {
        let node_path = path.child("nodeAffinity");
        if let Some(required_terms) = &node.required_during_scheduling_ignored_during_execution {
            let p = node_path
                .child("requiredDuringSchedulingIgnoredDuringExecution")
                .child("nodeSelectorTerms");
            if required_terms.node_selector_terms.is_empty() {
                sink.report(p, required("must have at least one node selector term"));
            }
            for (i, term) in required_terms.node_selector_terms.iter().enumerate() {
                for (j, r) in term.match_expressions.iter().flatten().enumerate() {
                    node_requirement(ctx, sink, r, p.index(i).child("matchExpressions").index(j));
                }
            }
        }
        for (i, pref) in node
            .preferred_during_scheduling_ignored_during_execution
            .iter()
            .flatten()
            .enumerate()
        {
            let p = node_path
                .child("preferredDuringSchedulingIgnoredDuringExecution")
                .index(i);
            if !(1..=100).contains(&pref.weight) {
                sink.report(
                    p.child("weight"),
                    invalid_num(pref.weight, "must be in the range 1-100"),
                );
            }
            for (j, r) in pref
                .preference
                .match_expressions
                .iter()
                .flatten()
                .enumerate()
            {
                node_requirement(
                    ctx,
                    sink,
                    r,
                    p.child("preference").child("matchExpressions").index(j),
                );
            }
        }
    }
    let pod_affinities = pod_affinity_groups(affinity);
    for (field, terms) in pod_affinities {
        let Some((required_terms, preferred)) = terms else {
            continue;
        };
        let p = path.child(field);
        for (i, term) in required_terms.iter().flatten().enumerate() {
            pod_term(
                ctx,
                sink,
                term,
                p.child("requiredDuringSchedulingIgnoredDuringExecution")
                    .index(i),
            );
        }
        for (i, weighted) in preferred.iter().flatten().enumerate() {
            let wp = p
                .child("preferredDuringSchedulingIgnoredDuringExecution")
                .index(i);
            if !(1..=100).contains(&weighted.weight) {
                sink.report(
                    wp.child("weight"),
                    invalid_num(weighted.weight, "must be in the range 1-100"),
                );
            }
            pod_term(
                ctx,
                sink,
                &weighted.pod_affinity_term,
                wp.child("podAffinityTerm"),
            );
        }
    }
}

fn node_requirement(
    ctx: &Ctx<'_>,
    sink: &mut Sink,
    r: &NodeSelectorRequirement,
    path: impl Descend,
) {
    let values = r.values.as_deref().unwrap_or_default();
    match r.operator.as_str() {
        "In" | "NotIn" if values.is_empty() => {
            sink.report(
                path.child("values"),
                required("must be specified when `operator` is 'In' or 'NotIn'"),
            );
        }
        "Exists" | "DoesNotExist" if !values.is_empty() => {
            sink.report(
                path.child("values"),
                forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
            );
        }
        "Gt" | "Lt" if values.len() != 1 => {
            sink.report(
                path.child("values"),
                required("must be specified single value when `operator` is 'Lt' or 'Gt'"),
            );
        }
        "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
        other => {
            sink.report(
                path.child("operator"),
                invalid(other, "not a valid selector operator"),
            );
        }
    }
    report_format(
        sink,
        path.child("key"),
        &r.key,
        qualified_name(&r.key, ctx.options.target),
    );
}

fn pod_term(ctx: &Ctx<'_>, sink: &mut Sink, term: &PodAffinityTerm, path: impl Descend) {
    if let Some(selector) = &term.label_selector {
        label_selector(ctx, sink, selector, path.child("labelSelector"));
    }
    if term.topology_key.is_empty() {
        sink.report(path.child("topologyKey"), required("can not be empty"));
    } else {
        report_format(
            sink,
            path.child("topologyKey"),
            &term.topology_key,
            qualified_name(&term.topology_key, ctx.options.target),
        );
    }
}
