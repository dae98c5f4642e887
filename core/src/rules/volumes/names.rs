//! Volume names and sources. Upstream: `pkg/apis/core/validation/validation.go`
//! `ValidateVolumes` (names) and `validateVolumeSource` (one source per
//! volume).

use crate::report::Severity;
use crate::rules::volumes::sources::{count_problems, each_volume, name_problems};
use crate::rules::{Case, Check, Origin, Rule};

/// `volume-name`: volume names are required, DNS labels and unique.
pub(crate) static VOLUME_NAME: Rule = Rule {
    id: "volume-name",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Every volume needs a unique DNS-1123 label as its name.",
    explanation: "Containers mount volumes by name, so names must be unique within the Pod, lowercase, at most 63 characters, without dots.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - {name: data, emptyDir: {}}
  - {name: data, emptyDir: {}}
"#
        ),
        expect: &[("spec.volumes[1].name", r#"Duplicate value: "data""#)],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: data, mountPath: /data}
    - {name: cache, mountPath: /cache}
  volumes:
  - {name: data, emptyDir: {}}
  - {name: cache, emptyDir: {}}
"#
    )],
    check: Check::Workload(|ctx, sink| each_volume(ctx, sink, name_problems)),
};

/// `volume-source-count`: one source per volume.
pub(crate) static VOLUME_SOURCE_COUNT: Rule = Rule {
    id: "volume-source-count",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A volume has exactly one source (emptyDir, configMap, secret, ...).",
    explanation: "A volume is one thing: an emptyDir *or* a ConfigMap *or* a claim. To combine ConfigMaps, Secrets and downward API files in one directory, use a `projected` volume. The error names the second source found.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: config, mountPath: /etc/web}]
  volumes:
  - name: config
    configMap: {name: web}
    secret: {secretName: web}
"#
            ),
            expect: &[(
                "spec.volumes[0].configMap",
                "Forbidden: may not specify more than 1 volume type",
            )],
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: v
    emptyDir: {}
    downwardAPI: {items: []}
"#
            ),
            expect: &[(
                "spec.volumes[0].downwarAPI",
                "Forbidden: may not specify more than 1 volume type",
            )],
        },
    ],
    pass: &[pod!(
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
      - secret: {name: web}
"#
    )],
    check: Check::Workload(|ctx, sink| each_volume(ctx, sink, |v, p, _| count_problems(v, p))),
};
