//! The form for one container: every field group of the Container.

use super::fields::{Alternative, Field, ListEditor, OneOf};
use super::{Docs, Kind};
use crate::state::Store;
use crate::state::finding_target::Element;
use leptos::prelude::*;
use podwright_core::model::PatternRole;
use podwright_core::values::{INIT_CONTAINER_RESTART_POLICIES, PULL_POLICIES};
use serde_json::json;

const POD_REF: &str = "workload-resources/pod-v1/";

const HANDLERS: &[Alternative] = &[
    ("httpGet", || json!({ "path": "/healthz", "port": 8080 })),
    ("tcpSocket", || json!({ "port": 8080 })),
    ("grpc", || json!({ "port": 9090 })),
    ("exec", || json!({ "command": ["cat", "/tmp/healthy"] })),
];

const HOOKS: &[Alternative] = &[
    ("sleep", || json!({ "seconds": 5 })),
    ("exec", || json!({ "command": ["sh", "-c", "sleep 5"] })),
    ("httpGet", || json!({ "path": "/shutdown", "port": 8080 })),
];

/// The container form.
#[component]
pub fn ContainerForm(
    /// The container's id.
    id: u32,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let element = Element::Container(id);
    let is_init = move || {
        store
            .design
            .with(|d| d.pod.init_containers.iter().any(|c| c.id == id))
    };
    let role = move || store.design.with(|d| d.pod.container(id).map(|c| c.role));
    let set_role = move |label: String| {
        if let Some(role) = PatternRole::ALL.iter().find(|r| r.label() == label) {
            store.edit(|d| {
                if let Some(c) = d.pod.container_mut(id) {
                    c.role = *role;
                }
            });
        }
    };
    view! {
        <h2>{move || format!("Container {}", store.get(element, "/name").as_str().unwrap_or_default())}</h2>
        <section>
            <h3>"Basics"</h3>
            <Docs catalog="overview" reference=POD_REF />
            <Field element pointer="/name" label="Name" kind=Kind::Text help="DNS label: lowercase letters, digits, '-'; unique in the Pod." />
            <Field element pointer="/image" label="Image" kind=Kind::Text help="Pin a tag or digest; never latest." />
            <Field element pointer="/imagePullPolicy" label="Pull policy" kind=Kind::Choice(PULL_POLICIES) />
            <label class="field">
                <span class="field-label">"Pattern role"</span>
                <select data-path="/role" prop:value=move || role().map(|r| r.label()).unwrap_or_default() on:change=move |ev| set_role(event_target_value(&ev))>
                    {PatternRole::ALL.iter().map(|r| view! { <option value=r.label()>{r.label()}</option> }).collect_view()}
                </select>
                <small class="help">"Drawn on the canvas and used by lints; not written into the manifest."</small>
            </label>
            {move || is_init().then(|| view! {
                <Field element pointer="/restartPolicy" label="Restart policy" kind=Kind::Choice(INIT_CONTAINER_RESTART_POLICIES) help="Always makes this init container a native sidecar: it starts in order and runs beside the app." />
            })}
            <Field element pointer="/command" label="Command" kind=Kind::Lines help="One argument per line; replaces the image's ENTRYPOINT." />
            <Field element pointer="/args" label="Args" kind=Kind::Lines help="One argument per line; replaces the image's CMD." />
            <Field element pointer="/workingDir" label="Working directory" kind=Kind::Text />
        </section>
        <section>
            <Docs catalog="networking" reference=POD_REF />
            <ListEditor element pointer="/ports" title="Ports" new_item=|| json!({ "containerPort": 8080 })
                help="All containers share one network namespace: ports and port names must not clash."
                columns=&[("Name", "/name", Kind::Text), ("Port", "/containerPort", Kind::Number), ("Protocol", "/protocol", Kind::Choice(&["TCP", "UDP", "SCTP"]))] />
        </section>
        <section>
            <Docs catalog="configuration" reference=POD_REF />
            <ListEditor element pointer="/env" title="Env" new_item=|| json!({ "name": "NAME", "value": "" })
                help="valueFrom takes one of secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef."
                columns=&[("Name", "/name", Kind::Text), ("Value", "/value", Kind::Text), ("valueFrom (YAML)", "/valueFrom", Kind::Yaml)] />
            <ListEditor element pointer="/envFrom" title="EnvFrom" new_item=|| json!({ "configMapRef": { "name": "app-config" } })
                columns=&[("Prefix", "/prefix", Kind::Text), ("configMapRef (YAML)", "/configMapRef", Kind::Yaml), ("secretRef (YAML)", "/secretRef", Kind::Yaml)] />
        </section>
        <section>
            <Docs catalog="shared-volumes" reference=POD_REF />
            <ListEditor element pointer="/volumeMounts" title="Volume mounts" new_item=|| json!({ "name": "data", "mountPath": "/data" })
                help="Mount config and secrets read-only; a log shipper reads logs read-only."
                columns=&[("Volume", "/name", Kind::Text), ("Mount path", "/mountPath", Kind::Text), ("Read-only", "/readOnly", Kind::Bool), ("subPath", "/subPath", Kind::Text)] />
        </section>
        <section>
            <h3>"Resources"</h3>
            <Docs catalog="resources" reference=POD_REF />
            <Field element pointer="/resources/requests/cpu" label="CPU request" kind=Kind::Text help="e.g. 100m" />
            <Field element pointer="/resources/requests/memory" label="Memory request" kind=Kind::Text help="e.g. 128Mi" />
            <Field element pointer="/resources/limits/cpu" label="CPU limit" kind=Kind::Text />
            <Field element pointer="/resources/limits/memory" label="Memory limit" kind=Kind::Text />
            <Field element pointer="/resources/requests/ephemeral-storage" label="Ephemeral storage request" kind=Kind::Text />
        </section>
        <section>
            <h3>"Probes"</h3>
            <Docs catalog="probes" reference=POD_REF />
            {["startupProbe", "readinessProbe", "livenessProbe"].into_iter().map(|probe| view! { <ProbeForm element probe /> }).collect_view()}
        </section>
        <section>
            <h3>"Lifecycle hooks"</h3>
            <Docs catalog="lifecycle" reference=POD_REF />
            <OneOf element pointer="/lifecycle/postStart" label="postStart" options=HOOKS removable=true />
            <OneOf element pointer="/lifecycle/preStop" label="preStop" options=HOOKS removable=true />
        </section>
        <section>
            <h3>"Security context"</h3>
            <Docs catalog="security" reference=POD_REF />
            <Field element pointer="/securityContext/runAsNonRoot" label="Run as non-root" kind=Kind::Bool />
            <Field element pointer="/securityContext/runAsUser" label="Run as user" kind=Kind::Number />
            <Field element pointer="/securityContext/runAsGroup" label="Run as group" kind=Kind::Number />
            <Field element pointer="/securityContext/readOnlyRootFilesystem" label="Read-only root filesystem" kind=Kind::Bool />
            <Field element pointer="/securityContext/allowPrivilegeEscalation" label="Allow privilege escalation" kind=Kind::Bool />
            <Field element pointer="/securityContext/privileged" label="Privileged" kind=Kind::Bool />
            <Field element pointer="/securityContext/capabilities/drop" label="Drop capabilities" kind=Kind::Lines help="ALL, then add back only what is needed." />
            <Field element pointer="/securityContext/capabilities/add" label="Add capabilities" kind=Kind::Lines />
            <Field element pointer="/securityContext/seccompProfile/type" label="Seccomp profile" kind=Kind::Choice(&["RuntimeDefault", "Localhost", "Unconfined"]) />
        </section>
    }
}

/// One probe: its handler, then its timing.
#[component]
fn ProbeForm(element: Element, probe: &'static str) -> impl IntoView {
    let store = expect_context::<Store>();
    let pointer: &'static str = match probe {
        "startupProbe" => "/startupProbe",
        "readinessProbe" => "/readinessProbe",
        _ => "/livenessProbe",
    };
    let present = move || !store.get(element, pointer).is_null();
    view! {
        <fieldset class="probe">
            <legend>{probe}</legend>
            <OneOf element pointer label="Handler" options=HANDLERS removable=true />
            {move || present().then(|| view! {
                <div class="row">
                    <Field element pointer=format!("{pointer}/initialDelaySeconds") label="Initial delay (s)" kind=Kind::Number />
                    <Field element pointer=format!("{pointer}/periodSeconds") label="Period (s)" kind=Kind::Number />
                    <Field element pointer=format!("{pointer}/timeoutSeconds") label="Timeout (s)" kind=Kind::Number />
                    <Field element pointer=format!("{pointer}/failureThreshold") label="Failure threshold" kind=Kind::Number />
                    <Field element pointer=format!("{pointer}/successThreshold") label="Success threshold" kind=Kind::Number />
                </div>
            })}
        </fieldset>
    }
}
