//! `POST /api/v1/preview`: the designer's view of a design after each edit,
//! `{ design, kind? }` in, `{ yaml, report }` out, whatever the findings.

use super::TargetQuery;
use super::export::{ExportRequest, JsonBody};
use crate::ApiError;
use crate::ops::metrics;
use axum::Json;
use axum::extract::Query;
use podwright_core::convert::{export_documents, retarget};
use podwright_core::report::Report;
use podwright_core::validate::validate_design;
use podwright_core::yaml::write_documents;
use serde::Serialize;

/// The exported YAML and what validation says about it.
#[derive(Debug, Serialize)]
pub struct Preview {
    /// The manifest as export writes it.
    pub yaml: String,
    /// Findings and derived facts.
    pub report: Report,
}

/// Exports and validates the design in one answer.
pub async fn preview(
    Query(query): Query<TargetQuery>,
    JsonBody(request): JsonBody<ExportRequest>,
) -> Result<Json<Preview>, ApiError> {
    let options = query.options()?;
    request.design.check_size().map_err(ApiError::TooLarge)?;
    let design = match request.kind {
        Some(kind) => retarget(&request.design, kind),
        None => request.design,
    };
    let report = validate_design(&design, &options);
    metrics::record_report("preview", &report);
    let yaml = write_documents(&export_documents(&design));
    Ok(Json(Preview { yaml, report }))
}
