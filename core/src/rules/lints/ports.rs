//! Port lints for the Pod's shared network namespace.

use super::super::{Check, Ctx, Rule, Sink};
use super::who;
use crate::report::Severity;

/// `shared-port-name`: one port name in two containers.
pub(super) static SHARED_PORT_NAME: Rule = Rule {
    id: "shared-port-name",
    severity: Severity::Warning,
    summary: "Two containers declare a port with the same name; Services and probes referring to it become ambiguous.",
    explanation: "A Service's `targetPort: http` picks whichever container declares `http` first. Give each container's ports distinct names (`http`, `proxy-http`, `metrics`).",
    fail: &[pod!(
        "\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports: [{name: http, containerPort: 8080}]\n  - name: proxy\n    image: envoyproxy/envoy:v1.32.3\n    ports: [{name: http, containerPort: 9000}]\n"
    )],
    pass: &[pod!(
        "\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports: [{name: http, containerPort: 8080}]\n  - name: proxy\n    image: envoyproxy/envoy:v1.32.3\n    ports: [{name: proxy-http, containerPort: 9000}]\n"
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
