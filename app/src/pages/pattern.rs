//! One catalog page: its text, and each example live: drawn by the designer's
//! canvas, validated by the server, and one click from the designer.

use crate::api;
use crate::components::canvas::Canvas;
use crate::components::panels::focus_by_id;
use crate::state::Store;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use podwright_core::api::{Example, Page};
use podwright_core::report::Severity;

/// A piece of a page: rendered HTML, the place of an example, or the places
/// of examples shown as tabs of one control (`(label, id)` each).
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Html(String),
    Example(String),
    Tabs(Vec<(String, String)>),
}

/// Splits the page's HTML at its example placeholders
/// (`<div class="example" data-example="ID"></div>`) and tab controls
/// (`<div class="example-tabs">` around placeholders with a `data-tab` label).
fn pieces(html: &str) -> Vec<Piece> {
    const EXAMPLE: &str = "<div class=\"example\" data-example=\"";
    const TABS: &str = "<div class=\"example-tabs\">";
    const TAB: &str = "\" data-tab=\"";
    const CLOSE: &str = "\"></div>";
    let mut pieces = Vec::new();
    let mut rest = html;
    loop {
        let example = rest.find(EXAMPLE);
        let tabs = rest.find(TABS).filter(|t| example.is_none_or(|e| *t < e));
        if let Some(start) = tabs {
            let mut inner = &rest[start + TABS.len()..];
            let mut entries = Vec::new();
            while let Some(after) = inner.strip_prefix(EXAMPLE) {
                let Some(end) = after.find(CLOSE) else { break };
                let Some((id, label)) = after[..end].split_once(TAB) else {
                    break;
                };
                entries.push((label.to_owned(), id.to_owned()));
                inner = &after[end + CLOSE.len()..];
            }
            let Some(after) = inner.strip_prefix("</div>") else {
                break;
            };
            pieces.push(Piece::Html(rest[..start].to_owned()));
            pieces.push(Piece::Tabs(entries));
            rest = after;
        } else if let Some(start) = example {
            let after = &rest[start + EXAMPLE.len()..];
            let Some(end) = after.find(CLOSE) else { break };
            pieces.push(Piece::Html(rest[..start].to_owned()));
            pieces.push(Piece::Example(after[..end].to_owned()));
            rest = &after[end + CLOSE.len()..];
        } else {
            break;
        }
    }
    pieces.push(Piece::Html(rest.to_owned()));
    pieces
}

/// The tab an arrow, Home or End key moves to from `at` among `count` tabs.
fn tab_after_key(key: &str, at: usize, count: usize) -> Option<usize> {
    match key {
        _ if count == 0 => None,
        "ArrowRight" => Some((at + 1) % count),
        "ArrowLeft" => Some((at + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
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
                                Piece::Tabs(entries) => {
                                    let tabs: Vec<(String, Example)> = entries
                                        .into_iter()
                                        .filter_map(|(label, id)| {
                                            let at = examples.iter().position(|e| e.id == id)?;
                                            Some((label, examples.remove(at)))
                                        })
                                        .collect();
                                    view! { <ExampleTabs tabs /> }.into_any()
                                }
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

/// Examples as the tabs of one control (WAI-ARIA tabs: arrow keys, Home and
/// End move between them). Every panel stays mounted, so each example keeps
/// its state and its "Open in designer" action.
#[component]
fn ExampleTabs(tabs: Vec<(String, Example)>) -> impl IntoView {
    let selected = RwSignal::new(0_usize);
    let count = tabs.len();
    let group = tabs
        .first()
        .map(|(_, example)| example.id.clone())
        .unwrap_or_default();
    let tab_id = {
        let group = group.clone();
        move |at: usize| format!("tabs-{group}-tab-{at}")
    };
    let panel_id = move |at: usize| format!("tabs-{group}-panel-{at}");
    let on_key = {
        let tab_id = tab_id.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if let Some(next) = tab_after_key(&ev.key(), selected.get_untracked(), count) {
                ev.prevent_default();
                selected.set(next);
                focus_by_id(&tab_id(next));
            }
        }
    };
    let buttons = tabs
        .iter()
        .enumerate()
        .map(|(at, (label, _))| {
            view! {
                <button
                    role="tab"
                    id=tab_id(at)
                    data-testid="example-tab"
                    aria-controls=panel_id(at)
                    aria-selected=move || (selected.get() == at).to_string()
                    tabindex=move || if selected.get() == at { "0" } else { "-1" }
                    on:click=move |_| selected.set(at)
                >
                    {label.clone()}
                </button>
            }
        })
        .collect_view();
    let panels = tabs
        .into_iter()
        .enumerate()
        .map(|(at, (_, example))| {
            view! {
                <div
                    role="tabpanel"
                    id=panel_id(at)
                    aria-labelledby=tab_id(at)
                    data-testid="example-tabpanel"
                    hidden=move || selected.get() != at
                >
                    <ExampleView example />
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="example-tabs" data-testid="example-tabs">
            <div class="tabs" role="tablist" aria-label="Versions of this example" on:keydown=on_key>
                {buttons}
            </div>
            {panels}
        </div>
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
            {example.timeline_svg.clone().map(|svg| view! {
                <div class="example-timeline" data-testid="example-timeline" inner_html=svg></div>
            })}
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

    #[test]
    fn html_splits_at_tab_controls() {
        let html = "<p>a</p><div class=\"example-tabs\"><div class=\"example\" data-example=\"one\" data-tab=\"Classic\"></div><div class=\"example\" data-example=\"one-native\" data-tab=\"Native\"></div></div><div class=\"example\" data-example=\"two\"></div>";
        assert_eq!(
            pieces(html),
            [
                Piece::Html("<p>a</p>".into()),
                Piece::Tabs(vec![
                    ("Classic".into(), "one".into()),
                    ("Native".into(), "one-native".into())
                ]),
                Piece::Html(String::new()),
                Piece::Example("two".into()),
                Piece::Html(String::new()),
            ]
        );
    }

    #[test]
    fn arrow_keys_wrap_around_the_tabs() {
        assert_eq!(tab_after_key("ArrowRight", 0, 2), Some(1));
        assert_eq!(tab_after_key("ArrowRight", 1, 2), Some(0));
        assert_eq!(tab_after_key("ArrowLeft", 0, 2), Some(1));
        assert_eq!(tab_after_key("End", 0, 3), Some(2));
        assert_eq!(tab_after_key("Home", 2, 3), Some(0));
        assert_eq!(tab_after_key("Enter", 0, 2), None);
        assert_eq!(tab_after_key("ArrowRight", 0, 0), None);
    }
}
