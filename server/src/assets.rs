//! The UI build and the built-in catalog content, embedded in release binaries
//! and read from `dist/` and `content/` in debug builds. The UI is served with
//! the single-page-app fallback: any path without a file extension answers
//! `index.html`, so deep links and reloads work.

use crate::ApiError;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

/// The files Trunk wrote to `dist/`.
#[derive(Embed)]
#[folder = "../dist/"]
#[allow_missing = true]
struct Ui;

/// The catalog that ships with Podwright: pages and their example manifests.
#[derive(Embed)]
#[folder = "../content/"]
pub(crate) struct BuiltInContent;

/// The UI's `index.html`, if the UI is built.
pub fn index_html() -> Option<String> {
    Ui::get("index.html").map(|file| String::from_utf8_lossy(&file.data).into_owned())
}

/// Serves a UI file, or `index.html` for application routes.
pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if let Some(response) = file(path) {
        return response;
    }
    let is_route = !path.rsplit('/').next().unwrap_or_default().contains('.');
    if is_route && !path.starts_with("api/") {
        if let Some(response) = file("index.html") {
            return response;
        }
        return ApiError::NotFound(
            "the UI is not built: run the README's serve command".to_owned(),
        )
        .into_response();
    }
    let what = if path.starts_with("api/") {
        "API endpoint"
    } else {
        "file"
    };
    ApiError::NotFound(format!("no {what} at /{path}")).into_response()
}

fn file(path: &str) -> Option<Response> {
    let path = if path.is_empty() { "index.html" } else { path };
    let file = Ui::get(path)?;
    let content_type = HeaderValue::from_str(file.metadata.mimetype()).ok()?;
    // Trunk puts a content hash in every asset name but index.html's.
    let cache = if path == "index.html" {
        "no-cache"
    } else {
        "public, max-age=31536000, immutable"
    };
    Some(
        (
            [
                (CONTENT_TYPE, content_type),
                (CACHE_CONTROL, HeaderValue::from_static(cache)),
            ],
            file.data,
        )
            .into_response(),
    )
}
