//! The real `podwright` binary, started on a free port and stopped on drop.

use super::free_port;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A running `podwright` process.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
}

/// The binary cargo built for these tests, or `PODWRIGHT_BIN`.
pub fn binary() -> PathBuf {
    std::env::var_os("PODWRIGHT_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_podwright")),
        PathBuf::from,
    )
}

impl Server {
    /// Starts the server and waits until it is ready.
    pub async fn start() -> Server {
        Server::start_with_args(&[]).await
    }

    /// Starts the server with extra command-line arguments and waits until it is ready.
    pub async fn start_with_args(args: &[&str]) -> Server {
        Server::launch(args, &[]).await
    }

    /// Starts the server with `args` and environment `env` (after `RUST_LOG=warn`,
    /// so it may override it) and waits until it is ready.
    pub async fn launch(args: &[&str], env: &[(&str, &str)]) -> Server {
        let server = Server::spawn(args, env, false);
        server.wait_until_ready().await;
        server
    }

    /// Starts the server without waiting for it, its standard output piped
    /// for [`Server::take_stdout`] when `capture_stdout` (read it from the
    /// start: a full pipe blocks the server).
    pub fn spawn(args: &[&str], env: &[(&str, &str)], capture_stdout: bool) -> Server {
        Server::spawn_binary(&binary(), args, env, capture_stdout)
    }

    /// [`Server::spawn`] of another `podwright` binary, such as one taken out of an image.
    pub fn spawn_binary(
        binary: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        capture_stdout: bool,
    ) -> Server {
        let port = free_port();
        let child = Command::new(binary)
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .args(args)
            .env("RUST_LOG", "warn")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(if capture_stdout {
                Stdio::piped()
            } else {
                Stdio::inherit()
            })
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {}: {e} (build it with cargo build -p podwright-server)",
                    binary.display()
                )
            });
        Server {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Waits until `/readyz` answers 200: listening, and the content loaded.
    pub async fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(response) = super::http::get(&self.url("/readyz")).await
                && response.status == 200
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("podwright was not ready within 60 s");
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends the signal named `name` (`HUP`, `TERM`) with kill(1).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.pid().to_string()])
            .status()
            .expect("kill(1) runs");
        assert!(status.success(), "kill -{name} failed");
    }

    /// The piped standard output, once.
    pub fn take_stdout(&mut self) -> Option<ChildStdout> {
        self.child.stdout.take()
    }

    /// The exit status, if the process has ended.
    pub fn try_exit_status(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
