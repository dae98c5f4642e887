//! The router and its middleware.

use crate::catalog::Catalog;
use crate::limits::MAX_BODY_BYTES;
use crate::{api, assets, security};
use axum::Router;
use axum::http::StatusCode;
use podwright_policy::PolicySet;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// How long a request may take before it is answered 408.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// What every handler shares.
#[derive(Clone, Debug)]
pub struct AppState {
    catalog: Arc<Catalog>,
    policies: Arc<PolicySet>,
}

impl AppState {
    /// State serving `catalog`, without team policies.
    pub fn new(catalog: Arc<Catalog>) -> AppState {
        AppState {
            catalog,
            policies: Arc::default(),
        }
    }

    /// The same state, checking designs against the team's `policies` too.
    #[must_use]
    pub fn with_policies(mut self, policies: Arc<PolicySet>) -> AppState {
        self.policies = policies;
        self
    }

    /// The team's policies (none unless the server was started with `--policy`).
    pub fn policies(&self) -> &Arc<PolicySet> {
        &self.policies
    }

    /// The pattern catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
}

impl Default for AppState {
    /// State serving the built-in catalog.
    fn default() -> Self {
        AppState::new(Catalog::built_in())
    }
}

/// The whole application: API, UI and middleware.
pub fn app(state: AppState) -> Router {
    let csp = security::content_security_policy(assets::index_html().as_deref());
    let router = Router::new()
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .nest("/api/v1", api::router())
        .fallback(assets::serve)
        .with_state(state);
    security::with_security_headers(router, &csp)
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Outside the limit, so the limit's bare 413 gets the API's error shape.
        .layer(axum::middleware::map_response(
            crate::error::explain_body_limit,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(crate::error::panic_response))
}
