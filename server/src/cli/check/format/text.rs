//! The text format: one line per finding, coloured only on a terminal.

use super::{CheckRun, place};
use anstyle::{AnsiColor, Style};
use podwright_core::report::Severity;
use std::io::{self, Write};

const BOLD: Style = Style::new().bold();

fn severity_style(severity: Severity) -> Style {
    let colour = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(colour.into())).bold()
}

/// Writes `file:line:column: severity rule path: message` lines and a summary line.
pub fn write(run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    for outcome in run.outcomes {
        for finding in &outcome.findings {
            write!(out, "{BOLD}{}", outcome.path)?;
            if let Some((line, column)) = place(finding) {
                write!(out, ":{line}:{column}")?;
            }
            let style = severity_style(finding.severity);
            write!(
                out,
                ":{BOLD:#} {style}{}{style:#} {}",
                finding.severity.as_str(),
                finding.rule
            )?;
            if !finding.path.is_empty() {
                write!(out, " {}", finding.path)?;
            }
            writeln!(out, ": {}", finding.message)?;
        }
    }
    let summary = run.summary;
    writeln!(
        out,
        "{BOLD}{} files, {} documents checked, {} skipped: {} errors, {} warnings, {} infos{BOLD:#}",
        summary.files,
        summary.documents,
        summary.skipped,
        summary.errors,
        summary.warnings,
        summary.infos
    )
}
