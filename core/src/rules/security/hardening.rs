//! Lints about added capabilities and writable root filesystems.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::security::privileges::sc;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `added-capabilities`: capabilities beyond the runtime's default.
pub(crate) static ADDED_CAPABILITIES: Rule = Rule {
    id: "added-capabilities",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A container adds Linux capabilities (ALL, SYS_ADMIN and NET_ADMIN are the dangerous ones).",
    explanation: "Capabilities are slices of root's power. Add only what a container needs, drop `ALL` otherwise, and keep them on the one container that needs them: an init container that sets up iptables, not the long-running sidecar.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      capabilities: {add: [SYS_ADMIN]}
"#
        ),
        expect: &[(
            "spec.containers[0].securityContext.capabilities.add",
            r#"app container "web" adds the capabilities SYS_ADMIN"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext:
      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
"#
    )],
    check: Check::Workload(added_capabilities),
};

fn added_capabilities(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let added = sc(c)
            .and_then(|s| s.capabilities.as_ref())
            .and_then(|k| k.add.as_deref())
            .unwrap_or_default();
        let risky: Vec<&String> = added
            .iter()
            .filter(|a| {
                let cap = a.to_uppercase();
                let cap = cap.trim_start_matches("CAP_");
                cap != "NET_BIND_SERVICE"
            })
            .collect();
        if !risky.is_empty() {
            let names: Vec<&str> = risky.iter().map(|s| s.as_str()).collect();
            sink.lint(
                c.path.child("securityContext").child("capabilities").child("add"),
                format!("{} adds the capabilities {}", who(c), names.join(", ")),
                "drop ALL and add back only what the container needs; move setup work that needs more into an init container",
                "/catalog/security#the-baseline-for-every-container",
            );
        }
    }
}

/// `writable-root-filesystem`: readOnlyRootFilesystem not true.
pub(crate) static WRITABLE_ROOT_FILESYSTEM: Rule = Rule {
    id: "writable-root-filesystem",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A container's root filesystem is writable (readOnlyRootFilesystem is not true).",
    explanation: "A read-only root filesystem stops an attacker from dropping tools into the image, and makes every writable path explicit: mount an emptyDir where the container must write (`/tmp`, caches, shared log directories).",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.containers[0].securityContext.readOnlyRootFilesystem",
            r#"app container "web" has a writable root filesystem"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    securityContext: {readOnlyRootFilesystem: true}
    volumeMounts: [{name: tmp, mountPath: /tmp}]
  volumes:
  - {name: tmp, emptyDir: {}}
"#
    )],
    check: Check::Workload(writable_root_filesystem),
};

fn writable_root_filesystem(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        if sc(c).and_then(|s| s.read_only_root_filesystem) != Some(true) {
            sink.lint(
                c.path.child("securityContext").child("readOnlyRootFilesystem"),
                format!("{} has a writable root filesystem", who(c)),
                "set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where it must write",
                "/catalog/security#the-baseline-for-every-container",
            );
        }
    }
}
