//! `POST /api/v1/read-yaml`: YAML text in, its documents as a JSON array out,
//! read as kubectl reads them. The designer's YAML fields use it, so that the
//! browser carries no YAML reader (issue 14).

use super::manifest_body::ManifestBody;
use crate::ApiError;
use axum::Json;
use podwright_core::api::ErrorBody;
use podwright_core::yaml::{Limits, read_documents};
use serde_json::Value;

/// Reads every document of the body.
#[utoipa::path(
    post,
    path = "/api/v1/read-yaml",
    summary = "Read YAML (kubectl's dialect) and answer its documents as JSON",
    request_body(description = "One or more YAML documents", content((String = "application/yaml"))),
    responses(
        (status = 200, description = "The documents, in order", body = Vec<Object>),
        (status = 400, description = "Not YAML (with its line and column), too deep, or empty", body = ErrorBody),
        (status = 413, description = "Too large", body = ErrorBody),
        (status = 415, description = "Not a YAML or JSON media type", body = ErrorBody),
    )
)]
pub async fn read_yaml(ManifestBody(text): ManifestBody) -> Result<Json<Vec<Value>>, ApiError> {
    Ok(Json(read_documents(&text, &Limits::default())?))
}
