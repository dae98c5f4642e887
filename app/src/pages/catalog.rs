//! The pattern catalog.

use leptos::prelude::*;

/// The catalog index.
#[component]
pub fn Catalog() -> impl IntoView {
    view! {
        <section class="catalog">
            <h1>"Patterns"</h1>
        </section>
    }
}
