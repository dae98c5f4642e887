//! Where each field of a document is written: the line and column of every
//! mapping key and every sequence item, found again by the API server's field
//! path (`spec.containers[0].ports[1].name`, `metadata.labels[app]`).

use rustc_hash::FxHashMap;

/// A 1-based line and column in the text as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The positions of one document's keys and sequence items, by path.
///
/// Paths are kept as their segments (mapping keys and list indexes alike),
/// each led by a NUL character, so that `labels.app` and `labels[app]` name
/// the same entry and keys with dots in them stay whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Positions {
    entries: FxHashMap<String, Position>,
}

impl Positions {
    /// Room for `entries` positions without growing.
    pub(super) fn with_capacity(entries: usize) -> Self {
        Positions {
            entries: FxHashMap::with_capacity_and_hasher(entries, Default::default()),
        }
    }

    /// Notes where the node at `path` (segments led by NUL) is written.
    pub(super) fn insert(&mut self, path: String, position: Position) {
        self.entries.insert(path, position);
    }

    /// Every position, to map columns back to the text as written.
    pub(super) fn positions_mut(&mut self) -> impl Iterator<Item = &mut Position> {
        self.entries.values_mut()
    }

    /// Where the field `path` names is written, or where its nearest written
    /// parent is when the field is missing (the document's start for none).
    pub fn locate(&self, path: &str) -> Option<Position> {
        let mut key = segments(path);
        loop {
            if let Some(position) = self.entries.get(&key) {
                return Some(*position);
            }
            let cut = key.rfind('\0')?;
            key.truncate(cut);
        }
    }
}

/// The segments of `parent` followed by `segment`.
pub(super) fn child_path(parent: &str, segment: &str) -> String {
    let mut path = String::with_capacity(parent.len() + 1 + segment.len());
    path.push_str(parent);
    path.push('\0');
    path.push_str(segment);
    path
}

/// A path's segments, each led by NUL: `a.b[0][k.x]` gives `\0a\0b\00\0k.x`.
pub(super) fn segments(path: &str) -> String {
    let mut key = String::with_capacity(path.len() + 4);
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']').unwrap_or(inner.len());
            key.push('\0');
            key.push_str(&inner[..end]);
            rest = inner.get(end + 1..).unwrap_or_default();
        } else {
            let rest_name = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_name.find(['.', '[']).unwrap_or(rest_name.len());
            key.push('\0');
            key.push_str(&rest_name[..end]);
            rest = &rest_name[end..];
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_segments_whatever_their_spelling() {
        assert_eq!(
            segments("spec.containers[0].ports[1].name"),
            "\0spec\0containers\x000\0ports\x001\0name"
        );
        assert_eq!(
            segments("metadata.labels[app.kubernetes.io/name]"),
            "\0metadata\0labels\0app.kubernetes.io/name"
        );
        assert_eq!(
            segments("metadata.labels.app"),
            segments("metadata.labels[app]")
        );
        assert_eq!(segments(""), "");
    }

    #[test]
    fn a_missing_field_is_placed_at_its_nearest_written_parent() {
        let mut positions = Positions::default();
        let at = |line, column| Position { line, column };
        positions.insert(String::new(), at(1, 1));
        positions.insert(segments("spec"), at(3, 1));
        positions.insert(segments("spec.containers[0]"), at(5, 3));
        assert_eq!(positions.locate("spec.containers[0]"), Some(at(5, 3)));
        assert_eq!(positions.locate("spec.containers[0].image"), Some(at(5, 3)));
        assert_eq!(positions.locate("spec.volumes[2].name"), Some(at(3, 1)));
        assert_eq!(positions.locate("metadata.name"), Some(at(1, 1)));
    }
}
