//! Every JSON the UI reads or writes goes through `serde_json::Value`, so the
//! wasm holds one copy of each type's serde code (the one for `Value`) instead
//! of one per reader and writer (text, bytes, `Value`); see issue 14.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads a `T` from JSON text.
pub fn from_text<T: DeserializeOwned>(text: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::from_slice::<Value>(text)?)
}

/// Writes `value` as compact JSON text.
pub fn to_text<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_value(value)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Design;

    #[test]
    fn a_design_reads_back_as_written() {
        let design = Design::new_pod("web");
        let text = to_text(&design).unwrap();
        assert_eq!(text, serde_json::to_string(&design).unwrap());
        assert_eq!(from_text::<Design>(text.as_bytes()).unwrap(), design);
    }

    #[test]
    fn bad_text_and_wrong_shapes_are_errors() {
        assert!(from_text::<Design>(b"{").is_err());
        assert!(from_text::<Design>(b"{\"pod\": 1}").is_err());
    }
}
