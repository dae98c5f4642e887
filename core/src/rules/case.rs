//! A rule's test documents: `Case`, and the macros (`pod!`, `deployment!`,
//! `statefulset!`, `job!`, `cronjob!`) that wrap the YAML a case is about in
//! a whole document.

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

/// A Deployment `web` (selector and labels `app: web`). With a body: its Pod
/// spec is the given text, indented by six spaces and starting with a
/// newline. With `spec:`: the given fields of the Deployment's spec, indented
/// by two spaces between newlines, and an nginx container.
macro_rules! deployment {
    ($body:literal) => {
        concat!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:",
            $body
        )
    };
    (target: $target:literal, $body:literal) => {
        concat!("# target: ", $target, "\n", deployment!($body))
    };
    (spec: $fields:literal) => {
        concat!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:",
            $fields,
            "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: web, image: nginx:1.27}\n"
        )
    };
}

/// A StatefulSet `db` of postgres Pods (`app: db`) with the given fields of
/// its spec, indented by two spaces between newlines.
macro_rules! statefulset {
    ($fields:literal) => {
        concat!(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:",
            $fields,
            "  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - {name: db, image: postgres:17}\n"
        )
    };
}

/// A Job `train` whose Pod runs busybox once (`restartPolicy: Never`), with
/// the given fields of its spec, indented by two spaces between newlines.
macro_rules! job {
    ($fields:literal) => {
        concat!(
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: train}\nspec:",
            $fields,
            "  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: main, image: busybox:1.37}\n"
        )
    };
}

/// A CronJob `report` running busybox (`restartPolicy: OnFailure`), with the
/// given fields of its spec (its schedule among them), indented by two
/// spaces between newlines.
macro_rules! cronjob {
    ($fields:literal) => {
        concat!(
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:",
            $fields,
            "  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - {name: report, image: busybox:1.37}\n"
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
