//! Tolerations. Upstream: `pkg/apis/core/validation/validation.go`
//! `ValidateTolerations`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::{label_value, qualified_name};
use crate::rules::messages::{invalid, report_format, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `tolerations`: keys, operators, values and effects.
pub(crate) static TOLERATIONS: Rule = Rule {
    id: "tolerations",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Tolerations need a valid key, operator Equal or Exists, and a known effect.",
    explanation: "An empty key matches every taint and requires `operator: Exists`; `Exists` takes no value; `tolerationSeconds` only makes sense with `effect: NoExecute`. `Lt`/`Gt` operators need an alpha feature gate (1.35+).",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  tolerations:
  - {operator: Equal, value: x}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.tolerations[0].operator",
                r#"Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys""#,
            )],
        },
        Case {
            yaml: pod!(
                r#"
  tolerations:
  - {key: dedicated, operator: Exists, value: gpu, effect: NoSchedule, tolerationSeconds: 60}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[
                (
                    "spec.tolerations[0].effect",
                    r#"Invalid value: "NoSchedule": effect must be 'NoExecute' when `tolerationSeconds` is set"#,
                ),
                (
                    "spec.tolerations[0].operator",
                    r#"Invalid value: "gpu": value must be empty when `operator` is 'Exists'"#,
                ),
            ],
        },
    ],
    pass: &[pod!(
        r#"
  tolerations:
  - {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}
  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(tolerations),
};

fn tolerations(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (k, t) in pod.spec.tolerations.iter().flatten().enumerate() {
        let path = pod.path.child("tolerations").index(k);
        let key = t.key.as_deref().unwrap_or_default();
        let operator = t.operator.as_deref().unwrap_or_default();
        let value = t.value.as_deref().unwrap_or_default();
        if !key.is_empty() {
            report_format(
                sink,
                path.child("key"),
                key,
                qualified_name(key, ctx.options.target),
            );
        }
        if key.is_empty() && operator != "Exists" {
            sink.report(
                path.child("operator"),
                invalid(operator, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""),
            );
        }
        if t.toleration_seconds.is_some() && t.effect.as_deref() != Some("NoExecute") {
            sink.report(
                path.child("effect"),
                invalid(
                    t.effect.as_deref().unwrap_or_default(),
                    "effect must be 'NoExecute' when `tolerationSeconds` is set",
                ),
            );
        }
        match operator {
            "" | "Equal" => {
                let errors = label_value(value, ctx.options.target);
                if !errors.is_empty() {
                    sink.report(path.child("operator"), invalid(value, &errors.join(";")));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    sink.report(
                        path.child("operator"),
                        invalid(value, "value must be empty when `operator` is 'Exists'"),
                    );
                }
            }
            _ => {
                sink.report(
                    path.child("operator"),
                    unsupported(operator, &["Equal", "Exists"]),
                );
            }
        }
        if let Some(effect) = t.effect.as_deref().filter(|e| !e.is_empty())
            && !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&effect)
        {
            sink.report(
                path.child("effect"),
                unsupported(effect, &["NoSchedule", "PreferNoSchedule", "NoExecute"]),
            );
        }
    }
}
