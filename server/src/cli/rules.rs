//! `podwright rules`: the rule list, or one rule's docs.

use super::usage_error;
use clap::Args;
use podwright_core::rules::catalog;
use std::process::ExitCode;

/// Flags of `podwright rules`.
#[derive(Args, Debug)]
pub struct RulesArgs {
    /// A rule id: print its docs, with a bad and a good example.
    id: Option<String>,
}

/// Prints every rule as `id  severity  summary`, or one rule's docs.
pub fn run(args: &RulesArgs) -> ExitCode {
    let rules = catalog();
    match &args.id {
        None => {
            let width = rules.iter().map(|rule| rule.id.len()).max().unwrap_or(0);
            for rule in &rules {
                println!(
                    "{:width$}  {:7}  {}",
                    rule.id,
                    rule.severity.as_str(),
                    rule.summary
                );
            }
            ExitCode::SUCCESS
        }
        Some(id) => match rules.iter().find(|rule| rule.id == *id) {
            Some(rule) => {
                println!(
                    "# {} ({})\n\n{}\n\n{}",
                    rule.id,
                    rule.severity.as_str(),
                    rule.summary,
                    rule.docs
                );
                ExitCode::SUCCESS
            }
            None => usage_error(format!(
                "unknown rule {id:?} (`podwright rules` lists them)"
            )),
        },
    }
}
