//! The picture in words, for screen readers: the Pod's init containers in
//! order, its containers and volumes, who mounts what where, and how many
//! findings each element has.

use super::nodes::{mark_words, ports_text, role_text, volume_summary};
use crate::state::finding_target::Element;
use leptos::prelude::*;
use podwright_core::model::{ContainerDesign, Design};
use podwright_core::report::Severity;
use std::collections::HashMap;

/// Findings per element: the worst severity and the count.
pub type Marks = HashMap<Element, (Severity, usize)>;

/// One container in words: name, role, image, ports, mounts and findings.
fn container_line(container: &ContainerDesign, marks: &Marks) -> String {
    let spec = &container.spec;
    let mut parts = vec![
        format!("{}: {}", spec.name, role_text(container)),
        format!("image {}", spec.image.as_deref().unwrap_or("none")),
    ];
    let ports = ports_text(container);
    if !ports.is_empty() {
        parts.push(format!("ports {ports}"));
    }
    for mount in spec.volume_mounts.iter().flatten() {
        parts.push(format!(
            "mounts {} at {}{}",
            mount.name,
            mount.mount_path,
            if mount.read_only == Some(true) {
                " read-only"
            } else {
                ""
            }
        ));
    }
    parts.extend(mark_words(
        marks.get(&Element::Container(container.id)).copied(),
    ));
    parts.join(", ")
}

/// The outline of `design`, hidden from sight but read by screen readers.
#[component]
pub fn Outline(
    /// The design.
    #[prop(into)]
    design: Signal<Design>,
    /// Findings per element.
    #[prop(into)]
    marks: Signal<Marks>,
) -> impl IntoView {
    view! {
        <div class="sr-only" data-testid="pod-outline">
            {move || {
                let design = design.get();
                let marks = marks.get();
                let pod = &design.pod;
                let name = design
                    .workload
                    .object
                    .get("metadata")
                    .and_then(|m| m.get("name"))
                    .and_then(|n| n.as_str())
                    .unwrap_or("unnamed")
                    .to_owned();
                let heading = format!(
                    "{} {name}: {} init containers, {} containers, {} volumes",
                    design.workload.kind.as_str(),
                    pod.init_containers.len(),
                    pod.containers.len(),
                    pod.volumes.len()
                );
                let init: Vec<String> = pod.init_containers.iter().map(|c| container_line(c, &marks)).collect();
                let apps: Vec<String> = pod.containers.iter().map(|c| container_line(c, &marks)).collect();
                let volumes: Vec<String> = pod
                    .volumes
                    .iter()
                    .map(|v| {
                        let users: Vec<String> = pod
                            .all_containers()
                            .filter(|c| c.spec.volume_mounts.iter().flatten().any(|m| m.name == v.spec.name))
                            .map(|c| c.spec.name.clone())
                            .collect();
                        let used = if users.is_empty() {
                            "mounted by no container".to_owned()
                        } else {
                            format!("mounted by {}", users.join(", "))
                        };
                        [Some(format!("{}: {}", v.spec.name, volume_summary(v))), Some(used), mark_words(marks.get(&Element::Volume(v.id)).copied())]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .collect();
                view! {
                    <p>{heading}</p>
                    {(!init.is_empty()).then(|| view! {
                        <p>"Init containers, in the order they run:"</p>
                        <ol>{init.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ol>
                    })}
                    <p>"Containers, sharing one network namespace (localhost):"</p>
                    <ul>{apps.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    {(!volumes.is_empty()).then(|| view! {
                        <p>"Volumes:"</p>
                        <ul>{volumes.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    })}
                }
            }}
        </div>
    }
}
