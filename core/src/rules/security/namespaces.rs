//! Namespaces shared with the host or between containers. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateHostUsers` and
//! `validatePodSpecSecurityContext` (shareProcessNamespace against hostPID).

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::forbidden;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `host-users`: `hostUsers: false` excludes host namespaces and block devices.
pub(crate) static HOST_USERS: Rule = Rule {
    id: "host-users",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "With `hostUsers: false` (a user namespace), the Pod cannot use the host's network, PID or IPC namespace, nor volumeDevices.",
    explanation: "A user namespace maps the Pod's root to an unprivileged host user; sharing host namespaces or raw block devices would undo that isolation. The API server reports host PID and IPC at the capitalised paths `HostPID` and `HostIPC`.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  hostUsers: false
  hostNetwork: true
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[("spec.hostNetwork", "Forbidden: when `hostUsers` is false")],
        },
        Case {
            yaml: pod!(
                r#"
  hostUsers: false
  hostPID: true
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[("spec.HostPID", "Forbidden: when `hostUsers` is false")],
        },
    ],
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

/// `share-process-namespace`: not together with hostPID.
pub(crate) static SHARE_PROCESS_NAMESPACE: Rule = Rule {
    id: "share-process-namespace",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`shareProcessNamespace` and `hostPID` cannot both be true.",
    explanation: "A Pod either shares one process namespace among its containers or uses the host's; not both.",
    fail: &[Case {
        yaml: pod!(
            r#"
  shareProcessNamespace: true
  hostPID: true
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.shareProcessNamespace",
            "Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled",
        )],
    }],
    pass: &[pod!(
        r#"
  shareProcessNamespace: true
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(share_process_namespace),
};

fn share_process_namespace(ctx: &Ctx<'_>, sink: &mut Sink) {
    if let Some(pod) = &ctx.pod
        && pod.spec.share_process_namespace == Some(true)
        && pod.spec.host_pid == Some(true)
    {
        sink.report(
            pod.path.child("shareProcessNamespace"),
            "Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled",
        );
    }
}
