//! Probe lints.

use super::super::probes::probes;
use super::super::{Check, Ctx, Place, Rule, Sink};
use super::who;
use crate::model::PatternRole;
use crate::report::Severity;
use crate::rules::{Case, Origin};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// `missing-probes`: app containers of long-running workloads without readiness or liveness probes.
pub(super) static MISSING_PROBES: Rule = Rule {
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
pub(super) static SIDECAR_MISSING_PROBES: Rule = Rule {
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

/// `probe-port-undeclared`: probes on ports the container does not declare.
pub(super) static PROBE_PORT_UNDECLARED: Rule = Rule {
    id: "probe-port-undeclared",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A probe targets a port its container does not declare, a port another container declares, or an unknown port name.",
    explanation: "A probe checks its own container, but all containers share one network namespace: a probe on a port served by a sidecar tests the sidecar, not the app. A named probe port must be declared in the same container, or the probe always fails.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{name: http, containerPort: 80}]
    readinessProbe: {httpGet: {path: /ready, port: 15021}}
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    ports: [{name: health, containerPort: 15021}]
"#
        ),
        expect: &[(
            "spec.containers[0].readinessProbe.httpGet.port",
            r#"readinessProbe of app container "web" checks port 15021, which ambassador "proxy" declares: it probes the other container"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{name: http, containerPort: 80}]
    readinessProbe: {httpGet: {path: /ready, port: http}}
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    ports: [{name: health, containerPort: 15021}]
    readinessProbe: {httpGet: {path: /ready, port: health}}
"#
    )],
    check: Check::Workload(probe_port_undeclared),
};

fn probe_port_undeclared(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in pod.containers.iter().filter(|c| c.place != Place::Init) {
        let own = c.spec.ports.as_deref().unwrap_or_default();
        for (field, probe) in probes(c) {
            let Some(probe) = probe else { continue };
            let (handler, port) = if let Some(h) = &probe.http_get {
                ("httpGet", h.port.clone())
            } else if let Some(t) = &probe.tcp_socket {
                ("tcpSocket", t.port.clone())
            } else if let Some(g) = &probe.grpc {
                ("grpc", IntOrString::Int(g.port))
            } else {
                continue;
            };
            let path = c.path.child(field).child(handler).child("port");
            match port {
                IntOrString::String(name) => {
                    if !own.iter().any(|p| p.name.as_deref() == Some(name.as_str())) {
                        sink.lint(
                            path,
                            format!("{} of {} uses the port name {name:?}, which the container does not declare: the probe fails", field, who(c)),
                            "declare the named port in this container's ports, or use the port number",
                            "/catalog/probes#anti-pattern-probing-the-wrong-container",
                        );
                    }
                }
                IntOrString::Int(number) => {
                    if own.iter().any(|p| p.container_port == number) {
                        continue;
                    }
                    let other = pod.containers.iter().find(|o| {
                        o.path != c.path
                            && o.spec
                                .ports
                                .iter()
                                .flatten()
                                .any(|p| p.container_port == number)
                    });
                    match other {
                        Some(o) => sink.lint(
                            path,
                            format!("{} of {} checks port {number}, which {} declares: it probes the other container", field, who(c), who(o)),
                            "probe a port this container serves; give the other container its own probe",
                            "/catalog/probes#anti-pattern-probing-the-wrong-container",
                        ),
                        None => sink.lint(
                            path,
                            format!("{} of {} checks port {number}, which no container declares", field, who(c)),
                            "declare the port in the container that serves it (ports document what listens, and probes can use the name)",
                            "/catalog/networking#declaring-ports",
                        ),
                    }
                }
            }
        }
    }
}
