//! Container restart policies and restart rules. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateInitContainers` and
//! `validateContainers`, their `restartPolicy` and `restartPolicyRules` checks.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{forbidden, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};
use crate::values::{INIT_CONTAINER_RESTART_POLICIES, RESTART_POLICIES};

/// `init-container-restart-policy`: init containers take `Always` (native sidecar) or nothing.
pub(crate) static INIT_CONTAINER_RESTART_POLICY: Rule = Rule {
    id: "init-container-restart-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "An init container's `restartPolicy` may only be `Always` (a native sidecar); 1.35+ also accepts OnFailure and Never.",
    explanation: "`restartPolicy: Always` turns an init container into a native sidecar that keeps running beside the app. In 1.33 no other value is accepted; in 1.34 (ContainerRestartRules alpha, off by default) the API server drops any other value (`field-not-in-target`); from 1.35 (beta) OnFailure and Never are allowed too.",
    fail: &[Case {
        yaml: pod!(target: "1.33", r#"
  initContainers:
  - {name: setup, image: busybox:1.37, restartPolicy: OnFailure}
  containers:
  - {name: web, image: nginx:1.27}
"#),
        expect: &[(
            "spec.initContainers[0].restartPolicy",
            r#"Unsupported value: "OnFailure": supported values: "Always""#,
        )],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - {name: proxy, image: envoyproxy/envoy:v1.32.3, restartPolicy: Always}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(init_container_restart_policy),
};

fn init_container_restart_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let target = ctx.options.target;
    let supported: &[&str] = if target.at_least(35) {
        RESTART_POLICIES
    } else if target.at_least(34) {
        // ContainerRestartRules is off: any other value is dropped before
        // validation (`field-not-in-target` says so).
        return;
    } else {
        INIT_CONTAINER_RESTART_POLICIES
    };
    for c in pod.containers.iter().filter(|c| c.place != Place::App) {
        if let Some(policy) = c
            .spec
            .restart_policy
            .as_deref()
            .filter(|p| !supported.contains(p))
        {
            sink.report(
                c.path.child("restartPolicy"),
                unsupported(policy, supported),
            );
        }
    }
}

/// `container-restart-policy`: a regular container's own restartPolicy.
pub(crate) static CONTAINER_RESTART_POLICY: Rule = Rule {
    id: "container-restart-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Regular containers may set `restartPolicy` only from 1.35 (ContainerRestartRules), to Always, OnFailure or Never.",
    explanation: "In 1.33 only init containers take a `restartPolicy`. In 1.34 (ContainerRestartRules alpha, off by default) the API server drops a regular container's `restartPolicy` without an error (`field-not-in-target`). From 1.35 a regular container may override the Pod's policy, mostly together with `restartPolicyRules`.",
    fail: &[Case {
        yaml: pod!(target: "1.33", r#"
  containers:
  - {name: web, image: nginx:1.27, restartPolicy: Always}
"#),
        expect: &[(
            "spec.containers[0].restartPolicy",
            "Forbidden: may not be set for non-init containers",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(container_restart_policy),
};

fn container_restart_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in pod.containers.iter().filter(|c| c.place == Place::App) {
        let Some(policy) = c.spec.restart_policy.as_deref() else {
            continue;
        };
        let path = c.path.child("restartPolicy");
        let target = ctx.options.target;
        if !target.at_least(34) {
            sink.report(path, forbidden("may not be set for non-init containers"));
        } else if target.at_least(35) && !RESTART_POLICIES.contains(&policy) {
            sink.report(path, unsupported(policy, RESTART_POLICIES));
        }
    }
}

/// `restart-policy-rules`: container restart rules.
pub(crate) static RESTART_POLICY_RULES: Rule = Rule {
    id: "restart-policy-rules",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`restartPolicyRules` need a container `restartPolicy`, a known action and exit codes.",
    explanation: "Restart rules (1.35+) restart a container on chosen exit codes. They require the container's own `restartPolicy`. The `RestartAllContainers` action, and rules on native sidecars, need 1.36 (beta).",
    fail: &[Case {
        yaml: pod!(target: "1.35", r#"
  restartPolicy: Never
  initContainers:
  - name: watcher
    image: busybox:1.37
    restartPolicy: Always
    restartPolicyRules:
    - action: RestartAllContainers
      exitCodes: {operator: In, values: [88]}
  containers:
  - {name: web, image: busybox:1.37}
"#),
        expect: &[
            (
                "spec.initContainers[0].restartPolicyRules",
                "Forbidden: restartPolicyRules are not allowed for init containers with restart policy Always",
            ),
            (
                "spec.initContainers[0].restartPolicyRules[0].action",
                r#"Unsupported value: "RestartAllContainers": supported values: "Restart""#,
            ),
        ],
    }],
    pass: &[
        pod!(
            r#"
  restartPolicy: Never
  containers:
  - name: worker
    image: busybox:1.37
    restartPolicy: Never
    restartPolicyRules:
    - action: Restart
      exitCodes: {operator: In, values: [42]}
"#
        ),
        pod!(
            r#"
  restartPolicy: Never
  initContainers:
  - name: watcher
    image: busybox:1.37
    restartPolicy: Always
    restartPolicyRules:
    - action: RestartAllContainers
      exitCodes: {operator: In, values: [88]}
  containers:
  - {name: web, image: busybox:1.37}
"#
        ),
    ],
    check: Check::Workload(restart_policy_rules),
};

fn restart_policy_rules(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let target = ctx.options.target;
    if !target.at_least(35) {
        return;
    }
    let actions: &[&str] = if target.at_least(36) {
        &["Restart", "RestartAllContainers"]
    } else {
        &["Restart"]
    };
    for c in &pod.containers {
        let Some(rules) = c
            .spec
            .restart_policy_rules
            .as_ref()
            .filter(|r| !r.is_empty())
        else {
            continue;
        };
        let path = c.path.child("restartPolicyRules");
        if c.spec.restart_policy.is_none() {
            sink.report(
                c.path.child("restartPolicy"),
                required("must specify restartPolicy when restart rules are used"),
            );
        }
        if c.place == Place::Sidecar && !target.at_least(36) {
            sink.report(path, forbidden("restartPolicyRules are not allowed for init containers with restart policy Always"));
        }
        if rules.len() > 20 {
            sink.report(
                path,
                format!("Too many: {}: must have at most 20 items", rules.len()),
            );
        }
        for (k, rule) in rules.iter().enumerate() {
            let rp = path.index(k);
            if !actions.contains(&rule.action.as_str()) {
                sink.report(rp.child("action"), unsupported(&rule.action, actions));
            }
            match &rule.exit_codes {
                None => {
                    sink.report(rp.child("exitCodes"), required("must be specified"));
                }
                Some(codes) if !["In", "NotIn"].contains(&codes.operator.as_str()) => {
                    sink.report(
                        rp.child("exitCodes").child("operator"),
                        unsupported(&codes.operator, &["In", "NotIn"]),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
