//! Volumes and volume mounts: sources, names, mounts, devices, and who may
//! write where.

pub(super) mod claim_sources;
pub(super) mod config_sources;
pub(super) mod deprecated;
pub(super) mod devices;
pub(super) mod host_sources;
pub(super) mod mounts;
pub(super) mod names;
pub(super) mod projected;
pub(super) mod propagation;
pub(super) mod sharing;
pub(super) mod sources;
pub(super) mod usage;

use crate::model::volume_sources;
use crate::path::Descend;
use crate::rules::{CtrCtx, PodCtx};
use k8s_openapi::api::core::v1::Volume;
use rustc_hash::FxHashSet;
use sources::{FieldCheck, Problems, VolumePath, count_problems, name_problems};

/// The field checks of each volume source that has some.
const FIELD_CHECKS: &[(&str, FieldCheck)] = &[
    ("hostPath", host_sources::host_path),
    ("emptyDir", host_sources::empty_dir),
    ("secret", config_sources::secret),
    (
        "persistentVolumeClaim",
        claim_sources::persistent_volume_claim,
    ),
    ("nfs", host_sources::nfs),
    ("downwardAPI", config_sources::downward_api),
    ("configMap", config_sources::config_map),
    ("projected", projected::projected),
    ("csi", claim_sources::csi),
    ("ephemeral", claim_sources::ephemeral),
    ("image", claim_sources::image),
];

/// The problems of the fields of a volume's (first) source.
fn field_problems(v: &Volume, path: VolumePath<'_>) -> Problems {
    let Some(first) = volume_sources(v).next() else {
        return Problems::new();
    };
    FIELD_CHECKS
        .iter()
        .find(|(kind, _)| *kind == first)
        .map(|(_, check)| check(v, path.child(first)))
        .unwrap_or_default()
}

/// The names of the volumes the API server accepts (a volume with any error is left out).
pub(crate) fn valid_volume_names<'a>(pod: &'a PodCtx<'_>) -> FxHashSet<&'a str> {
    let mut names = FxHashSet::default();
    for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
        let path = pod.path.child("volumes").index(i);
        if name_problems(v, path, &names).is_empty()
            && count_problems(v, path).is_empty()
            && field_problems(v, path).is_empty()
        {
            names.insert(v.name.as_str());
        }
    }
    names
}

/// Whether a volume holds configuration: a secret, ConfigMap, downward API or projected volume.
pub(crate) fn is_config(v: &Volume) -> bool {
    v.secret.is_some()
        || v.config_map.is_some()
        || v.downward_api.is_some()
        || v.projected.is_some()
}

/// The mounts of `volume` in container `c`, with their index.
pub(crate) fn mounts<'a>(
    c: &'a CtrCtx<'_>,
    volume: &'a str,
) -> impl Iterator<Item = (usize, &'a k8s_openapi::api::core::v1::VolumeMount)> {
    c.spec
        .volume_mounts
        .iter()
        .flatten()
        .enumerate()
        .filter(move |(_, m)| m.name == volume)
}
