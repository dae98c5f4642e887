//! `GET /api/v1/patterns`: every catalog page as `{ slug, title, summary, tags, order }`,
//! by order then title.

use crate::AppState;
use crate::catalog::PageSummary;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

/// Lists the catalog's pages.
#[utoipa::path(
    get,
    path = "/api/v1/patterns",
    summary = "The catalog's pages",
    responses((status = 200, description = "Pages", body = [PageSummary]))
)]
pub async fn list(State(state): State<AppState>) -> Response {
    Json(state.catalog().summaries()).into_response()
}
