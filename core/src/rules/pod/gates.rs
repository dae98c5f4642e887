//! Preemption policy, readiness gates and scheduling gates. Upstream: `pkg/apis/core/validation/validation.go`
//! `validatePreemptionPolicy`, `validateReadinessGates` and
//! `validateSchedulingGates`.

use crate::report::Severity;
use crate::rules::format::qualified_name;
use crate::rules::messages::{invalid, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use std::collections::HashSet;

/// `pod-gates`: preemption policy, readiness gates and scheduling gates.
pub(crate) static POD_GATES: Rule = Rule {
    id: "pod-gates",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "preemptionPolicy is PreemptLowerPriority or Never; readiness and scheduling gates are unique qualified names.",
    explanation: "Readiness gates add Pod conditions that must be true before the Pod counts as ready; scheduling gates hold the Pod back from scheduling until removed. Both are named like label keys.",
    fail: &[Case {
        yaml: pod!(
            r#"
  preemptionPolicy: Sometimes
  schedulingGates:
  - {name: example.com/quota}
  - {name: example.com/quota}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[
            (
                "spec.preemptionPolicy",
                r#"Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never""#,
            ),
            (
                "spec.schedulingGates[1]",
                r#"Duplicate value: "example.com/quota""#,
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  preemptionPolicy: Never
  readinessGates:
  - {conditionType: example.com/load-balancer-ready}
  schedulingGates:
  - {name: example.com/quota}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(pod_gates),
};

fn pod_gates(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let version = ctx.options.target;
    if let Some(p) = pod
        .spec
        .preemption_policy
        .as_deref()
        .filter(|p| !["PreemptLowerPriority", "Never"].contains(p))
    {
        sink.report(
            pod.path.child("preemptionPolicy"),
            unsupported(p, &["PreemptLowerPriority", "Never"]),
        );
    }
    for (i, gate) in pod.spec.readiness_gates.iter().flatten().enumerate() {
        let errors = qualified_name(&gate.condition_type, version);
        if !errors.is_empty() {
            sink.report(
                pod.path
                    .child("readinessGates")
                    .index(i)
                    .child("conditionType"),
                invalid(&gate.condition_type, &errors.join(", ")),
            );
        }
    }
    let mut seen = HashSet::new();
    for (i, gate) in pod.spec.scheduling_gates.iter().flatten().enumerate() {
        let path = pod.path.child("schedulingGates").index(i);
        let errors = qualified_name(&gate.name, version);
        if !errors.is_empty() {
            sink.report(&path, invalid(&gate.name, &errors.join(", ")));
        }
        if !seen.insert(gate.name.as_str()) {
            sink.report(&path, format!("Duplicate value: {:?}", gate.name));
        }
    }
}
