//! The query string of every validating endpoint.

use serde::{Deserialize, Serialize};

/// `?target=1.35&allowPrivileged=true`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default, rename_all = "camelCase")]
pub struct TargetQuery {
    /// Kubernetes version to validate for; the newest by default.
    #[cfg_attr(feature = "openapi", param(inline, value_type = Option<crate::version::KubeVersion>))]
    pub target: Option<String>,
    /// Whether the cluster allows privileged containers; unknown (a warning) by default.
    pub allow_privileged: Option<bool>,
}
