//! Fields newer than the target version (§1.0, §1.16): the API server drops
//! fields of disabled features silently, so they are warnings, not errors.

use super::{Check, Ctx, Rule, Sink};
use crate::report::{FieldPath, Severity};
use crate::rules::{Case, Origin};

pub(super) const RULES: &[&Rule] = &[&FIELD_NOT_IN_TARGET];

/// When a feature's fields take effect with default feature gates.
#[derive(Clone, Copy)]
enum Gate {
    /// On by default from 1.`minor`.
    From(u8),
    /// Alpha (off by default) since 1.`minor`, in every supported version.
    Alpha(u8),
}

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

impl PodFeature {
    /// The gate the `field-not-in-target` rule applies to its fields.
    fn gate(self) -> Gate {
        match self.on_by_default {
            Some(minor) => Gate::From(minor),
            None => Gate::Alpha(self.alpha),
        }
    }
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

const POD_LEVEL_RESOURCES: PodFeature = PodFeature {
    title: "Pod-level resources",
    gate: "PodLevelResources",
    fields: "`spec.resources`",
    alpha: 32,
    on_by_default: Some(34),
    stable: None,
};

const CONTAINER_RESTART_RULES: PodFeature = PodFeature {
    title: "Container restart rules",
    gate: "ContainerRestartRules",
    fields: "`restartPolicy` on app containers, `restartPolicyRules`",
    alpha: 34,
    on_by_default: Some(35),
    stable: None,
};

const CONTAINER_STOP_SIGNALS: PodFeature = PodFeature {
    title: "Container stop signals",
    gate: "ContainerStopSignals",
    fields: "`lifecycle.stopSignal`",
    alpha: 33,
    on_by_default: None,
    stable: None,
};

/// The Pod features the catalog uses, in the order its feature matrix lists
/// them. The rule below gates the fields of those not on in every supported
/// version with these same entries.
pub const POD_FEATURES: &[PodFeature] = &[
    SIDECAR_CONTAINERS,
    SLEEP_ACTION,
    IN_PLACE_RESIZE,
    POD_LEVEL_RESOURCES,
    CONTAINER_RESTART_RULES,
    CONTAINER_STOP_SIGNALS,
];

/// `field-not-in-target`: a field the target version ignores.
static FIELD_NOT_IN_TARGET: Rule = Rule {
    id: "field-not-in-target",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A field belongs to a feature the target Kubernetes version does not enable; the API server drops it.",
    explanation: "Fields of features that are off (not yet beta, or alpha) are removed before validation, without an error: the manifest is accepted, but the setting has no effect. Raise the target version, or enable the feature gate on the cluster.\n\n| feature | fields | on by default from |\n|---|---|---|\n| PodLevelResources | `spec.resources` | 1.34 |\n| ContainerRestartRules | `restartPolicyRules` | 1.35 |\n| EnvFiles | `env[].valueFrom.fileKeyRef` | 1.35 |\n| HostnameOverride | `hostnameOverride` | 1.35 |\n| ImageVolume | `volumes[].image` | 1.35 |\n| ClusterTrustBundleProjection, PodCertificateRequest | projected `clusterTrustBundle`, `podCertificate` | 1.37 |\n| ContainerStopSignals | `lifecycle.stopSignal` | alpha |\n| EmptyDirVolumeMode | `emptyDir.mode` | alpha (1.37) |",
    fail: &[Case {
        yaml: pod!(target: "1.34", r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: tools, mountPath: /tools}]
  volumes:
  - name: tools
    image: {reference: 'quay.io/example/tools:v1'}
"#),
        expect: &[(
            "spec.volumes[0].image",
            "ignored by the API server before 1.35 (ImageVolume is off in 1.34): the field is dropped silently",
        )],
    }],
    pass: &[pod!(target: "1.35", r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: tools, mountPath: /tools}]
  volumes:
  - name: tools
    image: {reference: 'quay.io/example/tools:v1'}
"#)],
    check: Check::Workload(field_not_in_target),
};

fn gate(ctx: &Ctx<'_>, sink: &mut Sink, path: FieldPath, feature: &str, gate: Gate) {
    let target = ctx.options.target;
    match gate {
        Gate::From(minor) if !target.at_least(minor) => {
            sink.report(path, format!("ignored by the API server before 1.{minor} ({feature} is off in {target}): the field is dropped silently"));
        }
        Gate::From(_) => {}
        Gate::Alpha(since) => {
            sink.report(path, format!("ignored by the API server unless the {feature} feature gate is on (alpha since 1.{since}, off by default): the field is dropped silently"));
        }
    }
}

fn field_not_in_target(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let spec = pod.spec;
    if spec.resources.is_some() {
        gate(
            ctx,
            sink,
            pod.path.child("resources"),
            POD_LEVEL_RESOURCES.gate,
            POD_LEVEL_RESOURCES.gate(),
        );
    }
    if spec.hostname_override.is_some() {
        gate(
            ctx,
            sink,
            pod.path.child("hostnameOverride"),
            "HostnameOverride",
            Gate::From(35),
        );
    }
    for c in &pod.containers {
        if c.spec.restart_policy_rules.is_some() {
            gate(
                ctx,
                sink,
                c.path.child("restartPolicyRules"),
                CONTAINER_RESTART_RULES.gate,
                CONTAINER_RESTART_RULES.gate(),
            );
        }
        for (j, e) in c.spec.env.iter().flatten().enumerate() {
            if e.value_from
                .as_ref()
                .is_some_and(|v| v.file_key_ref.is_some())
            {
                gate(
                    ctx,
                    sink,
                    c.path
                        .child("env")
                        .index(j)
                        .child("valueFrom")
                        .child("fileKeyRef"),
                    "EnvFiles",
                    Gate::From(35),
                );
            }
        }
        if c.spec
            .lifecycle
            .as_ref()
            .is_some_and(|l| l.stop_signal.is_some())
        {
            gate(
                ctx,
                sink,
                c.path.child("lifecycle").child("stopSignal"),
                CONTAINER_STOP_SIGNALS.gate,
                CONTAINER_STOP_SIGNALS.gate(),
            );
        }
    }
    for (i, v) in spec.volumes.iter().flatten().enumerate() {
        let path = pod.path.child("volumes").index(i);
        if v.image.is_some() {
            gate(
                ctx,
                sink,
                path.child("image"),
                "ImageVolume",
                Gate::From(35),
            );
        }
        if v.empty_dir.as_ref().is_some_and(|e| e.mode.is_some()) {
            gate(
                ctx,
                sink,
                path.child("emptyDir").child("mode"),
                "EmptyDirVolumeMode",
                Gate::Alpha(37),
            );
        }
        for (k, s) in v
            .projected
            .iter()
            .flat_map(|p| p.sources.iter().flatten())
            .enumerate()
        {
            let sp = path.child("projected").child("sources").index(k);
            if s.cluster_trust_bundle.is_some() {
                gate(
                    ctx,
                    sink,
                    sp.child("clusterTrustBundle"),
                    "ClusterTrustBundleProjection",
                    Gate::From(37),
                );
            }
            if s.pod_certificate.is_some() {
                gate(
                    ctx,
                    sink,
                    sp.child("podCertificate"),
                    "PodCertificateRequest",
                    Gate::From(37),
                );
            }
        }
    }
    if spec.scheduling_group.is_some() {
        gate(
            ctx,
            sink,
            pod.path.child("schedulingGroup"),
            "GenericWorkload",
            Gate::Alpha(37),
        );
    }
    if spec.eviction_responders.is_some() {
        gate(
            ctx,
            sink,
            pod.path.child("evictionResponders"),
            "EvictionResponders",
            Gate::Alpha(37),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::POD_FEATURES;
    use crate::rules::testing::findings;

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

    #[test]
    fn pod_level_resources_from_134() {
        let body = "\n  resources: {limits: {cpu: '1'}}\n  containers:\n  - {name: web, image: nginx:1.27}\n";
        let at = |target: &str| {
            findings(
                "field-not-in-target",
                &format!(
                    "# target: {target}\n{}{body}",
                    "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:"
                ),
            )
        };
        assert_eq!(at("1.33").len(), 1);
        assert!(at("1.34").is_empty());
    }
}
