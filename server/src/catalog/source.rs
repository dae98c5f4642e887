//! Where the catalog's files come from: the content built into the binary, or
//! a team's own folder.

use crate::assets::BuiltInContent;
use std::path::{Component, Path, PathBuf};

/// A set of content files: pages (`<slug>.md` at the top) and the example
/// files they name.
#[derive(Clone, Debug)]
pub enum ContentSource {
    /// The catalog that ships with Podwright.
    BuiltIn,
    /// A folder laid out like `content/`.
    Dir(PathBuf),
}

impl ContentSource {
    /// The names of the page files (`*.md` at the top level), sorted.
    pub fn page_files(&self) -> std::io::Result<Vec<String>> {
        let mut names: Vec<String> = match self {
            ContentSource::BuiltIn => BuiltInContent::iter()
                .map(|name| name.into_owned())
                .filter(|name| !name.contains('/'))
                .collect(),
            ContentSource::Dir(dir) => std::fs::read_dir(dir)?
                .filter_map(Result::ok)
                // Followed: a ConfigMap volume's files are symlinks into `..data/`.
                .filter(|entry| std::fs::metadata(entry.path()).is_ok_and(|meta| meta.is_file()))
                .filter_map(|entry| entry.file_name().into_string().ok())
                .collect(),
        };
        names.retain(|name| name.ends_with(".md"));
        names.sort();
        Ok(names)
    }

    /// The text of the file at `path`, relative to the content's root. Paths
    /// that leave the root (`..`, absolute) are refused.
    pub fn read(&self, path: &str) -> Result<String, String> {
        let relative = Path::new(path);
        let stays_inside = relative
            .components()
            .all(|part| matches!(part, Component::Normal(_)));
        if path.is_empty() || !stays_inside {
            return Err(format!("{path:?} is not a path inside the content folder"));
        }
        let bytes = match self {
            ContentSource::BuiltIn => BuiltInContent::get(path)
                .map(|file| file.data.into_owned())
                .ok_or_else(|| format!("{path}: no such file"))?,
            ContentSource::Dir(dir) => {
                std::fs::read(dir.join(relative)).map_err(|e| format!("{path}: {e}"))?
            }
        };
        String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let source = ContentSource::Dir(dir.path().join("content"));
        for path in ["../secret.yaml", "/etc/passwd", "a/../../b", ""] {
            let error = source.read(path).unwrap_err();
            assert!(error.contains("not a path inside"), "{path}: {error}");
        }
    }

    #[test]
    fn the_built_in_content_lists_only_top_level_pages() {
        let pages = ContentSource::BuiltIn.page_files().unwrap();
        assert!(
            pages
                .iter()
                .all(|name| name.ends_with(".md") && !name.contains('/'))
        );
    }
}
