//! `GET /api/v1/rules`: every rule with its id, severity, summary and docs.

use axum::Json;
use podwright_core::rules::{RuleInfo, catalog};

/// Lists the rules.
pub async fn list() -> Json<Vec<RuleInfo>> {
    Json(catalog())
}
