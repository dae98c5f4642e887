//! Object names: required, DNS subdomains or labels by kind, and the CronJob
//! name limit. Upstream: apimachinery `pkg/api/validation/objectmeta.go`
//! `ValidateObjectMeta` with the name validators of
//! `pkg/apis/core/validation/validation.go` (`ValidatePodName`, ...), and
//! `pkg/apis/batch/validation/validation.go` `ValidateCronJobCreate`.

use crate::model::WorkloadKind;
use crate::report::{FieldPath, Severity};
use crate::rules::format::{dns_label, dns_subdomain};
use crate::rules::messages::{invalid, report_format, required};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `name-required`: metadata.name or generateName.
pub(crate) static NAME_REQUIRED: Rule = Rule {
    id: "name-required",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "The object needs `metadata.name` (or `generateName`).",
    explanation: "Every object is created under a name; without `name` or `generateName` the API server answers `metadata.name: Required value: name or generateName is required`.",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata:
  labels: {app: web}
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
        expect: &[(
            "metadata.name",
            "Required value: name or generateName is required",
        )],
    }],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(name_required),
};

fn name_required(ctx: &Ctx<'_>, sink: &mut Sink) {
    let meta = ctx.object.metadata();
    if meta.name.as_deref().unwrap_or_default().is_empty()
        && meta.generate_name.as_deref().unwrap_or_default().is_empty()
    {
        sink.report(
            "metadata.name",
            required("name or generateName is required"),
        );
    }
}

/// `name-format`: DNS names for name, generateName and namespace.
pub(crate) static NAME_FORMAT: Rule = Rule {
    id: "name-format",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Object names must be DNS-1123 subdomains (StatefulSets: DNS-1123 labels); namespaces DNS labels.",
    explanation: "Names end up in DNS records and hostnames. Lowercase letters, digits, `-` (and `.` for subdomains), starting and ending with an alphanumeric. A StatefulSet's name must be a label (no dots, at most 63 characters) because its Pods' hostnames derive from it.",
    fail: &[
        Case {
            yaml: r#"apiVersion: v1
kind: Pod
metadata:
  name: Web_Server
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
            expect: &[(
                "metadata.name",
                r#"Invalid value: "Web_Server": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            )],
        },
        Case {
            yaml: r#"apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db.primary}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - {name: db, image: postgres:17}
"#,
            expect: &[(
                "metadata.name",
                r#"Invalid value: "db.primary": must not contain dots"#,
            )],
        },
        Case {
            yaml: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db.primary}\nspec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers:\n      - {name: db, image: postgres:17}\n",
            expect: &[(
                "metadata.name",
                r#"Invalid value: "db.primary": must not contain dots"#,
            )],
        },
    ],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web-server
  namespace: shop
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(name_format),
};

fn name_format(ctx: &Ctx<'_>, sink: &mut Sink) {
    let meta = ctx.object.metadata();
    let name_check = |s: &str| {
        if ctx.kind() == WorkloadKind::StatefulSet {
            dns_label(s)
        } else {
            dns_subdomain(s)
        }
    };
    if let Some(name) = meta.name.as_deref().filter(|n| !n.is_empty()) {
        report_format(
            sink,
            &FieldPath::parse("metadata.name"),
            name,
            name_check(name),
        );
    }
    if let Some(prefix) = meta.generate_name.as_deref().filter(|n| !n.is_empty()) {
        let probe = if prefix.len() > 1 && prefix.ends_with('-') {
            format!("{}a", &prefix[..prefix.len() - 2])
        } else {
            prefix.to_owned()
        };
        report_format(
            sink,
            &FieldPath::parse("metadata.generateName"),
            prefix,
            name_check(&probe),
        );
    }
    if let Some(namespace) = meta.namespace.as_deref().filter(|n| !n.is_empty()) {
        report_format(
            sink,
            &FieldPath::parse("metadata.namespace"),
            namespace,
            dns_label(namespace),
        );
    }
}

/// `cronjob-name-length`: CronJob names of at most 52 characters.
pub(crate) static CRONJOB_NAME_LENGTH: Rule = Rule {
    id: "cronjob-name-length",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A CronJob's name may have at most 52 characters.",
    explanation: "The CronJob controller appends an 11-character suffix to name its Jobs, which must stay within 63 characters.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly-database-backup-to-object-storage-with-retention}
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: backup, image: busybox:1.37}
"#,
        expect: &[(
            "metadata.name",
            r#"Invalid value: "nightly-database-backup-to-object-storage-with-retention": must be no more than 52 characters"#,
        )],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly-backup}
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: backup, image: busybox:1.37}
"#],
    check: Check::Workload(cronjob_name_length),
};

fn cronjob_name_length(ctx: &Ctx<'_>, sink: &mut Sink) {
    if ctx.kind() != WorkloadKind::CronJob {
        return;
    }
    if let Some(name) = ctx
        .object
        .metadata()
        .name
        .as_deref()
        .filter(|n| n.len() > 52)
    {
        sink.report(
            "metadata.name",
            invalid(name, "must be no more than 52 characters"),
        );
    }
}
