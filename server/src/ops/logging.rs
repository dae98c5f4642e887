//! Log output: human-readable lines by default, one JSON object per line when
//! `PODWRIGHT_LOG_FORMAT=json`; `RUST_LOG` filters as usual.

use tracing_subscriber::EnvFilter;

/// The environment variable that picks the format.
pub const FORMAT_VAR: &str = "PODWRIGHT_LOG_FORMAT";

/// Installs the global subscriber. An unknown format falls back to text and says so.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("podwright=info,podwright_server=info,tower_http=info"));
    let format = std::env::var(FORMAT_VAR).unwrap_or_default();
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if format.eq_ignore_ascii_case("json") {
        builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init();
    } else {
        builder.init();
        if !format.is_empty() && !format.eq_ignore_ascii_case("text") {
            tracing::warn!(%format, "unknown {FORMAT_VAR}: use json or text; writing text");
        }
    }
}
