//! Volume rules (§1.7) and volume-mount rules (§1.8).

use super::format::{dns_label, local_relative_path};
use super::{
    Check, Ctx, PodCtx, Rule, Sink, forbidden, invalid, invalid_num, required, unsupported,
};
use crate::defaults::volume_sources;
use crate::quantity::Quantity;
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};
use k8s_openapi::api::core::v1::{KeyToPath, Volume};
use std::collections::HashSet;

pub(super) const RULES: &[&Rule] = &[
    &VOLUME_NAME,
    &VOLUME_SOURCE_COUNT,
    &VOLUME_SOURCE_FIELDS,
    &VOLUME_MOUNT_NOT_FOUND,
    &VOLUME_MOUNT_PATH,
    &VOLUME_MOUNT_SUBPATH,
    &MOUNT_PROPAGATION,
];

/// Volume sources in the order the API server looks for them.
const SOURCE_ORDER: &[&str] = &[
    "hostPath",
    "emptyDir",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "persistentVolumeClaim",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "configMap",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "projected",
    "scaleIO",
    "storageos",
    "csi",
    "ephemeral",
    "image",
];

type Problems = Vec<(FieldPath, String)>;

/// The Pod fields a downwardAPI volume can expose.
const DOWNWARD_VOLUME_FIELDS: &[&str] = &[
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
];

fn sources_in_order(v: &Volume) -> Vec<&'static str> {
    let present = volume_sources(v);
    SOURCE_ORDER
        .iter()
        .copied()
        .filter(|s| present.iter().any(|p| p == s))
        .collect()
}

fn name_problems(v: &Volume, path: &FieldPath, seen: &HashSet<&str>) -> Problems {
    let mut problems = Problems::new();
    let name_path = path.child("name");
    if v.name.is_empty() {
        problems.push((name_path.clone(), required("")));
    } else {
        let errors = dns_label(&v.name);
        if !errors.is_empty() {
            problems.push((name_path.clone(), invalid(&v.name, &errors.join(", "))));
        }
    }
    if seen.contains(v.name.as_str()) {
        problems.push((name_path, format!("Duplicate value: {:?}", v.name)));
    }
    problems
}

fn count_problems(v: &Volume, path: &FieldPath) -> Problems {
    sources_in_order(v)
        .into_iter()
        .skip(1)
        .map(|source| {
            let segment = if source == "downwardAPI" {
                "downwarAPI"
            } else {
                source
            };
            (
                path.child(segment),
                forbidden("may not specify more than 1 volume type"),
            )
        })
        .collect()
}

fn mode_problem(mode: Option<i32>, path: FieldPath, problems: &mut Problems) {
    if let Some(mode) = mode.filter(|m| !(0..=0o777).contains(m)) {
        problems.push((
            path,
            invalid_num(
                mode,
                "must be a number between 0 and 0777 (octal), both inclusive",
            ),
        ));
    }
}

fn items_problems(items: Option<&Vec<KeyToPath>>, path: &FieldPath, problems: &mut Problems) {
    for (j, item) in items.into_iter().flatten().enumerate() {
        let p = path.child("items").index(j);
        if item.key.is_empty() {
            problems.push((p.child("key"), required("")));
        }
        if item.path.is_empty() {
            problems.push((p.child("path"), required("")));
        } else {
            let errors = local_relative_path(&item.path);
            if !errors.is_empty() {
                problems.push((p.child("path"), invalid(&item.path, &errors.join(", "))));
            }
        }
        mode_problem(item.mode, p.child("mode"), problems);
    }
}

fn field_problems(v: &Volume, path: &FieldPath) -> Problems {
    let mut problems = Problems::new();
    let Some(first) = sources_in_order(v).first().copied() else {
        return problems;
    };
    let p = path.child(first);
    match first {
        "hostPath" => {
            let host = v.host_path.as_ref().expect("present");
            if host.path.is_empty() {
                problems.push((p.child("path"), required("")));
            } else {
                if host.path.replace('\\', "/").split('/').any(|s| s == "..") {
                    problems.push((
                        p.child("path"),
                        invalid(&host.path, "must not contain '..'"),
                    ));
                }
                let types = [
                    "",
                    "DirectoryOrCreate",
                    "Directory",
                    "FileOrCreate",
                    "File",
                    "Socket",
                    "CharDevice",
                    "BlockDevice",
                ];
                if let Some(t) = host.type_.as_deref().filter(|t| !types.contains(t)) {
                    problems.push((p.child("type"), unsupported(t, &types)));
                }
            }
        }
        "emptyDir" => {
            let dir = v.empty_dir.as_ref().expect("present");
            if let Some(limit) = &dir.size_limit
                && Quantity::parse(&limit.0).is_ok_and(Quantity::is_negative)
            {
                problems.push((
                    p.child("sizeLimit"),
                    forbidden("SizeLimit field must be a valid resource quantity"),
                ));
            }
        }
        "secret" => {
            let secret = v.secret.as_ref().expect("present");
            if secret.secret_name.as_deref().unwrap_or_default().is_empty() {
                problems.push((p.child("secretName"), required("")));
            }
            mode_problem(secret.default_mode, p.child("defaultMode"), &mut problems);
            items_problems(secret.items.as_ref(), &p, &mut problems);
        }
        "configMap" => {
            let config = v.config_map.as_ref().expect("present");
            if config.name.is_empty() {
                problems.push((p.child("name"), required("")));
            }
            mode_problem(config.default_mode, p.child("defaultMode"), &mut problems);
            items_problems(config.items.as_ref(), &p, &mut problems);
        }
        "persistentVolumeClaim"
            if v.persistent_volume_claim
                .as_ref()
                .is_some_and(|c| c.claim_name.is_empty()) =>
        {
            problems.push((p.child("claimName"), required("")));
        }
        "nfs" => {
            let nfs = v.nfs.as_ref().expect("present");
            if nfs.server.is_empty() {
                problems.push((p.child("server"), required("")));
            }
            if nfs.path.is_empty() {
                problems.push((p.child("path"), required("")));
            } else if !nfs.path.starts_with('/') {
                problems.push((
                    p.child("path"),
                    invalid(&nfs.path, "must be an absolute path"),
                ));
            }
        }
        "downwardAPI" => {
            let api = v.downward_api.as_ref().expect("present");
            mode_problem(api.default_mode, p.child("defaultMode"), &mut problems);
            for item in api.items.iter().flatten() {
                if item.path.is_empty() {
                    problems.push((p.child("path"), required("")));
                }
                match (&item.field_ref, &item.resource_field_ref) {
                    (Some(_), Some(_)) => problems.push((p.clone(), "Invalid value: \"resource\": fieldRef and resourceFieldRef can not be specified simultaneously".to_owned())),
                    (None, None) => problems.push((p.clone(), required("one of fieldRef and resourceFieldRef is required"))),
                    _ => {}
                }
                if !item.path.is_empty() {
                    let errors = local_relative_path(&item.path);
                    if !errors.is_empty() {
                        problems.push((p.clone(), invalid(&item.path, &errors.join(", "))));
                    }
                }
                if let Some(field) = &item.field_ref {
                    let path = field.field_path.as_str();
                    let subscript = ["metadata.labels['", "metadata.annotations['"]
                        .iter()
                        .any(|s| path.starts_with(s))
                        && path.ends_with("']");
                    if !subscript && !DOWNWARD_VOLUME_FIELDS.contains(&path) {
                        problems.push((p.clone(), unsupported(path, DOWNWARD_VOLUME_FIELDS)));
                    }
                }
            }
        }
        "projected" => {
            let projected = v.projected.as_ref().expect("present");
            mode_problem(
                projected.default_mode,
                p.child("defaultMode"),
                &mut problems,
            );
            let mut paths = HashSet::new();
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
                        problems.push((p.clone(), invalid(file, "conflicting duplicate paths")));
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
                        sp.clone(),
                        forbidden("may not specify more than 1 volume type per source"),
                    ));
                }
                if let Some(token) = &source.service_account_token {
                    let tp = sp.child("serviceAccountToken");
                    let seconds = token.expiration_seconds.unwrap_or(3600);
                    if seconds < 600 {
                        problems.push((
                            tp.child("expirationSeconds"),
                            invalid_num(seconds, "may not specify a duration less than 10 minutes"),
                        ));
                    } else if seconds > 1 << 32 {
                        problems.push((
                            tp.child("expirationSeconds"),
                            invalid_num(
                                seconds,
                                "may not specify a duration larger than 2^32 seconds",
                            ),
                        ));
                    }
                    if token.path.is_empty() {
                        problems.push((tp.child("path"), required("")));
                    }
                }
                if let Some(secret) = &source.secret {
                    items_problems(secret.items.as_ref(), &sp.child("secret"), &mut problems);
                }
                if let Some(config) = &source.config_map {
                    items_problems(config.items.as_ref(), &sp.child("configMap"), &mut problems);
                }
            }
        }
        "csi" if v.csi.as_ref().is_some_and(|c| c.driver.is_empty()) => {
            problems.push((p.child("driver"), required("")));
        }
        "image" => {
            let image = v.image.as_ref().expect("present");
            if image.reference.as_deref().unwrap_or_default().is_empty() {
                problems.push((p.child("reference"), required("")));
            }
            let policies = ["Always", "IfNotPresent", "Never"];
            if let Some(policy) = image
                .pull_policy
                .as_deref()
                .filter(|x| !policies.contains(x))
            {
                problems.push((p.child("pullPolicy"), unsupported(policy, &policies)));
            }
        }
        "ephemeral"
            if v.ephemeral
                .as_ref()
                .is_some_and(|e| e.volume_claim_template.is_none()) =>
        {
            problems.push((p.child("volumeClaimTemplate"), required("")));
        }
        _ => {}
    }
    problems
}

/// The names of the volumes the API server accepts (a volume with any error is left out).
fn valid_volume_names<'a>(pod: &'a PodCtx<'_>) -> HashSet<&'a str> {
    let mut names = HashSet::new();
    for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
        let path = pod.path.child("volumes").index(i);
        if name_problems(v, &path, &names).is_empty()
            && count_problems(v, &path).is_empty()
            && field_problems(v, &path).is_empty()
        {
            names.insert(v.name.as_str());
        }
    }
    names
}

fn each_volume(
    ctx: &Ctx<'_>,
    sink: &mut Sink,
    problems: fn(&Volume, &FieldPath, &HashSet<&str>) -> Problems,
) {
    let Some(pod) = &ctx.pod else { return };
    let mut seen = HashSet::new();
    for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
        for (path, message) in problems(v, &pod.path.child("volumes").index(i), &seen) {
            sink.report(path, message);
        }
        seen.insert(v.name.as_str());
    }
}

/// `volume-name`: volume names are required, DNS labels and unique.
static VOLUME_NAME: Rule = Rule {
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
static VOLUME_SOURCE_COUNT: Rule = Rule {
    id: "volume-source-count",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A volume has exactly one source (emptyDir, configMap, secret, ...).",
    explanation: "A volume is one thing: an emptyDir *or* a ConfigMap *or* a claim. To combine ConfigMaps, Secrets and downward API files in one directory, use a `projected` volume. The error names the second source found.",
    fail: &[Case {
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
    }],
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

/// `volume-source-fields`: the required fields of each volume source.
static VOLUME_SOURCE_FIELDS: Rule = Rule {
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

/// `volume-mount-not-found`: mounts name a defined volume.
static VOLUME_MOUNT_NOT_FOUND: Rule = Rule {
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
static VOLUME_MOUNT_PATH: Rule = Rule {
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
        let mut seen = HashSet::new();
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
static VOLUME_MOUNT_SUBPATH: Rule = Rule {
    id: "volume-mount-subpath",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "subPath must be relative without `..`; subPath and subPathExpr exclude each other.",
    explanation: "A subPath mounts a directory or file inside the volume, so it may not escape it. The API server reports subPath errors at `volumeMounts.subPath`, without the index; Podwright names the mount (`volumeMounts[0].subPath`) so that the place can be found.",
    fail: &[Case {
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
    }],
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

/// `mount-propagation`: known modes; Bidirectional needs privileged.
static MOUNT_PROPAGATION: Rule = Rule {
    id: "mount-propagation",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "mountPropagation must be None, HostToContainer or Bidirectional; Bidirectional only in privileged containers.",
    explanation: "Bidirectional propagation lets mounts made inside the container appear on the host, which only privileged containers may do.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: csi
    image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.13.0
    volumeMounts:
    - {name: pods, mountPath: /var/lib/kubelet/pods, mountPropagation: Bidirectional}
  volumes:
  - {name: pods, hostPath: {path: /var/lib/kubelet/pods}}
"#
        ),
        expect: &[(
            "spec.containers[0].volumeMounts[0].mountPropagation",
            "Forbidden: Bidirectional mount propagation is available only to privileged containers",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: csi
    image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.13.0
    securityContext: {privileged: true}
    volumeMounts:
    - {name: pods, mountPath: /var/lib/kubelet/pods, mountPropagation: Bidirectional}
  volumes:
  - {name: pods, hostPath: {path: /var/lib/kubelet/pods}}
"#
    )],
    check: Check::Workload(mount_propagation),
};

fn mount_propagation(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let mounts = c.path.child("volumeMounts");
        let privileged = c.spec.security_context.as_ref().and_then(|s| s.privileged) == Some(true);
        for (j, m) in c.spec.volume_mounts.iter().flatten().enumerate() {
            let path = mounts.index(j).child("mountPropagation");
            match m.mount_propagation.as_deref() {
                None | Some("None" | "HostToContainer") => {}
                Some("Bidirectional") if privileged => {}
                Some("Bidirectional") => {
                    sink.report(&path, forbidden("Bidirectional mount propagation is available only to privileged containers"));
                }
                Some(other) => {
                    sink.report(
                        &path,
                        unsupported(other, &["Bidirectional", "HostToContainer", "None"]),
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
    fn second_source_path_has_the_typo() {
        let yaml = pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: v
    emptyDir: {}
    downwardAPI: {items: []}
"#
        );
        assert_eq!(
            one("volume-source-count", yaml),
            "spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type"
        );
    }

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
        assert_eq!(findings("volume-source-fields", yaml).len(), 1);
    }

    #[test]
    fn subpath_path_names_the_mount() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: d, mountPath: /d, subPath: /abs}]
  volumes:
  - {name: d, emptyDir: {}}
"#
        );
        assert_eq!(
            one("volume-mount-subpath", yaml),
            "spec.containers[0].volumeMounts[0].subPath: Invalid value: \"/abs\": must be a relative path"
        );
    }
}
