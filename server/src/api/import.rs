//! `POST /api/v1/import`: manifests in, `{ design, report }` out.

use super::manifest_body::ManifestBody;
use super::{TargetOptions, TargetQuery};
use crate::ApiError;
use crate::ops::metrics;
use axum::Json;
use axum::extract::Query;
use podwright_core::api::{ErrorBody, Imported};
use podwright_core::convert::import_documents;
use podwright_core::validate::validate_stream;
use podwright_core::yaml::{Limits, read_stream};

/// Imports the first workload of the body as a design.
#[utoipa::path(
    post,
    path = "/api/v1/import",
    summary = "Turn manifests into a design",
    params(TargetQuery),
    request_body(description = "One or more manifests", content((String = "application/yaml"), (Object = "application/json"))),
    responses(
        (status = 200, description = "The design and its report", body = Imported),
        (status = 400, description = "Not YAML, or no workload", body = ErrorBody),
        (status = 413, description = "Too large", body = ErrorBody),
        (status = 415, description = "Not a manifest media type", body = ErrorBody),
    )
)]
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
