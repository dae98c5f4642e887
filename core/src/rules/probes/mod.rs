//! Probes and lifecycle handlers: how the kubelet checks and stops containers.

pub(super) mod handlers;
pub(super) mod missing;
pub(super) mod ports;
pub(super) mod settings;
pub(super) mod shutdown;

use crate::rules::{CtrCtx, Ctx, Place};
use k8s_openapi::api::core::v1::Probe;

/// The probes of a container with their field names.
pub(crate) fn probes<'a>(c: &'a CtrCtx<'_>) -> [(&'static str, Option<&'a Probe>); 3] {
    [
        ("livenessProbe", c.spec.liveness_probe.as_ref()),
        ("readinessProbe", c.spec.readiness_probe.as_ref()),
        ("startupProbe", c.spec.startup_probe.as_ref()),
    ]
}

/// Containers whose probes and lifecycle the API server validates (plain init containers may have none).
pub(crate) fn long_running<'a>(ctx: &'a Ctx<'_>) -> impl Iterator<Item = &'a CtrCtx<'a>> {
    ctx.pod
        .iter()
        .flat_map(|p| p.containers.iter())
        .filter(|c| c.place != Place::Init)
}
