//! The HTTP API of the real `podwright` binary, over loopback.

mod support;

use support::http;
use support::server::Server;

#[tokio::test]
async fn healthz_answers() {
    let server = Server::start().await;
    let response = http::get(&server.url("/healthz")).await.unwrap();
    assert_eq!(response.status, 200);
}

#[tokio::test]
async fn import_then_export_gives_back_the_pod() {
    let server = Server::start().await;
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.3\n";
    let imported = http::post(&server.url("/api/v1/import"), "application/yaml", manifest)
        .await
        .unwrap();
    assert_eq!(imported.status, 200, "{}", imported.text());
    let design = imported.json()["design"].clone();
    let body = serde_json::json!({ "design": design }).to_string();
    let exported = http::post(&server.url("/api/v1/export"), "application/json", body)
        .await
        .unwrap();
    assert_eq!(exported.status, 200, "{}", exported.text());
    assert_eq!(exported.headers["content-type"], "application/yaml");
    assert_eq!(exported.text(), manifest);
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s_and_app_routes_fall_back_to_the_ui() {
    let server = Server::start().await;
    let missing = http::get(&server.url("/api/v1/nope")).await.unwrap();
    assert_eq!(missing.status, 404);
    assert!(
        missing.json()["error"]
            .as_str()
            .unwrap()
            .contains("/api/v1/nope")
    );
    let deep_link = http::get(&server.url("/designer")).await.unwrap();
    assert_eq!(deep_link.status, 200);
    assert!(
        deep_link.text().contains("<title>Podwright</title>"),
        "{}",
        deep_link.text()
    );
    let missing_asset = http::get(&server.url("/nope.js")).await.unwrap();
    assert_eq!(missing_asset.status, 404);
}
