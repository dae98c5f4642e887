//! `GET /api/v1/openapi.json`: the API described in OpenAPI 3.1, for scripts
//! and client generators. A test checks it against the real routes.

use axum::Json;
use serde_json::{Value, json};

/// A request body of manifests.
fn manifests_body() -> Value {
    json!({
        "required": true,
        "content": {
            "application/yaml": { "schema": { "type": "string" } },
            "application/json": { "schema": { "type": "object" } }
        }
    })
}

/// A request body carrying a design.
fn design_body() -> Value {
    json!({
        "required": true,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/DesignRequest" } } }
    })
}

/// The `?target=` and `?allowPrivileged=` parameters.
fn validation_parameters() -> Value {
    json!([
        { "name": "target", "in": "query", "schema": { "type": "string", "enum": ["1.33", "1.34", "1.35", "1.36", "1.37"] },
          "description": "Kubernetes version to validate for; the newest by default." },
        { "name": "allowPrivileged", "in": "query", "schema": { "type": "boolean" },
          "description": "Whether the cluster allows privileged containers; unknown (a warning) by default." }
    ])
}

fn json_answer(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn error_answer(description: &str) -> Value {
    json_answer(description, json!({ "$ref": "#/components/schemas/Error" }))
}

/// The document.
pub fn document() -> Value {
    let report = json!({ "$ref": "#/components/schemas/Report" });
    json!({
        "openapi": "3.1.0",
        "info": { "title": "Podwright API", "version": "1",
                  "description": "Validate, import and export multi-container Kubernetes Pods; read the pattern catalog." },
        "paths": {
            "/api/v1/validate": { "post": {
                "summary": "Validate manifests as the API server would, plus pattern-aware lints",
                "parameters": validation_parameters(),
                "requestBody": manifests_body(),
                "responses": {
                    "200": json_answer("The report, also for invalid manifests", report.clone()),
                    "400": error_answer("Not YAML, too deep, not Kubernetes objects"),
                    "413": error_answer("Too large"),
                    "415": error_answer("Not a manifest media type")
                }
            }},
            "/api/v1/import": { "post": {
                "summary": "Turn manifests into a design",
                "parameters": validation_parameters(),
                "requestBody": manifests_body(),
                "responses": {
                    "200": json_answer("The design and its report", json!({ "type": "object",
                        "properties": { "design": { "$ref": "#/components/schemas/Design" }, "report": report.clone() } })),
                    "400": error_answer("Not YAML, or no workload"),
                    "413": error_answer("Too large"),
                    "415": error_answer("Not a manifest media type")
                }
            }},
            "/api/v1/export": { "post": {
                "summary": "Write a design as manifests",
                "parameters": validation_parameters(),
                "requestBody": design_body(),
                "responses": {
                    "200": { "description": "The manifest", "content": {
                        "application/yaml": { "schema": { "type": "string" } },
                        "application/json": { "schema": { "type": "object" } } } },
                    "400": error_answer("Not a design"),
                    "413": error_answer("Too many containers or volumes"),
                    "422": json_answer("The design has errors", report.clone())
                }
            }},
            "/api/v1/preview": { "post": {
                "summary": "The designer's live view: the manifest and its report, whatever the findings",
                "parameters": validation_parameters(),
                "requestBody": design_body(),
                "responses": {
                    "200": json_answer("YAML and report", json!({ "type": "object",
                        "properties": { "yaml": { "type": "string" }, "report": report } })),
                    "400": error_answer("Not a design"),
                    "413": error_answer("Too many containers or volumes")
                }
            }},
            "/api/v1/rules": { "get": {
                "summary": "Every rule: id, origin, severity, summary and docs",
                "responses": { "200": json_answer("The rules", json!({ "type": "array", "items": { "type": "object",
                    "properties": { "id": { "type": "string" },
                                    "origin": { "type": "string", "enum": ["apiServerError", "apiServerWarning", "lint"] },
                                    "severity": { "$ref": "#/components/schemas/Severity" },
                                    "summary": { "type": "string" }, "docs": { "type": "string" } } } })) }
            }},
            "/api/v1/policies": { "get": {
                "summary": "The team's policies (from --policy): name, source file, what they match, their bindings' actions",
                "responses": { "200": json_answer("The policies, problems in their files, and the team's settings", json!({ "type": "object",
                    "required": ["policies", "issues", "settings"],
                    "properties": {
                        "policies": { "type": "array", "items": { "type": "object",
                            "properties": { "name": { "type": "string" }, "source": { "type": "string" }, "line": { "type": "integer" },
                                            "matches": { "type": "array", "items": { "type": "string" } },
                                            "bindings": { "type": "array", "items": { "type": "string" } },
                                            "validations": { "type": "integer" }, "paramKind": { "type": "string" },
                                            "issues": { "type": "array", "items": { "type": "object" } } } } },
                        "issues": { "type": "array", "items": { "type": "object" } },
                        "settings": { "type": "object" } } })) }
            }},
            "/api/v1/patterns": { "get": {
                "summary": "The catalog's pages",
                "responses": { "200": json_answer("Pages", json!({ "type": "array", "items": { "type": "object",
                    "properties": { "slug": { "type": "string" }, "title": { "type": "string" },
                                    "summary": { "type": "string" }, "tags": { "type": "array", "items": { "type": "string" } } } } })) }
            }},
            "/api/v1/patterns/{slug}": { "get": {
                "summary": "One catalog page, rendered, with its examples",
                "parameters": [{ "name": "slug", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^[a-z0-9-]+$" } }],
                "responses": {
                    "200": json_answer("The page", json!({ "type": "object" })),
                    "404": error_answer("No such page")
                }
            }},
            "/api/v1/search-index": { "get": {
                "summary": "The catalog's search index, to search in the browser",
                "responses": { "200": json_answer("The index", json!({ "type": "object" })) }
            }},
            "/api/v1/openapi.json": { "get": {
                "summary": "This document",
                "responses": { "200": json_answer("OpenAPI 3.1", json!({ "type": "object" })) }
            }},
            "/healthz": { "get": { "summary": "Liveness", "responses": { "200": { "description": "ok" } } } },
            "/readyz": { "get": { "summary": "Readiness: content loaded and not shutting down",
                "responses": { "200": { "description": "ready" }, "503": { "description": "loading content, or shutting down" } } } },
            "/metrics": { "get": { "summary": "Metrics in the Prometheus text format",
                "responses": { "200": { "description": "The metrics", "content": { "text/plain": { "schema": { "type": "string" } } } } } } }
        },
        "components": { "schemas": {
            "Error": { "type": "object", "required": ["error"], "properties": {
                "error": { "type": "string" }, "line": { "type": "integer" }, "column": { "type": "integer" } } },
            "Severity": { "type": "string", "enum": ["error", "warning", "info"] },
            "Finding": { "type": "object", "required": ["severity", "rule", "path", "message"], "properties": {
                "severity": { "$ref": "#/components/schemas/Severity" }, "rule": { "type": "string" },
                "path": { "type": "string" }, "message": { "type": "string" }, "help": { "type": "string" },
                "docs": { "type": "string" }, "document": { "type": "integer" } } },
            "Report": { "type": "object", "required": ["valid", "findings"], "properties": {
                "valid": { "type": "boolean" },
                "findings": { "type": "array", "items": { "$ref": "#/components/schemas/Finding" } },
                "facts": { "type": "object", "description": "Effective resources, QoS class, port map, start-up and shutdown order" } } },
            "Design": { "type": "object", "required": ["workload", "pod"], "description": "A workload and its Pod split into containers and volumes with ids (see core/src/model)" },
            "DesignRequest": { "type": "object", "required": ["design"], "properties": {
                "design": { "$ref": "#/components/schemas/Design" },
                "kind": { "type": "string", "enum": ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"] },
                "format": { "type": "string", "enum": ["yaml", "json"] } } }
        } }
    })
}

/// Serves the document.
pub async fn get() -> Json<Value> {
    Json(document())
}

#[cfg(test)]
mod tests {
    use super::document;
    use crate::{AppState, app};
    use axum::body::Body;
    use axum::http::{Method, Request, StatusCode};
    use std::collections::BTreeSet;
    use tower::ServiceExt;

    #[test]
    fn the_document_lists_exactly_the_routes_the_router_serves() {
        let documented: BTreeSet<String> = document()["paths"]
            .as_object()
            .unwrap()
            .keys()
            .filter_map(|path| path.strip_prefix("/api/v1").map(str::to_owned))
            .collect();
        let routed: BTreeSet<String> = super::super::routes()
            .into_iter()
            .map(|(path, _)| path.to_owned())
            .collect();
        assert_eq!(documented, routed);
    }

    #[tokio::test]
    async fn every_documented_operation_reaches_a_handler() {
        let doc = document();
        for (path, operations) in doc["paths"].as_object().unwrap() {
            for method in operations.as_object().unwrap().keys() {
                let uri = path.replace("{slug}", "sidecar");
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let request = Request::builder()
                    .method(method.clone())
                    .uri(&uri)
                    .header("content-type", "application/json")
                    .body(Body::from("{}"))
                    .unwrap();
                let status = app(AppState::default())
                    .oneshot(request)
                    .await
                    .unwrap()
                    .status();
                assert!(
                    status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {uri} answered {status}"
                );
            }
        }
    }
}
