//! Loading and reloading the content without a restart: at start-up, on
//! SIGHUP, and when a watched folder changes. A ConfigMap volume updates by
//! pointing its `..data` symlink at a new folder, so the watch compares a
//! fingerprint of every entry (symlink targets included) every few seconds.
//! A reload builds a whole new snapshot aside and swaps it in: requests in
//! flight keep the one they started with, and a failed load keeps the old one.

use crate::AppState;
use crate::loaded::Sources;
use crate::ops::metrics;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

/// Loads the sources into `state` and marks it ready, or says why not.
pub async fn load(state: &AppState, sources: &Sources) -> std::io::Result<()> {
    let sources = sources.clone();
    let loaded = tokio::task::spawn_blocking(move || sources.load())
        .await
        .map_err(std::io::Error::other)??;
    let pages = loaded.catalog.summaries().len();
    let policies = loaded.policies.len();
    state.replace(loaded);
    metrics::set_loaded(pages, policies);
    tracing::info!(pages, policies, "content loaded");
    Ok(())
}

/// Reloads on SIGHUP and on changes below the watched folders, checked every
/// `interval`, until the runtime stops.
pub fn spawn(state: AppState, sources: Sources, interval: Duration) {
    let reloader = Arc::new(Reloader {
        state,
        sources,
        running: Mutex::new(()),
    });
    #[cfg(unix)]
    tokio::spawn(reloader.clone().on_hangup());
    if !reloader.sources.watched_dirs().is_empty() {
        tokio::spawn(reloader.watch(interval));
    }
}

struct Reloader {
    state: AppState,
    sources: Sources,
    /// Held during a reload, so two never run at once.
    running: Mutex<()>,
}

impl Reloader {
    async fn reload(&self, reason: &str) {
        let _running = self.running.lock().await;
        tracing::info!(reason, "reloading content");
        let outcome = load(&self.state, &self.sources).await;
        if let Err(error) = &outcome {
            tracing::error!(%error, "reload failed; still serving the content loaded before");
        }
        metrics::record_reload(outcome.is_ok());
    }

    #[cfg(unix)]
    async fn on_hangup(self: Arc<Self>) {
        use tokio::signal::unix::{SignalKind, signal};
        let mut hangups = match signal(SignalKind::hangup()) {
            Ok(hangups) => hangups,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGHUP");
                return;
            }
        };
        while hangups.recv().await.is_some() {
            self.reload("SIGHUP").await;
        }
    }

    async fn watch(self: Arc<Self>, interval: Duration) {
        let dirs = self.sources.watched_dirs();
        let mut last = fingerprint_blocking(dirs.clone()).await;
        loop {
            tokio::time::sleep(interval).await;
            let now = fingerprint_blocking(dirs.clone()).await;
            if now != last {
                last = now;
                self.reload("a watched folder changed").await;
            }
        }
    }
}

async fn fingerprint_blocking(dirs: Vec<PathBuf>) -> u64 {
    tokio::task::spawn_blocking(move || fingerprint(&dirs))
        .await
        .unwrap_or_default()
}

/// A hash of every entry below `dirs`: name, symlink target, and the size,
/// modification time and inode of what it points to. Unreadable entries
/// count as their error, so they appearing or healing counts as a change.
fn fingerprint(dirs: &[PathBuf]) -> u64 {
    let mut hasher = DefaultHasher::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            match entry {
                Ok(entry) => hash_entry(entry.path(), &mut hasher),
                Err(error) => error.to_string().hash(&mut hasher),
            }
        }
    }
    hasher.finish()
}

fn hash_entry(path: &Path, hasher: &mut DefaultHasher) {
    path.hash(hasher);
    if let Ok(target) = std::fs::read_link(path) {
        target.hash(hasher);
    }
    match std::fs::metadata(path) {
        Ok(metadata) => {
            metadata.len().hash(hasher);
            metadata.modified().ok().hash(hasher);
            #[cfg(unix)]
            std::os::unix::fs::MetadataExt::ino(&metadata).hash(hasher);
        }
        Err(error) => error.kind().hash(hasher),
    }
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[cfg(unix)]
    #[test]
    fn a_configmap_style_symlink_swap_changes_the_fingerprint() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path();
        for (version, text) in [("..v1", "one"), ("..v2", "two")] {
            std::fs::create_dir(dir.join(version)).unwrap();
            std::fs::write(dir.join(version).join("page.md"), text).unwrap();
        }
        std::os::unix::fs::symlink("..v1", dir.join("..data")).unwrap();
        std::os::unix::fs::symlink("..data/page.md", dir.join("page.md")).unwrap();
        let dirs = [dir.to_path_buf()];
        let before = fingerprint(&dirs);
        assert_eq!(before, fingerprint(&dirs), "nothing changed");
        std::os::unix::fs::symlink("..v2", dir.join("..data_tmp")).unwrap();
        std::fs::rename(dir.join("..data_tmp"), dir.join("..data")).unwrap();
        assert_ne!(before, fingerprint(&dirs));
    }

    #[test]
    fn a_new_file_changes_the_fingerprint() {
        let root = tempfile::tempdir().unwrap();
        let dirs = [root.path().to_path_buf()];
        let before = fingerprint(&dirs);
        std::fs::write(root.path().join("new.md"), "x").unwrap();
        assert_ne!(before, fingerprint(&dirs));
    }
}
