//! One catalog page: its text, and each example live: drawn by the designer's
//! canvas, validated by the server, and one click from the designer.

use crate::api;
use crate::components::canvas::Canvas;
use crate::state::Store;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use podwright_core::api::{Example, Page};
use podwright_core::report::Severity;

/// A piece of a page: rendered HTML, or the place of an example.
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Html(String),
    Example(String),
}

/// Splits the page's HTML at its example placeholders (`<div class="example" data-example="ID"></div>`).
fn pieces(html: &str) -> Vec<Piece> {
    const OPEN: &str = "<div class=\"example\" data-example=\"";
    const CLOSE: &str = "\"></div>";
    let mut pieces = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find(CLOSE) else { break };
        pieces.push(Piece::Html(rest[..start].to_owned()));
        pieces.push(Piece::Example(after[..end].to_owned()));
        rest = &after[end + CLOSE.len()..];
    }
    pieces.push(Piece::Html(rest.to_owned()));
    pieces
}

/// The pattern page at `/catalog/:slug`.
#[component]
pub fn Pattern() -> impl IntoView {
    let params = use_params_map();
    let page = LocalResource::new(move || {
        let slug = params.read().get("slug").unwrap_or_default();
        async move { api::get_json::<Page>(&format!("/api/v1/patterns/{slug}")).await }
    });
    // The server renders copy buttons; one listener here serves them all.
    let copy_code = |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        if !button.has_attribute("data-copy") {
            return;
        }
        let code = button
            .closest(".code-block")
            .ok()
            .flatten()
            .and_then(|block| block.query_selector("pre").ok().flatten())
            .and_then(|pre| pre.text_content());
        if let (Some(code), Some(window)) = (code, web_sys::window()) {
            let _ = window.navigator().clipboard().write_text(&code);
            button.set_text_content(Some("Copied"));
        }
    };
    view! {
        <article class="pattern" on:click=copy_code>
            <Transition fallback=|| view! { <p>"Loading..."</p> }>
                {move || page.get().map(|answer| match answer {
                    Ok(page) => {
                        let mut examples = page.examples.clone();
                        let body = pieces(&page.html)
                            .into_iter()
                            .map(|piece| match piece {
                                Piece::Html(html) => view! { <div class="prose" inner_html=html></div> }.into_any(),
                                Piece::Example(id) => match examples.iter().position(|e| e.id == id) {
                                    Some(at) => view! { <ExampleView example=examples.remove(at) /> }.into_any(),
                                    None => ().into_any(),
                                },
                            })
                            .collect_view();
                        let unplaced = examples.into_iter().map(|example| view! { <ExampleView example /> }).collect_view();
                        view! { <h1>{page.title}</h1> {body} {unplaced} }.into_any()
                    }
                    Err(e) => view! { <p class="banner error">{e.error}</p> }.into_any(),
                })}
            </Transition>
        </article>
    }
}

/// One live example.
#[component]
fn ExampleView(example: Example) -> impl IntoView {
    let store = expect_context::<Store>();
    let navigate = use_navigate();
    let yaml = example.yaml.clone();
    let imported = LocalResource::new(move || {
        let yaml = yaml.clone();
        async move { api::import(&yaml).await }
    });
    let open = move |_| {
        if let Some(Ok(imported)) = imported.get_untracked() {
            store.replace(imported.design);
            navigate("/designer", Default::default());
        }
    };
    let code =
        view! { <pre class="code yaml"><code inner_html=example.yaml_html.clone()></code></pre> };
    view! {
        <figure class=if example.anti_pattern { "example anti-pattern" } else { "example" } id=format!("example-{}", example.id)>
            <figcaption>
                {example.anti_pattern.then(|| view! { <span class="tag warning">"Anti-pattern"</span> })}
                {example.title.clone()}
                <button class="primary" data-testid="open-in-designer" on:click=open>"Open in designer"</button>
            </figcaption>
            <Transition fallback=|| view! { <p>"Validating..."</p> }>
                {move || imported.get().map(|answer| match answer {
                    Ok(imported) => {
                        let findings = imported.report.findings.clone();
                        let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
                        let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
                        view! {
                            <Canvas design=imported.design.clone() findings=findings.clone() />
                            <details class="example-findings">
                                <summary>{format!("{errors} errors · {warnings} warnings")}</summary>
                                <ul>
                                    {findings.into_iter().map(|f| view! {
                                        <li class=format!("finding {:?}", f.severity).to_lowercase()>
                                            <code>{f.path}</code> " " {f.message}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </details>
                        }.into_any()
                    }
                    Err(e) => view! { <p class="banner error">{e.error}</p> }.into_any(),
                })}
            </Transition>
            <details class="example-yaml">
                <summary>"YAML"</summary>
                {code}
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_splits_at_example_placeholders() {
        let html = "<p>a</p><div class=\"example\" data-example=\"one\"></div><p>b</p>";
        assert_eq!(
            pieces(html),
            [
                Piece::Html("<p>a</p>".into()),
                Piece::Example("one".into()),
                Piece::Html("<p>b</p>".into())
            ]
        );
        assert_eq!(pieces("<p>x</p>"), [Piece::Html("<p>x</p>".into())]);
    }
}
