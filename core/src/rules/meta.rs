//! ObjectMeta rules (§1.4): names, labels, annotations.

use super::format::{dns_label, dns_subdomain, label_value, qualified_name};
use super::{Check, Ctx, Rule, Sink, invalid, report_format, required};
use crate::model::WorkloadKind;
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

pub(super) const RULES: &[&Rule] = &[
    &NAME_REQUIRED,
    &NAME_FORMAT,
    &LABEL_FORMAT,
    &ANNOTATION_FORMAT,
    &CRONJOB_NAME_LENGTH,
];

/// The object's metadata and, for workloads, the template's, with their paths.
fn metadatas<'a>(ctx: &'a Ctx<'_>) -> Vec<(&'a ObjectMeta, FieldPath)> {
    let mut all = vec![(ctx.object.metadata(), FieldPath::parse("metadata"))];
    if let Some(pod) = ctx.pod.as_ref().filter(|p| !p.is_pod)
        && let Some(meta) = pod.meta
    {
        all.push((meta, pod.meta_path.clone()));
    }
    all
}

/// `name-required`: metadata.name or generateName.
static NAME_REQUIRED: Rule = Rule {
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
static NAME_FORMAT: Rule = Rule {
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

/// `label-format`: label keys and values.
static LABEL_FORMAT: Rule = Rule {
    id: "label-format",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Label keys must be qualified names and values at most 63 alphanumeric, `-`, `_`, `.` characters.",
    explanation: "Labels are indexed and matched by selectors, so their syntax is strict. The API server reports the whole map (`metadata.labels`, or `spec.template.labels` without `.metadata` for templates) with the offending key or value. Template placeholders such as `{{uid}}` are not valid values.",
    fail: &[
        Case {
            yaml: r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    shard: '{{shard}}'
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
            expect: &[(
                "metadata.labels",
                r#"Invalid value: "{{shard}}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#,
            )],
        },
        Case {
            yaml: r#"apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web, 'team/': x}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
"#,
            expect: &[(
                "spec.template.labels",
                r#"Invalid value: "team/": name part must be non-empty"#,
            )],
        },
    ],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    shard: '7'
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(label_format),
};

fn label_format(ctx: &Ctx<'_>, sink: &mut Sink) {
    let version = ctx.options.target;
    for (meta, path) in metadatas(ctx) {
        let path = path.child("labels");
        for (key, value) in meta.labels.iter().flatten() {
            report_format(sink, &path, key, qualified_name(key, version));
            report_format(sink, &path, value, label_value(value, version));
        }
    }
}

/// `annotation-format`: annotation keys and total size.
static ANNOTATION_FORMAT: Rule = Rule {
    id: "annotation-format",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Annotation keys must be qualified names, and all annotations together at most 256 KiB.",
    explanation: "Annotation values are free text, but keys follow the label-key syntax (checked lowercased) and the sum of key and value sizes may not exceed 262144 bytes.",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    'my annotation': x
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
        expect: &[(
            "metadata.annotations",
            r#"Invalid value: "my annotation": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
        )],
    }],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    example.com/owner: 'team web'
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Workload(annotation_format),
};

fn annotation_format(ctx: &Ctx<'_>, sink: &mut Sink) {
    for (meta, path) in metadatas(ctx) {
        let path = path.child("annotations");
        let mut total = 0;
        for (key, value) in meta.annotations.iter().flatten() {
            total += key.len() + value.len();
            report_format(
                sink,
                &path,
                key,
                qualified_name(&key.to_lowercase(), ctx.options.target),
            );
        }
        if total > 262_144 {
            sink.report(&path, "Too long: may not be more than 262144 bytes");
        }
    }
}

/// `cronjob-name-length`: CronJob names of at most 52 characters.
static CRONJOB_NAME_LENGTH: Rule = Rule {
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

#[cfg(test)]
mod tests {
    use crate::rules::testing::one;

    #[test]
    fn label_errors_use_the_map_path() {
        let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata:\n      labels: {app: 'web!'}\n    spec:\n      containers:\n      - {name: web, image: nginx:1.27}\n";
        let found = crate::rules::testing::findings("label-format", yaml);
        assert_eq!(found[0].path, "spec.template.labels");
        assert!(
            found[0]
                .message
                .starts_with("Invalid value: \"web!\": a valid label")
        );
    }

    #[test]
    fn statefulset_names_are_labels() {
        let yaml = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db.primary}\nspec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers:\n      - {name: db, image: postgres:17}\n";
        assert_eq!(
            one("name-format", yaml),
            "metadata.name: Invalid value: \"db.primary\": must not contain dots"
        );
    }
}
