//! `GET /api/v1/search-index`: the catalog's search index, for the browser to
//! query offline with `podwright_core::search::search`.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

/// Answers the whole index: `{ sections: [...], terms: { term: [[section, weight], ...] } }`.
pub async fn get(State(state): State<AppState>) -> Response {
    Json(state.catalog().search_index()).into_response()
}
