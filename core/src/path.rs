//! Field paths as the API server prints them.

use std::fmt;

/// A field path as the API server prints it: `spec.containers[0].ports[1].name`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(String);

impl FieldPath {
    /// The path of the object's root (prints as the empty string).
    pub fn root() -> Self {
        FieldPath(String::new())
    }

    /// A path from its printed form.
    pub fn parse(path: &str) -> Self {
        FieldPath(path.to_owned())
    }

    /// This path followed by `rest`, a printed path relative to it.
    #[must_use]
    pub fn join(&self, rest: &str) -> Self {
        match (self.0.is_empty(), rest.is_empty() || rest.starts_with('[')) {
            (true, _) => FieldPath(rest.to_owned()),
            (false, true) => FieldPath(format!("{}{rest}", self.0)),
            (false, false) => FieldPath(format!("{}.{rest}", self.0)),
        }
    }

    /// The printed form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Going down from a path to a field, list item or map key below it.
///
/// The paths it gives are printed only when shown, so a rule can name the
/// field it checks without paying for a string when it finds nothing:
/// `c.path.child("ports").index(1).child("name")` allocates nothing until a
/// finding prints it.
pub trait Descend: fmt::Display + Copy {
    /// Whether this is the root path, which prints as nothing.
    fn is_root(&self) -> bool;

    /// This path followed by the field `name` (or by several, joined by dots).
    fn child(self, name: &str) -> SubPath<'_, Self> {
        SubPath {
            parent: self,
            segment: Segment::Field(name),
        }
    }

    /// This path followed by the list index `index`.
    fn index(self, index: usize) -> SubPath<'static, Self> {
        SubPath {
            parent: self,
            segment: Segment::Index(index),
        }
    }

    /// This path followed by the map key `key`, printed as the API server does: `labels[app]`.
    fn key(self, key: &str) -> SubPath<'_, Self> {
        SubPath {
            parent: self,
            segment: Segment::Key(key),
        }
    }

    /// The path printed, to keep.
    fn to_path(self) -> FieldPath {
        FieldPath(self.to_string())
    }
}

impl Descend for &FieldPath {
    fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    fn to_path(self) -> FieldPath {
        self.clone()
    }
}

impl<P: Descend> Descend for &P {
    fn is_root(&self) -> bool {
        (*self).is_root()
    }
}

/// A path one segment below `parent`, not printed until shown.
#[derive(Clone, Copy, Debug)]
pub struct SubPath<'a, P> {
    parent: P,
    segment: Segment<'a>,
}

/// The last segment of a [`SubPath`].
#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    /// `.name` (or `name` at the root).
    Field(&'a str),
    /// `[index]`.
    Index(usize),
    /// `[key]`.
    Key(&'a str),
}

impl<P: Descend> Descend for SubPath<'_, P> {
    fn is_root(&self) -> bool {
        false
    }
}

impl<P: Descend> fmt::Display for SubPath<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.parent.fmt(f)?;
        match self.segment {
            Segment::Field(name) if self.parent.is_root() => f.write_str(name),
            Segment::Field(name) => write!(f, ".{name}"),
            Segment::Index(index) => write!(f, "[{index}]"),
            Segment::Key(key) => write!(f, "[{key}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_the_api_server() {
        let root = FieldPath::root();
        let path = root
            .child("spec")
            .child("containers")
            .index(1)
            .child("ports")
            .index(0)
            .child("name");
        assert_eq!(path.to_string(), "spec.containers[1].ports[0].name");
        assert_eq!(
            root.child("metadata").child("labels").key("app").to_path(),
            FieldPath::parse("metadata.labels[app]")
        );
    }

    #[test]
    fn sub_paths_print_the_same_however_they_are_reached() {
        let root = FieldPath::root();
        let first = root.child("spec").child("containers").index(0);
        assert_eq!(
            (&first).child("name").to_string(),
            "spec.containers[0].name"
        );
        assert_eq!(root.key("app").to_string(), "[app]");
        assert_eq!(
            FieldPath::parse("spec")
                .child("resources.limits")
                .key("cpu")
                .to_path(),
            FieldPath::parse("spec.resources.limits[cpu]")
        );
    }

    #[test]
    fn joined_paths_keep_the_api_servers_separators() {
        let items = FieldPath::parse("items").index(2).to_path();
        assert_eq!(
            items.join("spec.containers[0]").as_str(),
            "items[2].spec.containers[0]"
        );
        assert_eq!(items.join("").as_str(), "items[2]");
        assert_eq!(FieldPath::root().join("metadata").as_str(), "metadata");
    }
}
