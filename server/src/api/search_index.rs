//! `GET /api/v1/search-index`: the catalog's search index, for the browser to
//! query offline with `podwright_core::search::search`.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

/// Answers the whole index: `{ sections: [...], terms: { term: [[section, weight], ...] } }`.
#[utoipa::path(
    get,
    path = "/api/v1/search-index",
    summary = "The catalog's search index, to search in the browser",
    responses((status = 200, description = "The index", body = Object))
)]
pub async fn get(State(state): State<AppState>) -> Response {
    Json(state.catalog().search_index()).into_response()
}
