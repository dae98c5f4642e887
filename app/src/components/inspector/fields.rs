//! Generic form controls bound to one field of one element by JSON pointer.
//! Every control carries `data-path`, so a clicked finding can focus it.

use super::value_text::{Kind, Reading, from_text, to_text};
use crate::api;
use crate::state::Store;
use crate::state::finding_target::Element;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// One labelled control for the field at `pointer` of `element`.
#[component]
pub fn Field(
    /// The element the field belongs to.
    element: Element,
    /// The field's JSON pointer inside the element.
    #[prop(into)]
    pointer: String,
    /// The label.
    label: &'static str,
    /// The control.
    kind: Kind,
    /// One line of help, shown under the control.
    #[prop(optional)]
    help: &'static str,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let error = RwSignal::new(None::<String>);
    let refused_pointer = pointer.clone();
    // The server refused this field's value (and the edit was taken back):
    // the field takes the error, once.
    Effect::new(move |_| {
        let mine = store.refused.with(|refused| {
            refused
                .as_ref()
                .filter(|r| r.element == element && r.pointer == refused_pointer)
                .map(|r| r.error.clone())
        });
        if let Some(message) = mine {
            store.refused.update_untracked(|refused| *refused = None);
            error.set(Some(message));
        }
    });
    let read_pointer = pointer.clone();
    let text = Signal::derive(move || to_text(kind, &store.get(element, &read_pointer)));
    let write_pointer = pointer.clone();
    let commit = Callback::new(move |typed: String| match from_text(kind, &typed) {
        Ok(Reading::Value(value)) => error.set(store.set(element, &write_pointer, value).err()),
        Ok(Reading::Yaml(text)) => {
            let pointer = write_pointer.clone();
            spawn_local(async move {
                let result = match api::read_yaml(&text).await {
                    Ok(mut documents) => {
                        let value = documents.pop().unwrap_or(Value::Null);
                        store.set(element, &pointer, value)
                    }
                    Err(e) => Err(e.error),
                };
                error.set(result.err());
            });
        }
        Err(e) => error.set(Some(e)),
    });
    let control = match kind {
        Kind::Bool => choice(&["true", "false"], pointer.clone(), text, commit).into_any(),
        Kind::Choice(options) => choice(options, pointer.clone(), text, commit).into_any(),
        Kind::Lines | Kind::Pairs | Kind::Yaml => view! {
            <textarea
                data-path=pointer.clone()
                rows=if kind == Kind::Yaml { "5" } else { "3" }
                spellcheck="false"
                prop:value=text
                on:change=move |ev| commit.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any(),
        Kind::Text | Kind::Number => view! {
            <input
                data-path=pointer.clone()
                type=if kind == Kind::Number { "number" } else { "text" }
                spellcheck="false"
                prop:value=text
                on:change=move |ev| commit.run(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            {control}
            {(!help.is_empty()).then(|| view! { <small class="help">{help}</small> })}
            {move || error.get().map(|e| view! { <small class="field-error" role="alert">{e}</small> })}
        </label>
    }
}

fn choice(
    options: &'static [&'static str],
    pointer: String,
    current: Signal<String>,
    commit: Callback<String>,
) -> impl IntoView {
    view! {
        <select data-path=pointer prop:value=current on:change=move |ev| commit.run(event_target_value(&ev))>
            <option value="">"(unset)"</option>
            {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
        </select>
    }
}

/// A list of objects (ports, env, mounts, ...), each row with its own fields.
#[component]
pub fn ListEditor(
    /// The element holding the list.
    element: Element,
    /// The list's JSON pointer.
    pointer: &'static str,
    /// The section title.
    title: &'static str,
    /// Per row: label, pointer inside the item, control.
    columns: &'static [(&'static str, &'static str, Kind)],
    /// What a new row starts as.
    new_item: fn() -> Value,
    /// One line of help.
    #[prop(optional)]
    help: &'static str,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let count = Signal::derive(move || store.get(element, pointer).as_array().map_or(0, Vec::len));
    view! {
        <fieldset class="list-editor">
            <legend>{title}</legend>
            {(!help.is_empty()).then(|| view! { <small class="help">{help}</small> })}
            {move || {
                (0..count.get())
                    .map(|index| {
                        view! {
                            <div class="list-row">
                                {columns
                                    .iter()
                                    .map(|(label, inner, kind)| {
                                        view! {
                                            <Field element pointer=format!("{pointer}/{index}{inner}") label=*label kind=*kind />
                                        }
                                    })
                                    .collect_view()}
                                <button
                                    class="remove"
                                    title="Remove"
                                    on:click=move |_| {
                                        let _ = store.set(element, &format!("{pointer}/{index}"), Value::Null);
                                    }
                                >
                                    "Remove"
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <button
                class="add"
                on:click=move |_| {
                    let _ = store.set(element, &format!("{pointer}/{}", count.get_untracked()), new_item());
                }
            >
                {format!("Add {}", title.to_lowercase().trim_end_matches('s'))}
            </button>
        </fieldset>
    }
}

/// One alternative of a [`OneOf`]: its key, and what a new one starts as.
pub type Alternative = (&'static str, fn() -> Value);

/// A field that holds one of several mutually exclusive sub-objects (a probe's
/// handler, a volume's source): a selector, then the chosen one's fields.
#[component]
pub fn OneOf(
    /// The element.
    element: Element,
    /// The object holding the alternatives (empty for the element itself).
    pointer: &'static str,
    /// The label.
    label: &'static str,
    /// The alternatives: key, what a new one starts as.
    options: &'static [Alternative],
    /// Whether "none" removes the whole object at `pointer`.
    #[prop(optional)]
    removable: bool,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let current = Signal::derive(move || {
        let object = store.get(element, if pointer.is_empty() { "" } else { pointer });
        options
            .iter()
            .map(|(key, _)| *key)
            .find(|key| object.get(key).is_some())
            .unwrap_or("")
            .to_owned()
    });
    let choose = move |chosen: String| {
        let previous = current.get_untracked();
        if !previous.is_empty() {
            let _ = store.set(element, &format!("{pointer}/{previous}"), Value::Null);
        }
        match options.iter().find(|(key, _)| *key == chosen) {
            Some((key, make)) => {
                let _ = store.set(element, &format!("{pointer}/{key}"), make());
            }
            None if removable && !pointer.is_empty() => {
                let _ = store.set(element, pointer, Value::Null);
            }
            None => {}
        }
    };
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select data-path=format!("{pointer}/") prop:value=current on:change=move |ev| choose(event_target_value(&ev))>
                <option value="">"(none)"</option>
                {options.iter().map(|(key, _)| view! { <option value=*key>{*key}</option> }).collect_view()}
            </select>
        </label>
        {move || {
            let key = current.get();
            (!key.is_empty())
                .then(|| {
                    view! {
                        <Field element pointer=format!("{pointer}/{key}") label="Settings (YAML)" kind=Kind::Yaml />
                    }
                })
        }}
    }
}
