//! Lints about helpers that should be native sidecars.

use crate::model::WorkloadKind;
use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};

/// `classic-sidecar-in-job`: helpers in `containers` keep Jobs from completing.
pub(crate) static CLASSIC_SIDECAR_IN_JOB: Rule = Rule {
    id: "classic-sidecar-in-job",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A Job or CronJob runs a helper (proxy, log shipper, agent) as a regular container, so the Job never completes.",
    explanation: "A Job finishes when all its regular containers have exited. A helper that runs forever keeps the Pod, and the Job, running after the work is done. Make it a native sidecar: an init container with `restartPolicy: Always`, which the kubelet stops once the main containers have finished.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: Job
metadata: {name: export}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: export, image: busybox:1.37}
      - {name: log-shipper, image: fluent/fluent-bit:3.2.4}
"#,
        expect: &[(
            "spec.template.spec.containers[1]",
            r#"log shipper "log-shipper" runs as a regular container of a Job: it keeps running after the work is done, so the Job never completes"#,
        )],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: Job
metadata: {name: export}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - {name: log-shipper, image: fluent/fluent-bit:3.2.4, restartPolicy: Always}
      containers:
      - {name: export, image: busybox:1.37}
"#],
    check: Check::Workload(classic_sidecar_in_job),
};

fn classic_sidecar_in_job(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if !matches!(ctx.kind(), WorkloadKind::Job | WorkloadKind::CronJob) {
        return;
    }
    for c in pod
        .containers
        .iter()
        .filter(|c| c.place == Place::App && c.role.is_helper())
    {
        sink.lint(
            &c.path,
            format!("{} runs as a regular container of a {}: it keeps running after the work is done, so the Job never completes", who(c), ctx.kind()),
            "move it to initContainers with restartPolicy: Always (a native sidecar); the kubelet stops it when the main containers finish",
            "/catalog/native-sidecar#jobs-that-finish",
        );
    }
}

/// `classic-sidecar`: helpers in `containers` start and stop in no particular order.
pub(crate) static CLASSIC_SIDECAR: Rule = Rule {
    id: "classic-sidecar",
    origin: Origin::Lint,
    severity: Severity::Info,
    summary: "A helper (proxy, log shipper, agent) runs as a regular container; as a native sidecar it would start before and stop after the app.",
    explanation: "Regular containers start together and stop together: the app may start before its proxy listens, and a log shipper may stop before the app's last lines are written. Native sidecars (init containers with `restartPolicy: Always`, GA since 1.33) start in order, before the app, and stop after it.",
    fail: &[Case {
        yaml: deployment!(
            r#"
      containers:
      - {name: web, image: nginx:1.27}
      - {name: proxy, image: envoyproxy/envoy:v1.32.3}
"#
        ),
        expect: &[(
            "spec.template.spec.containers[1]",
            r#"ambassador "proxy" runs as a regular container: it may start after the app and stop before it"#,
        )],
    }],
    pass: &[deployment!(
        r#"
      initContainers:
      - {name: proxy, image: envoyproxy/envoy:v1.32.3, restartPolicy: Always}
      containers:
      - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(classic_sidecar),
};

fn classic_sidecar(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if !ctx.is_long_running() {
        return;
    }
    for c in pod
        .containers
        .iter()
        .filter(|c| c.place == Place::App && c.role.is_helper())
    {
        sink.lint(
            &c.path,
            format!("{} runs as a regular container: it may start after the app and stop before it", who(c)),
            "move it to initContainers with restartPolicy: Always, with a startupProbe if the app needs it ready",
            "/catalog/native-sidecar#migrating-a-classic-sidecar",
        );
    }
}
