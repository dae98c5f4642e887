//! Host namespaces, user namespaces and the Pod's OS (§1.6).

use super::{Check, Ctx, Rule, Sink, forbidden, required, unsupported};
use crate::report::Severity;
use crate::rules::{Case, Origin};

pub(super) const RULES: &[&Rule] = &[&HOST_USERS, &POD_OS_FIELDS];

/// `host-users`: `hostUsers: false` excludes host namespaces and block devices.
static HOST_USERS: Rule = Rule {
    id: "host-users",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "With `hostUsers: false` (a user namespace), the Pod cannot use the host's network, PID or IPC namespace, nor volumeDevices.",
    explanation: "A user namespace maps the Pod's root to an unprivileged host user; sharing host namespaces or raw block devices would undo that isolation. The API server reports host PID and IPC at the capitalised paths `HostPID` and `HostIPC`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  hostUsers: false
  hostNetwork: true
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[("spec.hostNetwork", "Forbidden: when `hostUsers` is false")],
    }],
    pass: &[pod!(
        r#"
  hostUsers: false
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(host_users),
};

fn host_users(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let spec = pod.spec;
    if spec.host_users != Some(false) {
        return;
    }
    let detail = "when `hostUsers` is false";
    let checks = [
        ("hostNetwork", spec.host_network),
        ("HostPID", spec.host_pid),
        ("HostIPC", spec.host_ipc),
    ];
    for (field, value) in checks {
        if value == Some(true) {
            sink.report(pod.path.child(field), forbidden(detail));
        }
    }
    for c in &pod.containers {
        if c.spec
            .volume_devices
            .as_ref()
            .is_some_and(|d| !d.is_empty())
        {
            sink.report(c.path.child("volumeDevices"), forbidden(detail));
        }
    }
}

/// `pod-os-fields`: `spec.os.name` and the fields each OS forbids.
static POD_OS_FIELDS: Rule = Rule {
    id: "pod-os-fields",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`spec.os.name` is linux or windows; a linux Pod takes no windowsOptions, a windows Pod no Linux-only security settings.",
    explanation: "Declaring the OS lets the API server refuse settings that cannot apply: Windows options on Linux, and SELinux, seccomp, AppArmor, capabilities, run-as ids, host PID/IPC and similar Linux settings on Windows.",
    fail: &[Case {
        yaml: pod!(
            r#"
  os: {name: windows}
  securityContext: {runAsUser: 1000}
  containers:
  - {name: web, image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022}
"#
        ),
        expect: &[(
            "spec.securityContext.runAsUser",
            "Forbidden: cannot be set for a windows pod",
        )],
    }],
    pass: &[pod!(
        r#"
  os: {name: windows}
  securityContext:
    windowsOptions: {runAsUserName: ContainerUser}
  containers:
  - {name: web, image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022}
"#
    )],
    check: Check::Workload(pod_os_fields),
};

fn pod_os_fields(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(os) = &pod.spec.os else { return };
    let os_path = pod.path.child("os");
    match os.name.as_str() {
        "" => {
            sink.report(os_path.child("name"), required(""));
            return;
        }
        "linux" | "windows" => {}
        other => {
            sink.report(
                os_path.child("name"),
                unsupported(other, &["linux", "windows"]),
            );
            return;
        }
    }
    let spec = pod.spec;
    let psc = spec.security_context.as_ref();
    let psc_path = pod.path.child("securityContext");
    if os.name == "linux" {
        if psc.is_some_and(|s| s.windows_options.is_some()) {
            sink.report(
                psc_path.child("windowsOptions"),
                forbidden("windows options cannot be set for a linux pod"),
            );
        }
        for c in &pod.containers {
            if c.spec
                .security_context
                .as_ref()
                .is_some_and(|s| s.windows_options.is_some())
            {
                sink.report(
                    c.path.child("securityContext").child("windowsOptions"),
                    forbidden("windows options cannot be set for a linux pod"),
                );
            }
        }
        return;
    }
    let windows = "cannot be set for a windows pod";
    if let Some(s) = psc {
        let set = [
            ("appArmorProfile", s.app_armor_profile.is_some()),
            ("seLinuxOptions", s.se_linux_options.is_some()),
            ("seccompProfile", s.seccomp_profile.is_some()),
            ("fsGroup", s.fs_group.is_some()),
            ("fsGroupChangePolicy", s.fs_group_change_policy.is_some()),
            ("sysctls", s.sysctls.is_some()),
            ("runAsUser", s.run_as_user.is_some()),
            ("runAsGroup", s.run_as_group.is_some()),
            ("supplementalGroups", s.supplemental_groups.is_some()),
            (
                "supplementalGroupsPolicy",
                s.supplemental_groups_policy.is_some(),
            ),
            ("seLinuxChangePolicy", s.se_linux_change_policy.is_some()),
        ];
        for (field, present) in set {
            if present {
                sink.report(psc_path.child(field), forbidden(windows));
            }
        }
    }
    let host = [
        ("hostUsers", spec.host_users.is_some()),
        ("hostPID", spec.host_pid == Some(true)),
        ("hostIPC", spec.host_ipc == Some(true)),
        (
            "shareProcessNamespace",
            spec.share_process_namespace == Some(true),
        ),
    ];
    for (field, present) in host {
        if present {
            sink.report(pod.path.child(field), forbidden(windows));
        }
    }
    for c in &pod.containers {
        let Some(s) = &c.spec.security_context else {
            continue;
        };
        let path = c.path.child("securityContext");
        let set = [
            ("appArmorProfile", s.app_armor_profile.is_some()),
            ("seLinuxOptions", s.se_linux_options.is_some()),
            ("seccompProfile", s.seccomp_profile.is_some()),
            ("capabilities", s.capabilities.is_some()),
            (
                "readOnlyRootFilesystem",
                s.read_only_root_filesystem.is_some(),
            ),
            ("privileged", s.privileged.is_some()),
            (
                "allowPrivilegeEscalation",
                s.allow_privilege_escalation.is_some(),
            ),
            ("procMount", s.proc_mount.is_some()),
            ("runAsUser", s.run_as_user.is_some()),
            ("runAsGroup", s.run_as_group.is_some()),
        ];
        for (field, present) in set {
            if present {
                sink.report(path.child(field), forbidden(windows));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::one;

    #[test]
    fn host_pid_path_is_capitalised() {
        let yaml = pod!(
            r#"
  hostUsers: false
  hostPID: true
  containers:
  - {name: web, image: nginx:1.27}
"#
        );
        assert_eq!(
            one("host-users", yaml),
            "spec.HostPID: Forbidden: when `hostUsers` is false"
        );
    }
}
