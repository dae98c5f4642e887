//! Import: paste YAML, pick a file, or drop one on the designer. The dialog
//! takes the keyboard focus when it opens; Escape closes it.

use crate::api;
use crate::state::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Imports `text` as the design, or reports why not (the design stays as it was).
pub fn import_text(
    store: Store,
    text: String,
    error: RwSignal<Option<String>>,
    done: impl FnOnce() + 'static,
) {
    spawn_local(async move {
        match api::import(&text).await {
            Ok(imported) => {
                store.replace(imported.design);
                error.set(None);
                done();
            }
            Err(e) => error.set(Some(e.error)),
        }
    });
}

/// Reads the first file of a file list as text and imports it.
pub fn import_file(
    store: Store,
    files: Option<web_sys::FileList>,
    error: RwSignal<Option<String>>,
) {
    let Some(file) = files.and_then(|f| f.get(0)) else {
        return;
    };
    spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => import_text(store, text.as_string().unwrap_or_default(), error, || ()),
            Err(_) => error.set(Some("the file could not be read".to_owned())),
        }
    });
}

/// The import dialog, shown while `open` is true.
#[component]
pub fn ImportDialog(
    /// Whether the dialog shows.
    open: RwSignal<bool>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let field = NodeRef::<leptos::html::Textarea>::new();
    // Opening the dialog moves the keyboard focus into it.
    Effect::new(move |_| {
        if let (true, Some(field)) = (open.get(), field.get()) {
            let _ = field.focus();
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop" on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="import-title">
                    <h2 id="import-title">"Import manifests"</h2>
                    <p>"Paste a Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob (other documents come along), or pick a file."</p>
                    <textarea
                        node_ref=field
                        data-testid="import-text"
                        aria-label="Manifests to import (YAML or JSON)"
                        rows="16"
                        spellcheck="false"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                    <input
                        type="file"
                        accept=".yaml,.yml,.json"
                        aria-label="Import a file"
                        on:change=move |ev| {
                            let files = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files());
                            import_file(store, files, error);
                        }
                    />
                    {move || error.get().map(|e| view! { <p class="yaml-error" role="alert">{e}</p> })}
                    <div class="dialog-actions">
                        <button data-testid="import-submit" on:click=move |_| import_text(store, text.get_untracked(), error, move || open.set(false))>
                            "Import"
                        </button>
                        <button on:click=move |_| open.set(false)>"Cancel"</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
