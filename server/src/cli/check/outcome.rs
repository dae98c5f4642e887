//! What checking one input found, and the totals over all of them.

use super::inputs::Input;
use podwright_core::model::WorkloadKind;
use podwright_core::overrides::RuleOverrides;
use podwright_core::report::{Finding, Severity};
use podwright_core::validate::{Options, objects_of, validate_stream};
use podwright_core::yaml::{Limits, YamlError, read_stream};
use podwright_policy::PolicySet;
use podwright_server::team::policy_findings;
use serde::Serialize;
use serde_json::Value;

/// The rule id of a file that is not YAML (or not UTF-8): a finding on the
/// file, so the other files are still checked.
pub const INVALID_YAML: &str = "invalid-yaml";

/// How to check: the cluster to assume, the team's policies and severity overrides.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Target version and privileged containers.
    pub options: Options,
    /// Levels that replace rules' own severities.
    pub overrides: RuleOverrides,
    /// The team's policies (none by default).
    pub policies: PolicySet,
}

/// What one input holds and what was found in it.
#[derive(Debug, Serialize)]
pub struct FileOutcome {
    /// The input's name.
    pub path: String,
    /// Documents that are Pod-bearing workloads, and so were checked.
    pub documents: usize,
    /// Other documents (Services, ConfigMaps, ...), skipped.
    #[serde(skip)]
    pub skipped: usize,
    /// The workload documents checked, for reports with one entry per document.
    #[serde(skip)]
    pub workloads: Vec<WorkloadDocument>,
    /// The findings, each with its line and column where the file has them.
    pub findings: Vec<Finding>,
}

impl FileOutcome {
    /// Checks one input.
    pub fn of(input: &Input, settings: &Settings) -> FileOutcome {
        let path = input.name.clone();
        let text = match std::str::from_utf8(&input.bytes) {
            Ok(text) => text,
            Err(error) => {
                let line = input.bytes[..error.valid_up_to()]
                    .iter()
                    .filter(|&&byte| byte == b'\n')
                    .count()
                    + 1;
                return FileOutcome::not_yaml(path, "not UTF-8 text".to_owned(), line, 1);
            }
        };
        let stream = match read_stream(text, &check_limits()) {
            Ok(stream) => stream,
            Err(YamlError::Syntax {
                line,
                column,
                message,
            }) => return FileOutcome::not_yaml(path, message, line, column),
            Err(error) => return FileOutcome::not_yaml(path, error.to_string(), 1, 1),
        };
        let objects: Vec<(usize, Option<usize>, &Value)> = stream
            .documents
            .iter()
            .enumerate()
            .flat_map(|(index, document)| {
                objects_of(document)
                    .into_iter()
                    .map(move |(item, object)| (index, item, object))
            })
            .collect();
        let workloads: Vec<WorkloadDocument> = objects
            .iter()
            .filter_map(|&(index, item, object)| WorkloadDocument::of(index, item, object))
            .collect();
        let mut findings = validate_stream(&stream, &settings.options).findings;
        findings.extend(policy_findings(&settings.policies, &stream.documents));
        FileOutcome {
            path,
            documents: workloads.len(),
            skipped: objects.len() - workloads.len(),
            workloads,
            findings: settings.overrides.apply(findings),
        }
    }

    /// What is wrong in the team's policy files, one outcome per file, each
    /// finding with its line.
    pub fn policy_files(settings: &Settings) -> Vec<FileOutcome> {
        let mut outcomes: Vec<FileOutcome> = Vec::new();
        for issue in settings.policies.issues() {
            let finding = issue.finding();
            match outcomes
                .iter_mut()
                .find(|outcome| outcome.path == issue.file)
            {
                Some(outcome) => outcome.findings.push(finding),
                None => outcomes.push(FileOutcome {
                    path: issue.file.clone(),
                    documents: 0,
                    skipped: 0,
                    workloads: Vec::new(),
                    findings: vec![finding],
                }),
            }
        }
        for outcome in &mut outcomes {
            outcome.findings = settings
                .overrides
                .apply(std::mem::take(&mut outcome.findings));
        }
        outcomes.retain(|outcome| !outcome.findings.is_empty());
        outcomes
    }

    fn not_yaml(path: String, reason: String, line: usize, column: usize) -> FileOutcome {
        let mut finding = Finding::new(
            Severity::Error,
            INVALID_YAML,
            "",
            format!("not a YAML manifest: {reason}"),
        );
        finding.line = Some(line);
        finding.column = Some(column);
        FileOutcome {
            path,
            documents: 0,
            skipped: 0,
            workloads: Vec::new(),
            findings: vec![finding],
        }
    }
}

/// Checks every input, spread over as many threads as the machine has cores;
/// the outcomes keep the inputs' order.
pub fn check_all(inputs: &[Input], settings: &Settings) -> Vec<FileOutcome> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk_size = inputs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = inputs
            .chunks(chunk_size)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|input| FileOutcome::of(input, settings))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The reader's limits, but for the number of documents: a repository's own
/// files may hold many more than one request to the server.
fn check_limits() -> Limits {
    Limits {
        max_documents: 100_000,
        ..Limits::default()
    }
}

/// A workload document of an input: where it is and what it is called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkloadDocument {
    /// Its index among the input's documents, as findings' `document` counts.
    pub index: usize,
    /// Its index among the items of a `List` document, when it is one.
    pub item: Option<usize>,
    /// Its kind.
    pub kind: WorkloadKind,
    /// Its `metadata.name`, empty when it has none.
    pub name: String,
}

impl WorkloadDocument {
    fn of(index: usize, item: Option<usize>, document: &Value) -> Option<WorkloadDocument> {
        let kind = document.get("kind")?.as_str()?.parse().ok()?;
        let name = document
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Some(WorkloadDocument {
            index,
            item,
            kind,
            name,
        })
    }

    /// Whether `finding` is about this document (findings of a one-document
    /// input carry no index).
    pub fn owns(&self, finding: &Finding) -> bool {
        finding.document.unwrap_or(0) == self.index
            && self.item.is_none_or(|item| {
                let prefix = format!("items[{item}]");
                finding.path.strip_prefix(&prefix).is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')
                })
            })
    }
}

/// Totals over every input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Inputs read.
    pub files: usize,
    /// Workload documents checked.
    pub documents: usize,
    /// Other documents, skipped.
    pub skipped: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

impl Summary {
    /// Adds up `outcomes`.
    pub fn of(outcomes: &[FileOutcome]) -> Summary {
        let mut summary = Summary {
            files: outcomes.len(),
            ..Summary::default()
        };
        for outcome in outcomes {
            summary.documents += outcome.documents;
            summary.skipped += outcome.skipped;
            for finding in &outcome.findings {
                match finding.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }

    /// The number of findings at `severity` or worse.
    pub fn at_least(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.errors + self.warnings + self.infos,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &[u8]) -> FileOutcome {
        let input = Input {
            name: "pod.yaml".to_owned(),
            bytes: text.to_vec(),
        };
        FileOutcome::of(&input, &Settings::default())
    }

    #[test]
    fn workloads_are_checked_and_other_documents_skipped() {
        let outcome = check(
            b"apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: nginx}\n",
        );
        assert_eq!((outcome.documents, outcome.skipped), (1, 1));
        assert!(outcome.findings.iter().any(|f| f.rule == "image-tag"));
    }

    #[test]
    fn list_items_are_checked_as_documents() {
        let outcome = check(
            b"apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: web}\n  spec:\n    containers:\n    - {name: web, image: nginx}\n",
        );
        assert_eq!((outcome.documents, outcome.skipped), (1, 1));
        let pod = &outcome.workloads[0];
        assert_eq!(pod.item, Some(1));
        let image = outcome
            .findings
            .iter()
            .find(|f| f.rule == "image-tag")
            .expect("the Pod item is checked");
        assert!(
            image.path.starts_with("items[1].spec.containers[0]"),
            "{}",
            image.path
        );
        assert!(pod.owns(image));
    }

    #[test]
    fn text_that_is_not_yaml_is_one_finding_with_its_place() {
        let outcome = check(b"kind: Pod\nspec: [unclosed\n");
        let [finding] = outcome.findings.as_slice() else {
            panic!("{:?}", outcome.findings)
        };
        assert_eq!(finding.rule, INVALID_YAML);
        assert_eq!(finding.severity, Severity::Error);
        assert!(finding.line.is_some());
        let outcome = check(b"kind: Pod\nmetadata:\n  name: \xff\n");
        assert_eq!(outcome.findings[0].line, Some(3));
        assert_eq!(
            outcome.findings[0].message,
            "not a YAML manifest: not UTF-8 text"
        );
    }

    #[test]
    fn summaries_count_by_severity_and_threshold() {
        let outcome = check(
            b"apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: nginx}\n",
        );
        let summary = Summary::of(&[outcome]);
        assert_eq!(summary.files, 1);
        assert_eq!(summary.errors, 0);
        assert!(summary.warnings > 0);
        assert_eq!(summary.at_least(Severity::Error), 0);
        assert_eq!(summary.at_least(Severity::Warning), summary.warnings);
        assert_eq!(
            summary.at_least(Severity::Info),
            summary.warnings + summary.infos
        );
    }
}
