//! A group of toolbar actions. On wide screens its buttons sit in the
//! toolbar; on narrow ones (`style/main.css`) they fold behind a button that
//! opens them as a list (a disclosure: Escape closes it, choosing closes it).

use leptos::prelude::*;

/// A named group of actions.
#[component]
pub fn Menu(
    /// The group's name, the button's text on narrow screens.
    label: &'static str,
    /// The button's `data-testid` is `menu-<key>`.
    key: &'static str,
    /// The actions.
    children: Children,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();
    let toggle = NodeRef::<leptos::html::Button>::new();
    let handle = window_event_listener(leptos::ev::click, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
            .zip(root.get_untracked())
            .is_some_and(|(target, root)| root.contains(Some(&target)));
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());
    let items = format!("menu-{key}-items");
    view! {
        <div
            class="menu"
            class:open=move || open.get()
            node_ref=root
            on:keydown=move |ev| {
                if ev.key() == "Escape" && open.get_untracked() {
                    open.set(false);
                    if let Some(button) = toggle.get_untracked() {
                        let _ = button.focus();
                    }
                }
            }
        >
            <button
                class="menu-toggle"
                node_ref=toggle
                data-testid=format!("menu-{key}")
                aria-expanded=move || open.get().to_string()
                aria-controls=items.clone()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {label}
                <span aria-hidden="true">" ▾"</span>
            </button>
            <div class="menu-items" id=items role="group" aria-label=label on:click=move |_| open.set(false)>
                {children()}
            </div>
        </div>
    }
}
