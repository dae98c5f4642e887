//! The body of endpoints that take manifests: YAML or JSON text, checked for
//! media type, encoding and emptiness before anything parses it.

use crate::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;

/// Media types that carry manifests (JSON is read as the YAML subset it is).
const MANIFEST_TYPES: &[&str] = &[
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    "text/x-yaml",
    "application/json",
    "text/plain",
];

/// Manifest text from a request body.
#[derive(Debug)]
pub struct ManifestBody(pub String);

impl<S: Send + Sync> FromRequest<S> for ManifestBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(content_type) = request.headers().get(CONTENT_TYPE) {
            let media_type = content_type
                .to_str()
                .unwrap_or_default()
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            if !MANIFEST_TYPES.contains(&media_type.as_str()) {
                return Err(ApiError::UnsupportedMediaType(media_type));
            }
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::TooLarge(format!(
                        "the request body is larger than {} bytes",
                        crate::limits::MAX_BODY_BYTES
                    ))
                } else {
                    ApiError::BadRequest(rejection.body_text())
                }
            })?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
            ApiError::BadRequest(format!(
                "the body is not UTF-8: invalid byte at offset {}",
                e.utf8_error().valid_up_to()
            ))
        })?;
        if text.trim().is_empty() {
            return Err(ApiError::BadRequest(
                "the body is empty: send one or more manifests".to_owned(),
            ));
        }
        Ok(ManifestBody(text))
    }
}
