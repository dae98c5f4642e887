//! Volumes of files from the API: secrets, ConfigMaps and the downward API.
//! Upstream: `pkg/apis/core/validation/validation.go`
//! `validateSecretVolumeSource`, `validateConfigMapVolumeSource`,
//! `validateKeyToPath` and `validateDownwardAPIVolumeSource` (with
//! `validateDownwardAPIVolumeFile`).

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::local_relative_path;
use crate::rules::messages::{invalid, required, unsupported};
use crate::rules::volumes::sources::{
    Problems, SourcePath, check_source, items_problems, mode_problem,
};
use crate::rules::{Case, Check, Origin, Rule};
use k8s_openapi::api::core::v1::Volume;

/// `secret-volume`: a secretName, valid modes and item paths.
pub(crate) static SECRET_VOLUME: Rule = Rule {
    id: "secret-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A secret volume needs a secretName; its modes are octal 0 to 0777 and its item paths stay inside the volume.",
    explanation: "A secret volume names its Secret with `secretName` (not `name`, unlike a configMap). `items` pick keys and give each a relative path without `..`. A volume with such an error is not registered, so its mounts also fail with `Not found`.",
    fail: &[Case {
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
    }],
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
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "secret", secret)),
};

/// The problems of a secret source at `p`.
pub(crate) fn secret(v: &Volume, p: SourcePath<'_>) -> Problems {
    let mut problems = Problems::new();
    let Some(secret) = &v.secret else {
        return problems;
    };
    if secret.secret_name.as_deref().unwrap_or_default().is_empty() {
        problems.push((p.child("secretName").to_path(), required("")));
    }
    mode_problem(secret.default_mode, p.child("defaultMode"), &mut problems);
    items_problems(secret.items.as_ref(), p, &mut problems);
    problems
}

/// `config-map-volume`: a name, valid modes and item paths.
pub(crate) static CONFIG_MAP_VOLUME: Rule = Rule {
    id: "config-map-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A configMap volume needs a name; its modes are octal 0 to 0777 and its item paths stay inside the volume.",
    explanation: "A configMap volume names its ConfigMap with `name`. `defaultMode` and each item's `mode` are file modes from 0 to 0777 (write them in octal, `0644`, or as decimal `420`).",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: config, mountPath: /etc/web}]
  volumes:
  - name: config
    configMap: {name: web, defaultMode: 777}
"#
        ),
        expect: &[(
            "spec.volumes[0].configMap.defaultMode",
            "Invalid value: 777: must be a number between 0 and 0777 (octal), both inclusive",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: config, mountPath: /etc/web}]
  volumes:
  - name: config
    configMap: {name: web, defaultMode: 0644}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "configMap", config_map)),
};

/// The problems of a configMap source at `p`.
pub(crate) fn config_map(v: &Volume, p: SourcePath<'_>) -> Problems {
    let mut problems = Problems::new();
    let Some(config) = &v.config_map else {
        return problems;
    };
    if config.name.is_empty() {
        problems.push((p.child("name").to_path(), required("")));
    }
    mode_problem(config.default_mode, p.child("defaultMode"), &mut problems);
    items_problems(config.items.as_ref(), p, &mut problems);
    problems
}

/// The Pod fields a downwardAPI volume can expose.
const DOWNWARD_VOLUME_FIELDS: &[&str] = &[
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
];

/// `downward-api-volume`: files with a path and one supported field.
pub(crate) static DOWNWARD_API_VOLUME: Rule = Rule {
    id: "downward-api-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A downwardAPI volume's files each need a relative path and one fieldRef or resourceFieldRef the volume supports.",
    explanation: "A downwardAPI volume writes Pod fields to files. It supports fewer fields than env vars: the Pod's name, namespace, uid, labels and annotations (not `spec.nodeName` or `status.podIP`, which only env vars get).",
    fail: &[Case {
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
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: info, mountPath: /info}]
  volumes:
  - name: info
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "downwardAPI", downward_api)),
};

/// The problems of a downwardAPI source at `p`.
pub(crate) fn downward_api(v: &Volume, p: SourcePath<'_>) -> Problems {
    let mut problems = Problems::new();
    let Some(api) = &v.downward_api else {
        return problems;
    };
    mode_problem(api.default_mode, p.child("defaultMode"), &mut problems);
    for item in api.items.iter().flatten() {
        if item.path.is_empty() {
            problems.push((p.child("path").to_path(), required("")));
        }
        match (&item.field_ref, &item.resource_field_ref) {
            (Some(_), Some(_)) => problems.push((p.to_path(), "Invalid value: \"resource\": fieldRef and resourceFieldRef can not be specified simultaneously".to_owned())),
            (None, None) => problems.push((p.to_path(), required("one of fieldRef and resourceFieldRef is required"))),
            _ => {}
        }
        if !item.path.is_empty() {
            let errors = local_relative_path(&item.path);
            if !errors.is_empty() {
                problems.push((p.to_path(), invalid(&item.path, &errors.join(", "))));
            }
        }
        if let Some(field) = &item.field_ref {
            let path = field.field_path.as_str();
            let subscript = ["metadata.labels['", "metadata.annotations['"]
                .iter()
                .any(|s| path.starts_with(s))
                && path.ends_with("']");
            if !subscript && !DOWNWARD_VOLUME_FIELDS.contains(&path) {
                problems.push((p.to_path(), unsupported(path, DOWNWARD_VOLUME_FIELDS)));
            }
        }
    }
    problems
}
