//! Label and annotation keys and values. Upstream: apimachinery
//! `pkg/apis/meta/v1/validation/validation.go` `ValidateLabels` and
//! `pkg/api/validation/objectmeta.go` `ValidateAnnotations`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::{label_value, qualified_name};
use crate::rules::messages::report_format;
use crate::rules::metadata::metadatas;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `label-format`: label keys and values.
pub(crate) static LABEL_FORMAT: Rule = Rule {
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
            report_format(sink, path, key, qualified_name(key, version));
            report_format(sink, path, value, label_value(value, version));
        }
    }
}

/// `annotation-format`: annotation keys and total size.
pub(crate) static ANNOTATION_FORMAT: Rule = Rule {
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
                path,
                key,
                qualified_name(&key.to_lowercase(), ctx.options.target),
            );
        }
        if total > 262_144 {
            sink.report(path, "Too long: may not be more than 262144 bytes");
        }
    }
}

#[cfg(test)]
mod tests {

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
}
