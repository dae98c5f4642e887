//! In-place resize policies. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateResizePolicy`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{invalid, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};
use rustc_hash::FxHashSet;

/// `resize-policy`: in-place resize policies.
pub(crate) static RESIZE_POLICY: Rule = Rule {
    id: "resize-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "resizePolicy entries name cpu or memory once, with NotRequired or RestartContainer.",
    explanation: "A resize policy says whether changing a container's resources in place needs a restart. With Pod `restartPolicy: Never` only `NotRequired` is allowed, and plain init containers may not restart for a resize.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resizePolicy:
    - {resourceName: cpu, restartPolicy: NotRequired}
    - {resourceName: cpu, restartPolicy: RestartContainer}
"#
        ),
        expect: &[(
            "spec.containers[0].resizePolicy[1].resourceName",
            r#"Duplicate value: "cpu""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    resizePolicy:
    - {resourceName: cpu, restartPolicy: NotRequired}
    - {resourceName: memory, restartPolicy: RestartContainer}
"#
    )],
    check: Check::Workload(resize_policy),
};

fn resize_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let never = pod.spec.restart_policy.as_deref() == Some("Never");
    for c in &pod.containers {
        let mut seen = FxHashSet::default();
        for (k, p) in c.spec.resize_policy.iter().flatten().enumerate() {
            let path = c.path.child("resizePolicy").index(k);
            match p.resource_name.as_str() {
                "" => {
                    sink.report(path.child("resourceName"), required(""));
                }
                "cpu" | "memory" => {
                    if !seen.insert(p.resource_name.as_str()) {
                        sink.report(
                            path.child("resourceName"),
                            format!("Duplicate value: {:?}", p.resource_name),
                        );
                    }
                }
                other => {
                    sink.report(
                        path.child("resourceName"),
                        unsupported(other, &["cpu", "memory"]),
                    );
                }
            }
            match p.restart_policy.as_str() {
                "" => {
                    sink.report(path.child("restartPolicy"), required(""));
                }
                "NotRequired" => {}
                "RestartContainer" if c.place == Place::Init => {
                    sink.report(
                        c.path.child("resizePolicy"),
                        invalid(
                            "RestartContainer",
                            "must not be set to 'RestartContainer' for non-sidecar initContainers",
                        ),
                    );
                }
                "RestartContainer" if never => {
                    sink.report(
                        path.child("restartPolicy"),
                        invalid(
                            "RestartContainer",
                            "must be 'NotRequired' when pod `restartPolicy` is 'Never'",
                        ),
                    );
                }
                "RestartContainer" => {}
                other => {
                    sink.report(
                        path.child("restartPolicy"),
                        unsupported(other, &["NotRequired", "RestartContainer"]),
                    );
                }
            }
        }
    }
}
