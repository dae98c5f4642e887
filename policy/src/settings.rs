//! The team's Podwright settings: `kind: PolicySettings` in `podwright.dev/v1alpha1`.

use podwright_core::overrides::{RuleLevel, RuleOverrides};
use podwright_core::rules::registry;
use podwright_core::version::KubeVersion;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The API version of the settings document.
pub const API_VERSION: &str = "podwright.dev/v1alpha1";
/// Its kind.
pub const KIND: &str = "PolicySettings";

/// Rule ids a settings document may name besides the registry's.
const OTHER_RULES: &[&str] = &["invalid-yaml"];

/// What a team sets for every check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicySettings {
    /// Severity overrides by rule id (`policy:<name>/<index>` included).
    pub rules: RuleOverrides,
    /// The Kubernetes version to validate for, when the team names one.
    pub target: Option<KubeVersion>,
    /// Whether the team's clusters allow privileged containers.
    pub allow_privileged: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Spec {
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
    target: Option<String>,
    allow_privileged: Option<bool>,
}

impl PolicySettings {
    /// Reads the `spec` of a settings document over these settings (later documents win).
    pub fn merge(&mut self, document: &Value) -> Result<(), String> {
        let spec = document.get("spec").cloned().unwrap_or(Value::Null);
        let spec: Spec = serde_json::from_value(spec).map_err(|e| format!("spec: {e}"))?;
        for (rule, level) in spec.rules {
            let known = rule.starts_with("policy:")
                || OTHER_RULES.contains(&rule.as_str())
                || registry().iter().any(|r| r.id == rule);
            if !known {
                return Err(format!(
                    "spec.rules: unknown rule {rule:?} (`podwright rules` lists them)"
                ));
            }
            self.rules.set(rule, level);
        }
        if let Some(target) = spec.target {
            self.target = Some(target.parse().map_err(|e| format!("spec.target: {e}"))?);
        }
        if spec.allow_privileged.is_some() {
            self.allow_privileged = spec.allow_privileged;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_read_rules_target_and_privileged() {
        let mut settings = PolicySettings::default();
        settings
            .merge(
                &json!({"spec": {"rules": {"missing-probes": "off", "run-as-root": "error"},
                "target": "1.35", "allowPrivileged": false}}),
            )
            .unwrap();
        let rules: Vec<(&str, RuleLevel)> = settings.rules.iter().collect();
        assert_eq!(
            rules,
            [
                ("missing-probes", RuleLevel::Off),
                ("run-as-root", RuleLevel::Error)
            ]
        );
        assert_eq!(settings.target, Some("1.35".parse().unwrap()));
        assert_eq!(settings.allow_privileged, Some(false));
    }

    #[test]
    fn unknown_rules_levels_and_fields_are_refused() {
        let mut settings = PolicySettings::default();
        let error = settings
            .merge(&json!({"spec": {"rules": {"no-such-rule": "off"}}}))
            .unwrap_err();
        assert!(error.contains("unknown rule"), "{error}");
        let error = settings
            .merge(&json!({"spec": {"rules": {"run-as-root": "fatal"}}}))
            .unwrap_err();
        assert!(error.contains("fatal"), "{error}");
        let error = settings
            .merge(&json!({"spec": {"target": "1.12"}}))
            .unwrap_err();
        assert!(error.contains("spec.target"), "{error}");
        assert!(
            settings
                .merge(&json!({"spec": {"allowPrivilege": true}}))
                .is_err()
        );
    }
}
