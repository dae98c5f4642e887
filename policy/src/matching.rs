//! Whether a policy applies to a workload: its resource rules, read as the API
//! server reads them for a CREATE of the object, and its label selectors.

use crate::admission::{LabelSelector, MatchResources, ResourceRule};
use serde_json::Value;
use std::collections::BTreeMap;

/// The label every namespace carries with its own name.
pub const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

/// What a request for a workload looks like to admission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// API group (`""` for the core group).
    pub group: String,
    /// API version.
    pub version: String,
    /// The kind.
    pub kind: String,
    /// The resource, e.g. `deployments`.
    pub resource: String,
    /// The object's name.
    pub name: String,
    /// The object's namespace (`default` when it names none).
    pub namespace: String,
    /// The object's labels.
    pub labels: BTreeMap<String, String>,
}

impl Request {
    /// The CREATE request for `object`, when it has an `apiVersion` and a `kind`.
    pub fn create(object: &Value) -> Option<Request> {
        let api_version = object.get("apiVersion")?.as_str()?;
        let kind = object.get("kind")?.as_str()?;
        let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
        let text = |pointer: &str| {
            object
                .pointer(pointer)
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let labels = object
            .pointer("/metadata/labels")
            .and_then(Value::as_object)
            .map(|labels| {
                labels
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect()
            })
            .unwrap_or_default();
        Some(Request {
            group: group.to_owned(),
            version: version.to_owned(),
            kind: kind.to_owned(),
            resource: format!("{}s", kind.to_lowercase()),
            name: text("/metadata/name").unwrap_or_default(),
            namespace: text("/metadata/namespace").unwrap_or_else(|| "default".to_owned()),
            labels,
        })
    }
}

/// Whether something applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// It applies.
    Yes,
    /// It does not.
    No,
    /// It applies if the namespace has labels we cannot see; the reason says which.
    Unknown(String),
}

impl Decision {
    /// Both must apply.
    #[must_use]
    pub fn and(self, other: Decision) -> Decision {
        match (self, other) {
            (Decision::No, _) | (_, Decision::No) => Decision::No,
            (Decision::Unknown(reason), _) | (_, Decision::Unknown(reason)) => {
                Decision::Unknown(reason)
            }
            (Decision::Yes, Decision::Yes) => Decision::Yes,
        }
    }
}

/// Whether `constraints` select `request`.
pub fn decide(constraints: &MatchResources, request: &Request) -> Decision {
    if !constraints
        .resource_rules
        .iter()
        .any(|rule| rule_matches(rule, request))
        || constraints
            .exclude_resource_rules
            .iter()
            .any(|rule| rule_matches(rule, request))
    {
        return Decision::No;
    }
    let objects = match &constraints.object_selector {
        Some(selector) if !selects(selector, &request.labels) => Decision::No,
        _ => Decision::Yes,
    };
    let namespaces = match &constraints.namespace_selector {
        Some(selector) => namespace_decision(selector, &request.namespace),
        None => Decision::Yes,
    };
    objects.and(namespaces)
}

fn listed(list: &[String], value: &str) -> bool {
    list.iter().any(|item| item == "*" || item == value)
}

fn rule_matches(rule: &ResourceRule, request: &Request) -> bool {
    listed(&rule.operations, "CREATE")
        && listed(&rule.api_groups, &request.group)
        && listed(&rule.api_versions, &request.version)
        && rule
            .resources
            .iter()
            .any(|resource| resource == "*" || *resource == request.resource)
        && (rule.resource_names.is_empty() || rule.resource_names.contains(&request.name))
}

/// Whether `selector` selects an object with `labels`.
pub fn selects(selector: &LabelSelector, labels: &BTreeMap<String, String>) -> bool {
    selector
        .match_labels
        .iter()
        .all(|(key, value)| labels.get(key) == Some(value))
        && selector.match_expressions.iter().all(|requirement| {
            let value = labels.get(&requirement.key);
            match requirement.operator.as_str() {
                "In" => value.is_some_and(|v| requirement.values.contains(v)),
                "NotIn" => value.is_none_or(|v| !requirement.values.contains(v)),
                "Exists" => value.is_some(),
                "DoesNotExist" => value.is_none(),
                _ => false,
            }
        })
}

/// Namespaces are known only by name: a selector on other labels cannot be decided.
fn namespace_decision(selector: &LabelSelector, namespace: &str) -> Decision {
    let other = selector
        .match_labels
        .keys()
        .chain(selector.match_expressions.iter().map(|r| &r.key))
        .find(|key| *key != NAMESPACE_NAME_LABEL);
    if let Some(key) = other {
        return Decision::Unknown(format!(
            "applies only if namespace {namespace:?} has the label {key:?} its selector asks for, which Podwright cannot see"
        ));
    }
    let labels = BTreeMap::from([(NAMESPACE_NAME_LABEL.to_owned(), namespace.to_owned())]);
    if selects(selector, &labels) {
        Decision::Yes
    } else {
        Decision::No
    }
}

/// A readable summary of what `constraints` match, e.g. `CREATE apps/v1 deployments`.
pub fn describe(constraints: &MatchResources) -> Vec<String> {
    constraints
        .resource_rules
        .iter()
        .map(|rule| {
            let groups: Vec<&str> = rule
                .api_groups
                .iter()
                .map(|g| if g.is_empty() { "core" } else { g.as_str() })
                .collect();
            format!(
                "{} {}/{} {}",
                rule.operations.join(","),
                groups.join(","),
                rule.api_versions.join(","),
                rule.resources.join(",")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn constraints(value: Value) -> MatchResources {
        serde_json::from_value(value).unwrap()
    }

    fn deployment() -> Request {
        Request::create(&json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "prod", "labels": {"tier": "front"}}}))
        .unwrap()
    }

    #[test]
    fn resource_rules_match_a_create_of_the_kind() {
        let rules = constraints(
            json!({"resourceRules": [{"apiGroups": ["apps"], "apiVersions": ["v1"],
            "operations": ["CREATE", "UPDATE"], "resources": ["deployments"]}]}),
        );
        assert_eq!(decide(&rules, &deployment()), Decision::Yes);
        let pods = constraints(
            json!({"resourceRules": [{"apiGroups": [""], "apiVersions": ["v1"],
            "operations": ["*"], "resources": ["pods"]}]}),
        );
        assert_eq!(decide(&pods, &deployment()), Decision::No);
        let updates = constraints(
            json!({"resourceRules": [{"apiGroups": ["*"], "apiVersions": ["*"],
            "operations": ["UPDATE"], "resources": ["*"]}]}),
        );
        assert_eq!(decide(&updates, &deployment()), Decision::No);
    }

    #[test]
    fn selectors_decide_what_they_can() {
        let base = json!({"apiGroups": ["apps"], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["deployments"]});
        let by_label = constraints(
            json!({"resourceRules": [base], "objectSelector": {"matchLabels": {"tier": "back"}}}),
        );
        assert_eq!(decide(&by_label, &deployment()), Decision::No);
        let by_name = constraints(
            json!({"resourceRules": [base], "namespaceSelector": {"matchExpressions": [
            {"key": NAMESPACE_NAME_LABEL, "operator": "In", "values": ["prod"]}]}}),
        );
        assert_eq!(decide(&by_name, &deployment()), Decision::Yes);
        let by_env = constraints(
            json!({"resourceRules": [base], "namespaceSelector": {"matchLabels": {"environment": "test"}}}),
        );
        assert!(matches!(
            decide(&by_env, &deployment()),
            Decision::Unknown(_)
        ));
    }
}
