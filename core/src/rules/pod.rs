//! PodSpec top-level rules (§1.6) and scheduling fields (§1.12).

use super::format::{dns_label, dns_subdomain, label_value, qualified_name};
use super::{
    Check, Ctx, Rule, Sink, forbidden, invalid, invalid_num, report_format, required, unsupported,
};
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};
use k8s_openapi::api::core::v1::{
    Affinity, NodeSelectorRequirement, PodAffinityTerm, WeightedPodAffinityTerm,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

pub(super) const RULES: &[&Rule] = &[
    &CONTAINERS_REQUIRED,
    &RESTART_POLICY,
    &DNS_POLICY,
    &ACTIVE_DEADLINE_SECONDS,
    &POD_NAME_FIELDS,
    &NODE_SELECTOR_FORMAT,
    &HOST_NETWORK_HOST_PORT,
    &SHARE_PROCESS_NAMESPACE,
    &TOLERATIONS,
    &AFFINITY,
    &TOPOLOGY_SPREAD,
];

/// `containers-required`: at least one container.
static CONTAINERS_REQUIRED: Rule = Rule {
    id: "containers-required",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Pod needs at least one regular container.",
    explanation: "Init containers and native sidecars alone do not make a Pod: `spec.containers` must list at least one container.",
    fail: &[Case {
        yaml: pod!(
            r#"
  initContainers:
  - {name: setup, image: busybox:1.37}
  containers: []
"#
        ),
        expect: &[("spec.containers", "Required value")],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(containers_required),
};

fn containers_required(ctx: &Ctx<'_>, sink: &mut Sink) {
    if let Some(pod) = &ctx.pod
        && pod.spec.containers.is_empty()
    {
        sink.report(pod.path.child("containers"), required(""));
    }
}

/// `restart-policy`: Always, OnFailure or Never.
static RESTART_POLICY: Rule = Rule {
    id: "restart-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`restartPolicy` must be Always, OnFailure or Never.",
    explanation: "The Pod's restart policy decides what the kubelet does when a container exits. The value is case-sensitive.",
    fail: &[Case {
        yaml: pod!(
            r#"
  restartPolicy: always
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.restartPolicy",
            r#"Unsupported value: "always": supported values: "Always", "OnFailure", "Never""#,
        )],
    }],
    pass: &[pod!(
        r#"
  restartPolicy: Always
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(restart_policy),
};

fn restart_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    if let Some(pod) = &ctx.pod {
        let value = pod.spec.restart_policy.as_deref().unwrap_or_default();
        if !["Always", "OnFailure", "Never"].contains(&value) {
            sink.report(
                pod.path.child("restartPolicy"),
                unsupported(value, &["Always", "OnFailure", "Never"]),
            );
        }
    }
}

/// `dns-policy`: the DNS policy and its `None` configuration.
static DNS_POLICY: Rule = Rule {
    id: "dns-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`dnsPolicy` must be a known value; `None` needs a `dnsConfig` with nameservers.",
    explanation: "With `dnsPolicy: None` the Pod gets no DNS settings except those in `dnsConfig`, so at least one nameserver is required. At most 3 nameservers and 32 search domains are allowed.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  dnsPolicy: None
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.dnsConfig",
                "Required value: must provide `dnsConfig` when `dnsPolicy` is None",
            )],
        },
        Case {
            yaml: pod!(
                r#"
  dnsPolicy: ClusterFirstWithHostNetwork
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.dnsPolicy",
                r#"Unsupported value: "ClusterFirstWithHostNetwork": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None""#,
            )],
        },
    ],
    pass: &[pod!(
        r#"
  dnsPolicy: None
  dnsConfig:
    nameservers: [1.1.1.1]
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(dns_policy),
};

fn dns_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let supported = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    let value = pod.spec.dns_policy.as_deref().unwrap_or_default();
    if !supported.contains(&value) {
        sink.report(pod.path.child("dnsPolicy"), unsupported(value, &supported));
    }
    let config_path = pod.path.child("dnsConfig");
    let config = pod.spec.dns_config.as_ref();
    let nameservers = config
        .and_then(|c| c.nameservers.as_deref())
        .unwrap_or_default();
    if value == "None" {
        match config {
            None => {
                sink.report(
                    &config_path,
                    required("must provide `dnsConfig` when `dnsPolicy` is None"),
                );
            }
            Some(_) if nameservers.is_empty() => {
                sink.report(
                    config_path.child("nameservers"),
                    required("must provide at least one DNS nameserver when `dnsPolicy` is None"),
                );
            }
            Some(_) => {}
        }
    }
    if nameservers.len() > 3 {
        sink.report(
            config_path.child("nameservers"),
            format!("Invalid value: {nameservers:?}: must not have more than 3 nameservers"),
        );
    }
    let searches = config
        .and_then(|c| c.searches.as_deref())
        .unwrap_or_default();
    if searches.len() > 32 {
        sink.report(
            config_path.child("searches"),
            format!("Invalid value: {searches:?}: must not have more than 32 search paths"),
        );
    }
}

/// `active-deadline-seconds`: 1 to 2^31-1.
static ACTIVE_DEADLINE_SECONDS: Rule = Rule {
    id: "active-deadline-seconds",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "The Pod's `activeDeadlineSeconds` must be between 1 and 2147483647.",
    explanation: "`activeDeadlineSeconds` bounds how long a Pod may run before the kubelet kills it. Zero or negative values are refused (unlike a Job's own `activeDeadlineSeconds`).",
    fail: &[Case {
        yaml: pod!(
            r#"
  activeDeadlineSeconds: 0
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.activeDeadlineSeconds",
            "Invalid value: 0: must be between 1 and 2147483647, inclusive",
        )],
    }],
    pass: &[pod!(
        r#"
  activeDeadlineSeconds: 600
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(active_deadline_seconds),
};

fn active_deadline_seconds(ctx: &Ctx<'_>, sink: &mut Sink) {
    if let Some(pod) = &ctx.pod
        && let Some(value) = pod.spec.active_deadline_seconds
        && !(1..=2_147_483_647).contains(&value)
    {
        sink.report(
            pod.path.child("activeDeadlineSeconds"),
            invalid_num(value, "must be between 1 and 2147483647, inclusive"),
        );
    }
}

/// `pod-name-fields`: hostname, subdomain and object references by name.
static POD_NAME_FIELDS: Rule = Rule {
    id: "pod-name-fields",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "hostname and subdomain must be DNS labels; nodeName, serviceAccountName, priorityClassName and runtimeClassName DNS subdomains.",
    explanation: "These fields name other objects or DNS records, so they follow the DNS naming rules. `serviceAccount` (deprecated) must equal `serviceAccountName` when both are set.",
    fail: &[Case {
        yaml: pod!(
            r#"
  hostname: Web_1
  serviceAccountName: Builder
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[
            (
                "spec.hostname",
                r#"Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            ),
            (
                "spec.serviceAccountName",
                r#"Invalid value: "Builder": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  hostname: web-1
  subdomain: web
  serviceAccountName: builder
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(pod_name_fields),
};

fn pod_name_fields(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let s = pod.spec;
    let label_fields = [("hostname", &s.hostname), ("subdomain", &s.subdomain)];
    for (field, value) in label_fields {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            report_format(sink, &pod.path.child(field), v, dns_label(v));
        }
    }
    let subdomain_fields = [
        ("serviceAccountName", &s.service_account_name),
        ("nodeName", &s.node_name),
        ("priorityClassName", &s.priority_class_name),
        ("runtimeClassName", &s.runtime_class_name),
    ];
    for (field, value) in subdomain_fields {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            report_format(sink, &pod.path.child(field), v, dns_subdomain(v));
        }
    }
    if let (Some(name), Some(old)) = (
        s.service_account_name.as_deref(),
        s.service_account.as_deref(),
    ) && !old.is_empty()
        && old != name
    {
        sink.report(
            pod.path.child("serviceAccount"),
            invalid(
                old,
                &format!("must be the same as serviceAccountName: {name:?}"),
            ),
        );
    }
}

/// `node-selector-format`: nodeSelector keys and values.
static NODE_SELECTOR_FORMAT: Rule = Rule {
    id: "node-selector-format",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "nodeSelector keys and values must be valid label keys and values.",
    explanation: "A nodeSelector matches node labels, so it follows the label syntax.",
    fail: &[Case {
        yaml: pod!(
            r#"
  nodeSelector:
    disk type: ssd
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.nodeSelector",
            r#"Invalid value: "disk type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
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
    check: Check::Workload(node_selector_format),
};

fn node_selector_format(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let path = pod.path.child("nodeSelector");
    for (key, value) in pod.spec.node_selector.iter().flatten() {
        report_format(sink, &path, key, qualified_name(key, ctx.options.target));
        report_format(sink, &path, value, label_value(value, ctx.options.target));
    }
}

/// `host-network-host-port`: with hostNetwork, hostPort equals containerPort.
static HOST_NETWORK_HOST_PORT: Rule = Rule {
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
    for c in pod
        .containers
        .iter()
        .filter(|c| c.place == super::Place::App)
    {
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

/// `share-process-namespace`: not together with hostPID.
static SHARE_PROCESS_NAMESPACE: Rule = Rule {
    id: "share-process-namespace",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`shareProcessNamespace` and `hostPID` cannot both be true.",
    explanation: "A Pod either shares one process namespace among its containers or uses the host's; not both.",
    fail: &[Case {
        yaml: pod!(
            r#"
  shareProcessNamespace: true
  hostPID: true
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.shareProcessNamespace",
            "Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled",
        )],
    }],
    pass: &[pod!(
        r#"
  shareProcessNamespace: true
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(share_process_namespace),
};

fn share_process_namespace(ctx: &Ctx<'_>, sink: &mut Sink) {
    if let Some(pod) = &ctx.pod
        && pod.spec.share_process_namespace == Some(true)
        && pod.spec.host_pid == Some(true)
    {
        sink.report(
            pod.path.child("shareProcessNamespace"),
            "Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled",
        );
    }
}

/// `tolerations`: keys, operators, values and effects.
static TOLERATIONS: Rule = Rule {
    id: "tolerations",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Tolerations need a valid key, operator Equal or Exists, and a known effect.",
    explanation: "An empty key matches every taint and requires `operator: Exists`; `Exists` takes no value; `tolerationSeconds` only makes sense with `effect: NoExecute`. `Lt`/`Gt` operators need an alpha feature gate (1.35+).",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  tolerations:
  - {operator: Equal, value: x}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.tolerations[0].operator",
                r#"Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys""#,
            )],
        },
        Case {
            yaml: pod!(
                r#"
  tolerations:
  - {key: dedicated, operator: Exists, value: gpu, effect: NoSchedule, tolerationSeconds: 60}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[
                (
                    "spec.tolerations[0].effect",
                    r#"Invalid value: "NoSchedule": effect must be 'NoExecute' when `tolerationSeconds` is set"#,
                ),
                (
                    "spec.tolerations[0].operator",
                    r#"Invalid value: "gpu": value must be empty when `operator` is 'Exists'"#,
                ),
            ],
        },
    ],
    pass: &[pod!(
        r#"
  tolerations:
  - {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}
  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(tolerations),
};

fn tolerations(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (k, t) in pod.spec.tolerations.iter().flatten().enumerate() {
        let path = pod.path.child("tolerations").index(k);
        let key = t.key.as_deref().unwrap_or_default();
        let operator = t.operator.as_deref().unwrap_or_default();
        let value = t.value.as_deref().unwrap_or_default();
        if !key.is_empty() {
            report_format(
                sink,
                &path.child("key"),
                key,
                qualified_name(key, ctx.options.target),
            );
        }
        if key.is_empty() && operator != "Exists" {
            sink.report(
                path.child("operator"),
                invalid(operator, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""),
            );
        }
        if t.toleration_seconds.is_some() && t.effect.as_deref() != Some("NoExecute") {
            sink.report(
                path.child("effect"),
                invalid(
                    t.effect.as_deref().unwrap_or_default(),
                    "effect must be 'NoExecute' when `tolerationSeconds` is set",
                ),
            );
        }
        match operator {
            "" | "Equal" => {
                let errors = label_value(value, ctx.options.target);
                if !errors.is_empty() {
                    sink.report(path.child("operator"), invalid(value, &errors.join(";")));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    sink.report(
                        path.child("operator"),
                        invalid(value, "value must be empty when `operator` is 'Exists'"),
                    );
                }
            }
            _ => {
                sink.report(
                    path.child("operator"),
                    unsupported(operator, &["Equal", "Exists"]),
                );
            }
        }
        if let Some(effect) = t.effect.as_deref().filter(|e| !e.is_empty())
            && !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&effect)
        {
            sink.report(
                path.child("effect"),
                unsupported(effect, &["NoSchedule", "PreferNoSchedule", "NoExecute"]),
            );
        }
    }
}

/// `affinity`: node affinity terms, weights and pod affinity terms.
static AFFINITY: Rule = Rule {
    id: "affinity",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Affinity terms need valid operators and values, weights 1-100, and a topologyKey.",
    explanation: "Node selector requirements with `In`/`NotIn` need values, `Exists`/`DoesNotExist` take none, `Gt`/`Lt` exactly one. Preferred terms weigh 1 to 100. Pod (anti-)affinity terms need a `topologyKey`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: zone, operator: In}
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 0
        podAffinityTerm:
          labelSelector: {matchLabels: {app: web}}
          topologyKey: ''
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[
            (
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values",
                "Required value: must be specified when `operator` is 'In' or 'NotIn'",
            ),
            (
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                "Invalid value: 0: must be in the range 1-100",
            ),
            (
                "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey",
                "Required value: can not be empty",
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: zone, operator: In, values: [a, b]}
    podAntiAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 50
        podAffinityTerm:
          labelSelector: {matchLabels: {app: web}}
          topologyKey: kubernetes.io/hostname
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(affinity),
};

fn node_requirement(ctx: &Ctx<'_>, sink: &mut Sink, r: &NodeSelectorRequirement, path: &FieldPath) {
    let values = r.values.as_deref().unwrap_or_default();
    match r.operator.as_str() {
        "In" | "NotIn" if values.is_empty() => {
            sink.report(
                path.child("values"),
                required("must be specified when `operator` is 'In' or 'NotIn'"),
            );
        }
        "Exists" | "DoesNotExist" if !values.is_empty() => {
            sink.report(
                path.child("values"),
                forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
            );
        }
        "Gt" | "Lt" if values.len() != 1 => {
            sink.report(
                path.child("values"),
                required("must be specified single value when `operator` is 'Lt' or 'Gt'"),
            );
        }
        "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
        other => {
            sink.report(
                path.child("operator"),
                invalid(other, "not a valid selector operator"),
            );
        }
    }
    report_format(
        sink,
        &path.child("key"),
        &r.key,
        qualified_name(&r.key, ctx.options.target),
    );
}

pub(super) fn label_selector(
    ctx: &Ctx<'_>,
    sink: &mut Sink,
    selector: &LabelSelector,
    path: &FieldPath,
) {
    let version = ctx.options.target;
    for (key, value) in selector.match_labels.iter().flatten() {
        let labels = path.child("matchLabels");
        report_format(sink, &labels, key, qualified_name(key, version));
        report_format(sink, &labels, value, label_value(value, version));
    }
    for (j, e) in selector.match_expressions.iter().flatten().enumerate() {
        let p = path.child("matchExpressions").index(j);
        let values = e.values.as_deref().unwrap_or_default();
        match e.operator.as_str() {
            "In" | "NotIn" if values.is_empty() => {
                sink.report(
                    p.child("values"),
                    required("must be specified when `operator` is 'In' or 'NotIn'"),
                );
            }
            "Exists" | "DoesNotExist" if !values.is_empty() => {
                sink.report(
                    p.child("values"),
                    forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
                );
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => {
                sink.report(
                    p.child("operator"),
                    invalid(other, "not a valid selector operator"),
                );
            }
        }
        report_format(
            sink,
            &p.child("key"),
            &e.key,
            qualified_name(&e.key, version),
        );
    }
}

fn pod_term(ctx: &Ctx<'_>, sink: &mut Sink, term: &PodAffinityTerm, path: &FieldPath) {
    if let Some(selector) = &term.label_selector {
        label_selector(ctx, sink, selector, &path.child("labelSelector"));
    }
    if term.topology_key.is_empty() {
        sink.report(path.child("topologyKey"), required("can not be empty"));
    } else {
        report_format(
            sink,
            &path.child("topologyKey"),
            &term.topology_key,
            qualified_name(&term.topology_key, ctx.options.target),
        );
    }
}

fn affinity(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(affinity) = &pod.spec.affinity else {
        return;
    };
    let path = pod.path.child("affinity");
    if let Some(node) = &affinity.node_affinity {
        let node_path = path.child("nodeAffinity");
        if let Some(required_terms) = &node.required_during_scheduling_ignored_during_execution {
            let p = node_path
                .child("requiredDuringSchedulingIgnoredDuringExecution")
                .child("nodeSelectorTerms");
            if required_terms.node_selector_terms.is_empty() {
                sink.report(&p, required("must have at least one node selector term"));
            }
            for (i, term) in required_terms.node_selector_terms.iter().enumerate() {
                for (j, r) in term.match_expressions.iter().flatten().enumerate() {
                    node_requirement(ctx, sink, r, &p.index(i).child("matchExpressions").index(j));
                }
            }
        }
        for (i, pref) in node
            .preferred_during_scheduling_ignored_during_execution
            .iter()
            .flatten()
            .enumerate()
        {
            let p = node_path
                .child("preferredDuringSchedulingIgnoredDuringExecution")
                .index(i);
            if !(1..=100).contains(&pref.weight) {
                sink.report(
                    p.child("weight"),
                    invalid_num(pref.weight, "must be in the range 1-100"),
                );
            }
            for (j, r) in pref
                .preference
                .match_expressions
                .iter()
                .flatten()
                .enumerate()
            {
                node_requirement(
                    ctx,
                    sink,
                    r,
                    &p.child("preference").child("matchExpressions").index(j),
                );
            }
        }
    }
    let pod_affinities = pod_affinity_groups(affinity);
    for (field, terms) in pod_affinities {
        let Some((required_terms, preferred)) = terms else {
            continue;
        };
        let p = path.child(field);
        for (i, term) in required_terms.iter().flatten().enumerate() {
            pod_term(
                ctx,
                sink,
                term,
                &p.child("requiredDuringSchedulingIgnoredDuringExecution")
                    .index(i),
            );
        }
        for (i, weighted) in preferred.iter().flatten().enumerate() {
            let wp = p
                .child("preferredDuringSchedulingIgnoredDuringExecution")
                .index(i);
            if !(1..=100).contains(&weighted.weight) {
                sink.report(
                    wp.child("weight"),
                    invalid_num(weighted.weight, "must be in the range 1-100"),
                );
            }
            pod_term(
                ctx,
                sink,
                &weighted.pod_affinity_term,
                &wp.child("podAffinityTerm"),
            );
        }
    }
}

/// `topology-spread`: maxSkew, topologyKey, whenUnsatisfiable, minDomains.
static TOPOLOGY_SPREAD: Rule = Rule {
    id: "topology-spread",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Topology spread constraints need maxSkew > 0, a topologyKey, a known whenUnsatisfiable, and minDomains > 0 only with DoNotSchedule.",
    explanation: "Each constraint spreads matching Pods over the domains of `topologyKey`. `whenUnsatisfiable` is `DoNotSchedule` or `ScheduleAnyway`; `minDomains` only applies to `DoNotSchedule`. One `{topologyKey, whenUnsatisfiable}` pair may appear once.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  topologySpreadConstraints:
  - maxSkew: 0
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.topologySpreadConstraints[0].maxSkew",
                "Invalid value: 0: must be greater than zero",
            )],
        },
        Case {
            yaml: pod!(
                r#"
  topologySpreadConstraints:
  - maxSkew: 1
    minDomains: 3
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.topologySpreadConstraints[0].minDomains",
                "Invalid value: 3: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway",
            )],
        },
    ],
    pass: &[pod!(
        r#"
  topologySpreadConstraints:
  - maxSkew: 1
    minDomains: 3
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(topology_spread),
};

fn topology_spread(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut seen = Vec::new();
    for (k, c) in pod
        .spec
        .topology_spread_constraints
        .iter()
        .flatten()
        .enumerate()
    {
        let path = pod.path.child("topologySpreadConstraints").index(k);
        if c.max_skew <= 0 {
            sink.report(
                path.child("maxSkew"),
                invalid_num(c.max_skew, "must be greater than zero"),
            );
        }
        if c.topology_key.is_empty() {
            sink.report(path.child("topologyKey"), required("can not be empty"));
        } else {
            report_format(
                sink,
                &path.child("topologyKey"),
                &c.topology_key,
                qualified_name(&c.topology_key, ctx.options.target),
            );
        }
        let when = c.when_unsatisfiable.as_str();
        if !["DoNotSchedule", "ScheduleAnyway"].contains(&when) {
            sink.report(
                path.child("whenUnsatisfiable"),
                unsupported(when, &["DoNotSchedule", "ScheduleAnyway"]),
            );
        }
        if let Some(min) = c.min_domains {
            if min <= 0 {
                sink.report(
                    path.child("minDomains"),
                    invalid_num(min, "must be greater than 0"),
                );
            } else if when != "DoNotSchedule" {
                sink.report(
                    path.child("minDomains"),
                    invalid_num(
                        min,
                        &format!(
                            "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {when}"
                        ),
                    ),
                );
            }
        }
        for (field, value) in [
            ("nodeAffinityPolicy", &c.node_affinity_policy),
            ("nodeTaintsPolicy", &c.node_taints_policy),
        ] {
            if let Some(v) = value
                .as_deref()
                .filter(|v| !["Honor", "Ignore"].contains(v))
            {
                sink.report(path.child(field), unsupported(v, &["Honor", "Ignore"]));
            }
        }
        let pair = (c.topology_key.clone(), c.when_unsatisfiable.clone());
        if seen.contains(&pair) {
            sink.report(
                path.child("{topologyKey, whenUnsatisfiable}"),
                format!("Duplicate value: \"{{{}, {}}}\"", pair.0, pair.1),
            );
        }
        seen.push(pair);
        if let Some(selector) = &c.label_selector {
            label_selector(ctx, sink, selector, &path.child("labelSelector"));
        }
    }
}

/// The required and preferred terms of a Pod's inter-pod affinity and
/// anti-affinity, each under its field name.
pub(super) type AffinityTerms<'a> = (
    &'a Option<Vec<PodAffinityTerm>>,
    &'a Option<Vec<WeightedPodAffinityTerm>>,
);

/// `podAffinity` and `podAntiAffinity` with their terms, where set.
pub(super) fn pod_affinity_groups(
    affinity: &Affinity,
) -> [(&'static str, Option<AffinityTerms<'_>>); 2] {
    [
        (
            "podAffinity",
            affinity.pod_affinity.as_ref().map(|a| {
                (
                    &a.required_during_scheduling_ignored_during_execution,
                    &a.preferred_during_scheduling_ignored_during_execution,
                )
            }),
        ),
        (
            "podAntiAffinity",
            affinity.pod_anti_affinity.as_ref().map(|a| {
                (
                    &a.required_during_scheduling_ignored_during_execution,
                    &a.preferred_during_scheduling_ignored_during_execution,
                )
            }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::one;

    #[test]
    fn max_skew_message() {
        let yaml = pod!(
            r#"
  topologySpreadConstraints:
  - {maxSkew: -1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}
  containers:
  - {name: web, image: nginx:1.27}
"#
        );
        assert_eq!(
            one("topology-spread", yaml),
            "spec.topologySpreadConstraints[0].maxSkew: Invalid value: -1: must be greater than zero"
        );
    }

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
