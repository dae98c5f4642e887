//! Port lints for the Pod's shared network namespace.

use super::super::{Check, Ctx, Rule, Sink};
use super::who;
use crate::report::Severity;
use crate::rules::{Case, Origin};

/// `shared-port-name`: one port name in two containers.
pub(super) static SHARED_PORT_NAME: Rule = Rule {
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
