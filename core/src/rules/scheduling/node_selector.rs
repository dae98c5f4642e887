//! Node selectors and node labels. Upstream:
//! `pkg/apis/core/validation/validation.go` `ValidatePodSpec` (the
//! nodeSelector's labels) and `pkg/api/pod/warnings.go` (deprecated node
//! labels).

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::{label_value, qualified_name};
use crate::rules::messages::report_format;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `node-selector-format`: nodeSelector keys and values.
pub(crate) static NODE_SELECTOR_FORMAT: Rule = Rule {
    id: "node-selector-format",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "nodeSelector keys and values must be valid label keys and values.",
    explanation: "A nodeSelector matches node labels, so it follows the label syntax.",
    fail: &[Case {
        yaml: pod!(
            r#"
  nodeSelector:
    disk type: ssd
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.nodeSelector",
            r#"Invalid value: "disk type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
        )],
    }],
    pass: &[pod!(
        r#"
  nodeSelector:
    kubernetes.io/os: linux
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(node_selector_format),
};

fn node_selector_format(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let path = pod.path.child("nodeSelector");
    for (key, value) in pod.spec.node_selector.iter().flatten() {
        report_format(sink, path, key, qualified_name(key, ctx.options.target));
        report_format(sink, path, value, label_value(value, ctx.options.target));
    }
}

const NODE_LABELS: &[(&str, &str, &str)] = &[
    ("beta.kubernetes.io/arch", "v1.14", "kubernetes.io/arch"),
    ("beta.kubernetes.io/os", "v1.14", "kubernetes.io/os"),
    (
        "failure-domain.beta.kubernetes.io/zone",
        "v1.17",
        "topology.kubernetes.io/zone",
    ),
    (
        "failure-domain.beta.kubernetes.io/region",
        "v1.17",
        "topology.kubernetes.io/region",
    ),
    (
        "beta.kubernetes.io/instance-type",
        "v1.17",
        "node.kubernetes.io/instance-type",
    ),
];

fn node_label(sink: &mut Sink, key: &str, path: impl Descend) {
    if let Some((_, since, ga)) = NODE_LABELS.iter().find(|(old, _, _)| *old == key) {
        sink.report(
            path,
            format!("deprecated since {since}; use {ga:?} instead"),
        );
    }
}

/// `deprecated-node-label`: beta node labels in selectors.
pub(crate) static DEPRECATED_NODE_LABEL: Rule = Rule {
    id: "deprecated-node-label",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "Node selectors, node affinity and topology keys use a deprecated beta node label.",
    explanation: "Nodes still carry the old `beta.kubernetes.io/*` and `failure-domain.beta.kubernetes.io/*` labels for compatibility, but the API server warns: use the GA labels such as `kubernetes.io/os` and `topology.kubernetes.io/zone`.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  nodeSelector:
    beta.kubernetes.io/os: linux
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.nodeSelector[beta.kubernetes.io/os]",
                r#"deprecated since v1.14; use "kubernetes.io/os" instead"#,
            )],
        },
        Case {
            yaml: pod!(
                r#"
  nodeSelector:
    failure-domain.beta.kubernetes.io/zone: a
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.nodeSelector[failure-domain.beta.kubernetes.io/zone]",
                r#"deprecated since v1.17; use "topology.kubernetes.io/zone" instead"#,
            )],
        },
    ],
    pass: &[pod!(
        r#"
  nodeSelector:
    kubernetes.io/os: linux
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(deprecated_node_label),
};

fn deprecated_node_label(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for key in pod.spec.node_selector.iter().flatten().map(|(k, _)| k) {
        node_label(sink, key, pod.path.child("nodeSelector").key(key));
    }
    if let Some(required) = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| {
            n.required_during_scheduling_ignored_during_execution
                .as_ref()
        })
    {
        let p = pod
            .path
            .child("affinity")
            .child("nodeAffinity")
            .child("requiredDuringSchedulingIgnoredDuringExecution")
            .child("nodeSelectorTerms");
        for (i, term) in required.node_selector_terms.iter().enumerate() {
            for (j, e) in term.match_expressions.iter().flatten().enumerate() {
                node_label(
                    sink,
                    &e.key,
                    p.index(i).child("matchExpressions").index(j).child("key"),
                );
            }
        }
    }
    for (i, c) in pod
        .spec
        .topology_spread_constraints
        .iter()
        .flatten()
        .enumerate()
    {
        node_label(
            sink,
            &c.topology_key,
            pod.path
                .child("topologySpreadConstraints")
                .index(i)
                .child("topologyKey"),
        );
    }
}
