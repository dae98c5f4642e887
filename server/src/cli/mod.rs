//! The command line: `serve` (the default), `check`, `rules` and `export`.

mod check;
mod export;
mod rules;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Design multi-container Kubernetes Pods: catalog, designer, validation and export.
///
/// Without a subcommand, `podwright` serves, as `podwright serve` does.
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: serve::ServeArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the designer, the catalog and the API.
    Serve(serve::ServeArgs),
    /// Validate manifests in files, folders or standard input.
    Check(check::CheckArgs),
    /// List the rules, or explain one.
    Rules(rules::RulesArgs),
    /// Write a manifest back in Podwright's YAML, optionally as another workload kind.
    Export(export::ExportArgs),
}

/// Parses the command line and runs the command it names.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => serve::run(cli.serve),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Rules(args)) => rules::run(&args),
        Some(Command::Export(args)) => export::run(&args),
    }
}

/// Exit code for usage errors and unreadable input, as clap uses for its own.
const USAGE_ERROR: u8 = 2;

/// Prints `message` to standard error and returns the usage-error exit code.
fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("podwright: {message}");
    ExitCode::from(USAGE_ERROR)
}
