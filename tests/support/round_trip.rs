//! Import then export over HTTP, and how readers see the result: what the
//! round-trip tests of real manifests share.

use super::http;
use super::server::Server;
use serde_json::{Value, json};

/// Imports `yaml` and exports the design again, over HTTP. The preview
/// endpoint exports whatever the findings: a few "valid" corpus files break
/// a rule (`protocol: tcp`), and the round trip must keep them as they are.
pub async fn import_export(server: &Server, yaml: &str) -> Result<String, String> {
    let imported = http::post(
        &server.url("/api/v1/import"),
        "application/yaml",
        yaml.to_owned(),
    )
    .await?;
    if imported.status != 200 {
        return Err(format!(
            "import answered {}: {}",
            imported.status,
            imported.text()
        ));
    }
    let body = json!({ "design": imported.json()["design"] }).to_string();
    let preview = http::post(&server.url("/api/v1/preview"), "application/json", body).await?;
    if preview.status != 200 {
        return Err(format!(
            "preview answered {}: {}",
            preview.status,
            preview.text()
        ));
    }
    Ok(preview.json()["yaml"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// What a YAML 1.2 reader (serde_norway, libyaml's core schema) sees.
pub fn yaml_1_2(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .map(|document| {
            serde::Deserialize::deserialize(document).expect("YAML 1.2 reads our output")
        })
        .filter(|v: &Value| !v.is_null())
        .collect()
}

/// kubectl fills in `namespace: default` where none is written: compare without it.
pub fn without_default_namespace(mut objects: Vec<Value>) -> Vec<Value> {
    for object in &mut objects {
        if object["metadata"]["namespace"] == "default"
            && let Some(metadata) = object["metadata"].as_object_mut()
        {
            metadata.shift_remove("namespace");
        }
    }
    objects
}

/// Round-trips one manifest file through import and export and compares
/// what kubectl and a YAML 1.2 reader see. Returns what kubectl read from the
/// original (when it and the export could be read), and every problem found,
/// each starting with `label`.
pub async fn check_file(
    server: &Server,
    kubectl: &super::kubectl::Kubectl,
    scratch: &std::path::Path,
    file: &std::path::Path,
    label: &str,
) -> (Option<Vec<Value>>, Vec<String>) {
    let original = std::fs::read_to_string(file).expect("a manifest");
    let exported = match import_export(server, &original).await {
        Ok(text) => text,
        Err(e) => return (None, vec![format!("{label}: {e}")]),
    };
    let written = scratch.join("exported.yaml");
    std::fs::write(&written, &exported).expect("a temporary file");
    let (before, after) = match (kubectl.read(file), kubectl.read(&written)) {
        (Ok(before), Ok(after)) => (before, after),
        (before, after) => {
            let problem = format!("{label}: kubectl: {:?} / {:?}", before.err(), after.err());
            return (None, vec![problem]);
        }
    };
    let mut problems = Vec::new();
    if before != after {
        problems.push(format!(
            "{label}: kubectl reads the export differently\n{exported}"
        ));
    }
    if without_default_namespace(yaml_1_2(&exported)) != without_default_namespace(before.clone()) {
        problems.push(format!(
            "{label}: a YAML 1.2 reader sees something else\n{exported}"
        ));
    }
    (Some(before), problems)
}
