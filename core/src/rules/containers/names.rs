//! Container names and enumerated fields. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateContainerCommon`,
//! `validateInitContainers` and `validateContainers` (names unique across both
//! lists), `validatePullPolicy`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::dns_label;
use crate::rules::messages::{report_format, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};
use crate::values::PULL_POLICIES;
use rustc_hash::FxHashSet;

/// `container-name`: required, DNS label, unique across init and regular containers.
pub(crate) static CONTAINER_NAME: Rule = Rule {
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
    let mut names: FxHashSet<&str> = FxHashSet::default();
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
            report_format(sink, path, &c.spec.name, dns_label(&c.spec.name));
            if dups.iter().any(|d| d.path == c.path) {
                sink.report(path, format!("Duplicate value: {:?}", c.spec.name));
            }
        }
    }
}

/// `container-enum-fields`: imagePullPolicy and terminationMessagePolicy values.
pub(crate) static CONTAINER_ENUM_FIELDS: Rule = Rule {
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
        let pull = PULL_POLICIES;
        if let Some(v) = c
            .spec
            .image_pull_policy
            .as_deref()
            .filter(|v| !pull.contains(v))
        {
            sink.report(c.path.child("imagePullPolicy"), unsupported(v, pull));
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
