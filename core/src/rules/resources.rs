//! Resource and quantity rules (§1.11).

use super::format::qualified_name;
use super::{Check, Ctx, Rule, Sink, forbidden, invalid, required};
use crate::quantity::Quantity;
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};
use k8s_openapi::api::core::v1::ResourceRequirements;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as KubeQuantity;
use std::collections::BTreeMap;

pub(super) const RULES: &[&Rule] = &[
    &QUANTITY_FORMAT,
    &RESOURCE_NAME,
    &RESOURCE_VALUE,
    &REQUESTS_EXCEED_LIMITS,
    &HUGEPAGES,
    &POD_LEVEL_RESOURCES,
];

type Map = BTreeMap<String, KubeQuantity>;

/// Every resource list of the Pod as written (before requests default to limits), with its path: containers' limits and requests, overhead, Pod-level resources.
fn resource_lists<'a>(ctx: &'a Ctx<'_>) -> Vec<(FieldPath, &'a Map)> {
    let Some(pod) = &ctx.pod else {
        return Vec::new();
    };
    let mut lists = Vec::new();
    let mut push = |path: FieldPath, r: &'a ResourceRequirements| {
        if let Some(l) = &r.limits {
            lists.push((path.child("limits"), l));
        }
        if let Some(q) = &r.requests {
            lists.push((path.child("requests"), q));
        }
    };
    for c in &pod.containers {
        if let Some(r) = &c.written.resources {
            push(c.path.child("resources"), r);
        }
    }
    if let Some(r) = &pod.spec.resources {
        push(pod.path.child("resources"), r);
    }
    if let Some(o) = &pod.spec.overhead {
        lists.push((pod.path.child("overhead"), o));
    }
    lists
}

/// `quantity-format`: quantities parse.
static QUANTITY_FORMAT: Rule = Rule {
    id: "quantity-format",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Resource quantities are numbers with an optional suffix: `500m`, `2`, `128Mi`, `1G`, `1e3`.",
    explanation: "Binary suffixes are `Ki Mi Gi Ti Pi Ei`, decimal ones `n u m k M G T P E`; `MB`, `Gb` or a space before the suffix are refused when the request is decoded.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {memory: 512MB}
"#
        ),
        expect: &[(
            "spec.containers[0].resources.limits[memory]",
            r#"Invalid value: "512MB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {memory: 512Mi}
"#
    )],
    check: Check::Workload(quantity_format),
};

fn quantity_format(ctx: &Ctx<'_>, sink: &mut Sink) {
    for (path, list) in resource_lists(ctx) {
        for (name, value) in list {
            if let Err(error) = Quantity::parse(&value.0) {
                sink.report(path.key(name), invalid(&value.0, &error.to_string()));
            }
        }
    }
    if let Some(pod) = &ctx.pod {
        for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
            if let Some(limit) = v.empty_dir.as_ref().and_then(|e| e.size_limit.as_ref())
                && let Err(error) = Quantity::parse(&limit.0)
            {
                sink.report(
                    pod.path
                        .child("volumes")
                        .index(i)
                        .child("emptyDir")
                        .child("sizeLimit"),
                    invalid(&limit.0, &error.to_string()),
                );
            }
        }
    }
}

const QUOTA_STANDARD: &[&str] = &[
    "cpu",
    "memory",
    "ephemeral-storage",
    "storage",
    "pods",
    "services",
    "replicationcontrollers",
    "resourcequotas",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services.nodeports",
    "services.loadbalancers",
    "requests.cpu",
    "requests.memory",
    "requests.storage",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
];

fn is_hugepages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// Resources whose requests must equal their limits: hugepages and extended resources.
fn not_overcommittable(name: &str) -> bool {
    is_hugepages(name) || (name.contains('/') && !name.contains("kubernetes.io/"))
}

/// `resource-name`: container resource names.
static RESOURCE_NAME: Rule = Rule {
    id: "resource-name",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Container resources are cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-qualified extended resource.",
    explanation: "Names without a `/` must be standard container resources; quota names such as `pods` or `requests.cpu` do not belong in a container. Extended resources (GPUs, ...) carry their vendor domain: `nvidia.com/gpu`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {gpu: '1'}
"#
        ),
        expect: &[(
            "spec.containers[0].resources.limits[gpu]",
            r#"Invalid value: "gpu": must be a standard resource type or fully qualified"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {nvidia.com/gpu: '1', memory: 1Gi}
"#
    )],
    check: Check::Workload(resource_name),
};

fn resource_name(ctx: &Ctx<'_>, sink: &mut Sink) {
    for (path, list) in resource_lists(ctx) {
        if path.as_str().ends_with("overhead") {
            continue;
        }
        for name in list.keys() {
            let p = path.key(name);
            let errors = qualified_name(name, ctx.options.target);
            if !errors.is_empty() {
                sink.report(p, invalid(name, &errors.join(", ")));
            } else if !name.contains('/') {
                if !QUOTA_STANDARD.contains(&name.as_str()) && !is_hugepages(name) {
                    sink.report(
                        p,
                        invalid(name, "must be a standard resource type or fully qualified"),
                    );
                } else if !["cpu", "memory", "ephemeral-storage"].contains(&name.as_str())
                    && !is_hugepages(name)
                {
                    sink.report(
                        p,
                        invalid(name, "must be a standard resource for containers"),
                    );
                }
            } else if name.starts_with("requests.") {
                sink.report(
                    p,
                    invalid(name, "doesn't follow extended resource name standard"),
                );
            }
        }
    }
}

/// `resource-value`: non-negative, whole numbers for extended resources.
static RESOURCE_VALUE: Rule = Rule {
    id: "resource-value",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Resource quantities are non-negative; extended resources are whole numbers.",
    explanation: "A GPU cannot be shared by fractions through requests: extended resources take integers.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {cpu: '-1'}
"#
        ),
        expect: &[(
            "spec.containers[0].resources.limits[cpu]",
            r#"Invalid value: "-1": must be greater than or equal to 0"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {cpu: '1', example.com/dongle: '2'}
"#
    )],
    check: Check::Workload(resource_value),
};

fn resource_value(ctx: &Ctx<'_>, sink: &mut Sink) {
    for (path, list) in resource_lists(ctx) {
        for (name, value) in list {
            let Ok(q) = Quantity::parse(&value.0) else {
                continue;
            };
            if q.is_negative() {
                sink.report(
                    path.key(name),
                    invalid(&value.0, "must be greater than or equal to 0"),
                );
            } else if name.contains('/') && !name.contains("kubernetes.io/") && !q.is_integer() {
                sink.report(path.key(name), invalid(&value.0, "must be an integer"));
            }
        }
    }
}

/// `requests-exceed-limits`: requests at most limits.
static REQUESTS_EXCEED_LIMITS: Rule = Rule {
    id: "requests-exceed-limits",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A request may not exceed its limit; hugepages and extended resources need request = limit, and a limit.",
    explanation: "The limit caps what the container may use; asking the scheduler for more than that makes no sense. The API server reports the `requests` map itself (no key) with the request's value.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: {cpu: '2'}
      limits: {cpu: '1'}
"#
        ),
        expect: &[(
            "spec.containers[0].resources.requests",
            r#"Invalid value: "2": must be less than or equal to cpu limit of 1"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: {cpu: 500m}
      limits: {cpu: '1'}
"#
    )],
    check: Check::Workload(requests_exceed_limits),
};

fn requests_exceed_limits(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let Some(r) = &c.spec.resources else { continue };
        let path = c.path.child("resources");
        let limits = r.limits.clone().unwrap_or_default();
        for (name, request) in r.requests.iter().flatten() {
            let Ok(req) = Quantity::parse(&request.0) else {
                continue;
            };
            match limits.get(name).map(|l| (l, Quantity::parse(&l.0))) {
                Some((limit, Ok(lim))) => {
                    if not_overcommittable(name) && req != lim {
                        sink.report(
                            path.child("requests"),
                            invalid(
                                &request.0,
                                &format!("must be equal to {name} limit of {}", limit.0),
                            ),
                        );
                    } else if req > lim {
                        sink.report(
                            path.child("requests"),
                            invalid(
                                &request.0,
                                &format!(
                                    "must be less than or equal to {name} limit of {}",
                                    limit.0
                                ),
                            ),
                        );
                    }
                }
                Some((_, Err(_))) => {}
                None => {
                    if not_overcommittable(name) {
                        sink.report(
                            path.child("limits"),
                            required("Limit must be set for non overcommitable resources"),
                        );
                    }
                }
            }
        }
    }
}

/// `hugepages`: page-size multiples, with cpu or memory.
static HUGEPAGES: Rule = Rule {
    id: "hugepages",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Hugepage amounts are multiples of the page size, and need a cpu or memory request or limit beside them.",
    explanation: "`hugepages-2Mi: 3Mi` cannot be allocated in 2 MiB pages. Hugepages also require the container to ask for cpu or memory.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: db
    image: postgres:17
    resources:
      limits: {hugepages-2Mi: 3Mi}
"#
        ),
        expect: &[
            (
                "spec.containers[0].resources.limits[hugepages-2Mi]",
                r#"Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi"#,
            ),
            (
                "spec.containers[0].resources.requests[hugepages-2Mi]",
                r#"Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi"#,
            ),
            (
                "spec.containers[0].resources",
                "Forbidden: HugePages require cpu or memory",
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: db
    image: postgres:17
    resources:
      limits: {hugepages-2Mi: 100Mi, memory: 1Gi}
"#
    )],
    check: Check::Workload(hugepages),
};

fn hugepages(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let Some(r) = &c.spec.resources else { continue };
        let path = c.path.child("resources");
        let mut any_huge = false;
        let mut cpu_or_memory = false;
        for (field, list) in [("limits", &r.limits), ("requests", &r.requests)] {
            for (name, value) in list.iter().flatten() {
                cpu_or_memory |= name == "cpu" || name == "memory";
                let Some(size) = name.strip_prefix("hugepages-") else {
                    continue;
                };
                any_huge = true;
                if let (Ok(page), Ok(q)) = (Quantity::parse(size), Quantity::parse(&value.0))
                    && !q.is_multiple_of(page)
                {
                    sink.report(
                        path.child(field).key(name),
                        invalid(
                            &value.0,
                            &format!("{} is not positive integer multiple of {name}", value.0),
                        ),
                    );
                }
            }
        }
        if any_huge && !cpu_or_memory {
            sink.report(&path, forbidden("HugePages require cpu or memory"));
        }
    }
}

/// `pod-level-resources`: Pod-level resources cover the containers.
static POD_LEVEL_RESOURCES: Rule = Rule {
    id: "pod-level-resources",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Pod-level resources name cpu, memory or hugepages, and are at least the containers' total requests and each container's limit.",
    explanation: "With pod-level `resources` (1.34+), the Pod's budget is shared by its containers: the sum of container requests may not exceed the Pod request, and no container limit may exceed the Pod limit.",
    fail: &[Case {
        yaml: pod!(
            r#"
  resources:
    requests: {cpu: '1'}
    limits: {cpu: '1'}
  containers:
  - name: web
    image: nginx:1.27
    resources: {requests: {cpu: 800m}}
  - name: worker
    image: busybox:1.37
    resources: {requests: {cpu: 800m}}
"#
        ),
        expect: &[(
            "spec.resources.requests[cpu]",
            r#"Invalid value: "1": must be greater than or equal to aggregate container requests of 1600m"#,
        )],
    }],
    pass: &[pod!(
        r#"
  resources:
    requests: {cpu: '2'}
    limits: {cpu: '2'}
  containers:
  - name: web
    image: nginx:1.27
    resources: {requests: {cpu: 800m}}
  - name: worker
    image: busybox:1.37
    resources: {requests: {cpu: 800m}}
"#
    )],
    check: Check::Workload(pod_level_resources),
};

fn pod_level_resources(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(r) = &pod.spec.resources else { return };
    if !ctx.options.target.at_least(34) {
        return;
    }
    let path = pod.path.child("resources");
    for (field, list) in [("limits", &r.limits), ("requests", &r.requests)] {
        for name in list.iter().flatten().map(|(k, _)| k) {
            if !["cpu", "memory"].contains(&name.as_str()) && !is_hugepages(name) {
                sink.report(
                    path.child(field).key(name),
                    super::unsupported(name, &["cpu", "memory", "hugepages-*"]),
                );
            }
        }
    }
    let parse = |q: &KubeQuantity| Quantity::parse(&q.0).ok();
    for (name, pod_request) in r.requests.iter().flatten() {
        let Some(pod_q) = parse(pod_request) else {
            continue;
        };
        let total = pod
            .containers
            .iter()
            .filter(|c| c.place != super::Place::Init)
            .filter_map(|c| {
                c.spec
                    .resources
                    .as_ref()?
                    .requests
                    .as_ref()?
                    .get(name)
                    .and_then(parse)
            })
            .fold(Quantity::ZERO, Quantity::plus);
        if total > pod_q {
            sink.report(
                path.child("requests").key(name),
                invalid(
                    &pod_request.0,
                    &format!(
                        "must be greater than or equal to aggregate container requests of {total}"
                    ),
                ),
            );
        }
    }
    for (name, pod_limit) in r.limits.iter().flatten() {
        let Some(pod_q) = parse(pod_limit) else {
            continue;
        };
        for (i, c) in pod
            .containers
            .iter()
            .filter(|c| c.place == super::Place::App)
            .enumerate()
        {
            let Some(limit) = c
                .spec
                .resources
                .as_ref()
                .and_then(|r| r.limits.as_ref()?.get(name))
            else {
                continue;
            };
            if parse(limit).is_some_and(|q| q > pod_q) {
                sink.report(
                    format!("{}.containers[{i}][{name}].limits", path),
                    invalid(
                        &limit.0,
                        &format!(
                            "must be less than or equal to pod limits of {}",
                            pod_limit.0
                        ),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{one, validate};

    #[test]
    fn quantities_may_be_numbers() {
        let report = validate(pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: {cpu: 0.5, memory: 1e9}
      limits: {cpu: 1}
"#
        ));
        assert!(report.valid, "{:#?}", report.findings);
    }

    #[test]
    fn requests_path_has_no_key() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: {memory: 2Gi}
      limits: {memory: 1Gi}
"#
        );
        assert_eq!(
            one("requests-exceed-limits", yaml),
            "spec.containers[0].resources.requests: Invalid value: \"2Gi\": must be less than or equal to memory limit of 1Gi"
        );
    }

    #[test]
    fn bad_quantity_names_the_key() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits: {cpu: lots}
"#
        );
        assert!(one("quantity-format", yaml).starts_with("spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": quantities must match"));
    }
}
