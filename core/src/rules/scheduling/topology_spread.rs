//! Topology spread constraints. Upstream:
//! `pkg/apis/core/validation/validation.go`
//! `validateTopologySpreadConstraints`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::qualified_name;
use crate::rules::messages::{invalid_num, report_format, required, unsupported};
use crate::rules::scheduling::label_selector;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `topology-spread`: maxSkew, topologyKey, whenUnsatisfiable, minDomains.
pub(crate) static TOPOLOGY_SPREAD: Rule = Rule {
    id: "topology-spread",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Topology spread constraints need maxSkew > 0, a topologyKey, a known whenUnsatisfiable, and minDomains > 0 only with DoNotSchedule.",
    explanation: "Each constraint spreads matching Pods over the domains of `topologyKey`. `whenUnsatisfiable` is `DoNotSchedule` or `ScheduleAnyway`; `minDomains` only applies to `DoNotSchedule`. One `{topologyKey, whenUnsatisfiable}` pair may appear once.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  topologySpreadConstraints:
  - maxSkew: 0
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.topologySpreadConstraints[0].maxSkew",
                "Invalid value: 0: must be greater than zero",
            )],
        },
        Case {
            yaml: pod!(
                r#"
  topologySpreadConstraints:
  - maxSkew: 1
    minDomains: 3
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.topologySpreadConstraints[0].minDomains",
                "Invalid value: 3: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway",
            )],
        },
        Case {
            yaml: pod!(
                r#"
  topologySpreadConstraints:
  - {maxSkew: -1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.topologySpreadConstraints[0].maxSkew",
                "Invalid value: -1: must be greater than zero",
            )],
        },
    ],
    pass: &[pod!(
        r#"
  topologySpreadConstraints:
  - maxSkew: 1
    minDomains: 3
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector: {matchLabels: {app: web}}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(topology_spread),
};

fn topology_spread(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut seen = Vec::new();
    for (k, c) in pod
        .spec
        .topology_spread_constraints
        .iter()
        .flatten()
        .enumerate()
    {
        let path = pod.path.child("topologySpreadConstraints").index(k);
        if c.max_skew <= 0 {
            sink.report(
                path.child("maxSkew"),
                invalid_num(c.max_skew, "must be greater than zero"),
            );
        }
        if c.topology_key.is_empty() {
            sink.report(path.child("topologyKey"), required("can not be empty"));
        } else {
            report_format(
                sink,
                path.child("topologyKey"),
                &c.topology_key,
                qualified_name(&c.topology_key, ctx.options.target),
            );
        }
        let when = c.when_unsatisfiable.as_str();
        if !["DoNotSchedule", "ScheduleAnyway"].contains(&when) {
            sink.report(
                path.child("whenUnsatisfiable"),
                unsupported(when, &["DoNotSchedule", "ScheduleAnyway"]),
            );
        }
        if let Some(min) = c.min_domains {
            if min <= 0 {
                sink.report(
                    path.child("minDomains"),
                    invalid_num(min, "must be greater than 0"),
                );
            } else if when != "DoNotSchedule" {
                sink.report(
                    path.child("minDomains"),
                    invalid_num(
                        min,
                        &format!(
                            "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {when}"
                        ),
                    ),
                );
            }
        }
        for (field, value) in [
            ("nodeAffinityPolicy", &c.node_affinity_policy),
            ("nodeTaintsPolicy", &c.node_taints_policy),
        ] {
            if let Some(v) = value
                .as_deref()
                .filter(|v| !["Honor", "Ignore"].contains(v))
            {
                sink.report(path.child(field), unsupported(v, &["Honor", "Ignore"]));
            }
        }
        let pair = (c.topology_key.clone(), c.when_unsatisfiable.clone());
        if seen.contains(&pair) {
            sink.report(
                path.child("{topologyKey, whenUnsatisfiable}"),
                format!("Duplicate value: \"{{{}, {}}}\"", pair.0, pair.1),
            );
        }
        seen.push(pair);
        if let Some(selector) = &c.label_selector {
            label_selector(ctx, sink, selector, path.child("labelSelector"));
        }
    }
}
