//! The UI build and the built-in catalog content, embedded in release binaries
//! and read from `dist/` and `content/` in debug builds. The UI is served with
//! the single-page-app fallback: any path without a file extension answers
//! `index.html`, so deep links and reloads work. `scripts/build-ui.sh`
//! compresses every file once with brotli and gzip; a client that accepts
//! them gets those bytes as they are, with nothing compressed per request.

use crate::ApiError;
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::Embed;

/// The files Trunk wrote to `dist/`.
#[derive(Embed)]
#[folder = "../dist/"]
#[allow_missing = true]
struct Ui;

/// The catalog that ships with Podwright: pages and their example manifests.
#[derive(Embed)]
#[folder = "../content/"]
pub(crate) struct BuiltInContent;

/// The UI's `index.html`, if the UI is built.
pub fn index_html() -> Option<String> {
    Ui::get("index.html").map(|file| String::from_utf8_lossy(&file.data).into_owned())
}

/// Serves a UI file, or `index.html` for application routes.
pub async fn serve(uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    let encodings = Encodings::accepted(&headers);
    if let Some(response) = file(path, encodings) {
        return response;
    }
    let is_route = !path.rsplit('/').next().unwrap_or_default().contains('.');
    if is_route && !path.starts_with("api/") {
        if let Some(response) = file("index.html", encodings) {
            return response;
        }
        return ApiError::NotFound(
            "the UI is not built: run the README's serve command".to_owned(),
        )
        .into_response();
    }
    let what = if path.starts_with("api/") {
        "API endpoint"
    } else {
        "file"
    };
    ApiError::NotFound(format!("no {what} at /{path}")).into_response()
}

fn file(path: &str, encodings: Encodings) -> Option<Response> {
    let path = if path.is_empty() { "index.html" } else { path };
    let file = Ui::get(path)?;
    let content_type = HeaderValue::from_str(file.metadata.mimetype()).ok()?;
    // Trunk puts a content hash in every asset name but index.html's.
    let cache = if path == "index.html" {
        "no-cache"
    } else {
        "public, max-age=31536000, immutable"
    };
    let mut response = (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, HeaderValue::from_static(cache)),
            (VARY, HeaderValue::from_static("accept-encoding")),
        ],
        file.data,
    )
        .into_response();
    let precompressed = [
        ("br", "br", encodings.brotli),
        ("gzip", "gz", encodings.gzip),
    ]
    .into_iter()
    .filter(|(_, _, accepted)| *accepted)
    .find_map(|(encoding, extension, _)| {
        Some((encoding, Ui::get(&format!("{path}.{extension}"))?))
    });
    if let Some((encoding, compressed)) = precompressed {
        *response.body_mut() = compressed.data.into();
        response
            .headers_mut()
            .insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    Some(response)
}

/// The precompressed forms a client takes, from its `Accept-Encoding`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Encodings {
    brotli: bool,
    gzip: bool,
}

impl Encodings {
    /// Reads every `Accept-Encoding` header: a coding counts unless its `q` is zero.
    fn accepted(headers: &HeaderMap) -> Self {
        let mut encodings = Encodings::default();
        let codings = headers
            .get_all(ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','));
        for coding in codings {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused = parts.any(|param| {
                param
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match name {
                _ if refused => {}
                "br" => encodings.brotli = true,
                "gzip" => encodings.gzip = true,
                "*" => {
                    encodings.brotli = true;
                    encodings.gzip = true;
                }
                _ => {}
            }
        }
        encodings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(values: &[&str]) -> Encodings {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        }
        Encodings::accepted(&headers)
    }

    #[test]
    fn accepted_encodings_follow_the_header_and_its_zero_weights() {
        let both = Encodings {
            brotli: true,
            gzip: true,
        };
        assert_eq!(accepted(&["gzip, deflate, br, zstd"]), both);
        assert_eq!(accepted(&["gzip", "br;q=0.5"]), both);
        assert_eq!(accepted(&["*"]), both);
        let gzip_only = Encodings {
            brotli: false,
            gzip: true,
        };
        assert_eq!(accepted(&["br;q=0, gzip"]), gzip_only);
        assert_eq!(accepted(&["identity"]), Encodings::default());
        assert_eq!(accepted(&[]), Encodings::default());
    }
}
