//! The HTTP API's request and answer bodies, shared by the server (which
//! answers with them) and the UI (which sends and reads them), so both agree
//! on every field name by construction. With the `openapi` feature each type
//! also describes itself as an OpenAPI schema (utoipa `ToSchema`), from which
//! the server generates `GET /api/v1/openapi.json`.

mod catalog;
mod design;
mod error;
mod policies;
mod query;
#[cfg(feature = "openapi")]
mod schemas;

pub use crate::rules::{Origin, RuleInfo};
pub use catalog::{Example, Heading, Page, PageSummary, RelatedPage};
pub use design::{DesignRequest, Format, Imported, Preview};
pub use error::ErrorBody;
pub use policies::{Policies, PolicyIssue, PolicySummary, TeamSettings};
pub use query::TargetQuery;
