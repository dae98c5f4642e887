//! Counts and durations of controllers. Upstream:
//! `pkg/apis/apps/validation/validation.go` (`ValidateDeploymentSpec`,
//! `ValidateReplicaSetSpec`, `ValidateStatefulSetSpec`,
//! `ValidateDaemonSetSpec`) and `pkg/apis/batch/validation/validation.go`
//! (`validateJobSpec`, `validateCronJobSpec`).

use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::messages::invalid_num;
use crate::rules::workloads::job_spec;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// Reports each count that is set and negative.
fn report_negative(sink: &mut Sink, counts: &[(&str, Option<i64>)], prefix: &str) {
    for (field, value) in counts {
        if let Some(v) = value.filter(|v| *v < 0) {
            sink.report(
                format!("{prefix}.{field}"),
                invalid_num(v, "must be greater than or equal to 0"),
            );
        }
    }
}

/// `progress-deadline`: a Deployment's progress deadline exceeds minReadySeconds.
pub(crate) static PROGRESS_DEADLINE: Rule = Rule {
    id: "progress-deadline",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Deployment's progressDeadlineSeconds is greater than its minReadySeconds.",
    explanation: "A rollout makes progress when new Pods have been ready for `minReadySeconds`; a `progressDeadlineSeconds` no longer than that would declare every rollout stuck before it could progress.",
    fail: &[Case {
        yaml: deployment!(spec: r#"
  minReadySeconds: 30
  progressDeadlineSeconds: 30
"#),
        expect: &[(
            "spec.progressDeadlineSeconds",
            "Invalid value: 30: must be greater than minReadySeconds",
        )],
    }],
    pass: &[deployment!(spec: r#"
  minReadySeconds: 10
  progressDeadlineSeconds: 600
"#)],
    check: Check::Workload(progress_deadline),
};

fn progress_deadline(ctx: &Ctx<'_>, sink: &mut Sink) {
    let WorkloadObject::Deployment(d) = ctx.object else {
        return;
    };
    if let (Some(deadline), Some(ready)) =
        (d.spec.progress_deadline_seconds, d.spec.min_ready_seconds)
        && deadline >= 0
        && deadline <= ready
    {
        sink.report(
            "spec.progressDeadlineSeconds",
            invalid_num(deadline, "must be greater than minReadySeconds"),
        );
    }
}

/// `controller-counts`: replicas and the other counts of long-running controllers.
pub(crate) static CONTROLLER_COUNTS: Rule = Rule {
    id: "controller-counts",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "replicas, minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds and ordinals.start are not negative.",
    explanation: "Deployments, ReplicaSets, StatefulSets and DaemonSets count Pods, seconds and kept revisions; none of these counts may be negative. `replicas: 0` is allowed and scales the workload down.",
    fail: &[Case {
        yaml: deployment!(spec: r#"
  replicas: -1
"#),
        expect: &[(
            "spec.replicas",
            "Invalid value: -1: must be greater than or equal to 0",
        )],
    }],
    pass: &[deployment!(spec: r#"
  replicas: 0
  minReadySeconds: 10
"#)],
    check: Check::Workload(controller_counts),
};

fn controller_counts(ctx: &Ctx<'_>, sink: &mut Sink) {
    let wide = |v: Option<i32>| v.map(i64::from);
    let counts = match ctx.object {
        WorkloadObject::Deployment(d) => vec![
            ("replicas", wide(d.spec.replicas)),
            ("minReadySeconds", wide(d.spec.min_ready_seconds)),
            ("revisionHistoryLimit", wide(d.spec.revision_history_limit)),
            (
                "progressDeadlineSeconds",
                wide(d.spec.progress_deadline_seconds),
            ),
        ],
        WorkloadObject::ReplicaSet(r) => vec![
            ("replicas", wide(r.spec.replicas)),
            ("minReadySeconds", wide(r.spec.min_ready_seconds)),
        ],
        WorkloadObject::StatefulSet(s) => vec![
            ("replicas", wide(s.spec.replicas)),
            ("minReadySeconds", wide(s.spec.min_ready_seconds)),
            ("revisionHistoryLimit", wide(s.spec.revision_history_limit)),
            (
                "ordinals.start",
                wide(s.spec.ordinals.as_ref().and_then(|o| o.start)),
            ),
        ],
        WorkloadObject::DaemonSet(d) => vec![
            ("minReadySeconds", wide(d.spec.min_ready_seconds)),
            ("revisionHistoryLimit", wide(d.spec.revision_history_limit)),
        ],
        _ => return,
    };
    report_negative(sink, &counts, "spec");
}

/// `cronjob-counts`: a CronJob's deadline and history limits.
pub(crate) static CRONJOB_COUNTS: Rule = Rule {
    id: "cronjob-counts",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A CronJob's startingDeadlineSeconds and history limits are not negative.",
    explanation: "`startingDeadlineSeconds` is how late a missed run may still start; `successfulJobsHistoryLimit` and `failedJobsHistoryLimit` are how many finished Jobs to keep. None may be negative.",
    fail: &[Case {
        yaml: cronjob!(
            r#"
  schedule: '0 3 * * *'
  failedJobsHistoryLimit: -1
"#
        ),
        expect: &[(
            "spec.failedJobsHistoryLimit",
            "Invalid value: -1: must be greater than or equal to 0",
        )],
    }],
    pass: &[cronjob!(
        r#"
  schedule: '0 3 * * *'
  failedJobsHistoryLimit: 1
"#
    )],
    check: Check::Workload(cronjob_counts),
};

fn cronjob_counts(ctx: &Ctx<'_>, sink: &mut Sink) {
    let WorkloadObject::CronJob(c) = ctx.object else {
        return;
    };
    let s = &c.spec;
    let counts = [
        ("startingDeadlineSeconds", s.starting_deadline_seconds),
        (
            "successfulJobsHistoryLimit",
            s.successful_jobs_history_limit.map(i64::from),
        ),
        (
            "failedJobsHistoryLimit",
            s.failed_jobs_history_limit.map(i64::from),
        ),
    ];
    report_negative(sink, &counts, "spec");
}

/// `job-counts`: a Job's parallelism, completions, deadlines and limits.
pub(crate) static JOB_COUNTS: Rule = Rule {
    id: "job-counts",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Job's parallelism, completions, activeDeadlineSeconds, backoffLimit and ttlSecondsAfterFinished are not negative.",
    explanation: "A Job counts Pods to run at once and to finish, retries, and seconds; none may be negative. (Unlike a Pod's, a Job's `activeDeadlineSeconds` may be 0.) A CronJob's `jobTemplate` follows the same rules.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  backoffLimit: -1
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: migrate, image: flyway/flyway:11}
"#,
        expect: &[(
            "spec.backoffLimit",
            "Invalid value: -1: must be greater than or equal to 0",
        )],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: migrate, image: flyway/flyway:11}
"#],
    check: Check::Workload(job_counts),
};

fn job_counts(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some((s, prefix)) = job_spec(ctx) else {
        return;
    };
    let counts = [
        ("parallelism", s.parallelism.map(i64::from)),
        ("completions", s.completions.map(i64::from)),
        ("activeDeadlineSeconds", s.active_deadline_seconds),
        ("backoffLimit", s.backoff_limit.map(i64::from)),
        (
            "ttlSecondsAfterFinished",
            s.ttl_seconds_after_finished.map(i64::from),
        ),
    ];
    report_negative(sink, &counts, prefix);
}
