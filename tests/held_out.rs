//! Held-out real manifests, published by well-known projects and kept apart
//! from the shared corpus (`tests/fixtures/held-out/<project>/`, sources in
//! each project's SOURCES.md). Every one the API server accepts validates
//! without an error at every supported version, through the real server;
//! and import then export gives back objects kubectl reads as equal to the
//! original's, which a YAML 1.2 reader sees the same way. Those the API
//! server refuses as they are (`held-out/refused/`) get exactly its errors.

use crate::support;

use podwright_core::version::KubeVersion;
use serde_json::Value;
use std::path::{Path, PathBuf};
use support::kubectl::Kubectl;
use support::round_trip::check_file;
use support::server::Server;
use support::{files_below, http, repo_root};

/// Manifests the API server refuses as they are, and the errors it gives,
/// as (file below `held-out/refused/`, rule, path, message).
const REFUSED: &[(&str, &str, &str, &str)] = &[
    (
        "metrics-server/manifests__base__deployment.yaml",
        "selector-matches-template",
        "spec.selector",
        "Required value",
    ),
    (
        "metrics-server/manifests__base__deployment.yaml",
        "selector-matches-template",
        "spec.template.metadata.labels",
        "Invalid value: null: `selector` does not match template `labels`",
    ),
    (
        "fluentd-kubernetes-daemonset/fluentd-daemonset-gcs.yaml",
        "selector-matches-template",
        "spec.template.metadata.labels",
        r#"Invalid value: {"k8s-app":"fluentd-logging","version":"v1"}: `selector` does not match template `labels`"#,
    ),
    (
        "istio/samples__mtls-echo__mtls-echo.yaml",
        "volume-mount-not-found",
        "spec.template.spec.containers[0].volumeMounts[1].name",
        r#"Not found: "ca-certs""#,
    ),
];

/// Every held-out manifest, without the SOURCES.md notes.
fn manifests() -> Vec<PathBuf> {
    files_below(&held_out())
        .into_iter()
        .filter(|file| file.extension().is_some_and(|ext| ext == "yaml"))
        .collect()
}

/// The held-out manifests the API server accepts.
fn accepted() -> Vec<PathBuf> {
    let refused = held_out().join("refused");
    let files: Vec<PathBuf> = manifests()
        .into_iter()
        .filter(|file| !file.starts_with(&refused))
        .collect();
    assert!(
        files.len() >= 25,
        "only {} held-out manifests found",
        files.len()
    );
    files
}

/// The folder of held-out manifests.
fn held_out() -> PathBuf {
    repo_root().join("tests/fixtures/held-out")
}

/// The file's path below the held-out folder, for messages.
fn name(file: &Path) -> String {
    file.strip_prefix(held_out())
        .unwrap_or(file)
        .display()
        .to_string()
}

/// The error findings `POST /api/v1/validate` reports on `yaml` at `target`.
async fn errors(server: &Server, yaml: &str, target: KubeVersion) -> Result<Vec<Value>, String> {
    let url = server.url(&format!("/api/v1/validate?target={target}"));
    let response = http::post(&url, "application/yaml", yaml.to_owned()).await?;
    if response.status != 200 {
        return Err(format!(
            "validate answered {}: {}",
            response.status,
            response.text()
        ));
    }
    let report = response.json();
    let findings = report["findings"]
        .as_array()
        .ok_or_else(|| format!("no findings in {report}"))?;
    Ok(findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .cloned()
        .collect())
}

#[tokio::test]
async fn held_out_manifests_validate_without_errors_at_every_supported_version() {
    let server = Server::start().await;
    let mut failures = Vec::new();
    let files = accepted();
    for file in &files {
        let yaml = std::fs::read_to_string(file).expect("a manifest");
        for target in KubeVersion::all() {
            match errors(&server, &yaml, target).await {
                Ok(errors) if errors.is_empty() => {}
                Ok(errors) => failures.push(format!(
                    "{} at {target}: {}",
                    name(file),
                    serde_json::to_string_pretty(&errors).unwrap_or_default()
                )),
                Err(e) => failures.push(format!("{} at {target}: {e}", name(file))),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} checks failed:\n{}",
        failures.len(),
        files.len() * KubeVersion::all().count(),
        failures.join("\n\n")
    );
}

#[tokio::test]
async fn refused_held_out_manifests_get_the_api_servers_errors_at_every_supported_version() {
    let server = Server::start().await;
    let refused = held_out().join("refused");
    let files = manifests();
    let files: Vec<&PathBuf> = files.iter().filter(|f| f.starts_with(&refused)).collect();
    assert!(!files.is_empty(), "no refused manifests");
    for file in files {
        let below = file.strip_prefix(&refused).expect("below refused/");
        let expected: Vec<(&str, &str, &str)> = REFUSED
            .iter()
            .filter(|(name, ..)| Path::new(name) == below)
            .map(|(_, rule, path, message)| (*rule, *path, *message))
            .collect();
        assert!(!expected.is_empty(), "no expectation for {}", name(file));
        let yaml = std::fs::read_to_string(file).expect("a manifest");
        for target in KubeVersion::all() {
            let errors = errors(&server, &yaml, target).await.expect("a report");
            let found: Vec<(&str, &str, &str)> = errors
                .iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap_or_default(),
                        f["path"].as_str().unwrap_or_default(),
                        f["message"].as_str().unwrap_or_default(),
                    )
                })
                .collect();
            assert_eq!(found, expected, "{} at {target}", name(file));
        }
    }
}

// kubectl runs as a blocking child process: the stand-in needs a second worker thread.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_out_manifests_read_the_same_to_kubectl_after_a_round_trip() {
    let server = Server::start().await;
    let kubectl = Kubectl::start().await;
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let files = manifests();
    let mut failures = Vec::new();
    for file in &files {
        let (before, problems) =
            check_file(&server, &kubectl, scratch.path(), file, &name(file)).await;
        if before.is_some_and(|before| !before.iter().any(has_pod_template)) {
            failures.push(format!("{}: kubectl reads no workload", name(file)));
        }
        failures.extend(problems);
    }
    assert!(
        failures.is_empty(),
        "{} of {} files failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}

/// Whether kubectl read `object` as a workload that makes Pods.
fn has_pod_template(object: &Value) -> bool {
    matches!(
        object["kind"].as_str(),
        Some("Pod" | "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "CronJob")
    ) && object["spec"].is_object()
}
