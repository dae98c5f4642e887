//! Calls to the Podwright HTTP API. Errors come back as the text a person
//! should read: the server's `{ "error" }` message where it sent one.

use crate::json;
use gloo_net::http::{Request, Response};
use podwright_core::api::{DesignRequest, ErrorBody, Format, Imported, Preview};
use podwright_core::model::{Design, WorkloadKind};
use serde::de::DeserializeOwned;
use web_sys::AbortSignal;

/// Exports and validates the design; `signal` cancels the request.
pub async fn preview(
    design: Design,
    kind: Option<WorkloadKind>,
    signal: Option<&AbortSignal>,
) -> Result<Preview, ErrorBody> {
    let body = DesignRequest {
        design,
        kind,
        format: Format::Yaml,
    };
    let request = Request::post("/api/v1/preview")
        .abort_signal(signal)
        .header("content-type", "application/json")
        .body(json::to_text(&body).map_err(ErrorBody::new)?)
        .map_err(ErrorBody::new)?;
    read_json(request.send().await.map_err(ErrorBody::new)?).await
}

/// Imports manifests (YAML or JSON) as a design.
pub async fn import(text: &str) -> Result<Imported, ErrorBody> {
    let response = Request::post("/api/v1/import")
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
