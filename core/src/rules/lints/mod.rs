//! Pattern-aware lints: accepted by the API server, but likely to hurt a
//! multi-container Pod. Every finding carries a fix hint and a catalog link.

mod database;
mod images;
mod lifecycle;
mod ordering;
mod ports;
mod probes;
mod resources;
mod security;
mod sidecars;
mod volumes;

use super::{CtrCtx, Place, Rule};
use crate::model::PatternRole;

pub(super) const RULES: &[&Rule] = &[
    &resources::MISSING_RESOURCES,
    &probes::MISSING_PROBES,
    &probes::SIDECAR_MISSING_PROBES,
    &probes::PROBE_PORT_UNDECLARED,
    &sidecars::CLASSIC_SIDECAR_IN_JOB,
    &sidecars::CLASSIC_SIDECAR,
    &ordering::INIT_WAITS_FOR_APP_CONTAINER,
    &ports::SHARED_PORT_NAME,
    &volumes::UNUSED_VOLUME,
    &volumes::SHARED_WRITABLE_VOLUME,
    &volumes::WRITABLE_CONFIG_VOLUME,
    &volumes::LOG_SHIPPER_WRITABLE_MOUNT,
    &volumes::SHARED_VOLUME_WITHOUT_FS_GROUP,
    &database::DATABASE_BESIDE_APP,
    &images::IMAGE_TAG,
    &security::PRIVILEGED_CONTAINER,
    &security::RUN_AS_ROOT,
    &security::ADDED_CAPABILITIES,
    &security::WRITABLE_ROOT_FILESYSTEM,
    &lifecycle::SHUTDOWN_EXCEEDS_GRACE_PERIOD,
];

/// How a finding names a container: `native sidecar "proxy"`, `init container "migrate"`.
pub(super) fn who(c: &CtrCtx<'_>) -> String {
    let kind = match (c.place, c.role) {
        (Place::Init, _) => "init container",
        (_, PatternRole::App) => "app container",
        (Place::Sidecar, PatternRole::NativeSidecar) => "native sidecar",
        (_, role) => role.label(),
    };
    format!("{kind} {:?}", c.spec.name)
}
