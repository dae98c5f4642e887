//! The JSON format: every input with its findings, and the totals.

use super::CheckRun;
use serde_json::json;
use std::io::{self, Write};

/// Writes `{ files: [{ path, documents, findings }], summary }`.
pub fn write(run: &CheckRun<'_>, out: &mut dyn Write) -> io::Result<()> {
    let report = json!({ "files": run.outcomes, "summary": run.summary });
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
