//! DNS policy and configuration. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateDNSPolicy` and
//! `validatePodDNSConfig`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{invalid, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use std::net::IpAddr;

/// `dns-policy`: the DNS policy and its `None` configuration.
pub(crate) static DNS_POLICY: Rule = Rule {
    id: "dns-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "`dnsPolicy` must be a known value; `None` needs a `dnsConfig` with nameservers.",
    explanation: "With `dnsPolicy: None` the Pod gets no DNS settings except those in `dnsConfig`, so at least one nameserver is required. At most 3 nameservers and 32 search domains are allowed.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  dnsPolicy: None
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.dnsConfig",
                "Required value: must provide `dnsConfig` when `dnsPolicy` is None",
            )],
        },
        Case {
            yaml: pod!(
                r#"
  dnsPolicy: ClusterFirstWithHostNetwork
  containers:
  - {name: web, image: nginx:1.27}
"#
            ),
            expect: &[(
                "spec.dnsPolicy",
                r#"Unsupported value: "ClusterFirstWithHostNetwork": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None""#,
            )],
        },
    ],
    pass: &[pod!(
        r#"
  dnsPolicy: None
  dnsConfig:
    nameservers: [1.1.1.1]
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(dns_policy),
};

fn dns_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let supported = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    let value = pod.spec.dns_policy.as_deref().unwrap_or_default();
    if !supported.contains(&value) {
        sink.report(pod.path.child("dnsPolicy"), unsupported(value, &supported));
    }
    let config_path = pod.path.child("dnsConfig");
    let config = pod.spec.dns_config.as_ref();
    let nameservers = config
        .and_then(|c| c.nameservers.as_deref())
        .unwrap_or_default();
    if value == "None" {
        match config {
            None => {
                sink.report(
                    config_path,
                    required("must provide `dnsConfig` when `dnsPolicy` is None"),
                );
            }
            Some(_) if nameservers.is_empty() => {
                sink.report(
                    config_path.child("nameservers"),
                    required("must provide at least one DNS nameserver when `dnsPolicy` is None"),
                );
            }
            Some(_) => {}
        }
    }
    if nameservers.len() > 3 {
        sink.report(
            config_path.child("nameservers"),
            format!("Invalid value: {nameservers:?}: must not have more than 3 nameservers"),
        );
    }
    let searches = config
        .and_then(|c| c.searches.as_deref())
        .unwrap_or_default();
    if searches.len() > 32 {
        sink.report(
            config_path.child("searches"),
            format!("Invalid value: {searches:?}: must not have more than 32 search paths"),
        );
    }
}

const IP_MESSAGE: &str = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

/// The API server's IP checks: parseable, and (1.36+) no leading zeros or IPv4-mapped IPv6.
pub(crate) fn ip_errors(ip: &str, strict: bool) -> Vec<&'static str> {
    let sloppy = ip.split('.').count() == 4
        && ip.split('.').all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n < 256)
        });
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) if strict && v6.to_ipv4_mapped().is_some() => {
            vec!["must not be an IPv4-mapped IPv6 address"]
        }
        Ok(_) => Vec::new(),
        Err(_) if sloppy && strict => vec!["must not have leading 0s"],
        Err(_) if sloppy => Vec::new(),
        Err(_) => vec![IP_MESSAGE],
    }
}

/// `dns-config-entries`: nameservers, search domains and options.
pub(crate) static DNS_CONFIG_ENTRIES: Rule = Rule {
    id: "dns-config-entries",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "dnsConfig nameservers are IP addresses, searches are domain names, options have names.",
    explanation: "The kubelet writes `dnsConfig` into the container's resolv.conf. Nameservers must be IP addresses (from 1.36 without leading zeros), search domains lowercase DNS names (underscores allowed), options need a name.",
    fail: &[Case {
        yaml: pod!(
            r#"
  dnsConfig:
    nameservers: [dns.example.com]
    searches: [Example.COM]
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[
            (
                "spec.dnsConfig.nameservers[0]",
                r#"Invalid value: "dns.example.com": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"#,
            ),
            (
                "spec.dnsConfig.searches[0]",
                r#"Invalid value: "Example.COM": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')"#,
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  dnsConfig:
    nameservers: [10.0.0.10]
    searches: [svc.cluster.local, _tcp.example.com]
    options:
    - {name: ndots, value: '2'}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(dns_config_entries),
};

fn dns_config_entries(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let Some(config) = &pod.spec.dns_config else {
        return;
    };
    let path = pod.path.child("dnsConfig");
    let strict = ctx.options.target.at_least(36);
    for (k, ns) in config.nameservers.iter().flatten().enumerate() {
        let errors = ip_errors(ns, strict);
        if !errors.is_empty() {
            sink.report(
                path.child("nameservers").index(k),
                invalid(ns, &errors.join(", ")),
            );
        }
    }
    for (k, search) in config.searches.iter().flatten().enumerate() {
        if !search_ok(search) {
            sink.report(
                path.child("searches").index(k),
                invalid(search, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')"),
            );
        }
    }
    for (k, option) in config.options.iter().flatten().enumerate() {
        if option.name.as_deref().unwrap_or_default().is_empty() {
            sink.report(
                path.child("options").index(k),
                required("must not be empty"),
            );
        }
    }
}

fn search_ok(search: &str) -> bool {
    let trimmed = search.strip_suffix('.').unwrap_or(search);
    search == "."
        || (trimmed.len() <= 253
            && trimmed.split('.').all(|label| {
                let label = label.strip_prefix('_').unwrap_or(label);
                let b = label.as_bytes();
                !b.is_empty()
                    && b.iter().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_'
                    })
                    && b[0].is_ascii_alphanumeric()
                    && b[b.len() - 1].is_ascii_alphanumeric()
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zeros_from_136() {
        assert!(ip_errors("010.0.0.1", false).is_empty());
        assert_eq!(ip_errors("010.0.0.1", true), ["must not have leading 0s"]);
        assert_eq!(
            ip_errors("::ffff:10.0.0.1", true),
            ["must not be an IPv4-mapped IPv6 address"]
        );
        assert!(!ip_errors("dns.example.com", true).is_empty());
    }
}
