//! `podwright`: serves the designer, the catalog and the API, and runs the same
//! rules on manifests in a repository (`podwright check`).

mod cli;

/// The allocator, for speed: see `server/Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
