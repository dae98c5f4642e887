//! What validation assumes about the cluster it validates for.

use crate::version::KubeVersion;
use serde::{Deserialize, Serialize};

/// What validation is asked to assume about the cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// The Kubernetes version to validate for.
    pub target: KubeVersion,
    /// Whether the API server runs with `--allow-privileged`: `Some(false)`
    /// makes `privileged: true` an error, `Some(true)` silences it, and
    /// `None` (unknown, the default) reports it as a warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_privileged: Option<bool>,
}
