//! Job pod failure policies. Upstream:
//! `pkg/apis/batch/validation/validation.go` `validatePodFailurePolicy` and
//! `validatePodFailurePolicyRule`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::invalid_num;
use crate::rules::messages::{invalid, required, unsupported};
use crate::rules::workloads::job_spec;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `job-pod-failure-policy`: rules that refer to real containers with valid exit codes.
pub(crate) static JOB_POD_FAILURE_POLICY: Rule = Rule {
    id: "job-pod-failure-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Job's podFailurePolicy needs restartPolicy Never, known actions, sorted exit codes and real container names.",
    explanation: "Pod failure policies decide, per exit code or Pod condition, whether a failure counts against `backoffLimit`. They only work when failed Pods stay failed (`restartPolicy: Never`); `containerName` must name one of the template's containers; each rule uses either `onExitCodes` or `onPodConditions`.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: Job
metadata: {name: train}
spec:
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {containerName: trainer, operator: In, values: [42]}
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - {name: main, image: busybox:1.37}
"#,
        expect: &[
            (
                "spec.template.spec.restartPolicy",
                r#"Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified"#,
            ),
            (
                "spec.podFailurePolicy.rules[0].onExitCodes.containerName",
                r#"Invalid value: "trainer": must be one of the container or initContainer names in the pod template"#,
            ),
        ],
    }],
    pass: &[job!(
        r#"
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {containerName: main, operator: In, values: [42]}
    - action: Ignore
      onPodConditions:
      - {type: DisruptionTarget}
"#
    )],
    check: Check::Workload(job_pod_failure_policy),
};

fn job_pod_failure_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some((spec, prefix)) = job_spec(ctx) else {
        return;
    };
    let Some(policy) = &spec.pod_failure_policy else {
        return;
    };
    let Some(pod) = &ctx.pod else { return };
    let restart = pod.spec.restart_policy.as_deref().unwrap_or_default();
    if restart != "Never" {
        sink.report(
            pod.path.child("restartPolicy"),
            invalid(
                restart,
                "only \"Never\" is supported when podFailurePolicy is specified",
            ),
        );
    }
    let rules_path = format!("{prefix}.podFailurePolicy.rules");
    if policy.rules.len() > 20 {
        sink.report(
            &rules_path,
            format!(
                "Too many: {}: must have at most 20 items",
                policy.rules.len()
            ),
        );
    }
    let actions = ["Count", "FailIndex", "FailJob", "Ignore"];
    for (k, rule) in policy.rules.iter().enumerate() {
        let path = format!("{rules_path}[{k}]");
        if rule.action.is_empty() {
            sink.report(format!("{path}.action"), required(""));
        } else if !actions.contains(&rule.action.as_str()) {
            sink.report(
                format!("{path}.action"),
                unsupported(&rule.action, &actions),
            );
        } else if rule.action == "FailIndex" && spec.backoff_limit_per_index.is_none() {
            sink.report(
                format!("{path}.action"),
                invalid("FailIndex", "requires the backoffLimitPerIndex to be set"),
            );
        }
        match (
            &rule.on_exit_codes,
            rule.on_pod_conditions.as_ref().filter(|c| !c.is_empty()),
        ) {
            (Some(_), Some(_)) => {
                sink.report(
                    &path,
                    invalid(
                        "",
                        "specifying both OnExitCodes and OnPodConditions is not supported",
                    ),
                );
            }
            (None, None) => {
                sink.report(
                    &path,
                    invalid(
                        "",
                        "specifying one of OnExitCodes and OnPodConditions is required",
                    ),
                );
            }
            _ => {}
        }
        if let Some(codes) = &rule.on_exit_codes {
            let cp = format!("{path}.onExitCodes");
            if let Some(name) = codes
                .container_name
                .as_deref()
                .filter(|n| pod.container(n).is_none())
            {
                sink.report(
                    format!("{cp}.containerName"),
                    invalid(
                        name,
                        "must be one of the container or initContainer names in the pod template",
                    ),
                );
            }
            if !["In", "NotIn"].contains(&codes.operator.as_str()) {
                sink.report(
                    format!("{cp}.operator"),
                    unsupported(&codes.operator, &["In", "NotIn"]),
                );
            }
            let values = &codes.values;
            if values.is_empty() {
                sink.report(
                    format!("{cp}.values"),
                    invalid("", "at least one value is required"),
                );
            }
            for (i, v) in values.iter().enumerate() {
                if *v == 0 && codes.operator == "In" {
                    sink.report(
                        format!("{cp}.values[{i}]"),
                        invalid_num(v, "must not be 0 for the In operator"),
                    );
                }
                if i > 0 && values[i - 1] == *v {
                    sink.report(format!("{cp}.values[{i}]"), format!("Duplicate value: {v}"));
                } else if i > 0 && values[i - 1] > *v {
                    sink.report(
                        format!("{cp}.values[{i}]"),
                        invalid_num(v, "must be ordered"),
                    );
                }
            }
        }
        for (j, condition) in rule.on_pod_conditions.iter().flatten().enumerate() {
            let status = condition.status.as_deref().unwrap_or("True");
            if !["True", "False", "Unknown"].contains(&status) {
                sink.report(
                    format!("{path}.onPodConditions[{j}].status"),
                    unsupported(status, &["True", "False", "Unknown"]),
                );
            }
        }
    }
}
