//! The Team policy page: the policies the server was started with (name,
//! source file, what they match, their bindings) and what is wrong in them.

use crate::api;
use leptos::prelude::*;
use podwright_core::api::{Policies, PolicyIssue};

fn issue_list(issues: Vec<PolicyIssue>) -> impl IntoView {
    view! {
        <ul class="policy-issues">
            {issues.into_iter().map(|issue| view! {
                <li class=format!("finding {}", issue.severity.as_str()) data-testid="policy-issue">
                    <code>{format!("{}:{}", issue.file, issue.line)}</code>" "{issue.message}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Lists the team's policies.
#[component]
pub fn TeamPolicy() -> impl IntoView {
    let answer = LocalResource::new(|| api::get_json::<Policies>("/api/v1/policies"));
    view! {
        <section class="team-policy">
            <h1>"Team policy"</h1>
            <p class="lead">
                "The ValidatingAdmissionPolicies this Podwright checks designs against, beside its own rules. "
                "Their findings are marked as the team's. "
                <a href="/catalog/admission-policies">"How admission policies work"</a>
            </p>
            <Transition fallback=|| view! { <p>"Loading the policies..."</p> }>
                {move || answer.get().map(|answer| match answer {
                    Ok(loaded) if loaded.policies.is_empty() && loaded.issues.is_empty() => view! {
                        <p data-testid="policy-none">"No team policy is loaded: start Podwright with --policy PATH."</p>
                    }.into_any(),
                    Ok(loaded) => view! {
                        <ul class="policies" data-testid="policy-list">
                            {loaded.policies.into_iter().map(|policy| view! {
                                <li class="policy" data-testid="policy">
                                    <h2>{policy.name}</h2>
                                    <p class="meta"><code>{format!("{}:{}", policy.source, policy.line)}</code>
                                        {format!(" · {} validations", policy.validations)}
                                        {policy.param_kind.map(|kind| format!(" · parameters: {kind}"))}</p>
                                    <p>"Matches: "{policy.matches.join("; ")}</p>
                                    <p>"Bindings: "{if policy.bindings.is_empty() {
                                        "none (not bound: reported as warnings)".to_owned()
                                    } else {
                                        policy.bindings.join("; ")
                                    }}</p>
                                    {issue_list(policy.issues)}
                                </li>
                            }).collect_view()}
                        </ul>
                        {issue_list(loaded.issues)}
                    }.into_any(),
                    Err(e) => view! { <p class="banner error">{e.error}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
