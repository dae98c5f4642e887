//! `podwright export`: a manifest written back in Podwright's YAML, or its Pod
//! as another workload kind.

use super::usage_error;
use clap::{Args, ValueEnum};
use podwright_core::convert::{export_design, import_documents, retarget};
use podwright_core::model::WorkloadKind;
use podwright_core::validate::{Options, validate_exported};
use podwright_core::yaml::{Limits, read_documents, write_documents};
use serde_json::json;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `podwright export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The manifest to read (`-` for standard input).
    file: PathBuf,
    /// Write the Pod as this workload kind (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob).
    #[arg(long)]
    kind: Option<WorkloadKind>,
    /// `yaml` (kubectl's dialect, the default) or `json`.
    #[arg(long, value_enum, default_value_t)]
    format: OutputFormat,
}

/// The output's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// YAML, documents separated by `---`.
    #[default]
    Yaml,
    /// JSON: one object, or a `v1` `List` of several.
    Json,
}

/// Writes the manifest to standard output; a design with errors is not
/// written: its errors go to standard error and the exit code is 1.
pub fn run(args: &ExportArgs) -> ExitCode {
    let text = match read_text(&args.file) {
        Ok(text) => text,
        Err(error) => return usage_error(format!("{}: {error}", args.file.display())),
    };
    let documents = match read_documents(&text, &Limits::default()) {
        Ok(documents) => documents,
        Err(error) => return usage_error(format!("{}: {error}", args.file.display())),
    };
    let design = match import_documents(documents) {
        Ok((design, _)) => design,
        Err(error) => return usage_error(format!("{}: {error}", args.file.display())),
    };
    let design = match args.kind {
        Some(kind) => retarget(&design, kind),
        None => design,
    };
    let exported = export_design(&design);
    let report = validate_exported(&design, &exported, &Options::default());
    if !report.valid {
        for error in report.errors() {
            eprintln!(
                "{}: error {} {}: {}",
                args.file.display(),
                error.rule,
                error.path,
                error.message
            );
        }
        return ExitCode::FAILURE;
    }
    let mut documents = exported.documents;
    let output = match args.format {
        OutputFormat::Yaml => write_documents(&documents),
        OutputFormat::Json => {
            let value = if documents.len() == 1 {
                documents.remove(0)
            } else {
                json!({ "apiVersion": "v1", "kind": "List", "items": documents })
            };
            format!("{value:#}\n")
        }
    };
    print!("{output}");
    ExitCode::SUCCESS
}

fn read_text(path: &PathBuf) -> std::io::Result<String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
    }
}
