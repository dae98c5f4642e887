//! `podwright`: serves the designer, the catalog and the API, and runs the same
//! rules on manifests in a repository (`podwright check`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
