//! `GET /healthz`, 200 while the process answers, and `GET /readyz`: 200
//! while the content is loaded and the server is not shutting down, 503 otherwise, so a Service sends traffic only to replicas
//! that can answer and drains those about to stop.

use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// The two conditions readiness depends on.
#[derive(Debug, Default)]
pub struct Readiness {
    loaded: AtomicBool,
    shutting_down: AtomicBool,
}

impl Readiness {
    /// Records that the content is loaded.
    pub fn set_loaded(&self) {
        self.loaded.store(true, Ordering::SeqCst);
    }

    /// Records that the server is shutting down: ready no more, for good.
    pub fn set_shutting_down(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
    }

    /// Whether the server should receive traffic.
    pub fn is_ready(&self) -> bool {
        self.loaded.load(Ordering::SeqCst) && !self.shutting_down.load(Ordering::SeqCst)
    }
}

/// `GET /healthz`: answers 200 `ok` while the process serves requests.
#[utoipa::path(
    get,
    path = "/healthz",
    summary = "Liveness",
    responses((status = 200, description = "ok"))
)]
pub async fn healthz() -> &'static str {
    "ok"
}

/// Answers 200 `ready`, or 503 with the reason.
#[utoipa::path(
    get,
    path = "/readyz",
    summary = "Readiness: content loaded and not shutting down",
    responses(
        (status = 200, description = "ready"),
        (status = 503, description = "loading content, or shutting down"),
    )
)]
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let readiness = state.readiness();
    if readiness.is_ready() {
        (StatusCode::OK, "ready")
    } else if readiness.shutting_down.load(Ordering::SeqCst) {
        (StatusCode::SERVICE_UNAVAILABLE, "shutting down")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "loading content")
    }
}

#[cfg(test)]
mod tests {
    use super::Readiness;
    use crate::{AppState, app};
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    #[test]
    fn ready_only_once_loaded_and_never_again_after_shutdown_starts() {
        let readiness = Readiness::default();
        assert!(!readiness.is_ready());
        readiness.set_loaded();
        assert!(readiness.is_ready());
        readiness.set_shutting_down();
        readiness.set_loaded();
        assert!(!readiness.is_ready());
    }

    async fn readyz(state: AppState) -> StatusCode {
        let request = Request::get("/readyz").body(Body::empty()).unwrap();
        app(state).oneshot(request).await.unwrap().status()
    }

    #[tokio::test]
    async fn readyz_follows_loading_and_shutdown() {
        let state = AppState::loading();
        assert_eq!(readyz(state.clone()).await, StatusCode::SERVICE_UNAVAILABLE);
        state.replace(crate::loaded::Loaded::default());
        assert_eq!(readyz(state.clone()).await, StatusCode::OK);
        state.readiness().set_shutting_down();
        assert_eq!(readyz(state).await, StatusCode::SERVICE_UNAVAILABLE);
    }
}
