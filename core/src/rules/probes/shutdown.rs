//! Shutdown: preStop hooks against the grace period (a lint), and a negative
//! grace period (an API server warning from `pkg/api/pod/warnings.go`).

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::{Case, Check, CtrCtx, Ctx, Origin, Place, Rule, Sink};

/// The seconds a preStop hook sleeps, from a sleep action or an exec `sleep N`.
fn pre_stop_seconds(c: &CtrCtx<'_>) -> Option<i64> {
    let hook = c.spec.lifecycle.as_ref()?.pre_stop.as_ref()?;
    if let Some(sleep) = &hook.sleep {
        return Some(sleep.seconds);
    }
    let command = hook.exec.as_ref()?.command.as_ref()?.join(" ");
    let after = command.split("sleep ").nth(1)?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// `shutdown-exceeds-grace-period`: preStop hooks that do not fit the grace period.
pub(crate) static SHUTDOWN_EXCEEDS_GRACE_PERIOD: Rule = Rule {
    id: "shutdown-exceeds-grace-period",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "preStop hooks leave no time, within terminationGracePeriodSeconds, for the containers (and the native sidecars after them) to stop cleanly.",
    explanation: "The grace period (default 30 s) covers the whole shutdown: app containers' preStop hooks and SIGTERM handling first, then native sidecars in reverse order. A preStop sleep as long as the grace period means SIGTERM is never handled before SIGKILL, and sidecars that stop last get whatever time is left.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        exec: {command: [sh, -c, 'sleep 45']}
"#
        ),
        expect: &[(
            "spec.containers[0].lifecycle.preStop",
            r#"app container "web" cannot stop cleanly: its 45 s preStop hook uses the whole terminationGracePeriodSeconds (30 s)"#,
        )],
    }],
    pass: &[pod!(
        r#"
  terminationGracePeriodSeconds: 60
  containers:
  - name: web
    image: nginx:1.27
    lifecycle:
      preStop:
        exec: {command: [sh, -c, 'sleep 15']}
"#
    )],
    check: Check::Workload(shutdown_exceeds_grace_period),
};

fn shutdown_exceeds_grace_period(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let grace = pod.grace_period();
    let app_max = pod
        .containers
        .iter()
        .filter(|c| c.place == Place::App)
        .filter_map(pre_stop_seconds)
        .max()
        .unwrap_or(0);
    for c in pod.containers.iter().filter(|c| c.place != Place::Init) {
        let Some(seconds) = pre_stop_seconds(c) else {
            continue;
        };
        let path = c.path.child("lifecycle").child("preStop");
        let total = if c.place == Place::Sidecar {
            app_max + seconds
        } else {
            seconds
        };
        if total >= grace {
            let detail = if c.place == Place::Sidecar && app_max > 0 {
                format!("after the app containers' {app_max} s, its {seconds} s preStop hook")
            } else {
                format!("its {seconds} s preStop hook")
            };
            sink.lint(
                path,
                format!("{} cannot stop cleanly: {detail} uses the whole terminationGracePeriodSeconds ({grace} s)", who(c)),
                "shorten the hook, or raise terminationGracePeriodSeconds to cover every hook plus time for SIGTERM",
                "/catalog/lifecycle#budgeting-the-grace-period",
            );
        }
    }
}

/// `negative-grace-period`: terminationGracePeriodSeconds below zero.
pub(crate) static NEGATIVE_GRACE_PERIOD: Rule = Rule {
    id: "negative-grace-period",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "terminationGracePeriodSeconds is negative; the API server treats it as 1.",
    explanation: "A negative grace period is invalid; for compatibility the API server turns it into 1 second, which gives containers no time to shut down cleanly.",
    fail: &[Case {
        yaml: pod!(
            r#"
  terminationGracePeriodSeconds: -1
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.terminationGracePeriodSeconds",
            "must be >= 0; negative values are invalid and will be treated as 1",
        )],
    }],
    pass: &[pod!(
        r#"
  terminationGracePeriodSeconds: 30
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(negative_grace_period),
};

fn negative_grace_period(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if pod.written_grace_period.is_some_and(|g| g < 0) {
        sink.report(
            pod.path.child("terminationGracePeriodSeconds"),
            "must be >= 0; negative values are invalid and will be treated as 1",
        );
    }
}
