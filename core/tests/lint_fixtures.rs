//! Our lints against the test fixtures of Polaris, kube-score and kube-linter
//! (`shared/corpus/lint-fixtures`, `fixture_label` in INDEX.tsv).
//!
//! Fixtures are often not valid manifests (no name, no selector, no image,
//! `apiVersion: v1` on a Deployment); before validating, the test fills in
//! what decoding needs (apiVersion, metadata.name, a selector matching the
//! template labels), so the lints run. Each fixture check we also implement
//! is compared with our rule; where we differ on purpose, the case is listed in
//! [`DISAGREEMENTS`] and the test checks that we still differ that way:
//!
//! | fixture | tool says | we say | why |
//! |---|---|---|---|
//! | kube-score pod-probes-on-different-containers | OK (a probe anywhere in the Pod is enough) | `missing-probes` on `foobar2` | we ask every app container to be probed: a probe on one container says nothing about the other |
//! | kube-score pod-test-resources-only-limits | requests missing | no `missing-resources` | for `kind: Pod` the API server copies limits into requests, so requests are set |
//! | kube-linter liveness-port `fire-deployment-udp` | fires (probe names a UDP port) | no `probe-port-undeclared` | the port name is declared by the container; a TCP probe on a UDP port is a different mistake we do not lint |
//! | kube-linter readiness-port/startup-port `fire-*-udp` | fires | no finding | same as above |

use common::root;
use podwright_core::report::Report;
use podwright_core::validate::{Options, validate_stream};
use podwright_core::yaml::{Limits, YamlStream, read_stream};
use serde_json::{Value, json};

mod common;

fn label(relative: &str) -> String {
    let index = std::fs::read_to_string(root().join("INDEX.tsv")).unwrap();
    index
        .lines()
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .find(|cols| cols[0] == relative)
        .map(|cols| cols[15].to_owned())
        .unwrap_or_else(|| panic!("{relative} not in INDEX.tsv"))
}

/// Fills in what decoding needs, so the lints get to run.
fn normalize(mut doc: Value) -> Value {
    let kind = doc["kind"].as_str().unwrap_or_default().to_owned();
    let api = match kind.as_str() {
        "Pod" => "v1",
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" => "apps/v1",
        "Job" | "CronJob" => "batch/v1",
        _ => return doc,
    };
    if doc["apiVersion"]
        .as_str()
        .is_some_and(|a| a.starts_with("apps.openshift.io"))
    {
        return doc;
    }
    doc["apiVersion"] = json!(api);
    if doc["metadata"]["name"].is_null() {
        doc["metadata"]["name"] = json!("fixture");
    }
    if api == "apps/v1" && doc["spec"]["selector"].is_null() {
        let labels = doc["spec"]["template"]["metadata"]["labels"].clone();
        let labels = if labels.is_object() {
            labels
        } else {
            json!({"fixture": "yes"})
        };
        doc["spec"]["template"]["metadata"]["labels"] = labels.clone();
        doc["spec"]["selector"] = json!({"matchLabels": labels});
    }
    doc
}

fn validate(relative: &str) -> (Vec<Value>, Report) {
    let text = std::fs::read_to_string(root().join(relative)).unwrap();
    let stream = read_stream(&text, &Limits::default()).unwrap();
    let documents: Vec<Value> = stream.documents.into_iter().map(normalize).collect();
    let stream = YamlStream {
        documents: documents.clone(),
        ..YamlStream::default()
    };
    (documents, validate_stream(&stream, &Options::default()))
}

/// True when `rule` reports something whose path starts with `prefix` (and whose message contains `needle`).
fn fires(report: &Report, document: usize, rule: &str, prefix: &str, needle: &str) -> bool {
    let single = report.findings.iter().all(|f| f.document.is_none());
    report.findings.iter().any(|f| {
        f.rule == rule
            && (single || f.document == Some(document))
            && f.path.starts_with(prefix)
            && f.message.contains(needle)
    })
}

/// Our rule (and message needle) for a Polaris check.
fn polaris_rule(check: &str) -> Option<(&'static str, &'static str)> {
    Some(match check {
        "livenessProbeMissing" => ("missing-probes", "livenessProbe"),
        "readinessProbeMissing" => ("missing-probes", "readinessProbe"),
        "cpuRequestsMissing" => ("missing-resources", "cpu"),
        "tagNotSpecified" => ("image-tag", ""),
        "notReadOnlyRootFilesystem" => ("writable-root-filesystem", ""),
        "runAsPrivileged" => ("privileged-container", ""),
        "runAsRootAllowed" => ("run-as-root", ""),
        "dangerousCapabilities" => ("added-capabilities", ""),
        _ => return None,
    })
}

/// Cases where we differ from the tool on purpose: (file, container or "", rule).
const DISAGREEMENTS: &[(&str, &str, &str)] = &[
    (
        "lint-fixtures/kube-score/score__testdata__pod-probes-on-different-containers.yaml",
        "foobar2",
        "missing-probes",
    ),
    (
        "lint-fixtures/kube-score/score__testdata__pod-test-resources-only-limits.yaml",
        "",
        "missing-resources",
    ),
    (
        "lint-fixtures/kube-linter/tests__checks__liveness-port.yml.yaml",
        "fire-deployment-udp",
        "probe-port-undeclared",
    ),
    (
        "lint-fixtures/kube-linter/tests__checks__readiness-port.yml.yaml",
        "fire-deployment-udp",
        "probe-port-undeclared",
    ),
    (
        "lint-fixtures/kube-linter/tests__checks__startup-port.yml.yaml",
        "fire-deployment-udp",
        "probe-port-undeclared",
    ),
];

fn disagrees(file: &str, container: &str, rule: &str) -> bool {
    DISAGREEMENTS.contains(&(file, container, rule))
}

#[test]
fn polaris_fixtures_agree() {
    let mut compared = 0;
    for entry in std::fs::read_dir(root().join("lint-fixtures/polaris")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let relative = format!("lint-fixtures/polaris/{name}");
        let label = label(&relative);
        let parts: Vec<&str> = label.split(':').collect();
        let Some((rule, needle)) = polaris_rule(parts[1]) else {
            continue;
        };
        let expected = parts[2] == "failure";
        let (_, report) = validate(&relative);
        assert_eq!(
            fires(&report, 0, rule, "", needle),
            expected,
            "{name}: {label} vs {rule}: {:#?}",
            report.findings
        );
        compared += 1;
    }
    assert!(compared >= 15, "{compared}");
}

/// kube-linter fixtures name their containers (or objects) `fire-*` / `dont-fire*`.
#[test]
fn kube_linter_fixtures_agree() {
    let checks = [
        (
            "tests__checks__liveness-port.yml.yaml",
            "probe-port-undeclared",
            "livenessProbe",
            true,
        ),
        (
            "tests__checks__readiness-port.yml.yaml",
            "probe-port-undeclared",
            "readinessProbe",
            true,
        ),
        (
            "tests__checks__startup-port.yml.yaml",
            "probe-port-undeclared",
            "startupProbe",
            true,
        ),
        (
            "tests__checks__duplicate-env-var.yaml",
            "env-duplicate",
            "",
            true,
        ),
        (
            "tests__checks__no-liveness-probe.yml.yaml",
            "missing-probes",
            "livenessProbe",
            false,
        ),
        (
            "tests__checks__mismatching-selector.yml.yaml",
            "selector-matches-template",
            "",
            false,
        ),
    ];
    for (name, rule, needle, per_container) in checks {
        let relative = format!("lint-fixtures/kube-linter/{name}");
        assert!(label(&relative).starts_with("kube-linter:"));
        let (documents, report) = validate(&relative);
        for (d, doc) in documents.iter().enumerate() {
            if doc["apiVersion"]
                .as_str()
                .is_some_and(|a| a.contains("openshift"))
            {
                continue;
            }
            let spec_path = if doc["kind"] == "Pod" {
                "spec"
            } else {
                "spec.template.spec"
            };
            if per_container {
                let containers = doc
                    .pointer(&format!("/{}/containers", spec_path.replace('.', "/")))
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                for (i, c) in containers.iter().enumerate() {
                    let container = c["name"].as_str().unwrap_or_default();
                    let prefix = format!("{spec_path}.containers[{i}].");
                    let ours = fires(&report, d, rule, &format!("{prefix}{needle}"), "");
                    let theirs = !container.starts_with("dont-fire");
                    let expected = theirs != disagrees(&relative, container, rule);
                    assert_eq!(
                        ours, expected,
                        "{name} document {d} container {container}: {:#?}",
                        report.findings
                    );
                }
            } else {
                let object = doc["metadata"]["name"].as_str().unwrap_or_default();
                let theirs = !object.starts_with("dont-fire");
                let ours = fires(&report, d, rule, "", needle);
                assert_eq!(
                    ours, theirs,
                    "{name} document {d} ({object}): {:#?}",
                    report.findings
                );
            }
        }
    }
}

#[test]
fn kube_score_fixtures_agree() {
    // (file, our rule, container path prefix, kube-score's verdict: fires?)
    let cases = [
        (
            "score__testdata__pod-env-duplicated.yaml",
            "env-duplicate",
            "",
            "",
            true,
        ),
        (
            "score__testdata__pod-image-tag-latest.yaml",
            "image-tag",
            "",
            "",
            true,
        ),
        (
            "score__testdata__job-batchv1.yaml",
            "image-tag",
            "",
            "",
            true,
        ),
        (
            "score__testdata__job-batchv1.yaml",
            "missing-probes",
            "",
            "",
            false,
        ),
        (
            "score__testdata__pod-probes-on-different-containers-init.yaml",
            "missing-probes",
            "",
            "",
            false,
        ),
        (
            "score__testdata__pod-probes-on-different-containers.yaml",
            "missing-probes",
            "spec.containers[1]",
            "foobar2",
            false,
        ),
        (
            "score__testdata__pod-test-resources-only-limits.yaml",
            "missing-resources",
            "",
            "",
            true,
        ),
    ];
    for (name, rule, prefix, container, theirs) in cases {
        let relative = format!("lint-fixtures/kube-score/{name}");
        assert!(label(&relative).starts_with("kube-score:"));
        let (_, report) = validate(&relative);
        let expected = theirs != disagrees(&relative, container, rule);
        assert_eq!(
            fires(&report, 0, rule, prefix, ""),
            expected,
            "{name} {rule}: {:#?}",
            report.findings
        );
    }
}
