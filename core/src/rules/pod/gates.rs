//! Preemption policy, readiness gates and scheduling gates. Upstream:
//! `pkg/apis/core/validation/validation.go` `validatePreemptionPolicy`,
//! `validateReadinessGates` and `validateSchedulingGates`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::qualified_name;
use crate::rules::messages::{invalid, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use rustc_hash::FxHashSet;

/// `preemption-policy`: PreemptLowerPriority or Never.
pub(crate) static PREEMPTION_POLICY: Rule = Rule {
    id: "preemption-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "preemptionPolicy is PreemptLowerPriority or Never.",
    explanation: "`preemptionPolicy` says whether a pending Pod may evict Pods of lower priority to make room: `PreemptLowerPriority` (the default) or `Never`, spelt exactly so.",
    fail: &[Case {
        yaml: pod!(
            r#"
  preemptionPolicy: Sometimes
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.preemptionPolicy",
            r#"Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never""#,
        )],
    }],
    pass: &[pod!(
        r#"
  preemptionPolicy: Never
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(preemption_policy),
};

fn preemption_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let supported = ["PreemptLowerPriority", "Never"];
    if let Some(p) = pod
        .spec
        .preemption_policy
        .as_deref()
        .filter(|p| !supported.contains(p))
    {
        sink.report(
            pod.path.child("preemptionPolicy"),
            unsupported(p, &supported),
        );
    }
}

/// `readiness-gates`: condition types are qualified names.
pub(crate) static READINESS_GATES: Rule = Rule {
    id: "readiness-gates",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A readiness gate's conditionType is a qualified name, like a label key.",
    explanation: "Readiness gates add Pod conditions that must be true before the Pod counts as ready (a load balancer's, say). Each names its condition like a label key: an optional DNS prefix and a name of at most 63 characters.",
    fail: &[Case {
        yaml: pod!(
            r#"
  readinessGates:
  - {conditionType: load balancer ready}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.readinessGates[0].conditionType",
            r#"Invalid value: "load balancer ready": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
        )],
    }],
    pass: &[pod!(
        r#"
  readinessGates:
  - {conditionType: example.com/load-balancer-ready}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(readiness_gates),
};

fn readiness_gates(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (i, gate) in pod.spec.readiness_gates.iter().flatten().enumerate() {
        let errors = qualified_name(&gate.condition_type, ctx.options.target);
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
}

/// `scheduling-gates`: unique qualified names.
pub(crate) static SCHEDULING_GATES: Rule = Rule {
    id: "scheduling-gates",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Scheduling gates are unique qualified names.",
    explanation: "Scheduling gates hold the Pod back from scheduling until each is removed (by a quota controller, say). They are named like label keys, and each name may appear once.",
    fail: &[Case {
        yaml: pod!(
            r#"
  schedulingGates:
  - {name: example.com/quota}
  - {name: example.com/quota}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.schedulingGates[1]",
            r#"Duplicate value: "example.com/quota""#,
        )],
    }],
    pass: &[pod!(
        r#"
  schedulingGates:
  - {name: example.com/quota}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(scheduling_gates),
};

fn scheduling_gates(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut seen = FxHashSet::default();
    for (i, gate) in pod.spec.scheduling_gates.iter().flatten().enumerate() {
        let path = pod.path.child("schedulingGates").index(i);
        let errors = qualified_name(&gate.name, ctx.options.target);
        if !errors.is_empty() {
            sink.report(path, invalid(&gate.name, &errors.join(", ")));
        }
        if !seen.insert(gate.name.as_str()) {
            sink.report(path, format!("Duplicate value: {:?}", gate.name));
        }
    }
}
