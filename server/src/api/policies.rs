//! `GET /api/v1/policies`: the team's loaded policies (name, source file, what
//! they match, their bindings' actions), what is wrong in their files, and the
//! team's settings.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use podwright_core::overrides::RuleOverrides;
use podwright_policy::PolicySummary;
use podwright_policy::compile::Issue;
use serde::Serialize;

/// The answer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policies {
    /// Every policy.
    pub policies: Vec<PolicySummary>,
    /// Problems in the files not tied to one policy (bindings without a
    /// policy, documents that are none of ours).
    pub issues: Vec<Issue>,
    /// The team's settings.
    pub settings: Settings,
}

/// The team's settings as JSON.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Severity overrides by rule id.
    pub rules: RuleOverrides,
    /// The default target version, when the team sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Whether the team's clusters allow privileged containers, when it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_privileged: Option<bool>,
}

/// Lists the policies.
pub async fn list(State(state): State<AppState>) -> Json<Policies> {
    let set = &state.policies();
    let policies = set.summaries();
    let names: Vec<&str> = policies.iter().map(|p| p.name.as_str()).collect();
    let issues: Vec<Issue> = set
        .issues()
        .into_iter()
        .filter(|issue| {
            !names.iter().any(|name| {
                issue.rule == format!("policy:{name}")
                    || issue.rule.starts_with(&format!("policy:{name}/"))
            })
        })
        .collect();
    let settings = set.settings();
    Json(Policies {
        policies,
        issues,
        settings: Settings {
            rules: settings.rules.clone(),
            target: settings.target.map(|t| t.to_string()),
            allow_privileged: settings.allow_privileged,
        },
    })
}
