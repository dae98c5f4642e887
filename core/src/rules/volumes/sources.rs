//! Helpers shared by the volume rules: the sources of a volume in the order
//! `pkg/apis/core/validation/validation.go` `validateVolumeSource` looks for them, and the problems a volume has.

use crate::defaults::volume_sources;
use crate::quantity::Quantity;
use crate::report::FieldPath;
use crate::rules::format::{dns_label, local_relative_path};
use crate::rules::messages::{forbidden, invalid, invalid_num, required, unsupported};
use crate::rules::{Ctx, PodCtx, Sink};
use k8s_openapi::api::core::v1::{KeyToPath, Volume};
use std::collections::HashSet;

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

pub(crate) fn name_problems(v: &Volume, path: &FieldPath, seen: &HashSet<&str>) -> Problems {
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

pub(crate) fn count_problems(v: &Volume, path: &FieldPath) -> Problems {
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

pub(crate) fn field_problems(v: &Volume, path: &FieldPath) -> Problems {
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
pub(crate) fn valid_volume_names<'a>(pod: &'a PodCtx<'_>) -> HashSet<&'a str> {
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

pub(crate) fn each_volume(
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
