//! Validation of documents and designs: decoding as the API server decodes
//! (unknown fields, duplicate keys, wrong types), then every rule.

use crate::convert::export_documents;
use crate::convert::import::workload_kind;
use crate::model::Design;
use crate::object::WorkloadObject;
use crate::report::{Finding, Report, Severity};
use crate::version::KubeVersion;
use crate::yaml::YamlStream;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What validation is asked to assume about the cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// The Kubernetes version to validate for.
    pub target: KubeVersion,
}

/// Validates every document of a YAML stream. Findings about a document carry its index.
pub fn validate_stream(stream: &YamlStream, options: &Options) -> Report {
    let mut findings: Vec<Finding> = stream
        .duplicate_keys
        .iter()
        .map(|dup| {
            let mut finding = Finding::new(
                Severity::Warning,
                "duplicate-key",
                "",
                format!(
                    "duplicate field {:?} at line {}, column {}: kubectl keeps the last value; the API server's strict decoding refuses a request body with duplicates",
                    dup.key, dup.line, dup.column
                ),
            );
            finding.document = Some(dup.document);
            finding
        })
        .collect();
    for (index, document) in stream.documents.iter().enumerate() {
        for mut finding in validate_document(document, options) {
            finding.document = Some(index);
            findings.push(finding);
        }
    }
    if stream.documents.len() == 1 {
        findings.iter_mut().for_each(|f| f.document = None);
    }
    Report::new(findings)
}

/// Validates a design as the objects it exports.
pub fn validate_design(design: &Design, options: &Options) -> Report {
    let documents = export_documents(design);
    let findings = validate_document(
        &documents[design.workload_position.min(documents.len() - 1)],
        options,
    );
    Report::new(findings)
}

/// Validates one document; documents that are not workloads pass unchecked.
fn validate_document(document: &Value, _options: &Options) -> Vec<Finding> {
    let Some(kind) = workload_kind(document) else {
        return Vec::new();
    };
    match WorkloadObject::decode(kind, document.clone()) {
        Ok((_object, unknown)) => unknown
            .into_iter()
            .map(|field| {
                let name = field
                    .path
                    .as_str()
                    .rsplit('.')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                Finding::new(
                    Severity::Error,
                    "unknown-field",
                    &field.path,
                    format!(
                        "strict decoding error: unknown field {:?}",
                        field.path.as_str()
                    ),
                )
                .with_help(format!(
                    "check the spelling of {name:?}; the API server refuses fields it does not know"
                ))
            })
            .collect(),
        Err(error) => vec![Finding::new(
            Severity::Error,
            "invalid-type",
            &error.path,
            error.message,
        )],
    }
}
