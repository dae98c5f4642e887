//! `GET /api/v1/policies`: the team's loaded policies (name, source file, what
//! they match, their bindings' actions), what is wrong in their files, and the
//! team's settings.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use podwright_core::api::{Policies, PolicyIssue, TeamSettings};

/// Lists the policies.
#[utoipa::path(
    get,
    path = "/api/v1/policies",
    summary = "The team's policies (from --policy): name, source file, what they match, their bindings' actions",
    responses((status = 200, description = "The policies, problems in their files, and the team's settings", body = Policies))
)]
pub async fn list(State(state): State<AppState>) -> Json<Policies> {
    let set = &state.policies();
    let policies = set.summaries();
    let names: Vec<&str> = policies.iter().map(|p| p.name.as_str()).collect();
    let issues: Vec<PolicyIssue> = set
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
        settings: TeamSettings {
            rules: settings.rules.clone(),
            target: settings.target.map(|t| t.to_string()),
            allow_privileged: settings.allow_privileged,
        },
    })
}
