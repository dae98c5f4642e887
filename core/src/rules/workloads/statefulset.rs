//! StatefulSet policies. Upstream: `pkg/apis/apps/validation/validation.go`
//! `ValidateStatefulSetSpec`.

use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::messages::{invalid, invalid_num, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use k8s_openapi::api::apps::v1::StatefulSetSpec;

/// The spec of a StatefulSet, if `ctx` is one.
fn statefulset<'a>(ctx: &'a Ctx<'_>) -> Option<&'a StatefulSetSpec> {
    match ctx.object {
        WorkloadObject::StatefulSet(s) => Some(&s.spec),
        _ => None,
    }
}

/// `statefulset-pod-management-policy`: OrderedReady or Parallel.
pub(crate) static STATEFULSET_POD_MANAGEMENT_POLICY: Rule = Rule {
    id: "statefulset-pod-management-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A StatefulSet's podManagementPolicy is OrderedReady or Parallel.",
    explanation: "`OrderedReady` (the default) starts Pods one by one, each after the previous is ready; `Parallel` starts and stops them all at once.",
    fail: &[Case {
        yaml: statefulset!(
            r#"
  podManagementPolicy: Ordered
"#
        ),
        expect: &[(
            "spec.podManagementPolicy",
            r#"Invalid value: "Ordered": must be 'OrderedReady' or 'Parallel'"#,
        )],
    }],
    pass: &[statefulset!(
        r#"
  podManagementPolicy: Parallel
"#
    )],
    check: Check::Workload(pod_management_policy),
};

fn pod_management_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(spec) = statefulset(ctx) else { return };
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
}

/// `statefulset-update-strategy`: RollingUpdate or OnDelete, and a partition of at least 0.
pub(crate) static STATEFULSET_UPDATE_STRATEGY: Rule = Rule {
    id: "statefulset-update-strategy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A StatefulSet's updateStrategy is RollingUpdate or OnDelete; only RollingUpdate takes rollingUpdate, with a partition of at least 0.",
    explanation: "`RollingUpdate` replaces Pods from the highest ordinal down to `partition`; `OnDelete` replaces a Pod only when you delete it, so it takes no `rollingUpdate` settings.",
    fail: &[Case {
        yaml: statefulset!(
            r#"
  updateStrategy:
    type: OnDelete
    rollingUpdate: {partition: 1}
"#
        ),
        expect: &[(
            "spec.updateStrategy.rollingUpdate",
            r#"Invalid value: "": only allowed for updateStrategy 'RollingUpdate'"#,
        )],
    }],
    pass: &[statefulset!(
        r#"
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {partition: 1}
"#
    )],
    check: Check::Workload(update_strategy),
};

fn update_strategy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(strategy) = statefulset(ctx).and_then(|s| s.update_strategy.as_ref()) else {
        return;
    };
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

/// `statefulset-pvc-retention-policy`: Retain or Delete.
pub(crate) static STATEFULSET_PVC_RETENTION_POLICY: Rule = Rule {
    id: "statefulset-pvc-retention-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A StatefulSet's persistentVolumeClaimRetentionPolicy takes Retain or Delete.",
    explanation: "`whenDeleted` and `whenScaled` say what happens to the claims of `volumeClaimTemplates` when the StatefulSet is deleted or scaled down: `Retain` (the default) keeps them, `Delete` removes them.",
    fail: &[Case {
        yaml: statefulset!(
            r#"
  persistentVolumeClaimRetentionPolicy: {whenDeleted: Keep}
"#
        ),
        expect: &[(
            "spec.persistentVolumeClaimRetentionPolicy.whenDeleted",
            r#"Unsupported value: "Keep": supported values: "Retain", "Delete""#,
        )],
    }],
    pass: &[statefulset!(
        r#"
  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Retain}
"#
    )],
    check: Check::Workload(pvc_retention_policy),
};

fn pvc_retention_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(retention) =
        statefulset(ctx).and_then(|s| s.persistent_volume_claim_retention_policy.as_ref())
    else {
        return;
    };
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
