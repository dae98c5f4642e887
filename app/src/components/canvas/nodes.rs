//! The shapes of the picture: container cards, volume nodes, mount edges and
//! finding badges. Every node names itself in words (role, image, ports,
//! findings), so colour is never the only carrier of meaning.

use super::layout::{CARD_H, CARD_W, LABEL_CHARS, MountEdge, Placed, VOLUME_H, VOLUME_W};
use crate::design::{ContainerDesign, VolumeDesign};
use crate::state::finding_target::Element;
use leptos::prelude::*;
use podwright_core::report::Severity;

/// The worst severity of an element's findings and how many there are.
pub type Mark = Option<(Severity, usize)>;

/// How the picture is used: read-only, or selectable with a selection signal.
#[derive(Clone, Copy)]
pub struct Interaction {
    /// The selection, if the picture is interactive.
    pub selection: Option<RwSignal<Option<Element>>>,
    /// Whether this element takes the Tab stop when nothing (present) is selected.
    pub first: bool,
    /// Whether the selection names an element that is drawn.
    pub selection_drawn: Signal<bool>,
}

impl Interaction {
    fn is_selected(&self, element: Element) -> bool {
        self.selection.is_some_and(|s| s.get() == Some(element))
    }

    fn is_selected_untracked(&self, element: Element) -> bool {
        self.selection
            .is_some_and(|s| s.get_untracked() == Some(element))
    }

    /// The roving tab stop: the selected element, or the first one.
    fn tabindex(self, element: Element) -> impl Fn() -> Option<&'static str> + Copy {
        move || {
            self.selection?;
            let stop = self.is_selected(element) || (self.first && !self.selection_drawn.get());
            Some(if stop { "0" } else { "-1" })
        }
    }

    fn select(&self, element: Element) {
        if let Some(s) = self.selection {
            s.set(Some(element));
        }
    }
}

/// The DOM id of an element's shape on the interactive canvas.
pub fn node_id(element: Element) -> String {
    match element {
        Element::Container(id) => format!("canvas-container-{id}"),
        Element::Volume(id) => format!("canvas-volume-{id}"),
        Element::Pod | Element::Workload => "canvas".to_owned(),
    }
}

/// The element whose shape has the DOM id `id` (the inverse of [`node_id`]).
pub fn element_of(id: &str) -> Option<Element> {
    if let Some(n) = id.strip_prefix("canvas-container-") {
        return n.parse().ok().map(Element::Container);
    }
    id.strip_prefix("canvas-volume-")?
        .parse()
        .ok()
        .map(Element::Volume)
}

/// "2 errors", "1 warning", or nothing.
pub fn mark_words(mark: Mark) -> Option<String> {
    mark.map(|(severity, count)| {
        let word = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        let plural = if count == 1 { "" } else { "s" };
        format!("{count} finding{plural}, worst: {word}")
    })
}

fn severity_class(mark: Mark) -> &'static str {
    match mark {
        Some((Severity::Error, _)) => " has-error",
        Some((Severity::Warning, _)) => " has-warning",
        Some((Severity::Info, _)) | None => "",
    }
}

/// A finding badge: a diamond for errors, a triangle for warnings, a circle
/// for notes, with the count inside.
fn badge(mark: Mark, x: f64, y: f64) -> impl IntoView {
    mark.map(|(severity, count)| {
        let (class, shape) = match severity {
            Severity::Error => (
                "badge error",
                format!(
                    "M {x} {} L {} {y} L {x} {} L {} {y} Z",
                    y - 13.0,
                    x + 13.0,
                    y + 13.0,
                    x - 13.0
                ),
            ),
            Severity::Warning => (
                "badge warning",
                format!(
                    "M {x} {} L {} {} L {} {} Z",
                    y - 13.0,
                    x + 13.0,
                    y + 10.0,
                    x - 13.0,
                    y + 10.0
                ),
            ),
            Severity::Info => (
                "badge info",
                format!(
                    "M {} {y} A 11 11 0 1 0 {} {y} A 11 11 0 1 0 {} {y} Z",
                    x - 11.0,
                    x + 11.0,
                    x - 11.0
                ),
            ),
        };
        view! {
            <g class=class aria-hidden="true">
                <path d=shape></path>
                <text x=x y=y + 4.0 text-anchor="middle">{count}</text>
            </g>
        }
    })
}

/// An SVG `<title>`: written as a tag in `view!` inside a shape's `<g>`, it
/// would come out as an HTML element, which names nothing in a picture.
fn svg_title(text: String) -> impl IntoView {
    leptos::svg::title().child(text)
}

/// A container's role as shown: `sidecar`, `ambassador · native`, ...
pub fn role_text(container: &ContainerDesign) -> String {
    if container.is_native_sidecar() && container.role.label() != "native sidecar" {
        format!("{} · native", container.role.label())
    } else {
        container.role.label().to_owned()
    }
}

/// A container's ports as `:80 :9090`.
pub fn ports_text(container: &ContainerDesign) -> String {
    container
        .ports()
        .map(|p| format!(":{}", p.number))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A container card.
pub fn container_card(
    container: ContainerDesign,
    at: Placed,
    mark: Mark,
    interaction: Interaction,
) -> impl IntoView {
    let element = Element::Container(container.id);
    let role_class = serde_json::to_value(container.role)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let class = move || {
        format!(
            "container-card role-{role_class}{}{}",
            severity_class(mark),
            if interaction.is_selected(element) {
                " selected"
            } else {
                ""
            }
        )
    };
    let ports = ports_text(&container);
    let probes: String = [
        (container.has("startupProbe"), 'S'),
        (container.has("readinessProbe"), 'R'),
        (container.has("livenessProbe"), 'L'),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, letter)| *letter)
    .collect();
    let set = |key: &str| {
        container
            .spec
            .get("resources")
            .and_then(|r| r.get(key))
            .is_some_and(|v| !v.is_null())
    };
    let resources = match (set("requests"), set("limits")) {
        (true, true) => "requests + limits",
        (true, false) => "requests",
        (false, true) => "limits only",
        (false, false) => "no resources",
    };
    let role = role_text(&container);
    let image = container.image().unwrap_or("(no image)").to_owned();
    let name = container.name().to_owned();
    let label = [
        Some(format!("Container {name}")),
        Some(role.clone()),
        Some(format!("image {image}")),
        (!ports.is_empty()).then(|| format!("ports {ports}")),
        mark_words(mark),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let interactive = interaction.selection.is_some();
    // The title names the card by its visible name and image; the rest of what
    // it shows (role, ports, findings) is its description, so the name a
    // speech user reads off the card is the name it answers to.
    let about = format!("{}-about", node_id(element));
    let described_by = interactive.then(|| about.clone());
    view! {
        <g
            class=class
            id=interactive.then(|| node_id(element))
            data-testid="container-node"
            data-name=name.clone()
            role=interactive.then_some("button")
            aria-describedby=described_by
            aria-current=move || interaction.is_selected(element).then_some("true")
            tabindex=interaction.tabindex(element)
            on:click=move |_| interaction.select(element)
            on:focus=move |_| {
                if !interaction.is_selected_untracked(element) {
                    interaction.select(element);
                }
            }
        >
            {svg_title(format!("{name} — {image}"))}
            {interactive.then(|| view! { <desc id=about>{label}</desc> })}
            <rect class="focus-ring" x=at.x - 5.0 y=at.y - 5.0 width=CARD_W + 10.0 height=CARD_H + 10.0 rx="13"></rect>
            <rect class="shape" x=at.x y=at.y width=CARD_W height=CARD_H rx="10"></rect>
            <text class="name" x=at.x + 12.0 y=at.y + 24.0>{truncate(&name, 22)}</text>
            <text class="image" x=at.x + 12.0 y=at.y + 44.0>{truncate(&image, 28)}</text>
            <text class="role" x=at.x + 12.0 y=at.y + 66.0>{role}</text>
            <text class="ports" x=at.x + 12.0 y=at.y + 86.0>{ports}</text>
            <text class="indicators" x=at.x + 12.0 y=at.y + 104.0>
                {format!("probes {} · {}", if probes.is_empty() { "none".to_owned() } else { probes }, resources)}
            </text>
            {badge(mark, at.x + CARD_W - 8.0, at.y + 8.0)}
        </g>
    }
}

/// A volume node, with a "mount here" button while a container is selected.
pub fn volume_node(
    volume: VolumeDesign,
    at: Placed,
    mark: Mark,
    interaction: Interaction,
    on_mount: Option<Callback<(u32, u32)>>,
) -> impl IntoView {
    let id = volume.id;
    let element = Element::Volume(id);
    let class = move || {
        format!(
            "volume-node{}{}",
            severity_class(mark),
            if interaction.is_selected(element) {
                " selected"
            } else {
                ""
            }
        )
    };
    let summary = volume_summary(&volume);
    let label = [
        Some(format!("Volume {}", volume.name())),
        Some(summary.clone()),
        mark_words(mark),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let selected_container = move || match interaction.selection.and_then(|s| s.get()) {
        Some(Element::Container(c)) => Some(c),
        _ => None,
    };
    let mount_here = move || {
        let container = selected_container()?;
        let on_mount = on_mount?;
        Some(view! {
            <g
                class="mount-here"
                data-testid="mount-here"
                aria-hidden="true"
                on:click=move |ev| {
                    ev.stop_propagation();
                    on_mount.run((container, id));
                }
            >
                {svg_title("Mount this volume into the selected container".to_owned())}
                <circle cx=at.x + VOLUME_W - 14.0 cy=at.y + 14.0 r="10"></circle>
                <text x=at.x + VOLUME_W - 14.0 y=at.y + 19.0 text-anchor="middle">"+"</text>
            </g>
        })
    };
    let interactive = interaction.selection.is_some();
    view! {
        <g
            class=class
            id=interactive.then(|| node_id(element))
            data-testid="volume-node"
            data-name=volume.name().to_owned()
            role=interactive.then_some("button")
            aria-label=interactive.then_some(label)
            aria-current=move || interaction.is_selected(element).then_some("true")
            tabindex=interaction.tabindex(element)
            on:click=move |_| interaction.select(element)
            on:focus=move |_| {
                if !interaction.is_selected_untracked(element) {
                    interaction.select(element);
                }
            }
        >
            <rect class="focus-ring" x=at.x - 5.0 y=at.y - 5.0 width=VOLUME_W + 10.0 height=VOLUME_H + 10.0 rx="26"></rect>
            <rect class="shape" x=at.x y=at.y width=VOLUME_W height=VOLUME_H rx="22"></rect>
            <text class="name" x=at.x + 16.0 y=at.y + 24.0>{truncate(volume.name(), 20)}</text>
            <text class="kind" x=at.x + 16.0 y=at.y + 44.0>{truncate(&summary, 26)}</text>
            {badge(mark, at.x + 8.0, at.y + 8.0)}
        </g>
        {mount_here}
    }
}

/// The volume's source type and its key settings: `emptyDir · Memory · 64Mi`.
pub fn volume_summary(volume: &VolumeDesign) -> String {
    let Some((kind, source)) = volume
        .spec
        .as_object()
        .and_then(|o| o.iter().find(|(k, _)| k.as_str() != "name"))
    else {
        return "emptyDir".to_owned();
    };
    let details: Vec<String> = [
        "medium",
        "sizeLimit",
        "name",
        "secretName",
        "claimName",
        "path",
        "server",
    ]
    .iter()
    .filter_map(|key| source.get(*key).and_then(|v| v.as_str()).map(str::to_owned))
    .collect();
    std::iter::once(kind.clone())
        .chain(details)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A mount's label: its path, `(ro)` when read-only.
pub fn mount_label(edge: &MountEdge) -> String {
    let label = format!(
        "{}{}",
        edge.mount_path,
        if edge.read_only { " (ro)" } else { "" }
    );
    truncate(&label, LABEL_CHARS)
}

/// A mount edge; its label shows while the pointer is over it, and the
/// edges of the selected element stand out.
pub fn edge(edge: MountEdge, selection: Option<RwSignal<Option<Element>>>) -> impl IntoView {
    let (x1, y1) = edge.from;
    let (x2, y2) = edge.to;
    let mid_y = (y1 + y2) / 2.0;
    let path = format!("M {x1} {y1} C {x1} {mid_y}, {x2} {mid_y}, {x2} {y2}");
    let (container, volume) = (edge.container, edge.volume);
    let class = move || {
        let active = selection
            .and_then(|s| s.get())
            .is_some_and(|e| e == Element::Container(container) || e == Element::Volume(volume));
        format!(
            "mount-edge {}{}",
            if edge.read_only {
                "read-only"
            } else {
                "read-write"
            },
            if active { " active" } else { "" }
        )
    };
    let label = mount_label(&edge);
    view! {
        <g class=class data-testid="mount-edge" data-container=edge.container data-volume=edge.volume>
            <path class="hit" d=path.clone()></path>
            <path class="line" d=path></path>
            <text class="hover-label" x=(x1 + x2) / 2.0 y=mid_y - 4.0 text-anchor="middle">{label}</text>
        </g>
    }
}

/// Cuts `text` to `max` characters, marking the cut with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}
