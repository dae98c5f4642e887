//! Deployment and DaemonSet update strategies. Upstream:
//! `pkg/apis/apps/validation/validation.go` `ValidateDeploymentStrategy`,
//! `ValidateRollingUpdateDeployment` and `ValidateDaemonSetUpdateStrategy`.

use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::format::{PERCENT_MSG, is_percent};
use crate::rules::messages::{forbidden, invalid, invalid_num, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

fn int_or_percent(sink: &mut Sink, value: &IntOrString, path: &str) -> Option<i64> {
    match value {
        IntOrString::Int(n) if *n < 0 => {
            sink.report(path, invalid_num(n, "must be greater than or equal to 0"));
            None
        }
        IntOrString::Int(n) => Some(i64::from(*n)),
        IntOrString::String(s) if !is_percent(s) => {
            sink.report(path, invalid(s, PERCENT_MSG));
            None
        }
        IntOrString::String(s) => {
            let percent: i64 = s.trim_end_matches('%').parse().unwrap_or(0);
            if percent > 100 {
                sink.report(path, invalid(s, "must not be greater than 100%"));
            }
            Some(percent)
        }
    }
}

/// `update-strategy`: Deployment and DaemonSet strategies.
pub(crate) static UPDATE_STRATEGY: Rule = Rule {
    id: "update-strategy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Rolling update settings are numbers or percentages up to 100%, and maxSurge and maxUnavailable are not both 0.",
    explanation: "A Deployment strategy is `RollingUpdate` or `Recreate` (without `rollingUpdate`). With both `maxSurge` and `maxUnavailable` at 0 a rollout could never replace a Pod. A DaemonSet cannot both surge and leave nodes unavailable.",
    fail: &[Case {
        yaml: deployment!(spec: r#"
  strategy:
    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}
"#),
        expect: &[(
            "spec.strategy.rollingUpdate.maxUnavailable",
            "Invalid value: 0: may not be 0 when `maxSurge` is 0",
        )],
    }],
    pass: &[deployment!(spec: r#"
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
"#)],
    check: Check::Workload(update_strategy),
};

fn update_strategy(ctx: &Ctx<'_>, sink: &mut Sink) {
    match ctx.object {
        WorkloadObject::Deployment(d) => {
            let Some(strategy) = &d.spec.strategy else {
                return;
            };
            let kind = strategy.type_.as_deref().unwrap_or_default();
            match kind {
                "Recreate" if strategy.rolling_update.is_some() => {
                    sink.report(
                        "spec.strategy.rollingUpdate",
                        forbidden("may not be specified when strategy `type` is 'Recreate'"),
                    );
                }
                "Recreate" | "RollingUpdate" => {}
                other => {
                    sink.report(
                        "spec.strategy.type",
                        unsupported(other, &["Recreate", "RollingUpdate"]),
                    );
                }
            }
            if let Some(r) = strategy
                .rolling_update
                .as_ref()
                .filter(|_| kind == "RollingUpdate")
            {
                let surge = r
                    .max_surge
                    .as_ref()
                    .and_then(|v| int_or_percent(sink, v, "spec.strategy.rollingUpdate.maxSurge"));
                let unavailable = r.max_unavailable.as_ref().and_then(|v| {
                    int_or_percent(sink, v, "spec.strategy.rollingUpdate.maxUnavailable")
                });
                if surge == Some(0) && unavailable == Some(0) {
                    sink.report(
                        "spec.strategy.rollingUpdate.maxUnavailable",
                        invalid_num(0, "may not be 0 when `maxSurge` is 0"),
                    );
                }
            }
        }
        WorkloadObject::DaemonSet(d) => {
            let Some(strategy) = &d.spec.update_strategy else {
                return;
            };
            let kind = strategy.type_.as_deref().unwrap_or_default();
            if !["RollingUpdate", "OnDelete"].contains(&kind) {
                sink.report(
                    "spec.updateStrategy.type",
                    unsupported(kind, &["OnDelete", "RollingUpdate"]),
                );
            }
            if let Some(r) = strategy
                .rolling_update
                .as_ref()
                .filter(|_| kind == "RollingUpdate")
            {
                let surge = r.max_surge.as_ref().and_then(|v| {
                    int_or_percent(sink, v, "spec.updateStrategy.rollingUpdate.maxSurge")
                });
                let unavailable = r.max_unavailable.as_ref().and_then(|v| {
                    int_or_percent(sink, v, "spec.updateStrategy.rollingUpdate.maxUnavailable")
                });
                match (surge, unavailable) {
                    (Some(s), Some(u)) if s != 0 && u != 0 => {
                        sink.report(
                            "spec.updateStrategy.rollingUpdate.maxSurge",
                            invalid_num(s, "may not be set when maxUnavailable is non-zero"),
                        );
                    }
                    (Some(0) | None, Some(0)) => {
                        sink.report(
                            "spec.updateStrategy.rollingUpdate.maxUnavailable",
                            required("cannot be 0 when maxSurge is 0"),
                        );
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}
