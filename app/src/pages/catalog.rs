//! The catalog index: a card per pattern page.

use crate::api;
use leptos::prelude::*;
use serde::Deserialize;

/// A page as the index lists it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PageSummary {
    /// The page's slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// One sentence about it.
    pub summary: String,
    /// Its tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The catalog index.
#[component]
pub fn Catalog() -> impl IntoView {
    let pages = LocalResource::new(|| api::get_json::<Vec<PageSummary>>("/api/v1/patterns"));
    view! {
        <section class="catalog">
            <h1>"Multi-container patterns"</h1>
            <p class="lead">"How containers share a Pod, when to use each pattern, and live examples that open in the designer."</p>
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
