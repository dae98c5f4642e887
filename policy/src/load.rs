//! Reading policy files: a file or a folder of YAML, each document with the
//! file and line it starts at.

use podwright_core::yaml::{Limits, YamlError, read_stream};
use serde_json::Value;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why the policies cannot be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A path that cannot be read.
    #[error("{path}: {error}")]
    Unreadable {
        /// The path.
        path: String,
        /// What went wrong.
        error: std::io::Error,
    },
    /// A file that is not YAML (or not UTF-8).
    #[error("{path}:{line}:{column}: not YAML: {message}")]
    NotYaml {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A document that is not a well-formed policy, binding or settings object.
    #[error("{place}: {message}")]
    Invalid {
        /// Where it is.
        place: Place,
        /// What is wrong.
        message: String,
    },
    /// A folder without any YAML file.
    #[error("{0}: no .yaml, .yml or .json file in it")]
    Empty(String),
}

/// A place in a policy file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file, as given or found.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One document of a policy file.
#[derive(Clone, Debug)]
pub struct SourceDocument {
    /// Where it starts.
    pub place: Place,
    /// Its text (the lines of this document only).
    pub text: String,
    /// Its content.
    pub value: Value,
}

impl SourceDocument {
    /// The place of the first line at or after the document's start that
    /// contains `needle`, or the document's start.
    pub fn place_of(&self, needle: &str) -> Place {
        let needle = needle
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .unwrap_or_default();
        let offset = if needle.is_empty() {
            None
        } else {
            self.text.lines().position(|line| line.contains(needle))
        };
        Place {
            file: self.place.file.clone(),
            line: self.place.line + offset.unwrap_or(0),
        }
    }
}

/// Largest policy file read.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads every document of every file under `paths`.
pub fn read_paths(paths: &[PathBuf]) -> Result<Vec<SourceDocument>, LoadError> {
    let mut documents = Vec::new();
    for path in paths {
        let files = files_of(path)?;
        if files.is_empty() {
            return Err(LoadError::Empty(path.display().to_string()));
        }
        for file in files {
            documents.extend(read_file(&file)?);
        }
    }
    Ok(documents)
}

/// `path` itself, or the YAML and JSON files under it, in name order, outside hidden folders.
fn files_of(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let unreadable = |error| LoadError::Unreadable {
        path: path.display().to_string(),
        error,
    };
    if !path.metadata().map_err(unreadable)?.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(unreadable)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|entry| {
            !entry
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            files.extend(files_of(&entry)?);
        } else if entry
            .extension()
            .is_some_and(|ext| ["yaml", "yml", "json"].iter().any(|known| ext == *known))
        {
            files.push(entry);
        }
    }
    Ok(files)
}

fn read_file(path: &Path) -> Result<Vec<SourceDocument>, LoadError> {
    let name = path.display().to_string();
    let unreadable = |error| LoadError::Unreadable {
        path: name.clone(),
        error,
    };
    let size = path.metadata().map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::Invalid {
            place: Place {
                file: name,
                line: 1,
            },
            message: format!("{size} bytes: policy files are limited to {MAX_FILE_BYTES}"),
        });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|error| LoadError::NotYaml {
        path: name.clone(),
        line: 1 + error.as_bytes()[..error.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        column: 1,
        message: "not UTF-8 text".to_owned(),
    })?;
    read_text(&name, &text)
}

/// Splits `text` at its `---` lines and reads each part, so each document
/// knows its first line.
pub fn read_text(file: &str, text: &str) -> Result<Vec<SourceDocument>, LoadError> {
    let mut documents = Vec::new();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut bounds: Vec<usize> = (1..lines.len())
        .filter(|&i| lines[i].starts_with("---"))
        .collect();
    bounds.insert(0, 0);
    bounds.push(lines.len());
    for pair in bounds.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let chunk: String = lines[start..end].concat();
        let stream = read_stream(&chunk, &Limits::default()).map_err(|error| match error {
            YamlError::Syntax {
                line,
                column,
                message,
            } => LoadError::NotYaml {
                path: file.to_owned(),
                line: start + line,
                column,
                message,
            },
            other => LoadError::NotYaml {
                path: file.to_owned(),
                line: start + 1,
                column: 1,
                message: other.to_string(),
            },
        })?;
        for value in stream.documents {
            if !value.is_object() {
                return Err(LoadError::Invalid {
                    place: Place {
                        file: file.to_owned(),
                        line: start + 1,
                    },
                    message: "a document that is not a mapping: expected Kubernetes objects"
                        .to_owned(),
                });
            }
            documents.push(SourceDocument {
                place: Place {
                    file: file.to_owned(),
                    line: start + 1,
                },
                text: chunk.clone(),
                value,
            });
        }
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_know_their_first_line() {
        let text = "a: 1\n---\n# note\nb: 2\n---\n---\nc: |\n  x\n";
        let documents = read_text("p.yaml", text).unwrap();
        let lines: Vec<usize> = documents.iter().map(|d| d.place.line).collect();
        assert_eq!(lines, [1, 2, 6]);
        assert_eq!(documents[1].place_of("b:").line, 4);
    }

    #[test]
    fn text_that_is_not_yaml_names_its_line() {
        let error = read_text("p.yaml", "a: 1\n---\nb: [unclosed\n").unwrap_err();
        let LoadError::NotYaml { line, .. } = error else {
            panic!("{error}")
        };
        assert!(line >= 3, "{line}");
        let error = read_text("p.yaml", "just text\n").unwrap_err();
        assert!(error.to_string().contains("not a mapping"), "{error}");
    }
}
