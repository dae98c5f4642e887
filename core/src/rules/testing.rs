//! Test helpers: run a rule's cases through the whole validator.

use super::Rule;
use crate::options::Options;
use crate::report::{Finding, Report};
use crate::validate::validate_stream;
use crate::yaml::{Limits, read_stream};

/// Validates `yaml`; a first line `# target: 1.NN` sets the target.
pub(crate) fn validate(yaml: &str) -> Report {
    let mut options = Options::default();
    if let Some(target) = yaml.trim_start().strip_prefix("# target: ") {
        options.target = target
            .lines()
            .next()
            .unwrap_or_default()
            .parse()
            .expect("target");
    }
    let stream = read_stream(yaml, &Limits::default()).expect("case is YAML");
    validate_stream(&stream, &options)
}

/// The findings of rule `id` on `yaml`.
pub(crate) fn findings(id: &str, yaml: &str) -> Vec<Finding> {
    validate(yaml)
        .findings
        .into_iter()
        .filter(|f| f.rule == id)
        .collect()
}

/// What the rule reports on each of its fail cases that differs from the
/// case's expectation, and each of its pass cases it flags.
pub(crate) fn case_mismatches(rule: &Rule) -> Vec<String> {
    let mut wrong = Vec::new();
    for case in rule.fail {
        let found: Vec<(String, String)> = findings(rule.id, case.yaml)
            .into_iter()
            .map(|f| (f.path, f.message))
            .collect();
        let expected: Vec<(String, String)> = case
            .expect
            .iter()
            .map(|(path, message)| ((*path).to_owned(), (*message).to_owned()))
            .collect();
        if expected.is_empty() || found != expected {
            wrong.push(format!(
                "{} on\n{}\nexpected {expected:#?}\nfound {found:#?}",
                rule.id, case.yaml
            ));
        }
    }
    for case in rule.pass {
        let found = findings(rule.id, case);
        if !found.is_empty() {
            wrong.push(format!("{} should pass\n{case}\nfound {found:#?}", rule.id));
        }
    }
    wrong
}

/// The single finding of rule `id` on `yaml` as `path: message`.
pub(crate) fn one(id: &str, yaml: &str) -> String {
    let found = findings(id, yaml);
    assert_eq!(found.len(), 1, "{found:#?}");
    format!("{}: {}", found[0].path, found[0].message)
}
