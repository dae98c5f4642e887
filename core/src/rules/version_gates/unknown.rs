//! `field-unknown-at-target`: a field the target version's API does not have.

use super::fields::{AtTarget, gated_fields};
use crate::report::Severity;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `field-unknown-at-target`: a field added after the target version.
pub(crate) static FIELD_UNKNOWN_AT_TARGET: Rule = Rule {
    id: "field-unknown-at-target",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A field came in a later Kubernetes version than the target; the target's API server does not know it.",
    explanation: "A field is part of the API from the release its feature gate appeared in. An older API server has no such field: kubectl's default `--validate=strict` asks for strict field validation, and the API server refuses the whole object with `strict decoding error: unknown field`. With `--validate=warn` it drops the field and answers with a warning. Raise the target version, or leave the field out.\n\n| field | in the API from | feature gate |\n|---|---|---|\n| `hostnameOverride` | 1.34 | HostnameOverride |\n| `restartPolicyRules` | 1.34 | ContainerRestartRules |\n| `env[].valueFrom.fileKeyRef` | 1.34 | EnvFiles |\n| projected `podCertificate` | 1.34 | PodCertificateRequest |\n| `emptyDir.mode` | 1.37 | EmptyDirVolumeMode |\n| `schedulingGroup` | 1.37 | GenericWorkload |\n| `evictionResponders` | 1.37 | EvictionResponders |\n| `volumeMounts[].bindMountOptions` | 1.37 | VolumeBindMountOptions |\n| `defaultUser`, items' `user` (configMap, secret, downwardAPI, projected volumes) | 1.37 | AtomicWriteVolumeUserFields |",
    fail: &[
        Case {
            yaml: pod!(target: "1.33", r#"
  hostnameOverride: web-primary
  containers:
  - {name: web, image: nginx:1.27}
"#),
            expect: &[(
                "spec.hostnameOverride",
                r#"unknown at 1.33: the API server refuses the object with `strict decoding error: unknown field "spec.hostnameOverride"` under kubectl's default --validate=strict (with --validate=warn it drops the field with a warning); the field came in 1.34 with HostnameOverride, on by default from 1.35"#,
            )],
        },
        Case {
            yaml: pod!(target: "1.36", r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: scratch, mountPath: /scratch}]
  volumes:
  - name: scratch
    emptyDir: {mode: 0700}
"#),
            expect: &[(
                "spec.volumes[0].emptyDir.mode",
                r#"unknown at 1.36: the API server refuses the object with `strict decoding error: unknown field "spec.volumes[0].emptyDir.mode"` under kubectl's default --validate=strict (with --validate=warn it drops the field with a warning); the field came in 1.37 with EmptyDirVolumeMode, alpha, off by default"#,
            )],
        },
        Case {
            yaml: deployment!(
                target: "1.36",
                r#"
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts: [{name: config, mountPath: /etc/web}]
      volumes:
      - name: config
        projected:
          sources:
          - configMap: {name: web}
          - secret:
              name: web-tls
              items: [{key: tls.key, path: tls.key, user: 101}]
"#
            ),
            expect: &[(
                "spec.template.spec.volumes[0].projected.sources[1].secret.items[0].user",
                r#"unknown at 1.36: the API server refuses the object with `strict decoding error: unknown field "spec.template.spec.volumes[0].projected.sources[1].secret.items[0].user"` under kubectl's default --validate=strict (with --validate=warn it drops the field with a warning); the field came in 1.37 with AtomicWriteVolumeUserFields, alpha, off by default"#,
            )],
        },
        Case {
            yaml: r#"# target: 1.33
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      hostnameOverride: db-primary
      containers:
      - {name: db, image: postgres:17}
"#,
            expect: &[(
                "spec.template.spec.hostnameOverride",
                r#"unknown at 1.33: the API server refuses the object with `strict decoding error: unknown field "spec.template.spec.hostnameOverride"` under kubectl's default --validate=strict (with --validate=warn it drops the field with a warning); the field came in 1.34 with HostnameOverride, on by default from 1.35"#,
            )],
        },
    ],
    pass: &[
        pod!(target: "1.35", r#"
  hostnameOverride: web-primary
  containers:
  - {name: web, image: nginx:1.27}
"#),
        pod!(target: "1.34", r#"
  hostnameOverride: web-primary
  containers:
  - {name: web, image: nginx:1.27}
"#),
        pod!(target: "1.37", r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: scratch, mountPath: /scratch}]
  volumes:
  - name: scratch
    emptyDir: {mode: 0700}
"#),
    ],
    check: Check::Workload(field_unknown_at_target),
};

fn field_unknown_at_target(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let target = ctx.options.target;
    for field in gated_fields(pod) {
        if field.gated.at(target) != AtTarget::Unknown {
            continue;
        }
        let message = format!(
            "unknown at {target}: the API server refuses the object with `strict decoding error: unknown field {:?}` under kubectl's default --validate=strict (with --validate=warn it drops the field with a warning); the field came in 1.{} with {}, {}",
            field.path.as_str(),
            field.gated.added,
            field.gated.gate,
            field.gated.default_state()
        );
        sink.report(&field.path, message);
    }
}
