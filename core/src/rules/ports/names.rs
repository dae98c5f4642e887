//! Port names. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateContainerPorts` (IANA service names, unique per container); the
//! cross-container lint is Podwright's.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::port_name;
use crate::rules::messages::{report_format, who};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use rustc_hash::FxHashSet;

/// `port-name-format`: IANA service names.
pub(crate) static PORT_NAME_FORMAT: Rule = Rule {
    id: "port-name-format",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Port names are IANA service names: at most 15 lowercase letters, digits and single hyphens, with a letter.",
    explanation: "Services and probes refer to ports by name, so names follow the IANA_SVC_NAME syntax: at most 15 characters, `a-z`, `0-9` and `-`, at least one letter, no `--`, no leading or trailing hyphen.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {name: http-metrics-port, containerPort: 9090}
"#
            ),
            expect: &[(
                "spec.containers[0].ports[0].name",
                r#"Invalid value: "http-metrics-port": must be no more than 15 characters"#,
            )],
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {name: a-very-long-port-name, containerPort: 80}
"#
            ),
            expect: &[(
                "spec.containers[0].ports[0].name",
                r#"Invalid value: "a-very-long-port-name": must be no more than 15 characters"#,
            )],
        },
    ],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {name: metrics, containerPort: 9090}
"#
    )],
    check: Check::Workload(port_name_format),
};

fn port_name_format(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            if let Some(name) = p.name.as_deref().filter(|n| !n.is_empty()) {
                report_format(
                    sink,
                    c.path.child("ports").index(j).child("name"),
                    name,
                    port_name(name),
                );
            }
        }
    }
}

/// `port-name-duplicate`: port names unique within a container.
pub(crate) static PORT_NAME_DUPLICATE: Rule = Rule {
    id: "port-name-duplicate",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A container may not declare two ports with the same name.",
    explanation: "A port name must identify one port of the container. (Across containers the API server allows repeats; the `shared-port-name` lint warns about those.)",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {name: web, containerPort: 80}
    - {name: web, containerPort: 443}
"#
        ),
        expect: &[(
            "spec.containers[0].ports[1].name",
            r#"Duplicate value: "web""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {name: http, containerPort: 80}
    - {name: https, containerPort: 443}
"#
    )],
    check: Check::Workload(port_name_duplicate),
};

fn port_name_duplicate(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let mut seen = FxHashSet::default();
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            if let Some(name) = p.name.as_deref().filter(|n| !n.is_empty())
                && !seen.insert(name)
            {
                sink.report(
                    c.path.child("ports").index(j).child("name"),
                    format!("Duplicate value: {name:?}"),
                );
            }
        }
    }
}

/// `shared-port-name`: one port name in two containers.
pub(crate) static SHARED_PORT_NAME: Rule = Rule {
    id: "shared-port-name",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "Two containers declare a port with the same name; Services and probes referring to it become ambiguous.",
    explanation: "A Service's `targetPort: http` picks whichever container declares `http` first. Give each container's ports distinct names (`http`, `proxy-http`, `metrics`).",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{name: http, containerPort: 8080}]
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    ports: [{name: http, containerPort: 9000}]
"#
        ),
        expect: &[(
            "spec.containers[1].ports[0].name",
            r#"ambassador "proxy" declares the port name "http", which app container "web" also declares"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{name: http, containerPort: 8080}]
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    ports: [{name: proxy-http, containerPort: 9000}]
"#
    )],
    check: Check::Workload(shared_port_name),
};

fn shared_port_name(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (i, c) in pod.containers.iter().enumerate() {
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            let Some(name) = p.name.as_deref().filter(|n| !n.is_empty()) else {
                continue;
            };
            let earlier = pod.containers[..i].iter().find(|o| {
                o.spec
                    .ports
                    .iter()
                    .flatten()
                    .any(|q| q.name.as_deref() == Some(name))
            });
            if let Some(other) = earlier {
                sink.lint(
                    c.path.child("ports").index(j).child("name"),
                    format!(
                        "{} declares the port name {name:?}, which {} also declares",
                        who(c),
                        who(other)
                    ),
                    "give each container's ports distinct names",
                    "/catalog/networking#declaring-ports",
                );
            }
        }
    }
}
