//! Ports probes and hooks reach. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateHTTPGetAction`,
//! `validateTCPSocketAction`, `ValidatePortNumOrName`; the undeclared-port lint
//! is Podwright's.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::{http_header_name, port_name, port_number};
use crate::rules::messages::{invalid, invalid_num, unsupported, who};
use crate::rules::probes::{long_running, probes};
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};
use k8s_openapi::api::core::v1::HTTPGetAction;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// `handler-ports`: ports, schemes and headers of probe and hook handlers.
pub(crate) static HANDLER_PORTS: Rule = Rule {
    id: "handler-ports",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "httpGet, tcpSocket and grpc handlers need a port number 1-65535 or a valid port name; httpGet a scheme HTTP or HTTPS.",
    explanation: "A handler's `port` is a number or the name of a declared port. A quoted number such as `\"8080\"` is a *name* to the API server, and fails because names need a letter.",
    fail: &[
        Case {
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
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      tcpSocket: {port: '8080'}
"#
            ),
            expect: &[(
                "spec.containers[0].livenessProbe.tcpSocket.port",
                r#"Invalid value: "8080": must contain at least one letter (a-z)"#,
            )],
        },
    ],
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

fn handler_ports(ctx: &Ctx<'_>, sink: &mut Sink) {
    for c in long_running(ctx) {
        for (field, probe) in probes(c) {
            let Some(probe) = probe else { continue };
            let path = c.path.child(field);
            if let Some(http) = &probe.http_get {
                http_get(sink, http, path.child("httpGet"));
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
                http_get(sink, http, path.child("httpGet"));
            }
            if let Some(tcp) = &handler.tcp_socket {
                port_problems(sink, &tcp.port, path.child("tcpSocket").child("port"));
            }
        }
    }
}

fn port_problems(sink: &mut Sink, port: &IntOrString, path: impl Descend) {
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

pub(crate) fn http_get(sink: &mut Sink, http: &HTTPGetAction, path: impl Descend) {
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

/// `probe-port-undeclared`: probes on ports the container does not declare.
pub(crate) static PROBE_PORT_UNDECLARED: Rule = Rule {
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
