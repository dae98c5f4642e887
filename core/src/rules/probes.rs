//! Probe and lifecycle handler rules (§1.9.1).

use super::format::{http_header_name, port_name, port_number};
use super::{
    Check, CtrCtx, Ctx, Place, Rule, Sink, forbidden, invalid, invalid_num, required, unsupported,
};
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};
use k8s_openapi::api::core::v1::{ExecAction, HTTPGetAction, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

pub(super) const RULES: &[&Rule] = &[
    &INIT_PROBES_FORBIDDEN,
    &PROBE_HANDLER,
    &PROBE_THRESHOLDS,
    &HANDLER_PORTS,
    &LIFECYCLE_HANDLER,
];

/// The probes of a container with their field names.
pub(super) fn probes<'a>(c: &'a CtrCtx<'_>) -> [(&'static str, Option<&'a Probe>); 3] {
    [
        ("livenessProbe", c.spec.liveness_probe.as_ref()),
        ("readinessProbe", c.spec.readiness_probe.as_ref()),
        ("startupProbe", c.spec.startup_probe.as_ref()),
    ]
}

/// Containers whose probes and lifecycle the API server validates (plain init containers may have none).
fn long_running<'a>(ctx: &'a Ctx<'_>) -> impl Iterator<Item = &'a CtrCtx<'a>> {
    ctx.pod
        .iter()
        .flat_map(|p| p.containers.iter())
        .filter(|c| c.place != Place::Init)
}

/// `init-probes-forbidden`: no probes or lifecycle on plain init containers.
static INIT_PROBES_FORBIDDEN: Rule = Rule {
    id: "init-probes-forbidden",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Plain init containers may not have probes or lifecycle hooks; native sidecars may.",
    explanation: "An init container runs to completion, so readiness or liveness mean nothing for it. Give it `restartPolicy: Always` to make it a native sidecar, which may have all three probes and lifecycle hooks.",
    fail: &[Case {
        yaml: pod!(
            r#"
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    readinessProbe: {tcpSocket: {port: 9901}}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.initContainers[0].readinessProbe",
            "Forbidden: may not be set for init containers without restartPolicy=Always",
        )],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    restartPolicy: Always
    readinessProbe: {tcpSocket: {port: 9901}}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(init_probes_forbidden),
};

fn init_probes_forbidden(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in pod.containers.iter().filter(|c| c.place == Place::Init) {
        let mut fields: Vec<&str> = Vec::new();
        if c.spec.lifecycle.is_some() {
            fields.push("lifecycle");
        }
        fields.extend(
            probes(c)
                .into_iter()
                .filter(|(_, p)| p.is_some())
                .map(|(f, _)| f),
        );
        for field in fields {
            sink.report(
                c.path.child(field),
                forbidden("may not be set for init containers without restartPolicy=Always"),
            );
        }
    }
}

/// `probe-handler`: exactly one handler per probe.
static PROBE_HANDLER: Rule = Rule {
    id: "probe-handler",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A probe has exactly one handler: exec, httpGet, tcpSocket or grpc; exec needs a command.",
    explanation: "The kubelet runs one kind of check per probe. With none the API server answers `must specify a handler type`; with two, `may not specify more than 1 handler type` at the second.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      tcpSocket: {port: 80}
"#
        ),
        expect: &[(
            "spec.containers[0].livenessProbe.tcpSocket",
            "Forbidden: may not specify more than 1 handler type",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
"#
    )],
    check: Check::Workload(probe_handler),
};

fn probe_handler(ctx: &Ctx<'_>, sink: &mut Sink) {
    for c in long_running(ctx) {
        for (field, probe) in probes(c) {
            let Some(probe) = probe else { continue };
            let path = c.path.child(field);
            let kinds = [
                ("exec", probe.exec.is_some()),
                ("httpGet", probe.http_get.is_some()),
                ("tcpSocket", probe.tcp_socket.is_some()),
                ("grpc", probe.grpc.is_some()),
            ];
            check_handler_kinds(sink, &path, kinds, probe.exec.as_ref());
        }
    }
}

/// Exactly one handler kind of `kinds` (name, set) must be set, and an exec
/// handler needs a command: the checks probes and lifecycle hooks share.
fn check_handler_kinds(
    sink: &mut Sink,
    path: &FieldPath,
    kinds: [(&str, bool); 4],
    exec: Option<&ExecAction>,
) {
    let present: Vec<&str> = kinds
        .iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| *name)
        .collect();
    if present.is_empty() {
        sink.report(path, required("must specify a handler type"));
    }
    for extra in present.iter().skip(1) {
        sink.report(
            path.child(extra),
            forbidden("may not specify more than 1 handler type"),
        );
    }
    if exec.is_some_and(|exec| exec.command.as_deref().unwrap_or_default().is_empty()) {
        sink.report(path.child("exec").child("command"), required(""));
    }
}

/// `probe-thresholds`: timing fields and thresholds.
static PROBE_THRESHOLDS: Rule = Rule {
    id: "probe-thresholds",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Probe timings are non-negative; liveness and startup probes need successThreshold 1; readiness probes take no terminationGracePeriodSeconds.",
    explanation: "A liveness or startup probe either passes or fails, so its `successThreshold` must be 1. Only liveness and startup probes may override the grace period, and only with a positive value.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      successThreshold: 3
"#
        ),
        expect: &[(
            "spec.containers[0].livenessProbe.successThreshold",
            "Invalid value: 3: must be 1",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      failureThreshold: 3
    readinessProbe:
      httpGet: {path: /ready, port: 80}
      successThreshold: 2
"#
    )],
    check: Check::Workload(probe_thresholds),
};

fn probe_thresholds(ctx: &Ctx<'_>, sink: &mut Sink) {
    for c in long_running(ctx) {
        for (field, probe) in probes(c) {
            let Some(probe) = probe else { continue };
            let path = c.path.child(field);
            let numbers = [
                ("initialDelaySeconds", probe.initial_delay_seconds),
                ("timeoutSeconds", probe.timeout_seconds),
                ("periodSeconds", probe.period_seconds),
                ("successThreshold", probe.success_threshold),
                ("failureThreshold", probe.failure_threshold),
            ];
            for (name, value) in numbers {
                if let Some(v) = value.filter(|v| *v < 0) {
                    sink.report(
                        path.child(name),
                        invalid_num(v, "must be greater than or equal to 0"),
                    );
                }
            }
            if field != "readinessProbe"
                && let Some(v) = probe.success_threshold.filter(|v| *v != 1)
            {
                sink.report(path.child("successThreshold"), invalid_num(v, "must be 1"));
            }
            if let Some(v) = probe.termination_grace_period_seconds {
                if field == "readinessProbe" {
                    sink.report(
                        path.child("terminationGracePeriodSeconds"),
                        invalid_num(v, "must not be set for readinessProbes"),
                    );
                } else if v <= 0 {
                    sink.report(
                        path.child("terminationGracePeriodSeconds"),
                        invalid_num(v, "must be greater than 0"),
                    );
                }
            }
        }
    }
}

/// `handler-ports`: ports, schemes and headers of probe and hook handlers.
static HANDLER_PORTS: Rule = Rule {
    id: "handler-ports",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "httpGet, tcpSocket and grpc handlers need a port number 1-65535 or a valid port name; httpGet a scheme HTTP or HTTPS.",
    explanation: "A handler's `port` is a number or the name of a declared port. A quoted number such as `\"8080\"` is a *name* to the API server, and fails because names need a letter.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      httpGet: {path: /ready, port: '8080'}
"#
        ),
        expect: &[(
            "spec.containers[0].readinessProbe.httpGet.port",
            r#"Invalid value: "8080": must contain at least one letter (a-z)"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{name: http, containerPort: 8080}]
    readinessProbe:
      httpGet: {path: /ready, port: http}
"#
    )],
    check: Check::Workload(handler_ports),
};

fn port_problems(sink: &mut Sink, port: &IntOrString, path: FieldPath) {
    match port {
        IntOrString::Int(n) => {
            if !port_number(*n).is_empty() {
                sink.report(
                    path,
                    invalid_num(n, "must be between 1 and 65535, inclusive"),
                );
            }
        }
        IntOrString::String(name) => {
            let errors = port_name(name);
            if !errors.is_empty() {
                sink.report(path, invalid(name, &errors.join(", ")));
            }
        }
    }
}

fn http_get(sink: &mut Sink, http: &HTTPGetAction, path: &FieldPath) {
    port_problems(sink, &http.port, path.child("port"));
    if let Some(scheme) = http
        .scheme
        .as_deref()
        .filter(|s| !["HTTP", "HTTPS"].contains(s))
    {
        sink.report(
            path.child("scheme"),
            unsupported(scheme, &["HTTP", "HTTPS"]),
        );
    }
    for header in http.http_headers.iter().flatten() {
        let errors = http_header_name(&header.name);
        if !errors.is_empty() {
            sink.report(
                path.child("httpHeaders"),
                invalid(&header.name, &errors.join(", ")),
            );
        }
    }
}

fn handler_ports(ctx: &Ctx<'_>, sink: &mut Sink) {
    for c in long_running(ctx) {
        for (field, probe) in probes(c) {
            let Some(probe) = probe else { continue };
            let path = c.path.child(field);
            if let Some(http) = &probe.http_get {
                http_get(sink, http, &path.child("httpGet"));
            }
            if let Some(tcp) = &probe.tcp_socket {
                port_problems(sink, &tcp.port, path.child("tcpSocket").child("port"));
            }
            if let Some(grpc) = &probe.grpc
                && !port_number(grpc.port).is_empty()
            {
                sink.report(
                    path.child("grpc").child("port"),
                    invalid_num(grpc.port, "must be between 1 and 65535, inclusive"),
                );
            }
        }
        let Some(lifecycle) = &c.spec.lifecycle else {
            continue;
        };
        for (field, handler) in [
            ("postStart", &lifecycle.post_start),
            ("preStop", &lifecycle.pre_stop),
        ] {
            let Some(handler) = handler else { continue };
            let path = c.path.child("lifecycle").child(field);
            if let Some(http) = &handler.http_get {
                http_get(sink, http, &path.child("httpGet"));
            }
            if let Some(tcp) = &handler.tcp_socket {
                port_problems(sink, &tcp.port, path.child("tcpSocket").child("port"));
            }
        }
    }
}

/// `lifecycle-handler`: one handler per hook; sleep within the grace period.
static LIFECYCLE_HANDLER: Rule = Rule {
    id: "lifecycle-handler",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "postStart and preStop hooks have exactly one handler; a sleep lasts 0 to terminationGracePeriodSeconds.",
    explanation: "Hooks take exec, httpGet, tcpSocket or sleep (not grpc). A `sleep` longer than the Pod's grace period could never finish before the kubelet kills the container, so the API server refuses it.",
    fail: &[Case {
        yaml: pod!(
            r#"
  terminationGracePeriodSeconds: 10
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        sleep: {seconds: 15}
"#
        ),
        expect: &[(
            "spec.containers[0].lifecycle.preStop.sleep.seconds",
            "Invalid value: 15: must be non-negative and less than terminationGracePeriodSeconds (10)",
        )],
    }],
    pass: &[pod!(
        r#"
  terminationGracePeriodSeconds: 30
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        sleep: {seconds: 15}
"#
    )],
    check: Check::Workload(lifecycle_handler),
};

fn lifecycle_handler(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let grace = pod.grace_period();
    for c in long_running(ctx) {
        let Some(lifecycle) = &c.spec.lifecycle else {
            continue;
        };
        for (field, handler) in [
            ("postStart", &lifecycle.post_start),
            ("preStop", &lifecycle.pre_stop),
        ] {
            let Some(handler) = handler else { continue };
            let path = c.path.child("lifecycle").child(field);
            let kinds = [
                ("exec", handler.exec.is_some()),
                ("httpGet", handler.http_get.is_some()),
                ("tcpSocket", handler.tcp_socket.is_some()),
                ("sleep", handler.sleep.is_some()),
            ];
            check_handler_kinds(sink, &path, kinds, handler.exec.as_ref());
            if let Some(sleep) = &handler.sleep
                && (sleep.seconds < 0 || sleep.seconds > grace)
            {
                sink.report(
                    path.child("sleep").child("seconds"),
                    invalid_num(sleep.seconds, &format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::one;

    #[test]
    fn second_handler_is_named() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      exec: {command: ['true']}
      grpc: {port: 9000}
"#
        );
        assert_eq!(
            one("probe-handler", yaml),
            "spec.containers[0].livenessProbe.grpc: Forbidden: may not specify more than 1 handler type"
        );
    }

    #[test]
    fn numeric_string_port_is_a_name() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      tcpSocket: {port: '8080'}
"#
        );
        assert_eq!(
            one("handler-ports", yaml),
            "spec.containers[0].livenessProbe.tcpSocket.port: Invalid value: \"8080\": must contain at least one letter (a-z)"
        );
    }
}
