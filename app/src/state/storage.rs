//! The browser's local storage, where the current design is autosaved.

use crate::design::Design;

const KEY: &str = "podwright.design";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The design saved last, if one was saved and still reads.
pub fn load() -> Option<Design> {
    let text = storage()?.get_item(KEY).ok()??;
    crate::json::from_text(text.as_bytes()).ok()
}

/// Saves the design; a full or disabled storage is not an error worth showing.
pub fn save(design: &Design) {
    if let (Some(storage), Ok(text)) = (storage(), crate::json::to_text(design)) {
        let _ = storage.set_item(KEY, &text);
    }
}
