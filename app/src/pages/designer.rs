//! The designer: toolbar, canvas, inspector, YAML and findings, all following
//! every edit, arranged by [`Panels`]. Keyboard (outside text fields): Ctrl+Z
//! undoes, Ctrl+Shift+Z redoes; on the canvas, arrows, Alt+arrows, Enter and
//! Delete.

use crate::components::canvas::Canvas;
use crate::components::findings::Findings;
use crate::components::import_dialog::{ImportDialog, import_file};
use crate::components::insights::Insights;
use crate::components::inspector::Inspector;
use crate::components::panels::{Panel, PanelBar, Panels, Splitter, Tabs};
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
    let panels = Panels::new();
    provide_context(panels);
    // A clicked finding brings the inspector, where its field gets the focus.
    Effect::new(move |_| {
        if store.focus.get().is_some() {
            panels.reveal(Panel::Inspector);
        }
    });
    let open_inspector = Callback::new(move |_| {
        panels.reveal(Panel::Inspector);
        request_animation_frame(|| {
            if let Some(field) = document()
                .query_selector("[data-testid=inspector] [data-path]")
                .ok()
                .flatten()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = field.focus();
            }
        });
    });
    let remove = Callback::new(move |element| store.remove(element));
    // Moves a container within its list, one undoable edit, and says where it went.
    let reorder = Callback::new(move |(id, to): (u32, usize)| {
        let Some((init, from, len, name)) = store.design.with_untracked(|d| {
            let pod = &d.pod;
            [(true, &pod.init_containers), (false, &pod.containers)]
                .into_iter()
                .find_map(|(init, list)| {
                    let at = list.iter().position(|c| c.id == id)?;
                    Some((init, at, list.len(), list[at].name().to_owned()))
                })
        }) else {
            return;
        };
        let what = if init { "init container" } else { "container" };
        let to = to.min(len - 1);
        if to == from {
            let end = if from == 0 { "first" } else { "last" };
            store
                .status
                .set(format!("The {what} {name} is {end} already"));
            return;
        }
        store.edit(|d| {
            let step = if to > from { 1 } else { -1 };
            for _ in 0..from.abs_diff(to) {
                d.pod.move_container(id, step);
            }
        });
        store.status.set(format!(
            "Moved {what} {name} to position {} of {len}",
            to + 1
        ));
    });
    let title = move || {
        store.design.with(|d| {
            let name = d
                .workload
                .object
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(|n| n.as_str())
                .unwrap_or("unnamed")
                .to_owned();
            format!("{} {name}", d.workload.kind.as_str())
        })
    };
    let hidden = move |panel: Panel| move || panels.narrow.get() && panels.active.get() != panel;
    let role = panels.panel_role();
    view! {
        <section
            class="designer"
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev: ev::DragEvent| {
                ev.prevent_default();
                import_file(store, ev.data_transfer().and_then(|d| d.files()), drop_error);
            }
        >
            <div class="designer-head">
                <h1>"Designer " <span class="design-name">{title}</span></h1>
                <Toolbar import_open />
            </div>
            {move || store.preview_error.get().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
            {move || drop_error.get().map(|e| view! { <p class="banner error" role="alert">{e}</p> })}
            {move || panels.narrow.get().then(|| view! { <Tabs /> })}
            <div
                class="workspace"
                class:narrow=move || panels.narrow.get()
                class:side-collapsed=move || !panels.inspector_open.get() && !panels.yaml_open.get()
                style:grid-template-columns=move || {
                    let folded = !panels.inspector_open.get() && !panels.yaml_open.get();
                    (!panels.narrow.get() && !folded)
                        .then(|| format!("minmax(0, 1fr) 12px {}px", panels.side_width.get()))
                }
            >
                <div class="main-column">
                    <section
                        id="panel-canvas"
                        class="panel canvas-panel"
                        class:hidden-tab=hidden(Panel::Canvas)
                        role=role
                        aria-labelledby=panels.labelled_by(Panel::Canvas)
                        aria-label=move || (!panels.narrow.get()).then_some("Canvas")
                    >
                        <Canvas design findings selection=store.selection on_mount=mount on_open=open_inspector on_remove=remove on_reorder=reorder />
                    </section>
                    <section
                        id="panel-findings"
                        class="panel findings-area"
                        class:hidden-tab=hidden(Panel::Findings)
                        role=role
                        aria-labelledby=panels.labelled_by(Panel::Findings)
                        aria-label=move || (!panels.narrow.get()).then_some("Findings and insights")
                    >
                        <Findings />
                        <Insights />
                    </section>
                </div>
                <Splitter />
                <div class="side-column">
                    <section
                        id="panel-inspector"
                        class="panel side-panel"
                        class:collapsed=move || !panels.inspector_open.get()
                        class:hidden-tab=hidden(Panel::Inspector)
                        role=role
                        aria-labelledby=panels.labelled_by(Panel::Inspector)
                        aria-label=move || (!panels.narrow.get()).then_some("Inspector")
                    >
                        <PanelBar panel=Panel::Inspector open=panels.inspector_open />
                        <div id="inspector-body" class="panel-body"><Inspector /></div>
                    </section>
                    <section
                        id="panel-yaml"
                        class="panel side-panel"
                        class:collapsed=move || !panels.yaml_open.get()
                        class:hidden-tab=hidden(Panel::Yaml)
                        role=role
                        aria-labelledby=panels.labelled_by(Panel::Yaml)
                        aria-label=move || (!panels.narrow.get()).then_some("YAML")
                    >
                        <PanelBar panel=Panel::Yaml open=panels.yaml_open />
                        <div id="yaml-body" class="panel-body"><YamlPanel /></div>
                    </section>
                </div>
            </div>
            <ImportDialog open=import_open />
        </section>
    }
}
