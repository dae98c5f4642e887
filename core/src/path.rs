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

    /// This path followed by the field `name`.
    #[must_use]
    pub fn child(&self, name: &str) -> Self {
        let mut path = String::with_capacity(self.0.len() + 1 + name.len());
        path.push_str(&self.0);
        if !self.0.is_empty() {
            path.push('.');
        }
        path.push_str(name);
        FieldPath(path)
    }

    /// This path followed by the list index `index`.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        self.bracketed(itoa::Buffer::new().format(index))
    }

    /// This path followed by the map key `key`, printed as the API server does: `labels[app]`.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        self.bracketed(key)
    }

    /// This path followed by `[inner]`.
    fn bracketed(&self, inner: &str) -> Self {
        let mut path = String::with_capacity(self.0.len() + 2 + inner.len());
        path.push_str(&self.0);
        path.push('[');
        path.push_str(inner);
        path.push(']');
        FieldPath(path)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_like_the_api_server() {
        let path = FieldPath::root()
            .child("spec")
            .child("containers")
            .index(1)
            .child("ports")
            .index(0)
            .child("name");
        assert_eq!(path.to_string(), "spec.containers[1].ports[0].name");
        assert_eq!(
            FieldPath::root()
                .child("metadata")
                .child("labels")
                .key("app")
                .as_str(),
            "metadata.labels[app]"
        );
    }

    #[test]
    fn joined_paths_keep_the_api_servers_separators() {
        let items = FieldPath::root().child("items").index(2);
        assert_eq!(
            items.join("spec.containers[0]").as_str(),
            "items[2].spec.containers[0]"
        );
        assert_eq!(items.join("").as_str(), "items[2]");
        assert_eq!(FieldPath::root().join("metadata").as_str(), "metadata");
    }
}
