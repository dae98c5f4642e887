//! `POST /api/v1/export`: `{ design, kind?, format? }` in, the manifest out:
//! YAML by default, JSON on request.

use super::{TargetOptions, TargetQuery};
use crate::ApiError;
use crate::ops::metrics;
use axum::Json;
use axum::extract::{FromRequest, Query};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use podwright_core::api::{DesignRequest, ErrorBody, Format};
use podwright_core::convert::{export_design, retarget};
use podwright_core::report::Report;
use podwright_core::validate::validate_exported;
use podwright_core::yaml::write_documents;
use serde_json::{Value, json};

/// A JSON body whose rejections answer in the API's error shape.
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct JsonBody<T>(pub T);

/// Writes the design as manifests; a design with errors answers 422 and its report.
#[utoipa::path(
    post,
    path = "/api/v1/export",
    summary = "Write a design as manifests",
    params(TargetQuery),
    request_body = DesignRequest,
    responses(
        (status = 200, description = "The manifest", content((String = "application/yaml"), (Object = "application/json"))),
        (status = 400, description = "Not a design", body = ErrorBody),
        (status = 413, description = "Too many containers or volumes", body = ErrorBody),
        (status = 422, description = "The design has errors", body = Report),
    )
)]
pub async fn export(
    Query(query): Query<TargetQuery>,
    JsonBody(request): JsonBody<DesignRequest>,
) -> Result<Response, ApiError> {
    let options = query.options()?;
    request.design.check_size().map_err(ApiError::TooLarge)?;
    let design = match request.kind {
        Some(kind) => retarget(&request.design, kind),
        None => request.design,
    };
    let exported = export_design(&design);
    let report = validate_exported(&design, &exported, &options);
    metrics::record_report("export", &report);
    if !report.valid {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response());
    }
    let documents = exported.documents;
    Ok(match request.format {
        Format::Yaml => (
            [(CONTENT_TYPE, "application/yaml")],
            write_documents(&documents),
        )
            .into_response(),
        Format::Json => Json(as_one_json(documents)).into_response(),
    })
}

/// One document as itself; several as a `v1` `List`, as kubectl writes them.
fn as_one_json(mut documents: Vec<Value>) -> Value {
    if documents.len() == 1 {
        documents.remove(0)
    } else {
        json!({ "apiVersion": "v1", "kind": "List", "items": documents })
    }
}
