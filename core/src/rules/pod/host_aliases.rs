//! Host aliases. Upstream: `pkg/apis/core/validation/validation.go`
//! `ValidateHostAliases`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::dns_subdomain;
use crate::rules::messages::invalid;
use crate::rules::pod::dns::ip_errors;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `host-aliases`: /etc/hosts entries.
pub(crate) static HOST_ALIASES: Rule = Rule {
    id: "host-aliases",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "hostAliases need an IP address and DNS names.",
    explanation: "Each entry adds a line to the containers' /etc/hosts: an IP address and the host names that resolve to it.",
    fail: &[Case {
        yaml: pod!(
            r#"
  hostAliases:
  - {ip: 10.0.0.300, hostnames: [db.local]}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.hostAliases[0].ip",
            r#"Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"#,
        )],
    }],
    pass: &[pod!(
        r#"
  hostAliases:
  - {ip: 10.0.0.30, hostnames: [db.local]}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(host_aliases),
};

fn host_aliases(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let strict = ctx.options.target.at_least(36);
    for (i, alias) in pod.spec.host_aliases.iter().flatten().enumerate() {
        let path = pod.path.child("hostAliases").index(i);
        let errors = ip_errors(&alias.ip, strict);
        if !errors.is_empty() {
            sink.report(path.child("ip"), invalid(&alias.ip, &errors.join(", ")));
        }
        for (j, host) in alias.hostnames.iter().flatten().enumerate() {
            let errors = dns_subdomain(host);
            if !errors.is_empty() {
                sink.report(
                    path.child("hostnames").index(j),
                    invalid(host, &errors.join(", ")),
                );
            }
        }
    }
}
