//! Validation against the real-world corpus: valid manifests give no error,
//! invalid ones give the error their INDEX note names, and version-gated ones
//! switch at the version that enables them.

use common::{corpus, root};
use podwright_core::report::{Report, Severity};
use podwright_core::validate::{Options, validate_stream};
use podwright_core::version::KubeVersion;
use podwright_core::yaml::{Limits, read_stream};
use std::path::Path;

mod common;

/// The INDEX row of a file: (note, fixture_label).
fn index_row(file: &Path) -> (String, String) {
    let index = std::fs::read_to_string(root().join("INDEX.tsv")).unwrap();
    let relative = file
        .strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    index
        .lines()
        .skip(1)
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .find(|cols| cols[0] == relative)
        .map(|cols| {
            (
                cols[2].to_owned(),
                cols.get(15).copied().unwrap_or_default().to_owned(),
            )
        })
        .unwrap_or_else(|| panic!("{relative} is not in INDEX.tsv"))
}

fn validate(file: &Path, target: KubeVersion) -> Result<Report, String> {
    let text = std::fs::read_to_string(file).unwrap();
    let stream = read_stream(&text, &Limits::default()).map_err(|e| e.to_string())?;
    let options = Options {
        target,
        ..Options::default()
    };
    Ok(validate_stream(&stream, &options))
}

fn errors(report: &Report) -> Vec<String> {
    report
        .errors()
        .map(|f| format!("{} {}: {}", f.rule, f.path, f.message))
        .collect()
}

/// Files filed under `valid/` that the API server refuses all the same: the
/// corpus labelled them with a JSON-schema check, which does not know enums.
/// Each must fail with exactly the rule named here.
const MISLABELLED_VALID: &[(&str, &str)] = &[
    // `protocol: tcp`: the API server's protocol check is case-sensitive
    // ("TCP", "UDP", "SCTP"), so these Pods are refused with Unsupported value.
    (
        "_archived__volumes__aws_ebs__aws-ebs-web.yaml",
        "port-protocol",
    ),
    (
        "_archived__volumes__cinder__cinder-web.yaml",
        "port-protocol",
    ),
];

#[test]
fn valid_corpus_has_no_errors() {
    let files = corpus("valid");
    assert!(files.len() > 50, "corpus not found");
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let mislabelled = MISLABELLED_VALID
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, rule)| *rule);
        for target in [KubeVersion::OLDEST, KubeVersion::NEWEST] {
            match validate(file, target) {
                Ok(report) if mislabelled.is_some() => {
                    let rules: Vec<&str> = report.errors().map(|f| f.rule.as_str()).collect();
                    assert!(
                        !rules.is_empty() && rules.iter().all(|r| Some(*r) == mislabelled),
                        "{name}: {rules:?}"
                    );
                }
                Ok(report) if report.valid => {}
                Ok(report) => failures.push(format!(
                    "{} @{target}: {:#?}",
                    file.display(),
                    errors(&report)
                )),
                Err(e) => failures.push(format!("{}: {e}", file.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rules whose error explains each invalid file's INDEX note.
fn expected_rules(note: &str) -> &'static [&'static str] {
    let table: &[(&str, &[&str])] = &[
        ("was removed", &["removed-api-version"]),
        ("removed in 1.25", &["removed-api-version"]),
        ("template placeholders", &["name-format", "label-format"]),
        ("placeholder text where an integer", &["invalid-type"]),
        ("fails the Kubernetes 1.36 schema", &["unknown-field"]),
        ("duplicate port name", &["port-name-duplicate"]),
        ("port name longer than 15", &["port-name-format"]),
        ("port without containerPort", &["container-port-range"]),
        ("topologySpreadConstraints", &["topology-spread"]),
        (
            "restartPolicy defaults to Always",
            &["template-restart-policy"],
        ),
        ("selector does not match", &["selector-matches-template"]),
    ];
    table
        .iter()
        .find(|(needle, _)| note.contains(needle))
        .map(|(_, rules)| *rules)
        .unwrap_or_else(|| panic!("no expectation for note {note:?}"))
}

#[test]
fn invalid_corpus_fails_for_the_noted_reason() {
    let files = corpus("invalid");
    assert!(files.len() >= 15);
    let mut failures = Vec::new();
    for file in &files {
        let (note, _) = index_row(file);
        match validate(file, KubeVersion::NEWEST) {
            Err(_) => assert!(
                note.contains("not valid YAML"),
                "{} does not parse: {note}",
                file.display()
            ),
            Ok(report) => {
                let expected = expected_rules(&note);
                let hit = report.errors().any(|f| expected.contains(&f.rule.as_str()));
                if !hit {
                    failures.push(format!(
                        "{} ({note}): expected {expected:?}, got {:#?}",
                        file.display(),
                        errors(&report)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn version_gated_corpus_switches_at_its_version() {
    let v = |minor| KubeVersion::new(minor).unwrap();
    for file in corpus("version-gated") {
        let (note, _) = index_row(&file);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        // (valid from, flagged at): `None` = never valid with default feature gates.
        let (valid_from, flagged_at): (Option<u8>, u8) = if name.contains("restart-all-containers")
        {
            (Some(36), 35)
        } else if name.contains("image-volumes") {
            (Some(35), 34)
        } else if name.contains("pod-level-resources") {
            (Some(34), 33)
        } else if name.contains("emptydir-volume-mode") {
            (Some(37), 36)
        } else if name.contains("numeric-toleration") {
            (None, 37)
        } else {
            panic!("no expectation for {name} ({note})")
        };
        let flagged = validate(&file, v(flagged_at)).unwrap();
        let noticed = !flagged.valid
            || flagged
                .findings
                .iter()
                .any(|f| f.rule == "field-not-in-target" && f.severity == Severity::Warning);
        assert!(
            noticed,
            "{name} should be flagged at 1.{flagged_at} ({note}): {:#?}",
            flagged.findings
        );
        match valid_from {
            Some(minor) => {
                let report = validate(&file, v(minor)).unwrap();
                assert!(
                    report.valid,
                    "{name} should be valid at 1.{minor}: {:#?}",
                    errors(&report)
                );
                let older = validate(&file, v(33)).unwrap();
                assert!(
                    !older.valid
                        || older
                            .findings
                            .iter()
                            .any(|f| f.rule == "field-not-in-target"),
                    "{name} should be flagged at 1.33"
                );
            }
            None => {
                for minor in 33..=37 {
                    assert!(
                        !validate(&file, v(minor)).unwrap().valid,
                        "{name} should be refused at 1.{minor}"
                    );
                }
            }
        }
    }
}
