//! What `GET /api/v1/policies` and the Team policy page show about each policy.

use crate::compile::{CompiledPolicy, Issue};
use crate::matching::describe;
use serde::Serialize;

/// One loaded policy, for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param_kind: Option<String>,
    /// What is wrong with it.
    pub issues: Vec<Issue>,
}

impl PolicySummary {
    /// The summary of `policy`.
    pub fn of(policy: &CompiledPolicy) -> PolicySummary {
        PolicySummary {
            name: policy.name.clone(),
            source: policy.place.file.clone(),
            line: policy.place.line,
            matches: policy
                .policy
                .spec
                .match_constraints
                .as_ref()
                .map(describe)
                .unwrap_or_default(),
            bindings: policy
                .bindings
                .iter()
                .map(|b| {
                    format!(
                        "{}: {}",
                        b.metadata.name,
                        b.spec.validation_actions.join(", ")
                    )
                })
                .collect(),
            validations: policy.checks.len(),
            param_kind: policy
                .param_kind()
                .map(|k| format!("{} ({})", k.kind, k.api_version)),
            issues: policy.issues(),
        }
    }
}
