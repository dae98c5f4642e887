//! The findings list: each finding names its rule, path and fix, links to
//! the page that explains it, and selects the element it is about.

use crate::state::Store;
use crate::state::finding_target::target_of;
use leptos::prelude::*;
use podwright_core::report::{Finding, Severity};

/// The findings of the latest preview.
#[component]
pub fn Findings() -> impl IntoView {
    let store = expect_context::<Store>();
    let findings = move || {
        store.preview.with(|p| {
            p.as_ref()
                .map(|p| p.report.findings.clone())
                .unwrap_or_default()
        })
    };
    let summary = move || {
        let all = findings();
        let count = |s: Severity| all.iter().filter(|f| f.severity == s).count();
        format!(
            "{} errors · {} warnings · {} info",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        )
    };
    let open = move |finding: Finding| {
        let target = store.design.with(|d| target_of(&finding.path, d));
        store.selection.set(Some(target.element));
        store.focus.set(Some(target.pointer));
    };
    view! {
        <section class="findings-panel" aria-label="Findings">
            <h2>"Findings " <small>{summary}</small></h2>
            <ul class="findings" data-testid="findings">
                {move || {
                    findings()
                        .into_iter()
                        .map(|finding| {
                            let severity = match finding.severity {
                                Severity::Error => "finding error",
                                Severity::Warning => "finding warning",
                                Severity::Info => "finding info",
                            };
                            // Findings of the team's admission policies (`policy:<name>/<index>`).
                            let team = finding.rule.starts_with("policy:");
                            let class = if team { format!("{severity} team") } else { severity.to_owned() };
                            let clicked = finding.clone();
                            view! {
                                <li class=class data-testid="finding" data-rule=finding.rule.clone()>
                                    <button class="finding-target" on:click=move |_| open(clicked.clone())>
                                        <span class="severity">{format!("{:?}", finding.severity).to_lowercase()}</span>
                                        {team.then(|| view! { <span class="team-badge" data-testid="team-finding">"team policy"</span> })}
                                        <code class="path">{finding.path.clone()}</code>
                                    </button>
                                    <p class="message">{finding.message.clone()}</p>
                                    {finding.help.clone().map(|h| view! { <p class="fix">{h}</p> })}
                                    <p class="meta">
                                        <a href=if team { "/policy".to_owned() } else { format!("/rules#{}", finding.rule) }>{finding.rule.clone()}</a>
                                        {finding.docs.clone().map(|d| view! { " · " <a href=d>"why"</a> })}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
