//! The API server's defaulting (`SetDefaults_*` in Kubernetes'
//! `pkg/apis/{core,apps,batch}/v1/defaults.go`), applied to a decoded object
//! before the rules run, so rules see what the API server validates: no
//! "Required value" for fields defaulting fills, and the Pod-only defaults
//! (requests from limits, hostPort from containerPort) only for `kind: Pod`.

use crate::object::WorkloadObject;
use k8s_openapi::api::apps::v1::{
    DaemonSetUpdateStrategy, DeploymentStrategy, RollingUpdateDaemonSet, RollingUpdateDeployment,
    StatefulSetUpdateStrategy,
};
use k8s_openapi::api::core::v1::{
    Container, EmptyDirVolumeSource, HTTPGetAction, LifecycleHandler, PodSecurityContext, PodSpec,
    Probe, Volume,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// Applies the API server's defaults to `object` in place.
pub fn apply(object: &mut WorkloadObject) {
    match object {
        WorkloadObject::Pod(pod) => {
            if let Some(spec) = pod.spec.as_mut() {
                pod_spec(spec, true);
            }
        }
        WorkloadObject::Deployment(d) => {
            let spec = &mut d.spec;
            spec.replicas.get_or_insert(1);
            spec.revision_history_limit.get_or_insert(10);
            spec.progress_deadline_seconds.get_or_insert(600);
            let strategy = spec
                .strategy
                .get_or_insert_with(DeploymentStrategy::default);
            let kind = strategy
                .type_
                .get_or_insert_with(|| "RollingUpdate".to_owned());
            if kind == "RollingUpdate" {
                let rolling = strategy
                    .rolling_update
                    .get_or_insert_with(RollingUpdateDeployment::default);
                rolling
                    .max_surge
                    .get_or_insert_with(|| IntOrString::String("25%".to_owned()));
                rolling
                    .max_unavailable
                    .get_or_insert_with(|| IntOrString::String("25%".to_owned()));
            }
            template(spec.template.spec.as_mut());
        }
        WorkloadObject::StatefulSet(s) => {
            let spec = &mut s.spec;
            spec.replicas.get_or_insert(1);
            spec.pod_management_policy
                .get_or_insert_with(|| "OrderedReady".to_owned());
            let strategy = spec
                .update_strategy
                .get_or_insert_with(StatefulSetUpdateStrategy::default);
            strategy
                .type_
                .get_or_insert_with(|| "RollingUpdate".to_owned());
            template(spec.template.spec.as_mut());
        }
        WorkloadObject::DaemonSet(d) => {
            let spec = &mut d.spec;
            spec.revision_history_limit.get_or_insert(10);
            let strategy = spec
                .update_strategy
                .get_or_insert_with(DaemonSetUpdateStrategy::default);
            let kind = strategy
                .type_
                .get_or_insert_with(|| "RollingUpdate".to_owned());
            if kind == "RollingUpdate" {
                let rolling = strategy
                    .rolling_update
                    .get_or_insert_with(RollingUpdateDaemonSet::default);
                rolling.max_unavailable.get_or_insert(IntOrString::Int(1));
                rolling.max_surge.get_or_insert(IntOrString::Int(0));
            }
            template(spec.template.spec.as_mut());
        }
        WorkloadObject::ReplicaSet(r) => {
            let spec = &mut r.spec;
            spec.replicas.get_or_insert(1);
            template(spec.template.as_mut().and_then(|t| t.spec.as_mut()));
        }
        WorkloadObject::Job(j) => {
            if let Some(spec) = j.spec.as_mut() {
                job_spec(spec);
            }
        }
        WorkloadObject::CronJob(c) => {
            let spec = &mut c.spec;
            spec.concurrency_policy
                .get_or_insert_with(|| "Allow".to_owned());
            spec.suspend.get_or_insert(false);
            spec.successful_jobs_history_limit.get_or_insert(3);
            spec.failed_jobs_history_limit.get_or_insert(1);
            if let Some(job) = spec.job_template.spec.as_mut() {
                job_spec(job);
            }
        }
    }
}

fn template(spec: Option<&mut PodSpec>) {
    if let Some(spec) = spec {
        pod_spec(spec, false);
    }
}

fn job_spec(spec: &mut k8s_openapi::api::batch::v1::JobSpec) {
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
    }
    spec.parallelism.get_or_insert(1);
    spec.backoff_limit.get_or_insert(6);
    spec.completion_mode
        .get_or_insert_with(|| "NonIndexed".to_owned());
    template(spec.template.spec.as_mut());
}

/// PodSpec defaults; `is_pod` adds the ones only `kind: Pod` gets.
pub fn pod_spec(spec: &mut PodSpec, is_pod: bool) {
    spec.dns_policy
        .get_or_insert_with(|| "ClusterFirst".to_owned());
    spec.restart_policy
        .get_or_insert_with(|| "Always".to_owned());
    spec.security_context
        .get_or_insert_with(PodSecurityContext::default);
    let grace = spec.termination_grace_period_seconds.get_or_insert(30);
    if is_pod && *grace < 0 {
        *grace = 1;
    }
    spec.scheduler_name
        .get_or_insert_with(|| "default-scheduler".to_owned());
    if spec
        .service_account_name
        .as_deref()
        .unwrap_or_default()
        .is_empty()
    {
        spec.service_account_name = spec.service_account.clone();
    }
    if spec.service_account_name.is_some() {
        spec.service_account = spec.service_account_name.clone();
    }
    if is_pod {
        spec.enable_service_links.get_or_insert(true);
    }
    let host_network = spec.host_network == Some(true);
    for c in spec.init_containers.iter_mut().flatten() {
        container(c, is_pod, host_network);
    }
    for c in &mut spec.containers {
        container(c, is_pod, host_network);
    }
    for v in spec.volumes.iter_mut().flatten() {
        volume(v);
    }
}

/// True when the image has no tag or the tag `latest`, and no digest.
pub fn image_is_latest(image: &str) -> bool {
    if image.contains('@') {
        return false;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) => tag == "latest",
        None => true,
    }
}

fn container(c: &mut Container, is_pod: bool, host_network: bool) {
    let latest = image_is_latest(c.image.as_deref().unwrap_or_default().trim());
    c.image_pull_policy
        .get_or_insert_with(|| if latest { "Always" } else { "IfNotPresent" }.to_owned());
    c.termination_message_path
        .get_or_insert_with(|| "/dev/termination-log".to_owned());
    c.termination_message_policy
        .get_or_insert_with(|| "File".to_owned());
    for port in c.ports.iter_mut().flatten() {
        port.protocol.get_or_insert_with(|| "TCP".to_owned());
        if is_pod && host_network && port.host_port.unwrap_or(0) == 0 {
            port.host_port = Some(port.container_port);
        }
    }
    if is_pod
        && let Some(resources) = c.resources.as_mut()
        && let Some(limits) = resources.limits.clone()
    {
        let requests = resources.requests.get_or_insert_with(Default::default);
        for (name, value) in limits {
            requests.entry(name).or_insert(value);
        }
    }
    for probe in [
        &mut c.liveness_probe,
        &mut c.readiness_probe,
        &mut c.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        self::probe(probe);
    }
    if let Some(lifecycle) = c.lifecycle.as_mut() {
        for handler in [&mut lifecycle.post_start, &mut lifecycle.pre_stop]
            .into_iter()
            .flatten()
        {
            handler_defaults(handler);
        }
    }
    for env in c.env.iter_mut().flatten() {
        if let Some(field) = env.value_from.as_mut().and_then(|v| v.field_ref.as_mut()) {
            field.api_version.get_or_insert_with(|| "v1".to_owned());
        }
    }
}

fn probe(p: &mut Probe) {
    for (field, default) in [
        (&mut p.timeout_seconds, 1),
        (&mut p.period_seconds, 10),
        (&mut p.success_threshold, 1),
        (&mut p.failure_threshold, 3),
    ] {
        if field.unwrap_or(0) == 0 {
            *field = Some(default);
        }
    }
    if let Some(http) = p.http_get.as_mut() {
        http_get(http);
    }
}

fn handler_defaults(h: &mut LifecycleHandler) {
    if let Some(http) = h.http_get.as_mut() {
        http_get(http);
    }
}

fn http_get(http: &mut HTTPGetAction) {
    if http.path.as_deref().unwrap_or_default().is_empty() {
        http.path = Some("/".to_owned());
    }
    http.scheme.get_or_insert_with(|| "HTTP".to_owned());
}

fn volume(v: &mut Volume) {
    if crate::model::volume_sources(v).next().is_none() {
        v.empty_dir = Some(EmptyDirVolumeSource::default());
    }
    if let Some(s) = v.secret.as_mut() {
        s.default_mode.get_or_insert(0o644);
    }
    if let Some(s) = v.config_map.as_mut() {
        s.default_mode.get_or_insert(0o644);
    }
    if let Some(s) = v.downward_api.as_mut() {
        s.default_mode.get_or_insert(0o644);
        for item in s.items.iter_mut().flatten() {
            if let Some(field) = item.field_ref.as_mut() {
                field.api_version.get_or_insert_with(|| "v1".to_owned());
            }
        }
    }
    if let Some(p) = v.projected.as_mut() {
        p.default_mode.get_or_insert(0o644);
        for source in p.sources.iter_mut().flatten() {
            if let Some(token) = source.service_account_token.as_mut() {
                token.expiration_seconds.get_or_insert(3600);
            }
        }
    }
    if let Some(image) = v.image.as_mut() {
        let latest = image_is_latest(image.reference.as_deref().unwrap_or_default());
        image
            .pull_policy
            .get_or_insert_with(|| if latest { "Always" } else { "IfNotPresent" }.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WorkloadKind;
    use serde_json::json;

    #[test]
    fn pod_defaults_fill_required_fields() {
        let value = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
            "spec": {"hostNetwork": true, "terminationGracePeriodSeconds": -5,
                "containers": [{"name": "a", "image": "nginx",
                    "ports": [{"containerPort": 80}],
                    "resources": {"limits": {"cpu": "1"}},
                    "livenessProbe": {"httpGet": {"port": 80}}}],
                "volumes": [{"name": "v"}]}});
        let (mut object, _) = WorkloadObject::decode(WorkloadKind::Pod, &value).unwrap();
        apply(&mut object);
        let spec = object.pod_template().unwrap().spec;
        assert_eq!(spec.termination_grace_period_seconds, Some(1));
        let c = &spec.containers[0];
        assert_eq!(c.image_pull_policy.as_deref(), Some("Always"));
        assert_eq!(c.ports.as_ref().unwrap()[0].host_port, Some(80));
        assert!(
            c.resources
                .as_ref()
                .unwrap()
                .requests
                .as_ref()
                .unwrap()
                .contains_key("cpu")
        );
        let probe = c.liveness_probe.as_ref().unwrap();
        assert_eq!(probe.http_get.as_ref().unwrap().path.as_deref(), Some("/"));
        assert_eq!(probe.failure_threshold, Some(3));
        assert!(spec.volumes.as_ref().unwrap()[0].empty_dir.is_some());
    }

    #[test]
    fn templates_skip_pod_only_defaults() {
        let value = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
            "spec": {"selector": {}, "template": {"spec": {"terminationGracePeriodSeconds": -5,
                "containers": [{"name": "a", "image": "nginx:1.27", "resources": {"limits": {"cpu": "1"}}}]}}}});
        let (mut object, _) = WorkloadObject::decode(WorkloadKind::Deployment, &value).unwrap();
        apply(&mut object);
        let spec = object.pod_template().unwrap().spec;
        assert_eq!(spec.termination_grace_period_seconds, Some(-5));
        let c = &spec.containers[0];
        assert_eq!(c.image_pull_policy.as_deref(), Some("IfNotPresent"));
        assert!(c.resources.as_ref().unwrap().requests.is_none());
    }

    #[test]
    fn latest_images() {
        assert!(image_is_latest("nginx"));
        assert!(image_is_latest("nginx:latest"));
        assert!(image_is_latest("localhost:5000/nginx"));
        assert!(!image_is_latest("nginx:1.27"));
        assert!(!image_is_latest("nginx@sha256:abc"));
    }
}
