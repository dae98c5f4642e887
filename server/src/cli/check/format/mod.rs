//! The report formats of `podwright check`, one module each.

mod github;
mod json;
mod junit;
mod sarif;
mod text;

use super::outcome::{FileOutcome, Summary};
use clap::ValueEnum;
use podwright_core::report::{Finding, Severity};
use std::io::{self, Write};

/// How `podwright check` writes what it found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per finding, `file:line:column: severity rule path: message`, then a summary.
    #[default]
    Text,
    /// `{ files: [{ path, documents, findings }], summary }`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML, one test case per workload document.
    Junit,
    /// GitHub Actions workflow commands, shown as annotations on the files.
    Github,
}

/// Everything a format needs to write its report.
pub struct CheckRun<'a> {
    /// One entry per input, in the order read.
    pub outcomes: &'a [FileOutcome],
    /// The totals.
    pub summary: Summary,
    /// Findings at this severity or worse fail the run (`None`: nothing fails it).
    pub fail_on: Option<Severity>,
    /// Where rules' docs are served, for links in SARIF.
    pub docs_base: &'a str,
}

impl CheckRun<'_> {
    /// Whether `finding` is bad enough to fail the run.
    pub fn fails(&self, finding: &Finding) -> bool {
        self.fail_on
            .is_some_and(|threshold| finding.severity <= threshold)
    }
}

/// Writes `run` to `out` in `format`.
pub fn write(format: Format, run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Text => text::write(run, out),
        Format::Json => json::write(run, out),
        Format::Sarif => sarif::write(run, out),
        Format::Junit => junit::write(run, out),
        Format::Github => github::write(run, out),
    }
}

/// A finding's place as `line:column`, or nothing when the input has none.
fn place(finding: &Finding) -> Option<(usize, usize)> {
    finding.line.map(|line| (line, finding.column.unwrap_or(1)))
}
