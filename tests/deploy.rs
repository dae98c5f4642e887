//! The manifests in deploy/: Kustomize renders them, Podwright's own rules find
//! nothing to say about them, the Kubernetes schemas accept them, the Pod is
//! what the README promises, and the team content they mount loads.

use crate::support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::http;
use support::schemas::{SCHEMA_VERSIONS, check_schemas, kubernetes_validate};
use support::server::Server;

const BASE: &str = "deploy/base";
const OVERLAY: &str = "deploy/overlays/example";

/// `kubectl kustomize` of `dir` (relative to the repository), as text.
fn render(dir: &str) -> String {
    let output = Command::new("kubectl")
        .arg("kustomize")
        .arg(support::repo_root().join(dir))
        .output()
        .expect("kubectl runs");
    assert!(
        output.status.success(),
        "kubectl kustomize {dir}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `render(dir)` written to a file in `out`.
fn render_to(dir: &str, out: &Path) -> PathBuf {
    let file = out.join(format!("{}.yaml", dir.replace('/', "-")));
    std::fs::write(&file, render(dir)).unwrap();
    file
}

/// The rendered documents of `dir` as JSON values.
fn documents(dir: &str) -> Vec<Value> {
    render(dir)
        .split("\n---\n")
        .map(|text| serde_norway::from_str(text).unwrap())
        .collect()
}

fn find<'a>(documents: &'a [Value], kind: &str, name: &str) -> &'a Value {
    documents
        .iter()
        .find(|d| d["kind"] == kind && d["metadata"]["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name}"))
}

#[test]
fn podwright_check_finds_nothing_in_deploy_and_its_renderings() {
    let out = tempfile::tempdir().unwrap();
    let base = render_to(BASE, out.path());
    let overlay = render_to(OVERLAY, out.path());
    let output = Command::new(support::server::binary())
        .args(["check", "--format", "json", "--fail-on", "info"])
        .arg(&base)
        .arg(&overlay)
        .arg(support::repo_root().join("deploy"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert!(output.status.success(), "{report:#}");
    let summary = &report["summary"];
    assert_eq!(
        (&summary["errors"], &summary["warnings"], &summary["infos"]),
        (&Value::from(0), &Value::from(0), &Value::from(0)),
        "{report:#}"
    );
    let checked = |path: &Path| {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|file| file["path"] == path.to_str().unwrap())
            .map(|file| file["documents"].clone())
    };
    // The Deployment of each rendering was checked, not skipped.
    assert_eq!(checked(&base), Some(Value::from(1)), "{report:#}");
    assert_eq!(checked(&overlay), Some(Value::from(1)), "{report:#}");
}

#[test]
fn the_kubernetes_schemas_accept_the_renderings_strictly() {
    let validator = kubernetes_validate();
    let out = tempfile::tempdir().unwrap();
    let files = [render_to(BASE, out.path()), render_to(OVERLAY, out.path())];
    for version in SCHEMA_VERSIONS {
        check_schemas(&validator, version, &files);
    }
}

#[test]
fn the_base_runs_a_drainable_restricted_pod_on_every_node() {
    let docs = documents(BASE);
    for kind in [
        "Service",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
        "NetworkPolicy",
    ] {
        find(&docs, kind, "podwright");
    }
    let deployment = find(&docs, "Deployment", "podwright");
    assert_eq!(deployment["spec"]["replicas"], 2);
    let pod = &deployment["spec"]["template"]["spec"];
    let container = &pod["containers"][0];
    // Restricted Pod Security Standard.
    assert_eq!(pod["securityContext"]["runAsNonRoot"], true);
    assert_eq!(
        pod["securityContext"]["seccompProfile"]["type"],
        "RuntimeDefault"
    );
    assert_eq!(
        container["securityContext"]["allowPrivilegeEscalation"],
        false
    );
    assert_eq!(
        container["securityContext"]["capabilities"]["drop"][0],
        "ALL"
    );
    // Probes on the server's real endpoints, and a drain before SIGTERM.
    assert_eq!(container["startupProbe"]["httpGet"]["path"], "/healthz");
    assert_eq!(container["readinessProbe"]["httpGet"]["path"], "/readyz");
    assert_eq!(container["livenessProbe"]["httpGet"]["path"], "/healthz");
    assert!(container["lifecycle"]["preStop"]["sleep"]["seconds"].as_i64() > Some(0));
    for resource in ["cpu", "memory"] {
        assert!(container["resources"]["requests"][resource].is_string());
    }
    assert!(container["resources"]["limits"]["memory"].is_string());
    assert_eq!(
        pod["topologySpreadConstraints"][0]["topologyKey"],
        "kubernetes.io/hostname"
    );
    // The ConfigMaps are mounted where the arguments point.
    let args: Vec<&str> = container["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    for (flag, volume, config_map) in [
        ("--content-dir", "content", "podwright-content"),
        ("--policy", "policy", "podwright-policy"),
    ] {
        let mount = container["volumeMounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == volume)
            .unwrap();
        let path = mount["mountPath"].as_str().unwrap();
        assert!(
            args.contains(&format!("{flag}={path}").as_str()),
            "{args:?}"
        );
        let source = pod["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == volume)
            .unwrap();
        assert_eq!(source["configMap"]["name"], config_map);
        find(&docs, "ConfigMap", config_map);
    }
}

#[tokio::test]
async fn the_content_config_maps_load_as_catalogs() {
    for (dir, slug) in [(BASE, "team-conventions"), (OVERLAY, "platform-sidecars")] {
        let docs = documents(dir);
        let config_map = find(&docs, "ConfigMap", "podwright-content");
        let mounted = tempfile::tempdir().unwrap();
        for (key, text) in config_map["data"].as_object().unwrap() {
            std::fs::write(mounted.path().join(key), text.as_str().unwrap()).unwrap();
        }
        let server =
            Server::start_with_args(&["--content-dir", mounted.path().to_str().unwrap()]).await;
        let page = http::get(&server.url(&format!("/api/v1/patterns/{slug}")))
            .await
            .unwrap();
        assert_eq!(page.status, 200, "{dir}: {}", page.text());
        let examples = page.json()["examples"].as_array().unwrap().len();
        assert_eq!(examples, 1, "{dir}: the page's example loaded");
    }
}
