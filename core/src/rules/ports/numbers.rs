//! Port numbers and protocols. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateContainerPorts` (errors)
//! and `pkg/api/pod/warnings.go` (duplicate port definitions).

use crate::path::Descend;
use crate::report::{FieldPath, Severity};
use crate::rules::format::port_number;
use crate::rules::messages::{invalid_num, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use crate::values::PORT_PROTOCOLS;

/// `container-port-range`: containerPort required, ports 1-65535.
pub(crate) static CONTAINER_PORT_RANGE: Rule = Rule {
    id: "container-port-range",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Every port needs a containerPort between 1 and 65535; a hostPort, if set, too.",
    explanation: "`containerPort` is required in each `ports` entry; `hostPort` is optional but must be a valid port number when set.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {name: http}
"#
        ),
        expect: &[(
            "spec.containers[0].ports[0].containerPort",
            "Required value",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {name: http, containerPort: 8080}
"#
    )],
    check: Check::Workload(container_port_range),
};

fn container_port_range(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            let path = c.path.child("ports").index(j);
            if p.container_port == 0 {
                sink.report(path.child("containerPort"), required(""));
            } else if !port_number(p.container_port).is_empty() {
                sink.report(
                    path.child("containerPort"),
                    invalid_num(p.container_port, "must be between 1 and 65535, inclusive"),
                );
            }
            if let Some(host) = p
                .host_port
                .filter(|h| *h != 0 && !port_number(*h).is_empty())
            {
                sink.report(
                    path.child("hostPort"),
                    invalid_num(host, "must be between 1 and 65535, inclusive"),
                );
            }
        }
    }
}

/// `port-protocol`: TCP, UDP or SCTP.
pub(crate) static PORT_PROTOCOL: Rule = Rule {
    id: "port-protocol",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A port's protocol is TCP, UDP or SCTP (uppercase).",
    explanation: "The protocol defaults to TCP; when set, it must be one of the three supported values, in uppercase.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: dns
    image: coredns/coredns:1.12.0
    ports:
    - {containerPort: 53, protocol: udp}
"#
        ),
        expect: &[(
            "spec.containers[0].ports[0].protocol",
            r#"Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: dns
    image: coredns/coredns:1.12.0
    ports:
    - {containerPort: 53, protocol: UDP}
"#
    )],
    check: Check::Workload(port_protocol),
};

fn port_protocol(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let supported = PORT_PROTOCOLS;
    for c in &pod.containers {
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            if let Some(v) = p.protocol.as_deref().filter(|v| !supported.contains(v)) {
                sink.report(
                    c.path.child("ports").index(j).child("protocol"),
                    unsupported(v, supported),
                );
            }
        }
    }
}

/// `duplicate-port-definition`: the same port declared twice in the Pod.
pub(crate) static DUPLICATE_PORT_DEFINITION: Rule = Rule {
    id: "duplicate-port-definition",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "Two port entries in the Pod declare the same containerPort and protocol.",
    explanation: "All containers of a Pod share one network namespace: two containers cannot both listen on the same port, and at runtime one of them fails to bind. Declare each port once, in the container that listens on it.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 8080}]
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    ports: [{containerPort: 8080}]
"#
        ),
        expect: &[(
            "spec.containers[1].ports[0]",
            "duplicate port definition with spec.containers[0].ports[0]",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 8080}]
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    ports: [{containerPort: 9901}]
"#
    )],
    check: Check::Workload(duplicate_port_definition),
};

fn duplicate_port_definition(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut seen: Vec<(FieldPath, String, i32, String, i32, String)> = Vec::new();
    for c in &pod.containers {
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            let path = c.path.child("ports").index(j);
            let protocol = p.protocol.clone().unwrap_or_else(|| "TCP".to_owned());
            let host_ip = p.host_ip.clone().unwrap_or_default();
            let host_port = p.host_port.unwrap_or(0);
            for (other, other_container, port, proto, other_host_port, other_ip) in &seen {
                if *port != p.container_port || *proto != protocol {
                    continue;
                }
                let text = if *other_host_port == host_port && *other_ip == host_ip {
                    "duplicate port definition"
                } else if *other_host_port == 0 || host_port == 0 {
                    "overlapping port definition"
                } else {
                    continue;
                };
                let finding = sink.report(path, format!("{text} with {other}"));
                if *other_container != c.spec.name {
                    finding.help = Some(format!(
                        "containers {other_container:?} and {:?} share the Pod's network namespace: only one can listen on {}/{protocol}; remove the port from the container that does not serve it",
                        c.spec.name, p.container_port
                    ));
                    finding.docs =
                        Some("/catalog/networking#anti-pattern-two-containers-one-port".to_owned());
                }
            }
            seen.push((
                path.to_path(),
                c.spec.name.clone(),
                p.container_port,
                protocol,
                host_port,
                host_ip,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn cross_container_port_duplicates_get_help() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 8080}]
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    ports: [{containerPort: 8080}]
"#
        );
        let found = findings("duplicate-port-definition", yaml);
        assert_eq!(found[0].path, "spec.containers[1].ports[0]");
        assert_eq!(
            found[0].message,
            "duplicate port definition with spec.containers[0].ports[0]"
        );
        assert!(found[0].help.is_some());
    }
}
