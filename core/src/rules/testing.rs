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

/// Asserts the rule flags each fail case and none of its pass cases.
pub(crate) fn check_cases(rule: &Rule) {
    for case in rule.fail {
        assert!(
            !findings(rule.id, case).is_empty(),
            "{} should flag:\n{case}",
            rule.id
        );
    }
    for case in rule.pass {
        let found = findings(rule.id, case);
        assert!(
            found.is_empty(),
            "{} should pass:\n{case}\n{found:#?}",
            rule.id
        );
    }
}

/// The single finding of rule `id` on `yaml` as `path: message`.
pub(crate) fn one(id: &str, yaml: &str) -> String {
    let found = findings(id, yaml);
    assert_eq!(found.len(), 1, "{found:#?}");
    format!("{}: {}", found[0].path, found[0].message)
}
