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
