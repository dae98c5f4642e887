//! What controllers demand of their Pod templates. Upstream:
//! `pkg/apis/apps/validation/validation.go`
//! `ValidatePodTemplateSpecForReplicaSet` (and its StatefulSet and DaemonSet
//! siblings), `pkg/apis/batch/validation/validation.go` `validateJobSpec`, and
//! `pkg/apis/core/validation/validation.go` `ValidatePodTemplateSpec` (no
//! ephemeral containers).

use crate::model::WorkloadKind;
use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{forbidden, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `template-restart-policy`: Always for controllers, OnFailure or Never for Jobs.
pub(crate) static TEMPLATE_RESTART_POLICY: Rule = Rule {
    id: "template-restart-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Deployments, ReplicaSets, StatefulSets and DaemonSets need restartPolicy Always; Jobs and CronJobs OnFailure or Never.",
    explanation: "Long-running controllers replace Pods that stop, so their Pods must always restart. A Job's Pods must be able to finish: the Pod default `Always` is refused for Jobs, so a Job template has to say `OnFailure` or `Never`.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      containers:
      - {name: migrate, image: flyway/flyway:11}
"#,
        expect: &[(
            "spec.template.spec.restartPolicy",
            r#"Required value: valid values: "OnFailure", "Never""#,
        )],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: migrate, image: flyway/flyway:11}
"#],
    check: Check::Workload(template_restart_policy),
};

fn template_restart_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let policy = pod.spec.restart_policy.as_deref().unwrap_or_default();
    let path = pod.path.child("restartPolicy");
    match ctx.kind() {
        WorkloadKind::Pod => {}
        WorkloadKind::Job | WorkloadKind::CronJob => match policy {
            "OnFailure" | "Never" => {}
            "Always" | "" => {
                sink.report(path, required("valid values: \"OnFailure\", \"Never\""));
            }
            other => {
                sink.report(path, unsupported(other, &["OnFailure", "Never"]));
            }
        },
        _ => {
            if policy != "Always" {
                sink.report(path, unsupported(policy, &["Always"]));
            }
        }
    }
}

/// `template-active-deadline`: no activeDeadlineSeconds in long-running controllers.
pub(crate) static TEMPLATE_ACTIVE_DEADLINE: Rule = Rule {
    id: "template-active-deadline",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Long-running controllers may not set the Pod's activeDeadlineSeconds.",
    explanation: "A Pod deadline would kill every replica after a while, only for the controller to replace it. Use a Job for bounded work.",
    fail: &[Case {
        yaml: deployment!(
            r#"
      activeDeadlineSeconds: 3600
      containers:
      - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.template.spec.activeDeadlineSeconds",
            "Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
        )],
    }],
    pass: &[deployment!(
        r#"
      containers:
      - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(template_active_deadline),
};

fn template_active_deadline(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let noun = match ctx.kind() {
        WorkloadKind::Deployment | WorkloadKind::ReplicaSet => "ReplicaSet",
        WorkloadKind::StatefulSet => "StatefulSet",
        WorkloadKind::DaemonSet => "DaemonSet",
        _ => return,
    };
    if pod.spec.active_deadline_seconds.is_some() {
        sink.report(
            pod.path.child("activeDeadlineSeconds"),
            forbidden(&format!("activeDeadlineSeconds in {noun} is not Supported")),
        );
    }
}

/// `ephemeral-containers-forbidden`: no ephemeral containers in manifests.
pub(crate) static EPHEMERAL_CONTAINERS_FORBIDDEN: Rule = Rule {
    id: "ephemeral-containers-forbidden",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Ephemeral containers cannot be set in a manifest; `kubectl debug` adds them to running Pods.",
    explanation: "Ephemeral containers exist for debugging running Pods and are added through the `ephemeralcontainers` subresource only.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  ephemeralContainers:
  - {name: debug, image: busybox:1.37}
"#
        ),
        expect: &[(
            "spec.ephemeralContainers",
            "Forbidden: cannot be set on create",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(ephemeral_containers_forbidden),
};

fn ephemeral_containers_forbidden(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if pod
        .spec
        .ephemeral_containers
        .as_ref()
        .is_some_and(|e| !e.is_empty())
    {
        let detail = if pod.is_pod {
            "cannot be set on create"
        } else {
            "ephemeral containers not allowed in pod template"
        };
        sink.report(pod.path.child("ephemeralContainers"), forbidden(detail));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn cronjob_default_restart_policy_is_refused() {
        let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: r}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: r, image: busybox:1.37}\n";
        assert_eq!(
            findings("template-restart-policy", yaml)[0].path,
            "spec.jobTemplate.spec.template.spec.restartPolicy"
        );
    }
}
