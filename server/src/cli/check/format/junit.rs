//! JUnit XML: a test suite per input, a test case per workload document.

use super::super::outcome::FileOutcome;
use super::CheckRun;
use podwright_core::report::Finding;
use std::io::{self, Write};

/// Writes `<testsuites>` with one `<testsuite>` per input. A document fails
/// when a finding reaches the run's threshold; an input that is not YAML is
/// one failing case.
pub fn write(run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    let cases: Vec<Vec<Case<'_>>> = run.outcomes.iter().map(cases_of).collect();
    let tests = cases.iter().map(Vec::len).sum::<usize>();
    let failures = cases
        .iter()
        .flatten()
        .filter(|case| case.fails(run))
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="podwright check" tests="{tests}" failures="{failures}">"#
    )?;
    for (outcome, cases) in run.outcomes.iter().zip(&cases) {
        let failures = cases.iter().filter(|case| case.fails(run)).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{failures}">"#,
            escape(&outcome.path),
            cases.len()
        )?;
        for case in cases {
            write_case(out, &outcome.path, case, run)?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// One test case: a name and the findings that belong to it.
struct Case<'a> {
    name: String,
    findings: Vec<&'a Finding>,
}

impl Case<'_> {
    fn fails(&self, run: &CheckRun<'_>) -> bool {
        self.findings.iter().any(|finding| run.fails(finding))
    }
}

fn cases_of(outcome: &FileOutcome) -> Vec<Case<'_>> {
    if outcome.workloads.is_empty() {
        return if outcome.findings.is_empty() {
            Vec::new()
        } else {
            vec![Case {
                name: outcome.path.clone(),
                findings: outcome.findings.iter().collect(),
            }]
        };
    }
    outcome
        .workloads
        .iter()
        .map(|document| Case {
            name: match document.item {
                None => format!(
                    "document {}: {}/{}",
                    document.index, document.kind, document.name
                ),
                Some(item) => format!(
                    "document {} item {item}: {}/{}",
                    document.index, document.kind, document.name
                ),
            },
            findings: outcome
                .findings
                .iter()
                .filter(|finding| document.owns(finding))
                .collect(),
        })
        .collect()
}

fn write_case(
    out: &mut dyn Write,
    path: &str,
    case: &Case<'_>,
    run: &CheckRun<'_>,
) -> io::Result<()> {
    let lines: Vec<String> = case
        .findings
        .iter()
        .map(|finding| {
            let place = finding
                .line
                .map(|line| format!("{path}:{line}: "))
                .unwrap_or_default();
            format!(
                "{place}{} {} {}: {}",
                finding.severity.as_str(),
                finding.rule,
                finding.path,
                finding.message
            )
        })
        .collect();
    write!(
        out,
        r#"    <testcase classname="{}" name="{}">"#,
        escape(path),
        escape(&case.name)
    )?;
    let body = escape(&lines.join("\n"));
    if case.fails(run) {
        let failing = case.findings.iter().filter(|f| run.fails(f)).count();
        write!(
            out,
            r#"<failure message="{failing} findings at or above the threshold">{body}</failure>"#
        )?;
    } else if !lines.is_empty() {
        write!(out, "<system-out>{body}</system-out>")?;
    }
    writeln!(out, "</testcase>")
}

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // XML 1.0 has no way to write other control characters.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}"
        );
    }
}
