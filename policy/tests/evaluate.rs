//! Policies from the Kubernetes documentation (as our own fixtures) and broken
//! ones, loaded from files and evaluated against workloads.

use podwright_core::report::{Finding, Severity};
use podwright_policy::PolicySet;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(name: &str) -> PolicySet {
    PolicySet::load(&[fixture(name)]).unwrap_or_else(|e| panic!("{e}"))
}

fn deployment(namespace: &str, replicas: i64, image: &str) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "namespace": namespace, "labels": {"app": "web"}},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": image}]}}}})
}

fn seen(findings: &[Finding]) -> Vec<(String, Severity, String)> {
    findings
        .iter()
        .map(|f| (f.rule.clone(), f.severity, f.message.clone()))
        .collect()
}

#[test]
fn bindings_decide_where_and_how_a_replica_cap_applies() {
    let set = load("replicas.yaml");
    assert!(set.issues().is_empty(), "{:?}", set.issues());
    // In `test`: the plain cap denies, and the parameterised one denies with limit 3.
    let findings = set.evaluate(&deployment("test", 6, "nginx:1.27"));
    assert_eq!(
        seen(&findings),
        [
            (
                "policy:replica-cap.example.com/0".to_owned(),
                Severity::Error,
                "failed expression: object.spec.replicas <= 5".to_owned()
            ),
            (
                "policy:replica-limit.example.com/0".to_owned(),
                Severity::Error,
                "object.spec.replicas must be no greater than 3".to_owned()
            ),
        ]
    );
    assert_eq!(findings[0].path, "", "no fieldPath: the object itself");
    assert_eq!(findings[1].path, "spec.replicas");
    assert!(findings[1].help.as_deref().unwrap().contains("Invalid"));
    // Elsewhere: only the prod binding applies, with limit 100 and Warn.
    assert!(set.evaluate(&deployment("prod", 6, "nginx")).is_empty());
    let findings = set.evaluate(&deployment("prod", 101, "nginx"));
    assert_eq!(
        seen(&findings),
        [(
            "policy:replica-limit.example.com/0".to_owned(),
            Severity::Warning,
            "object.spec.replicas must be no greater than 100".to_owned()
        )]
    );
    // Pods are not deployments.
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "test"},
        "spec": {"containers": [{"name": "a", "image": "nginx"}]}});
    assert!(set.evaluate(&pod).is_empty());
}

#[test]
fn variables_and_message_expressions_read_the_namespace() {
    let set = load("environment.yaml");
    let issues = set.issues();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].severity, Severity::Info);
    assert!(issues[0].message.contains("not bound"));
    assert!(
        set.evaluate(&deployment("default", 1, "prod.example.com/web:1"))
            .is_empty()
    );
    assert!(
        set.evaluate(&deployment("default", 1, "nginx:1.27"))
            .is_empty()
    );
    let findings = set.evaluate(&deployment("default", 1, "dev.example.com/web:1"));
    assert_eq!(
        seen(&findings),
        [(
            "policy:environment-images.example.com/0".to_owned(),
            Severity::Warning,
            "only prod images are allowed in namespace default".to_owned()
        )]
    );
    assert!(findings[0].help.as_deref().unwrap().contains("not bound"));
    let mut exempt = deployment("default", 1, "dev.example.com/web:1");
    exempt["metadata"]["labels"]["exempt"] = json!("true");
    assert!(set.evaluate(&exempt).is_empty());
}

#[test]
fn an_unknown_function_is_reported_with_its_line_and_never_passes() {
    let set = load("conditions.yaml");
    let issues = set.issues();
    let [issue] = issues.as_slice() else {
        panic!("{issues:?}")
    };
    assert_eq!(issue.rule, "policy:conditions.example.com/1");
    assert!(issue.message.contains("`startWith`"), "{}", issue.message);
    assert!(issue.message.contains("conditions.example.com"));
    assert!(
        issue
            .message
            .contains("object.metadata.name.startWith('demo')")
    );
    assert!(issue.file.ends_with("conditions.yaml"));
    assert_eq!(issue.line, 26);
    let findings = set.evaluate(&deployment("default", 1, "nginx"));
    assert_eq!(
        seen(&findings)
            .iter()
            .map(|(rule, severity, _)| (rule.as_str(), *severity))
            .collect::<Vec<_>>(),
        [
            ("policy:conditions.example.com/0", Severity::Warning),
            ("policy:conditions.example.com/1", Severity::Warning),
        ]
    );
    assert_eq!(findings[0].message, "names start with demo");
    assert!(
        findings[1].message.starts_with("not checked"),
        "{}",
        findings[1].message
    );
}

#[test]
fn a_policy_that_does_not_compile_is_an_issue_with_its_line() {
    let text = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: broken}\nspec:\n  matchConstraints:\n    resourceRules: [{apiGroups: [''], apiVersions: [v1], operations: [CREATE], resources: [pods]}]\n  validations:\n  - expression: 'object.spec.containers.all(c, '\n";
    let set = PolicySet::from_text("broken.yaml", text).unwrap();
    let issues = set.issues();
    let compile = issues.iter().find(|i| i.rule == "policy:broken/0").unwrap();
    assert_eq!(compile.line, 8);
    assert!(
        compile.message.contains("does not compile"),
        "{}",
        compile.message
    );
}

#[test]
fn files_that_are_not_policies_fail_the_load_clearly() {
    let error = PolicySet::from_text("p.yaml", "kind: [unclosed\n")
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("p.yaml:") && error.contains("not YAML"),
        "{error}"
    );
    let error = PolicySet::from_text("p.yaml", "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: x}\nspec: {validations: 3}\n").unwrap_err().to_string();
    assert!(
        error.starts_with("p.yaml:1: ValidatingAdmissionPolicy:"),
        "{error}"
    );
    let error = PolicySet::load(&[fixture("missing.yaml")])
        .unwrap_err()
        .to_string();
    assert!(error.contains("missing.yaml"), "{error}");
}

#[test]
fn an_expression_over_huge_lists_is_stopped_and_the_policy_set_aside() {
    let text = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: slow}\nspec:\n  matchConstraints:\n    resourceRules: [{apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*']}]\n  variables:\n  - {name: big, expression: \"[0,1,2,3,4,5,6,7,8,9].map(a, [0,1,2,3,4,5,6,7,8,9].map(b, [0,1,2,3,4,5,6,7,8,9].map(c, [0,1,2,3,4,5,6,7,8,9])))\"}\n  validations:\n  - expression: \"variables.big.all(a, variables.big.all(b, variables.big.all(c, variables.big.all(d, a != d || true))))\"\n";
    let set = PolicySet::from_text("slow.yaml", text)
        .unwrap()
        .with_budget(Duration::from_millis(200));
    let started = Instant::now();
    let findings = set.evaluate(&deployment("default", 1, "nginx"));
    assert!(started.elapsed() < Duration::from_secs(5));
    let [finding] = findings.as_slice() else {
        panic!("{findings:?}")
    };
    assert!(
        finding.message.contains("evaluation stopped"),
        "{}",
        finding.message
    );
    let again = set.evaluate(&deployment("default", 1, "nginx"));
    assert!(
        again[0].message.contains("was not evaluated"),
        "{}",
        again[0].message
    );
}

#[test]
fn a_failing_variable_is_named_where_it_is_used() {
    let text = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: vars}\nspec:\n  failurePolicy: Ignore\n  matchConstraints:\n    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]\n  variables:\n  - {name: missing, expression: object.spec.nothing.here}\n  validations:\n  - expression: variables.missing == 1\n";
    let set = PolicySet::from_text("vars.yaml", text).unwrap();
    let findings = set.evaluate(&deployment("default", 1, "nginx"));
    let [finding] = findings.as_slice() else {
        panic!("{findings:?}")
    };
    assert!(
        finding.message.contains("variable \"missing\" failed"),
        "{}",
        finding.message
    );
    assert_eq!(finding.severity, Severity::Info, "failurePolicy Ignore");
}
