//! `POST /api/v1/validate`: manifests in, a `Report` out (200 also when invalid).

use super::TargetQuery;
use super::manifest_body::ManifestBody;
use crate::ApiError;
use crate::ops::metrics;
use axum::Json;
use axum::extract::Query;
use podwright_core::convert::check_documents;
use podwright_core::report::Report;
use podwright_core::validate::validate_stream;
use podwright_core::yaml::{Limits, read_stream};

/// Validates every document of the body.
pub async fn validate(
    Query(query): Query<TargetQuery>,
    ManifestBody(text): ManifestBody,
) -> Result<Json<Report>, ApiError> {
    let options = query.options()?;
    let stream = read_stream(&text, &Limits::default())?;
    check_documents(&stream.documents)?;
    let report = validate_stream(&stream, &options);
    metrics::record_report("validate", &report);
    Ok(Json(report))
}
