//! Share links: the design, deflated and base64url-encoded, in the URL
//! fragment (`#design=...`), so that no server stores anything.

use crate::design::Design;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The fragment key that carries a design.
pub const FRAGMENT_KEY: &str = "design=";

/// Largest decompressed design a link may carry, in bytes.
const MAX_DESIGN_BYTES: usize = 4 * 1024 * 1024;

/// The URL fragment (without `#`) that carries `design`.
pub fn encode(design: &Design) -> String {
    let json = crate::json::to_text(design)
        .unwrap_or_default()
        .into_bytes();
    let deflated = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{FRAGMENT_KEY}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// The design a fragment carries, or why it carries none.
pub fn decode(fragment: &str) -> Result<Design, String> {
    let payload = fragment
        .trim_start_matches('#')
        .strip_prefix(FRAGMENT_KEY)
        .ok_or("the link carries no design")?;
    let deflated = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|e| format!("the link is damaged: {e}"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_DESIGN_BYTES)
        .map_err(|_| "the link is damaged or too large".to_owned())?;
    crate::json::from_text(&json).map_err(|e| format!("the link holds no valid design: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_design_survives_the_link() {
        let design = Design::new_pod("web");
        let fragment = encode(&design);
        assert!(fragment.starts_with(FRAGMENT_KEY));
        assert!(
            fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "=-_".contains(c))
        );
        assert_eq!(decode(&format!("#{fragment}")), Ok(design));
    }

    #[test]
    fn damaged_links_say_so() {
        assert!(decode("#other=1").is_err());
        assert!(decode("#design=***").is_err());
        assert!(
            decode(&format!(
                "{FRAGMENT_KEY}{}",
                URL_SAFE_NO_PAD.encode(b"not deflate")
            ))
            .is_err()
        );
    }
}
