//! Calls to the Podwright HTTP API. Errors come back as the text a person
//! should read: the server's `{ "error" }` message where it sent one.

use crate::design::Design;
use crate::json;
use gloo_net::http::{Request, Response};
use podwright_core::api::{ErrorBody, Preview};
use podwright_core::model::WorkloadKind;
use podwright_core::report::Report;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use web_sys::AbortSignal;

/// `POST /api/v1/preview` bodies, as core's `DesignRequest` writes them
/// (the format left out: preview always answers YAML).
#[derive(Serialize)]
struct DesignRequest<'a> {
    design: &'a Design,
    kind: Option<WorkloadKind>,
}

/// `POST /api/v1/import` answers, as core's `Imported`, with the UI's design.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Imported {
    /// The design of the first workload.
    pub design: Design,
    /// Validation of all documents as they came in.
    pub report: Report,
}

/// Why a preview failed.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewFailure {
    /// True when the server read the request and refused the design's shape
    /// (a field of the wrong type: 422), so the design itself is at fault.
    pub refused: bool,
    /// What the server (or the network) said.
    pub body: ErrorBody,
}

/// Exports and validates the design; `signal` cancels the request.
pub async fn preview(
    design: &Design,
    kind: Option<WorkloadKind>,
    signal: Option<&AbortSignal>,
) -> Result<Preview, PreviewFailure> {
    let failure = |body| PreviewFailure {
        refused: false,
        body,
    };
    let body = DesignRequest { design, kind };
    let text = json::to_text(&body).map_err(|e| failure(ErrorBody::new(e)))?;
    let request = Request::post("/api/v1/preview")
        .abort_signal(signal)
        .header("content-type", "application/json")
        .body(text)
        .map_err(|e| failure(ErrorBody::new(e)))?;
    let response = request
        .send()
        .await
        .map_err(|e| failure(ErrorBody::new(e)))?;
    let refused = response.status() == 422;
    read_json(response)
        .await
        .map_err(|body| PreviewFailure { refused, body })
}

/// Imports manifests (YAML or JSON) as a design.
pub async fn import(text: &str) -> Result<Imported, ErrorBody> {
    post_yaml("/api/v1/import", text).await
}

/// Reads YAML (kubectl's dialect) on the server: its documents, in order.
pub async fn read_yaml(text: &str) -> Result<Vec<serde_json::Value>, ErrorBody> {
    post_yaml("/api/v1/read-yaml", text).await
}

/// Posts YAML text to `path` and reads the JSON answer.
async fn post_yaml<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, ErrorBody> {
    let response = Request::post(path)
        .header("content-type", "application/yaml")
        .body(text.to_owned())
        .map_err(ErrorBody::new)?
        .send()
        .await
        .map_err(ErrorBody::new)?;
    read_json(response).await
}

/// Reads a JSON answer, or the error the server sent.
pub async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ErrorBody> {
    if response.ok() {
        let text = response.binary().await.map_err(ErrorBody::new)?;
        json::from_text(&text).map_err(ErrorBody::new)
    } else {
        let text = response.binary().await.unwrap_or_default();
        match json::from_text::<ErrorBody>(&text) {
            Ok(error) => Err(error),
            Err(_) => Err(ErrorBody::new(format!(
                "the server answered {}",
                response.status()
            ))),
        }
    }
}

/// `GET` a JSON resource.
pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, ErrorBody> {
    read_json(Request::get(url).send().await.map_err(ErrorBody::new)?).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bodies_are_core_s() {
        let design = Design::new_pod("web");
        let core_design = podwright_core::model::Design::new_pod("web");
        let ours = serde_json::to_value(DesignRequest {
            design: &design,
            kind: Some(WorkloadKind::Job),
        })
        .unwrap();
        let core = serde_json::to_value(podwright_core::api::DesignRequest {
            design: core_design.clone(),
            kind: Some(WorkloadKind::Job),
            format: podwright_core::api::Format::Yaml,
        })
        .unwrap();
        assert_eq!(ours, core);
        let answer = serde_json::to_value(podwright_core::api::Imported {
            design: core_design,
            report: Report::default(),
        })
        .unwrap();
        let imported: Imported = serde_json::from_value(answer).unwrap();
        assert_eq!(imported.design, design);
        assert_eq!(
            serde_json::to_value(&imported.design).unwrap()["pod"]["settings"],
            json!({ "containers": [] })
        );
    }
}
