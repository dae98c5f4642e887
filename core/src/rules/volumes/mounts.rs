//! Volume mounts. Upstream: `pkg/apis/core/validation/validation.go`
//! `ValidateVolumeMounts` (names, paths, `subPath`, `subPathExpr`).

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::local_relative_path;
use crate::rules::messages::{invalid, required};
use crate::rules::volumes::valid_volume_names;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use rustc_hash::FxHashSet;

/// `volume-mount-not-found`: mounts name a defined volume.
pub(crate) static VOLUME_MOUNT_NOT_FOUND: Rule = Rule {
    id: "volume-mount-not-found",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A volumeMount names a volume the Pod does not define (or one that has errors).",
    explanation: "Each `volumeMounts[].name` must match an entry of `spec.volumes` (or, in a StatefulSet, of `volumeClaimTemplates`). Volumes with errors of their own do not count, so fixing the volume also fixes this error.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: data, mountPath: /data}
"#
        ),
        expect: &[(
            "spec.containers[0].volumeMounts[0].name",
            r#"Not found: "data""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: data, mountPath: /data}
  volumes:
  - {name: data, emptyDir: {}}
"#
    )],
    check: Check::Workload(volume_mount_not_found),
};

fn volume_mount_not_found(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut names = valid_volume_names(pod);
    if let crate::object::WorkloadObject::StatefulSet(set) = ctx.object {
        let claims = set.spec.volume_claim_templates.iter().flatten();
        names.extend(claims.filter_map(|claim| claim.metadata.name.as_deref()));
    }
    for c in &pod.containers {
        for (j, m) in c.spec.volume_mounts.iter().flatten().enumerate() {
            let path = c.path.child("volumeMounts").index(j).child("name");
            if m.name.is_empty() {
                sink.report(path, required(""));
            } else if !names.contains(m.name.as_str()) {
                sink.report(path, format!("Not found: {:?}", m.name));
            }
        }
    }
}

/// `volume-mount-path`: mountPath required and unique per container.
pub(crate) static VOLUME_MOUNT_PATH: Rule = Rule {
    id: "volume-mount-path",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Each volumeMount needs a mountPath, unique within its container.",
    explanation: "Two mounts on one path in one container would hide each other. Different containers may use the same path.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: a, mountPath: /data}
    - {name: b, mountPath: /data}
  volumes:
  - {name: a, emptyDir: {}}
  - {name: b, emptyDir: {}}
"#
        ),
        expect: &[(
            "spec.containers[0].volumeMounts[1].mountPath",
            r#"Invalid value: "/data": must be unique"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: a, mountPath: /data/a}
    - {name: b, mountPath: /data/b}
  volumes:
  - {name: a, emptyDir: {}}
  - {name: b, emptyDir: {}}
"#
    )],
    check: Check::Workload(volume_mount_path),
};

fn volume_mount_path(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let mut seen = FxHashSet::default();
        for (j, m) in c.spec.volume_mounts.iter().flatten().enumerate() {
            let path = c.path.child("volumeMounts").index(j).child("mountPath");
            if m.mount_path.is_empty() {
                sink.report(path, required(""));
            } else if !seen.insert(m.mount_path.as_str()) {
                sink.report(path, invalid(&m.mount_path, "must be unique"));
            }
        }
    }
}

/// `volume-mount-subpath`: subPath and subPathExpr stay inside the volume.
pub(crate) static VOLUME_MOUNT_SUBPATH: Rule = Rule {
    id: "volume-mount-subpath",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "subPath must be relative without `..`; subPath and subPathExpr exclude each other.",
    explanation: "A subPath mounts a directory or file inside the volume, so it may not escape it. The API server reports subPath errors at `volumeMounts.subPath`, without the index; Podwright names the mount (`volumeMounts[0].subPath`) so that the place can be found.",
    fail: &[
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: config, mountPath: /etc/nginx/nginx.conf, subPath: ../nginx.conf}
  volumes:
  - {name: config, configMap: {name: web}}
"#
            ),
            expect: &[(
                "spec.containers[0].volumeMounts[0].subPath",
                r#"Invalid value: "../nginx.conf": must not contain '..'"#,
            )],
        },
        Case {
            yaml: pod!(
                r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: d, mountPath: /d, subPath: /abs}]
  volumes:
  - {name: d, emptyDir: {}}
"#
            ),
            expect: &[(
                "spec.containers[0].volumeMounts[0].subPath",
                r#"Invalid value: "/abs": must be a relative path"#,
            )],
        },
    ],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - {name: config, mountPath: /etc/nginx/nginx.conf, subPath: nginx.conf, readOnly: true}
  volumes:
  - {name: config, configMap: {name: web}}
"#
    )],
    check: Check::Workload(volume_mount_subpath),
};

fn volume_mount_subpath(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let mounts = c.path.child("volumeMounts");
        for (j, m) in c.spec.volume_mounts.iter().flatten().enumerate() {
            let sub = m.sub_path.as_deref().unwrap_or_default();
            let expr = m.sub_path_expr.as_deref().unwrap_or_default();
            if !sub.is_empty() {
                let errors = local_relative_path(sub);
                if !errors.is_empty() {
                    sink.report(
                        mounts.index(j).child("subPath"),
                        invalid(sub, &errors.join(", ")),
                    );
                }
            }
            if !expr.is_empty() {
                if !sub.is_empty() {
                    sink.report(
                        mounts.index(j).child("subPathExpr"),
                        invalid(expr, "subPathExpr and subPath are mutually exclusive"),
                    );
                }
                let errors = local_relative_path(expr);
                if !errors.is_empty() {
                    sink.report(
                        mounts.child("subPathExpr"),
                        invalid(expr, &errors.join(", ")),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, one};

    #[test]
    fn a_broken_volume_cascades_to_its_mounts() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: ''}}
"#
        );
        assert_eq!(
            one("volume-mount-not-found", yaml),
            "spec.containers[0].volumeMounts[0].name: Not found: \"data\""
        );
        assert_eq!(findings("persistent-volume-claim-volume", yaml).len(), 1);
    }
}
