//! `GET /api/v1/patterns/{slug}`: one catalog page with its HTML, table of
//! contents and examples. Only pages loaded are served: the slug is
//! looked up, never turned into a path.

use crate::catalog::is_valid_slug;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

/// Answers the page named `slug`, or 404.
pub async fn get(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let catalog = state.catalog();
    let page = is_valid_slug(&slug).then(|| catalog.page(&slug)).flatten();
    match page {
        Some(page) => Json(page).into_response(),
        None => ApiError::NotFound(format!("no pattern page named {slug:?}")).into_response(),
    }
}
