//! The designer's toolbar: add, duplicate, delete and reorder elements; undo
//! and redo; import; download, copy and share the manifest. Actions come
//! in groups that fold into menus on narrow screens.

use super::menu::Menu;
use crate::state::finding_target::Element;
use crate::state::{Store, share};
use leptos::prelude::*;
use podwright_core::model::Design;
use podwright_core::model::edit::NewContainer;
use wasm_bindgen::JsCast;

/// The toolbar.
#[component]
pub fn Toolbar(
    /// Opens the import dialog.
    import_open: RwSignal<bool>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let status = store.status;
    let add = move |what: NewContainer| {
        let mut id = 0;
        store.edit(|d| id = d.pod.add_container(what));
        store.selection.set(Some(Element::Container(id)));
    };
    let add_volume = move |_| {
        let mut id = 0;
        store.edit(|d| id = d.pod.add_volume());
        store.selection.set(Some(Element::Volume(id)));
    };
    let selected_id = move || match store.selection.get() {
        Some(Element::Container(id) | Element::Volume(id)) => Some(id),
        _ => None,
    };
    let duplicate = move |_| {
        if let Some(id) = selected_id() {
            let mut copy = None;
            store.edit(|d| copy = d.pod.duplicate(id));
            if let (Some(copy), Some(selection)) = (copy, store.selection.get_untracked()) {
                store.selection.set(Some(match selection {
                    Element::Volume(_) => Element::Volume(copy),
                    _ => Element::Container(copy),
                }));
            }
        }
    };
    let delete = move |_| {
        if let Some(element) = store.selection.get_untracked() {
            store.remove(element);
        }
    };
    let shift = move |delta: isize| {
        if let Some(Element::Container(id)) = store.selection.get_untracked() {
            store.edit(|d| {
                d.pod.move_container(id, delta);
            });
        }
    };
    let yaml = move || {
        store
            .preview
            .with(|p| p.as_ref().map(|p| p.yaml.clone()).unwrap_or_default())
    };
    let download = move |_| {
        let name = store.design.with(|d| {
            d.workload
                .object
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or("pod")
                .to_owned()
        });
        let text = yaml();
        match download_text(&format!("{name}.yaml"), &text) {
            Ok(()) => {
                store.baseline.set(Some(text));
                status.set(format!("Downloaded {name}.yaml"));
            }
            Err(e) => status.set(e),
        }
    };
    let copy = move |_| {
        let text = yaml();
        copy_text(&text);
        store.baseline.set(Some(text));
        status.set("Copied the YAML".to_owned());
    };
    let share_link = move |_| {
        let fragment = store.design.with(share::encode);
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_hash(&fragment);
            if let Ok(href) = window.location().href() {
                copy_text(&href);
            }
        }
        status.set("Copied a link that carries this design".to_owned());
    };
    view! {
        <div class="toolbar" role="group" aria-label="Designer actions">
            <Menu label="Add" key="add">
                <button data-testid="add-container" on:click=move |_| add(NewContainer::App)>"+ Container"</button>
                <button data-testid="add-init-container" on:click=move |_| add(NewContainer::Init)>"+ Init container"</button>
                <button data-testid="add-native-sidecar" on:click=move |_| add(NewContainer::NativeSidecar)>"+ Native sidecar"</button>
                <button data-testid="add-volume" on:click=add_volume>"+ Volume"</button>
            </Menu>
            <Menu label="Edit" key="edit">
                <button data-testid="select-pod" title="Pod and workload settings" on:click=move |_| store.selection.set(None)>"Pod settings"</button>
                <button data-testid="duplicate" disabled=move || selected_id().is_none() on:click=duplicate>"Duplicate"</button>
                <button data-testid="delete" title="Delete the selection (Delete key on the canvas)" disabled=move || selected_id().is_none() on:click=delete>"Delete"</button>
                <button data-testid="move-earlier" title="Move earlier (init order)" on:click=move |_| shift(-1)>"Move earlier"</button>
                <button data-testid="move-later" title="Move later" on:click=move |_| shift(1)>"Move later"</button>
            </Menu>
            <button data-testid="undo" title="Undo (Ctrl+Z)" disabled=move || !store.can_undo() on:click=move |_| store.undo()>"Undo"</button>
            <button data-testid="redo" title="Redo (Ctrl+Shift+Z)" disabled=move || !store.can_redo() on:click=move |_| store.redo()>"Redo"</button>
            <Menu label="File" key="file">
                <button data-testid="new-design" title="Start again from a Pod with one container (undoable)" on:click=move |_| store.replace(Design::new_pod("web"))>"New"</button>
                <button data-testid="import-yaml" on:click=move |_| import_open.set(true)>"Import YAML"</button>
                <button data-testid="export-download" on:click=download>"Download .yaml"</button>
                <button data-testid="copy-yaml" on:click=copy>"Copy YAML"</button>
                <button data-testid="share-link" on:click=share_link>"Share link"</button>
            </Menu>
            <span class="status" role="status">{move || store.status.get()}</span>
        </div>
    }
}

/// Offers `text` as a file download.
fn download_text(file_name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys_array(text);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/yaml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "cannot make the file")?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "cannot make the file")?;
    let anchor = document()
        .create_element("a")
        .map_err(|_| "cannot start the download")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "cannot start the download")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let array = js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
}

/// Puts `text` on the clipboard.
fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
