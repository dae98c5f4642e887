//! DNS configuration and host aliases (§1.6, §1.12).

use super::format::dns_subdomain;
use super::{Check, Ctx, Rule, Sink, invalid, required};
use crate::report::Severity;
use crate::rules::{Case, Origin};
use std::net::IpAddr;

pub(super) const RULES: &[&Rule] = &[&DNS_CONFIG_ENTRIES, &HOST_ALIASES];

const IP_MESSAGE: &str = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

/// The API server's IP checks: parseable, and (1.36+) no leading zeros or IPv4-mapped IPv6.
fn ip_errors(ip: &str, strict: bool) -> Vec<&'static str> {
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
static DNS_CONFIG_ENTRIES: Rule = Rule {
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

/// `host-aliases`: /etc/hosts entries.
static HOST_ALIASES: Rule = Rule {
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

#[cfg(test)]
mod tests {
    use super::ip_errors;

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
