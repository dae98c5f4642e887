//! Counts of controllers. Upstream: `pkg/apis/apps/validation/validation.go`
//! (`ValidateDeploymentSpec`, `ValidateStatefulSetSpec`, ...) and
//! `pkg/apis/batch/validation/validation.go` (`validateJobSpec`,
//! `validateCronJobSpec`).

use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::messages::invalid_num;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `workload-counts`: replicas and other counts are not negative.
pub(crate) static WORKLOAD_COUNTS: Rule = Rule {
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
