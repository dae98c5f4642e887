//! The YAML panel: shows what the server exports after every edit, and takes
//! edits back: valid YAML typed here becomes the design; invalid YAML shows
//! its error and line and changes nothing.

use crate::api;
use crate::state::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The live, editable YAML.
#[component]
pub fn YamlPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let shown = move || {
        draft.get().unwrap_or_else(|| {
            store
                .preview
                .with(|p| p.as_ref().map(|p| p.yaml.clone()).unwrap_or_default())
        })
    };
    let apply = move |_| {
        let Some(text) = draft.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match api::import(&text).await {
                Ok(imported) => {
                    let mut design = imported.design;
                    design.keep_identities_from(&store.design.get_untracked());
                    store.replace(design);
                    draft.set(None);
                    error.set(None);
                }
                Err(e) => error.set(Some(e.error)),
            }
        });
    };
    view! {
        <section class="yaml-panel" aria-label="YAML">
            <div class="panel-head">
                <h2>"YAML"</h2>
                <button data-testid="apply-yaml" disabled=move || draft.get().is_none() on:click=apply>"Apply YAML"</button>
                <button disabled=move || draft.get().is_none() on:click=move |_| { draft.set(None); error.set(None); }>"Discard"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="yaml-error" role="alert" data-testid="yaml-error">{e}</p> })}
            <textarea
                class="yaml"
                data-testid="yaml-output"
                spellcheck="false"
                aria-label="The manifest; edit and apply"
                prop:value=shown
                on:input=move |ev| draft.set(Some(event_target_value(&ev)))
            ></textarea>
        </section>
    }
}
