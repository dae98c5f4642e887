//! Pod-level resources (PodLevelResources, 1.34+). Upstream:
//! `pkg/apis/core/validation/validation.go` `validatePodResourceRequirements`.

use crate::path::Descend;
use crate::quantity::Quantity;
use crate::report::Severity;
use crate::rules::Place;
use crate::rules::messages::invalid;
use crate::rules::messages::unsupported;
use crate::rules::resources::is_hugepages;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as KubeQuantity;

/// `pod-level-resources`: Pod-level resources cover the containers.
pub(crate) static POD_LEVEL_RESOURCES: Rule = Rule {
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
                    unsupported(name, &["cpu", "memory", "hugepages-*"]),
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
            .filter(|c| c.place != Place::Init)
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
            .filter(|c| c.place == Place::App)
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
