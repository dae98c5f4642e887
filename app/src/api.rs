//! Calls to the Podwright HTTP API.

use gloo_net::http::Request;
use podwright_core::model::Design;
use serde_json::json;

/// Exports `design` as YAML, or says why the server would not.
pub async fn export_yaml(design: &Design) -> Result<String, String> {
    let response = Request::post("/api/v1/export")
        .json(&json!({ "design": design }))
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let text = response.text().await.map_err(|e| e.to_string())?;
    if response.ok() { Ok(text) } else { Err(text) }
}
