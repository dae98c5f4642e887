//! Which containers take probes, and probe thresholds. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateInitContainers` (no probes
//! on init containers, except native sidecars), `validateContainers` and
//! `validateProbe`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{forbidden, invalid_num};
use crate::rules::probes::{long_running, probes};
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};

/// `init-probes-forbidden`: no probes or lifecycle on plain init containers.
pub(crate) static INIT_PROBES_FORBIDDEN: Rule = Rule {
    id: "init-probes-forbidden",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Plain init containers may not have probes or lifecycle hooks; native sidecars may.",
    explanation: "An init container runs to completion, so readiness or liveness mean nothing for it. Give it `restartPolicy: Always` to make it a native sidecar, which may have all three probes and lifecycle hooks.",
    fail: &[Case {
        yaml: pod!(
            r#"
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    readinessProbe: {tcpSocket: {port: 9901}}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.initContainers[0].readinessProbe",
            "Forbidden: may not be set for init containers without restartPolicy=Always",
        )],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    restartPolicy: Always
    readinessProbe: {tcpSocket: {port: 9901}}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(init_probes_forbidden),
};

fn init_probes_forbidden(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in pod.containers.iter().filter(|c| c.place == Place::Init) {
        let mut fields: Vec<&str> = Vec::new();
        if c.spec.lifecycle.is_some() {
            fields.push("lifecycle");
        }
        fields.extend(
            probes(c)
                .into_iter()
                .filter(|(_, p)| p.is_some())
                .map(|(f, _)| f),
        );
        for field in fields {
            sink.report(
                c.path.child(field),
                forbidden("may not be set for init containers without restartPolicy=Always"),
            );
        }
    }
}

/// `probe-thresholds`: timing fields and thresholds.
pub(crate) static PROBE_THRESHOLDS: Rule = Rule {
    id: "probe-thresholds",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Probe timings are non-negative; liveness and startup probes need successThreshold 1; readiness probes take no terminationGracePeriodSeconds.",
    explanation: "A liveness or startup probe either passes or fails, so its `successThreshold` must be 1. Only liveness and startup probes may override the grace period, and only with a positive value.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      successThreshold: 3
"#
        ),
        expect: &[(
            "spec.containers[0].livenessProbe.successThreshold",
            "Invalid value: 3: must be 1",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /healthz, port: 80}
      failureThreshold: 3
    readinessProbe:
      httpGet: {path: /ready, port: 80}
      successThreshold: 2
"#
    )],
    check: Check::Workload(probe_thresholds),
};

fn probe_thresholds(ctx: &Ctx<'_>, sink: &mut Sink) {
    for c in long_running(ctx) {
        for (field, probe) in probes(c) {
            let Some(probe) = probe else { continue };
            let path = c.path.child(field);
            let numbers = [
                ("initialDelaySeconds", probe.initial_delay_seconds),
                ("timeoutSeconds", probe.timeout_seconds),
                ("periodSeconds", probe.period_seconds),
                ("successThreshold", probe.success_threshold),
                ("failureThreshold", probe.failure_threshold),
            ];
            for (name, value) in numbers {
                if let Some(v) = value.filter(|v| *v < 0) {
                    sink.report(
                        path.child(name),
                        invalid_num(v, "must be greater than or equal to 0"),
                    );
                }
            }
            if field != "readinessProbe"
                && let Some(v) = probe.success_threshold.filter(|v| *v != 1)
            {
                sink.report(path.child("successThreshold"), invalid_num(v, "must be 1"));
            }
            if let Some(v) = probe.termination_grace_period_seconds {
                if field == "readinessProbe" {
                    sink.report(
                        path.child("terminationGracePeriodSeconds"),
                        invalid_num(v, "must not be set for readinessProbes"),
                    );
                } else if v <= 0 {
                    sink.report(
                        path.child("terminationGracePeriodSeconds"),
                        invalid_num(v, "must be greater than 0"),
                    );
                }
            }
        }
    }
}
