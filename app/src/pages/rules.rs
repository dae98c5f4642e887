//! The rules reference at `/rules`: every rule the server runs, with its
//! severity, summary and docs; `/rules#<id>` goes straight to one, which is
//! where each finding's rule link leads.

use crate::api;
use crate::components::markdown::Markdown;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use podwright_core::api::RuleInfo;

/// The rules page.
#[component]
pub fn Rules() -> impl IntoView {
    let rules = LocalResource::new(|| api::get_json::<Vec<RuleInfo>>("/api/v1/rules"));
    let location = use_location();
    // Once the rules are drawn, bring the one the address names into view.
    Effect::new(move |_| {
        let hash = location.hash.get();
        let loaded = rules.with(|r| matches!(r, Some(Ok(_))));
        let id = hash.trim_start_matches('#').to_owned();
        if !loaded || id.is_empty() {
            return;
        }
        request_animation_frame(move || {
            if let Some(rule) = document()
                .get_element_by_id(&id)
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                rule.scroll_into_view();
                let _ = rule.focus();
            }
        });
    });
    view! {
        <section class="rules">
            <h1>"Rules"</h1>
            <p class="lead">
                "Every check Podwright runs. An " <strong>"error"</strong>
                " means the Kubernetes API server would reject the manifest; a "
                <strong>"warning"</strong> " means it is valid but likely to hurt; "
                <strong>"info"</strong> " is worth knowing."
            </p>
            <Transition fallback=|| view! { <p>"Loading the rules..."</p> }>
                {move || rules.get().map(|answer| match answer {
                    Ok(rules) => view! {
                        <p class="rule-count">{format!("{} rules", rules.len())}</p>
                        {rules.into_iter().map(|rule| {
                            let word = rule.severity.as_str();
                            view! {
                                <article class="rule" id=rule.id.clone() tabindex="-1" data-testid="rule">
                                    <h2><a href=format!("#{}", rule.id)>{rule.id.clone()}</a></h2>
                                    <p class="summary">
                                        <span class=format!("severity-tag {word}")>{word}</span>
                                        " " {rule.summary}
                                    </p>
                                    <Markdown text=rule.docs />
                                </article>
                            }
                        }).collect_view()}
                    }.into_any(),
                    Err(e) => view! { <p class="banner error">{e.error}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
