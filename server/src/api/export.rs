//! `POST /api/v1/export`: `{ design, kind?, format? }` in, the manifest out:
//! YAML by default, JSON on request.

use super::TargetQuery;
use crate::ApiError;
use crate::ops::metrics;
use axum::Json;
use axum::extract::{FromRequest, Query};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use podwright_core::convert::{export_documents, retarget};
use podwright_core::model::{Design, WorkloadKind};
use podwright_core::validate::validate_design;
use podwright_core::yaml::write_documents;
use serde::Deserialize;
use serde_json::{Value, json};

/// What to export.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// The design.
    pub design: Design,
    /// The workload kind to write the Pod as; the design's own by default.
    pub kind: Option<WorkloadKind>,
    /// `yaml` (default) or `json`.
    #[serde(default)]
    pub format: Format,
}

/// Output formats.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// kubectl-style YAML, several documents separated by `---`.
    #[default]
    Yaml,
    /// JSON: one object, or a `List` of several.
    Json,
}

/// A JSON body whose rejections answer in the API's error shape.
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct JsonBody<T>(pub T);

/// Writes the design as manifests; a design with errors answers 422 and its report.
pub async fn export(
    Query(query): Query<TargetQuery>,
    JsonBody(request): JsonBody<ExportRequest>,
) -> Result<Response, ApiError> {
    let options = query.options()?;
    request.design.check_size().map_err(ApiError::TooLarge)?;
    let design = match request.kind {
        Some(kind) => retarget(&request.design, kind),
        None => request.design,
    };
    let report = validate_design(&design, &options);
    metrics::record_report("export", &report);
    if !report.valid {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(report)).into_response());
    }
    let documents = export_documents(&design);
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
