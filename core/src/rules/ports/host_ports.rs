//! Host ports. Upstream: `pkg/apis/core/validation/validation.go`
//! `AccumulateUniqueHostPorts` (conflicts), `validateHostNetwork` (hostNetwork
//! needs hostPort equal to containerPort), and `pkg/api/pod/warnings.go`
//! (hostIP without hostPort).

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::invalid_num;
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};
use rustc_hash::FxHashSet;

/// `host-port-conflict`: one hostPort per protocol and host IP.
pub(crate) static HOST_PORT_CONFLICT: Rule = Rule {
    id: "host-port-conflict",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Two ports of the Pod's containers may not claim the same hostPort, protocol and hostIP.",
    explanation: "A hostPort binds a port of the node; two containers cannot bind the same one. The API server compares all regular containers together, and each init container only with itself.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, hostPort: 8080}]
  - name: admin
    image: nginx:1.27
    ports: [{containerPort: 81, hostPort: 8080}]
"#
        ),
        expect: &[(
            "spec.containers[1].ports[0].hostPort",
            r#"Duplicate value: "TCP//8080""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, hostPort: 8080}]
  - name: admin
    image: nginx:1.27
    ports: [{containerPort: 81, hostPort: 8081}]
"#
    )],
    check: Check::Workload(host_port_conflict),
};

fn host_port_conflict(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut app_seen = FxHashSet::default();
    for c in &pod.containers {
        let mut own_seen = FxHashSet::default();
        let (seen, path) = if c.place == Place::App {
            (&mut app_seen, c.path.clone())
        } else {
            (
                &mut own_seen,
                pod.path.child("initContainers").index(0).to_path(),
            )
        };
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            let host = p.host_port.unwrap_or(0);
            if host == 0 {
                continue;
            }
            let key = format!(
                "{}/{}/{}",
                p.protocol.as_deref().unwrap_or("TCP"),
                p.host_ip.as_deref().unwrap_or_default(),
                host
            );
            if !seen.insert(key.clone()) {
                sink.report(
                    path.child("ports").index(j).child("hostPort"),
                    format!("Duplicate value: {key:?}"),
                );
            }
        }
    }
}

/// `host-network-host-port`: with hostNetwork, hostPort equals containerPort.
pub(crate) static HOST_NETWORK_HOST_PORT: Rule = Rule {
    id: "host-network-host-port",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "With `hostNetwork: true`, a container's `hostPort` must equal its `containerPort`.",
    explanation: "On the host network there is no port mapping: the container binds the node's port directly. Leave `hostPort` out (or equal to `containerPort`).",
    fail: &[Case {
        yaml: pod!(
            r#"
  hostNetwork: true
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {containerPort: 80, hostPort: 8080}
"#
        ),
        expect: &[(
            "spec.containers[0].ports[0].hostPort",
            "Invalid value: 8080: must match `containerPort` when `hostNetwork` is true",
        )],
    }],
    pass: &[pod!(
        r#"
  hostNetwork: true
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {containerPort: 80}
"#
    )],
    check: Check::Workload(host_network_host_port),
};

fn host_network_host_port(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if pod.spec.host_network != Some(true) {
        return;
    }
    for c in pod.containers.iter().filter(|c| c.place == Place::App) {
        for (j, port) in c.spec.ports.iter().flatten().enumerate() {
            let host = port.host_port.unwrap_or(0);
            let checked = pod.is_pod || host != 0;
            if checked && host != port.container_port {
                sink.report(
                    c.path.child("ports").index(j).child("hostPort"),
                    invalid_num(
                        host,
                        "must match `containerPort` when `hostNetwork` is true",
                    ),
                );
            }
        }
    }
}

/// `host-ip-without-host-port`: hostIP has no effect without hostPort.
pub(crate) static HOST_IP_WITHOUT_HOST_PORT: Rule = Rule {
    id: "host-ip-without-host-port",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "A port sets hostIP but no hostPort; hostIP has no effect.",
    explanation: "`hostIP` only chooses the node address a `hostPort` binds to. Without `hostPort` it is ignored.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, hostIP: 127.0.0.1}]
"#
        ),
        expect: &[(
            "spec.containers[0].ports[0]",
            r#"hostIP set without hostPort: {"containerPort":80,"hostIP":"127.0.0.1","protocol":"TCP"}"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80, hostIP: 127.0.0.1, hostPort: 8080}]
"#
    )],
    check: Check::Workload(host_ip_without_host_port),
};

fn host_ip_without_host_port(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            if p.host_ip.as_deref().is_some_and(|ip| !ip.is_empty())
                && p.host_port.unwrap_or(0) == 0
            {
                let shown = serde_json::to_string(p).unwrap_or_default();
                sink.report(
                    c.path.child("ports").index(j),
                    format!("hostIP set without hostPort: {shown}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn template_host_port_zero_is_fine() {
        let yaml = deployment!(
            r#"
      hostNetwork: true
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
"#
        );
        assert!(crate::rules::testing::findings("host-network-host-port", yaml).is_empty());
    }
}
