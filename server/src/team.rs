//! The team's policies beside Podwright's rules: policy findings merged into
//! reports, then the team's severity overrides over all of them.

use podwright_core::model::WorkloadKind;
use podwright_core::overrides::RuleOverrides;
use podwright_core::report::{Finding, Report, Severity};
use podwright_core::validate::Options;
use podwright_policy::PolicySet;
use serde_json::Value;
use std::sync::Arc;

/// The options a request gets: what it asks for, else the team's settings.
pub fn options(
    policies: &PolicySet,
    target: Option<Options>,
    allow_privileged: Option<bool>,
) -> Options {
    let settings = policies.settings();
    let mut options = target.unwrap_or(Options {
        target: settings.target.unwrap_or_default(),
        allow_privileged: None,
    });
    options.allow_privileged = allow_privileged.or(settings.allow_privileged);
    options
}

/// Whether `document` is a Pod-bearing workload.
pub fn is_workload(document: &Value) -> bool {
    document
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|kind| kind.parse::<WorkloadKind>().is_ok())
}

/// What the policies say about the workload documents of `documents`, each
/// finding carrying its document's index when there are several.
pub fn policy_findings(policies: &PolicySet, documents: &[Value]) -> Vec<Finding> {
    if policies.is_empty() {
        return Vec::new();
    }
    let several = documents.len() > 1;
    documents
        .iter()
        .enumerate()
        .filter(|(_, document)| is_workload(document))
        .flat_map(|(index, document)| {
            policies
                .evaluate(document)
                .into_iter()
                .map(move |mut finding| {
                    finding.document = several.then_some(index);
                    finding
                })
        })
        .collect()
}

/// [`policy_findings`] off the async workers: policies may run up to their budget.
pub async fn policy_findings_off_thread(
    policies: &Arc<PolicySet>,
    documents: Vec<Value>,
) -> Vec<Finding> {
    if policies.is_empty() {
        return Vec::new();
    }
    let policies = Arc::clone(policies);
    tokio::task::spawn_blocking(move || policy_findings(&policies, &documents))
        .await
        .unwrap_or_else(|error| {
            vec![Finding::new(
                Severity::Warning,
                "policy",
                "",
                format!("the team's policies could not be evaluated: {error}"),
            )]
        })
}

/// `report` with `extra` findings and `overrides` applied, its validity recomputed.
pub fn merge(report: Report, extra: Vec<Finding>, overrides: &RuleOverrides) -> Report {
    let facts = report.facts;
    let mut findings = report.findings;
    findings.extend(extra);
    let mut merged = Report::new(overrides.apply(findings));
    merged.facts = facts;
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use podwright_core::overrides::RuleLevel;
    use serde_json::json;

    const POLICY: &str = "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: no-latest}\nspec:\n  matchConstraints:\n    resourceRules: [{apiGroups: [''], apiVersions: [v1], operations: [CREATE], resources: [pods]}]\n  validations:\n  - expression: \"object.spec.containers.all(c, !c.image.endsWith(':latest'))\"\n    message: no latest\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: no-latest}\nspec: {policyName: no-latest, validationActions: [Deny]}\n---\napiVersion: podwright.dev/v1alpha1\nkind: PolicySettings\nmetadata: {name: team}\nspec: {target: '1.35', allowPrivileged: false}\n";

    #[test]
    fn policy_findings_carry_document_indexes_and_make_reports_invalid() {
        let policies = PolicySet::from_text("team.yaml", POLICY).unwrap();
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"},
            "spec": {"containers": [{"name": "a", "image": "nginx:latest"}]}});
        let service = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}});
        let findings = policy_findings(&policies, &[service, pod.clone()]);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].document, Some(1));
        assert_eq!(findings[0].severity, Severity::Error);
        let report = merge(
            Report::new(Vec::new()),
            findings.clone(),
            &RuleOverrides::default(),
        );
        assert!(!report.valid);
        let mut overrides = RuleOverrides::default();
        overrides.set("policy:no-latest/0", RuleLevel::Warning);
        assert!(merge(Report::new(Vec::new()), findings, &overrides).valid);
        assert_eq!(policy_findings(&policies, &[pod])[0].document, None);
    }

    #[test]
    fn requests_win_over_the_team_settings() {
        let policies = PolicySet::from_text("team.yaml", POLICY).unwrap();
        let defaults = options(&policies, None, None);
        assert_eq!(defaults.target, "1.35".parse().unwrap());
        assert_eq!(defaults.allow_privileged, Some(false));
        let asked = Options {
            target: "1.37".parse().unwrap(),
            allow_privileged: None,
        };
        let chosen = options(&policies, Some(asked), Some(true));
        assert_eq!(chosen.target, "1.37".parse().unwrap());
        assert_eq!(chosen.allow_privileged, Some(true));
    }
}
