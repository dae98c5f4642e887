//! Pod-specific annotations (§1.5), finalizers and owner references (§1.4).

use super::format::qualified_name;
use super::{Check, Ctx, Rule, Sink, invalid};
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};

pub(super) const RULES: &[&Rule] = &[&POD_ANNOTATIONS, &FINALIZERS, &OWNER_REFERENCES];

/// `pod-annotations`: annotations the API server interprets.
static POD_ANNOTATIONS: Rule = Rule {
    id: "pod-annotations",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Annotations the API server interprets (deletion cost, mirror pods, seccomp and AppArmor) need valid values.",
    explanation: "`controller.kubernetes.io/pod-deletion-cost` is a 32-bit integer; `kubernetes.io/config.mirror` needs `spec.nodeName`; AppArmor annotations must name an existing container and a known profile; seccomp annotations take `runtime/default`, `docker/default`, `unconfined` or `localhost/<path>`.",
    fail: &[Case {
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
    }],
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

fn profile_ok(value: &str, names: &[&str]) -> bool {
    names.contains(&value)
        || value
            .strip_prefix("localhost/")
            .is_some_and(|p| !p.is_empty() && super::format::local_relative_path(p).is_empty())
}

fn pod_annotations(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(annotations) = pod.meta.and_then(|m| m.annotations.as_ref()) else {
        return;
    };
    let path = if pod.is_pod {
        FieldPath::parse("metadata")
    } else {
        pod.meta_path.child("metadata")
    }
    .child("annotations");
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
                sink.report(&at, invalid(container, "container not found"));
            }
            if !value.is_empty() && !profile_ok(value, &["runtime/default", "unconfined"]) {
                sink.report(
                    &at,
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

/// `finalizers`: finalizer names.
static FINALIZERS: Rule = Rule {
    id: "finalizers",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Finalizers are domain-qualified names (or a standard one), and orphan excludes foregroundDeletion.",
    explanation: "A finalizer blocks deletion until a controller removes it. Custom finalizers carry a domain (`example.com/cleanup`); only `kubernetes`, `orphan` and `foregroundDeletion` go without one, and the last two contradict each other.",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  finalizers: [cleanup]
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
        expect: &[(
            "metadata.finalizers",
            r#"Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified"#,
        )],
    }],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  finalizers: [example.com/cleanup]
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(finalizers),
};

fn finalizers(ctx: &Ctx<'_>, sink: &mut Sink) {
    let list = ctx
        .object
        .metadata()
        .finalizers
        .as_deref()
        .unwrap_or_default();
    let path = FieldPath::parse("metadata.finalizers");
    for name in list {
        let errors = qualified_name(name, ctx.options.target);
        if !errors.is_empty() {
            sink.report(&path, invalid(name, &errors.join(", ")));
        } else if !name.contains('/')
            && !["kubernetes", "orphan", "foregroundDeletion"].contains(&name.as_str())
        {
            sink.report(
                &path,
                invalid(
                    name,
                    "name is neither a standard finalizer name nor is it fully qualified",
                ),
            );
        }
    }
    if list.iter().any(|f| f == "orphan") && list.iter().any(|f| f == "foregroundDeletion") {
        sink.report(&path, format!("Invalid value: {list:?}: finalizer orphan and foregroundDeletion cannot be both set"));
    }
}

/// `owner-references`: owner reference fields.
static OWNER_REFERENCES: Rule = Rule {
    id: "owner-references",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Owner references need apiVersion, kind, name and uid, and at most one controller.",
    explanation: "Owner references drive garbage collection. They are usually set by controllers; hand-written ones must be complete, and only one owner may be the controller.",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: ''}
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
        expect: &[(
            "metadata.ownerReferences[0].uid",
            r#"Invalid value: "": uid must not be empty"#,
        )],
    }],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: 6f1c2a52-3c6b-4a4e-9d0b-0c1e2f3a4b5c, controller: true}
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(owner_references),
};

fn owner_references(ctx: &Ctx<'_>, sink: &mut Sink) {
    let refs = ctx
        .object
        .metadata()
        .owner_references
        .as_deref()
        .unwrap_or_default();
    let path = FieldPath::parse("metadata.ownerReferences");
    for (i, r) in refs.iter().enumerate() {
        let p = path.index(i);
        for (field, value) in [
            ("apiVersion", &r.api_version),
            ("kind", &r.kind),
            ("name", &r.name),
            ("uid", &r.uid),
        ] {
            if value.is_empty() {
                sink.report(
                    p.child(field),
                    invalid("", &format!("{field} must not be empty")),
                );
            }
        }
        if r.api_version.split('/').count() > 2 {
            sink.report(
                p.child("apiVersion"),
                invalid(&r.api_version, "must be <group>/<version> or <version>"),
            );
        }
        if r.api_version == "v1" && r.kind == "Event" {
            sink.report(
                p,
                invalid(
                    "v1/Event",
                    "/v1, Kind=Event is disallowed from being an owner",
                ),
            );
        }
    }
    let controllers: Vec<String> = refs
        .iter()
        .filter(|r| r.controller == Some(true))
        .map(|r| format!("{}/{}", r.kind, r.name))
        .collect();
    if controllers.len() > 1 {
        sink.report(
            &path,
            format!("Invalid value: {:?}: Only one reference can have Controller set to true. Found \"true\" in references for {}", "", controllers.join(" and ")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::one;

    #[test]
    fn apparmor_annotation_needs_a_container() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/proxy: runtime/default\nspec:\n  containers:\n  - {name: web, image: nginx:1.27}\n";
        assert_eq!(
            one("pod-annotations", yaml),
            "metadata.annotations[container.apparmor.security.beta.kubernetes.io/proxy]: Invalid value: \"proxy\": container not found"
        );
    }
}
