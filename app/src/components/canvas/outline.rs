//! The picture in words, for screen readers: the Pod's init containers in
//! order, its containers and volumes, who mounts what where, and how many
//! findings each element has.

use super::nodes::{mark_words, ports_text, role_text, volume_summary};
use crate::design::{ContainerDesign, Design};
use crate::state::finding_target::Element;
use leptos::prelude::*;
use podwright_core::report::Severity;
use std::collections::HashMap;

/// Findings per element: the worst severity and the count.
pub type Marks = HashMap<Element, (Severity, usize)>;

/// One container in words: name, role, image, ports, mounts and findings.
fn container_line(container: &ContainerDesign, marks: &Marks) -> String {
    let mut parts = vec![
        format!("{}: {}", container.name(), role_text(container)),
        format!("image {}", container.image().unwrap_or("none")),
    ];
    let ports = ports_text(container);
    if !ports.is_empty() {
        parts.push(format!("ports {ports}"));
    }
    for mount in container.mounts() {
        parts.push(format!(
            "mounts {} at {}{}",
            mount.name,
            mount.path,
            if mount.read_only { " read-only" } else { "" }
        ));
    }
    parts.extend(mark_words(
        marks.get(&Element::Container(container.id)).copied(),
    ));
    parts.join(", ")
}

/// The outline's parts: a heading and the lines of each section.
struct Parts {
    heading: String,
    init: Vec<String>,
    apps: Vec<String>,
    volumes: Vec<String>,
}

const INIT_HEAD: &str = "Init containers, in the order they run:";
const APPS_HEAD: &str = "Containers, sharing one network namespace (localhost):";
const VOLUMES_HEAD: &str = "Volumes:";

fn parts(design: &Design, marks: &Marks) -> Parts {
    let pod = &design.pod;
    let name = design
        .workload
        .object
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(|n| n.as_str())
        .unwrap_or("unnamed");
    let heading = format!(
        "{} {name}: {} init containers, {} containers, {} volumes",
        design.workload.kind.as_str(),
        pod.init_containers.len(),
        pod.containers.len(),
        pod.volumes.len()
    );
    let lines = |list: &[ContainerDesign]| list.iter().map(|c| container_line(c, marks)).collect();
    let volumes = pod
        .volumes
        .iter()
        .map(|v| {
            let users: Vec<String> = pod
                .all_containers()
                .filter(|c| c.mounts().any(|m| m.name == v.name()))
                .map(|c| c.name().to_owned())
                .collect();
            let used = if users.is_empty() {
                "mounted by no container".to_owned()
            } else {
                format!("mounted by {}", users.join(", "))
            };
            [
                Some(format!("{}: {}", v.name(), volume_summary(v))),
                Some(used),
                mark_words(marks.get(&Element::Volume(v.id)).copied()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
        })
        .collect();
    Parts {
        heading,
        init: lines(&pod.init_containers),
        apps: lines(&pod.containers),
        volumes,
    }
}

/// The outline as plain text, one line each: the text alternative of an
/// exported picture.
pub fn outline_text(design: &Design, marks: &Marks) -> String {
    let parts = parts(design, marks);
    let mut text = parts.heading;
    let mut section = |head: &str, lines: &[String], numbered: bool| {
        if lines.is_empty() {
            return;
        }
        text.push_str(&format!("\n{head}"));
        for (i, line) in lines.iter().enumerate() {
            let bullet = if numbered {
                format!("{}.", i + 1)
            } else {
                "-".to_owned()
            };
            text.push_str(&format!("\n{bullet} {line}"));
        }
    };
    section(INIT_HEAD, &parts.init, true);
    section(APPS_HEAD, &parts.apps, false);
    section(VOLUMES_HEAD, &parts.volumes, false);
    text
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
                let Parts { heading, init, apps, volumes } =
                    design.with(|d| marks.with(|m| parts(d, m)));
                view! {
                    <p>{heading}</p>
                    {(!init.is_empty()).then(|| view! {
                        <p>{INIT_HEAD}</p>
                        <ol>{init.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ol>
                    })}
                    <p>{APPS_HEAD}</p>
                    <ul>{apps.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    {(!volumes.is_empty()).then(|| view! {
                        <p>{VOLUMES_HEAD}</p>
                        <ul>{volumes.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    })}
                }
            }}
        </div>
    }
}
