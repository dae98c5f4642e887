//! The body of `GET /api/v1/policies`: the team's policies, what is wrong in
//! their files, and the team's settings.

use crate::overrides::RuleOverrides;
use crate::report::{Finding, Severity};
use serde::{Deserialize, Serialize};

/// The answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Policies {
    /// Every policy.
    pub policies: Vec<PolicySummary>,
    /// Problems in the files not tied to one policy (bindings without a
    /// policy, documents that are none of ours).
    pub issues: Vec<PolicyIssue>,
    /// The team's settings.
    pub settings: TeamSettings,
}

/// One policy: where it is written, what it matches, how it is bound.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PolicySummary {
    /// Its name.
    pub name: String,
    /// The file it was read from.
    pub source: String,
    /// The line it starts at.
    pub line: usize,
    /// What it matches, e.g. `CREATE apps/v1 deployments`.
    pub matches: Vec<String>,
    /// Its bindings and their actions, e.g. `team-images: Deny`; empty when not bound.
    pub bindings: Vec<String>,
    /// How many validations it has.
    pub validations: usize,
    /// The kind of its parameters, when it takes some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param_kind: Option<String>,
    /// What is wrong with it.
    pub issues: Vec<PolicyIssue>,
}

/// A problem in a policy file, at a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyIssue {
    /// Where.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The rule id findings about it carry: `policy:<name>` or `policy:<name>/<index>`.
    pub rule: String,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

impl PolicyIssue {
    /// The issue as a finding on the policy file, with its line.
    pub fn finding(&self) -> Finding {
        let mut finding = Finding::new(self.severity, &self.rule, "", self.message.clone());
        finding.line = Some(self.line);
        finding.column = Some(1);
        finding
    }
}

/// The team's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TeamSettings {
    /// Severity overrides by rule id.
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeMap<String, String>))]
    pub rules: RuleOverrides,
    /// The default target version, when the team sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Whether the team's clusters allow privileged containers, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_privileged: Option<bool>,
}
