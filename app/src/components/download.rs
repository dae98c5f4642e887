//! Files the designer offers to save: YAML, SVG and PNG.

use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// A blob of `text` with the media type `mime`.
pub fn text_blob(text: &str, mime: &str) -> Result<Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot make the file".to_owned())
}

/// Offers `blob` as a file download named `file_name`.
pub fn save(file_name: &str, blob: &Blob) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob).map_err(|_| "cannot make the file")?;
    let anchor = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
        .ok_or("cannot start the download")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
