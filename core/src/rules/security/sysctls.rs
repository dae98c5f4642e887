//! Sysctls. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateSysctls` and `IsValidSysctlName`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{invalid, required};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use rustc_hash::FxHashSet;

/// `sysctls`: Pod sysctl names.
pub(crate) static SYSCTLS: Rule = Rule {
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

fn sysctls(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(sc) = &pod.spec.security_context else {
        return;
    };
    let mut seen = FxHashSet::default();
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
            sink.report(path, invalid(&s.name, "must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"));
        }
        if !seen.insert(s.name.as_str()) {
            sink.report(path, format!("Duplicate value: {:?}", s.name));
        }
        if pod.spec.host_network == Some(true) && s.name.starts_with("net.") {
            sink.report(
                path,
                invalid(&s.name, "may not be specified when 'hostNetwork' is true"),
            );
        }
        let ipc = s.name.starts_with("kernel.shm")
            || s.name.starts_with("kernel.msg")
            || s.name == "kernel.sem"
            || s.name.starts_with("fs.mqueue.");
        if pod.spec.host_ipc == Some(true) && ipc {
            sink.report(
                path,
                invalid(&s.name, "may not be specified when 'hostIPC' is true"),
            );
        }
    }
}

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
