//! The Podwright UI: a shell with the catalog and the designer. It holds the
//! design, sends it to the server, and shows what comes back; it knows no
//! Kubernetes rule of its own.

mod api;
mod components;
mod design;
mod json;
mod pages;
mod state;

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

/// The whole application: navigation and pages.
#[component]
pub fn App() -> impl IntoView {
    provide_context(state::Store::new());
    view! {
        <Router>
            <a class="skip-link" href="#content">"Skip to content"</a>
            <header class="shell">
                <a class="brand" href="/">"Podwright"</a>
                <nav aria-label="Main">
                    <A href="/catalog" attr:data-testid="nav-catalog">"Catalog"</A>
                    <A href="/designer" attr:data-testid="nav-designer">"Designer"</A>
                    <A href="/rules" attr:data-testid="nav-rules">"Rules"</A>
                </nav>
                <components::theme::ThemeSwitch />
            </header>
            <main id="content" tabindex="-1">
                <Routes fallback=|| view! { <h1>"Not found"</h1> <p class="not-found">"No page here."</p> }>
                    <Route path=path!("/") view=pages::Designer />
                    <Route path=path!("/designer") view=pages::Designer />
                    <Route path=path!("/catalog") view=pages::Catalog />
                    <Route path=path!("/catalog/:slug") view=pages::Pattern />
                    <Route path=path!("/policy") view=pages::TeamPolicy />
                    <Route path=path!("/rules") view=pages::Rules />
                </Routes>
            </main>
        </Router>
    }
}
