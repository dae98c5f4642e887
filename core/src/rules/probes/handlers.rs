//! Probe and lifecycle handlers. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateHandler` (exactly one
//! action), `validateLifecycle` and `validateSleepAction`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{forbidden, invalid_num, required};
use crate::rules::probes::{long_running, probes};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use k8s_openapi::api::core::v1::ExecAction;

/// `probe-handler`: exactly one handler per probe.
pub(crate) static PROBE_HANDLER: Rule = Rule {
    id: "probe-handler",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A probe has exactly one handler: exec, httpGet, tcpSocket or grpc; exec needs a command.",
    explanation: "The kubelet runs one kind of check per probe. With none the API server answers `must specify a handler type`; with two, `may not specify more than 1 handler type` at the second.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      tcpSocket: {port: 80}
"#
            ),
            expect: &[(
                "spec.containers[0].livenessProbe.tcpSocket",
                "Forbidden: may not specify more than 1 handler type",
            )],
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      exec: {command: ['true']}
      grpc: {port: 9000}
"#
            ),
            expect: &[(
                "spec.containers[0].livenessProbe.grpc",
                "Forbidden: may not specify more than 1 handler type",
            )],
        },
    ],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
"#
    )],
    check: Check::Workload(probe_handler),
};

fn probe_handler(ctx: &Ctx<'_>, sink: &mut Sink) {
    for c in long_running(ctx) {
        for (field, probe) in probes(c) {
            let Some(probe) = probe else { continue };
            let path = c.path.child(field);
            let kinds = [
                ("exec", probe.exec.is_some()),
                ("httpGet", probe.http_get.is_some()),
                ("tcpSocket", probe.tcp_socket.is_some()),
                ("grpc", probe.grpc.is_some()),
            ];
            check_handler_kinds(sink, path, kinds, probe.exec.as_ref());
        }
    }
}

/// Exactly one handler kind of `kinds` (name, set) must be set, and an exec
/// handler needs a command: the checks probes and lifecycle hooks share.
fn check_handler_kinds(
    sink: &mut Sink,
    path: impl Descend,
    kinds: [(&str, bool); 4],
    exec: Option<&ExecAction>,
) {
    let present: Vec<&str> = kinds
        .iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| *name)
        .collect();
    if present.is_empty() {
        sink.report(path, required("must specify a handler type"));
    }
    for extra in present.iter().skip(1) {
        sink.report(
            path.child(extra),
            forbidden("may not specify more than 1 handler type"),
        );
    }
    if exec.is_some_and(|exec| exec.command.as_deref().unwrap_or_default().is_empty()) {
        sink.report(path.child("exec").child("command"), required(""));
    }
}

/// `lifecycle-handler`: one handler per hook; sleep within the grace period.
pub(crate) static LIFECYCLE_HANDLER: Rule = Rule {
    id: "lifecycle-handler",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "postStart and preStop hooks have exactly one handler; a sleep lasts 0 to terminationGracePeriodSeconds.",
    explanation: "Hooks take exec, httpGet, tcpSocket or sleep (not grpc). A `sleep` longer than the Pod's grace period could never finish before the kubelet kills the container, so the API server refuses it.",
    fail: &[Case {
        yaml: pod!(
            r#"
  terminationGracePeriodSeconds: 10
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        sleep: {seconds: 15}
"#
        ),
        expect: &[(
            "spec.containers[0].lifecycle.preStop.sleep.seconds",
            "Invalid value: 15: must be non-negative and less than terminationGracePeriodSeconds (10)",
        )],
    }],
    pass: &[pod!(
        r#"
  terminationGracePeriodSeconds: 30
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        sleep: {seconds: 15}
"#
    )],
    check: Check::Workload(lifecycle_handler),
};

fn lifecycle_handler(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let grace = pod.grace_period();
    for c in long_running(ctx) {
        let Some(lifecycle) = &c.spec.lifecycle else {
            continue;
        };
        for (field, handler) in [
            ("postStart", &lifecycle.post_start),
            ("preStop", &lifecycle.pre_stop),
        ] {
            let Some(handler) = handler else { continue };
            let path = c.path.child("lifecycle").child(field);
            let kinds = [
                ("exec", handler.exec.is_some()),
                ("httpGet", handler.http_get.is_some()),
                ("tcpSocket", handler.tcp_socket.is_some()),
                ("sleep", handler.sleep.is_some()),
            ];
            check_handler_kinds(sink, path, kinds, handler.exec.as_ref());
            if let Some(sleep) = &handler.sleep
                && (sleep.seconds < 0 || sleep.seconds > grace)
            {
                sink.report(
                    path.child("sleep").child("seconds"),
                    invalid_num(sleep.seconds, &format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})")),
                );
            }
        }
    }
}
