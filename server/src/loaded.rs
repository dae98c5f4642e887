//! What the server has loaded from outside its binary, as one snapshot that a
//! reload replaces whole: the catalog now, and any later source (policies) beside it.

use crate::catalog::{Catalog, ContentSource};
use std::path::PathBuf;
use std::sync::Arc;

/// One consistent set of loaded content; requests read a snapshot, reloads swap it.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The pattern catalog.
    pub catalog: Arc<Catalog>,
}

/// Where the loaded content comes from, as the command line says.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// The team's catalog folder, or none for the built-in catalog.
    pub content_dir: Option<PathBuf>,
}

impl Sources {
    /// Loads every source. A source that cannot be read at all is an error
    /// naming it; the caller keeps what it had.
    pub fn load(&self) -> std::io::Result<Loaded> {
        let catalog = match &self.content_dir {
            Some(dir) => Arc::new(Catalog::load(&ContentSource::Dir(dir.clone())).map_err(
                |e| std::io::Error::new(e.kind(), format!("content folder {}: {e}", dir.display())),
            )?),
            None => Catalog::built_in(),
        };
        Ok(Loaded { catalog })
    }

    /// The folders whose changes call for a reload.
    pub fn watched_dirs(&self) -> Vec<PathBuf> {
        self.content_dir.iter().cloned().collect()
    }
}
