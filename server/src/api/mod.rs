//! The HTTP API, version 1. Each module owns one endpoint:
//!
//! - `POST /api/v1/validate`: manifests in, a `Report` out.
//! - `POST /api/v1/import`: manifests in, `{ design, report }` out.
//! - `POST /api/v1/export`: `{ design, kind?, format? }` in, the manifest out.
//! - `POST /api/v1/preview`: `{ design, kind? }` in, `{ yaml, report }` out: the
//!   designer's live view.
//! - `POST /api/v1/read-yaml`: YAML in, its documents as JSON out: the
//!   designer's YAML fields.
//! - `GET /api/v1/patterns`: the catalog's pages.
//! - `GET /api/v1/patterns/{slug}`: one page, rendered, with its examples.
//! - `GET /api/v1/search-index`: the catalog's search index.
//! - `GET /api/v1/rules`: every rule, with its docs.
//! - `GET /api/v1/policies`: the team's policies, with what is wrong in their files.
//! - `GET /api/v1/openapi.json`: this list, as OpenAPI.

mod export;
mod import;
mod manifest_body;
pub mod openapi;
mod pattern;
mod patterns;
mod policies;
mod preview;
mod read_yaml;
mod rules;
mod search_index;
mod validate;

#[cfg(test)]
mod tests;

use crate::{ApiError, AppState};
use axum::Router;
use axum::routing::{MethodRouter, get, post};
pub use podwright_core::api::TargetQuery;
use podwright_core::validate::Options;
use podwright_core::version::KubeVersion;
use podwright_policy::PolicySet;

/// Every endpoint: its path under `/api/v1` and its handlers. The router and
/// the test that holds the OpenAPI document against the routes both read it.
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/validate", post(validate::validate)),
        ("/import", post(import::import)),
        ("/export", post(export::export)),
        ("/preview", post(preview::preview)),
        ("/read-yaml", post(read_yaml::read_yaml)),
        ("/rules", get(rules::list)),
        ("/policies", get(policies::list)),
        ("/patterns", get(patterns::list)),
        ("/patterns/{slug}", get(pattern::get)),
        ("/search-index", get(search_index::get)),
        ("/openapi.json", get(openapi::get)),
    ]
}

/// The API's routes, to be nested under `/api/v1`.
pub fn router() -> Router<AppState> {
    routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handlers)| {
            router.route(path, handlers)
        })
}

/// Validation options from the query of a validating endpoint.
pub trait TargetOptions {
    /// Validation options: what the request asks for, else the team's settings.
    fn team_options(&self, policies: &PolicySet) -> Result<Options, ApiError>;

    /// Validation options for the requested target version.
    fn options(&self) -> Result<Options, ApiError>;
}

impl TargetOptions for TargetQuery {
    fn team_options(&self, policies: &PolicySet) -> Result<Options, ApiError> {
        let asked = match &self.target {
            Some(_) => Some(self.options()?),
            None => None,
        };
        Ok(crate::team::options(policies, asked, self.allow_privileged))
    }

    fn options(&self) -> Result<Options, ApiError> {
        let target = match &self.target {
            Some(text) => text
                .parse::<KubeVersion>()
                .map_err(|e| ApiError::BadRequest(e.to_string()))?,
            None => KubeVersion::default(),
        };
        Ok(Options {
            target,
            allow_privileged: self.allow_privileged,
        })
    }
}
