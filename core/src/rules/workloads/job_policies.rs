//! Job ownership, replacement and success. Upstream:
//! `pkg/apis/batch/validation/validation.go` `validateJobSpec` and
//! `validateSuccessPolicy`.

use crate::report::Severity;
use crate::rules::format::dns_subdomain;
use crate::rules::messages::{invalid, invalid_num, required, unsupported};
use crate::rules::workloads::job_spec;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `job-managed-by`: a domain-prefixed path of at most 63 bytes.
pub(crate) static JOB_MANAGED_BY: Rule = Rule {
    id: "job-managed-by",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Job's managedBy is a domain-prefixed path of at most 63 bytes.",
    explanation: "`managedBy` hands the Job to another controller than the built-in one, named by a domain-prefixed path such as `kueue.x-k8s.io/multikueue`.",
    fail: &[Case {
        yaml: job!(
            r#"
  managedBy: kueue
"#
        ),
        expect: &[(
            "spec.managedBy",
            r#"Invalid value: "kueue": must be a domain-prefixed path (such as "acme.io/foo")"#,
        )],
    }],
    pass: &[job!(
        r#"
  managedBy: kueue.x-k8s.io/multikueue
"#
    )],
    check: Check::Workload(managed_by),
};

fn managed_by(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some((spec, prefix)) = job_spec(ctx) else {
        return;
    };
    let Some(managed) = spec.managed_by.as_deref() else {
        return;
    };
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

/// `job-pod-replacement-policy`: Failed or TerminatingOrFailed.
pub(crate) static JOB_POD_REPLACEMENT_POLICY: Rule = Rule {
    id: "job-pod-replacement-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Job's podReplacementPolicy is Failed or TerminatingOrFailed; with a podFailurePolicy, only Failed.",
    explanation: "`podReplacementPolicy` says when the Job makes a replacement Pod: once the old one is terminating (`TerminatingOrFailed`) or only once it has `Failed`. With a podFailurePolicy the Job must wait for `Failed`.",
    fail: &[Case {
        yaml: job!(
            r#"
  podReplacementPolicy: Immediately
"#
        ),
        expect: &[(
            "spec.podReplacementPolicy",
            r#"Unsupported value: "Immediately": supported values: "Failed", "TerminatingOrFailed""#,
        )],
    }],
    pass: &[job!(
        r#"
  podReplacementPolicy: Failed
"#
    )],
    check: Check::Workload(pod_replacement_policy),
};

fn pod_replacement_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some((spec, prefix)) = job_spec(ctx) else {
        return;
    };
    let Some(policy) = spec.pod_replacement_policy.as_deref() else {
        return;
    };
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

/// `job-success-policy`: complete rules, on Indexed Jobs only.
pub(crate) static JOB_SUCCESS_POLICY: Rule = Rule {
    id: "job-success-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A Job's successPolicy needs Indexed completion and rules that each name succeededIndexes or succeededCount.",
    explanation: "A success policy declares an Indexed Job done early, once chosen indexes (`succeededIndexes`) or enough of them (`succeededCount`) succeed. It needs at least one rule, each with one of the two.",
    fail: &[Case {
        yaml: job!(
            r#"
  completionMode: Indexed
  completions: 3
  successPolicy:
    rules:
    - {}
"#
        ),
        expect: &[(
            "spec.successPolicy.rules[0]",
            "Required value: at least one of succeededCount or succeededIndexes must be specified",
        )],
    }],
    pass: &[job!(
        r#"
  completionMode: Indexed
  completions: 3
  successPolicy:
    rules:
    - {succeededIndexes: '0'}
"#
    )],
    check: Check::Workload(success_policy),
};

fn success_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some((spec, prefix)) = job_spec(ctx) else {
        return;
    };
    let Some(success) = &spec.success_policy else {
        return;
    };
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
                required("at least one of succeededCount or succeededIndexes must be specified"),
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
