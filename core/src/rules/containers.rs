//! Container rules common to init, sidecar and regular containers (§1.8, §1.9).

use super::format::{
    config_map_key, dns_label, dns_subdomain, env_var_name, port_name, port_number,
};
use super::{
    Check, Ctx, Place, Rule, Sink, forbidden, invalid, invalid_num, report_format, required,
    unsupported,
};
use crate::report::Severity;
use crate::rules::{Case, Origin};
use std::collections::HashSet;

pub(super) const RULES: &[&Rule] = &[
    &CONTAINER_NAME,
    &CONTAINER_IMAGE_REQUIRED,
    &CONTAINER_ENUM_FIELDS,
    &PORT_NAME_FORMAT,
    &PORT_NAME_DUPLICATE,
    &CONTAINER_PORT_RANGE,
    &PORT_PROTOCOL,
    &HOST_PORT_CONFLICT,
    &ENV_NAME,
    &ENV_VALUE_FROM,
    &ENV_FROM,
    &INIT_CONTAINER_RESTART_POLICY,
    &CONTAINER_RESTART_POLICY,
    &RESTART_POLICY_RULES,
];

/// `container-name`: required, DNS label, unique across init and regular containers.
static CONTAINER_NAME: Rule = Rule {
    id: "container-name",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Container names are DNS-1123 labels, unique across init containers and containers.",
    explanation: "Containers share one name space in the Pod: an init container may not reuse the name of a regular container. Names are lowercase, at most 63 characters, without dots.",
    fail: &[Case {
        yaml: pod!(
            r#"
  initContainers:
  - {name: web, image: busybox:1.37}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[("spec.initContainers[0].name", r#"Duplicate value: "web""#)],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - {name: setup, image: busybox:1.37}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(container_name),
};

fn container_name(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut names: HashSet<&str> = HashSet::new();
    let apps = pod.containers.iter().filter(|c| c.place == Place::App);
    let inits = pod.containers.iter().filter(|c| c.place != Place::App);
    let mut dups = Vec::new();
    for c in apps {
        if !names.insert(c.spec.name.as_str()) {
            dups.push(c);
        }
    }
    for c in inits {
        if !names.insert(c.spec.name.as_str()) {
            dups.push(c);
        }
    }
    for c in &pod.containers {
        let path = c.path.child("name");
        if c.spec.name.is_empty() {
            sink.report(path, required(""));
        } else {
            report_format(sink, &path, &c.spec.name, dns_label(&c.spec.name));
            if dups.iter().any(|d| d.path == c.path) {
                sink.report(path, format!("Duplicate value: {:?}", c.spec.name));
            }
        }
    }
}

/// `container-image-required`: every container names an image.
static CONTAINER_IMAGE_REQUIRED: Rule = Rule {
    id: "container-image-required",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Every container needs an image.",
    explanation: "The schema leaves `image` optional (for higher-level controllers), but the API server refuses Pods and templates without one. For a Pod the image may not have surrounding whitespace either.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
"#
        ),
        expect: &[("spec.containers[0].image", "Required value")],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(container_image_required),
};

fn container_image_required(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let image = c.spec.image.as_deref().unwrap_or_default();
        if image.is_empty() {
            sink.report(c.path.child("image"), required(""));
        } else if pod.is_pod && image.trim() != image {
            sink.report(
                c.path.child("image"),
                invalid(image, "must not have leading or trailing whitespace"),
            );
        }
    }
}

/// `container-enum-fields`: imagePullPolicy and terminationMessagePolicy values.
static CONTAINER_ENUM_FIELDS: Rule = Rule {
    id: "container-enum-fields",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "imagePullPolicy and terminationMessagePolicy take fixed, case-sensitive values.",
    explanation: "`imagePullPolicy` is Always, IfNotPresent or Never; `terminationMessagePolicy` is File or FallbackToLogsOnError.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27, imagePullPolicy: IfNotPresents}
"#
        ),
        expect: &[(
            "spec.containers[0].imagePullPolicy",
            r#"Unsupported value: "IfNotPresents": supported values: "Always", "IfNotPresent", "Never""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27, imagePullPolicy: IfNotPresent}
"#
    )],
    check: Check::Workload(container_enum_fields),
};

fn container_enum_fields(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let pull = ["Always", "IfNotPresent", "Never"];
        if let Some(v) = c
            .spec
            .image_pull_policy
            .as_deref()
            .filter(|v| !pull.contains(v))
        {
            sink.report(c.path.child("imagePullPolicy"), unsupported(v, &pull));
        }
        let message = ["File", "FallbackToLogsOnError"];
        if let Some(v) = c
            .spec
            .termination_message_policy
            .as_deref()
            .filter(|v| !message.contains(v))
        {
            sink.report(
                c.path.child("terminationMessagePolicy"),
                unsupported(v, &message),
            );
        }
    }
}

/// `port-name-format`: IANA service names.
static PORT_NAME_FORMAT: Rule = Rule {
    id: "port-name-format",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Port names are IANA service names: at most 15 lowercase letters, digits and single hyphens, with a letter.",
    explanation: "Services and probes refer to ports by name, so names follow the IANA_SVC_NAME syntax: at most 15 characters, `a-z`, `0-9` and `-`, at least one letter, no `--`, no leading or trailing hyphen.",
    fail: &[Case {
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
    }],
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
                    &c.path.child("ports").index(j).child("name"),
                    name,
                    port_name(name),
                );
            }
        }
    }
}

/// `port-name-duplicate`: port names unique within a container.
static PORT_NAME_DUPLICATE: Rule = Rule {
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
        let mut seen = HashSet::new();
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

/// `container-port-range`: containerPort required, ports 1-65535.
static CONTAINER_PORT_RANGE: Rule = Rule {
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
static PORT_PROTOCOL: Rule = Rule {
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
    let supported = ["SCTP", "TCP", "UDP"];
    for c in &pod.containers {
        for (j, p) in c.spec.ports.iter().flatten().enumerate() {
            if let Some(v) = p.protocol.as_deref().filter(|v| !supported.contains(v)) {
                sink.report(
                    c.path.child("ports").index(j).child("protocol"),
                    unsupported(v, &supported),
                );
            }
        }
    }
}

/// `host-port-conflict`: one hostPort per protocol and host IP.
static HOST_PORT_CONFLICT: Rule = Rule {
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
    let mut app_seen = HashSet::new();
    for c in &pod.containers {
        let mut own_seen = HashSet::new();
        let (seen, path) = if c.place == Place::App {
            (&mut app_seen, c.path.clone())
        } else {
            (&mut own_seen, pod.path.child("initContainers").index(0))
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

/// `env-name`: environment variable names.
static ENV_NAME: Rule = Rule {
    id: "env-name",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Environment variable names are required and printable ASCII without `=`.",
    explanation: "Since 1.32 (GA in 1.34) the API server accepts any printable ASCII name except `=`; the name may not be empty. `envFrom` prefixes follow the same rule.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: 'MODE=prod', value: x}
"#
        ),
        expect: &[(
            "spec.containers[0].env[0].name",
            r#"Invalid value: "MODE=prod": a valid environment variable name must consist only of printable ASCII characters other than '='"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: MODE, value: prod}
"#
    )],
    check: Check::Workload(env_name),
};

fn env_name(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        for (j, e) in c.spec.env.iter().flatten().enumerate() {
            let path = c.path.child("env").index(j).child("name");
            if e.name.is_empty() {
                sink.report(path, required(""));
            } else {
                report_format(sink, &path, &e.name, env_var_name(&e.name));
            }
        }
        for (j, e) in c.spec.env_from.iter().flatten().enumerate() {
            if let Some(prefix) = e.prefix.as_deref().filter(|p| !p.is_empty()) {
                report_format(
                    sink,
                    &c.path.child("envFrom").index(j).child("prefix"),
                    prefix,
                    env_var_name(prefix),
                );
            }
        }
    }
}

/// `env-value-from`: exactly one source, and valid references.
static ENV_VALUE_FROM: Rule = Rule {
    id: "env-value-from",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`valueFrom` takes exactly one source, no `value` beside it, and valid references.",
    explanation: "An env var gets its value either literally (`value`) or from one source: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` (or `fileKeyRef`). References need a ConfigMap/Secret name and key; `fieldRef` supports a fixed list of Pod fields.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: PASSWORD
      value: hunter2
      valueFrom:
        secretKeyRef: {name: db, key: password}
"#
            ),
            expect: &[(
                "spec.containers[0].env[0].valueFrom",
                r#"Invalid value: "": may not be specified when `value` is not empty"#,
            )],
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: MEM
      valueFrom:
        resourceFieldRef: {resource: limits.memory, divisor: 1m}
"#
            ),
            expect: &[(
                "spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor",
                r#"Invalid value: "1m": only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"#,
            )],
        },
    ],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
    - name: POD_IP
      valueFrom:
        fieldRef: {fieldPath: status.podIP}
"#
    )],
    check: Check::Workload(env_value_from),
};

const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

fn env_value_from(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let with_file = ctx.options.target.at_least(35);
    for c in &pod.containers {
        for (j, e) in c.spec.env.iter().flatten().enumerate() {
            let Some(from) = &e.value_from else { continue };
            let path = c.path.child("env").index(j).child("valueFrom");
            let count = [
                from.field_ref.is_some(),
                from.resource_field_ref.is_some(),
                from.config_map_key_ref.is_some(),
                from.secret_key_ref.is_some(),
                from.file_key_ref.is_some() && with_file,
            ]
            .into_iter()
            .filter(|b| *b)
            .count();
            if count == 0 {
                let sources = if with_file {
                    "`fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"
                } else {
                    "`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
                };
                sink.report(
                    &path,
                    invalid("", &format!("must specify one of: {sources}")),
                );
            } else if count > 1 {
                sink.report(
                    &path,
                    invalid("", "may not have more than one field specified at a time"),
                );
            }
            if e.value.as_deref().is_some_and(|v| !v.is_empty()) {
                sink.report(
                    &path,
                    invalid("", "may not be specified when `value` is not empty"),
                );
            }
            if let Some(field) = &from.field_ref {
                let fp = path.child("fieldRef");
                let p = field.field_path.as_str();
                let subscript = ["metadata.labels['", "metadata.annotations['"]
                    .iter()
                    .any(|s| p.starts_with(s))
                    && p.ends_with("']");
                if p.is_empty() {
                    sink.report(fp.child("fieldPath"), required(""));
                } else if field.api_version.as_deref().is_some_and(|v| v != "v1") {
                    sink.report(
                        fp.child("apiVersion"),
                        invalid(
                            field.api_version.as_deref().unwrap_or_default(),
                            "error converting fieldPath: unsupported pod version",
                        ),
                    );
                } else if !subscript && !ENV_FIELD_PATHS.contains(&p) {
                    sink.report(fp.child("fieldPath"), unsupported(p, ENV_FIELD_PATHS));
                }
            }
            if let Some(resource) = &from.resource_field_ref {
                let r = resource.resource.as_str();
                if let Some(divisor) = &resource.divisor {
                    divisor_check(
                        sink,
                        r,
                        &divisor.0,
                        path.child("resourceFieldRef").child("divisor"),
                    );
                }
                let known = [
                    "limits.cpu",
                    "limits.memory",
                    "limits.ephemeral-storage",
                    "requests.cpu",
                    "requests.memory",
                    "requests.ephemeral-storage",
                ];
                if r.is_empty() {
                    sink.report(
                        path.child("resourceFieldRef").child("resource"),
                        required(""),
                    );
                } else if !known.contains(&r)
                    && !r.starts_with("limits.hugepages-")
                    && !r.starts_with("requests.hugepages-")
                {
                    sink.report(
                        path.child("resourceFieldRef").child("resource"),
                        unsupported(r, &known),
                    );
                }
            }
            let refs = [
                (
                    "configMapKeyRef",
                    from.config_map_key_ref.as_ref().map(|r| (&r.name, &r.key)),
                ),
                (
                    "secretKeyRef",
                    from.secret_key_ref.as_ref().map(|r| (&r.name, &r.key)),
                ),
            ];
            for (field, reference) in refs {
                let Some((name, key)) = reference else {
                    continue;
                };
                let rp = path.child(field);
                report_format(sink, &rp.child("name"), name, dns_subdomain(name));
                if key.is_empty() {
                    sink.report(rp.child("key"), required(""));
                } else {
                    report_format(sink, &rp.child("key"), key, config_map_key(key));
                }
            }
        }
    }
}

/// The divisors a resourceFieldRef accepts for `resource`.
fn divisor_check(sink: &mut Sink, resource: &str, divisor: &str, path: crate::report::FieldPath) {
    let Ok(value) = crate::quantity::Quantity::parse(divisor) else {
        return;
    };
    let allowed = |list: &[&str]| {
        list.iter()
            .any(|a| crate::quantity::Quantity::parse(a).is_ok_and(|q| q == value))
    };
    let bytes = [
        "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
    ];
    let (ok, what) = if resource.ends_with(".cpu") {
        (
            allowed(&["1m", "1"]),
            "only divisor's values 1m and 1 are supported with the cpu resource",
        )
    } else if resource.ends_with(".memory") {
        (
            allowed(&bytes),
            "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource",
        )
    } else if resource.ends_with(".ephemeral-storage") {
        (
            allowed(&bytes),
            "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource",
        )
    } else if resource.contains(".hugepages-") {
        (
            allowed(&bytes),
            "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource",
        )
    } else {
        (true, "")
    };
    if !ok {
        sink.report(path, invalid(divisor, what));
    }
}

/// `env-from`: one of configMapRef or secretRef, with a name.
static ENV_FROM: Rule = Rule {
    id: "env-from",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Each envFrom entry names exactly one ConfigMap or Secret.",
    explanation: "`envFrom` imports every key of a ConfigMap or a Secret as variables; each entry takes one of `configMapRef` or `secretRef`, with a name. The API server reports the source error at the list path `envFrom`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    envFrom:
    - prefix: APP_
"#
        ),
        expect: &[(
            "spec.containers[0].envFrom",
            r#"Invalid value: "": must specify one of: `configMapRef` or `secretRef`"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    envFrom:
    - prefix: APP_
      configMapRef: {name: web}
"#
    )],
    check: Check::Workload(env_from),
};

fn env_from(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let list = c.path.child("envFrom");
        for (j, e) in c.spec.env_from.iter().flatten().enumerate() {
            match (&e.config_map_ref, &e.secret_ref) {
                (None, None) => {
                    sink.report(
                        &list,
                        invalid("", "must specify one of: `configMapRef` or `secretRef`"),
                    );
                }
                (Some(_), Some(_)) => {
                    sink.report(
                        &list,
                        invalid("", "may not have more than one field specified at a time"),
                    );
                }
                _ => {}
            }
            let names = [
                ("configMapRef", e.config_map_ref.as_ref().map(|r| &r.name)),
                ("secretRef", e.secret_ref.as_ref().map(|r| &r.name)),
            ];
            for (field, name) in names {
                let Some(name) = name else { continue };
                let path = list.index(j).child(field).child("name");
                if name.is_empty() {
                    sink.report(path, required(""));
                } else {
                    report_format(sink, &path, name, dns_subdomain(name));
                }
            }
        }
    }
}

/// `init-container-restart-policy`: init containers take `Always` (native sidecar) or nothing.
static INIT_CONTAINER_RESTART_POLICY: Rule = Rule {
    id: "init-container-restart-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "An init container's `restartPolicy` may only be `Always` (a native sidecar); 1.35+ also accepts OnFailure and Never.",
    explanation: "`restartPolicy: Always` turns an init container into a native sidecar that keeps running beside the app. Before 1.35 no other value is accepted; from 1.35 (ContainerRestartRules beta) OnFailure and Never are allowed too.",
    fail: &[Case {
        yaml: pod!(target: "1.34", r#"
  initContainers:
  - {name: setup, image: busybox:1.37, restartPolicy: OnFailure}
  containers:
  - {name: web, image: nginx:1.27}
"#),
        expect: &[(
            "spec.initContainers[0].restartPolicy",
            r#"Unsupported value: "OnFailure": supported values: "Always""#,
        )],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - {name: proxy, image: envoyproxy/envoy:v1.32.3, restartPolicy: Always}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(init_container_restart_policy),
};

fn init_container_restart_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let supported: &[&str] = if ctx.options.target.at_least(35) {
        &["Always", "OnFailure", "Never"]
    } else {
        &["Always"]
    };
    for c in pod.containers.iter().filter(|c| c.place != Place::App) {
        if let Some(policy) = c
            .spec
            .restart_policy
            .as_deref()
            .filter(|p| !supported.contains(p))
        {
            sink.report(
                c.path.child("restartPolicy"),
                unsupported(policy, supported),
            );
        }
    }
}

/// `container-restart-policy`: a regular container's own restartPolicy.
static CONTAINER_RESTART_POLICY: Rule = Rule {
    id: "container-restart-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Regular containers may set `restartPolicy` only from 1.35 (ContainerRestartRules), to Always, OnFailure or Never.",
    explanation: "Before 1.35 only init containers take a `restartPolicy`. From 1.35 a regular container may override the Pod's policy, mostly together with `restartPolicyRules`.",
    fail: &[Case {
        yaml: pod!(target: "1.34", r#"
  containers:
  - {name: web, image: nginx:1.27, restartPolicy: Always}
"#),
        expect: &[(
            "spec.containers[0].restartPolicy",
            "Forbidden: may not be set for non-init containers",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(container_restart_policy),
};

fn container_restart_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in pod.containers.iter().filter(|c| c.place == Place::App) {
        let Some(policy) = c.spec.restart_policy.as_deref() else {
            continue;
        };
        let path = c.path.child("restartPolicy");
        if !ctx.options.target.at_least(35) {
            sink.report(path, forbidden("may not be set for non-init containers"));
        } else if !["Always", "OnFailure", "Never"].contains(&policy) {
            sink.report(path, unsupported(policy, &["Always", "OnFailure", "Never"]));
        }
    }
}

/// `restart-policy-rules`: container restart rules.
static RESTART_POLICY_RULES: Rule = Rule {
    id: "restart-policy-rules",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`restartPolicyRules` need a container `restartPolicy`, a known action and exit codes.",
    explanation: "Restart rules (1.35+) restart a container on chosen exit codes. They require the container's own `restartPolicy`. The `RestartAllContainers` action, and rules on native sidecars, need 1.36 (beta).",
    fail: &[Case {
        yaml: pod!(target: "1.35", r#"
  restartPolicy: Never
  initContainers:
  - name: watcher
    image: busybox:1.37
    restartPolicy: Always
    restartPolicyRules:
    - action: RestartAllContainers
      exitCodes: {operator: In, values: [88]}
  containers:
  - {name: web, image: busybox:1.37}
"#),
        expect: &[
            (
                "spec.initContainers[0].restartPolicyRules",
                "Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always",
            ),
            (
                "spec.initContainers[0].restartPolicyRules[0].action",
                r#"Unsupported value: "RestartAllContainers": supported values: "Restart""#,
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  restartPolicy: Never
  containers:
  - name: worker
    image: busybox:1.37
    restartPolicy: Never
    restartPolicyRules:
    - action: Restart
      exitCodes: {operator: In, values: [42]}
"#
    )],
    check: Check::Workload(restart_policy_rules),
};

fn restart_policy_rules(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let target = ctx.options.target;
    if !target.at_least(35) {
        return;
    }
    let actions: &[&str] = if target.at_least(36) {
        &["Restart", "RestartAllContainers"]
    } else {
        &["Restart"]
    };
    for c in &pod.containers {
        let Some(rules) = c
            .spec
            .restart_policy_rules
            .as_ref()
            .filter(|r| !r.is_empty())
        else {
            continue;
        };
        let path = c.path.child("restartPolicyRules");
        if c.spec.restart_policy.is_none() {
            sink.report(
                c.path.child("restartPolicy"),
                required("must specify restartPolicy when restart rules are used"),
            );
        }
        if c.place == Place::Sidecar && !target.at_least(36) {
            sink.report(&path, forbidden("restartPolicyRules are not allowed for init containers with restart policy Always"));
        }
        if rules.len() > 20 {
            sink.report(
                &path,
                format!("Too many: {}: must have at most 20 items", rules.len()),
            );
        }
        for (k, rule) in rules.iter().enumerate() {
            let rp = path.index(k);
            if !actions.contains(&rule.action.as_str()) {
                sink.report(rp.child("action"), unsupported(&rule.action, actions));
            }
            match &rule.exit_codes {
                None => {
                    sink.report(rp.child("exitCodes"), required("must be specified"));
                }
                Some(codes) if !["In", "NotIn"].contains(&codes.operator.as_str()) => {
                    sink.report(
                        rp.child("exitCodes").child("operator"),
                        unsupported(&codes.operator, &["In", "NotIn"]),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, one};

    #[test]
    fn init_duplicate_is_reported_on_the_init_container() {
        let yaml = pod!(
            r#"
  initContainers:
  - {name: web, image: busybox:1.37}
  containers:
  - {name: web, image: nginx:1.27}
"#
        );
        assert_eq!(
            one("container-name", yaml),
            "spec.initContainers[0].name: Duplicate value: \"web\""
        );
    }

    #[test]
    fn port_name_too_long_and_duplicates() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - {name: a-very-long-port-name, containerPort: 80}
"#
        );
        assert_eq!(
            one("port-name-format", yaml),
            "spec.containers[0].ports[0].name: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters"
        );
    }

    #[test]
    fn env_from_uses_the_list_path() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    envFrom: [{prefix: A_}]
"#
        );
        assert_eq!(
            findings("env-from", yaml)[0].path,
            "spec.containers[0].envFrom"
        );
    }

    #[test]
    fn sidecar_restart_rules_are_valid_from_136() {
        let yaml = pod!(
            r#"
  restartPolicy: Never
  initContainers:
  - name: watcher
    image: busybox:1.37
    restartPolicy: Always
    restartPolicyRules:
    - action: RestartAllContainers
      exitCodes: {operator: In, values: [88]}
  containers:
  - {name: web, image: busybox:1.37}
"#
        );
        assert!(findings("restart-policy-rules", yaml).is_empty());
    }
}
