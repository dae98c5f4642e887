//! Requests against limits. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateResourceRequirements`; the missing-resources lint is Podwright's.

use crate::path::Descend;
use crate::quantity::Quantity;
use crate::report::Severity;
use crate::rules::messages::{invalid, required, who};
use crate::rules::resources::not_overcommittable;
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};

/// `requests-exceed-limits`: requests at most limits.
pub(crate) static REQUESTS_EXCEED_LIMITS: Rule = Rule {
    id: "requests-exceed-limits",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A request may not exceed its limit; hugepages and extended resources need request = limit, and a limit.",
    explanation: "The limit caps what the container may use; asking the scheduler for more than that makes no sense. The API server reports the `requests` map itself (no key) with the request's value.",
    fail: &[
        Case {
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
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: {memory: 2Gi}
      limits: {memory: 1Gi}
"#
            ),
            expect: &[(
                "spec.containers[0].resources.requests",
                r#"Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi"#,
            )],
        },
    ],
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

/// `missing-resources`: cpu and memory requests for every container.
pub(crate) static MISSING_RESOURCES: Rule = Rule {
    id: "missing-resources",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A container sets no cpu or memory requests, or only limits.",
    explanation: "The scheduler places Pods by their requests. A container without requests is counted as zero, so the node can be overcommitted and the Pod is the first to be evicted. Native sidecars matter most: their requests are *added* to the app containers' for the Pod's whole life. Limits without requests make requests equal to the limits, which often reserves far more than the container needs.",
    fail: &[Case {
        yaml: pod!(
            r#"
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    restartPolicy: Always
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: {cpu: 250m, memory: 128Mi}
      limits: {memory: 256Mi}
"#
        ),
        expect: &[(
            "spec.initContainers[0].resources",
            r#"ambassador "proxy" has no cpu or memory request: its requests add to the app containers' for the whole life of the Pod"#,
        )],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    restartPolicy: Always
    resources:
      requests: {cpu: 50m, memory: 64Mi}
      limits: {memory: 128Mi}
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests: {cpu: 250m, memory: 128Mi}
      limits: {memory: 256Mi}
"#
    )],
    check: Check::Workload(missing_resources),
};

fn missing_resources(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let resources = c.written_resources;
        let has = |list: Option<&std::collections::BTreeMap<String, _>>, key: &str| {
            list.is_some_and(|l| l.contains_key(key))
        };
        let requests = resources.and_then(|r| r.requests.as_ref());
        let limits = resources.and_then(|r| r.limits.as_ref());
        let missing: Vec<&str> = ["cpu", "memory"]
            .into_iter()
            .filter(|r| !has(requests, r))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let path = c.path.child("resources");
        let why = match c.place {
            Place::Sidecar => {
                "its requests add to the app containers' for the whole life of the Pod"
            }
            Place::Init => {
                "the Pod's effective request is the larger of the biggest init step and the running containers"
            }
            Place::App => "the scheduler counts it as zero and the node may be overcommitted",
        };
        let limited: Vec<&str> = missing.iter().copied().filter(|r| has(limits, r)).collect();
        if limited.len() == missing.len() && !pod.is_pod {
            sink.lint(
                path.child("requests"),
                format!("{} sets limits but no requests for {}: requests default to the limits, which may reserve more than needed", who(c), limited.join(" and ")),
                "set requests to what the container typically uses, and keep the limit as the ceiling",
                "/catalog/resources#sizing-advice",
            );
        } else if limited.len() < missing.len() {
            let unset: Vec<&str> = missing
                .iter()
                .copied()
                .filter(|r| !has(limits, r))
                .collect();
            sink.lint(
                path,
                format!("{} has no {} request: {why}", who(c), unset.join(" or ")),
                "add resources.requests for cpu and memory (and a memory limit)",
                "/catalog/resources#how-the-pods-effective-request-is-computed",
            );
        }
    }
}
