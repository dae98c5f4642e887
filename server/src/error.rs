//! Errors at the HTTP boundary, answered as `{ "error": text }`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use podwright_core::api::ErrorBody;
use podwright_core::convert::ImportError;
use podwright_core::yaml::YamlError;
use std::any::Any;

/// Why a request could not be served.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request itself is malformed (not UTF-8, empty, not YAML, ...).
    #[error("{0}")]
    BadRequest(String),
    /// The body's media type is not one the endpoint reads.
    #[error("unsupported content type {0:?}: send application/yaml or application/json")]
    UnsupportedMediaType(String),
    /// The YAML does not parse or breaks a limit.
    #[error("YAML: {0}")]
    Yaml(#[from] YamlError),
    /// The documents do not make a design.
    #[error("{0}")]
    Import(#[from] ImportError),
    /// A JSON body that does not fit the endpoint's shape.
    #[error("{0}")]
    Json(#[from] JsonRejection),
    /// No such resource.
    #[error("{0}")]
    NotFound(String),
    /// The request is larger than Podwright accepts.
    #[error("{0}")]
    TooLarge(String),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::Import(ImportError::TooLarge { .. }) | ApiError::TooLarge(_) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ApiError::BadRequest(_) | ApiError::Yaml(_) | ApiError::Import(_) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Json(rejection) => rejection.status(),
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut body = ErrorBody::new(&self);
        if let ApiError::Yaml(YamlError::Syntax { line, column, .. }) = &self {
            body.line = Some(*line);
            body.column = Some(*column);
        }
        (status, Json(body)).into_response()
    }
}

/// Answers a bare 413 from the body-limit layer in the API's error shape.
pub async fn explain_body_limit(response: Response) -> Response {
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE
        || response
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .is_some_and(|t| t == "application/json")
    {
        return response;
    }
    ApiError::TooLarge(format!(
        "the request body is larger than {} bytes",
        crate::limits::MAX_BODY_BYTES
    ))
    .into_response()
}

/// The last line of defence: a panic becomes a 500 that says nothing internal.
pub fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(ErrorBody::new("internal error")),
    )
        .into_response()
}
