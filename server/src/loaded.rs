//! What the server has loaded from outside its binary, as one snapshot that a
//! reload replaces whole: the catalog and the team's policies.

use crate::catalog::{Catalog, ContentSource};
use podwright_policy::PolicySet;
use std::path::PathBuf;
use std::sync::Arc;

/// One consistent set of loaded content; requests read a snapshot, reloads swap it.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The pattern catalog.
    pub catalog: Arc<Catalog>,
    /// The team's policies (none without `--policy`).
    pub policies: Arc<PolicySet>,
}

/// Where the loaded content comes from, as the command line says.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// The team's catalog folder, or none for the built-in catalog.
    pub content_dir: Option<PathBuf>,
    /// The team's policy files and folders.
    pub policies: Vec<PathBuf>,
}

impl Sources {
    /// Loads every source. A source that cannot be read at all is an error
    /// naming it; the caller keeps what it had.
    pub fn load(&self) -> std::io::Result<Loaded> {
        // Policies first: a broken policy file stops before the slower catalog.
        let policies = Arc::new(load_policies(&self.policies)?);
        let catalog = match &self.content_dir {
            Some(dir) => Arc::new(Catalog::load(&ContentSource::Dir(dir.clone())).map_err(
                |e| std::io::Error::new(e.kind(), format!("content folder {}: {e}", dir.display())),
            )?),
            None => Catalog::built_in(),
        };
        Ok(Loaded { catalog, policies })
    }

    /// The folders and files whose changes call for a reload.
    pub fn watched_dirs(&self) -> Vec<PathBuf> {
        self.content_dir
            .iter()
            .chain(&self.policies)
            .cloned()
            .collect()
    }
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
