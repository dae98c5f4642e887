//! Fields newer than the target version (§1.0, §1.16): the API server drops
//! fields of disabled features silently, so they are warnings, not errors.

use super::{Check, Ctx, Rule, Sink};
use crate::report::{FieldPath, Severity};

pub(super) const RULES: &[&Rule] = &[&FIELD_NOT_IN_TARGET];

/// When a feature's fields take effect with default feature gates.
#[derive(Clone, Copy)]
enum Gate {
    /// On by default from 1.`minor`.
    From(u8),
    /// Alpha (off by default) in every supported version.
    Alpha(&'static str),
}

/// `field-not-in-target`: a field the target version ignores.
static FIELD_NOT_IN_TARGET: Rule = Rule {
    id: "field-not-in-target",
    severity: Severity::Warning,
    summary: "A field belongs to a feature the target Kubernetes version does not enable; the API server drops it.",
    explanation: "Fields of features that are off (not yet beta, or alpha) are removed before validation, without an error: the manifest is accepted, but the setting has no effect. Raise the target version, or enable the feature gate on the cluster.\n\n| feature | fields | on by default from |\n|---|---|---|\n| PodLevelResources | `spec.resources` | 1.34 |\n| ContainerRestartRules | `restartPolicyRules` | 1.35 |\n| EnvFiles | `env[].valueFrom.fileKeyRef` | 1.35 |\n| HostnameOverride | `hostnameOverride` | 1.35 |\n| ImageVolume | `volumes[].image` | 1.35 |\n| ClusterTrustBundleProjection, PodCertificateRequest | projected `clusterTrustBundle`, `podCertificate` | 1.37 |\n| ContainerStopSignals | `lifecycle.stopSignal` | alpha |\n| EmptyDirVolumeMode | `emptyDir.mode` | alpha (1.37) |",
    fail: &[
        pod!(target: "1.34", "\n  containers:\n  - name: web\n    image: nginx:1.27\n    volumeMounts: [{name: tools, mountPath: /tools}]\n  volumes:\n  - name: tools\n    image: {reference: 'quay.io/example/tools:v1'}\n"),
    ],
    pass: &[
        pod!(target: "1.35", "\n  containers:\n  - name: web\n    image: nginx:1.27\n    volumeMounts: [{name: tools, mountPath: /tools}]\n  volumes:\n  - name: tools\n    image: {reference: 'quay.io/example/tools:v1'}\n"),
    ],
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
            sink.report(path, format!("ignored by the API server unless the {feature} feature gate is on (alpha since {since}, off by default): the field is dropped silently"));
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
            "PodLevelResources",
            Gate::From(34),
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
                "ContainerRestartRules",
                Gate::From(35),
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
                "ContainerStopSignals",
                Gate::Alpha("1.33"),
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
                Gate::Alpha("1.37"),
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
            Gate::Alpha("1.37"),
        );
    }
    if spec.eviction_responders.is_some() {
        gate(
            ctx,
            sink,
            pod.path.child("evictionResponders"),
            "EvictionResponders",
            Gate::Alpha("1.37"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

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

#[cfg(test)]
mod cases {
    #[test]
    fn every_rule_flags_its_fail_cases_and_passes_its_pass_cases() {
        for rule in super::RULES {
            crate::rules::testing::check_cases(rule);
        }
    }
}
