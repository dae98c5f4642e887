//! What validation says about a design: findings with the API server's field paths.

use serde::{Deserialize, Serialize};
use std::fmt;

pub use crate::path::FieldPath;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The Kubernetes API server would reject the object.
    Error,
    /// Accepted, but likely to hurt.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The name findings print: `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One thing a rule found, at one place in one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// The id of the rule that found it.
    pub rule: String,
    /// The API server's field path, e.g. `spec.template.spec.containers[1].ports[0].name`.
    pub path: String,
    /// What is wrong, in the API server's words where it has some.
    pub message: String,
    /// How to fix it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The catalog page that explains it, as a URL path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// The index of the document the finding is about, when there are several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<usize>,
    /// 1-based line of the field the path names (or its nearest existing parent) in the text validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column of the field the path names (or its nearest existing parent) in the text validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Finding {
    /// A finding of `severity` from `rule` at `path`.
    pub fn new(
        severity: Severity,
        rule: &str,
        path: impl fmt::Display,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            severity,
            rule: rule.to_owned(),
            path: path.to_string(),
            message: message.into(),
            help: None,
            docs: None,
            document: None,
            line: None,
            column: None,
        }
    }

    /// Adds a fix hint.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the URL path of the page that explains the finding.
    #[must_use]
    pub fn with_docs(mut self, docs: impl Into<String>) -> Self {
        self.docs = Some(docs.into());
        self
    }
}

/// Everything validation found about a set of documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// True when no finding is an error.
    pub valid: bool,
    /// The findings, in document order, then rule order.
    pub findings: Vec<Finding>,
    /// What the Pod adds up to (resources, QoS, ports, order), for the first workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub facts: Option<crate::facts::Facts>,
}

impl Report {
    /// A report over `findings`; `valid` follows from them.
    pub fn new(findings: Vec<Finding>) -> Self {
        let valid = !findings.iter().any(|f| f.severity == Severity::Error);
        Report {
            valid,
            findings,
            facts: None,
        }
    }

    /// The findings that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_valid_only_without_errors() {
        let warning = Finding::new(Severity::Warning, "latest-tag", "spec", "uses latest");
        assert!(Report::new(vec![warning.clone()]).valid);
        let error = Finding::new(
            Severity::Error,
            "name-required",
            "metadata.name",
            "Required value",
        );
        let report = Report::new(vec![warning, error]);
        assert!(!report.valid);
        assert_eq!(report.errors().count(), 1);
    }
}
