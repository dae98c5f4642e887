//! The registry's own checks: ids, docs, origins, and every case of every
//! rule, run once.

use super::*;

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

#[test]
fn ids_are_unique_and_kebab_case() {
    let mut ids: Vec<&str> = registry().iter().map(|r| r.id).collect();
    assert!(ids.iter().all(|id| is_kebab(id)), "{ids:?}");
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "duplicate rule ids");
}

#[test]
fn api_server_warnings_are_warnings_and_lints_never_errors() {
    for rule in registry() {
        match rule.origin {
            Origin::ApiServerWarning => {
                assert_eq!(rule.severity, Severity::Warning, "{}", rule.id);
            }
            Origin::Lint => assert_ne!(rule.severity, Severity::Error, "{}", rule.id),
            Origin::ApiServerError => {}
        }
    }
    let json = serde_json::to_value(&catalog()[0]).unwrap();
    assert_eq!(json["origin"], "apiServerError");
}

#[test]
fn every_rule_is_documented_with_cases() {
    for rule in registry() {
        assert!(!rule.summary.is_empty(), "{}", rule.id);
        assert!(!rule.explanation.trim().is_empty(), "{}", rule.id);
        assert!(
            !rule.fail.is_empty() && !rule.pass.is_empty(),
            "{}",
            rule.id
        );
        let docs = rule.docs();
        assert!(
            docs.contains("**Bad**") && docs.contains("**Good**"),
            "{}",
            rule.id
        );
    }
    let catalog = catalog();
    assert_eq!(catalog.len(), registry().len());
    let json = serde_json::to_value(&catalog[0]).unwrap();
    assert!(json.get("docsUrl").is_some());
}

#[test]
fn every_fail_case_reports_exactly_its_expectation_and_every_pass_case_nothing() {
    let wrong: Vec<String> = registry()
        .iter()
        .flat_map(|rule| testing::case_mismatches(rule))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}
