//! `field-not-in-target`: a field whose feature gate is off by default at the
//! target version, which the API server drops without an error.

use super::fields::{AtTarget, gated_fields};
use crate::report::Severity;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `field-not-in-target`: a field the target version drops.
pub(crate) static FIELD_NOT_IN_TARGET: Rule = Rule {
    id: "field-not-in-target",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A field belongs to a feature the target Kubernetes version does not enable; the API server drops it.",
    explanation: "Fields of features whose gate is off by default (alpha, or beta but off) are removed before validation (`dropDisabledFields`), without an error: the object is accepted, but the setting has no effect (an image volume goes with every mount of it; an env var whose only source was `fileKeyRef` is then refused for having none). Raise the target version, or enable the feature gate on the cluster. A field older API servers do not have at all is refused instead (`field-unknown-at-target`).\n\n| feature | fields | in the API from | on by default from |\n|---|---|---|---|\n| DynamicResourceAllocation | `resourceClaims`, `resources.claims` | 1.26 | 1.34 |\n| PodLevelResources | `spec.resources` | 1.32 | 1.34 |\n| ContainerRestartRules | `restartPolicyRules`; `restartPolicy` on app containers, or other than `Always` on init containers | 1.34 | 1.35 |\n| EnvFiles | `env[].valueFrom.fileKeyRef` | 1.34 | 1.35 |\n| HostnameOverride | `hostnameOverride` | 1.34 | 1.35 |\n| ImageVolume | `volumes[].image` | 1.31 | 1.35 |\n| ClusterTrustBundleProjection | projected `clusterTrustBundle` | 1.29 | 1.37 |\n| PodCertificateRequest | projected `podCertificate` | 1.34 | 1.37 |\n| ContainerStopSignals | `lifecycle.stopSignal` | 1.33 | alpha |\n| EmptyDirVolumeMode | `emptyDir.mode` | 1.37 | alpha |\n| GenericWorkload | `schedulingGroup` | 1.37 | alpha |\n| EvictionResponders | `evictionResponders` | 1.37 | alpha |\n| VolumeBindMountOptions | `volumeMounts[].bindMountOptions` | 1.37 | alpha |\n| AtomicWriteVolumeUserFields | volume `defaultUser`, items' `user` | 1.37 | alpha |",
    fail: &[
        Case {
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
                "needs 1.35 (ImageVolume, on by default from 1.35): at 1.34 the API server drops it without an error, so the volume and every mount of it are removed with it",
            )],
        },
        Case {
            yaml: pod!(target: "1.33", r#"
  resourceClaims:
  - {name: gpu, resourceClaimTemplateName: gpu-template}
  containers:
  - name: train
    image: busybox:1.37
    resources: {claims: [{name: gpu}]}
"#),
            expect: &[
                (
                    "spec.resourceClaims",
                    "needs 1.34 (DynamicResourceAllocation, on by default from 1.34): at 1.33 the API server drops it without an error, so the Pod gets no devices from these claims",
                ),
                (
                    "spec.containers[0].resources.claims",
                    "needs 1.34 (DynamicResourceAllocation, on by default from 1.34): at 1.33 the API server drops it without an error, so the container gets no devices from these claims",
                ),
            ],
        },
        Case {
            yaml: pod!(target: "1.37", r#"
  os: {name: linux}
  containers:
  - name: web
    image: nginx:1.27
    lifecycle: {stopSignal: SIGUSR1}
"#),
            expect: &[(
                "spec.containers[0].lifecycle.stopSignal",
                "needs the ContainerStopSignals feature gate (alpha since 1.33, off by default): at 1.37 the API server drops it without an error, so the container is stopped with its image's stop signal",
            )],
        },
        Case {
            yaml: pod!(target: "1.37", r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: cache, mountPath: /cache, bindMountOptions: [noexec]}]
  volumes:
  - {name: cache, emptyDir: {}}
"#),
            expect: &[(
                "spec.containers[0].volumeMounts[0].bindMountOptions",
                "needs the VolumeBindMountOptions feature gate (alpha since 1.37, off by default): at 1.37 the API server drops it without an error, so the volume is mounted without these options",
            )],
        },
        Case {
            yaml: pod!(target: "1.34", r#"
  initContainers:
  - {name: migrate, image: busybox:1.37, restartPolicy: OnFailure}
  containers:
  - {name: web, image: nginx:1.27, restartPolicy: Always}
"#),
            expect: &[
                (
                    "spec.initContainers[0].restartPolicy",
                    "needs 1.35 (ContainerRestartRules, on by default from 1.35): at 1.34 the API server drops it without an error, so it runs as a regular init container",
                ),
                (
                    "spec.containers[0].restartPolicy",
                    "needs 1.35 (ContainerRestartRules, on by default from 1.35): at 1.34 the API server drops it without an error, so the container restarts by the Pod's restartPolicy",
                ),
            ],
        },
    ],
    pass: &[
        pod!(target: "1.35", r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: tools, mountPath: /tools}]
  volumes:
  - name: tools
    image: {reference: 'quay.io/example/tools:v1'}
"#),
        pod!(target: "1.34", r#"
  resourceClaims:
  - {name: gpu, resourceClaimTemplateName: gpu-template}
  containers:
  - name: train
    image: busybox:1.37
    resources: {claims: [{name: gpu}]}
"#),
        pod!(target: "1.35", r#"
  initContainers:
  - {name: migrate, image: busybox:1.37, restartPolicy: OnFailure}
  containers:
  - {name: web, image: nginx:1.27, restartPolicy: Always}
"#),
        pod!(target: "1.33", r#"
  hostnameOverride: web-primary
  containers:
  - {name: web, image: nginx:1.27}
"#),
    ],
    check: Check::Workload(field_not_in_target),
};

fn field_not_in_target(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let target = ctx.options.target;
    for field in gated_fields(pod) {
        if field.gated.at(target) != AtTarget::Dropped {
            continue;
        }
        let gate = field.gated.gate;
        let needs = match field.gated.on_from {
            Some(on) => format!("needs 1.{on} ({gate}, on by default from 1.{on})"),
            None => format!(
                "needs the {gate} feature gate (alpha since 1.{}, off by default)",
                field.gated.added
            ),
        };
        sink.report(
            &field.path,
            format!(
                "{needs}: at {target} the API server drops it without an error, so {}",
                field.effect
            ),
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
