//! Team policies through the real binary: `podwright check --policy` and a
//! server started with `--policy`, with the catalog's example policies, the
//! Kubernetes documentation's (as our fixtures), and broken ones.

use crate::support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use support::server::{Server, binary};
use support::{http, repo_root};

fn catalog_policies() -> PathBuf {
    repo_root().join("content/admission-policies/policies")
}

fn example(name: &str) -> PathBuf {
    repo_root().join("content/admission-policies").join(name)
}

fn documentation_policies() -> PathBuf {
    repo_root().join("policy/tests/fixtures")
}

fn check(args: &[&Path]) -> Output {
    Command::new(binary())
        .arg("check")
        .args(args)
        .env_remove("PODWRIGHT_POLICY")
        .output()
        .expect("podwright runs")
}

fn check_json(policy: &Path, manifests: &[&Path]) -> (i32, Value) {
    let output = Command::new(binary())
        .args(["check", "--format", "json", "--policy"])
        .arg(policy)
        .args(manifests)
        .output()
        .expect("podwright runs");
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().unwrap_or(-1), report)
}

/// `(rule, severity)` of every policy finding in a check report.
fn policy_findings(report: &Value, file: &str) -> Vec<(String, String)> {
    let outcome = report["files"]
        .as_array()
        .or_else(|| report.as_array())
        .into_iter()
        .flatten()
        .find(|outcome| outcome["path"].as_str().is_some_and(|p| p.ends_with(file)))
        .unwrap_or_else(|| panic!("{file} in {report}"));
    outcome["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("policy:"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(r, s)| ((*r).to_owned(), (*s).to_owned()))
        .collect()
}

#[test]
fn check_reports_what_the_catalog_policies_refuse_and_admits_the_rest() {
    let (code, report) = check_json(
        &catalog_policies(),
        &[&example("refused.yaml"), &example("compliant.yaml")],
    );
    assert_eq!(code, 1, "{report}");
    assert_eq!(
        policy_findings(&report, "refused.yaml"),
        pairs(&[
            ("policy:cost-labels/0", "warning"),
            ("policy:team-images/0", "error"),
            ("policy:team-images/1", "error"),
            ("policy:limits-and-volumes/0", "error"),
            ("policy:limits-and-volumes/1", "error"),
            ("policy:limits-and-volumes/2", "error"),
        ])
    );
    assert!(policy_findings(&report, "compliant.yaml").is_empty());
    // The settings turn image-tag off.
    assert!(!report.to_string().contains("\"image-tag\""), "{report}");
    let (code, _) = check_json(&catalog_policies(), &[&example("compliant.yaml")]);
    assert_eq!(code, 0);
}

#[test]
fn check_reports_the_documentation_policies_and_their_problems_with_lines() {
    let scratch = tempfile::tempdir().unwrap();
    let manifest = scratch.path().join("deploy.yaml");
    std::fs::write(
        &manifest,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: test}\nspec:\n  replicas: 4\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: web, image: dev.example.com/web:1.0}\n",
    )
    .unwrap();
    let output = check(&[Path::new("--policy"), &documentation_policies(), &manifest]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("conditions.yaml:26:1: warning policy:conditions.example.com/1"),
        "{text}"
    );
    assert!(text.contains("`startWith`"), "{text}");
    assert!(text.contains("error policy:replica-limit.example.com/0 spec.replicas: object.spec.replicas must be no greater than 3"), "{text}");
    assert!(text.contains("warning policy:environment-images.example.com/0: only prod images are allowed in namespace test"), "{text}");
    assert!(
        !text.contains("policy:replica-cap.example.com/0"),
        "4 replicas pass the cap of 5: {text}"
    );
    // --rule over a policy's severity.
    let output = check(&[
        Path::new("--policy"),
        &documentation_policies(),
        Path::new("--rule"),
        Path::new("policy:replica-limit.example.com/0=warning"),
        &manifest,
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn a_policy_file_that_is_not_yaml_is_a_clear_usage_error() {
    let scratch = tempfile::tempdir().unwrap();
    let policy = scratch.path().join("policy.yaml");
    std::fs::write(&policy, "apiVersion: v1\nkind: [unclosed\n").unwrap();
    let output = check(&[Path::new("--policy"), &policy, &example("compliant.yaml")]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("policy.yaml:") && error.contains("not YAML"),
        "{error}"
    );
    let serve = Command::new(binary())
        .args(["serve", "--addr", "127.0.0.1:0", "--policy"])
        .arg(&policy)
        .output()
        .unwrap();
    assert_eq!(serve.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&serve.stderr).contains("not YAML"));
}

async fn validate(server: &Server, path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let response = http::post(&server.url("/api/v1/validate"), "application/yaml", text)
        .await
        .unwrap();
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

fn rules_of(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("policy:"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_server_checks_against_its_policies_and_lists_them() {
    let policies = catalog_policies();
    let server = Server::start_with_args(&["--policy", policies.to_str().unwrap()]).await;
    let refused = validate(&server, &example("refused.yaml")).await;
    assert_eq!(refused["valid"], false);
    assert_eq!(rules_of(&refused).len(), 6, "{refused}");
    let compliant = validate(&server, &example("compliant.yaml")).await;
    assert_eq!(compliant["valid"], true, "{compliant}");
    assert!(rules_of(&compliant).is_empty());
    let listed = http::get(&server.url("/api/v1/policies"))
        .await
        .unwrap()
        .json();
    let names: Vec<&str> = listed["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["cost-labels", "team-images", "limits-and-volumes"]);
    let images = &listed["policies"][1];
    assert!(images["source"].as_str().unwrap().ends_with("images.yaml"));
    assert_eq!(images["bindings"], serde_json::json!(["team-images: Deny"]));
    assert!(
        images["matches"][1]
            .as_str()
            .unwrap()
            .contains("apps/v1 deployments"),
        "{images}"
    );
    assert_eq!(listed["settings"]["target"], "1.35");
    assert_eq!(listed["settings"]["rules"]["image-tag"], "off");
    let metrics = http::get(&server.url("/metrics")).await.unwrap().text();
    assert!(metrics.contains("\npodwright_policies 3\n"), "{metrics}");
}

#[tokio::test]
async fn a_runaway_policy_is_stopped_and_the_server_stays_up() {
    let scratch = tempfile::tempdir().unwrap();
    let policy = scratch.path().join("slow.yaml");
    // 100 x 100 x 100 steps: several seconds for a debug build, well past the
    // 1 s budget, yet short enough that the abandoned evaluation soon ends.
    let hundred = format!("{:?}", (0..100).collect::<Vec<u32>>()).replace(' ', "");
    std::fs::write(
        &policy,
        format!("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {{name: slow}}\nspec:\n  matchConstraints:\n    resourceRules: [{{apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']}}]\n  variables:\n  - name: big\n    expression: \"{hundred}\"\n  validations:\n  - expression: \"variables.big.all(a, variables.big.all(b, variables.big.all(c, a + b + c >= 0)))\"\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {{name: slow}}\nspec: {{policyName: slow, validationActions: [Deny]}}\n"),
    )
    .unwrap();
    let server = Server::start_with_args(&["--policy", policy.to_str().unwrap()]).await;
    let started = Instant::now();
    let report = validate(&server, &example("compliant.yaml")).await;
    assert!(started.elapsed() < Duration::from_secs(8));
    let stopped = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "policy:slow")
        .unwrap();
    assert!(
        stopped["message"]
            .as_str()
            .unwrap()
            .contains("evaluation stopped"),
        "{stopped}"
    );
    assert_eq!(stopped["severity"], "error");
    let again = validate(&server, &example("compliant.yaml")).await;
    assert!(again.to_string().contains("was not evaluated"), "{again}");
    assert_eq!(
        http::get(&server.url("/healthz")).await.unwrap().status,
        200
    );
}
