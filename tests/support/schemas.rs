//! `kubernetes-validate --strict`: manifests against the Kubernetes JSON schemas
//! of the versions Podwright targets.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Kubernetes versions Podwright targets, oldest and newest.
pub const SCHEMA_VERSIONS: &[&str] = &["1.33.0", "1.37.0"];

/// Runs `kubernetes-validate --strict` for `version` over `files`; fails with its report.
pub fn check_schemas(validator: &Path, version: &str, files: &[PathBuf]) {
    let output = Command::new(validator)
        .args(["--strict", "--quiet", "--kubernetes-version", version])
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", validator.display()));
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "manifests fail the Kubernetes {version} schemas (strict):\n{report}"
    );
}

/// The pinned `kubernetes-validate` that `scripts/tools.sh --test` installs,
/// found in the tools cache or on PATH. Missing, the test fails: it never
/// passes by checking nothing.
pub fn kubernetes_validate() -> PathBuf {
    let pinned = pinned_version();
    let tools = std::env::var_os("PODWRIGHT_TOOLS")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache/podwright-tools"))
        });
    let cached = tools.map(|dir| {
        dir.join(format!("kubernetes-validate-{pinned}"))
            .join("bin/kubernetes-validate")
    });
    let candidates = cached
        .into_iter()
        .chain([PathBuf::from("kubernetes-validate")]);
    for candidate in candidates {
        let Ok(output) = Command::new(&candidate).arg("--version").output() else {
            continue;
        };
        let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if output.status.success() && version.ends_with(&pinned) {
            return candidate;
        }
    }
    panic!(
        "kubernetes-validate {pinned} is not installed: run scripts/tools.sh --test \
         (it installs the pinned version under $PODWRIGHT_TOOLS)"
    );
}

/// The version `scripts/tools.sh` pins.
fn pinned_version() -> String {
    let script = super::repo_root().join("scripts/tools.sh");
    let text =
        std::fs::read_to_string(&script).unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    text.lines()
        .find_map(|line| line.strip_prefix("KUBERNETES_VALIDATE_VERSION="))
        .map(|version| version.trim().to_owned())
        .expect("scripts/tools.sh pins KUBERNETES_VALIDATE_VERSION")
}
