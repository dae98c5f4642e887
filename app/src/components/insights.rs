//! Insight panels from the server's facts: the Pod's effective resources and
//! QoS class, the port map of its one network namespace, and the start-up
//! and shutdown timeline against the grace period.

use crate::state::Store;
use leptos::prelude::*;
use podwright_core::facts::Facts;

/// The insight panels.
#[component]
pub fn Insights() -> impl IntoView {
    let store = expect_context::<Store>();
    let facts = move || {
        store
            .preview
            .with(|p| p.as_ref().and_then(|p| p.report.facts.clone()))
    };
    view! {
        <section class="insights" aria-label="Insights" data-testid="insights">
            {move || facts().map(|facts| view! {
                <Resources facts=facts.clone() />
                <Ports facts=facts.clone() />
                <Timeline facts />
            })}
        </section>
    }
}

#[component]
fn Resources(facts: Facts) -> impl IntoView {
    let names: Vec<String> = facts
        .resources
        .requests
        .keys()
        .chain(facts.resources.limits.keys())
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let value = |map: &std::collections::BTreeMap<String, String>, name: &str| {
        map.get(name).cloned().unwrap_or_else(|| "—".to_owned())
    };
    view! {
        <div class="insight" data-testid="effective-resources">
            <h3>"Effective Pod resources " <span class="qos">{format!("QoS {:?}", facts.qos_class)}</span></h3>
            <table>
                <thead><tr><th>"resource"</th><th>"request"</th><th>"limit"</th></tr></thead>
                <tbody>
                    {names.into_iter().map(|name| view! {
                        <tr>
                            <td>{name.clone()}</td>
                            <td>{value(&facts.resources.requests, &name)}</td>
                            <td>{value(&facts.resources.limits, &name)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <small class="help">"Init steps count with the native sidecars started before them; the Pod reserves the larger of the worst init step and all long-running containers."</small>
        </div>
    }
}

#[component]
fn Ports(facts: Facts) -> impl IntoView {
    let conflicts = facts.ports.conflicts.clone();
    view! {
        <div class="insight" data-testid="port-map">
            <h3>"Ports on localhost"</h3>
            <table>
                <thead><tr><th>"port"</th><th>"name"</th><th>"container"</th></tr></thead>
                <tbody>
                    {facts.ports.ports.into_iter().map(|p| {
                        let clash = conflicts.iter().any(|c| c.containers.contains(&p.container)
                            && (c.port == format!("{}/{}", p.port, p.protocol) || p.name.as_deref() == Some(c.port.as_str())));
                        view! {
                            <tr class=if clash { "clash" } else { "" }>
                                <td>{format!("{}/{}", p.port, p.protocol)}</td>
                                <td>{p.name.unwrap_or_default()}</td>
                                <td>{p.container}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!conflicts.is_empty()).then(|| view! {
                <p class="clash-note">{conflicts.iter().map(|c| format!("{} is declared by {}", c.port, c.containers.join(" and "))).collect::<Vec<_>>().join("; ")}</p>
            })}
        </div>
    }
}

#[component]
fn Timeline(facts: Facts) -> impl IntoView {
    view! {
        <div class="insight" data-testid="timeline">
            <h3>"Start-up, then shutdown"</h3>
            <ol class="timeline">
                {facts.startup.into_iter().map(|step| view! {
                    <li class=format!("step {}", step.kind)>
                        <strong>{step.containers.join(", ")}</strong>
                        <span class="kind">{step.kind.clone()}</span>
                        <span class="gate">{match step.next_after.as_str() {
                            "exit" => "next starts when it exits successfully",
                            "startupProbe" => "next starts when its startup probe passes",
                            "started" => "next starts as soon as it runs (no startup probe)",
                            _ => "",
                        }}</span>
                    </li>
                }).collect_view()}
            </ol>
            <p class="shutdown">
                {format!("Shutdown, {} s in all: ", facts.shutdown.grace_period_seconds)}
                {facts.shutdown.order.iter().map(|group| group.join(" + ")).collect::<Vec<_>>().join(" → ")}
            </p>
        </div>
    }
}
