//! Lints about containers without probes.

use crate::model::PatternRole;
use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};

/// `missing-probes`: app containers of long-running workloads without readiness or liveness probes.
pub(crate) static MISSING_PROBES: Rule = Rule {
    id: "missing-probes",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "An app container of a long-running workload has no readiness or no liveness probe.",
    explanation: "Without a readiness probe, Services send traffic as soon as the container starts; without a liveness probe a hung process is never restarted. Jobs and CronJobs are exempt.",
    fail: &[Case {
        yaml: deployment!(
            r#"
      containers:
      - name: web
        image: nginx:1.27
"#
        ),
        expect: &[(
            "spec.template.spec.containers[0]",
            r#"app container "web" has no readinessProbe and no livenessProbe"#,
        )],
    }],
    pass: &[deployment!(
        r#"
      containers:
      - name: web
        image: nginx:1.27
        ports: [{name: http, containerPort: 80}]
        readinessProbe: {httpGet: {path: /, port: http}}
        livenessProbe: {tcpSocket: {port: http}}
"#
    )],
    check: Check::Workload(missing_probes),
};

fn missing_probes(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if !ctx.is_long_running() {
        return;
    }
    for c in pod
        .containers
        .iter()
        .filter(|c| c.place == Place::App && c.role == PatternRole::App)
    {
        let mut missing = Vec::new();
        if c.spec.readiness_probe.is_none() {
            missing.push("readinessProbe");
        }
        if c.spec.liveness_probe.is_none() {
            missing.push("livenessProbe");
        }
        if !missing.is_empty() {
            sink.lint(
                &c.path,
                format!("{} has no {}", who(c), missing.join(" and no ")),
                "add a readinessProbe that checks the app can serve, and a cheap livenessProbe that only fails when the process is stuck",
                "/catalog/probes#rules-of-thumb",
            );
        }
    }
}

/// `sidecar-missing-probes`: native sidecars without a startup or readiness probe.
pub(crate) static SIDECAR_MISSING_PROBES: Rule = Rule {
    id: "sidecar-missing-probes",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A native sidecar has no startupProbe (or readinessProbe), so the next containers start before it is ready.",
    explanation: "The kubelet starts the container after a native sidecar as soon as the sidecar is *started*. Only a `startupProbe` makes it wait until the sidecar is *ready* (a proxy listening, secrets fetched). A readiness probe also keeps the Pod out of Service endpoints while the sidecar is not ready.",
    fail: &[Case {
        yaml: pod!(
            r#"
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    restartPolicy: Always
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.initContainers[0]",
            r#"ambassador "proxy" has no startupProbe or readinessProbe: the containers after it start before it is ready"#,
        )],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    restartPolicy: Always
    startupProbe: {tcpSocket: {port: 9901}, periodSeconds: 1, failureThreshold: 30}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(sidecar_missing_probes),
};

fn sidecar_missing_probes(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in pod.containers.iter().filter(|c| c.place == Place::Sidecar) {
        if c.spec.startup_probe.is_none() && c.spec.readiness_probe.is_none() {
            sink.lint(
                &c.path,
                format!("{} has no startupProbe or readinessProbe: the containers after it start before it is ready", who(c)),
                "add a startupProbe that succeeds once the sidecar serves (for a proxy, a tcpSocket or httpGet on its port)",
                "/catalog/native-sidecar#start-up-in-order-and-gated",
            );
        }
    }
}
