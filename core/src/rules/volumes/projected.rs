//! Projected volumes. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateProjectedVolumeSource` and `validateProjectionSources`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{forbidden, invalid, invalid_num, required};
use crate::rules::volumes::sources::{
    Problems, SourcePath, check_source, items_problems, mode_problem,
};
use crate::rules::{Case, Check, Origin, Rule};
use k8s_openapi::api::core::v1::Volume;
use rustc_hash::FxHashSet;

/// `projected-volume`: one kind per source, distinct paths, long-lived tokens.
pub(crate) static PROJECTED_VOLUME: Rule = Rule {
    id: "projected-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A projected volume's sources each have one kind, their files distinct paths, and service account tokens live at least 10 minutes.",
    explanation: "A projected volume merges Secrets, ConfigMaps, downward API files and service account tokens into one directory, so two sources may not write the same path. Each entry of `sources` holds one kind; a token needs a `path` and an `expirationSeconds` from 600 to 2^32.",
    fail: &[Case {
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
    }],
    pass: &[pod!(
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
      - secret: {name: b, items: [{key: app, path: secret.conf}]}
      - serviceAccountToken: {path: token, expirationSeconds: 3600}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "projected", projected)),
};

/// The problems of a projected source at `p`.
pub(crate) fn projected(v: &Volume, p: SourcePath<'_>) -> Problems {
    let mut problems = Problems::new();
    let Some(projected) = &v.projected else {
        return problems;
    };
    mode_problem(
        projected.default_mode,
        p.child("defaultMode"),
        &mut problems,
    );
    let mut paths = FxHashSet::default();
    for source in projected.sources.iter().flatten() {
        let items = [
            source.secret.as_ref().and_then(|s| s.items.as_ref()),
            source.config_map.as_ref().and_then(|c| c.items.as_ref()),
        ];
        let mut files: Vec<&str> = items
            .into_iter()
            .flatten()
            .flatten()
            .map(|i| i.path.as_str())
            .collect();
        files.extend(
            source
                .downward_api
                .iter()
                .flat_map(|d| d.items.iter().flatten())
                .map(|i| i.path.as_str()),
        );
        for file in files {
            if !file.is_empty() && !paths.insert(file) {
                problems.push((p.to_path(), invalid(file, "conflicting duplicate paths")));
            }
        }
    }
    for (k, source) in projected.sources.iter().flatten().enumerate() {
        let sp = p.child("sources").index(k);
        let count = [
            source.secret.is_some(),
            source.config_map.is_some(),
            source.downward_api.is_some(),
            source.service_account_token.is_some(),
            source.cluster_trust_bundle.is_some(),
            source.pod_certificate.is_some(),
        ]
        .into_iter()
        .filter(|b| *b)
        .count();
        if count > 1 {
            problems.push((
                sp.to_path(),
                forbidden("may not specify more than 1 volume type per source"),
            ));
        }
        if let Some(token) = &source.service_account_token {
            let tp = sp.child("serviceAccountToken");
            let seconds = token.expiration_seconds.unwrap_or(3600);
            if seconds < 600 {
                problems.push((
                    tp.child("expirationSeconds").to_path(),
                    invalid_num(seconds, "may not specify a duration less than 10 minutes"),
                ));
            } else if seconds > 1 << 32 {
                problems.push((
                    tp.child("expirationSeconds").to_path(),
                    invalid_num(
                        seconds,
                        "may not specify a duration larger than 2^32 seconds",
                    ),
                ));
            }
            if token.path.is_empty() {
                problems.push((tp.child("path").to_path(), required("")));
            }
        }
        if let Some(secret) = &source.secret {
            items_problems(secret.items.as_ref(), sp.child("secret"), &mut problems);
        }
        if let Some(config) = &source.config_map {
            items_problems(config.items.as_ref(), sp.child("configMap"), &mut problems);
        }
    }
    problems
}
