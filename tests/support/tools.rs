//! The pinned test tools that `scripts/tools.sh --test` installs in the tools
//! cache: found there, or the test fails (it never passes by checking nothing).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `kubernetes-validate` virtual environment: its `bin/kubernetes-validate`
/// checks manifests against the Kubernetes JSON schemas, and its `bin/python`
/// has `jsonschema`, which other schema checks use.
pub fn kubernetes_validate_venv() -> PathBuf {
    let pinned = pinned("KUBERNETES_VALIDATE_VERSION");
    let tools = std::env::var_os("PODWRIGHT_TOOLS")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache/podwright-tools"))
        })
        .expect("PODWRIGHT_TOOLS or HOME is set");
    let venv = tools.join(format!("kubernetes-validate-{pinned}"));
    let output = Command::new(venv.join("bin/kubernetes-validate"))
        .arg("--version")
        .output();
    match output {
        Ok(output)
            if output.status.success()
                && String::from_utf8_lossy(&output.stdout)
                    .trim()
                    .ends_with(&pinned) =>
        {
            venv
        }
        _ => panic!(
            "kubernetes-validate {pinned} is not installed in {}: run scripts/tools.sh --test",
            venv.display()
        ),
    }
}

/// The version `scripts/tools.sh` pins for `variable`.
fn pinned(variable: &str) -> String {
    let script = super::repo_root().join("scripts/tools.sh");
    let text =
        std::fs::read_to_string(&script).unwrap_or_else(|e| panic!("{}: {e}", script.display()));
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{variable}=")))
        .map(|version| version.trim().to_owned())
        .unwrap_or_else(|| panic!("scripts/tools.sh pins {variable}"))
}
