//! The values the API server allows for enum-like string fields of a Pod
//! (`k8s.io/kubernetes/pkg/apis/core/validation`: `supportedPullPolicies`,
//! `supportedRestartPolicies`, `supportedPortProtocols`,
//! `supportedMountPropagations`). The rules check against them and the UI
//! offers them.

/// `imagePullPolicy` of a container and `pullPolicy` of an image volume.
pub const PULL_POLICIES: &[&str] = &["Always", "IfNotPresent", "Never"];

/// `restartPolicy` of a Pod, and of a container's own on 1.35 and newer.
pub const RESTART_POLICIES: &[&str] = &["Always", "OnFailure", "Never"];

/// `restartPolicy` of an init container before 1.35: `Always` makes it a native sidecar.
pub const INIT_CONTAINER_RESTART_POLICIES: &[&str] = &["Always"];

/// `protocol` of a container port, in the order the API server lists them.
pub const PORT_PROTOCOLS: &[&str] = &["SCTP", "TCP", "UDP"];

/// `mountPropagation` of a volume mount, in the order the API server lists them.
pub const MOUNT_PROPAGATIONS: &[&str] = &["Bidirectional", "HostToContainer", "None"];
