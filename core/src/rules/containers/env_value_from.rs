//! `env[].valueFrom`. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateEnvVarValueFrom`, `validateObjectFieldSelector`,
//! `validateContainerResourceFieldSelector` and
//! `validateContainerResourceDivisor`, `validateConfigMapKeySelector`,
//! `validateSecretKeySelector`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::{config_map_key, dns_subdomain};
use crate::rules::messages::{invalid, report_format, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `env-value-from`: exactly one source, and valid references.
pub(crate) static ENV_VALUE_FROM: Rule = Rule {
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
                    path,
                    invalid("", &format!("must specify one of: {sources}")),
                );
            } else if count > 1 {
                sink.report(
                    path,
                    invalid("", "may not have more than one field specified at a time"),
                );
            }
            if e.value.as_deref().is_some_and(|v| !v.is_empty()) {
                sink.report(
                    path,
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
                report_format(sink, rp.child("name"), name, dns_subdomain(name));
                if key.is_empty() {
                    sink.report(rp.child("key"), required(""));
                } else {
                    report_format(sink, rp.child("key"), key, config_map_key(key));
                }
            }
        }
    }
}

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

/// The divisors a resourceFieldRef accepts for `resource`.
fn divisor_check(sink: &mut Sink, resource: &str, divisor: &str, path: impl Descend) {
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
