//! Fields newer than the target version: `pkg/api/pod/util.go`
//! `dropDisabledFields` drops fields of disabled features silently, so they are
//! warnings, not errors. Feature stages follow `pkg/features/kube_features.go`.

pub(super) mod features;

use crate::report::{FieldPath, Severity};
use crate::rules::version_gates::features::{
    CONTAINER_RESTART_RULES, CONTAINER_STOP_SIGNALS, Gate, POD_LEVEL_RESOURCES,
};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `field-not-in-target`: a field the target version ignores.
pub(crate) static FIELD_NOT_IN_TARGET: Rule = Rule {
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
