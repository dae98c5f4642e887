//! Job completion modes. Upstream: `pkg/apis/batch/validation/validation.go`
//! `validateJobSpec`.

use crate::report::Severity;
use crate::rules::messages::{invalid, required, unsupported};
use crate::rules::workloads::job_spec;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `job-completion-mode`: completion mode and per-index settings.
pub(crate) static JOB_COMPLETION_MODE: Rule = Rule {
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
    let Some((spec, prefix)) = job_spec(ctx) else {
        return;
    };
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
