//! The real `podwright` binary, started on a free port and stopped on drop.

use super::free_port;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `podwright` process.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
}

/// The binary cargo built beside this test: `PODWRIGHT_BIN`, or `target/<profile>/podwright`.
pub fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("PODWRIGHT_BIN") {
        return PathBuf::from(path);
    }
    let test_exe = std::env::current_exe().expect("the test's own path");
    // target/<profile>/deps/<test> -> target/<profile>/podwright
    let profile_dir = test_exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    profile_dir.join("podwright")
}

impl Server {
    /// Starts the server and waits until `/healthz` answers.
    pub async fn start() -> Server {
        Server::start_with_args(&[]).await
    }

    /// Starts the server with extra command-line arguments and waits until `/healthz` answers.
    pub async fn start_with_args(args: &[&str]) -> Server {
        let port = free_port();
        let binary = binary();
        let child = Command::new(&binary)
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .args(args)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {}: {e} (build it with cargo build -p podwright-server)",
                    binary.display()
                )
            });
        let server = Server {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        };
        server.wait_until_healthy().await;
        server
    }

    async fn wait_until_healthy(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(response) = super::http::get(&self.url("/healthz")).await
                && response.status == 200
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("podwright did not answer /healthz within 20 s");
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
