//! What the end-to-end tests share: the real `podwright` binary on a free
//! loopback port, a small HTTP client, and headless Chromium over WebDriver.

pub mod browser;
pub mod http;
pub mod kubectl;
pub mod round_trip;
pub mod schemas;
pub mod server;

use std::net::TcpListener;
use std::path::PathBuf;

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free loopback port")
}

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("server/ sits in the repository")
        .to_path_buf()
}

/// The shared folder beside the repository: seeds, corpus, reference.
pub fn shared_dir() -> PathBuf {
    repo_root().join("../shared")
}

/// Every file below `dir`, sorted.
pub fn files_below(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
