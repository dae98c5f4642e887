//! StatefulSet policies. Upstream: `pkg/apis/apps/validation/validation.go`
//! `ValidateStatefulSetSpec` and `ValidateStatefulSetUpdateStrategy`.

use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::messages::{invalid, invalid_num, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `statefulset-policies`: podManagementPolicy, updateStrategy, PVC retention.
pub(crate) static STATEFULSET_POLICIES: Rule = Rule {
    id: "statefulset-policies",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "StatefulSet podManagementPolicy, updateStrategy and PVC retention policy take fixed values.",
    explanation: "`podManagementPolicy` is OrderedReady or Parallel; `updateStrategy.type` RollingUpdate or OnDelete (only RollingUpdate takes `rollingUpdate`); PVC retention policies are Retain or Delete.",
    fail: &[Case {
        yaml: r#"apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  podManagementPolicy: Ordered
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - {name: db, image: postgres:17}
"#,
        expect: &[(
            "spec.podManagementPolicy",
            r#"Invalid value: "Ordered": must be 'OrderedReady' or 'Parallel'"#,
        )],
    }],
    pass: &[r#"apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  podManagementPolicy: Parallel
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - {name: db, image: postgres:17}
"#],
    check: Check::Workload(statefulset_policies),
};

fn statefulset_policies(ctx: &Ctx<'_>, sink: &mut Sink) {
    let WorkloadObject::StatefulSet(s) = ctx.object else {
        return;
    };
    let spec = &s.spec;
    if let Some(p) = spec
        .pod_management_policy
        .as_deref()
        .filter(|p| !["OrderedReady", "Parallel"].contains(p))
    {
        sink.report(
            "spec.podManagementPolicy",
            invalid(p, "must be 'OrderedReady' or 'Parallel'"),
        );
    }
    if let Some(strategy) = &spec.update_strategy {
        match strategy.type_.as_deref().unwrap_or_default() {
            "RollingUpdate" => {
                if let Some(p) = strategy
                    .rolling_update
                    .as_ref()
                    .and_then(|r| r.partition)
                    .filter(|p| *p < 0)
                {
                    sink.report(
                        "spec.updateStrategy.rollingUpdate.partition",
                        invalid_num(p, "must be greater than or equal to 0"),
                    );
                }
            }
            "OnDelete" if strategy.rolling_update.is_some() => {
                sink.report(
                    "spec.updateStrategy.rollingUpdate",
                    invalid("", "only allowed for updateStrategy 'RollingUpdate'"),
                );
            }
            "OnDelete" => {}
            other => {
                sink.report(
                    "spec.updateStrategy",
                    invalid(other, "must be 'RollingUpdate' or 'OnDelete'"),
                );
            }
        }
    }
    if let Some(retention) = &spec.persistent_volume_claim_retention_policy {
        for (field, value) in [
            ("whenDeleted", &retention.when_deleted),
            ("whenScaled", &retention.when_scaled),
        ] {
            if let Some(v) = value
                .as_deref()
                .filter(|v| !["Retain", "Delete"].contains(v))
            {
                sink.report(
                    format!("spec.persistentVolumeClaimRetentionPolicy.{field}"),
                    unsupported(v, &["Retain", "Delete"]),
                );
            }
        }
    }
}
