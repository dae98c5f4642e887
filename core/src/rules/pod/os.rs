//! Fields a Pod's OS rules out. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateOS`, `validateLinux` and
//! `validateWindows`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{forbidden, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `pod-os-fields`: `spec.os.name` and the fields each OS forbids.
pub(crate) static POD_OS_FIELDS: Rule = Rule {
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
