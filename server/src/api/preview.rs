//! `POST /api/v1/preview`: the designer's view of a design after each edit,
//! `{ design, kind? }` in, `{ yaml, report }` out, whatever the findings, the
//! team's policies included.

use super::export::JsonBody;
use super::{TargetOptions, TargetQuery};
use crate::ops::metrics;
use crate::team::{is_workload, merge, policy_findings_off_thread};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Query, State};
use podwright_core::api::{DesignRequest, ErrorBody, Preview};
use podwright_core::convert::{export_documents, retarget};
use podwright_core::validate::validate_design;
use podwright_core::yaml::write_documents;

/// Exports and validates the design in one answer.
#[utoipa::path(
    post,
    path = "/api/v1/preview",
    summary = "The designer's live view: the manifest and its report, whatever the findings",
    params(TargetQuery),
    request_body = DesignRequest,
    responses(
        (status = 200, description = "YAML and report", body = Preview),
        (status = 400, description = "Not a design", body = ErrorBody),
        (status = 413, description = "Too many containers or volumes", body = ErrorBody),
        (status = 422, description = "A field of the design has the wrong type; the error names its path (the designer takes that edit back)", body = ErrorBody),
    )
)]
pub async fn preview(
    State(state): State<AppState>,
    Query(query): Query<TargetQuery>,
    JsonBody(request): JsonBody<DesignRequest>,
) -> Result<Json<Preview>, ApiError> {
    let policies = &state.policies();
    let options = query.team_options(policies)?;
    request.design.check_size().map_err(ApiError::TooLarge)?;
    let design = match request.kind {
        Some(kind) => retarget(&request.design, kind),
        None => request.design,
    };
    let documents = export_documents(&design);
    // The design's findings carry no document index: so do the policies' on its workload.
    let workload: Vec<_> = documents
        .iter()
        .filter(|d| is_workload(d))
        .take(1)
        .cloned()
        .collect();
    let report = merge(
        validate_design(&design, &options),
        policy_findings_off_thread(policies, workload).await,
        &policies.settings().rules,
    );
    metrics::record_report("preview", &report);
    let yaml = write_documents(&documents);
    Ok(Json(Preview { yaml, report }))
}
