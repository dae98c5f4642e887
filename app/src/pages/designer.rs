//! The designer: toolbar, canvas, inspector, YAML and findings, all following
//! every edit. Keyboard (outside text fields): Ctrl+Z undoes, Ctrl+Shift+Z
//! redoes, Escape returns the inspector to the Pod's settings.

use crate::components::canvas::Canvas;
use crate::components::findings::Findings;
use crate::components::import_dialog::{ImportDialog, import_file};
use crate::components::insights::Insights;
use crate::components::inspector::Inspector;
use crate::components::toolbar::Toolbar;
use crate::components::yaml_panel::YamlPanel;
use crate::state::Store;
use leptos::ev;
use leptos::prelude::*;

/// The designer page.
#[component]
pub fn Designer() -> impl IntoView {
    let store = expect_context::<Store>();
    let import_open = RwSignal::new(false);
    let drop_error = RwSignal::new(None::<String>);
    let handle = window_event_listener(ev::keydown, move |event| {
        let in_text_field = event
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_text_field
            || !(event.ctrl_key() || event.meta_key())
            || event.key().to_lowercase() != "z"
        {
            return;
        }
        event.prevent_default();
        if event.shift_key() {
            store.redo()
        } else {
            store.undo()
        }
    });
    on_cleanup(move || handle.remove());
    let findings = Signal::derive(move || {
        store.preview.with(|p| {
            p.as_ref()
                .map(|p| p.report.findings.clone())
                .unwrap_or_default()
        })
    });
    let design = Signal::derive(move || store.design.get());
    let mount = Callback::new(move |(container, volume): (u32, u32)| {
        store.edit(|d| {
            d.pod.add_mount(container, volume);
        });
    });
    view! {
        <section
            class="designer"
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev: ev::DragEvent| {
                ev.prevent_default();
                import_file(store, ev.data_transfer().and_then(|d| d.files()), drop_error);
            }
        >
            <Toolbar import_open />
            {move || store.preview_error.get().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
            {move || drop_error.get().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
            <div class="workspace">
                <div class="stage">
                    <Canvas design findings selection=store.selection on_mount=mount />
                    <Findings />
                    <Insights />
                </div>
                <Inspector />
                <YamlPanel />
            </div>
            <ImportDialog open=import_open />
        </section>
    }
}
