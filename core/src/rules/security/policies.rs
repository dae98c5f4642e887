//! Cluster policies: `--allow-privileged`
//! (`pkg/apis/core/validation/validation.go` `ValidateSecurityContext`, with
//! `capabilities.Get().AllowPrivileged`) and the Pod's security policy fields
//! (`validatePodSpecSecurityContext`).

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::unsupported;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `privileged-cluster-policy`: privileged containers need `--allow-privileged`.
pub(crate) static PRIVILEGED_CLUSTER_POLICY: Rule = Rule {
    id: "privileged-cluster-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`privileged: true` is refused by API servers running without `--allow-privileged`.",
    explanation: "Whether privileged containers are allowed is cluster configuration: kubeadm, kind and managed clusters allow them, the bare binary does not. With `allowPrivileged` unknown (the default) this is a warning; set the option to `false` to make it an error, `true` to silence it.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {privileged: true}
"#
        ),
        expect: &[(
            "spec.containers[0].securityContext.privileged",
            "privileged containers are refused (Forbidden: disallowed by cluster policy) unless the API server runs with --allow-privileged",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {privileged: false}
"#
    )],
    check: Check::Workload(privileged_cluster_policy),
};

fn privileged_cluster_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let severity = match ctx.options.allow_privileged {
        Some(true) => return,
        Some(false) => Severity::Error,
        None => Severity::Warning,
    };
    for c in &pod.containers {
        if c.spec.security_context.as_ref().and_then(|s| s.privileged) == Some(true) {
            let message = if severity == Severity::Error {
                "Forbidden: disallowed by cluster policy".to_owned()
            } else {
                "privileged containers are refused (Forbidden: disallowed by cluster policy) unless the API server runs with --allow-privileged".to_owned()
            };
            sink.report_as(
                severity,
                c.path.child("securityContext").child("privileged"),
                message,
            );
        }
    }
}

/// `pod-security-policies`: fsGroupChangePolicy, supplementalGroupsPolicy, seLinuxChangePolicy values.
pub(crate) static POD_SECURITY_POLICIES: Rule = Rule {
    id: "pod-security-policies",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "The Pod security context's policy fields take fixed values.",
    explanation: "`fsGroupChangePolicy` is OnRootMismatch or Always; `supplementalGroupsPolicy` Merge or Strict; `seLinuxChangePolicy` Recursive or MountOption.",
    fail: &[Case {
        yaml: pod!(
            r#"
  securityContext: {fsGroup: 2000, fsGroupChangePolicy: OnMismatch}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.securityContext.fsGroupChangePolicy",
            r#"Unsupported value: "OnMismatch": supported values: "OnRootMismatch", "Always""#,
        )],
    }],
    pass: &[pod!(
        r#"
  securityContext: {fsGroup: 2000, fsGroupChangePolicy: OnRootMismatch}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(pod_security_policies),
};

fn pod_security_policies(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(sc) = &pod.spec.security_context else {
        return;
    };
    let path = pod.path.child("securityContext");
    let fields: [(&str, &Option<String>, &[&str]); 3] = [
        (
            "fsGroupChangePolicy",
            &sc.fs_group_change_policy,
            &["OnRootMismatch", "Always"],
        ),
        (
            "supplementalGroupsPolicy",
            &sc.supplemental_groups_policy,
            &["Merge", "Strict"],
        ),
        (
            "seLinuxChangePolicy",
            &sc.se_linux_change_policy,
            &["Recursive", "MountOption"],
        ),
    ];
    for (field, value, supported) in fields {
        if let Some(v) = value.as_deref().filter(|v| !supported.contains(v)) {
            sink.report(path.child(field), unsupported(v, supported));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::report::Severity;
    use crate::rules::testing::findings;

    #[test]
    fn privileged_is_a_warning_unless_the_cluster_forbids_it() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {privileged: true}
"#
        );
        assert_eq!(
            findings("privileged-cluster-policy", yaml)[0].severity,
            Severity::Warning
        );
    }
}
