//! The Pod as a picture (SVG): init containers in order, the shared localhost
//! with every port, app containers, volumes, and mounts as edges. Drawn
//! read-only in the catalog, and with selection and mounting in the designer.

mod layout;

use crate::state::finding_target::{Element, target_of};
use layout::{CARD_H, CARD_W, MountEdge, Placed, VOLUME_H, VOLUME_W, layout};
use leptos::prelude::*;
use podwright_core::model::{ContainerDesign, Design, VolumeDesign};
use podwright_core::report::{Finding, Severity};
use std::collections::HashMap;

/// The worst finding on each element, and how many there are.
type Marks = HashMap<Element, (Severity, usize)>;

fn marks(design: &Design, findings: &[Finding]) -> Marks {
    let mut marks: Marks = HashMap::new();
    for finding in findings {
        let element = target_of(&finding.path, design).element;
        let entry = marks.entry(element).or_insert((finding.severity, 0));
        entry.0 = entry.0.min(finding.severity);
        entry.1 += 1;
    }
    marks
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
) -> impl IntoView {
    let selected = move || selection.and_then(|s| s.get());
    view! {
        <div class="canvas">
            {move || {
                let design = design.get();
                let layout = layout(&design);
                let marks = marks(&design, &findings.get());
                let selected_container = match selected() {
                    Some(Element::Container(id)) => Some(id),
                    _ => None,
                };
                let containers: Vec<(ContainerDesign, Placed)> = design
                    .pod
                    .init_containers
                    .iter()
                    .cloned()
                    .zip(layout.init.iter().copied())
                    .chain(design.pod.containers.iter().cloned().zip(layout.apps.iter().copied()))
                    .collect();
                let volumes: Vec<(VolumeDesign, Placed)> = design
                    .pod
                    .volumes
                    .iter()
                    .cloned()
                    .zip(layout.volumes.iter().copied())
                    .collect();
                let band = network_band(&design, &layout, &marks);
                view! {
                    <svg
                        class="pod-picture"
                        role="img"
                        aria-label="The Pod: containers, their ports and volumes"
                        viewBox=format!("0 0 {} {}", layout.width, layout.height)
                        width=layout.width
                        height=layout.height
                    >
                        {layout
                            .labels
                            .into_iter()
                            .map(|(text, x, y)| view! { <text class="section-label" x=x y=y>{text}</text> })
                            .collect_view()}
                        {band}
                        {layout.edges.into_iter().map(edge).collect_view()}
                        {containers
                            .into_iter()
                            .map(|(c, at)| {
                                let mark = marks.get(&Element::Container(c.id)).copied();
                                container_card(c, at, mark, selection)
                            })
                            .collect_view()}
                        {volumes
                            .into_iter()
                            .map(|(v, at)| {
                                let mark = marks.get(&Element::Volume(v.id)).copied();
                                volume_node(v, at, mark, selection, selected_container, on_mount)
                            })
                            .collect_view()}
                    </svg>
                }
            }}
        </div>
    }
}

fn severity_class(mark: Option<(Severity, usize)>) -> &'static str {
    match mark {
        Some((Severity::Error, _)) => " has-error",
        Some((Severity::Warning, _)) => " has-warning",
        Some((Severity::Info, _)) | None => "",
    }
}

fn finding_badge(mark: Option<(Severity, usize)>, x: f64, y: f64) -> impl IntoView {
    mark.map(|(severity, count)| {
        let class = match severity {
            Severity::Error => "badge error",
            Severity::Warning => "badge warning",
            Severity::Info => "badge info",
        };
        view! {
            <g class=class>
                <circle cx=x cy=y r="11"></circle>
                <text x=x y=y + 4.0 text-anchor="middle">{count}</text>
            </g>
        }
    })
}

fn container_card(
    container: ContainerDesign,
    at: Placed,
    mark: Option<(Severity, usize)>,
    selection: Option<RwSignal<Option<Element>>>,
) -> impl IntoView {
    let id = container.id;
    let spec = &container.spec;
    let is_selected = move || selection.is_some_and(|s| s.get() == Some(Element::Container(id)));
    let class = move || {
        format!(
            "container-card role-{}{}{}",
            serde_json::to_value(container.role)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            severity_class(mark),
            if is_selected() { " selected" } else { "" }
        )
    };
    let ports = spec
        .ports
        .iter()
        .flatten()
        .map(|p| format!(":{}", p.container_port))
        .collect::<Vec<_>>()
        .join(" ");
    let probes: String = [
        (spec.startup_probe.is_some(), 'S'),
        (spec.readiness_probe.is_some(), 'R'),
        (spec.liveness_probe.is_some(), 'L'),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, letter)| *letter)
    .collect();
    let resources = match &spec.resources {
        Some(r) if r.requests.is_some() && r.limits.is_some() => "requests + limits",
        Some(r) if r.requests.is_some() => "requests",
        Some(r) if r.limits.is_some() => "limits only",
        _ => "no resources",
    };
    let role = if container.is_native_sidecar() && container.role.label() != "native sidecar" {
        format!("{} · native", container.role.label())
    } else {
        container.role.label().to_owned()
    };
    let image = truncate(spec.image.as_deref().unwrap_or("(no image)"), 28);
    let name = truncate(&spec.name, 22);
    view! {
        <g
            class=class
            data-testid="container-node"
            data-name=spec.name.clone()
            tabindex="0"
            on:click=move |_| {
                if let Some(s) = selection {
                    s.set(Some(Element::Container(id)));
                }
            }
            on:keydown=move |ev| {
                if (ev.key() == "Enter" || ev.key() == " ")
                    && let Some(s) = selection
                {
                    s.set(Some(Element::Container(id)));
                }
            }
        >
            <title>{format!("{} — {}", spec.name, spec.image.clone().unwrap_or_default())}</title>
            <rect x=at.x y=at.y width=CARD_W height=CARD_H rx="10"></rect>
            <text class="name" x=at.x + 12.0 y=at.y + 24.0>{name}</text>
            <text class="image" x=at.x + 12.0 y=at.y + 44.0>{image}</text>
            <text class="role" x=at.x + 12.0 y=at.y + 66.0>{role}</text>
            <text class="ports" x=at.x + 12.0 y=at.y + 86.0>{ports}</text>
            <text class="indicators" x=at.x + 12.0 y=at.y + 104.0>
                {format!("probes {} · {}", if probes.is_empty() { "none".to_owned() } else { probes }, resources)}
            </text>
            {finding_badge(mark, at.x + CARD_W - 8.0, at.y + 8.0)}
        </g>
    }
}

fn volume_node(
    volume: VolumeDesign,
    at: Placed,
    mark: Option<(Severity, usize)>,
    selection: Option<RwSignal<Option<Element>>>,
    selected_container: Option<u32>,
    on_mount: Option<Callback<(u32, u32)>>,
) -> impl IntoView {
    let id = volume.id;
    let is_selected = move || selection.is_some_and(|s| s.get() == Some(Element::Volume(id)));
    let class = move || {
        format!(
            "volume-node{}{}",
            severity_class(mark),
            if is_selected() { " selected" } else { "" }
        )
    };
    let summary = volume_summary(&volume);
    let mount_here = selected_container
        .zip(on_mount)
        .map(|(container, on_mount)| {
            view! {
                <g
                    class="mount-here"
                    data-testid="mount-here"
                    on:click=move |ev| {
                        ev.stop_propagation();
                        on_mount.run((container, id));
                    }
                >
                    <title>"Mount this volume into the selected container"</title>
                    <circle cx=at.x + VOLUME_W - 14.0 cy=at.y + 14.0 r="10"></circle>
                    <text x=at.x + VOLUME_W - 14.0 y=at.y + 19.0 text-anchor="middle">"+"</text>
                </g>
            }
        });
    view! {
        <g
            class=class
            data-testid="volume-node"
            data-name=volume.spec.name.clone()
            tabindex="0"
            on:click=move |_| {
                if let Some(s) = selection {
                    s.set(Some(Element::Volume(id)));
                }
            }
        >
            <rect x=at.x y=at.y width=VOLUME_W height=VOLUME_H rx="22"></rect>
            <text class="name" x=at.x + 16.0 y=at.y + 24.0>{truncate(&volume.spec.name, 20)}</text>
            <text class="kind" x=at.x + 16.0 y=at.y + 44.0>{truncate(&summary, 26)}</text>
            {finding_badge(mark, at.x + 8.0, at.y + 8.0)}
            {mount_here}
        </g>
    }
}

/// The volume's source type and its key settings: `emptyDir · Memory · 64Mi`.
fn volume_summary(volume: &VolumeDesign) -> String {
    let json = serde_json::to_value(&volume.spec).unwrap_or_default();
    let Some((kind, source)) = json
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

fn edge(edge: MountEdge) -> impl IntoView {
    let (x1, y1) = edge.from;
    let (x2, y2) = edge.to;
    let mid_y = (y1 + y2) / 2.0;
    let path = format!("M {x1} {y1} C {x1} {mid_y}, {x2} {mid_y}, {x2} {y2}");
    let class = if edge.read_only {
        "mount-edge read-only"
    } else {
        "mount-edge read-write"
    };
    let label = format!(
        "{}{}",
        edge.mount_path,
        if edge.read_only { " (ro)" } else { "" }
    );
    view! {
        <g class=class data-testid="mount-edge" data-container=edge.container data-volume=edge.volume>
            <path d=path></path>
            <text x=(x1 + x2) / 2.0 + 4.0 y=mid_y - 4.0>{truncate(&label, 30)}</text>
        </g>
    }
}

/// The band for the Pod's one network namespace, listing every declared port.
fn network_band(design: &Design, layout: &layout::Layout, marks: &Marks) -> impl IntoView + use<> {
    let chips: Vec<(String, bool)> = design
        .pod
        .all_containers()
        .flat_map(|c| {
            let flagged = marks.contains_key(&Element::Container(c.id));
            c.spec.ports.iter().flatten().map(move |p| {
                let name = p
                    .name
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default();
                (
                    format!(":{}{} → {}", p.container_port, name, c.spec.name),
                    flagged,
                )
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
            <text class="band-ports" x="24" y=layout.band_y + 42.0>{truncate(&text, 160)}</text>
        </g>
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}
