//! The part a container plays in its Pod's pattern, inferred from its place,
//! its name and well-known images, and editable by the user.

use k8s_openapi::api::core::v1::Container;
use serde::{Deserialize, Serialize};

/// The part a container plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PatternRole {
    /// The main application.
    App,
    /// A helper running beside the app (config reloader, content sync, agent).
    Sidecar,
    /// An init container with `restartPolicy: Always` that has no more specific role.
    NativeSidecar,
    /// A proxy that stands for the outside world: the app talks to localhost.
    Ambassador,
    /// Translates the app's output (metrics, logs) into a standard form.
    Adapter,
    /// Reads the app's logs from a shared volume and ships them away.
    LogShipper,
    /// Runs to completion before the app starts.
    Init,
}

impl PatternRole {
    /// Every role, in the order the UI offers them.
    pub const ALL: [PatternRole; 7] = [
        PatternRole::App,
        PatternRole::Sidecar,
        PatternRole::NativeSidecar,
        PatternRole::Ambassador,
        PatternRole::Adapter,
        PatternRole::LogShipper,
        PatternRole::Init,
    ];

    /// A short label for badges.
    pub fn label(self) -> &'static str {
        match self {
            PatternRole::App => "app",
            PatternRole::Sidecar => "sidecar",
            PatternRole::NativeSidecar => "native sidecar",
            PatternRole::Ambassador => "ambassador",
            PatternRole::Adapter => "adapter",
            PatternRole::LogShipper => "log shipper",
            PatternRole::Init => "init",
        }
    }

    /// True for roles that run beside the app rather than being it.
    pub fn is_helper(self) -> bool {
        !matches!(self, PatternRole::App | PatternRole::Init)
    }
}

/// Where a container sits in the Pod spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In `initContainers`.
    Init,
    /// In `containers`.
    App,
}

/// Images whose repository name tells the role, by the last path segment.
const LOG_SHIPPERS: &[&str] = &[
    "fluent-bit",
    "fluentd",
    "filebeat",
    "promtail",
    "vector",
    "logstash",
    "fluentd-kubernetes-daemonset",
];
const AMBASSADORS: &[&str] = &[
    "envoy",
    "haproxy",
    "pgbouncer",
    "cloud-sql-proxy",
    "cloudsql-proxy",
    "twemproxy",
    "proxysql",
    "ambassador",
    "oauth2-proxy",
    "linkerd-proxy",
    "proxyv2",
    "nginx-proxy",
];
const SIDECARS: &[&str] = &[
    "git-sync",
    "vault-agent",
    "configmap-reload",
    "config-reloader",
    "istio-proxy",
];

/// Infers a container's role from its placement, image and name.
pub fn infer_role(container: &Container, placement: Placement) -> PatternRole {
    let native = container.restart_policy.as_deref() == Some("Always");
    if placement == Placement::Init && !native {
        return PatternRole::Init;
    }
    if let Some(role) = role_from_image(container.image.as_deref().unwrap_or("")) {
        return role;
    }
    if let Some(role) = role_from_name(&container.name) {
        return role;
    }
    match placement {
        Placement::Init => PatternRole::NativeSidecar,
        Placement::App => PatternRole::App,
    }
}

fn role_from_image(image: &str) -> Option<PatternRole> {
    let without_digest = image.split('@').next().unwrap_or(image);
    let repository = match without_digest.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => repo,
        _ => without_digest,
    };
    let name = repository.rsplit('/').next().unwrap_or(repository);
    if LOG_SHIPPERS.contains(&name) {
        Some(PatternRole::LogShipper)
    } else if AMBASSADORS.contains(&name) {
        Some(PatternRole::Ambassador)
    } else if SIDECARS.contains(&name) {
        Some(PatternRole::Sidecar)
    } else if name.ends_with("-exporter") || name.ends_with("_exporter") {
        Some(PatternRole::Adapter)
    } else {
        None
    }
}

fn role_from_name(name: &str) -> Option<PatternRole> {
    let has = |word: &str| name.split(['-', '_']).any(|part| part == word);
    if has("exporter") || has("adapter") {
        Some(PatternRole::Adapter)
    } else if has("proxy") || has("ambassador") {
        Some(PatternRole::Ambassador)
    } else if has("log") || has("logs") || has("logging") || has("shipper") || has("forwarder") {
        Some(PatternRole::LogShipper)
    } else if has("sidecar") || has("agent") || has("sync") || has("reloader") {
        Some(PatternRole::Sidecar)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(name: &str, image: &str, restart_policy: Option<&str>) -> Container {
        Container {
            name: name.into(),
            image: Some(image.into()),
            restart_policy: restart_policy.map(Into::into),
            ..Container::default()
        }
    }

    #[test]
    fn roles_from_well_known_images() {
        let cases = [
            ("fluent/fluent-bit:3.2.4", PatternRole::LogShipper),
            (
                "docker.elastic.co/beats/filebeat:8.17.0",
                PatternRole::LogShipper,
            ),
            ("grafana/promtail:3.3.2", PatternRole::LogShipper),
            ("envoyproxy/envoy:v1.32.3", PatternRole::Ambassador),
            ("edoburu/pgbouncer:v1.23.1-p3", PatternRole::Ambassador),
            ("haproxy:3.1", PatternRole::Ambassador),
            ("prom/statsd-exporter:v0.28.0", PatternRole::Adapter),
            (
                "registry.k8s.io/git-sync/git-sync:v4.4.0",
                PatternRole::Sidecar,
            ),
            ("localhost:5000/envoy", PatternRole::Ambassador),
        ];
        for (image, role) in cases {
            assert_eq!(
                infer_role(&container("x", image, None), Placement::App),
                role,
                "{image}"
            );
        }
    }

    #[test]
    fn roles_from_placement_and_name() {
        assert_eq!(
            infer_role(&container("migrate", "flyway:11", None), Placement::Init),
            PatternRole::Init
        );
        assert_eq!(
            infer_role(
                &container("helper", "busybox:1.37.0", Some("Always")),
                Placement::Init
            ),
            PatternRole::NativeSidecar
        );
        assert_eq!(
            infer_role(
                &container("shipper", "fluent/fluent-bit:3.2.4", Some("Always")),
                Placement::Init
            ),
            PatternRole::LogShipper
        );
        assert_eq!(
            infer_role(&container("web", "nginx:1.27.3", None), Placement::App),
            PatternRole::App
        );
        assert_eq!(
            infer_role(
                &container("log-forwarder", "busybox:1.37.0", None),
                Placement::App
            ),
            PatternRole::LogShipper
        );
        assert_eq!(
            infer_role(&container("db-proxy", "my/image:1", None), Placement::App),
            PatternRole::Ambassador
        );
    }
}
