//! What `POST /api/v1/validate` says about manifests kubectl reads but the
//! API server refuses: every problem at once, each with its path, line and
//! column, in a 200 answer.

use crate::support;

use serde_json::Value;
use support::http;
use support::server::Server;

/// A Job with a placeholder left in a number, a Pod whose containers are not
/// a list, and a DaemonSet in the shape of Elastic's Filebeat manifest.
const MANIFESTS: &str = "\
apiVersion: batch/v1
kind: Job
metadata: {name: bench}
spec:
  completions: NUM_NODES
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: bench
        image: busybox:1.37
        ports:
        - containerPort: 99999
---
apiVersion: v1
kind: Pod
metadata: {name: broken}
spec:
  containers: not-a-list
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: filebeat}
spec:
  selector: {matchLabels: {app: filebeat}}
  template:
    metadata: {labels: {app: filebeat}}
    spec:
      containers:
      - name: filebeat
        image: docker.elastic.co/beats/filebeat:8.15.0
        args: [
          \"-c\", \"/etc/filebeat.yml\",
          \"-e\",
        ]
";

fn finding<'r>(report: &'r Value, document: u64, path: &str) -> &'r Value {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["document"] == document && f["path"] == path)
        .unwrap_or_else(|| panic!("no finding at document {document}, {path}: {report:#}"))
}

#[tokio::test]
async fn wrong_types_are_findings_with_their_place_and_the_rest_is_checked() {
    let server = Server::start().await;
    let response = http::post(
        &server.url("/api/v1/validate"),
        "application/yaml",
        MANIFESTS,
    )
    .await
    .unwrap();
    assert_eq!(response.status, 200, "{}", response.text());
    let report = response.json();
    assert_eq!(report["valid"], false);

    let completions = finding(&report, 0, "spec.completions");
    assert_eq!(completions["rule"], "invalid-type");
    assert_eq!(
        completions["message"],
        "json: cannot unmarshal string into Go struct field spec.completions of type int32"
    );
    assert_eq!(
        (&completions["line"], &completions["column"]),
        (&5.into(), &3.into())
    );

    // The rest of the Job is still checked.
    let port = finding(
        &report,
        0,
        "spec.template.spec.containers[0].ports[0].containerPort",
    );
    assert_eq!(port["line"], 13);
    assert_eq!(port["column"], 11);

    let containers = finding(&report, 1, "spec.containers");
    assert_eq!(containers["rule"], "invalid-type");
    assert_eq!(containers["line"], 19);

    // The Filebeat-shaped DaemonSet reads, and has no error.
    let errors_in_filebeat = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["document"] == 2 && f["severity"] == "error")
        .count();
    assert_eq!(errors_in_filebeat, 0, "{report:#}");
}

#[tokio::test]
async fn import_refuses_a_wrong_type_naming_its_path() {
    let server = Server::start().await;
    let response = http::post(&server.url("/api/v1/import"), "application/yaml", MANIFESTS)
        .await
        .unwrap();
    assert_eq!(response.status, 400, "{}", response.text());
    let error = response.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(error.contains("spec.completions"), "{error}");
}
