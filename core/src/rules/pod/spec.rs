//! PodSpec basics. Upstream: `pkg/apis/core/validation/validation.go`
//! `ValidatePodSpec` (containers required, `activeDeadlineSeconds`) and
//! `validateRestartPolicy`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{invalid_num, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `containers-required`: at least one container.
pub(crate) static CONTAINERS_REQUIRED: Rule = Rule {
    id: "containers-required",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Pod needs at least one regular container.",
    explanation: "Init containers and native sidecars alone do not make a Pod: `spec.containers` must list at least one container.",
    fail: &[Case {
        yaml: pod!(
            r#"
  initContainers:
  - {name: setup, image: busybox:1.37}
  containers: []
"#
        ),
        expect: &[("spec.containers", "Required value")],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(containers_required),
};

fn containers_required(ctx: &Ctx<'_>, sink: &mut Sink) {
    if let Some(pod) = &ctx.pod
        && pod.spec.containers.is_empty()
    {
        sink.report(pod.path.child("containers"), required(""));
    }
}

/// `restart-policy`: Always, OnFailure or Never.
pub(crate) static RESTART_POLICY: Rule = Rule {
    id: "restart-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`restartPolicy` must be Always, OnFailure or Never.",
    explanation: "The Pod's restart policy decides what the kubelet does when a container exits. The value is case-sensitive.",
    fail: &[Case {
        yaml: pod!(
            r#"
  restartPolicy: always
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.restartPolicy",
            r#"Unsupported value: "always": supported values: "Always", "OnFailure", "Never""#,
        )],
    }],
    pass: &[pod!(
        r#"
  restartPolicy: Always
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(restart_policy),
};

fn restart_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    if let Some(pod) = &ctx.pod {
        let value = pod.spec.restart_policy.as_deref().unwrap_or_default();
        if !["Always", "OnFailure", "Never"].contains(&value) {
            sink.report(
                pod.path.child("restartPolicy"),
                unsupported(value, &["Always", "OnFailure", "Never"]),
            );
        }
    }
}

/// `active-deadline-seconds`: 1 to 2^31-1.
pub(crate) static ACTIVE_DEADLINE_SECONDS: Rule = Rule {
    id: "active-deadline-seconds",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "The Pod's `activeDeadlineSeconds` must be between 1 and 2147483647.",
    explanation: "`activeDeadlineSeconds` bounds how long a Pod may run before the kubelet kills it. Zero or negative values are refused (unlike a Job's own `activeDeadlineSeconds`).",
    fail: &[Case {
        yaml: pod!(
            r#"
  activeDeadlineSeconds: 0
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.activeDeadlineSeconds",
            "Invalid value: 0: must be between 1 and 2147483647, inclusive",
        )],
    }],
    pass: &[pod!(
        r#"
  activeDeadlineSeconds: 600
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(active_deadline_seconds),
};

fn active_deadline_seconds(ctx: &Ctx<'_>, sink: &mut Sink) {
    if let Some(pod) = &ctx.pod
        && let Some(value) = pod.spec.active_deadline_seconds
        && !(1..=2_147_483_647).contains(&value)
    {
        sink.report(
            pod.path.child("activeDeadlineSeconds"),
            invalid_num(value, "must be between 1 and 2147483647, inclusive"),
        );
    }
}
