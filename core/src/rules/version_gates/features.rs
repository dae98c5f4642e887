//! The Pod features the catalog relies on, and the releases that turned them on
//! (`pkg/features/kube_features.go`).

/// What the version gates know about a Pod feature the catalog relies on:
/// the release its feature gate appeared in (alpha, off by default), the
/// first release that turns it on by default, and the release it became
/// generally available, when that is recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PodFeature {
    /// What the catalog calls it.
    pub title: &'static str,
    /// Its feature gate.
    pub gate: &'static str,
    /// The fields or API it adds, as Markdown.
    pub fields: &'static str,
    /// The minor release its gate appeared in, off by default.
    pub alpha: u8,
    /// The first minor release in which it is on by default, if any yet.
    pub on_by_default: Option<u8>,
    /// The minor release it became generally available, if recorded.
    pub stable: Option<u8>,
}

const SIDECAR_CONTAINERS: PodFeature = PodFeature {
    title: "Native sidecar containers",
    gate: "SidecarContainers",
    fields: "`initContainers[].restartPolicy: Always`",
    alpha: 28,
    on_by_default: Some(29),
    stable: Some(33),
};

const SLEEP_ACTION: PodFeature = PodFeature {
    title: "Sleep action in lifecycle hooks",
    gate: "PodLifecycleSleepAction",
    fields: "`lifecycle.preStop.sleep`, `lifecycle.postStart.sleep`",
    alpha: 29,
    on_by_default: Some(30),
    stable: Some(34),
};

const IN_PLACE_RESIZE: PodFeature = PodFeature {
    title: "In-place resize of CPU and memory",
    gate: "InPlacePodVerticalScaling",
    fields: "the Pod's `resize` subresource, `resizePolicy`",
    alpha: 27,
    on_by_default: Some(33),
    stable: Some(35),
};

pub(crate) const POD_LEVEL_RESOURCES: PodFeature = PodFeature {
    title: "Pod-level resources",
    gate: "PodLevelResources",
    fields: "`spec.resources`",
    alpha: 32,
    on_by_default: Some(34),
    stable: None,
};

pub(crate) const CONTAINER_RESTART_RULES: PodFeature = PodFeature {
    title: "Container restart rules",
    gate: "ContainerRestartRules",
    fields: "`restartPolicy` on app containers, `restartPolicyRules`",
    alpha: 34,
    on_by_default: Some(35),
    stable: None,
};

pub(crate) const CONTAINER_STOP_SIGNALS: PodFeature = PodFeature {
    title: "Container stop signals",
    gate: "ContainerStopSignals",
    fields: "`lifecycle.stopSignal`",
    alpha: 33,
    on_by_default: None,
    stable: None,
};

/// The Pod features the catalog uses, in the order its feature matrix lists
/// them. The version-gate rules gate the fields of those not on in every supported
/// version with these same entries.
pub(crate) const POD_FEATURES: &[PodFeature] = &[
    SIDECAR_CONTAINERS,
    SLEEP_ACTION,
    IN_PLACE_RESIZE,
    POD_LEVEL_RESOURCES,
    CONTAINER_RESTART_RULES,
    CONTAINER_STOP_SIGNALS,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_feature_stages_come_in_order() {
        for feature in POD_FEATURES {
            let on = feature.on_by_default.unwrap_or(u8::MAX);
            assert!(feature.alpha < on, "{}", feature.gate);
            if let Some(stable) = feature.stable {
                assert!(on <= stable, "{}", feature.gate);
            }
        }
    }
}
