//! Finalizers and owner references. Upstream: apimachinery
//! `pkg/api/validation/objectmeta.go` `ValidateFinalizers` and
//! `ValidateOwnerReferences`.

use crate::path::Descend;
use crate::report::{FieldPath, Severity};
use crate::rules::format::qualified_name;
use crate::rules::messages::invalid;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `finalizers`: finalizer names.
pub(crate) static FINALIZERS: Rule = Rule {
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
pub(crate) static OWNER_REFERENCES: Rule = Rule {
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
