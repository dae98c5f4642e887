//! GitHub Actions workflow commands: each finding becomes an annotation on its file.

use super::{CheckRun, place};
use podwright_core::report::Severity;
use std::io::{self, Write};

/// Writes one `::error file=..,line=..,col=..,title=..::message` line per finding.
pub fn write(run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    for outcome in run.outcomes {
        for finding in &outcome.findings {
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            write!(out, "::{command} file={}", property(&outcome.path))?;
            if let Some((line, column)) = place(finding) {
                write!(out, ",line={line},col={column}")?;
            }
            let message = if finding.path.is_empty() {
                finding.message.clone()
            } else {
                format!("{}: {}", finding.path, finding.message)
            };
            writeln!(
                out,
                ",title={}::{}",
                property(&finding.rule),
                data(&message)
            )?;
        }
    }
    Ok(())
}

/// Escapes a command's message as the runner reads it back.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value, where `:` and `,` are separators too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_newlines_are_escaped() {
        assert_eq!(data("50% of\nlines"), "50%25 of%0Alines");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
