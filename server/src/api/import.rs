//! `POST /api/v1/import`: manifests in, `{ design, report }` out.

use super::TargetQuery;
use super::manifest_body::ManifestBody;
use crate::ApiError;
use crate::ops::metrics;
use axum::Json;
use axum::extract::Query;
use podwright_core::convert::import_documents;
use podwright_core::model::Design;
use podwright_core::report::Report;
use podwright_core::validate::validate_stream;
use podwright_core::yaml::{Limits, read_stream};
use serde::Serialize;

/// What an import answers.
#[derive(Debug, Serialize)]
pub struct Imported {
    /// The design of the first workload.
    pub design: Design,
    /// Validation of all documents as they came in.
    pub report: Report,
}

/// Imports the first workload of the body as a design.
pub async fn import(
    Query(query): Query<TargetQuery>,
    ManifestBody(text): ManifestBody,
) -> Result<Json<Imported>, ApiError> {
    let options = query.options()?;
    let stream = read_stream(&text, &Limits::default())?;
    let report = validate_stream(&stream, &options);
    metrics::record_report("import", &report);
    let (design, _unknown) = import_documents(stream.documents)?;
    Ok(Json(Imported { design, report }))
}
