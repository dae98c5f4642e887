//! What validation says about a design: findings with the API server's field paths.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
pub struct Report {
    /// True when no finding is an error.
    pub valid: bool,
    /// The findings, in document order, then rule order.
    pub findings: Vec<Finding>,
    /// What the Pod adds up to (resources, QoS, ports, order), for the first workload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// A field path as the API server prints it: `spec.containers[0].ports[1].name`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(String);

impl FieldPath {
    /// The path of the object's root (prints as the empty string).
    pub fn root() -> Self {
        FieldPath(String::new())
    }

    /// A path from its printed form.
    pub fn parse(path: &str) -> Self {
        FieldPath(path.to_owned())
    }

    /// This path followed by the field `name`.
    #[must_use]
    pub fn child(&self, name: &str) -> Self {
        if self.0.is_empty() {
            FieldPath(name.to_owned())
        } else {
            FieldPath(format!("{}.{name}", self.0))
        }
    }

    /// This path followed by the list index `index`.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        FieldPath(format!("{}[{index}]", self.0))
    }

    /// This path followed by the map key `key`, printed as the API server does: `labels[app]`.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        FieldPath(format!("{}[{key}]", self.0))
    }

    /// This path followed by `rest`, a printed path relative to it.
    #[must_use]
    pub fn join(&self, rest: &str) -> Self {
        match (self.0.is_empty(), rest.is_empty() || rest.starts_with('[')) {
            (true, _) => FieldPath(rest.to_owned()),
            (false, true) => FieldPath(format!("{}{rest}", self.0)),
            (false, false) => FieldPath(format!("{}.{rest}", self.0)),
        }
    }

    /// The printed form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_the_api_server() {
        let path = FieldPath::root()
            .child("spec")
            .child("containers")
            .index(1)
            .child("ports")
            .index(0)
            .child("name");
        assert_eq!(path.to_string(), "spec.containers[1].ports[0].name");
        assert_eq!(
            FieldPath::root()
                .child("metadata")
                .child("labels")
                .key("app")
                .as_str(),
            "metadata.labels[app]"
        );
    }

    #[test]
    fn joined_paths_keep_the_api_servers_separators() {
        let items = FieldPath::root().child("items").index(2);
        assert_eq!(
            items.join("spec.containers[0]").as_str(),
            "items[2].spec.containers[0]"
        );
        assert_eq!(items.join("").as_str(), "items[2]");
        assert_eq!(FieldPath::root().join("metadata").as_str(), "metadata");
    }

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
