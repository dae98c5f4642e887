//! What `podwright check` reads: named files, folders searched for manifests,
//! and `-` for standard input.

use std::io::Read;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Extensions of the files a folder is searched for.
const MANIFEST_EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// One input's name, as findings print it, and its text.
#[derive(Debug)]
pub struct Input {
    /// The path as given or found (`-` for standard input).
    pub name: String,
    /// The bytes read.
    pub bytes: Vec<u8>,
}

/// An input that cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {reason}")]
pub struct Unreadable {
    name: String,
    reason: String,
}

/// Reads every input: files as named (whatever their extension), folders
/// recursively for `*.yaml`, `*.yml` and `*.json` outside hidden folders, in
/// name order, and `-` as standard input.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<Input>, Unreadable> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(read_stdin()?);
        } else if path.is_dir() {
            for file in manifests_below(path)? {
                inputs.push(read_file(&file)?);
            }
        } else {
            inputs.push(read_file(path)?);
        }
    }
    Ok(inputs)
}

fn read_stdin() -> Result<Input, Unreadable> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|error| Unreadable {
            name: "-".to_owned(),
            reason: error.to_string(),
        })?;
    Ok(Input {
        name: "-".to_owned(),
        bytes,
    })
}

fn read_file(path: &Path) -> Result<Input, Unreadable> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => Ok(Input { name, bytes }),
        Err(error) => Err(Unreadable {
            name,
            reason: error.to_string(),
        }),
    }
}

/// The manifest files below `folder`, sorted by path; hidden folders and files are skipped.
fn manifests_below(folder: &Path) -> Result<Vec<PathBuf>, Unreadable> {
    let mut files = Vec::new();
    let walk = WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walk {
        let entry = entry.map_err(|error| Unreadable {
            name: error.path().unwrap_or(folder).display().to_string(),
            reason: error
                .io_error()
                .map_or_else(|| error.to_string(), ToString::to_string),
        })?;
        if entry.file_type().is_file() && has_manifest_extension(entry.path()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|name| name.starts_with('.'))
}

fn has_manifest_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| MANIFEST_EXTENSIONS.contains(&extension))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn folders_yield_manifests_in_name_order_outside_hidden_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("apps/web")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for file in [
            "b.yaml",
            "a.yml",
            "apps/web/pod.json",
            "apps/notes.md",
            ".git/config.yaml",
            ".hidden.yaml",
        ] {
            fs::write(root.join(file), "kind: Pod\n").unwrap();
        }
        let names: Vec<PathBuf> = manifests_below(root)
            .unwrap()
            .into_iter()
            .map(|path| path.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("a.yml"),
                PathBuf::from("apps/web/pod.json"),
                PathBuf::from("b.yaml")
            ]
        );
    }

    #[test]
    fn a_missing_file_is_unreadable_with_its_name() {
        let error = read_all(&[PathBuf::from("/no/such/podwright.yaml")]).unwrap_err();
        assert!(
            error.to_string().starts_with("/no/such/podwright.yaml: "),
            "{error}"
        );
    }
}
