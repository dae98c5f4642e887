//! The YAML panel: shows what the server exports after every edit, and takes
//! edits back: valid YAML typed here becomes the design; invalid YAML shows
//! its error and line and changes nothing. "Changes" shows the diff against
//! the YAML as imported (or as last downloaded or copied), for review.

use super::diff::{Line, counts, diff};
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
    let review = RwSignal::new(false);
    let changes = move || {
        let old = store.baseline.get().unwrap_or_default();
        let new = store
            .preview
            .with(|p| p.as_ref().map(|p| p.yaml.clone()).unwrap_or_default());
        diff(&old, &new)
    };
    view! {
        <div class="yaml-panel">
            <div class="panel-head">
                <h2>"YAML"</h2>
                <button
                    data-testid="yaml-diff-toggle"
                    aria-pressed=move || review.get().to_string()
                    title="What your edits changed since the import or the last download or copy"
                    on:click=move |_| review.update(|r| *r = !*r)
                >
                    "Changes"
                </button>
                <button data-testid="apply-yaml" disabled=move || draft.get().is_none() on:click=apply>"Apply YAML"</button>
                <button disabled=move || draft.get().is_none() on:click=move |_| { draft.set(None); error.set(None); }>"Discard"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="yaml-error" role="alert" data-testid="yaml-error">{e}</p> })}
            {move || review.get().then(|| {
                let lines = changes();
                let (added, removed) = counts(&lines);
                view! {
                    <div class="yaml-diff" data-testid="yaml-diff">
                        <p class="diff-summary">{format!("{added} lines added, {removed} removed since the import or the last export")}</p>
                        <pre class="diff" tabindex="0" aria-label="Changes">
                            {lines.into_iter().map(|line| match line {
                                Line::Same(text) => view! { <span class="same">{format!("  {text}")}</span> }.into_any(),
                                Line::Added(text) => view! { <ins class="added">{format!("+ {text}")}</ins> }.into_any(),
                                Line::Removed(text) => view! { <del class="removed">{format!("- {text}")}</del> }.into_any(),
                            }).collect_view()}
                        </pre>
                    </div>
                }
            })}
            <textarea
                class="yaml"
                class:hidden=move || review.get()
                data-testid="yaml-output"
                spellcheck="false"
                aria-label="The manifest; edit and apply"
                prop:value=shown
                on:input=move |ev| draft.set(Some(event_target_value(&ev)))
            ></textarea>
        </div>
    }
}
