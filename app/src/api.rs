//! Calls to the Podwright HTTP API. Errors come back as the text a person
//! should read: the server's `{ "error" }` message where it sent one.

use gloo_net::http::{Request, Response};
use podwright_core::model::{Design, WorkloadKind};
use podwright_core::report::Report;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use web_sys::AbortSignal;

/// What the designer shows after an edit.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Preview {
    /// The exported manifest.
    pub yaml: String,
    /// Findings and derived facts.
    pub report: Report,
}

/// A design made from manifests.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Imported {
    /// The design of the first workload.
    pub design: Design,
    /// Validation of the manifests as they came.
    pub report: Report,
}

/// An error answer: what went wrong (YAML errors name their line and column).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ApiError {
    /// The message.
    pub error: String,
}

impl ApiError {
    fn new(error: impl ToString) -> Self {
        ApiError {
            error: error.to_string(),
        }
    }
}

/// Exports and validates the design; `signal` cancels the request.
pub async fn preview(
    design: &Design,
    kind: Option<WorkloadKind>,
    signal: Option<&AbortSignal>,
) -> Result<Preview, ApiError> {
    let request = Request::post("/api/v1/preview")
        .abort_signal(signal)
        .json(&json!({ "design": design, "kind": kind }))
        .map_err(ApiError::new)?;
    read_json(request.send().await.map_err(ApiError::new)?).await
}

/// Imports manifests (YAML or JSON) as a design.
pub async fn import(text: &str) -> Result<Imported, ApiError> {
    let response = Request::post("/api/v1/import")
        .header("content-type", "application/yaml")
        .body(text.to_owned())
        .map_err(ApiError::new)?
        .send()
        .await
        .map_err(ApiError::new)?;
    read_json(response).await
}

/// Reads a JSON answer, or the error the server sent.
pub async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response.json().await.map_err(ApiError::new)
    } else {
        match response.json::<ApiError>().await {
            Ok(error) => Err(error),
            Err(_) => Err(ApiError::new(format!(
                "the server answered {}",
                response.status()
            ))),
        }
    }
}

/// `GET` a JSON resource.
pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    read_json(Request::get(url).send().await.map_err(ApiError::new)?).await
}
