//! The designer: the current design and the YAML the server exports for it.

use crate::api;
use leptos::prelude::*;
use podwright_core::model::Design;

/// The designer page.
#[component]
pub fn Designer() -> impl IntoView {
    let design = RwSignal::new(Design::new_pod("web"));
    let yaml = LocalResource::new(move || {
        let design = design.get();
        async move { api::export_yaml(&design).await }
    });
    view! {
        <section class="designer">
            <h1>"Designer"</h1>
            <ul class="containers">
                <For
                    each=move || design.get().pod.containers
                    key=|c| c.id
                    children=|c| view! { <li data-testid="container-node">{c.spec.name}</li> }
                />
            </ul>
            <Transition fallback=|| view! { <p>"Exporting..."</p> }>
                <pre data-testid="yaml-output">
                    {move || yaml.get().map(|result| match result {
                        Ok(text) => text,
                        Err(error) => format!("# export failed: {error}"),
                    })}
                </pre>
            </Transition>
        </section>
    }
}
