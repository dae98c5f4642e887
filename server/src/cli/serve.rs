//! `podwright serve`: the designer, the catalog and the API on one port.

use super::usage_error;
use clap::Args;
use podwright_server::loaded::Sources;
use podwright_server::ops::{logging, reload};
use podwright_server::{AppState, app};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use tokio::net::TcpListener;

/// Flags of `podwright serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PODWRIGHT_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Serve the catalog from this folder (laid out like the repository's
    /// `content/`) instead of the built-in one. Reloaded when it changes.
    #[arg(long, env = "PODWRIGHT_CONTENT_DIR", value_name = "DIR")]
    content_dir: Option<PathBuf>,
    /// Check designs against the team's policies too: a ValidatingAdmissionPolicy
    /// file, a folder of them, or a PolicySettings file (repeatable). A file
    /// that cannot be read as policies stops the start-up. Reloaded when it changes.
    #[arg(long = "policy", env = "PODWRIGHT_POLICY", value_name = "PATH")]
    policies: Vec<PathBuf>,
    /// Seconds between checks of the content folder for changes.
    #[arg(
        long,
        env = "PODWRIGHT_WATCH_INTERVAL",
        value_name = "SECONDS",
        default_value_t = 3.0,
        value_parser = parse_seconds
    )]
    watch_interval: f64,
    /// Seconds to keep serving after SIGTERM while /readyz answers 503, so
    /// load balancers stop sending requests before the server stops.
    #[arg(
        long,
        env = "PODWRIGHT_SHUTDOWN_DELAY",
        value_name = "SECONDS",
        default_value_t = 5.0,
        value_parser = parse_seconds
    )]
    shutdown_delay: f64,
}

/// A number of seconds from 0 to one hour.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if (0.0..=3600.0).contains(&seconds) => Ok(seconds),
        _ => Err(format!(
            "{text:?} is not a number of seconds from 0 to 3600"
        )),
    }
}

/// Serves until Ctrl+C, or until SIGTERM and the shutdown delay after it.
pub fn run(args: ServeArgs) -> ExitCode {
    logging::init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => return usage_error(format!("cannot start the runtime: {error}")),
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => usage_error(error),
    }
}

/// Listens first, so `/healthz` answers while the content loads and `/readyz`
/// says when it has; then reloads on SIGHUP and folder changes.
async fn serve(args: ServeArgs) -> std::io::Result<()> {
    let sources = Sources {
        content_dir: args.content_dir,
        policies: args.policies,
    };
    let state = AppState::loading();
    let listener = TcpListener::bind(args.addr).await?;
    tracing::info!(addr = %listener.local_addr()?, "podwright listening");
    let shutdown = shutdown_signal(state.clone(), Duration::from_secs_f64(args.shutdown_delay));
    let serving = tokio::spawn(
        axum::serve(listener, app(state.clone()))
            .with_graceful_shutdown(shutdown)
            .into_future(),
    );
    reload::load(&state, &sources).await?;
    reload::spawn(state, sources, Duration::from_secs_f64(args.watch_interval));
    serving.await.map_err(std::io::Error::other)??;
    tracing::info!("podwright stopped");
    Ok(())
}

/// Resolves on Ctrl+C at once, or on SIGTERM after `delay` during which
/// `/readyz` answers 503; in-flight requests then finish before exit.
async fn shutdown_signal(state: AppState, delay: Duration) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
                state.readiness().set_shutting_down();
                tracing::info!(delay_seconds = delay.as_secs_f64(), "SIGTERM: draining");
                tokio::time::sleep(delay).await;
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
        () = ctrl_c => state.readiness().set_shutting_down(),
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
