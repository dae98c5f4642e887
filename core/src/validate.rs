//! Validation of documents and designs: decoding as the API server decodes
//! (unknown fields, duplicate keys, wrong types), defaulting, then every rule.

use crate::context::Written;
use crate::convert::Exported;
use crate::convert::export::workload_document;
use crate::convert::import::workload_kind;
use crate::defaults;
use crate::facts::Facts;
use crate::model::{Design, PatternRole};
use crate::object::WorkloadObject;
use crate::path::Descend;
use crate::report::{FieldPath, Finding, Report, Severity};
use crate::rules::{Ctx, run_document_rules, run_workload_rules};
use crate::yaml::YamlStream;
use serde_json::Value;

pub use crate::options::Options;

/// Validates every document of a YAML stream. Findings about a document carry
/// its index; facts describe the first workload.
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
            finding.line = Some(dup.line);
            finding.column = Some(dup.column);
            finding
        })
        .collect();
    let mut facts = None;
    for (index, document) in stream.documents.iter().enumerate() {
        for (item, object) in objects_of(document) {
            let wants_facts = facts.is_none();
            let (object_findings, object_facts) =
                validate_document(object, options, None, wants_facts);
            facts = facts.or(object_facts);
            for mut finding in object_findings {
                finding.document = Some(index);
                if let Some(item) = item {
                    finding.path = FieldPath::parse("items")
                        .index(item)
                        .to_path()
                        .join(&finding.path)
                        .to_string();
                }
                if let Some(position) = stream.locate(index, &finding.path) {
                    finding.line = Some(position.line);
                    finding.column = Some(position.column);
                }
                findings.push(finding);
            }
        }
    }
    if stream.documents.len() == 1 {
        findings.iter_mut().for_each(|f| f.document = None);
    }
    let mut report = Report::new(findings);
    report.facts = facts;
    report
}

/// The objects a document holds: itself, or each item of a `List` (`v1`
/// `List`, or any `...List` kind with `items`), with the item's index, as
/// `kubectl apply` sends them one by one.
pub fn objects_of(document: &Value) -> Vec<(Option<usize>, &Value)> {
    let is_list = document
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|kind| kind.ends_with("List"));
    match document.get("items").and_then(Value::as_array) {
        Some(items) if is_list => items
            .iter()
            .enumerate()
            .map(|(i, item)| (Some(i), item))
            .collect(),
        _ => vec![(None, document)],
    }
}

/// Validates a design as the objects it exports, with the roles the design gives its containers.
pub fn validate_design(design: &Design, options: &Options) -> Report {
    validate_design_workload(design, &workload_document(design), options)
}

/// [`validate_design`] on the design's documents as already exported, for
/// callers that also write them out (preview, export): built once, not twice.
pub fn validate_exported(design: &Design, exported: &Exported, options: &Options) -> Report {
    validate_design_workload(design, exported.workload(), options)
}

/// Validates `workload`, the design's exported workload document.
fn validate_design_workload(design: &Design, workload: &Value, options: &Options) -> Report {
    let roles: Vec<PatternRole> = design.pod.all_containers().map(|c| c.role).collect();
    let (findings, facts) = validate_document(workload, options, Some(&roles), true);
    let mut report = Report::new(findings);
    report.facts = facts;
    report
}

/// Validates one document: document rules for any, decoding and workload rules
/// for workloads, and the workload's facts when `wants_facts` (a stream reports
/// only its first workload's).
fn validate_document(
    document: &Value,
    options: &Options,
    roles: Option<&[PatternRole]>,
    wants_facts: bool,
) -> (Vec<Finding>, Option<Facts>) {
    let mut findings = run_document_rules(document, options);
    let Some(kind) = workload_kind(document) else {
        return (findings, None);
    };
    let decoded = WorkloadObject::decode_all(kind, document);
    findings.extend(
        decoded
            .type_errors
            .into_iter()
            .map(|error| Finding::new(Severity::Error, "invalid-type", &error.path, error.message)),
    );
    let Some((decoded_object, unknown)) = decoded.object else {
        return (findings, None);
    };
    findings.extend(unknown.into_iter().map(|field| {
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
    }));
    let mut object = decoded_object;
    let written = Written::of(&object, document);
    defaults::apply(&mut object);
    let ctx = Ctx::new(options, &object, &written, roles);
    findings.extend(run_workload_rules(&ctx));
    let facts = ctx.pod.as_ref().filter(|_| wants_facts).map(Facts::of);
    (findings, facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::import_documents;
    use crate::yaml::{Limits, read_documents, read_stream};

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]\n  - name: tail\n    image: busybox:1.37\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  volumes:\n  - {name: logs, emptyDir: {}}\n";

    #[test]
    fn designs_are_validated_with_their_roles() {
        let documents = read_documents(POD, &Limits::default()).unwrap();
        let (mut design, _) = import_documents(documents).unwrap();
        let lint = |report: &Report| {
            report
                .findings
                .iter()
                .any(|f| f.rule == "log-shipper-writable-mount")
        };
        assert!(!lint(&validate_design(&design, &Options::default())));
        design.pod.containers[1].role = PatternRole::LogShipper;
        let report = validate_design(&design, &Options::default());
        assert!(lint(&report));
        assert!(report.valid);
        assert_eq!(report.facts.unwrap().startup.len(), 1);
    }

    #[test]
    fn list_items_are_validated_one_by_one_with_their_index_in_the_path() {
        let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: web}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: web}\n  spec:\n    containers:\n    - {name: Web, image: nginx:1.27}\n";
        let stream = read_stream(text, &Limits::default()).unwrap();
        let report = validate_stream(&stream, &Options::default());
        let name = report
            .findings
            .iter()
            .find(|f| f.rule == "container-name")
            .expect("the item's container name is checked");
        assert_eq!(name.path, "items[1].spec.containers[0].name");
        assert!(report.facts.is_some());
    }

    #[test]
    fn streams_report_facts_of_the_first_workload() {
        let text = format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\n---\n{POD}");
        let stream = read_stream(&text, &Limits::default()).unwrap();
        let report = validate_stream(&stream, &Options::default());
        assert!(report.facts.is_some());
        assert!(report.findings.iter().all(|f| f.document == Some(1)));
        let json = serde_json::to_value(&report).unwrap();
        assert!(json["facts"]["qosClass"].is_string());
    }

    #[test]
    fn a_stream_of_workloads_reports_the_first_ones_facts() {
        let single = "apiVersion: v1\nkind: Pod\nmetadata: {name: one}\nspec:\n  containers: [{name: a, image: x, resources: {requests: {cpu: 250m}}}]\n";
        let text = format!("{single}---\n{POD}");
        let stream = read_stream(&text, &Limits::default()).unwrap();
        let facts = validate_stream(&stream, &Options::default()).facts.unwrap();
        assert_eq!(
            facts.resources.requests.get("cpu").map(String::as_str),
            Some("250m")
        );
    }

    #[test]
    fn wrong_types_are_findings_and_the_other_fields_and_documents_are_checked() {
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  completions: NUM_NODES\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: x\n        imagePullPolicy: Sometimes\n";
        let pod =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: not-a-list\n";
        let text = format!("{job}---\n{pod}");
        let stream = read_stream(&text, &Limits::default()).unwrap();
        let report = validate_stream(&stream, &Options::default());
        let found = |document: usize, rule: &str, path: &str| {
            report
                .findings
                .iter()
                .find(|f| f.document == Some(document) && f.rule == rule && f.path == path)
        };
        let completions = found(0, "invalid-type", "spec.completions").expect("completions");
        assert!(completions.message.starts_with(
            "json: cannot unmarshal string into Go struct field spec.completions of type int32"
        ));
        assert_eq!((completions.line, completions.column), (Some(5), Some(3)));
        assert!(
            report.findings.iter().any(|f| f.document == Some(0)
                && f.path.ends_with("imagePullPolicy")
                && f.rule != "invalid-type"),
            "the other fields are still checked: {:?}",
            report.findings
        );
        assert!(found(1, "invalid-type", "spec.containers").is_some());
        assert!(!report.valid);
    }

    #[test]
    fn findings_carry_the_line_and_column_of_their_field() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n    - containerPort: 70000\n    volumeMount: []\n";
        let stream = read_stream(text, &Limits::default()).unwrap();
        let report = validate_stream(&stream, &Options::default());
        let at = |path: &str| {
            let finding = report
                .findings
                .iter()
                .find(|f| f.path == path)
                .unwrap_or_else(|| panic!("no finding at {path}: {:?}", report.findings));
            (finding.line, finding.column)
        };
        assert_eq!(at("spec.containers[0].volumeMount"), (Some(11), Some(5)));
        let port = at("spec.containers[0].ports[1].containerPort");
        assert_eq!(port, (Some(10), Some(7)));
        let json = serde_json::to_value(&report.findings[0]).unwrap();
        assert!(json["line"].is_u64() && json["column"].is_u64());
    }
}
