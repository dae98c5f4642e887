//! `podwright check`: the designer's rules over manifests in files, folders
//! and standard input, reported for people, CI systems and code scanning.

mod format;
mod inputs;
mod outcome;

use super::usage_error;
use clap::{Args, ValueEnum};
use format::{CheckRun, Format};
use outcome::{FileOutcome, Settings, Summary};
use podwright_core::overrides::RuleLevel;
use podwright_core::report::Severity;
use podwright_core::rules::registry;
use podwright_core::validate::Options;
use podwright_core::version::KubeVersion;
use podwright_policy::PolicySet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `podwright check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files, folders (searched for *.yaml, *.yml and *.json outside hidden
    /// folders) and `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The Kubernetes version to validate for (1.33 to 1.37; the newest by default).
    #[arg(long, value_name = "VERSION")]
    target: Option<KubeVersion>,
    /// Whether the cluster allows privileged containers (unknown by default: a warning).
    #[arg(long, value_name = "BOOL")]
    allow_privileged: Option<bool>,
    /// Check against the team's policies too: a ValidatingAdmissionPolicy
    /// file, a folder of them, or a PolicySettings file (repeatable).
    #[arg(long = "policy", env = "PODWRIGHT_POLICY", value_name = "PATH")]
    policies: Vec<PathBuf>,
    /// How to write the report.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Exit 1 when a finding is at this severity or worse.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Change a rule's severity: ID=off|info|warning|error (repeatable).
    #[arg(long = "rule", value_name = "ID=LEVEL", value_parser = parse_rule_level)]
    rules: Vec<(String, RuleLevel)>,
    /// Where rules' docs are served (a team's own Podwright), for links in reports.
    #[arg(
        long,
        env = "PODWRIGHT_DOCS_URL",
        value_name = "URL",
        default_value = "https://podwright.dev"
    )]
    docs_url: String,
}

/// The severity from which findings fail the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Errors fail it.
    Error,
    /// Warnings and errors fail it.
    Warning,
    /// Any finding fails it.
    Info,
    /// Nothing fails it.
    None,
}

impl FailOn {
    fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::None => None,
        }
    }
}

/// Reads `ID=LEVEL`, checking that the rule exists.
fn parse_rule_level(flag: &str) -> Result<(String, RuleLevel), String> {
    let (id, level) = flag
        .split_once('=')
        .ok_or_else(|| format!("expected ID=LEVEL, got {flag:?}"))?;
    let known = id == outcome::INVALID_YAML
        || id.starts_with("policy:")
        || registry().iter().any(|rule| rule.id == id);
    if !known {
        return Err(format!(
            "unknown rule {id:?} (`podwright rules` lists them)"
        ));
    }
    let level = level.parse().map_err(|error| format!("{error}"))?;
    Ok((id.to_owned(), level))
}

/// Checks the inputs, writes the report to standard output, and exits 0 when
/// nothing reaches the threshold, 1 when something does, 2 when an input
/// cannot be read.
pub fn run(args: CheckArgs) -> ExitCode {
    let policies = if args.policies.is_empty() {
        PolicySet::default()
    } else {
        match PolicySet::load(&args.policies) {
            Ok(policies) => policies,
            Err(error) => return usage_error(format!("policy: {error}")),
        }
    };
    // The team's settings first, the command line over them.
    let team = policies.settings().clone();
    let mut overrides = team.rules;
    for (rule, level) in args.rules {
        overrides.set(rule, level);
    }
    let settings = Settings {
        options: Options {
            target: args.target.or(team.target).unwrap_or_default(),
            allow_privileged: args.allow_privileged.or(team.allow_privileged),
        },
        overrides,
        policies,
    };
    let inputs = match inputs::read_all(&args.paths) {
        Ok(inputs) => inputs,
        Err(unreadable) => return usage_error(unreadable),
    };
    let mut outcomes = FileOutcome::policy_files(&settings);
    outcomes.extend(outcome::check_all(&inputs, &settings));
    let run = CheckRun {
        summary: Summary::of(&outcomes),
        outcomes: &outcomes,
        fail_on: args.fail_on.severity(),
        docs_base: &args.docs_url,
    };
    let stdout = std::io::stdout();
    let mut out = anstream::AutoStream::auto(stdout.lock());
    if let Err(error) = format::write(args.format, &run, &mut out).and_then(|()| out.flush()) {
        return usage_error(format!("cannot write the report: {error}"));
    }
    let failing = run
        .fail_on
        .map_or(0, |threshold| run.summary.at_least(threshold));
    if failing > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
