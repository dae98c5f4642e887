//! SARIF 2.1.0, as GitHub code scanning reads it: the tool with every rule,
//! and a result per finding pointing at the offending field.

use super::super::outcome::INVALID_YAML;
use super::{CheckRun, place};
use podwright_core::report::Severity;
use podwright_core::rules::catalog;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

/// What SARIF files name as their schema.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes one SARIF run: the driver's rules, then the results.
pub fn write(run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rules = driver_rules(run.docs_base);
    let index: HashMap<String, usize> = rules
        .iter()
        .enumerate()
        .filter_map(|(i, rule)| Some((rule["id"].as_str()?.to_owned(), i)))
        .collect();
    let results: Vec<Value> = run
        .outcomes
        .iter()
        .flat_map(|outcome| {
            outcome.findings.iter().map(|finding| {
                let (line, column) = place(finding).unwrap_or((1, 1));
                let mut result = json!({
                    "ruleId": finding.rule,
                    "level": level(finding.severity),
                    "message": { "text": message(&finding.path, &finding.message) },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&outcome.path) },
                            "region": { "startLine": line, "startColumn": column }
                        }
                    }]
                });
                if let Some(rule_index) = index.get(&finding.rule) {
                    result["ruleIndex"] = json!(rule_index);
                }
                if !finding.path.is_empty() {
                    result["locations"][0]["logicalLocations"] =
                        json!([{ "fullyQualifiedName": finding.path, "kind": "member" }]);
                }
                result
            })
        })
        .collect();
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "podwright",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": run.docs_base,
                "rules": rules,
            }},
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}

/// Every rule as a SARIF reporting descriptor, the file-level `invalid-yaml` first.
fn driver_rules(docs_base: &str) -> Vec<Value> {
    let base = docs_base.trim_end_matches('/');
    let invalid_yaml = json!({
        "id": INVALID_YAML,
        "shortDescription": { "text": "The file is not a YAML or JSON manifest." },
        "helpUri": format!("{base}/rules#{INVALID_YAML}"),
        "defaultConfiguration": { "level": "error" },
    });
    std::iter::once(invalid_yaml)
        .chain(catalog().into_iter().map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": { "text": rule.summary },
                "help": { "text": rule.docs, "markdown": rule.docs },
                "helpUri": format!("{base}{}", rule.docs_url),
                "defaultConfiguration": { "level": level(rule.severity) },
            })
        }))
        .collect()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn message(path: &str, message: &str) -> String {
    if path.is_empty() {
        message.to_owned()
    } else {
        format!("{path}: {message}")
    }
}

/// The input's name as a relative URI: `./` dropped, `\` as `/`, standard input as `stdin`.
fn uri(path: &str) -> String {
    if path == "-" {
        return "stdin".to_owned();
    }
    path.trim_start_matches("./").replace('\\', "/")
}
