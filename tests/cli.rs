//! End-to-end tests of the command line: `podwright check` over files, folders
//! and standard input, in every format, with every exit-code threshold; then
//! `rules` and `export`.

use crate::support;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A Pod with warnings (an untagged image, no probes) but no error.
const WARNS: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
";

/// A Deployment the API server refuses: a container name with capitals.
const FAILS: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: Api_Server
        image: registry.example/api:1.4.2
";

/// Not a workload: counted as skipped.
const SERVICE: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
";

fn podwright(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_podwright"))
        .args(args)
        .current_dir(dir)
        .env_remove("PODWRIGHT_DOCS_URL")
        .output()
        .expect("podwright runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// A folder with a warning-only Pod, a failing Deployment beside a Service,
/// a file that is not YAML, and what a folder search must skip.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("apps")).unwrap();
    std::fs::create_dir_all(root.join(".github")).unwrap();
    std::fs::write(root.join("apps/web.yaml"), WARNS).unwrap();
    std::fs::write(root.join("apps/api.yml"), format!("{FAILS}---\n{SERVICE}")).unwrap();
    std::fs::write(
        root.join("broken.yaml"),
        "kind: Pod\nspec: {containers: [\n",
    )
    .unwrap();
    std::fs::write(root.join(".github/ci.yaml"), "on: [push\n").unwrap();
    std::fs::write(root.join("notes.md"), "# not a manifest\n").unwrap();
    dir
}

#[test]
fn text_names_file_line_column_severity_rule_and_path() {
    let dir = mixed_folder();
    let output = podwright(&["check", "."], dir.path());
    assert_eq!(output.status.code(), Some(1), "errors fail by default");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let name_error = lines
        .iter()
        .find(|line| line.contains(" error container-name "))
        .unwrap_or_else(|| panic!("no container-name error in:\n{text}"));
    assert!(
        name_error.starts_with(
            "./apps/api.yml:13:9: error container-name spec.template.spec.containers[0].name: "
        ),
        "{name_error}"
    );
    let broken = lines
        .iter()
        .find(|line| line.starts_with("./broken.yaml:"))
        .expect("the file that is not YAML is a finding");
    assert!(
        broken.contains(": error invalid-yaml: not a YAML manifest: "),
        "{broken}"
    );
    assert!(
        !text.contains(".github"),
        "hidden folders are skipped:\n{text}"
    );
    assert!(
        !text.contains("notes.md"),
        "only manifests are read:\n{text}"
    );
    let summary = lines.last().unwrap();
    assert!(
        summary.starts_with("3 files, 2 documents checked, 1 skipped: "),
        "{summary}"
    );
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn json_lists_every_file_with_findings_and_totals() {
    let dir = mixed_folder();
    let output = podwright(&["check", "--format", "json", "."], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let files = report["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["./apps/api.yml", "./apps/web.yaml", "./broken.yaml"]
    );
    assert_eq!(files[0]["documents"], 1);
    let finding = files[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "container-name")
        .expect("the container-name error");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["path"], "spec.template.spec.containers[0].name");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(13), Some(9))
    );
    assert_eq!(finding["document"], 0);
    let summary = &report["summary"];
    assert_eq!(summary["files"], 3);
    assert_eq!(summary["documents"], 2);
    let counted: u64 = files
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .filter(|f| f["severity"] == "error")
        .count() as u64;
    assert_eq!(summary["errors"].as_u64(), Some(counted));
    assert!(counted >= 2, "the name error and the broken file");
}

#[test]
fn sarif_is_valid_sarif_2_1_0_pointing_at_the_offending_key() {
    let dir = mixed_folder();
    let output = podwright(&["check", "--format", "sarif", "."], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let report_path = dir.path().join("report.sarif");
    std::fs::write(&report_path, &output.stdout).unwrap();
    let schema = support::repo_root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    // The kubernetes-validate venv has jsonschema: its python sits beside the tool.
    let python = support::schemas::kubernetes_validate().with_file_name("python");
    let validation = Command::new(python)
        .args([
            "-c",
            "import json, sys, jsonschema\n\
             schema = json.load(open(sys.argv[1]))\n\
             jsonschema.Draft4Validator.check_schema(schema)\n\
             errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2]))))\n\
             [print(list(e.absolute_path), e.message) for e in errors]\n\
             sys.exit(1 if errors else 0)",
        ])
        .arg(&schema)
        .arg(&report_path)
        .output()
        .expect("python runs");
    assert!(
        validation.status.success(),
        "SARIF schema violations:\n{}{}",
        String::from_utf8_lossy(&validation.stdout),
        String::from_utf8_lossy(&validation.stderr)
    );

    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in ["container-name", "image-tag", "invalid-yaml"] {
        assert!(rule_ids.contains(&id), "driver lists {id}");
    }
    assert!(
        rules
            .iter()
            .all(|r| r["helpUri"].as_str().unwrap().starts_with("https://"))
    );
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "container-name")
        .expect("a container-name result");
    assert_eq!(result["level"], "error");
    assert_eq!(
        rule_ids[result["ruleIndex"].as_u64().unwrap() as usize],
        "container-name"
    );
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "apps/api.yml");
    let line = location["region"]["startLine"].as_u64().unwrap() as usize;
    let column = location["region"]["startColumn"].as_u64().unwrap() as usize;
    let source_line = FAILS.lines().nth(line - 1).unwrap();
    assert!(
        source_line[column - 1..].starts_with("name: Api_Server"),
        "line {line}, column {column} is {source_line:?}"
    );
}

#[test]
fn junit_has_one_test_case_per_workload_document() {
    let dir = mixed_folder();
    let output = podwright(&["check", "--format", "junit", "."], dir.path());
    let xml = stdout(&output);
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let cases: Vec<roxmltree::Node<'_, '_>> = root
        .descendants()
        .filter(|node| node.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
    assert_eq!(
        names,
        [
            "document 0: Deployment/api",
            "document 0: Pod/web",
            "./broken.yaml"
        ]
    );
    let failed =
        |case: &roxmltree::Node<'_, '_>| case.children().any(|c| c.has_tag_name("failure"));
    assert_eq!(
        cases.iter().map(failed).collect::<Vec<_>>(),
        [true, false, true]
    );
    assert_eq!(root.attribute("failures"), Some("2"));
    assert_eq!(root.attribute("tests"), Some("3"));
}

#[test]
fn github_writes_one_annotation_per_finding() {
    let dir = mixed_folder();
    let output = podwright(&["check", "--format", "github", "apps/api.yml"], dir.path());
    let text = stdout(&output);
    let annotation = text
        .lines()
        .find(|line| line.contains("title=container-name"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        annotation.starts_with("::error file=apps/api.yml,line=13,col=9,title=container-name::spec.template.spec.containers[0].name: "),
        "{annotation}"
    );
    assert!(text.lines().all(|line| line.starts_with("::")), "{text}");
}

#[test]
fn every_threshold_decides_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("warns.yaml"), WARNS).unwrap();
    std::fs::write(dir.path().join("fails.yaml"), FAILS).unwrap();
    let code = |file: &str, fail_on: &str| {
        podwright(&["check", "--fail-on", fail_on, file], dir.path())
            .status
            .code()
    };
    for (fail_on, warns, fails) in [
        ("error", 0, 1),
        ("warning", 1, 1),
        ("info", 1, 1),
        ("none", 0, 0),
    ] {
        assert_eq!(
            code("warns.yaml", fail_on),
            Some(warns),
            "warnings, --fail-on {fail_on}"
        );
        assert_eq!(
            code("fails.yaml", fail_on),
            Some(fails),
            "errors, --fail-on {fail_on}"
        );
    }
}

#[test]
fn rule_flags_change_severities() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fails.yaml"), FAILS).unwrap();
    let output = podwright(
        &[
            "check",
            "--rule",
            "container-name=warning",
            "--rule",
            "image-tag=off",
            "fails.yaml",
        ],
        dir.path(),
    );
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains(": warning container-name "), "{text}");
    assert!(!text.contains("image-tag"), "{text}");
}

#[test]
fn usage_errors_and_unreadable_inputs_exit_2_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let missing = podwright(&["check", "missing.yaml"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("missing.yaml: No such file or directory"),
        "{stderr}"
    );
    for args in [
        &["check", "--rule", "no-such-rule=off", "."][..],
        &["check", "--fail-on", "never", "."],
        &["check", "--target", "1.20", "."],
        &["check"],
    ] {
        let output = podwright(args, dir.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?} explains itself");
    }
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_podwright"))
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(FAILS.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "-");
    assert_eq!(report["summary"]["documents"], 1);
}

#[test]
fn a_ten_thousand_line_stream_is_checked_whole_with_exact_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    let mut index = 0;
    while text.lines().count() < 10_000 {
        text.push_str(&FAILS.replace("name: api\n", &format!("name: api-{index}\n")));
        text.push_str("---\n");
        index += 1;
    }
    std::fs::write(dir.path().join("many.yaml"), &text).unwrap();
    let output = podwright(&["check", "--format", "json", "many.yaml"], dir.path());
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["documents"], index);
    let errors: Vec<&Value> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "container-name")
        .collect();
    assert_eq!(errors.len(), index);
    let lines: Vec<&str> = text.lines().collect();
    let last = errors.last().unwrap();
    assert_eq!(last["document"], index - 1);
    let line = last["line"].as_u64().unwrap() as usize;
    assert_eq!(lines[line - 1].trim_start(), "- name: Api_Server");
}

#[test]
fn rules_lists_every_rule_and_explains_one() {
    let dir = tempfile::tempdir().unwrap();
    let list = stdout(&podwright(&["rules"], dir.path()));
    let ids: Vec<&str> = list
        .lines()
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    let registry: Vec<&str> = podwright_core::rules::registry()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, registry);
    let explained = podwright(&["rules", "image-tag"], dir.path());
    assert!(explained.status.success());
    let docs = stdout(&explained);
    assert!(docs.starts_with("# image-tag (warning)"), "{docs}");
    assert!(
        docs.contains("**Bad**") && docs.contains("**Good**"),
        "{docs}"
    );
    assert_eq!(
        podwright(&["rules", "no-such-rule"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn export_writes_the_pod_as_another_kind() {
    let dir = tempfile::tempdir().unwrap();
    let pod = WARNS.replace("image: nginx", "image: nginx:1.27");
    std::fs::write(dir.path().join("pod.yaml"), pod).unwrap();
    let output = podwright(&["export", "pod.yaml", "--kind", "Deployment"], dir.path());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let exported: Value = serde_norway::from_slice(&output.stdout).expect("YAML");
    assert_eq!(exported["kind"], "Deployment");
    assert_eq!(exported["apiVersion"], "apps/v1");
    assert_eq!(
        exported["spec"]["template"]["spec"]["containers"][0]["image"],
        "nginx:1.27"
    );
    let json = podwright(&["export", "pod.yaml", "--format", "json"], dir.path());
    let exported: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(exported["kind"], "Pod");

    std::fs::write(dir.path().join("fails.yaml"), FAILS).unwrap();
    let refused = podwright(&["export", "fails.yaml"], dir.path());
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        refused.stdout.is_empty(),
        "nothing is written for a design with errors"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("error container-name"));
}
