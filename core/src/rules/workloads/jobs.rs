//! Job pod failure policies (§1.14).

use super::super::{Check, Ctx, Rule, Sink, invalid, required, unsupported};
use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::{Case, Origin};

/// `job-pod-failure-policy`: rules that refer to real containers with valid exit codes.
pub(super) static JOB_POD_FAILURE_POLICY: Rule = Rule {
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
    pass: &[r#"apiVersion: batch/v1
kind: Job
metadata: {name: train}
spec:
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {containerName: main, operator: In, values: [42]}
    - action: Ignore
      onPodConditions:
      - {type: DisruptionTarget}
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: main, image: busybox:1.37}
"#],
    check: Check::Workload(job_pod_failure_policy),
};

fn job_pod_failure_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let (spec, prefix) = match ctx.object {
        WorkloadObject::Job(j) => (j.spec.as_ref(), "spec"),
        WorkloadObject::CronJob(c) => (c.spec.job_template.spec.as_ref(), "spec.jobTemplate.spec"),
        _ => return,
    };
    let Some(spec) = spec else { return };
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
                        super::super::invalid_num(v, "must not be 0 for the In operator"),
                    );
                }
                if i > 0 && values[i - 1] == *v {
                    sink.report(format!("{cp}.values[{i}]"), format!("Duplicate value: {v}"));
                } else if i > 0 && values[i - 1] > *v {
                    sink.report(
                        format!("{cp}.values[{i}]"),
                        super::super::invalid_num(v, "must be ordered"),
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

/// `job-policies`: managedBy, podReplacementPolicy and successPolicy.
pub(super) static JOB_POLICIES: Rule = Rule {
    id: "job-policies",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Job's managedBy is a domain-prefixed path, podReplacementPolicy Failed or TerminatingOrFailed, and successPolicy rules are complete.",
    explanation: "`managedBy` hands the Job to another controller (`kueue.x-k8s.io/multikueue`); with a podFailurePolicy, replacement Pods may only be created once the old ones `Failed`; each successPolicy rule needs `succeededIndexes` or `succeededCount` and only applies to Indexed Jobs.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: Job
metadata: {name: train}
spec:
  managedBy: kueue
  podReplacementPolicy: Immediately
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: main, image: busybox:1.37}
"#,
        expect: &[
            (
                "spec.managedBy",
                r#"Invalid value: "kueue": must be a domain-prefixed path (such as "acme.io/foo")"#,
            ),
            (
                "spec.podReplacementPolicy",
                r#"Unsupported value: "Immediately": supported values: "Failed", "TerminatingOrFailed""#,
            ),
        ],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: Job
metadata: {name: train}
spec:
  managedBy: kueue.x-k8s.io/multikueue
  podReplacementPolicy: Failed
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: main, image: busybox:1.37}
"#],
    check: Check::Workload(job_policies),
};

fn job_policies(ctx: &Ctx<'_>, sink: &mut Sink) {
    let (spec, prefix) = match ctx.object {
        WorkloadObject::Job(j) => (j.spec.as_ref(), "spec"),
        WorkloadObject::CronJob(c) => (c.spec.job_template.spec.as_ref(), "spec.jobTemplate.spec"),
        _ => return,
    };
    let Some(spec) = spec else { return };
    if let Some(managed) = spec.managed_by.as_deref() {
        let path = format!("{prefix}.managedBy");
        let domain_prefixed = managed.split_once('/').is_some_and(|(domain, rest)| {
            !rest.is_empty()
                && domain.contains('.')
                && super::super::format::dns_subdomain(domain).is_empty()
        });
        if managed.len() > 63 {
            sink.report(path, "Too long: may not be more than 63 bytes");
        } else if !domain_prefixed {
            sink.report(
                path,
                invalid(
                    managed,
                    "must be a domain-prefixed path (such as \"acme.io/foo\")",
                ),
            );
        }
    }
    if let Some(policy) = spec.pod_replacement_policy.as_deref() {
        let supported: &[&str] = if spec.pod_failure_policy.is_some() {
            &["Failed"]
        } else {
            &["Failed", "TerminatingOrFailed"]
        };
        if !supported.contains(&policy) {
            sink.report(
                format!("{prefix}.podReplacementPolicy"),
                unsupported(policy, supported),
            );
        }
    }
    if let Some(success) = &spec.success_policy {
        let path = format!("{prefix}.successPolicy");
        if spec.completion_mode.as_deref() != Some("Indexed") {
            sink.report(&path, invalid("", "requires indexed completion mode"));
        }
        if success.rules.is_empty() {
            sink.report(format!("{path}.rules"), required(""));
        }
        for (k, rule) in success.rules.iter().enumerate() {
            if rule.succeeded_count.is_none() && rule.succeeded_indexes.is_none() {
                sink.report(
                    format!("{path}.rules[{k}]"),
                    required(
                        "at least one of succeededCount or succeededIndexes must be specified",
                    ),
                );
            }
            if let Some(count) = rule.succeeded_count.filter(|c| *c < 0) {
                sink.report(
                    format!("{path}.rules[{k}].succeededCount"),
                    super::super::invalid_num(count, "must be greater than or equal to 0"),
                );
            }
        }
    }
}
