//! Selectors against template labels. Upstream:
//! `pkg/apis/apps/validation/validation.go` `ValidateDeploymentSpec`,
//! `ValidateStatefulSetSpec`, `ValidateDaemonSetSpec`,
//! `ValidateReplicaSetSpec`, and `pkg/apis/batch/validation/validation.go`
//! `validateJobSpec`.

use crate::model::WorkloadKind;
use crate::report::{FieldPath, Severity};
use crate::rules::messages::required;
use crate::rules::scheduling::label_selector;
use crate::rules::workloads::{is_empty_selector, selector, selector_matches};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `selector-matches-template`: the selector is non-empty, valid and matches the template labels.
pub(crate) static SELECTOR_MATCHES_TEMPLATE: Rule = Rule {
    id: "selector-matches-template",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A controller's selector must be non-empty and match its Pod template's labels.",
    explanation: "Deployments, ReplicaSets, StatefulSets and DaemonSets find their Pods by `spec.selector`. If the template's labels do not match it, the controller could never see the Pods it creates, so the API server refuses the object: `` `selector` does not match template `labels` ``. In `apps/v1` the selector is not derived from the template: a missing selector is `Required value` (DaemonSets only report the mismatch), and an empty one (`{}`) is refused too.",
    fail: &[
        Case {
            yaml: r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: frontend}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
"#,
            expect: &[(
                "spec.template.metadata.labels",
                r#"Invalid value: {"app":"frontend"}: `selector` does not match template `labels`"#,
            )],
        },
        Case {
            yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: nginx:1.27}\n",
            expect: &[
                ("spec.selector", "Required value"),
                (
                    "spec.template.metadata.labels",
                    "Invalid value: null: `selector` does not match template `labels`",
                ),
            ],
        },
        Case {
            yaml: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n      - {name: agent, image: busybox:1.37}\n",
            expect: &[(
                "spec.template.metadata.labels",
                r#"Invalid value: {"app":"agent"}: `selector` does not match template `labels`"#,
            )],
        },
        Case {
            yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: web, image: nginx:1.27}\n",
            expect: &[(
                "spec.selector",
                "Invalid value: {}: empty selector is invalid for deployment",
            )],
        },
        Case {
            yaml: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: pg}\n    spec:\n      containers:\n      - {name: db, image: postgres:17}\n",
            expect: &[(
                "spec.template.metadata.labels",
                r#"Invalid value: {"app":"pg"}: `selector` does not match template `labels`"#,
            )],
        },
    ],
    pass: &[deployment!(
        r#"
      containers:
      - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(selector_matches_template),
};

fn selector_matches_template(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some((sel, noun)) = selector(ctx.object) else {
        return;
    };
    let path = FieldPath::parse("spec.selector");
    if !ctx.selector_written {
        // A missing selector selects nothing, so no template labels match it;
        // only DaemonSets do not also require it by name.
        if noun != "daemonset" {
            sink.report(&path, required(""));
        }
        template_labels_mismatch(ctx, sink);
        return;
    }
    if is_empty_selector(sel) {
        sink.report(
            &path,
            format!("Invalid value: {{}}: empty selector is invalid for {noun}"),
        );
        return;
    }
    label_selector(ctx, sink, sel, &path);
    let labels = ctx
        .pod
        .as_ref()
        .and_then(|p| p.meta)
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    if ctx.pod.is_some() && !selector_matches(sel, &labels) {
        template_labels_mismatch(ctx, sink);
    }
}

/// Reports that the template's labels do not match the selector.
fn template_labels_mismatch(ctx: &Ctx<'_>, sink: &mut Sink) {
    let template_labels = ctx
        .object
        .pod_template()
        .and_then(|t| t.metadata)
        .and_then(|m| m.labels.clone());
    let template_path = if ctx.kind() == WorkloadKind::CronJob {
        "spec.jobTemplate.spec.template.metadata.labels"
    } else {
        "spec.template.metadata.labels"
    };
    // Go prints the labels as JSON: a template without labels has a nil map, `null`.
    let shown = template_labels
        .and_then(|labels| serde_json::to_string(&labels).ok())
        .unwrap_or_else(|| "null".to_owned());
    sink.report(
        template_path,
        format!("Invalid value: {shown}: `selector` does not match template `labels`"),
    );
}
