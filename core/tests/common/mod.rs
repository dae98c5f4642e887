//! What the corpus tests share: where the shared corpus is, and its files.
//! Each test binary uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared corpus of real-world manifests beside the repository.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

/// Every file below `root()/kind`, sorted.
pub fn corpus(kind: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root().join(kind)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
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
