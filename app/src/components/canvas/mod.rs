//! The Pod as a picture (SVG): init containers in order, the shared localhost
//! with every port, app containers, volumes, and mounts as edges. Drawn
//! read-only in the catalog, and with selection, keyboard and mounting in the
//! designer. It zooms (buttons, Ctrl+wheel, a trackpad or touch pinch, + and
//! -), fits the screen, pans (drag the background, or scroll), mounts a volume
//! when a container is dragged onto it, moves a container within its list
//! when dragged onto another (or with Alt+Up and Alt+Down), fills the window's
//! height in the designer, and says in words what it shows (an outline for
//! screen readers, the description of an exported picture).

pub mod export;
mod gestures;
mod layout;
mod navigate;
mod nodes;
mod outline;
mod pinch;
mod reorder;
mod zoom;

use crate::components::panels::Panels;
use crate::design::Design;
use crate::state::finding_target::{Element, target_of};
use gestures::{Drag, beyond_threshold, to_picture};
use layout::{CARD_H, CARD_W, Focus, VOLUME_H, VOLUME_W, columns_for, layout, mount_labels};
use leptos::ev;
use leptos::prelude::*;
use navigate::{Spot, Step};
use nodes::{Interaction, container_card, edge, element_of, mount_label, node_id, volume_node};
use outline::{Marks, Outline, outline_text};
use pinch::Touches;
use podwright_core::report::Finding;
use zoom::Zoom;

const ZOOM_STEP: f64 = 1.25;
/// The designer's canvas is never shorter than this (CSS pixels).
const MIN_HEIGHT: f64 = 240.0;
/// Room kept under the designer's canvas: the panel's padding and border and the page's margin.
const ROOM_BELOW: f64 = 28.0;

/// The picture's name: the workload's kind and name.
pub fn title(design: &Design) -> String {
    let name = design
        .workload
        .object
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(|n| n.as_str())
        .unwrap_or("unnamed");
    format!("{} {name}", design.workload.kind.as_str())
}

/// The picture in words (the outline), with the findings on each element.
pub fn describe(design: &Design, findings: &[Finding]) -> String {
    outline_text(design, &marks(design, findings))
}

fn marks(design: &Design, findings: &[Finding]) -> Marks {
    let mut marks = Marks::new();
    for finding in findings {
        let element = target_of(&finding.path, design).element;
        let entry = marks.entry(element).or_insert((finding.severity, 0));
        entry.0 = entry.0.min(finding.severity);
        entry.1 += 1;
    }
    marks
}

/// Every element's centre, in drawing order, for keyboard moves.
fn spots(layout: &layout::Layout) -> Vec<Spot> {
    layout
        .init
        .iter()
        .chain(&layout.apps)
        .map(|p| {
            (
                Element::Container(p.id),
                p.x + CARD_W / 2.0,
                p.y + CARD_H / 2.0,
            )
        })
        .chain(layout.volumes.iter().map(|p| {
            (
                Element::Volume(p.id),
                p.x + VOLUME_W / 2.0,
                p.y + VOLUME_H / 2.0,
            )
        }))
        .collect()
}

/// Moves keyboard focus to an element's shape once it is drawn.
fn focus_node(element: Element) {
    request_animation_frame(move || {
        if let Some(node) = document()
            .get_element_by_id(&node_id(element))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::SvgElement>(e).ok())
        {
            let _ = node.focus();
        }
    });
}

/// Draws a design.
#[component]
pub fn Canvas(
    /// The design to draw.
    #[prop(into)]
    design: Signal<Design>,
    /// Findings to mark on the elements they concern.
    #[prop(into)]
    findings: Signal<Vec<Finding>>,
    /// The selection to show and change; without it the picture is read-only.
    #[prop(optional)]
    selection: Option<RwSignal<Option<Element>>>,
    /// Called with (container id, volume id) to mount a volume into the selected container.
    #[prop(optional)]
    on_mount: Option<Callback<(u32, u32)>>,
    /// Called with the selected element when Enter asks for its inspector.
    #[prop(optional)]
    on_open: Option<Callback<Element>>,
    /// Called with the selected element when Delete asks to remove it.
    #[prop(optional)]
    on_remove: Option<Callback<Element>>,
    /// Called with (container id, index) to move a container to that index of
    /// its list (the index it has already when it cannot go further).
    #[prop(optional)]
    on_reorder: Option<Callback<(u32, usize)>>,
) -> impl IntoView {
    let viewport = NodeRef::<leptos::html::Div>::new();
    let interactive = selection.is_some();
    // The canvas's width picks how many cards go in a row.
    let width = RwSignal::new(0.0_f64);
    // In the designer, the canvas reaches down to the window's bottom edge.
    let height = RwSignal::new(None::<f64>);
    let measure = move || {
        request_animation_frame(move || {
            let Some(view) = viewport.get_untracked() else {
                return;
            };
            let now = f64::from(view.client_width());
            if now > 0.0 && now != width.get_untracked() {
                width.set(now);
            }
            let window = window();
            let top = view.get_bounding_client_rect().top() + window.scroll_y().unwrap_or(0.0);
            let room = window.inner_height().ok().and_then(|h| h.as_f64());
            let fill = room.map(|room| (room - top - ROOM_BELOW).max(MIN_HEIGHT).round());
            if interactive && now > 0.0 && fill != height.get_untracked() {
                height.set(fill);
            }
        })
    };
    let handle = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || handle.remove());
    let panels = use_context::<Panels>();
    // Measured again when the panels change, and after edits (the toolbar's
    // status above the canvas may take another line).
    Effect::new(move |_| {
        design.track();
        if let Some(p) = panels {
            p.side_width.track();
            p.inspector_open.track();
            p.yaml_open.track();
            p.narrow.track();
            p.active.track();
        }
        measure();
    });
    let columns = Memo::new(move |_| columns_for(width.get()));
    let layout = Memo::new(move |_| {
        let columns = columns.get();
        design.with(|d| layout(d, columns))
    });
    let marks = Memo::new(move |_| design.with(|d| findings.with(|f| marks(d, f))));
    let zoom = RwSignal::new(Zoom::Width);

    // The scale the picture is drawn at now (measured while it fits the screen).
    let scale_now = move || match zoom.get_untracked() {
        Zoom::Scale(scale) => scale,
        Zoom::Width | Zoom::Whole => {
            let (width, height) = layout.with_untracked(|l| (l.width, l.height));
            viewport
                .get_untracked()
                .and_then(|v| v.query_selector("svg").ok().flatten())
                .map(|svg| {
                    let rect = svg.get_bounding_client_rect();
                    (rect.width() / width).min(rect.height() / height)
                })
                .filter(|s| s.is_finite() && *s > 0.0)
                .unwrap_or(1.0)
        }
    };
    // Zooms by `factor`, keeping the point at (x, y) in the viewport (or its centre) still.
    let zoom_by = move |factor: f64, at: Option<(f64, f64)>| {
        let Some(view) = viewport.get_untracked() else {
            return;
        };
        let old = scale_now();
        let new = (old * factor).clamp(zoom::MIN, zoom::MAX);
        let rect = view.get_bounding_client_rect();
        let (ox, oy) = at
            .map(|(x, y)| (x - rect.left(), y - rect.top()))
            .unwrap_or((rect.width() / 2.0, rect.height() / 2.0));
        let (sx, sy) = (f64::from(view.scroll_left()), f64::from(view.scroll_top()));
        zoom.set(Zoom::Scale(new));
        request_animation_frame(move || {
            let ratio = new / old;
            view.set_scroll_left(((sx + ox) * ratio - ox) as i32);
            view.set_scroll_top(((sy + oy) * ratio - oy) as i32);
        });
    };

    // Dragging: the background pans; a container dropped on a volume mounts
    // it, dropped on a card of its own list moves there; two fingers pinch.
    let drag = StoredValue::new(None::<Drag>);
    let touches = StoredValue::new(Touches::default());
    let drag_line = RwSignal::new(None::<((f64, f64), (f64, f64))>);
    let insert_mark = RwSignal::new(None::<(f64, f64)>);
    let end_drag = move || {
        drag.set_value(None);
        drag_line.set(None);
        insert_mark.set(None);
    };
    // The card of the dragged container's list under the screen point, and
    // whether the point is on its left half.
    let card_under = move |dragged: u32, at: (i32, i32)| {
        let card = document()
            .element_from_point(at.0 as f32, at.1 as f32)?
            .closest("[data-testid=container-node]")
            .ok()
            .flatten()?;
        let Some(Element::Container(target)) = element_of(&card.id()) else {
            return None;
        };
        let (from, onto) =
            design.with_untracked(|d| (reorder::place(d, dragged), reorder::place(d, target)));
        let (from, onto) = (from?, onto?);
        let rect = card.get_bounding_client_rect();
        let before = f64::from(at.0) < rect.left() + rect.width() / 2.0;
        (target != dragged && from.init == onto.init).then_some((target, from, onto, before))
    };
    let pressed_on = |ev: &ev::PointerEvent, selector: &str| {
        ev.target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|t| t.closest(selector).ok().flatten())
    };
    let on_pointerdown = move |ev: ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let start = (ev.client_x(), ev.client_y());
        if ev.pointer_type() == "touch" {
            touches.update_value(|t| {
                t.down(ev.pointer_id(), (f64::from(start.0), f64::from(start.1)))
            });
            if touches.with_value(Touches::pinching) {
                end_drag();
                return;
            }
        }
        if let Some(node) = pressed_on(&ev, "[data-testid=container-node]") {
            if let (Some(Element::Container(container)), true) = (
                element_of(&node.id()),
                on_mount.is_some() || on_reorder.is_some(),
            ) {
                drag.set_value(Some(Drag::Card {
                    container,
                    start,
                    moved: false,
                }));
            }
            return;
        }
        let on_node = pressed_on(&ev, "[data-testid=volume-node],.mount-here").is_some();
        if let (false, Some(view)) = (on_node, viewport.get_untracked()) {
            let _ = view.set_pointer_capture(ev.pointer_id());
            let scroll = (view.scroll_left(), view.scroll_top());
            drag.set_value(Some(Drag::Pan { start, scroll }));
        }
    };
    let on_pointermove = move |ev: ev::PointerEvent| {
        let now = (ev.client_x(), ev.client_y());
        let Some(view) = viewport.get_untracked() else {
            return;
        };
        if ev.pointer_type() == "touch" && touches.with_value(Touches::pinching) {
            let at = (f64::from(now.0), f64::from(now.1));
            if let Some(step) = touches
                .try_update_value(|t| t.moved(ev.pointer_id(), at))
                .flatten()
            {
                ev.prevent_default();
                view.set_scroll_left(view.scroll_left() - step.pan.0.round() as i32);
                view.set_scroll_top(view.scroll_top() - step.pan.1.round() as i32);
                if (step.factor - 1.0).abs() > 1e-3 {
                    zoom_by(step.factor, Some(step.centre));
                }
            }
            return;
        }
        match drag.get_value() {
            Some(Drag::Pan { start, scroll }) => {
                view.set_scroll_left(scroll.0 - (now.0 - start.0));
                view.set_scroll_top(scroll.1 - (now.1 - start.1));
            }
            Some(Drag::Card {
                container,
                start,
                moved,
            }) => {
                if !moved && !beyond_threshold(start, now) {
                    return;
                }
                if !moved {
                    let _ = view.set_pointer_capture(ev.pointer_id());
                    drag.set_value(Some(Drag::Card {
                        container,
                        start,
                        moved: true,
                    }));
                }
                // Over a card of its list: a mark shows where it would go.
                if let Some((target, _, _, before)) =
                    on_reorder.and_then(|_| card_under(container, now))
                {
                    let mark = layout.with_untracked(|l| {
                        let card = l.init.iter().chain(&l.apps).find(|p| p.id == target)?;
                        let x = if before {
                            card.x - layout::GAP / 2.0
                        } else {
                            card.x + CARD_W + layout::GAP / 2.0
                        };
                        Some((x, card.y))
                    });
                    insert_mark.set(mark);
                    drag_line.set(None);
                    return;
                }
                insert_mark.set(None);
                if on_mount.is_none() {
                    return;
                }
                let Some(svg) = view.query_selector("svg").ok().flatten() else {
                    return;
                };
                let rect = svg.get_bounding_client_rect();
                let (size, from) = layout.with_untracked(|l| {
                    let card = l.init.iter().chain(&l.apps).find(|p| p.id == container);
                    (
                        (l.width, l.height),
                        card.map(|p| (p.x + CARD_W / 2.0, p.y + CARD_H)),
                    )
                });
                let rect = (rect.left(), rect.top(), rect.width(), rect.height());
                let to = to_picture(rect, size, (f64::from(now.0), f64::from(now.1)));
                drag_line.set(from.map(|from| (from, to)));
            }
            None => {}
        }
    };
    let on_pointerup = move |ev: ev::PointerEvent| {
        touches.update_value(|t| t.up(ev.pointer_id()));
        if let Some(Drag::Card {
            container,
            moved: true,
            ..
        }) = drag.get_value()
        {
            let at = (ev.client_x(), ev.client_y());
            let volume = document()
                .element_from_point(at.0 as f32, at.1 as f32)
                .and_then(|e| e.closest("[data-testid=volume-node]").ok().flatten())
                .and_then(|e| element_of(&e.id()));
            if let (Some(Element::Volume(volume)), Some(on_mount)) = (volume, on_mount) {
                on_mount.run((container, volume));
            } else if let (Some((_, from, onto, before)), Some(on_reorder)) =
                (card_under(container, at), on_reorder)
            {
                let to = reorder::drop_index(from.index, onto.index, before);
                if to != from.index {
                    on_reorder.run((container, to));
                }
            }
        }
        end_drag();
    };

    let on_keydown = move |ev: ev::KeyboardEvent| {
        let Some(selection) = selection else { return };
        let key = ev.key();
        let current = selection
            .get_untracked()
            .filter(|e| matches!(e, Element::Container(_) | Element::Volume(_)));
        if ev.alt_key() && matches!(key.as_str(), "ArrowUp" | "ArrowDown") {
            if let (Some(Element::Container(id)), Some(reorder)) = (current, on_reorder) {
                ev.prevent_default();
                let delta = if key == "ArrowUp" { -1 } else { 1 };
                if let Some(place) = design.with_untracked(|d| reorder::place(d, id)) {
                    reorder.run((id, place.step(delta)));
                    // Redrawn in place, the focused shape now shows its neighbour.
                    focus_node(Element::Container(id));
                }
            }
            return;
        }
        if let Some(step) = Step::from_key(&key) {
            ev.prevent_default();
            if let Some(next) = layout.with_untracked(|l| navigate::step(&spots(l), current, step))
            {
                selection.set(Some(next));
                focus_node(next);
            }
            return;
        }
        match key.as_str() {
            "Enter" => {
                if let (Some(element), Some(open)) = (current, on_open) {
                    ev.prevent_default();
                    open.run(element);
                }
            }
            "Delete" | "Backspace" => {
                if let (Some(element), Some(remove)) = (current, on_remove) {
                    ev.prevent_default();
                    remove.run(element);
                    if let Some(next) = selection.get_untracked() {
                        focus_node(next);
                    }
                }
            }
            "Escape" => selection.set(None),
            "+" | "=" => zoom_by(ZOOM_STEP, None),
            "-" => zoom_by(1.0 / ZOOM_STEP, None),
            "0" => zoom.set(Zoom::Whole),
            _ => {}
        }
    };

    // Redrawing after an edit replaces the focused shape: while the keyboard
    // is on the canvas, the focus comes back to the selection.
    let owns_focus = StoredValue::new(false);
    if interactive {
        let handle = window_event_listener(ev::focusin, move |ev| {
            let inside = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|t| t.closest(".pod-picture").ok().flatten().is_some());
            owns_focus.set_value(inside);
        });
        on_cleanup(move || handle.remove());
        Effect::new(move |_| {
            design.track();
            request_animation_frame(move || {
                let lost = document()
                    .active_element()
                    .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
                if !(owns_focus.get_value() && lost) {
                    return;
                }
                let target = selection
                    .and_then(|s| s.get_untracked())
                    .filter(|e| matches!(e, Element::Container(_) | Element::Volume(_)))
                    .or_else(|| layout.with_untracked(|l| spots(l).first().map(|s| s.0)));
                if let Some(target) = target {
                    focus_node(target);
                }
            });
        });
    }

    // Whether the selection names an element that is drawn (else the first one takes the Tab stop).
    let selection_drawn = Signal::derive(move || {
        let Some(selected) = selection.and_then(|s| s.get()) else {
            return false;
        };
        layout.with(|l| spots(l).iter().any(|(e, _, _)| *e == selected))
    });
    let picture = move || {
        let design = design.get();
        let layout = layout.get();
        let marks = marks.get();
        let first = spots(&layout).first().map(|s| s.0);
        let interaction = |element: Element| Interaction {
            selection,
            first: Some(element) == first,
            selection_drawn,
        };
        let containers: Vec<_> = design
            .pod
            .init_containers
            .iter()
            .cloned()
            .zip(layout.init.iter().copied())
            .chain(
                design
                    .pod
                    .containers
                    .iter()
                    .cloned()
                    .zip(layout.apps.iter().copied()),
            )
            .collect();
        let volumes: Vec<_> = design
            .pod
            .volumes
            .iter()
            .cloned()
            .zip(layout.volumes.iter().copied())
            .collect();
        let band = network_band(&design, &layout, &marks);
        view! {
            {layout
                .labels
                .iter()
                .map(|(text, x, y)| view! { <text class="section-label" x=*x y=*y>{text.clone()}</text> })
                .collect_view()}
            {band}
            {layout.edges.iter().cloned().map(|e| edge(e, selection)).collect_view()}
            {containers
                .into_iter()
                .map(|(c, at)| {
                    let element = Element::Container(c.id);
                    let mark = marks.get(&element).copied();
                    container_card(c, at, mark, interaction(element))
                })
                .collect_view()}
            {volumes
                .into_iter()
                .map(|(v, at)| {
                    let element = Element::Volume(v.id);
                    let mark = marks.get(&element).copied();
                    volume_node(v, at, mark, interaction(element), on_mount)
                })
                .collect_view()}
        }
    };
    // Labels for the selection's mounts, placed apart from one another.
    let labels = move || {
        let focus = match selection.and_then(|s| s.get())? {
            Element::Container(id) => Focus::Container(id),
            Element::Volume(id) => Focus::Volume(id),
            _ => return None,
        };
        let layout = layout.get();
        let places = mount_labels(&layout.edges, focus);
        Some(
            places
                .into_iter()
                .map(|p| {
                    view! {
                        <text class="mount-label" data-testid="mount-label" x=p.x y=p.y text-anchor="middle">
                            {mount_label(&layout.edges[p.edge])}
                        </text>
                    }
                })
                .collect_view(),
        )
    };
    let summary = move || {
        design.with(|d| {
            format!(
                "Picture of the Pod: {} init containers, {} containers, {} volumes",
                d.pod.init_containers.len(),
                d.pod.containers.len(),
                d.pod.volumes.len()
            )
        })
    };
    let size = move || layout.with(|l| (l.width, l.height));
    view! {
        <div class="canvas" class:interactive=interactive>
            <div class="canvas-tools" role="group" aria-label="Zoom">
                <button data-testid="zoom-out" aria-label="Zoom out" title="Zoom out (-)" on:click=move |_| zoom_by(1.0 / ZOOM_STEP, None)>"−"</button>
                <span class="zoom-level" data-testid="zoom-level">{move || zoom.get().label()}</span>
                <button data-testid="zoom-in" aria-label="Zoom in" title="Zoom in (+)" on:click=move |_| zoom_by(ZOOM_STEP, None)>"+"</button>
                <button data-testid="zoom-fit-width" aria-pressed=move || (zoom.get() == Zoom::Width).to_string() title="As wide as the canvas" on:click=move |_| zoom.set(Zoom::Width)>"Width"</button>
                <button data-testid="zoom-fit" aria-pressed=move || (zoom.get() == Zoom::Whole).to_string() title="Fit to screen (0)" on:click=move |_| zoom.set(Zoom::Whole)>"Fit"</button>
                <button data-testid="zoom-reset" title="Actual size" on:click=move |_| zoom.set(Zoom::Scale(1.0))>"100%"</button>
            </div>
            <div
                class="canvas-viewport"
                class:fit=move || !matches!(zoom.get(), Zoom::Scale(_))
                node_ref=viewport
                tabindex=(!interactive).then_some("0")
                role=(!interactive).then_some("group")
                aria-label=(!interactive).then_some("Pod picture (scrollable when zoomed)")
                on:wheel=move |ev: ev::WheelEvent| {
                    if ev.ctrl_key() || ev.meta_key() {
                        ev.prevent_default();
                        zoom_by((-ev.delta_y() * 0.0015).exp(), Some((f64::from(ev.client_x()), f64::from(ev.client_y()))));
                    }
                }
                on:pointerdown=on_pointerdown
                on:pointermove=on_pointermove
                on:pointerup=on_pointerup
                on:pointercancel=move |ev: ev::PointerEvent| {
                    touches.update_value(|t| t.up(ev.pointer_id()));
                    end_drag();
                }
                style:height=move || height.get().map(|h| format!("{h}px"))
            >
                <svg
                    class="pod-picture"
                    data-testid="pod-picture"
                    role=if interactive { "group" } else { "img" }
                    aria-label=move || if interactive { "Pod picture".to_owned() } else { summary() }
                    aria-describedby=interactive.then_some("canvas-keys")
                    viewBox=move || layout.with(|l| format!("0 0 {} {}", l.width, l.height))
                    preserveAspectRatio="xMidYMin meet"
                    width=move || zoom.get().attributes(size()).0
                    height=move || zoom.get().attributes(size()).1
                    style:max-width=move || zoom.get().limits(size()).0
                    style:max-height=move || zoom.get().limits(size()).1
                    on:keydown=on_keydown
                >
                    {picture}
                    <g class="mount-labels">{labels}</g>
                    {move || drag_line.get().map(|((x1, y1), (x2, y2))| view! {
                        <line class="drag-line" data-testid="drag-line" x1=x1 y1=y1 x2=x2 y2=y2></line>
                    })}
                    {move || insert_mark.get().map(|(x, y)| view! {
                        <line class="insert-mark" data-testid="insert-mark" x1=x y1=y - 6.0 x2=x y2=y + CARD_H + 6.0></line>
                    })}
                </svg>
            </div>
            {interactive.then(|| view! {
                <p id="canvas-keys" class="sr-only">
                    "Arrow keys move the selection, Alt with the up or down arrow moves a container earlier or later in its list (init containers run in that order), Enter opens the inspector, Delete removes the element (Undo brings it back), Escape selects the Pod, plus and minus zoom."
                </p>
            })}
            <Outline design marks />
        </div>
    }
}

/// The band for the Pod's one network namespace, listing every declared port.
fn network_band(design: &Design, layout: &layout::Layout, marks: &Marks) -> impl IntoView + use<> {
    let chips: Vec<(String, bool)> = design
        .pod
        .all_containers()
        .flat_map(|c| {
            let flagged = marks.contains_key(&Element::Container(c.id));
            c.ports().map(move |p| {
                let name = p.name.map(|n| format!(" {n}")).unwrap_or_default();
                (format!(":{}{} → {}", p.number, name, c.name()), flagged)
            })
        })
        .collect();
    let text = if chips.is_empty() {
        "no ports declared".to_owned()
    } else {
        chips
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>()
            .join("   ")
    };
    let flagged = chips.iter().any(|(_, f)| *f);
    view! {
        <g class=if flagged { "network-band flagged" } else { "network-band" } data-testid="network-band">
            <rect x="12" y=layout.band_y width=layout.width - 24.0 height="56" rx="8"></rect>
            <text class="band-title" x="24" y=layout.band_y + 20.0>"Shared network namespace: localhost"</text>
            <text class="band-ports" x="24" y=layout.band_y + 42.0>{nodes::truncate(&text, ((layout.width - 48.0) / 6.8) as usize)}</text>
        </g>
    }
}
