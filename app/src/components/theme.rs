//! The theme switch: the system's theme by default, or light or dark by
//! choice, remembered in local storage.

use leptos::prelude::*;

const KEY: &str = "podwright.theme";
const CHOICES: [&str; 3] = ["system", "light", "dark"];

fn apply(choice: &str) {
    if let Some(root) = document().document_element() {
        let _ = match choice {
            "light" | "dark" => root.set_attribute("data-theme", choice),
            _ => root.remove_attribute("data-theme"),
        };
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// A button that cycles system → light → dark.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let saved = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .filter(|c| CHOICES.contains(&c.as_str()))
        .unwrap_or_else(|| "system".to_owned());
    apply(&saved);
    let choice = RwSignal::new(saved);
    let next = move |_| {
        let current = choice.get_untracked();
        let at = CHOICES.iter().position(|c| *c == current).unwrap_or(0);
        let chosen = CHOICES[(at + 1) % CHOICES.len()].to_owned();
        apply(&chosen);
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &chosen);
        }
        choice.set(chosen);
    };
    view! {
        <button class="theme-switch" data-testid="theme-switch" title="Switch theme" on:click=next>
            {move || format!("Theme: {}", choice.get())}
        </button>
    }
}
