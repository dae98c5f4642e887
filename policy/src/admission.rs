//! The parts of `admissionregistration.k8s.io/v1` objects that evaluation reads:
//! ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The API group and version of both kinds.
pub const API_VERSION: &str = "admissionregistration.k8s.io/v1";

/// An object's name.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Metadata {
    /// `metadata.name`.
    pub name: String,
}

/// A ValidatingAdmissionPolicy.
#[derive(Clone, Debug, Deserialize)]
pub struct Policy {
    /// Its name.
    #[serde(default)]
    pub metadata: Metadata,
    /// What it checks.
    pub spec: PolicySpec,
}

/// `spec` of a ValidatingAdmissionPolicy.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PolicySpec {
    /// The kind of the parameter objects, when the policy takes some.
    pub param_kind: Option<ParamKind>,
    /// Which requests it applies to.
    pub match_constraints: Option<MatchResources>,
    /// The checks.
    pub validations: Vec<Validation>,
    /// `Fail` (the default) or `Ignore`: what an expression that errs means.
    pub failure_policy: Option<String>,
    /// Conditions that must all hold for the policy to apply.
    pub match_conditions: Vec<NamedExpression>,
    /// Named expressions the others read as `variables.<name>`.
    pub variables: Vec<NamedExpression>,
}

/// `paramKind`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default, rename_all = "camelCase")]
pub struct ParamKind {
    /// The group/version of the parameter objects.
    pub api_version: String,
    /// Their kind.
    pub kind: String,
}

/// `matchConstraints` of a policy, `matchResources` of a binding.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MatchResources {
    /// Labels the object's namespace must have.
    pub namespace_selector: Option<LabelSelector>,
    /// Labels the object must have.
    pub object_selector: Option<LabelSelector>,
    /// Requests that match.
    pub resource_rules: Vec<ResourceRule>,
    /// Requests excluded even when they match.
    pub exclude_resource_rules: Vec<ResourceRule>,
}

/// One `resourceRules` entry.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceRule {
    /// Object names it is limited to (empty: any).
    pub resource_names: Vec<String>,
    /// `CREATE`, `UPDATE`, `DELETE`, `CONNECT` or `*`.
    pub operations: Vec<String>,
    /// API groups (`""` is the core group), or `*`.
    pub api_groups: Vec<String>,
    /// API versions, or `*`.
    pub api_versions: Vec<String>,
    /// Resources (`pods`, `deployments`, `*`, `pods/*` for subresources).
    pub resources: Vec<String>,
}

/// A Kubernetes label selector.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LabelSelector {
    /// Labels that must have these values.
    pub match_labels: BTreeMap<String, String>,
    /// Requirements on labels.
    pub match_expressions: Vec<LabelRequirement>,
}

/// One `matchExpressions` entry.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct LabelRequirement {
    /// The label.
    pub key: String,
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    pub operator: String,
    /// The values `In` and `NotIn` compare with.
    pub values: Vec<String>,
}

/// One check of a policy.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Validation {
    /// CEL that must be true.
    pub expression: String,
    /// What to say when it is false.
    pub message: Option<String>,
    /// CEL for the message, ahead of `message`.
    pub message_expression: Option<String>,
    /// `Unauthorized`, `Forbidden`, `Invalid` (the default) or `RequestEntityTooLarge`.
    pub reason: Option<String>,
    /// The field the check is about.
    pub field_path: Option<String>,
}

/// A match condition or a variable.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NamedExpression {
    /// Its name.
    pub name: String,
    /// Its CEL.
    pub expression: String,
}

/// A ValidatingAdmissionPolicyBinding.
#[derive(Clone, Debug, Deserialize)]
pub struct Binding {
    /// Its name.
    #[serde(default)]
    pub metadata: Metadata,
    /// What it binds.
    pub spec: BindingSpec,
}

/// `spec` of a binding.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BindingSpec {
    /// The policy bound.
    pub policy_name: String,
    /// Which parameter objects to use.
    pub param_ref: Option<ParamRef>,
    /// Further limits on what the policy applies to.
    pub match_resources: Option<MatchResources>,
    /// `Deny`, `Warn` and `Audit`.
    pub validation_actions: Vec<String>,
}

/// `paramRef` of a binding.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ParamRef {
    /// One parameter object by name.
    pub name: Option<String>,
    /// Its namespace.
    pub namespace: Option<String>,
    /// Parameter objects by label.
    pub selector: Option<LabelSelector>,
    /// `Allow` or `Deny` when no parameter object is found.
    pub parameter_not_found_action: Option<String>,
}
