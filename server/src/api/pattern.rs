//! `GET /api/v1/patterns/{slug}`: one catalog page with its HTML, table of
//! contents and examples. Only pages loaded are served: the slug is
//! looked up, never turned into a path.

use crate::catalog::{Page, is_valid_slug};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use podwright_core::api::ErrorBody;

/// Answers the page named `slug`, or 404.
#[utoipa::path(
    get,
    path = "/api/v1/patterns/{slug}",
    summary = "One catalog page, rendered, with its examples",
    params(("slug" = String, Path, description = "The page's slug", pattern = "^[a-z0-9-]+$")),
    responses(
        (status = 200, description = "The page", body = Page),
        (status = 404, description = "No such page", body = ErrorBody),
    )
)]
pub async fn get(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let catalog = state.catalog();
    let page = is_valid_slug(&slug).then(|| catalog.page(&slug)).flatten();
    match page {
        Some(page) => Json(page).into_response(),
        None => ApiError::NotFound(format!("no pattern page named {slug:?}")).into_response(),
    }
}
