//! `POST /api/v1/preview`: the designer's view of a design after each edit,
//! `{ design, kind? }` in, `{ yaml, report }` out, whatever the findings, the
//! team's policies included.

use super::export::JsonBody;
use super::{TargetOptions, TargetQuery};
use crate::ops::metrics;
use crate::team::{merge, policy_findings_off_thread};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Query, State};
use podwright_core::api::{DesignRequest, ErrorBody, Preview};
use podwright_core::convert::{export_design, retarget};
use podwright_core::validate::validate_exported;
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
    let exported = export_design(&design);
    let report = merge(
        validate_exported(&design, &exported, &options),
        policy_findings_off_thread(policies, vec![exported.workload().clone()]).await,
        &policies.settings().rules,
    );
    metrics::record_report("preview", &report);
    let yaml = write_documents(&exported.documents);
    Ok(Json(Preview { yaml, report }))
}
