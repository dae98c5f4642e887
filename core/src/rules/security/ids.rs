//! User and group ids, privilege escalation and /proc masking. Upstream:
//! `pkg/apis/core/validation/validation.go` `validatePodSpecSecurityContext`,
//! `ValidateSecurityContext` and `ValidateProcMountType`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{invalid, invalid_num, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

const ID_MESSAGE: &str = "must be between 0 and 2147483647, inclusive";

/// `security-context-ids`: user and group ids in range.
pub(crate) static SECURITY_CONTEXT_IDS: Rule = Rule {
    id: "security-context-ids",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "runAsUser, runAsGroup, fsGroup and supplementalGroups are between 0 and 2147483647.",
    explanation: "User and group ids are 31-bit non-negative numbers, in the Pod's and in each container's security context.",
    fail: &[Case {
        yaml: pod!(
            r#"
  securityContext: {runAsUser: -1}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.securityContext.runAsUser",
            "Invalid value: -1: must be between 0 and 2147483647, inclusive",
        )],
    }],
    pass: &[pod!(
        r#"
  securityContext: {runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(security_context_ids),
};

fn security_context_ids(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if let Some(sc) = &pod.spec.security_context {
        let path = pod.path.child("securityContext");
        id_check(sink, path.child("runAsUser"), sc.run_as_user);
        id_check(sink, path.child("runAsGroup"), sc.run_as_group);
        id_check(sink, path.child("fsGroup"), sc.fs_group);
        for (k, g) in sc.supplemental_groups.iter().flatten().enumerate() {
            id_check(sink, path.child("supplementalGroups").index(k), Some(*g));
        }
    }
    for c in &pod.containers {
        if let Some(sc) = &c.spec.security_context {
            let path = c.path.child("securityContext");
            id_check(sink, path.child("runAsUser"), sc.run_as_user);
            id_check(sink, path.child("runAsGroup"), sc.run_as_group);
        }
    }
}

fn id_check(sink: &mut Sink, path: impl Descend, value: Option<i64>) {
    if let Some(v) = value.filter(|v| !(0..=2_147_483_647).contains(v)) {
        sink.report(path, invalid_num(v, ID_MESSAGE));
    }
}

/// `privilege-escalation-conflict`: allowPrivilegeEscalation false with privileged or CAP_SYS_ADMIN.
pub(crate) static PRIVILEGE_ESCALATION_CONFLICT: Rule = Rule {
    id: "privilege-escalation-conflict",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`allowPrivilegeEscalation: false` contradicts `privileged: true` and an added `CAP_SYS_ADMIN`.",
    explanation: "A privileged container has every privilege already, so forbidding escalation is contradictory.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {privileged: true, allowPrivilegeEscalation: false}
"#
        ),
        expect: &[(
            "spec.containers[0].securityContext",
            r#"Invalid value: "": cannot set `allowPrivilegeEscalation` to false and `privileged` to true"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {allowPrivilegeEscalation: false}
"#
    )],
    check: Check::Workload(privilege_escalation_conflict),
};

fn privilege_escalation_conflict(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let Some(sc) = &c.spec.security_context else {
            continue;
        };
        if sc.allow_privilege_escalation != Some(false) {
            continue;
        }
        let path = c.path.child("securityContext");
        if sc.privileged == Some(true) {
            sink.report(path, "Invalid value: \"\": cannot set `allowPrivilegeEscalation` to false and `privileged` to true");
        }
        let adds = sc
            .capabilities
            .as_ref()
            .and_then(|c| c.add.as_deref())
            .unwrap_or_default();
        if adds.iter().any(|a| a == "CAP_SYS_ADMIN") {
            sink.report(path, "Invalid value: \"\": cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN");
        }
    }
}

/// `proc-mount`: Default, or Unmasked with hostUsers false.
pub(crate) static PROC_MOUNT: Rule = Rule {
    id: "proc-mount",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "procMount is Default or Unmasked, and Unmasked needs `hostUsers: false`.",
    explanation: "An unmasked /proc is only safe inside a user namespace, so the Pod must set `hostUsers: false`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {procMount: Unmasked}
"#
        ),
        expect: &[(
            "spec.containers[0].securityContext.procMount",
            r#"Invalid value: "Unmasked": `hostUsers` must be false to use `Unmasked`"#,
        )],
    }],
    pass: &[pod!(
        r#"
  hostUsers: false
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {procMount: Unmasked}
"#
    )],
    check: Check::Workload(proc_mount),
};

fn proc_mount(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let Some(mode) = c
            .spec
            .security_context
            .as_ref()
            .and_then(|s| s.proc_mount.as_deref())
        else {
            continue;
        };
        let path = c.path.child("securityContext").child("procMount");
        match mode {
            "Default" => {}
            "Unmasked" if pod.spec.host_users == Some(false) => {}
            "Unmasked" => {
                sink.report(
                    path,
                    invalid(mode, "`hostUsers` must be false to use `Unmasked`"),
                );
            }
            other => {
                sink.report(path, unsupported(other, &["Default", "Unmasked"]));
            }
        }
    }
}
