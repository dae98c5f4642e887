//! Job ownership, replacement and success. Upstream:
//! `pkg/apis/batch/validation/validation.go` `validateJobSpec`,
//! `validateSuccessPolicy`.

use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::format::dns_subdomain;
use crate::rules::messages::invalid_num;
use crate::rules::messages::{invalid, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `job-policies`: managedBy, podReplacementPolicy and successPolicy.
pub(crate) static JOB_POLICIES: Rule = Rule {
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
            !rest.is_empty() && domain.contains('.') && dns_subdomain(domain).is_empty()
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
                    invalid_num(count, "must be greater than or equal to 0"),
                );
            }
        }
    }
}
