//! What `GET /api/v1/policies` and the Team policy page show about each policy.

use crate::compile::CompiledPolicy;
use crate::matching::describe;

pub use podwright_core::api::PolicySummary;

/// The summary of `policy`.
pub fn summarize(policy: &CompiledPolicy) -> PolicySummary {
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
