//! Annotations the API server reads on Pods and templates. Upstream:
//! `pkg/apis/core/validation/validation.go` `ValidatePodSpecificAnnotations`
//! (errors) and `pkg/api/pod/warnings.go` `warningsForPodSpecAndMeta`
//! (deprecated annotations).

use crate::path::Descend;
use crate::report::{FieldPath, Severity};
use crate::rules::format::local_relative_path;
use crate::rules::messages::invalid;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

/// `pod-annotations`: annotations the API server interprets.
pub(crate) static POD_ANNOTATIONS: Rule = Rule {
    id: "pod-annotations",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Annotations the API server interprets (deletion cost, mirror pods, seccomp and AppArmor) need valid values.",
    explanation: "`controller.kubernetes.io/pod-deletion-cost` is a 32-bit integer; `kubernetes.io/config.mirror` needs `spec.nodeName`; AppArmor annotations must name an existing container and a known profile; seccomp annotations take `runtime/default`, `docker/default`, `unconfined` or `localhost/<path>`.",
    fail: &[
        Case {
            yaml: r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    controller.kubernetes.io/pod-deletion-cost: high
    container.apparmor.security.beta.kubernetes.io/proxy: runtime/default
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
            expect: &[
                (
                    "metadata.annotations[container.apparmor.security.beta.kubernetes.io/proxy]",
                    r#"Invalid value: "proxy": container not found"#,
                ),
                (
                    "metadata.annotations[controller.kubernetes.io/pod-deletion-cost]",
                    r#"Invalid value: "high": must be a 32bit integer"#,
                ),
            ],
        },
        Case {
            yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/proxy: runtime/default\nspec:\n  containers:\n  - {name: web, image: nginx:1.27}\n",
            expect: &[(
                "metadata.annotations[container.apparmor.security.beta.kubernetes.io/proxy]",
                r#"Invalid value: "proxy": container not found"#,
            )],
        },
    ],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    controller.kubernetes.io/pod-deletion-cost: '-100'
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(pod_annotations),
};

fn pod_annotations(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(annotations) = pod.meta.and_then(|m| m.annotations.as_ref()) else {
        return;
    };
    let metadata = if pod.is_pod {
        FieldPath::parse("metadata")
    } else {
        pod.meta_path.child("metadata").to_path()
    };
    let path = metadata.child("annotations");
    for (key, value) in annotations {
        let at = path.key(key);
        if key == "controller.kubernetes.io/pod-deletion-cost" && value.parse::<i32>().is_err() {
            sink.report(at, invalid(value, "must be a 32bit integer"));
        } else if key == "kubernetes.io/config.mirror"
            && pod.spec.node_name.as_deref().unwrap_or_default().is_empty()
        {
            sink.report(
                at,
                invalid(
                    value,
                    "must set spec.nodeName if mirror pod annotation is set",
                ),
            );
        } else if let Some(container) =
            key.strip_prefix("container.apparmor.security.beta.kubernetes.io/")
        {
            let known = pod.containers.iter().any(|c| c.spec.name == container)
                || pod
                    .spec
                    .ephemeral_containers
                    .iter()
                    .flatten()
                    .any(|c| c.name == container);
            if !known {
                sink.report(at, invalid(container, "container not found"));
            }
            if !value.is_empty() && !profile_ok(value, &["runtime/default", "unconfined"]) {
                sink.report(
                    at,
                    invalid(value, &format!("invalid AppArmor profile name: {value:?}")),
                );
            }
        } else if (key == "seccomp.security.alpha.kubernetes.io/pod"
            || key.starts_with("container.seccomp.security.alpha.kubernetes.io/"))
            && !profile_ok(value, &["runtime/default", "docker/default", "unconfined"])
        {
            sink.report(at, invalid(value, "must be a valid seccomp profile"));
        }
    }
}

fn profile_ok(value: &str, names: &[&str]) -> bool {
    names.contains(&value)
        || value
            .strip_prefix("localhost/")
            .is_some_and(|p| !p.is_empty() && local_relative_path(p).is_empty())
}

/// `deprecated-annotation`: annotations that stopped working.
pub(crate) static DEPRECATED_ANNOTATION: Rule = Rule {
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
        pod.meta_path.child("metadata").to_path()
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
