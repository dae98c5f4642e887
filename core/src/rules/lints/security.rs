//! Security lints, per container kind (init, sidecar, app).

use super::super::{Check, CtrCtx, Ctx, PodCtx, Rule, Sink};
use super::who;
use crate::report::Severity;
use crate::rules::{Case, Origin};

fn sc<'a>(c: &'a CtrCtx<'_>) -> Option<&'a k8s_openapi::api::core::v1::SecurityContext> {
    c.spec.security_context.as_ref()
}

/// `privileged-container`: privileged mode.
pub(super) static PRIVILEGED_CONTAINER: Rule = Rule {
    id: "privileged-container",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A container runs privileged: it has full access to the node.",
    explanation: "A privileged container can load kernel modules, read every device and escape to the node. Helpers rarely need it: grant the one capability they need instead (for example `NET_ADMIN` for an iptables init container).",
    fail: &[Case {
        yaml: pod!(
            r#"
  initContainers:
  - name: iptables
    image: istio/proxyv2:1.24.2
    securityContext: {privileged: true}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.initContainers[0].securityContext.privileged",
            r#"init container "iptables" runs privileged"#,
        )],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - name: iptables
    image: istio/proxyv2:1.24.2
    securityContext:
      capabilities: {add: [NET_ADMIN, NET_RAW], drop: [ALL]}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(privileged_container),
};

fn privileged_container(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        if sc(c).and_then(|s| s.privileged) == Some(true) {
            sink.lint(
                c.path.child("securityContext").child("privileged"),
                format!("{} runs privileged", who(c)),
                "remove privileged: true and add only the capabilities the container needs",
                "/catalog/security#the-baseline-for-every-container",
            );
        }
    }
}

fn runs_as_non_root(pod: &PodCtx<'_>, c: &CtrCtx<'_>) -> bool {
    let psc = pod.spec.security_context.as_ref();
    let non_root = sc(c)
        .and_then(|s| s.run_as_non_root)
        .or(psc.and_then(|s| s.run_as_non_root));
    let user = sc(c)
        .and_then(|s| s.run_as_user)
        .or(psc.and_then(|s| s.run_as_user));
    match user {
        Some(0) => false,
        Some(_) => true,
        None => non_root == Some(true),
    }
}

/// `run-as-root`: containers that may run as root.
pub(super) static RUN_AS_ROOT: Rule = Rule {
    id: "run-as-root",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A container may run as root: neither runAsNonRoot: true nor a non-zero runAsUser applies to it.",
    explanation: "Many images default to root. In a multi-container Pod one root container weakens all of them: they share volumes and the network namespace. Set `runAsNonRoot: true` at Pod level (and a `runAsUser` if the image has no numeric user).",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.containers[0].securityContext.runAsNonRoot",
            r#"app container "web" may run as root"#,
        )],
    }],
    pass: &[pod!(
        r#"
  securityContext: {runAsNonRoot: true, runAsUser: 101}
  containers:
  - {name: web, image: nginxinc/nginx-unprivileged:1.27}
"#
    )],
    check: Check::Workload(run_as_root),
};

fn run_as_root(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        if !runs_as_non_root(pod, c) {
            sink.lint(
                c.path.child("securityContext").child("runAsNonRoot"),
                format!("{} may run as root", who(c)),
                "set securityContext.runAsNonRoot: true (Pod level covers every container) and a non-zero runAsUser",
                "/catalog/security#the-baseline-for-every-container",
            );
        }
    }
}

/// `added-capabilities`: capabilities beyond the runtime's default.
pub(super) static ADDED_CAPABILITIES: Rule = Rule {
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
pub(super) static WRITABLE_ROOT_FILESYSTEM: Rule = Rule {
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
