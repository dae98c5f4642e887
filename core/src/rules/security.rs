//! Security context rules (§1.10).

use super::{Check, Ctx, Rule, Sink, invalid, invalid_num, required, unsupported};
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};
use k8s_openapi::api::core::v1::{AppArmorProfile, SeccompProfile};
use std::collections::HashSet;

pub(super) const RULES: &[&Rule] = &[
    &SECURITY_CONTEXT_IDS,
    &SECCOMP_PROFILE,
    &PRIVILEGE_ESCALATION_CONFLICT,
    &PROC_MOUNT,
    &PRIVILEGED_CLUSTER_POLICY,
    &SYSCTLS,
    &POD_SECURITY_POLICIES,
];

const ID_MESSAGE: &str = "must be between 0 and 2147483647, inclusive";

/// `security-context-ids`: user and group ids in range.
static SECURITY_CONTEXT_IDS: Rule = Rule {
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

fn id_check(sink: &mut Sink, path: FieldPath, value: Option<i64>) {
    if let Some(v) = value.filter(|v| !(0..=2_147_483_647).contains(v)) {
        sink.report(path, invalid_num(v, ID_MESSAGE));
    }
}

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

/// `seccomp-profile`: type and localhostProfile.
static SECCOMP_PROFILE: Rule = Rule {
    id: "seccomp-profile",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "seccompProfile.type is RuntimeDefault, Localhost or Unconfined; Localhost needs localhostProfile, others must not have it.",
    explanation: "`Localhost` loads a profile file from the node, named by a relative `localhostProfile`. The same rules apply to AppArmor profiles (`appArmorProfile`).",
    fail: &[Case {
        yaml: pod!(
            r#"
  securityContext:
    seccompProfile: {type: Localhost}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.securityContext.seccompProfile.localhostProfile",
            "Required value: must be set when seccomp type is Localhost",
        )],
    }],
    pass: &[pod!(
        r#"
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(seccomp_profile),
};

fn profile_check(
    sink: &mut Sink,
    path: FieldPath,
    kind: &str,
    profile_type: &str,
    localhost: Option<&str>,
    what: &str,
) {
    let types = ["Localhost", "RuntimeDefault", "Unconfined"];
    if profile_type.is_empty() {
        sink.report(
            path.child("type"),
            required(&format!("type is required when {kind} is set")),
        );
    } else if !types.contains(&profile_type) {
        sink.report(path.child("type"), unsupported(profile_type, &types));
    }
    let profile = localhost.unwrap_or_default();
    if profile_type == "Localhost" && profile.is_empty() {
        sink.report(
            path.child("localhostProfile"),
            required(&format!("must be set when {what} type is Localhost")),
        );
    } else if profile_type != "Localhost" && localhost.is_some() {
        sink.report(
            path.child("localhostProfile"),
            invalid(
                profile,
                &format!("can only be set when {what} type is Localhost"),
            ),
        );
    }
}

fn seccomp(sink: &mut Sink, path: FieldPath, profile: Option<&SeccompProfile>) {
    if let Some(p) = profile {
        profile_check(
            sink,
            path,
            "seccompProfile",
            &p.type_,
            p.localhost_profile.as_deref(),
            "seccomp",
        );
    }
}

fn seccomp_profile(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if let Some(sc) = &pod.spec.security_context {
        let path = pod.path.child("securityContext");
        profiles(
            sink,
            &path,
            sc.seccomp_profile.as_ref(),
            sc.app_armor_profile.as_ref(),
        );
    }
    for c in &pod.containers {
        if let Some(sc) = &c.spec.security_context {
            let path = c.path.child("securityContext");
            profiles(
                sink,
                &path,
                sc.seccomp_profile.as_ref(),
                sc.app_armor_profile.as_ref(),
            );
        }
    }
}

/// The seccomp and AppArmor profiles of one security context (Pod or container).
fn profiles(
    sink: &mut Sink,
    path: &FieldPath,
    seccomp_profile: Option<&SeccompProfile>,
    app_armor: Option<&AppArmorProfile>,
) {
    seccomp(sink, path.child("seccompProfile"), seccomp_profile);
    if let Some(a) = app_armor {
        profile_check(
            sink,
            path.child("appArmorProfile"),
            "appArmorProfile",
            &a.type_,
            a.localhost_profile.as_deref(),
            "AppArmor",
        );
    }
}

/// `privilege-escalation-conflict`: allowPrivilegeEscalation false with privileged or CAP_SYS_ADMIN.
static PRIVILEGE_ESCALATION_CONFLICT: Rule = Rule {
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
            sink.report(&path, "Invalid value: \"\": cannot set `allowPrivilegeEscalation` to false and `privileged` to true");
        }
        let adds = sc
            .capabilities
            .as_ref()
            .and_then(|c| c.add.as_deref())
            .unwrap_or_default();
        if adds.iter().any(|a| a == "CAP_SYS_ADMIN") {
            sink.report(&path, "Invalid value: \"\": cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN");
        }
    }
}

/// `proc-mount`: Default, or Unmasked with hostUsers false.
static PROC_MOUNT: Rule = Rule {
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

/// `privileged-cluster-policy`: privileged containers need `--allow-privileged`.
static PRIVILEGED_CLUSTER_POLICY: Rule = Rule {
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

/// `sysctls`: Pod sysctl names.
static SYSCTLS: Rule = Rule {
    id: "sysctls",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Pod sysctls need valid, unique names, and no net.* with hostNetwork.",
    explanation: "Sysctls are namespaced kernel settings. Network sysctls cannot be set when the Pod uses the host's network namespace.",
    fail: &[Case {
        yaml: pod!(
            r#"
  hostNetwork: true
  securityContext:
    sysctls:
    - {name: net.ipv4.tcp_syncookies, value: '1'}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.securityContext.sysctls[0].name",
            r#"Invalid value: "net.ipv4.tcp_syncookies": may not be specified when 'hostNetwork' is true"#,
        )],
    }],
    pass: &[pod!(
        r#"
  securityContext:
    sysctls:
    - {name: net.ipv4.tcp_syncookies, value: '1'}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(sysctls),
};

fn sysctl_name_ok(name: &str) -> bool {
    name.len() <= 253
        && name.split(['.', '/']).all(|part| {
            let b = part.as_bytes();
            !b.is_empty()
                && b.iter().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_'
                })
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
        })
}

fn sysctls(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(sc) = &pod.spec.security_context else {
        return;
    };
    let mut seen = HashSet::new();
    for (k, s) in sc.sysctls.iter().flatten().enumerate() {
        let path = pod
            .path
            .child("securityContext")
            .child("sysctls")
            .index(k)
            .child("name");
        if s.name.is_empty() {
            sink.report(path, required(""));
            continue;
        }
        if !sysctl_name_ok(&s.name) {
            sink.report(&path, invalid(&s.name, "must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"));
        }
        if !seen.insert(s.name.as_str()) {
            sink.report(&path, format!("Duplicate value: {:?}", s.name));
        }
        if pod.spec.host_network == Some(true) && s.name.starts_with("net.") {
            sink.report(
                &path,
                invalid(&s.name, "may not be specified when 'hostNetwork' is true"),
            );
        }
        let ipc = s.name.starts_with("kernel.shm")
            || s.name.starts_with("kernel.msg")
            || s.name == "kernel.sem"
            || s.name.starts_with("fs.mqueue.");
        if pod.spec.host_ipc == Some(true) && ipc {
            sink.report(
                &path,
                invalid(&s.name, "may not be specified when 'hostIPC' is true"),
            );
        }
    }
}

/// `pod-security-policies`: fsGroupChangePolicy, supplementalGroupsPolicy, seLinuxChangePolicy values.
static POD_SECURITY_POLICIES: Rule = Rule {
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
