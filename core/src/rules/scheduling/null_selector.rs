//! Null label selectors in affinity and topology spread: an API server warning
//! from `pkg/api/pod/warnings.go`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::scheduling::pod_affinity_groups;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `null-label-selector`: spread constraints and affinity terms without a labelSelector.
pub(crate) static NULL_LABEL_SELECTOR: Rule = Rule {
    id: "null-label-selector",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "A topology spread constraint or pod affinity term without labelSelector matches no Pod.",
    explanation: "Without a `labelSelector` the constraint counts no Pods at all, so it has no effect. Select the Pods to spread or co-locate, usually the workload's own labels.",
    fail: &[Case {
        yaml: pod!(
            r#"
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.topologySpreadConstraints[0].labelSelector",
            "a null labelSelector results in matching no pod",
        )],
    }],
    pass: &[pod!(
        r#"
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(null_label_selector),
};

fn null_label_selector(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (i, c) in pod
        .spec
        .topology_spread_constraints
        .iter()
        .flatten()
        .enumerate()
    {
        if c.label_selector.is_none() {
            sink.report(
                pod.path
                    .child("topologySpreadConstraints")
                    .index(i)
                    .child("labelSelector"),
                NULL_SELECTOR,
            );
        }
    }
    let Some(affinity) = &pod.spec.affinity else {
        return;
    };
    let groups = pod_affinity_groups(affinity);
    for (field, terms) in groups {
        let Some((required, preferred)) = terms else {
            continue;
        };
        let p = pod.path.child("affinity").child(field);
        for (i, t) in required.iter().flatten().enumerate() {
            if t.label_selector.is_none() {
                sink.report(
                    p.child("requiredDuringSchedulingIgnoredDuringExecution")
                        .index(i)
                        .child("labelSelector"),
                    NULL_SELECTOR,
                );
            }
        }
        for (i, t) in preferred.iter().flatten().enumerate() {
            if t.pod_affinity_term.label_selector.is_none() {
                sink.report(
                    p.child("preferredDuringSchedulingIgnoredDuringExecution")
                        .index(i)
                        .child("podAffinityTerm")
                        .child("labelSelector"),
                    NULL_SELECTOR,
                );
            }
        }
    }
}

const NULL_SELECTOR: &str = "a null labelSelector results in matching no pod";
