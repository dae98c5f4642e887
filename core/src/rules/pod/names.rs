//! Hostname, subdomain and service account names. Upstream:
//! `pkg/apis/core/validation/validation.go` `ValidatePodSpec`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::{dns_label, dns_subdomain};
use crate::rules::messages::{invalid, report_format};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `pod-name-fields`: hostname, subdomain and object references by name.
pub(crate) static POD_NAME_FIELDS: Rule = Rule {
    id: "pod-name-fields",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "hostname and subdomain must be DNS labels; nodeName, serviceAccountName, priorityClassName and runtimeClassName DNS subdomains.",
    explanation: "These fields name other objects or DNS records, so they follow the DNS naming rules. `serviceAccount` (deprecated) must equal `serviceAccountName` when both are set.",
    fail: &[Case {
        yaml: pod!(
            r#"
  hostname: Web_1
  serviceAccountName: Builder
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[
            (
                "spec.hostname",
                r#"Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
            ),
            (
                "spec.serviceAccountName",
                r#"Invalid value: "Builder": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  hostname: web-1
  subdomain: web
  serviceAccountName: builder
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(pod_name_fields),
};

fn pod_name_fields(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let s = pod.spec;
    let label_fields = [("hostname", &s.hostname), ("subdomain", &s.subdomain)];
    for (field, value) in label_fields {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            report_format(sink, pod.path.child(field), v, dns_label(v));
        }
    }
    let subdomain_fields = [
        ("serviceAccountName", &s.service_account_name),
        ("nodeName", &s.node_name),
        ("priorityClassName", &s.priority_class_name),
        ("runtimeClassName", &s.runtime_class_name),
    ];
    for (field, value) in subdomain_fields {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            report_format(sink, pod.path.child(field), v, dns_subdomain(v));
        }
    }
    if let (Some(name), Some(old)) = (
        s.service_account_name.as_deref(),
        s.service_account.as_deref(),
    ) && !old.is_empty()
        && old != name
    {
        sink.report(
            pod.path.child("serviceAccount"),
            invalid(
                old,
                &format!("must be the same as serviceAccountName: {name:?}"),
            ),
        );
    }
}
