//! `podwright`: serves the designer, the catalog and the API, and runs the same
//! rules on manifests in a repository (`podwright check`).

mod cli;

/// The static (musl) build's allocator, for speed: see `server/Cargo.toml`.
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
