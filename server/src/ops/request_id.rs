//! Request ids: `x-request-id` is kept when the client sends one and made up
//! otherwise, returned in the answer, and recorded in the request's log span.

use axum::Router;
use axum::http::{HeaderName, Request};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::{Level, Span};

/// The header that carries the id.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Wraps `router` in request-id handling and a trace span per request that
/// names the method, path and id; each answer is logged at `info` with its
/// status. Failures (5xx) again at `debug` only: a draining replica's 503s
/// from `/readyz` are expected, not errors.
pub fn with_request_ids(router: Router) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(request_span)
        .on_response(DefaultOnResponse::new().level(Level::INFO))
        .on_failure(DefaultOnFailure::new().level(Level::DEBUG));
    router
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(HEADER))
        .layer(SetRequestIdLayer::new(HEADER, MakeRequestUuid))
}

/// The span of one request.
fn request_span<B>(request: &Request<B>) -> Span {
    let id = request
        .headers()
        .get(&HEADER)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
    )
}
