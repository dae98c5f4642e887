//! A rule's test documents: `Case`, and the `pod!` and `deployment!` macros
//! that wrap a Pod spec written as YAML in a whole document.

/// A Pod named `web` whose spec is the given YAML text (starting with a newline).
macro_rules! pod {
    ($body:literal) => {
        concat!(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:",
            $body
        )
    };
    (target: $target:literal, $body:literal) => {
        concat!(
            "# target: ",
            $target,
            "\napiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:",
            $body
        )
    };
}

/// A Deployment `web` (selector and labels `app: web`) whose Pod spec is the given text,
/// indented by six spaces and starting with a newline.
macro_rules! deployment {
    ($body:literal) => {
        concat!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:",
            $body
        )
    };
}

/// A document a rule must flag, and exactly what it reports there.
pub struct Case {
    /// The YAML; a first line `# target: 1.NN` sets the target version.
    pub yaml: &'static str,
    /// Every finding of the rule on `yaml`, in order, as (path, message).
    pub expect: &'static [(&'static str, &'static str)],
}
