//! `podwright serve`: the designer, the catalog and the API on one port.

use super::usage_error;
use clap::Args;
use podwright_policy::PolicySet;
use podwright_server::catalog::{Catalog, ContentSource};
use podwright_server::{AppState, app};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

/// Flags of `podwright serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PODWRIGHT_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Serve the catalog from this folder (laid out like the repository's
    /// `content/`) instead of the built-in one.
    #[arg(long, env = "PODWRIGHT_CONTENT_DIR", value_name = "DIR")]
    content_dir: Option<PathBuf>,
    /// Check designs against the team's policies too: a ValidatingAdmissionPolicy
    /// file, a folder of them, or a PolicySettings file (repeatable). A file
    /// that cannot be read as policies stops the start-up.
    #[arg(long = "policy", env = "PODWRIGHT_POLICY", value_name = "PATH")]
    policies: Vec<PathBuf>,
}

/// Serves until Ctrl+C or SIGTERM.
pub fn run(args: ServeArgs) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| {
            EnvFilter::new("podwright=info,podwright_server=info,tower_http=info")
        }))
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => return usage_error(format!("cannot start the runtime: {error}")),
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => usage_error(error),
    }
}

async fn serve(args: ServeArgs) -> std::io::Result<()> {
    // Policies first: a broken policy file stops start-up before the slower catalog.
    let policies = Arc::new(load_policies(&args.policies)?);
    let catalog =
        match &args.content_dir {
            Some(dir) => Arc::new(Catalog::load(&ContentSource::Dir(dir.clone())).map_err(
                |e| std::io::Error::new(e.kind(), format!("content folder {}: {e}", dir.display())),
            )?),
            None => Catalog::built_in(),
        };
    tracing::info!(pages = catalog.summaries().len(), "catalog loaded");
    let listener = TcpListener::bind(args.addr).await?;
    tracing::info!(addr = %listener.local_addr()?, "podwright listening");
    axum::serve(
        listener,
        app(AppState::new(catalog).with_policies(policies)),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("podwright stopped");
    Ok(())
}

/// Reads the team's policies, logging what is wrong in them; a file that is
/// not policies at all is an error.
fn load_policies(paths: &[PathBuf]) -> std::io::Result<PolicySet> {
    if paths.is_empty() {
        return Ok(PolicySet::default());
    }
    let policies = PolicySet::load(paths).map_err(|error| {
        std::io::Error::new(std::io::ErrorKind::InvalidData, format!("policy: {error}"))
    })?;
    for issue in policies.issues() {
        tracing::warn!(file = %issue.file, line = issue.line, rule = %issue.rule, "{}", issue.message);
    }
    tracing::info!(
        policies = policies.summaries().len(),
        "team policies loaded"
    );
    Ok(policies)
}

/// Resolves on Ctrl+C or SIGTERM, so in-flight requests finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
