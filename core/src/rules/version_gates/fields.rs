//! The Pod fields that came with a feature gate, where a workload writes
//! them, and what the API server of a target version does with them.
//!
//! Facts from `pkg/features/kube_features.go` (the release a gate appeared in
//! and the one that turned it on by default) and `pkg/api/pod/util.go`
//! `dropDisabledFields` (which fields a gate that is off removes).

use super::features::{
    CONTAINER_RESTART_RULES, CONTAINER_STOP_SIGNALS, POD_LEVEL_RESOURCES, PodFeature,
};
use crate::path::Descend;
use crate::report::FieldPath;
use crate::rules::{Place, PodCtx};
use crate::version::KubeVersion;
use k8s_openapi::api::core::v1::{DownwardAPIVolumeFile, KeyToPath, Volume};

/// When the fields of a feature gate exist and take effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gated {
    /// The feature gate.
    pub gate: &'static str,
    /// The minor release whose API first has the fields (the gate's alpha).
    pub added: u8,
    /// The first minor release with the gate on by default, if any yet.
    pub on_from: Option<u8>,
    /// Whether the field is older than its gate: before the gate, the API
    /// knows the field and validation refuses the value (the rules about
    /// the field report that), rather than strict decoding refusing it.
    pub older_than_gate: bool,
}

/// What the API server of a target version does with a gated field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AtTarget {
    /// Its schema has no such field: strict field validation refuses it.
    Unknown,
    /// The field is known but the gate does not exist yet: validation
    /// refuses the value.
    Refused,
    /// The field exists but its gate is off by default: `dropDisabledFields`
    /// removes it before validation, without an error.
    Dropped,
    /// The gate is on by default: the field takes effect.
    On,
}

impl Gated {
    /// What the version-gate rules know about the fields of a catalog
    /// feature: they came with its gate, and take effect once the gate is on
    /// by default.
    pub(crate) const fn of(feature: PodFeature) -> Gated {
        Gated {
            gate: feature.gate,
            added: feature.alpha,
            on_from: feature.on_by_default,
            older_than_gate: false,
        }
    }

    /// What the API server of `target` does with the field.
    pub(crate) fn at(self, target: KubeVersion) -> AtTarget {
        if !target.at_least(self.added) {
            if self.older_than_gate {
                AtTarget::Refused
            } else {
                AtTarget::Unknown
            }
        } else if self.on_from.is_some_and(|on| target.at_least(on)) {
            AtTarget::On
        } else {
            AtTarget::Dropped
        }
    }

    /// When the gate is on by default, in words: "on by default from 1.35",
    /// or "alpha, off by default".
    pub(crate) fn default_state(self) -> String {
        match self.on_from {
            Some(on) => format!("on by default from 1.{on}"),
            None => "alpha, off by default".to_owned(),
        }
    }
}

/// Dynamic resource allocation: `resourceClaims` and container `resources.claims`.
const DYNAMIC_RESOURCE_ALLOCATION: Gated = Gated {
    gate: "DynamicResourceAllocation",
    added: 26,
    on_from: Some(34),
    older_than_gate: false,
};
const HOSTNAME_OVERRIDE: Gated = Gated {
    gate: "HostnameOverride",
    added: 34,
    on_from: Some(35),
    older_than_gate: false,
};
const ENV_FILES: Gated = Gated {
    gate: "EnvFiles",
    added: 34,
    on_from: Some(35),
    older_than_gate: false,
};
const IMAGE_VOLUME: Gated = Gated {
    gate: "ImageVolume",
    added: 31,
    on_from: Some(35),
    older_than_gate: false,
};
const EMPTY_DIR_VOLUME_MODE: Gated = Gated {
    gate: "EmptyDirVolumeMode",
    added: 37,
    on_from: None,
    older_than_gate: false,
};
const CLUSTER_TRUST_BUNDLE_PROJECTION: Gated = Gated {
    gate: "ClusterTrustBundleProjection",
    added: 29,
    on_from: Some(37),
    older_than_gate: false,
};
const POD_CERTIFICATE_REQUEST: Gated = Gated {
    gate: "PodCertificateRequest",
    added: 34,
    on_from: Some(37),
    older_than_gate: false,
};
const GENERIC_WORKLOAD: Gated = Gated {
    gate: "GenericWorkload",
    added: 37,
    on_from: None,
    older_than_gate: false,
};
const EVICTION_RESPONDERS: Gated = Gated {
    gate: "EvictionResponders",
    added: 37,
    on_from: None,
    older_than_gate: false,
};

const VOLUME_BIND_MOUNT_OPTIONS: Gated = Gated {
    gate: "VolumeBindMountOptions",
    added: 37,
    on_from: None,
    older_than_gate: false,
};
const ATOMIC_WRITE_VOLUME_USER_FIELDS: Gated = Gated {
    gate: "AtomicWriteVolumeUserFields",
    added: 37,
    on_from: None,
    older_than_gate: false,
};

/// What the files of a volume lose when their owner fields are dropped.
const DEFAULT_OWNER: &str = "the files keep the default owner";

/// A gated field a workload writes.
#[derive(Clone, Debug)]
pub(crate) struct GatedField {
    /// Where it is written.
    pub path: FieldPath,
    /// Its gate.
    pub gated: Gated,
    /// What the Pod loses when the field is dropped.
    pub effect: &'static str,
}

/// Every gated field the Pod spec writes, in document order.
pub(crate) fn gated_fields(pod: &PodCtx<'_>) -> Vec<GatedField> {
    let mut found = Vec::new();
    let mut add = |path: FieldPath, gated: Gated, effect: &'static str| {
        found.push(GatedField {
            path,
            gated,
            effect,
        });
    };
    let spec = pod.spec;
    if spec.resources.is_some() {
        add(
            pod.path.child("resources").to_path(),
            Gated::of(POD_LEVEL_RESOURCES),
            "only the containers' own requests and limits apply",
        );
    }
    if spec.resource_claims.is_some() {
        add(
            pod.path.child("resourceClaims").to_path(),
            DYNAMIC_RESOURCE_ALLOCATION,
            "the Pod gets no devices from these claims",
        );
    }
    if spec.hostname_override.is_some() {
        add(
            pod.path.child("hostnameOverride").to_path(),
            HOSTNAME_OVERRIDE,
            "the Pod keeps its default hostname",
        );
    }
    for c in &pod.containers {
        if c.spec.restart_policy.is_some() && c.place != Place::Sidecar {
            // Only native sidecars (`Always`) predate ContainerRestartRules.
            let effect = if c.place == Place::App {
                "the container restarts by the Pod's restartPolicy"
            } else {
                "it runs as a regular init container"
            };
            add(
                c.path.child("restartPolicy").to_path(),
                Gated {
                    older_than_gate: true,
                    ..Gated::of(CONTAINER_RESTART_RULES)
                },
                effect,
            );
        }
        if c.spec
            .resources
            .as_ref()
            .is_some_and(|r| r.claims.is_some())
        {
            add(
                c.path.child("resources").child("claims").to_path(),
                DYNAMIC_RESOURCE_ALLOCATION,
                "the container gets no devices from these claims",
            );
        }
        if c.spec.restart_policy_rules.is_some() {
            add(
                c.path.child("restartPolicyRules").to_path(),
                Gated::of(CONTAINER_RESTART_RULES),
                "the container restarts by its restartPolicy alone",
            );
        }
        for (j, e) in c.spec.env.iter().flatten().enumerate() {
            if e.value_from
                .as_ref()
                .is_some_and(|v| v.file_key_ref.is_some())
            {
                add(
                    c.path
                        .child("env")
                        .index(j)
                        .child("valueFrom")
                        .child("fileKeyRef")
                        .to_path(),
                    ENV_FILES,
                    "`valueFrom` is left without a source, which validation then refuses",
                );
            }
        }
        for (j, m) in c.spec.volume_mounts.iter().flatten().enumerate() {
            if m.bind_mount_options.is_some() {
                add(
                    c.path
                        .child("volumeMounts")
                        .index(j)
                        .child("bindMountOptions")
                        .to_path(),
                    VOLUME_BIND_MOUNT_OPTIONS,
                    "the volume is mounted without these options",
                );
            }
        }
        if c.spec
            .lifecycle
            .as_ref()
            .is_some_and(|l| l.stop_signal.is_some())
        {
            add(
                c.path.child("lifecycle").child("stopSignal").to_path(),
                Gated::of(CONTAINER_STOP_SIGNALS),
                "the container is stopped with its image's stop signal",
            );
        }
    }
    for (i, v) in spec.volumes.iter().flatten().enumerate() {
        let path = pod.path.child("volumes").index(i);
        if v.image.is_some() {
            add(
                path.child("image").to_path(),
                IMAGE_VOLUME,
                "the volume and every mount of it are removed with it",
            );
        }
        for (source, default_user, users) in owner_fields(v) {
            let source_path = path.child(source);
            if default_user {
                add(
                    source_path.child("defaultUser").to_path(),
                    ATOMIC_WRITE_VOLUME_USER_FIELDS,
                    DEFAULT_OWNER,
                );
            }
            for item in users {
                add(
                    source_path.to_path().join(&item).child("user").to_path(),
                    ATOMIC_WRITE_VOLUME_USER_FIELDS,
                    DEFAULT_OWNER,
                );
            }
        }
        if v.empty_dir.as_ref().is_some_and(|e| e.mode.is_some()) {
            add(
                path.child("emptyDir").child("mode").to_path(),
                EMPTY_DIR_VOLUME_MODE,
                "the directory gets the default mode",
            );
        }
        for (k, s) in v
            .projected
            .iter()
            .flat_map(|p| p.sources.iter().flatten())
            .enumerate()
        {
            let source = path.child("projected").child("sources").index(k);
            if s.cluster_trust_bundle.is_some() {
                add(
                    source.child("clusterTrustBundle").to_path(),
                    CLUSTER_TRUST_BUNDLE_PROJECTION,
                    "the volume gets no trust bundle",
                );
            }
            if s.pod_certificate.is_some() {
                add(
                    source.child("podCertificate").to_path(),
                    POD_CERTIFICATE_REQUEST,
                    "the volume gets no certificate",
                );
            }
        }
    }
    if spec.scheduling_group.is_some() {
        add(
            pod.path.child("schedulingGroup").to_path(),
            GENERIC_WORKLOAD,
            "the Pod is scheduled on its own",
        );
    }
    if spec.eviction_responders.is_some() {
        add(
            pod.path.child("evictionResponders").to_path(),
            EVICTION_RESPONDERS,
            "no responder is told of an eviction",
        );
    }
    found
}

/// The file-owner fields a volume writes, per source: its name, whether it
/// sets `defaultUser`, and the items (relative paths such as `items[0]` or
/// `sources[1].secret.items[0]`) that set `user`.
fn owner_fields(v: &Volume) -> Vec<(&'static str, bool, Vec<String>)> {
    fn items<T>(items: Option<&Vec<T>>, user: fn(&T) -> Option<i64>, prefix: &str) -> Vec<String> {
        items
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, item)| user(item).is_some())
            .map(|(i, _)| format!("{prefix}items[{i}]"))
            .collect()
    }
    let key_user = |k: &KeyToPath| k.user;
    let file_user = |f: &DownwardAPIVolumeFile| f.user;
    let mut found = Vec::new();
    if let Some(s) = &v.config_map {
        let users = items(s.items.as_ref(), key_user, "");
        found.push(("configMap", s.default_user.is_some(), users));
    }
    if let Some(s) = &v.secret {
        let users = items(s.items.as_ref(), key_user, "");
        found.push(("secret", s.default_user.is_some(), users));
    }
    if let Some(s) = &v.downward_api {
        let users = items(s.items.as_ref(), file_user, "");
        found.push(("downwardAPI", s.default_user.is_some(), users));
    }
    if let Some(s) = &v.projected {
        let mut users = Vec::new();
        for (k, source) in s.sources.iter().flatten().enumerate() {
            if let Some(c) = &source.config_map {
                users.extend(items(
                    c.items.as_ref(),
                    key_user,
                    &format!("sources[{k}].configMap."),
                ));
            }
            if let Some(c) = &source.secret {
                users.extend(items(
                    c.items.as_ref(),
                    key_user,
                    &format!("sources[{k}].secret."),
                ));
            }
            if let Some(c) = &source.downward_api {
                users.extend(items(
                    c.items.as_ref(),
                    file_user,
                    &format!("sources[{k}].downwardAPI."),
                ));
            }
        }
        found.push(("projected", s.default_user.is_some(), users));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_unknown_before_its_gate_dropped_while_off_and_on_after() {
        let v = |minor| KubeVersion::new(minor).unwrap();
        assert_eq!(HOSTNAME_OVERRIDE.at(v(33)), AtTarget::Unknown);
        assert_eq!(HOSTNAME_OVERRIDE.at(v(34)), AtTarget::Dropped);
        assert_eq!(HOSTNAME_OVERRIDE.at(v(35)), AtTarget::On);
        assert_eq!(EVICTION_RESPONDERS.at(v(36)), AtTarget::Unknown);
        assert_eq!(EVICTION_RESPONDERS.at(v(37)), AtTarget::Dropped);
        let older = Gated {
            older_than_gate: true,
            ..HOSTNAME_OVERRIDE
        };
        assert_eq!(older.at(v(33)), AtTarget::Refused);
        assert_eq!(older.at(v(34)), AtTarget::Dropped);
    }
}
