//! Resource names and huge pages. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateContainerResourceName`,
//! `ValidateResourceQuantityValue` and `validateResourceRequirements` (huge
//! pages).

use crate::path::Descend;
use crate::quantity::Quantity;
use crate::report::Severity;
use crate::rules::format::qualified_name;
use crate::rules::messages::{forbidden, invalid};
use crate::rules::resources::QUOTA_STANDARD;
use crate::rules::resources::{is_hugepages, resource_lists};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `resource-name`: container resource names.
pub(crate) static RESOURCE_NAME: Rule = Rule {
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
    for list in resource_lists(ctx).iter().filter(|list| !list.is_overhead) {
        for name in list.quantities.keys() {
            let p = list.path.key(name);
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

/// `hugepages`: page-size multiples, with cpu or memory.
pub(crate) static HUGEPAGES: Rule = Rule {
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
            sink.report(path, forbidden("HugePages require cpu or memory"));
        }
    }
}
