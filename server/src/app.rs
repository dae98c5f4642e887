//! The router and its middleware.

use crate::catalog::Catalog;
use crate::limits::MAX_BODY_BYTES;
use crate::loaded::Loaded;
use crate::ops::readiness::{Readiness, healthz, readyz};
use crate::ops::{metrics, request_id};
use crate::{api, assets, security};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use podwright_policy::PolicySet;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// How long a request may take before it is answered 408.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// What every handler shares: the loaded content, swapped whole on reload,
/// and whether the server is ready.
#[derive(Clone, Debug)]
pub struct AppState {
    loaded: Arc<RwLock<Arc<Loaded>>>,
    readiness: Arc<Readiness>,
}

impl AppState {
    /// State serving `catalog`, ready.
    pub fn new(catalog: Arc<Catalog>) -> AppState {
        let state = AppState::loading();
        state.replace(Loaded {
            catalog,
            policies: Arc::default(),
        });
        state
    }

    /// State with nothing loaded yet: an empty catalog, not ready.
    pub fn loading() -> AppState {
        AppState {
            loaded: Arc::default(),
            readiness: Arc::default(),
        }
    }

    /// Serves `loaded` from now on (requests in flight keep what they had) and
    /// marks the content loaded.
    pub fn replace(&self, loaded: Loaded) {
        *self.loaded.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(loaded);
        self.readiness.set_loaded();
    }

    /// The content loaded now.
    pub fn loaded(&self) -> Arc<Loaded> {
        self.loaded
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The pattern catalog loaded now.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.loaded().catalog.clone()
    }

    /// The team's policies loaded now (none unless started with `--policy`).
    pub fn policies(&self) -> Arc<PolicySet> {
        self.loaded().policies.clone()
    }

    /// Whether the server is ready; shutdown flips it.
    pub fn readiness(&self) -> &Readiness {
        &self.readiness
    }
}

impl Default for AppState {
    /// State serving the built-in catalog.
    fn default() -> Self {
        AppState::new(Catalog::built_in())
    }
}

/// The whole application: API, UI, operator endpoints and middleware.
pub fn app(state: AppState) -> Router {
    let csp = security::content_security_policy(assets::index_html().as_deref());
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics::serve))
        .nest("/api/v1", api::router())
        .fallback(assets::serve)
        .with_state(state);
    let router = security::with_security_headers(router, &csp)
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
        .layer(axum::middleware::from_fn(metrics::track));
    request_id::with_request_ids(router)
        .layer(CatchPanicLayer::custom(crate::error::panic_response))
}
