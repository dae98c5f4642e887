//! Real manifests round-trip through the real server's import and export:
//! kubectl reads our YAML exactly as it read the original, and a YAML 1.2
//! reader sees in our YAML what kubectl saw in the original.

use crate::support;

use podwright_core::yaml::{Limits, read_documents};
use std::path::{Path, PathBuf};
use support::files_below;
use support::kubectl::Kubectl;
use support::round_trip::check_file;
use support::server::Server;
use support::shared_dir;

/// The complete workload examples of the seed documents: fenced YAML blocks
/// that read as a workload (fragments are left out).
fn seed_examples(out: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for seed in files_below(&shared_dir().join("seeds")) {
        let text = std::fs::read_to_string(&seed).expect("a seed");
        for (index, block) in text.split("```yaml").skip(1).enumerate() {
            let yaml = block.split("```").next().unwrap_or_default();
            let documents = read_documents(yaml, &Limits::default()).unwrap_or_default();
            let has_workload = documents.iter().any(|d| {
                matches!(
                    d["kind"].as_str(),
                    Some("Pod" | "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob")
                ) && d["spec"].is_object()
            });
            if has_workload {
                let name = format!(
                    "{}-{index}.yaml",
                    seed.file_stem().unwrap().to_string_lossy()
                );
                let path = out.join(name);
                std::fs::write(&path, yaml).expect("a temporary file");
                files.push(path);
            }
        }
    }
    files
}

// kubectl runs as a blocking child process: the stand-in needs a second worker thread.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corpus_and_seed_examples_read_the_same_to_kubectl_after_a_round_trip() {
    let server = Server::start().await;
    let kubectl = Kubectl::start().await;
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let mut files = files_below(&shared_dir().join("corpus/valid"));
    let seeds = seed_examples(scratch.path());
    assert!(
        seeds.len() >= 10,
        "only {} seed examples found",
        seeds.len()
    );
    files.extend(seeds);

    let mut failures = Vec::new();
    for file in &files {
        let label = file.display().to_string();
        failures.extend(
            check_file(&server, &kubectl, scratch.path(), file, &label)
                .await
                .1,
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} files failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}
