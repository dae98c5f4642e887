//! Required fields of volume sources. Upstream: `pkg/apis/core/validation/validation.go` `validateVolumeSource`
//! and the per-source validators it calls.

use crate::report::Severity;
use crate::rules::volumes::sources::{each_volume, field_problems};
use crate::rules::{Case, Check, Origin, Rule};

/// `volume-source-fields`: the required fields of each volume source.
pub(crate) static VOLUME_SOURCE_FIELDS: Rule = Rule {
    id: "volume-source-fields",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Volume sources need their required fields (secretName, claimName, hostPath path, ...) with valid values.",
    explanation: "Each source has its own rules: a secret needs `secretName`, a configMap `name`, a claim `claimName`; modes are octal 0 to 0777; item paths stay inside the volume; projected service account tokens live at least 10 minutes. A volume with such an error is not registered, so its mounts also fail with `Not found`.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: tls, mountPath: /tls}]
  volumes:
  - name: tls
    secret:
      items:
      - {key: tls.crt, path: /etc/tls.crt}
"#
            ),
            expect: &[
                ("spec.volumes[0].secret.secretName", "Required value"),
                (
                    "spec.volumes[0].secret.items[0].path",
                    r#"Invalid value: "/etc/tls.crt": must be a relative path"#,
                ),
            ],
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: info, mountPath: /info}]
  volumes:
  - name: info
    downwardAPI:
      items:
      - {path: node, fieldRef: {fieldPath: spec.nodeName}}
"#
            ),
            expect: &[(
                "spec.volumes[0].downwardAPI",
                r#"Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid""#,
            )],
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: config, mountPath: /config}]
  volumes:
  - name: config
    projected:
      sources:
      - configMap: {name: a, items: [{key: app, path: app.conf}]}
      - secret: {name: b, items: [{key: app, path: app.conf}]}
"#
            ),
            expect: &[(
                "spec.volumes[0].projected",
                r#"Invalid value: "app.conf": conflicting duplicate paths"#,
            )],
        },
    ],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: tls, mountPath: /tls}]
  volumes:
  - name: tls
    secret:
      secretName: web-tls
      items:
      - {key: tls.crt, path: tls.crt}
"#
    )],
    check: Check::Workload(|ctx, sink| each_volume(ctx, sink, |v, p, _| field_problems(v, p))),
};
