//! Volumes and volume mounts: sources, names, mounts, devices, and who may
//! write where.

pub(super) mod deprecated;
pub(super) mod devices;
pub(super) mod mounts;
pub(super) mod names;
pub(super) mod propagation;
pub(super) mod sharing;
pub(super) mod source_fields;
pub(super) mod sources;
pub(super) mod usage;

use crate::rules::CtrCtx;
use k8s_openapi::api::core::v1::Volume;

pub(crate) fn is_config(v: &Volume) -> bool {
    v.secret.is_some()
        || v.config_map.is_some()
        || v.downward_api.is_some()
        || v.projected.is_some()
}

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
