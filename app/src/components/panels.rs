//! How the designer shares the screen. Wide screens show the canvas first,
//! with the inspector and the YAML in a side column that can be collapsed
//! and resized; narrow screens show one panel at a time under tabs.

use leptos::ev;
use leptos::prelude::*;

/// Below this viewport width (CSS pixels) the designer shows one panel at a
/// time; `style/main.css` switches its layout at the same width.
const NARROW_BELOW: f64 = 900.0;
/// The side column's width range and its first width, in CSS pixels.
const SIDE_MIN: f64 = 280.0;
const SIDE_MAX: f64 = 900.0;
const SIDE_START: f64 = 400.0;
/// How far one arrow key press moves the splitter.
const SIDE_STEP: f64 = 24.0;

/// A panel of the designer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The picture of the Pod.
    Canvas,
    /// The form of the selected element.
    Inspector,
    /// The live YAML.
    Yaml,
    /// Findings and insights.
    Findings,
}

impl Panel {
    /// Every panel, in tab order.
    pub const ALL: [Panel; 4] = [
        Panel::Canvas,
        Panel::Inspector,
        Panel::Yaml,
        Panel::Findings,
    ];

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Panel::Canvas => "Canvas",
            Panel::Inspector => "Inspector",
            Panel::Yaml => "YAML",
            Panel::Findings => "Findings",
        }
    }

    /// A lowercase name for ids and test ids.
    pub fn key(self) -> &'static str {
        match self {
            Panel::Canvas => "canvas",
            Panel::Inspector => "inspector",
            Panel::Yaml => "yaml",
            Panel::Findings => "findings",
        }
    }
}

/// The designer's panel state, provided as a context.
#[derive(Clone, Copy)]
pub struct Panels {
    /// True on narrow screens (one panel at a time).
    pub narrow: RwSignal<bool>,
    /// The panel shown on narrow screens.
    pub active: RwSignal<Panel>,
    /// Whether the inspector is expanded on wide screens.
    pub inspector_open: RwSignal<bool>,
    /// Whether the YAML is expanded on wide screens.
    pub yaml_open: RwSignal<bool>,
    /// The side column's width in CSS pixels on wide screens.
    pub side_width: RwSignal<f64>,
}

impl Panels {
    /// Panels for the current window, following its resizes.
    pub fn new() -> Self {
        let narrow = RwSignal::new(is_narrow());
        let handle = window_event_listener(ev::resize, move |_| {
            let now = is_narrow();
            if narrow.get_untracked() != now {
                narrow.set(now);
            }
        });
        on_cleanup(move || handle.remove());
        Panels {
            narrow,
            active: RwSignal::new(Panel::Canvas),
            inspector_open: RwSignal::new(true),
            yaml_open: RwSignal::new(true),
            side_width: RwSignal::new(SIDE_START),
        }
    }

    /// Brings `panel` into view: its tab on narrow screens, expanded on wide ones.
    pub fn reveal(&self, panel: Panel) {
        self.active.set(panel);
        match panel {
            Panel::Inspector => self.inspector_open.set(true),
            Panel::Yaml => self.yaml_open.set(true),
            Panel::Canvas | Panel::Findings => {}
        }
    }

    /// The `role` a panel takes: a tab panel on narrow screens only.
    pub fn panel_role(&self) -> impl Fn() -> Option<&'static str> + Copy + use<> {
        let narrow = self.narrow;
        move || narrow.get().then_some("tabpanel")
    }

    /// The `aria-labelledby` a panel takes on narrow screens: its tab.
    pub fn labelled_by(&self, panel: Panel) -> impl Fn() -> Option<String> + Copy + use<> {
        let narrow = self.narrow;
        move || narrow.get().then(|| format!("tab-{}", panel.key()))
    }
}

fn is_narrow() -> bool {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < NARROW_BELOW)
}

/// The tabs of narrow screens (WAI-ARIA tabs: arrow keys move between them).
#[component]
pub fn Tabs() -> impl IntoView {
    let panels = expect_context::<Panels>();
    let move_by = move |delta: isize| {
        let at = Panel::ALL
            .iter()
            .position(|p| *p == panels.active.get_untracked())
            .unwrap_or(0) as isize;
        let next = Panel::ALL[(at + delta).rem_euclid(Panel::ALL.len() as isize) as usize];
        panels.active.set(next);
        focus_by_id(&format!("tab-{}", next.key()));
    };
    view! {
        <div class="tabs" role="tablist" aria-label="Designer panels">
            {Panel::ALL
                .into_iter()
                .map(|panel| {
                    let selected = move || panels.active.get() == panel;
                    view! {
                        <button
                            role="tab"
                            id=format!("tab-{}", panel.key())
                            data-testid=format!("tab-{}", panel.key())
                            aria-controls=format!("panel-{}", panel.key())
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| panels.active.set(panel)
                            on:keydown=move |ev| match ev.key().as_str() {
                                "ArrowRight" => move_by(1),
                                "ArrowLeft" => move_by(-1),
                                _ => {}
                            }
                        >
                            {panel.label()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The bar over a collapsible side panel: its name and a button that folds it.
#[component]
pub fn PanelBar(
    /// The panel.
    panel: Panel,
    /// Whether it is expanded.
    open: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <div class="panel-bar">
            <button
                class="panel-toggle"
                data-testid=format!("toggle-{}", panel.key())
                aria-expanded=move || open.get().to_string()
                aria-controls=format!("{}-body", panel.key())
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">{move || if open.get() { "▾ " } else { "▸ " }}</span>
                {panel.label()}
            </button>
        </div>
    }
}

/// The handle between the canvas and the side column: drag it, or focus it
/// and press the arrow keys, to resize the side column.
#[component]
pub fn Splitter() -> impl IntoView {
    let panels = expect_context::<Panels>();
    let drag = StoredValue::new(None::<(f64, f64)>);
    let set = move |width: f64| panels.side_width.set(width.clamp(SIDE_MIN, SIDE_MAX));
    view! {
        <div
            class="splitter"
            role="separator"
            tabindex="0"
            data-testid="splitter"
            aria-label="Resize the side panels"
            aria-orientation="vertical"
            aria-valuemin=SIDE_MIN
            aria-valuemax=SIDE_MAX
            aria-valuenow=move || panels.side_width.get().round()
            on:pointerdown=move |ev: ev::PointerEvent| {
                if let Some(target) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) {
                    let _ = target.set_pointer_capture(ev.pointer_id());
                }
                drag.set_value(Some((f64::from(ev.client_x()), panels.side_width.get_untracked())));
            }
            on:pointermove=move |ev: ev::PointerEvent| {
                if let Some((x, width)) = drag.get_value() {
                    set(width - (f64::from(ev.client_x()) - x));
                }
            }
            on:pointerup=move |_| drag.set_value(None)
            on:pointercancel=move |_| drag.set_value(None)
            on:keydown=move |ev| {
                let width = panels.side_width.get_untracked();
                match ev.key().as_str() {
                    "ArrowLeft" => set(width + SIDE_STEP),
                    "ArrowRight" => set(width - SIDE_STEP),
                    _ => return,
                }
                ev.prevent_default();
            }
        ></div>
    }
}

/// Moves keyboard focus to the element with `id`, if there is one.
pub fn focus_by_id(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = element.focus();
    }
}
