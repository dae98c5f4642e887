//! Lints about privileged containers and containers that run as root.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::{Case, Check, CtrCtx, Ctx, Origin, PodCtx, Rule, Sink};

pub(crate) fn sc<'a>(c: &'a CtrCtx<'_>) -> Option<&'a k8s_openapi::api::core::v1::SecurityContext> {
    c.spec.security_context.as_ref()
}

/// `privileged-container`: privileged mode.
pub(crate) static PRIVILEGED_CONTAINER: Rule = Rule {
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
pub(crate) static RUN_AS_ROOT: Rule = Rule {
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
