//! Workload controller rules (§1.14): selectors, counts, strategies, Jobs and CronJobs.

use super::format::{PERCENT_MSG, is_percent};
use super::pod::label_selector;
use super::{Check, Ctx, Rule, Sink, forbidden, invalid, invalid_num, required, unsupported};
use crate::model::WorkloadKind;
use crate::object::WorkloadObject;
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::BTreeMap;

mod cron;
mod jobs;

pub(super) const RULES: &[&Rule] = &[
    &SELECTOR_MATCHES_TEMPLATE,
    &WORKLOAD_COUNTS,
    &TEMPLATE_RESTART_POLICY,
    &TEMPLATE_ACTIVE_DEADLINE,
    &UPDATE_STRATEGY,
    &STATEFULSET_POLICIES,
    &JOB_COMPLETION_MODE,
    &jobs::JOB_POD_FAILURE_POLICY,
    &jobs::JOB_POLICIES,
    &cron::CRONJOB_SCHEDULE,
    &cron::CRONJOB_TIME_ZONE,
    &CRONJOB_JOB_TEMPLATE,
    &EPHEMERAL_CONTAINERS_FORBIDDEN,
];

/// The selector of a workload that has one, with what an empty one is called.
fn selector(object: &WorkloadObject) -> Option<(&LabelSelector, &'static str)> {
    match object {
        WorkloadObject::Deployment(d) => Some((&d.spec.selector, "deployment")),
        WorkloadObject::ReplicaSet(r) => Some((&r.spec.selector, "deployment")),
        WorkloadObject::StatefulSet(s) => Some((&s.spec.selector, "statefulset")),
        WorkloadObject::DaemonSet(d) => Some((&d.spec.selector, "daemonset")),
        WorkloadObject::Job(j) => j
            .spec
            .as_ref()
            .filter(|s| s.manual_selector == Some(true))
            .and_then(|s| s.selector.as_ref())
            .map(|s| (s, "job")),
        _ => None,
    }
}

/// True when `selector` selects an object with `labels`.
pub(super) fn selector_matches(
    selector: &LabelSelector,
    labels: &BTreeMap<String, String>,
) -> bool {
    let labels_ok = selector
        .match_labels
        .iter()
        .flatten()
        .all(|(k, v)| labels.get(k) == Some(v));
    let expressions_ok = selector.match_expressions.iter().flatten().all(|e| {
        let values = e.values.as_deref().unwrap_or_default();
        let value = labels.get(&e.key);
        match e.operator.as_str() {
            "In" => value.is_some_and(|v| values.contains(v)),
            "NotIn" => value.is_none_or(|v| !values.contains(v)),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            _ => false,
        }
    });
    labels_ok && expressions_ok
}

fn is_empty_selector(selector: &LabelSelector) -> bool {
    selector
        .match_labels
        .as_ref()
        .is_none_or(BTreeMap::is_empty)
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(Vec::is_empty)
}

/// `selector-matches-template`: the selector is non-empty, valid and matches the template labels.
static SELECTOR_MATCHES_TEMPLATE: Rule = Rule {
    id: "selector-matches-template",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A controller's selector must be non-empty and match its Pod template's labels.",
    explanation: "Deployments, ReplicaSets, StatefulSets and DaemonSets find their Pods by `spec.selector`. If the template's labels do not match it, the controller could never see the Pods it creates, so the API server refuses the object: `` `selector` does not match template `labels` ``.",
    fail: &[Case {
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
    }],
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
    if is_empty_selector(sel) {
        sink.report(
            &path,
            invalid("", &format!("empty selector is invalid for {noun}")),
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
    let template_labels = ctx
        .written
        .pod_template()
        .and_then(|t| t.metadata)
        .and_then(|m| m.labels.clone());
    let template_path = if ctx.kind() == WorkloadKind::CronJob {
        "spec.jobTemplate.spec.template.metadata.labels"
    } else {
        "spec.template.metadata.labels"
    };
    if ctx.pod.is_some() && !selector_matches(sel, &labels) {
        let shown = serde_json::to_string(&template_labels.unwrap_or_default()).unwrap_or_default();
        sink.report(
            template_path,
            format!("Invalid value: {shown}: `selector` does not match template `labels`"),
        );
    }
}

/// `workload-counts`: replicas and other counts are not negative.
static WORKLOAD_COUNTS: Rule = Rule {
    id: "workload-counts",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "replicas, minReadySeconds, revisionHistoryLimit, Job counts and CronJob limits are not negative; progressDeadlineSeconds exceeds minReadySeconds.",
    explanation: "Counts and durations of controllers are non-negative. A Deployment's `progressDeadlineSeconds` must be greater than `minReadySeconds`, or no rollout could ever make progress in time.",
    fail: &[Case {
        yaml: r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: -1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
"#,
        expect: &[(
            "spec.replicas",
            "Invalid value: -1: must be greater than or equal to 0",
        )],
    }],
    pass: &[r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 0
  minReadySeconds: 10
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(workload_counts),
};

fn workload_counts(ctx: &Ctx<'_>, sink: &mut Sink) {
    let mut counts: Vec<(String, Option<i64>)> = Vec::new();
    match ctx.object {
        WorkloadObject::Deployment(d) => {
            let s = &d.spec;
            counts.extend(owned([
                ("spec.replicas", s.replicas.map(i64::from)),
                ("spec.minReadySeconds", s.min_ready_seconds.map(i64::from)),
                (
                    "spec.revisionHistoryLimit",
                    s.revision_history_limit.map(i64::from),
                ),
                (
                    "spec.progressDeadlineSeconds",
                    s.progress_deadline_seconds.map(i64::from),
                ),
            ]));
            if let (Some(deadline), Some(ready)) =
                (s.progress_deadline_seconds, s.min_ready_seconds)
                && deadline >= 0
                && deadline <= ready
            {
                sink.report(
                    "spec.progressDeadlineSeconds",
                    invalid_num(deadline, "must be greater than minReadySeconds"),
                );
            }
        }
        WorkloadObject::ReplicaSet(r) => counts.extend(owned([
            ("spec.replicas", r.spec.replicas.map(i64::from)),
            (
                "spec.minReadySeconds",
                r.spec.min_ready_seconds.map(i64::from),
            ),
        ])),
        WorkloadObject::StatefulSet(s) => counts.extend(owned([
            ("spec.replicas", s.spec.replicas.map(i64::from)),
            (
                "spec.minReadySeconds",
                s.spec.min_ready_seconds.map(i64::from),
            ),
            (
                "spec.revisionHistoryLimit",
                s.spec.revision_history_limit.map(i64::from),
            ),
            (
                "spec.ordinals.start",
                s.spec
                    .ordinals
                    .as_ref()
                    .and_then(|o| o.start)
                    .map(i64::from),
            ),
        ])),
        WorkloadObject::DaemonSet(d) => counts.extend(owned([
            (
                "spec.minReadySeconds",
                d.spec.min_ready_seconds.map(i64::from),
            ),
            (
                "spec.revisionHistoryLimit",
                d.spec.revision_history_limit.map(i64::from),
            ),
        ])),
        WorkloadObject::Job(j) => {
            if let Some(s) = &j.spec {
                counts.extend(job_counts("spec", s));
            }
        }
        WorkloadObject::CronJob(c) => {
            let s = &c.spec;
            counts.extend(owned([
                ("spec.startingDeadlineSeconds", s.starting_deadline_seconds),
                (
                    "spec.successfulJobsHistoryLimit",
                    s.successful_jobs_history_limit.map(i64::from),
                ),
                (
                    "spec.failedJobsHistoryLimit",
                    s.failed_jobs_history_limit.map(i64::from),
                ),
            ]));
            if let Some(js) = &s.job_template.spec {
                counts.extend(job_counts("spec.jobTemplate.spec", js));
            }
        }
        WorkloadObject::Pod(_) => {}
    }
    for (path, value) in counts {
        if let Some(v) = value.filter(|v| *v < 0) {
            sink.report(path, invalid_num(v, "must be greater than or equal to 0"));
        }
    }
}

fn owned<const N: usize>(counts: [(&str, Option<i64>); N]) -> Vec<(String, Option<i64>)> {
    counts
        .into_iter()
        .map(|(path, value)| (path.to_owned(), value))
        .collect()
}

fn job_counts(
    prefix: &str,
    s: &k8s_openapi::api::batch::v1::JobSpec,
) -> Vec<(String, Option<i64>)> {
    [
        ("parallelism", s.parallelism.map(i64::from)),
        ("completions", s.completions.map(i64::from)),
        ("activeDeadlineSeconds", s.active_deadline_seconds),
        ("backoffLimit", s.backoff_limit.map(i64::from)),
        (
            "ttlSecondsAfterFinished",
            s.ttl_seconds_after_finished.map(i64::from),
        ),
    ]
    .into_iter()
    .map(|(field, value)| (format!("{prefix}.{field}"), value))
    .collect()
}

/// `template-restart-policy`: Always for controllers, OnFailure or Never for Jobs.
static TEMPLATE_RESTART_POLICY: Rule = Rule {
    id: "template-restart-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Deployments, ReplicaSets, StatefulSets and DaemonSets need restartPolicy Always; Jobs and CronJobs OnFailure or Never.",
    explanation: "Long-running controllers replace Pods that stop, so their Pods must always restart. A Job's Pods must be able to finish: the Pod default `Always` is refused for Jobs, so a Job template has to say `OnFailure` or `Never`.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      containers:
      - {name: migrate, image: flyway/flyway:11}
"#,
        expect: &[(
            "spec.template.spec.restartPolicy",
            r#"Required value: valid values: "OnFailure", "Never""#,
        )],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: migrate, image: flyway/flyway:11}
"#],
    check: Check::Workload(template_restart_policy),
};

fn template_restart_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let policy = pod.spec.restart_policy.as_deref().unwrap_or_default();
    let path = pod.path.child("restartPolicy");
    match ctx.kind() {
        WorkloadKind::Pod => {}
        WorkloadKind::Job | WorkloadKind::CronJob => match policy {
            "OnFailure" | "Never" => {}
            "Always" | "" => {
                sink.report(path, required("valid values: \"OnFailure\", \"Never\""));
            }
            other => {
                sink.report(path, unsupported(other, &["OnFailure", "Never"]));
            }
        },
        _ => {
            if policy != "Always" {
                sink.report(path, unsupported(policy, &["Always"]));
            }
        }
    }
}

/// `template-active-deadline`: no activeDeadlineSeconds in long-running controllers.
static TEMPLATE_ACTIVE_DEADLINE: Rule = Rule {
    id: "template-active-deadline",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Long-running controllers may not set the Pod's activeDeadlineSeconds.",
    explanation: "A Pod deadline would kill every replica after a while, only for the controller to replace it. Use a Job for bounded work.",
    fail: &[Case {
        yaml: deployment!(
            r#"
      activeDeadlineSeconds: 3600
      containers:
      - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.template.spec.activeDeadlineSeconds",
            "Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
        )],
    }],
    pass: &[deployment!(
        r#"
      containers:
      - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(template_active_deadline),
};

fn template_active_deadline(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let noun = match ctx.kind() {
        WorkloadKind::Deployment | WorkloadKind::ReplicaSet => "ReplicaSet",
        WorkloadKind::StatefulSet => "StatefulSet",
        WorkloadKind::DaemonSet => "DaemonSet",
        _ => return,
    };
    if pod.spec.active_deadline_seconds.is_some() {
        sink.report(
            pod.path.child("activeDeadlineSeconds"),
            forbidden(&format!("activeDeadlineSeconds in {noun} is not Supported")),
        );
    }
}

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
static UPDATE_STRATEGY: Rule = Rule {
    id: "update-strategy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Rolling update settings are numbers or percentages up to 100%, and maxSurge and maxUnavailable are not both 0.",
    explanation: "A Deployment strategy is `RollingUpdate` or `Recreate` (without `rollingUpdate`). With both `maxSurge` and `maxUnavailable` at 0 a rollout could never replace a Pod. A DaemonSet cannot both surge and leave nodes unavailable.",
    fail: &[Case {
        yaml: r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  strategy:
    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
"#,
        expect: &[(
            "spec.strategy.rollingUpdate.maxUnavailable",
            "Invalid value: 0: may not be 0 when `maxSurge` is 0",
        )],
    }],
    pass: &[r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
"#],
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

/// `statefulset-policies`: podManagementPolicy, updateStrategy, PVC retention.
static STATEFULSET_POLICIES: Rule = Rule {
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

/// `job-completion-mode`: completion mode and per-index settings.
static JOB_COMPLETION_MODE: Rule = Rule {
    id: "job-completion-mode",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "completionMode is NonIndexed or Indexed; Indexed needs completions; per-index backoff needs Indexed.",
    explanation: "Indexed Jobs give each Pod an index from 0 to completions-1, so `completions` is required. `backoffLimitPerIndex` and `maxFailedIndexes` only exist for Indexed Jobs.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: Job
metadata: {name: shard}
spec:
  completionMode: Indexed
  parallelism: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: shard, image: busybox:1.37}
"#,
        expect: &[(
            "spec.completions",
            "Required value: when completion mode is Indexed",
        )],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: Job
metadata: {name: shard}
spec:
  completionMode: Indexed
  completions: 3
  parallelism: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: shard, image: busybox:1.37}
"#],
    check: Check::Workload(job_completion_mode),
};

fn job_completion_mode(ctx: &Ctx<'_>, sink: &mut Sink) {
    let (spec, prefix) = match ctx.object {
        WorkloadObject::Job(j) => (j.spec.as_ref(), "spec"),
        WorkloadObject::CronJob(c) => (c.spec.job_template.spec.as_ref(), "spec.jobTemplate.spec"),
        _ => return,
    };
    let Some(spec) = spec else { return };
    let mode = spec.completion_mode.as_deref().unwrap_or("NonIndexed");
    if !["NonIndexed", "Indexed"].contains(&mode) {
        sink.report(
            format!("{prefix}.completionMode"),
            unsupported(mode, &["NonIndexed", "Indexed"]),
        );
    }
    if mode == "Indexed" && spec.completions.is_none() {
        sink.report(
            format!("{prefix}.completions"),
            required("when completion mode is Indexed"),
        );
    }
    if mode != "Indexed" {
        if spec.backoff_limit_per_index.is_some() {
            sink.report(
                format!("{prefix}.backoffLimitPerIndex"),
                invalid("", "requires indexed completion mode"),
            );
        }
        if spec.max_failed_indexes.is_some() {
            sink.report(
                format!("{prefix}.maxFailedIndexes"),
                invalid("", "requires indexed completion mode"),
            );
        }
    }
    if spec.max_failed_indexes.is_some() && spec.backoff_limit_per_index.is_none() {
        sink.report(
            format!("{prefix}.backoffLimitPerIndex"),
            required("when maxFailedIndexes is specified"),
        );
    }
}

/// `cronjob-job-template`: concurrency policy and generated selectors.
static CRONJOB_JOB_TEMPLATE: Rule = Rule {
    id: "cronjob-job-template",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A CronJob's concurrencyPolicy is Allow, Forbid or Replace, and its Job template sets no selector.",
    explanation: "Each Job a CronJob creates gets a generated selector, so the template may neither set `selector` nor `manualSelector: true`.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: '0 3 * * *'
  concurrencyPolicy: Skip
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: report, image: busybox:1.37}
"#,
        expect: &[(
            "spec.concurrencyPolicy",
            r#"Unsupported value: "Skip": supported values: "Allow", "Forbid", "Replace""#,
        )],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: '0 3 * * *'
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: report, image: busybox:1.37}
"#],
    check: Check::Workload(cronjob_job_template),
};

fn cronjob_job_template(ctx: &Ctx<'_>, sink: &mut Sink) {
    let WorkloadObject::CronJob(c) = ctx.object else {
        return;
    };
    if let Some(p) = c
        .spec
        .concurrency_policy
        .as_deref()
        .filter(|p| !["Allow", "Forbid", "Replace"].contains(p))
    {
        sink.report(
            "spec.concurrencyPolicy",
            unsupported(p, &["Allow", "Forbid", "Replace"]),
        );
    }
    if let Some(job) = &c.spec.job_template.spec {
        if job.selector.is_some() {
            sink.report(
                "spec.jobTemplate.spec.selector",
                invalid("", "`selector` will be auto-generated"),
            );
        }
        if job.manual_selector == Some(true) {
            sink.report(
                "spec.jobTemplate.spec.manualSelector",
                unsupported("true", &["nil", "false"]),
            );
        }
    }
}

/// `ephemeral-containers-forbidden`: no ephemeral containers in manifests.
static EPHEMERAL_CONTAINERS_FORBIDDEN: Rule = Rule {
    id: "ephemeral-containers-forbidden",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Ephemeral containers cannot be set in a manifest; `kubectl debug` adds them to running Pods.",
    explanation: "Ephemeral containers exist for debugging running Pods and are added through the `ephemeralcontainers` subresource only.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  ephemeralContainers:
  - {name: debug, image: busybox:1.37}
"#
        ),
        expect: &[(
            "spec.ephemeralContainers",
            "Forbidden: cannot be set on create",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(ephemeral_containers_forbidden),
};

fn ephemeral_containers_forbidden(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if pod
        .spec
        .ephemeral_containers
        .as_ref()
        .is_some_and(|e| !e.is_empty())
    {
        let detail = if pod.is_pod {
            "cannot be set on create"
        } else {
            "ephemeral containers not allowed in pod template"
        };
        sink.report(pod.path.child("ephemeralContainers"), forbidden(detail));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, one};

    #[test]
    fn selector_mismatch_path() {
        let yaml = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: pg}\n    spec:\n      containers:\n      - {name: db, image: postgres:17}\n";
        assert_eq!(
            one("selector-matches-template", yaml),
            "spec.template.metadata.labels: Invalid value: {\"app\":\"pg\"}: `selector` does not match template `labels`"
        );
    }

    #[test]
    fn cronjob_default_restart_policy_is_refused() {
        let yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: r}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: r, image: busybox:1.37}\n";
        assert_eq!(
            findings("template-restart-policy", yaml)[0].path,
            "spec.jobTemplate.spec.template.spec.restartPolicy"
        );
    }
}
