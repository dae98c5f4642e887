//! Severity overrides: a team (or a `--rule` flag) turns a rule off or changes
//! how bad its findings are.

use crate::report::{Finding, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// What a rule's findings become: dropped, or reported at a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// The rule's findings are dropped.
    Off,
    /// Reported as information.
    Info,
    /// Reported as warnings.
    Warning,
    /// Reported as errors.
    Error,
}

impl RuleLevel {
    /// The severity findings get at this level, or `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

/// A level that is none of `off`, `info`, `warning`, `error`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown level {0:?}: use off, info, warning or error")]
pub struct UnknownLevel(String);

impl FromStr for RuleLevel {
    type Err = UnknownLevel;

    fn from_str(level: &str) -> Result<Self, Self::Err> {
        match level {
            "off" => Ok(RuleLevel::Off),
            "info" => Ok(RuleLevel::Info),
            "warning" => Ok(RuleLevel::Warning),
            "error" => Ok(RuleLevel::Error),
            other => Err(UnknownLevel(other.to_owned())),
        }
    }
}

impl fmt::Display for RuleLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RuleLevel::Off => "off",
            RuleLevel::Info => "info",
            RuleLevel::Warning => "warning",
            RuleLevel::Error => "error",
        })
    }
}

/// Levels by rule id; rules not named keep their own severities.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RuleOverrides(BTreeMap<String, RuleLevel>);

impl RuleOverrides {
    /// Sets the level of `rule`, replacing an earlier one.
    pub fn set(&mut self, rule: impl Into<String>, level: RuleLevel) {
        self.0.insert(rule.into(), level);
    }

    /// The rule ids named, with their levels.
    pub fn iter(&self) -> impl Iterator<Item = (&str, RuleLevel)> {
        self.0.iter().map(|(rule, level)| (rule.as_str(), *level))
    }

    /// Drops the findings of rules that are off and re-grades the others.
    pub fn apply(&self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.0.is_empty() {
            return findings;
        }
        findings
            .into_iter()
            .filter_map(|mut finding| match self.0.get(&finding.rule) {
                None => Some(finding),
                Some(level) => level.severity().map(|severity| {
                    finding.severity = severity;
                    finding
                }),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str) -> Finding {
        Finding::new(Severity::Warning, rule, "spec", "message")
    }

    #[test]
    fn levels_read_as_written_and_refuse_others() {
        for level in ["off", "info", "warning", "error"] {
            assert_eq!(level.parse::<RuleLevel>().unwrap().to_string(), level);
        }
        let error = "fatal".parse::<RuleLevel>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown level \"fatal\": use off, info, warning or error"
        );
    }

    #[test]
    fn overrides_drop_and_regrade_only_the_rules_they_name() {
        let mut overrides = RuleOverrides::default();
        overrides.set("image-tag", RuleLevel::Off);
        overrides.set("missing-probes", RuleLevel::Error);
        let findings = overrides.apply(vec![
            finding("image-tag"),
            finding("missing-probes"),
            finding("run-as-root"),
        ]);
        let seen: Vec<(&str, Severity)> = findings
            .iter()
            .map(|f| (f.rule.as_str(), f.severity))
            .collect();
        assert_eq!(
            seen,
            [
                ("missing-probes", Severity::Error),
                ("run-as-root", Severity::Warning)
            ]
        );
    }
}
