//! The designer's toolbar: add, duplicate, delete and reorder elements; undo
//! and redo; import; download, copy and share the manifest; export the
//! picture as SVG or PNG. Actions come in groups that fold into menus on
//! narrow screens.

use super::canvas;
use super::download;
use super::menu::Menu;
use crate::design::{Design, NewContainer};
use crate::state::finding_target::Element;
use crate::state::{Store, share};
use leptos::prelude::*;

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
    let name = move || {
        store.design.with(|d| {
            d.workload
                .object
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or("pod")
                .to_owned()
        })
    };
    let download = move |_| {
        let name = name();
        let text = yaml();
        let saved = download::text_blob(&text, "application/yaml")
            .and_then(|blob| download::save(&format!("{name}.yaml"), &blob));
        match saved {
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
    // The designer's picture, standalone, with the outline as its description.
    let picture = move || {
        let drawn = document()
            .query_selector("#panel-canvas svg.pod-picture")
            .ok()
            .flatten()
            .ok_or("there is no picture to export")?;
        let (title, outline) = store.design.with(|d| {
            store.preview.with(|p| {
                let findings = p
                    .as_ref()
                    .map(|p| p.report.findings.as_slice())
                    .unwrap_or_default();
                (canvas::title(d), canvas::describe(d, findings))
            })
        });
        canvas::export::standalone_svg(&drawn, &title, &outline)
    };
    let export_svg = move |_| {
        let file = format!("{}.svg", name());
        let saved = picture()
            .and_then(|p| download::save(&file, &download::text_blob(&p.svg, "image/svg+xml")?));
        status.set(match saved {
            Ok(()) => format!("Exported the picture as {file}"),
            Err(e) => e,
        });
    };
    let export_png = move |_| {
        let file = format!("{}.png", name());
        let picture = picture();
        status.set("Rendering the picture…".to_owned());
        leptos::task::spawn_local(async move {
            let saved = match picture {
                Ok(p) => canvas::export::png_from_svg(&p).await,
                Err(e) => Err(e),
            }
            .and_then(|png| download::save(&file, &png));
            status.set(match saved {
                Ok(()) => format!("Exported the picture as {file}"),
                Err(e) => e,
            });
        });
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
                <button data-testid="export-svg" title="The picture as an SVG file, for docs and reviews" on:click=export_svg>"Export picture (SVG)"</button>
                <button data-testid="export-png" title="The picture as a PNG image" on:click=export_png>"Export picture (PNG)"</button>
            </Menu>
            <span class="status" role="status">{move || store.status.get()}</span>
        </div>
    }
}

/// Puts `text` on the clipboard.
fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
