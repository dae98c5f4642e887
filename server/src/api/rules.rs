//! `GET /api/v1/rules`: every rule with its id, severity, summary and docs.

use axum::Json;
use podwright_core::api::RuleInfo;
use podwright_core::rules::catalog;

/// Lists the rules.
#[utoipa::path(
    get,
    path = "/api/v1/rules",
    summary = "Every rule: id, origin, severity, summary and docs",
    responses((status = 200, description = "The rules", body = [RuleInfo]))
)]
pub async fn list() -> Json<Vec<RuleInfo>> {
    Json(catalog())
}
