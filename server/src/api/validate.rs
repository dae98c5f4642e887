//! `POST /api/v1/validate`: manifests in, a `Report` out (200 also when invalid),
//! the team's policies included.

use super::manifest_body::ManifestBody;
use super::{TargetOptions, TargetQuery};
use crate::ops::metrics;
use crate::team::{merge, policy_findings_off_thread};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Query, State};
use podwright_core::api::ErrorBody;
use podwright_core::convert::check_documents;
use podwright_core::report::Report;
use podwright_core::validate::validate_stream;
use podwright_core::yaml::{Limits, read_stream};

/// Validates every document of the body.
#[utoipa::path(
    post,
    path = "/api/v1/validate",
    summary = "Validate manifests as the API server would, plus pattern-aware lints",
    params(TargetQuery),
    request_body(description = "One or more manifests", content((String = "application/yaml"), (Object = "application/json"))),
    responses(
        (status = 200, description = "The report, also for invalid manifests", body = Report),
        (status = 400, description = "Not YAML, too deep, not Kubernetes objects", body = ErrorBody),
        (status = 413, description = "Too large", body = ErrorBody),
        (status = 415, description = "Not a manifest media type", body = ErrorBody),
    )
)]
pub async fn validate(
    State(state): State<AppState>,
    Query(query): Query<TargetQuery>,
    ManifestBody(text): ManifestBody,
) -> Result<Json<Report>, ApiError> {
    let policies = &state.policies();
    let options = query.team_options(policies)?;
    let stream = read_stream(&text, &Limits::default())?;
    check_documents(&stream.documents)?;
    let report = validate_stream(&stream, &options);
    let team = policy_findings_off_thread(policies, stream.documents).await;
    let report = merge(report, team, &policies.settings().rules);
    metrics::record_report("validate", &report);
    Ok(Json(report))
}
