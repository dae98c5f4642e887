//! The HTTP API of the real `podwright` binary, over loopback.

use crate::support;

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

/// The UI's files go out as `scripts/build-ui.sh` compressed them, byte for
/// byte, to clients that accept brotli or gzip, and as they are to others.
#[tokio::test]
async fn ui_files_are_sent_precompressed_to_clients_that_accept_it() {
    let server = Server::start().await;
    let index = http::get(&server.url("/")).await.unwrap();
    let wasm = index
        .text()
        .split(['"', '\''])
        .find(|s| s.ends_with(".wasm"))
        .map(|s| s.trim_start_matches('/').to_owned())
        .expect("index.html names the UI's wasm");
    let dist = support::repo_root().join("dist");
    let on_disk =
        |name: &str| std::fs::read(dist.join(name)).expect("built by scripts/build-ui.sh");
    let url = server.url(&format!("/{wasm}"));
    for (accept, encoding, file) in [
        ("gzip, deflate, br", Some("br"), format!("{wasm}.br")),
        ("gzip", Some("gzip"), format!("{wasm}.gz")),
        ("br;q=0, gzip", Some("gzip"), format!("{wasm}.gz")),
        ("identity", None, wasm.clone()),
    ] {
        let response = http::send("GET", &url, &[("accept-encoding", accept)], "")
            .await
            .unwrap();
        assert_eq!(response.status, 200, "{accept}");
        assert_eq!(
            response.headers.get("content-encoding").map(String::as_str),
            encoding,
            "{accept}"
        );
        assert_eq!(response.headers["vary"], "accept-encoding", "{accept}");
        assert_eq!(
            response.headers["content-type"], "application/wasm",
            "{accept}"
        );
        assert!(
            response.body == on_disk(&file),
            "{accept}: not the bytes of {file}"
        );
    }
}

/// The designer holds containers, volumes and Pod settings as plain JSON and
/// relies on preview to refuse a field of the wrong type: 422, naming the
/// field, so that it can take the edit back. Fields the types do not know
/// are ignored, as before.
#[tokio::test]
async fn preview_refuses_a_field_of_the_wrong_type_and_names_it() {
    let server = Server::start().await;
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.3\n";
    let imported = http::post(&server.url("/api/v1/import"), "application/yaml", manifest)
        .await
        .unwrap();
    let design = imported.json()["design"].clone();
    let url = server.url("/api/v1/preview");
    let preview = |design: serde_json::Value| {
        let body = serde_json::json!({ "design": design, "kind": null }).to_string();
        http::post(&url, "application/json", body)
    };

    let mut wrong = design.clone();
    wrong["pod"]["settings"]["tolerations"] = "just a string".into();
    let refused = preview(wrong).await.unwrap();
    assert_eq!(refused.status, 422, "{}", refused.text());
    let error = refused.json()["error"].as_str().unwrap().to_owned();
    assert!(error.contains("pod.settings.tolerations"), "{error}");

    let mut wrong = design.clone();
    wrong["pod"]["containers"][0]["spec"]["ports"] =
        serde_json::json!([{ "containerPort": "http" }]);
    let refused = preview(wrong).await.unwrap();
    assert_eq!(refused.status, 422, "{}", refused.text());
    let error = refused.json()["error"].as_str().unwrap().to_owned();
    assert!(
        error.contains("pod.containers[0].spec.ports[0].containerPort"),
        "{error}"
    );

    let mut unknown = design.clone();
    unknown["pod"]["containers"][0]["spec"]["futureField"] = true.into();
    let answered = preview(unknown).await.unwrap();
    assert_eq!(answered.status, 200, "{}", answered.text());
    assert_eq!(answered.json()["yaml"].as_str().unwrap(), manifest);
}

/// The designer's YAML fields have their text read here: every document as
/// JSON, in kubectl's dialect; a syntax error comes with its line and column.
#[tokio::test]
async fn read_yaml_answers_the_documents_as_json() {
    let server = Server::start().await;
    let url = server.url("/api/v1/read-yaml");
    let text = "- key: dedicated\n  operator: Equal\n  value: \"yes\"\n  effect: NoSchedule\n- operator: Exists\n  tolerationSeconds: 300\n";
    let answer = http::post(&url, "application/yaml", text).await.unwrap();
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(
        answer.json(),
        serde_json::json!([[
            { "key": "dedicated", "operator": "Equal", "value": "yes", "effect": "NoSchedule" },
            { "operator": "Exists", "tolerationSeconds": 300 }
        ]])
    );
    let two = http::post(&url, "application/yaml", "a: 1\n---\nb: on\n")
        .await
        .unwrap();
    assert_eq!(
        two.json(),
        serde_json::json!([{ "a": 1 }, { "b": true }]),
        "YAML 1.1 booleans, as kubectl reads them"
    );

    let broken = http::post(&url, "application/yaml", "a: [\n")
        .await
        .unwrap();
    assert_eq!(broken.status, 400);
    let body = broken.json();
    assert!(
        body["error"].as_str().unwrap().starts_with("YAML"),
        "{body}"
    );
    assert!(body["line"].is_u64() && body["column"].is_u64(), "{body}");
    let empty = http::post(&url, "application/yaml", " \n").await.unwrap();
    assert_eq!(empty.status, 400);
}
