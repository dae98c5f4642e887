//! The form for the Pod and its workload: kind, name, labels, the Pod's
//! settings, and each kind's own settings.

use super::fields::Field;
use super::{Docs, Kind};
use crate::state::Store;
use crate::state::finding_target::Element;
use leptos::prelude::*;
use podwright_core::model::WorkloadKind;
use podwright_core::values::RESTART_POLICIES;

/// The Pod and workload form.
#[component]
pub fn PodForm() -> impl IntoView {
    let store = expect_context::<Store>();
    let kind = move || store.design.with(|d| d.workload.kind);
    let template = move || {
        let path: String = kind()
            .template_path()
            .iter()
            .map(|k| format!("/{k}"))
            .collect();
        path
    };
    let pod = Element::Pod;
    let workload = Element::Workload;
    view! {
        <h2>"Pod and workload"</h2>
        <section>
            <label class="field">
                <span class="field-label">"Workload kind"</span>
                <select data-testid="kind-select" data-path="/kind" prop:value=move || kind().as_str() on:change=move |ev| {
                    if let Ok(kind) = event_target_value(&ev).parse::<WorkloadKind>() {
                        store.set_kind(kind);
                    }
                }>
                    {WorkloadKind::ALL.iter().filter(|k| **k != WorkloadKind::ReplicaSet || kind() == WorkloadKind::ReplicaSet)
                        .map(|k| view! { <option value=k.as_str()>{k.as_str()}</option> }).collect_view()}
                </select>
                <small class="help">"Switching gives the Pod matching labels and selector and a restart policy the kind accepts."</small>
            </label>
            <Field element=workload pointer="/metadata/name" label="Name" kind=Kind::Text />
            <Field element=workload pointer="/metadata/namespace" label="Namespace" kind=Kind::Text />
            {move || {
                let t = template();
                view! {
                    <Field element=workload pointer=format!("{t}/metadata/labels") label="Pod labels" kind=Kind::Pairs help="key=value per line" />
                    <Field element=workload pointer=format!("{t}/metadata/annotations") label="Pod annotations" kind=Kind::Pairs />
                }
            }}
            {move || kind_settings(kind())}
        </section>
        <section>
            <h3>"Pod settings"</h3>
            <Docs catalog="lifecycle" reference="workload-resources/pod-v1/" />
            <Field element=pod pointer="/restartPolicy" label="Restart policy" kind=Kind::Choice(RESTART_POLICIES) />
            <Field element=pod pointer="/terminationGracePeriodSeconds" label="Termination grace period (s)" kind=Kind::Number help="preStop hooks and shutdown must fit in it (default 30)." />
            <Field element=pod pointer="/shareProcessNamespace" label="Share process namespace" kind=Kind::Bool />
            <Field element=pod pointer="/serviceAccountName" label="Service account" kind=Kind::Text />
            <Field element=pod pointer="/securityContext/runAsNonRoot" label="Pod: run as non-root" kind=Kind::Bool />
            <Field element=pod pointer="/securityContext/runAsUser" label="Pod: run as user" kind=Kind::Number />
            <Field element=pod pointer="/securityContext/fsGroup" label="Pod: fsGroup" kind=Kind::Number help="Group owner of shared volumes, so every container can write them." />
            <Field element=pod pointer="/securityContext/seccompProfile/type" label="Pod: seccomp profile" kind=Kind::Choice(&["RuntimeDefault", "Localhost", "Unconfined"]) />
            <Field element=pod pointer="/affinity" label="Affinity (YAML)" kind=Kind::Yaml />
            <Field element=pod pointer="/tolerations" label="Tolerations (YAML)" kind=Kind::Yaml />
        </section>
    }
}

/// Settings of the workload kind itself.
fn kind_settings(kind: WorkloadKind) -> impl IntoView {
    let w = Element::Workload;
    match kind {
        WorkloadKind::Pod => ().into_any(),
        WorkloadKind::Deployment | WorkloadKind::ReplicaSet => view! {
            <Field element=w pointer="/spec/replicas" label="Replicas" kind=Kind::Number />
            <Field element=w pointer="/spec/strategy/type" label="Strategy" kind=Kind::Choice(&["RollingUpdate", "Recreate"]) />
        }
        .into_any(),
        WorkloadKind::StatefulSet => view! {
            <Field element=w pointer="/spec/replicas" label="Replicas" kind=Kind::Number />
            <Field element=w pointer="/spec/serviceName" label="Service name" kind=Kind::Text />
            <Field element=w pointer="/spec/podManagementPolicy" label="Pod management" kind=Kind::Choice(&["OrderedReady", "Parallel"]) />
        }
        .into_any(),
        WorkloadKind::DaemonSet => view! {
            <Field element=w pointer="/spec/updateStrategy/type" label="Update strategy" kind=Kind::Choice(&["RollingUpdate", "OnDelete"]) />
        }
        .into_any(),
        WorkloadKind::Job => view! {
            <Field element=w pointer="/spec/backoffLimit" label="Backoff limit" kind=Kind::Number />
            <Field element=w pointer="/spec/completions" label="Completions" kind=Kind::Number />
            <Field element=w pointer="/spec/parallelism" label="Parallelism" kind=Kind::Number />
            <Field element=w pointer="/spec/activeDeadlineSeconds" label="Active deadline (s)" kind=Kind::Number />
        }
        .into_any(),
        WorkloadKind::CronJob => view! {
            <Field element=w pointer="/spec/schedule" label="Schedule" kind=Kind::Text help="Cron syntax, e.g. 0 * * * *" />
            <Field element=w pointer="/spec/timeZone" label="Time zone" kind=Kind::Text />
            <Field element=w pointer="/spec/concurrencyPolicy" label="Concurrency" kind=Kind::Choice(&["Allow", "Forbid", "Replace"]) />
            <Field element=w pointer="/spec/jobTemplate/spec/backoffLimit" label="Backoff limit" kind=Kind::Number />
        }
        .into_any(),
    }
}
