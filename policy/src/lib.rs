//! A team's policies, checked before apply: ValidatingAdmissionPolicy objects
//! (CEL expressions, evaluated as the API server would for a CREATE of the
//! workload) and Podwright's own settings document.
//!
//! Its own crate, so that the browser's wasm build never compiles CEL.

pub mod admission;
pub mod compile;
mod evaluate;
pub mod library;
pub mod load;
pub mod matching;
pub mod settings;
pub mod summary;

use admission::{Binding, Policy};
use compile::{CompiledPolicy, Issue};
pub use load::LoadError;
use load::{Place, SourceDocument};
use matching::Request;
use podwright_core::report::{Finding, Severity};
use serde_json::Value;
pub use settings::PolicySettings;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
pub use summary::PolicySummary;

/// How long one policy may run against one object before it is stopped.
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(1);

/// Every policy, binding, parameter object and setting read from the team's files.
#[derive(Clone, Debug)]
pub struct PolicySet {
    policies: Arc<Vec<CompiledPolicy>>,
    settings: PolicySettings,
    issues: Vec<Issue>,
    budget: Duration,
}

impl Default for PolicySet {
    /// No policies.
    fn default() -> Self {
        PolicySet {
            policies: Arc::default(),
            settings: PolicySettings::default(),
            issues: Vec::new(),
            budget: DEFAULT_BUDGET,
        }
    }
}

impl PolicySet {
    /// Reads files and folders of YAML. Unreadable files, text that is not
    /// YAML and malformed objects fail the load; expressions that do not
    /// compile or use what we do not support are issues, and the rest loads.
    pub fn load(paths: &[PathBuf]) -> Result<PolicySet, LoadError> {
        PolicySet::from_documents(load::read_paths(paths)?)
    }

    /// Reads the documents of one text, as if it were the file `name`.
    pub fn from_text(name: &str, text: &str) -> Result<PolicySet, LoadError> {
        PolicySet::from_documents(load::read_text(name, text)?)
    }

    fn from_documents(documents: Vec<SourceDocument>) -> Result<PolicySet, LoadError> {
        let mut set = PolicySet::default();
        let mut policies: Vec<CompiledPolicy> = Vec::new();
        let mut bindings: Vec<(Binding, Place)> = Vec::new();
        let mut others: Vec<&SourceDocument> = Vec::new();
        for document in &documents {
            let field = |name: &str| {
                document
                    .value
                    .get(name)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            };
            let invalid = |message: String| LoadError::Invalid {
                place: document.place.clone(),
                message,
            };
            let admission = field("apiVersion").starts_with("admissionregistration.k8s.io/");
            match (admission, field("kind")) {
                (true, "ValidatingAdmissionPolicy") => {
                    let policy: Policy = serde_json::from_value(document.value.clone())
                        .map_err(|e| invalid(format!("ValidatingAdmissionPolicy: {e}")))?;
                    if policy.metadata.name.is_empty() {
                        return Err(invalid(
                            "ValidatingAdmissionPolicy without metadata.name".to_owned(),
                        ));
                    }
                    if policies.iter().any(|p| p.name == policy.metadata.name) {
                        return Err(invalid(format!(
                            "a second ValidatingAdmissionPolicy named {:?}",
                            policy.metadata.name
                        )));
                    }
                    policies.push(CompiledPolicy::compile(policy, document));
                }
                (true, "ValidatingAdmissionPolicyBinding") => {
                    let binding: Binding = serde_json::from_value(document.value.clone())
                        .map_err(|e| invalid(format!("ValidatingAdmissionPolicyBinding: {e}")))?;
                    bindings.push((binding, document.place.clone()));
                }
                _ if field("apiVersion") == settings::API_VERSION
                    && field("kind") == settings::KIND =>
                {
                    set.settings
                        .merge(&document.value)
                        .map_err(|e| invalid(format!("PolicySettings: {e}")))?;
                }
                _ => others.push(document),
            }
        }
        for (binding, place) in bindings {
            match policies
                .iter_mut()
                .find(|p| p.name == binding.spec.policy_name)
            {
                Some(policy) => policy.bindings.push(binding),
                None => set.issues.push(Issue {
                    file: place.file,
                    line: place.line,
                    rule: format!("policy:{}", binding.spec.policy_name),
                    severity: Severity::Warning,
                    message: format!(
                        "binding {} names policy {:?}, which the policy files do not hold",
                        binding.metadata.name, binding.spec.policy_name
                    ),
                }),
            }
        }
        for document in others {
            let kind_of = |v: &Value| {
                (
                    v.get("apiVersion")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    v.get("kind")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                )
            };
            let (api_version, kind) = kind_of(&document.value);
            let mut used = false;
            for policy in &mut policies {
                if policy
                    .param_kind()
                    .is_some_and(|k| k.api_version == api_version && k.kind == kind)
                {
                    policy.params.push(document.value.clone());
                    used = true;
                }
            }
            if !used {
                set.issues.push(Issue {
                    file: document.place.file.clone(),
                    line: document.place.line,
                    rule: "policy".to_owned(),
                    severity: Severity::Info,
                    message: format!(
                        "ignored: {kind:?} ({api_version}) is not a ValidatingAdmissionPolicy, a binding, PolicySettings or the parameters of a policy"
                    ),
                });
            }
        }
        set.policies = Arc::new(policies);
        Ok(set)
    }

    /// The same policies, each stopped after `budget` on one object.
    #[must_use]
    pub fn with_budget(mut self, budget: Duration) -> PolicySet {
        self.budget = budget;
        self
    }

    /// True when no policy is loaded.
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// How many policies are loaded.
    pub fn len(&self) -> usize {
        self.policies.len()
    }

    /// The team's settings (defaults when the files hold none).
    pub fn settings(&self) -> &PolicySettings {
        &self.settings
    }

    /// Every loaded policy, for people.
    pub fn summaries(&self) -> Vec<PolicySummary> {
        self.policies.iter().map(summary::summarize).collect()
    }

    /// What is wrong in the policy files: per policy, then the rest.
    pub fn issues(&self) -> Vec<Issue> {
        self.policies
            .iter()
            .flat_map(CompiledPolicy::issues)
            .chain(self.issues.iter().cloned())
            .collect()
    }

    /// What the policies say about `document`, as a CREATE of it.
    pub fn evaluate(&self, document: &Value) -> Vec<Finding> {
        let Some(request) = Request::create(document) else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        let jobs: Vec<evaluate::Job> = self
            .policies
            .iter()
            .enumerate()
            .flat_map(|(index, policy)| evaluate::plan(index, policy, &request, &mut findings))
            .collect();
        if jobs.is_empty() {
            return findings;
        }
        let object = Arc::new(document.clone());
        findings.extend(evaluate::run(
            &self.policies,
            &object,
            &request,
            jobs,
            self.budget,
        ));
        findings
    }
}
