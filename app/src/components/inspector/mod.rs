//! The inspector: forms for the selected element, or for the Pod and its
//! workload when nothing is selected. Each field links to the catalog page
//! and the Kubernetes API reference that explain it.

mod container;
mod fields;
mod pod;
mod value_text;
mod volume;

use crate::state::Store;
use crate::state::finding_target::Element;
use leptos::prelude::*;

pub use value_text::Kind;

/// The inspector panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let store = expect_context::<Store>();
    // Focus the field a clicked finding named, once the form is drawn.
    Effect::new(move |_| {
        if let Some(pointer) = store.focus.get() {
            let selector = format!("[data-testid=inspector] [data-path=\"{pointer}\"]");
            request_animation_frame(move || {
                if let Some(element) = document()
                    .query_selector(&selector)
                    .ok()
                    .flatten()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = element.focus();
                }
            });
        }
    });
    view! {
        <div class="inspector" data-testid="inspector">
            {move || match store.selection.get() {
                Some(Element::Container(id)) if store.design.with(|d| d.pod.container(id).is_some()) => {
                    view! { <container::ContainerForm id /> }.into_any()
                }
                Some(Element::Volume(id)) if store.design.with(|d| d.pod.volume(id).is_some()) => {
                    view! { <volume::VolumeForm id /> }.into_any()
                }
                _ => view! { <pod::PodForm /> }.into_any(),
            }}
        </div>
    }
}

/// A link to the catalog page and the API reference for a field group.
#[component]
fn Docs(catalog: &'static str, reference: &'static str) -> impl IntoView {
    view! {
        <p class="docs-links">
            <a href=format!("/catalog/{catalog}")>"Pattern guide"</a>
            " · "
            <a href=format!("https://kubernetes.io/docs/reference/kubernetes-api/{reference}") target="_blank" rel="noopener noreferrer">
                "API reference"
            </a>
        </p>
    }
}
