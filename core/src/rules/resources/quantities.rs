//! Quantities. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateResourceRequirements` and `ValidateResourceQuantityValue`;
//! fractional byte values warn in `pkg/api/pod/warnings.go`.

use crate::path::Descend;
use crate::quantity::Quantity;
use crate::report::Severity;
use crate::rules::messages::invalid;
use crate::rules::resources::resource_lists;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `quantity-format`: quantities parse.
pub(crate) static QUANTITY_FORMAT: Rule = Rule {
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
    for list in resource_lists(ctx) {
        for (name, value) in list.quantities {
            if let Err(error) = Quantity::parse(&value.0) {
                sink.report(list.path.key(name), invalid(&value.0, &error.to_string()));
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

/// `resource-value`: non-negative, whole numbers for extended resources.
pub(crate) static RESOURCE_VALUE: Rule = Rule {
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
    for list in resource_lists(ctx) {
        let path = list.path;
        for (name, value) in list.quantities {
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

/// `fractional-byte-value`: memory in fractions of a byte.
pub(crate) static FRACTIONAL_BYTE_VALUE: Rule = Rule {
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
        let Some(r) = c.written_resources else {
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
