//! The API server's own warnings (§1.15): accepted, but returned as `Warning:`
//! headers. The texts follow the API server's.

use super::{Check, Ctx, Rule, Sink};
use crate::quantity::Quantity;
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use std::collections::HashMap;

pub(super) const RULES: &[&Rule] = &[
    &DEPRECATED_NODE_LABEL,
    &NULL_LABEL_SELECTOR,
    &DEPRECATED_ANNOTATION,
    &DEPRECATED_VOLUME_TYPE,
    &FRACTIONAL_BYTE_VALUE,
    &ENV_DUPLICATE,
    &DUPLICATE_PORT_DEFINITION,
    &HOST_IP_WITHOUT_HOST_PORT,
    &NEGATIVE_GRACE_PERIOD,
    &IMAGE_PULL_SECRETS,
];

const NODE_LABELS: &[(&str, &str, &str)] = &[
    ("beta.kubernetes.io/arch", "v1.14", "kubernetes.io/arch"),
    ("beta.kubernetes.io/os", "v1.14", "kubernetes.io/os"),
    (
        "failure-domain.beta.kubernetes.io/zone",
        "v1.17",
        "topology.kubernetes.io/zone",
    ),
    (
        "failure-domain.beta.kubernetes.io/region",
        "v1.17",
        "topology.kubernetes.io/region",
    ),
    (
        "beta.kubernetes.io/instance-type",
        "v1.17",
        "node.kubernetes.io/instance-type",
    ),
];

fn node_label(sink: &mut Sink, key: &str, path: FieldPath) {
    if let Some((_, since, ga)) = NODE_LABELS.iter().find(|(old, _, _)| *old == key) {
        sink.report(
            path,
            format!("deprecated since {since}; use {ga:?} instead"),
        );
    }
}

/// `deprecated-node-label`: beta node labels in selectors.
static DEPRECATED_NODE_LABEL: Rule = Rule {
    id: "deprecated-node-label",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "Node selectors, node affinity and topology keys use a deprecated beta node label.",
    explanation: "Nodes still carry the old `beta.kubernetes.io/*` and `failure-domain.beta.kubernetes.io/*` labels for compatibility, but the API server warns: use the GA labels such as `kubernetes.io/os` and `topology.kubernetes.io/zone`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  nodeSelector:
    beta.kubernetes.io/os: linux
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.nodeSelector[beta.kubernetes.io/os]",
            r#"deprecated since v1.14; use "kubernetes.io/os" instead"#,
        )],
    }],
    pass: &[pod!(
        r#"
  nodeSelector:
    kubernetes.io/os: linux
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(deprecated_node_label),
};

fn deprecated_node_label(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for key in pod.spec.node_selector.iter().flatten().map(|(k, _)| k) {
        node_label(sink, key, pod.path.child("nodeSelector").key(key));
    }
    if let Some(required) = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| {
            n.required_during_scheduling_ignored_during_execution
                .as_ref()
        })
    {
        let p = pod
            .path
            .child("affinity")
            .child("nodeAffinity")
            .child("requiredDuringSchedulingIgnoredDuringExecution")
            .child("nodeSelectorTerms");
        for (i, term) in required.node_selector_terms.iter().enumerate() {
            for (j, e) in term.match_expressions.iter().flatten().enumerate() {
                node_label(
                    sink,
                    &e.key,
                    p.index(i).child("matchExpressions").index(j).child("key"),
                );
            }
        }
    }
    for (i, c) in pod
        .spec
        .topology_spread_constraints
        .iter()
        .flatten()
        .enumerate()
    {
        node_label(
            sink,
            &c.topology_key,
            pod.path
                .child("topologySpreadConstraints")
                .index(i)
                .child("topologyKey"),
        );
    }
}

/// `null-label-selector`: spread constraints and affinity terms without a labelSelector.
static NULL_LABEL_SELECTOR: Rule = Rule {
    id: "null-label-selector",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "A topology spread constraint or pod affinity term without labelSelector matches no Pod.",
    explanation: "Without a `labelSelector` the constraint counts no Pods at all, so it has no effect. Select the Pods to spread or co-locate, usually the workload's own labels.",
    fail: &[Case {
        yaml: pod!(
            r#"
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.topologySpreadConstraints[0].labelSelector",
            "a null labelSelector results in matching no pod",
        )],
    }],
    pass: &[pod!(
        r#"
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(null_label_selector),
};

const NULL_SELECTOR: &str = "a null labelSelector results in matching no pod";

fn null_label_selector(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (i, c) in pod
        .spec
        .topology_spread_constraints
        .iter()
        .flatten()
        .enumerate()
    {
        if c.label_selector.is_none() {
            sink.report(
                pod.path
                    .child("topologySpreadConstraints")
                    .index(i)
                    .child("labelSelector"),
                NULL_SELECTOR,
            );
        }
    }
    let Some(affinity) = &pod.spec.affinity else {
        return;
    };
    let groups = super::pod::pod_affinity_groups(affinity);
    for (field, terms) in groups {
        let Some((required, preferred)) = terms else {
            continue;
        };
        let p = pod.path.child("affinity").child(field);
        for (i, t) in required.iter().flatten().enumerate() {
            if t.label_selector.is_none() {
                sink.report(
                    p.child("requiredDuringSchedulingIgnoredDuringExecution")
                        .index(i)
                        .child("labelSelector"),
                    NULL_SELECTOR,
                );
            }
        }
        for (i, t) in preferred.iter().flatten().enumerate() {
            if t.pod_affinity_term.label_selector.is_none() {
                sink.report(
                    p.child("preferredDuringSchedulingIgnoredDuringExecution")
                        .index(i)
                        .child("podAffinityTerm")
                        .child("labelSelector"),
                    NULL_SELECTOR,
                );
            }
        }
    }
}

/// `deprecated-annotation`: annotations that stopped working.
static DEPRECATED_ANNOTATION: Rule = Rule {
    id: "deprecated-annotation",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "The Pod uses an annotation that is deprecated or no longer works (critical-pod, sysctls, seccomp, AppArmor).",
    explanation: "Several features moved from annotations to fields: `priorityClassName`, `securityContext.sysctls`, `securityContext.seccompProfile` and `securityContext.appArmorProfile`. The old annotations do nothing (or will stop working).",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: runtime/default
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
        expect: &[(
            "metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]",
            r#"non-functional in v1.27+; use the "seccompProfile" field instead"#,
        )],
    }],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(deprecated_annotation),
};

fn annotation_warning(key: &str, pod_has_seccomp: bool) -> Option<&'static str> {
    match key {
        "scheduler.alpha.kubernetes.io/critical-pod" => {
            Some("non-functional in v1.16+; use the \"priorityClassName\" field instead")
        }
        "security.alpha.kubernetes.io/sysctls" | "security.alpha.kubernetes.io/unsafe-sysctls" => {
            Some("non-functional in v1.11+; use the \"sysctls\" field instead")
        }
        "seccomp.security.alpha.kubernetes.io/pod" if !pod_has_seccomp => {
            Some("non-functional in v1.27+; use the \"seccompProfile\" field instead")
        }
        k if k.starts_with("container.seccomp.security.alpha.kubernetes.io/") => {
            Some("non-functional in v1.27+; use the \"seccompProfile\" field instead")
        }
        k if k.starts_with("container.apparmor.security.beta.kubernetes.io/") => {
            Some("deprecated since v1.30; use the \"appArmorProfile\" field instead")
        }
        _ => None,
    }
}

fn deprecated_annotation(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let meta: Option<&ObjectMeta> = pod.meta;
    let has_seccomp = pod
        .spec
        .security_context
        .as_ref()
        .is_some_and(|s| s.seccomp_profile.is_some());
    let path = if pod.is_pod {
        FieldPath::parse("metadata")
    } else {
        pod.meta_path.child("metadata")
    };
    for key in meta
        .and_then(|m| m.annotations.as_ref())
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        if let Some(text) = annotation_warning(key, has_seccomp) {
            sink.report(path.child("annotations").key(key), text);
        }
    }
}

const DEPRECATED_VOLUMES: &[(&str, &str)] = &[
    (
        "photonPersistentDisk",
        "deprecated in v1.11, non-functional in v1.16+",
    ),
    ("gitRepo", "deprecated in v1.11"),
    ("scaleIO", "deprecated in v1.16, non-functional in v1.22+"),
    ("flocker", "deprecated in v1.22, non-functional in v1.25+"),
    ("storageos", "deprecated in v1.22, non-functional in v1.25+"),
    ("quobyte", "deprecated in v1.22, non-functional in v1.25+"),
    ("glusterfs", "deprecated in v1.25, non-functional in v1.26+"),
    ("cephfs", "deprecated in v1.28, non-functional in v1.31+"),
    ("rbd", "deprecated in v1.28, non-functional in v1.31+"),
];

/// `deprecated-volume-type`: in-tree volume plugins that were removed.
static DEPRECATED_VOLUME_TYPE: Rule = Rule {
    id: "deprecated-volume-type",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "The volume uses a deprecated or removed in-tree volume plugin (gitRepo, glusterfs, cephfs, rbd, ...).",
    explanation: "Most in-tree storage plugins were replaced by CSI drivers; several no longer work at all. For `gitRepo`, clone the repository with an init container into an emptyDir.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: site, mountPath: /usr/share/nginx/html}]
  volumes:
  - name: site
    gitRepo: {repository: 'https://example.com/site.git'}
"#
        ),
        expect: &[("spec.volumes[0].gitRepo", "deprecated in v1.11")],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - name: clone
    image: alpine/git:2.47.1
    args: [clone, 'https://example.com/site.git', /site]
    volumeMounts: [{name: site, mountPath: /site}]
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: site, mountPath: /usr/share/nginx/html}]
  volumes:
  - {name: site, emptyDir: {}}
"#
    )],
    check: Check::Workload(deprecated_volume_type),
};

fn deprecated_volume_type(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
        for source in crate::defaults::volume_sources(v) {
            if let Some((name, text)) = DEPRECATED_VOLUMES.iter().find(|(n, _)| *n == source) {
                sink.report(pod.path.child("volumes").index(i).child(name), *text);
            }
        }
    }
}

/// `fractional-byte-value`: memory in fractions of a byte.
static FRACTIONAL_BYTE_VALUE: Rule = Rule {
    id: "fractional-byte-value",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "A memory or ephemeral-storage amount is a fraction of a byte (`100m` means 0.1 bytes).",
    explanation: "`m` is the milli suffix: `memory: 100m` asks for a tenth of a byte, not 100 MiB. Use `Mi` or `M`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {memory: 100m}
"#
        ),
        expect: &[(
            "spec.containers[0].resources.limits[memory]",
            r#"fractional byte value "100m" is invalid, must be an integer"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {memory: 100Mi}
"#
    )],
    check: Check::Workload(fractional_byte_value),
};

fn fractional_byte_value(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let Some(r) = &c.written.resources else {
            continue;
        };
        for (field, list) in [("limits", &r.limits), ("requests", &r.requests)] {
            for (name, value) in list.iter().flatten() {
                if (name == "memory" || name == "ephemeral-storage")
                    && Quantity::parse(&value.0).is_ok_and(|q| !q.is_integer())
                {
                    sink.report(
                        c.path.child("resources").child(field).key(name),
                        format!(
                            "fractional byte value {:?} is invalid, must be an integer",
                            value.0
                        ),
                    );
                }
            }
        }
    }
}

/// `env-duplicate`: an env var defined twice.
static ENV_DUPLICATE: Rule = Rule {
    id: "env-duplicate",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "An environment variable is defined twice in one container; the later definition hides the earlier.",
    explanation: "Only the last definition takes effect, and server-side apply may drop the earlier entry altogether. Keep one definition per name (or reference the earlier one with `$(NAME)` on purpose).",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: MODE, value: dev}
    - {name: MODE, value: prod}
"#
        ),
        expect: &[(
            "spec.containers[0].env[1]",
            r#"hides previous definition of "MODE", which may be dropped when using apply"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: MODE, value: prod}
    - {name: PATH_EXTRA, value: /opt/bin}
"#
    )],
    check: Check::Workload(env_duplicate),
};

fn env_duplicate(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let mut seen = HashMap::new();
        for (j, e) in c.spec.env.iter().flatten().enumerate() {
            let reference = format!("$({})", e.name);
            let refers_back = e.value_from.is_none()
                && e.value
                    .as_deref()
                    .is_some_and(|v| v.contains(&reference) && v != reference);
            if seen.contains_key(e.name.as_str()) && !refers_back {
                sink.report(
                    c.path.child("env").index(j),
                    format!(
                        "hides previous definition of {:?}, which may be dropped when using apply",
                        e.name
                    ),
                );
            }
            seen.insert(e.name.as_str(), j);
        }
    }
}

/// `duplicate-port-definition`: the same port declared twice in the Pod.
static DUPLICATE_PORT_DEFINITION: Rule = Rule {
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
                let finding = sink.report(&path, format!("{text} with {other}"));
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
                path,
                c.spec.name.clone(),
                p.container_port,
                protocol,
                host_port,
                host_ip,
            ));
        }
    }
}

/// `host-ip-without-host-port`: hostIP has no effect without hostPort.
static HOST_IP_WITHOUT_HOST_PORT: Rule = Rule {
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

/// `negative-grace-period`: terminationGracePeriodSeconds below zero.
static NEGATIVE_GRACE_PERIOD: Rule = Rule {
    id: "negative-grace-period",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "terminationGracePeriodSeconds is negative; the API server treats it as 1.",
    explanation: "A negative grace period is invalid; for compatibility the API server turns it into 1 second, which gives containers no time to shut down cleanly.",
    fail: &[Case {
        yaml: pod!(
            r#"
  terminationGracePeriodSeconds: -1
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.terminationGracePeriodSeconds",
            "must be >= 0; negative values are invalid and will be treated as 1",
        )],
    }],
    pass: &[pod!(
        r#"
  terminationGracePeriodSeconds: 30
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(negative_grace_period),
};

fn negative_grace_period(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if pod
        .written
        .termination_grace_period_seconds
        .is_some_and(|g| g < 0)
    {
        sink.report(
            pod.path.child("terminationGracePeriodSeconds"),
            "must be >= 0; negative values are invalid and will be treated as 1",
        );
    }
}

/// `image-pull-secrets`: empty or duplicate names.
static IMAGE_PULL_SECRETS: Rule = Rule {
    id: "image-pull-secrets",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "imagePullSecrets lists an empty or a repeated name.",
    explanation: "Each entry names a Secret of type `kubernetes.io/dockerconfigjson`; empty and repeated entries are ignored.",
    fail: &[Case {
        yaml: pod!(
            r#"
  imagePullSecrets:
  - {name: registry}
  - {name: registry}
  containers:
  - {name: web, image: registry.example.com/web:1.0}
"#
        ),
        expect: &[(
            "spec.imagePullSecrets[1].name",
            r#"duplicate name "registry""#,
        )],
    }],
    pass: &[pod!(
        r#"
  imagePullSecrets:
  - {name: registry}
  containers:
  - {name: web, image: registry.example.com/web:1.0}
"#
    )],
    check: Check::Workload(image_pull_secrets),
};

fn image_pull_secrets(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut seen = Vec::new();
    for (i, s) in pod.spec.image_pull_secrets.iter().flatten().enumerate() {
        let path = pod.path.child("imagePullSecrets").index(i).child("name");
        if s.name.is_empty() {
            sink.report(path, "invalid empty name \"\"");
        } else if seen.contains(&s.name) {
            sink.report(path, format!("duplicate name {:?}", s.name));
        }
        seen.push(s.name.clone());
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, one};

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

    #[test]
    fn node_label_warning_text() {
        let yaml = pod!(
            r#"
  nodeSelector:
    failure-domain.beta.kubernetes.io/zone: a
  containers:
  - {name: web, image: nginx:1.27}
"#
        );
        assert_eq!(
            one("deprecated-node-label", yaml),
            "spec.nodeSelector[failure-domain.beta.kubernetes.io/zone]: deprecated since v1.17; use \"topology.kubernetes.io/zone\" instead"
        );
    }
}
