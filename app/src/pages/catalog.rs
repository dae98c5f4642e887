//! The catalog index: a card per pattern page.

use crate::api;
use leptos::prelude::*;
use podwright_core::api::PageSummary;
use podwright_core::search::{SearchIndex, search};

/// The catalog index, with search over every page's text.
#[component]
pub fn Catalog() -> impl IntoView {
    let pages = LocalResource::new(|| api::get_json::<Vec<PageSummary>>("/api/v1/patterns"));
    view! {
        <section class="catalog">
            <h1>"Multi-container patterns"</h1>
            <p class="lead">"How containers share a Pod, when to use each pattern, and live examples that open in the designer."</p>
            <p><a href="/policy" data-testid="nav-policy">"Team policy"</a>": the team's admission policies designs are checked against."</p>
            <Search />
            <Transition fallback=|| view! { <p>"Loading the catalog..."</p> }>
                {move || pages.get().map(|answer| match answer {
                    Ok(pages) => view! {
                        <div class="cards">
                            {pages.into_iter().map(|page| view! {
                                <a class="pattern-card" data-testid="pattern-card" href=format!("/catalog/{}", page.slug)>
                                    <h2>{page.title}</h2>
                                    <p>{page.summary}</p>
                                    <p class="tags">{page.tags.join(" · ")}</p>
                                </a>
                            }).collect_view()}
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p class="banner error">{e.error}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Search over titles, headings and text; the index comes from the server
/// once, and every keystroke searches it here, offline.
#[component]
fn Search() -> impl IntoView {
    let index = LocalResource::new(|| api::get_json::<SearchIndex>("/api/v1/search-index"));
    let query = RwSignal::new(String::new());
    let hits = move || {
        let query = query.get();
        if query.trim().is_empty() {
            return Vec::new();
        }
        index.with(|index| match index {
            Some(Ok(index)) => search(index, &query)
                .into_iter()
                .take(12)
                .filter_map(|hit| index.sections.get(hit.section).cloned())
                .collect(),
            _ => Vec::new(),
        })
    };
    view! {
        <div class="search">
            <input
                type="search"
                data-testid="catalog-search"
                placeholder="Search the catalog: sidecar probes, fsGroup, preStop..."
                aria-label="Search the catalog"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <ul class="search-results" data-testid="search-results">
                {move || hits().into_iter().map(|section| {
                    let href = match &section.anchor {
                        Some(anchor) => format!("/catalog/{}#{anchor}", section.slug),
                        None => format!("/catalog/{}", section.slug),
                    };
                    view! {
                        <li data-testid="search-result">
                            <a href=href>
                                <strong>{section.title.clone()}</strong>
                                {section.heading.clone().map(|h| view! { " › " {h} })}
                            </a>
                            <p>{section.excerpt.clone()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
