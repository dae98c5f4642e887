//! Whatever arrives, the real server answers with a clear 4xx error, quickly,
//! and stays up.

use crate::support;

use std::time::{Duration, Instant};
use support::http::{self, Response};
use support::server::Server;

/// No hostile request may keep the server busy for long.
const PATIENCE: Duration = Duration::from_secs(5);

/// Sends a request, checks the status, the `{ "error" }` message and the answer
/// time, then that the server still answers `/healthz`.
async fn expect_refusal(
    server: &Server,
    send: impl std::future::Future<Output = Result<Response, String>>,
    status: u16,
    message: &str,
) {
    let started = Instant::now();
    let response = send
        .await
        .unwrap_or_else(|e| panic!("no answer for the case {message:?}: {e}"));
    let took = started.elapsed();
    assert_eq!(response.status, status, "{}", response.text());
    let error = response.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        error.contains(message),
        "{error:?} does not say {message:?}"
    );
    assert!(took < PATIENCE, "took {took:?}");
    let health = http::get(&server.url("/healthz"))
        .await
        .expect("the server is still up");
    assert_eq!(health.status, 200);
}

fn pod_with_containers(count: usize) -> String {
    let containers: String = (0..count)
        .map(|i| format!("    - name: c{i}\n      image: busybox:1.37.0\n"))
        .collect();
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n{containers}")
}

#[tokio::test]
async fn hostile_manifests_get_clear_errors_and_leave_the_server_up() {
    let server = Server::start().await;
    let validate = server.url("/api/v1/validate");
    let import = server.url("/api/v1/import");
    let yaml = "application/yaml";

    let huge = "a".repeat(3 * 1024 * 1024);
    expect_refusal(
        &server,
        http::post(&validate, yaml, huge),
        413,
        "larger than",
    )
    .await;
    expect_refusal(
        &server,
        http::post_announcing(&validate, yaml, 3 * 1024 * 1024),
        413,
        "larger than",
    )
    .await;

    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    expect_refusal(&server, http::post(&validate, yaml, deep), 400, "nesting").await;

    let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        laughs.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    expect_refusal(&server, http::post(&import, yaml, laughs), 400, "nodes").await;

    let many_documents = "---\na: 1\n".repeat(150);
    expect_refusal(
        &server,
        http::post(&validate, yaml, many_documents),
        400,
        "more than 100 documents",
    )
    .await;

    expect_refusal(
        &server,
        http::post(&import, yaml, pod_with_containers(300)),
        413,
        "at most 250",
    )
    .await;
    expect_refusal(
        &server,
        http::post(&validate, yaml, pod_with_containers(300)),
        413,
        "at most 250",
    )
    .await;

    let long_value = format!("a: {}\n", "x".repeat(1_100_000));
    expect_refusal(
        &server,
        http::post(&validate, yaml, long_value),
        400,
        "longer than",
    )
    .await;

    expect_refusal(
        &server,
        http::post(&validate, yaml, vec![0xff, 0xfe, b'a']),
        400,
        "not UTF-8",
    )
    .await;
    expect_refusal(&server, http::post(&validate, yaml, ""), 400, "empty").await;
    expect_refusal(
        &server,
        http::post(&validate, yaml, "   \n# only a comment\n"),
        400,
        "empty",
    )
    .await;
    expect_refusal(
        &server,
        http::post(&validate, yaml, "just a string"),
        400,
        "not a Kubernetes object",
    )
    .await;
    expect_refusal(
        &server,
        http::post(&import, yaml, "- a\n- b\n"),
        400,
        "not a Kubernetes object",
    )
    .await;
    expect_refusal(
        &server,
        http::post(&import, yaml, "apiVersion: v1\nkind: ConfigMap\n"),
        400,
        "no workload",
    )
    .await;
    expect_refusal(
        &server,
        http::post(&validate, yaml, "a: [1, 2\n"),
        400,
        "line",
    )
    .await;
    expect_refusal(
        &server,
        http::post(&validate, yaml, "a: !custom x\n"),
        400,
        "unsupported tag",
    )
    .await;
    expect_refusal(
        &server,
        http::post(&validate, "multipart/form-data", "a: 1"),
        415,
        "unsupported content type",
    )
    .await;
    expect_refusal(
        &server,
        http::post(&validate, "image/png", "a: 1"),
        415,
        "unsupported content type",
    )
    .await;
    expect_refusal(
        &server,
        http::post(
            &validate.replace("validate", "validate?target=1.20"),
            yaml,
            "a: 1",
        ),
        400,
        "unsupported Kubernetes version",
    )
    .await;
}

#[tokio::test]
async fn hostile_designs_get_clear_errors() {
    let server = Server::start().await;
    let export = server.url("/api/v1/export");
    let json = "application/json";
    expect_refusal(&server, http::post(&export, json, "{not json"), 400, "").await;
    expect_refusal(&server, http::post(&export, json, "[]"), 422, "").await;
    expect_refusal(
        &server,
        http::post(&export, json, r#"{"design": 5}"#),
        422,
        "design",
    )
    .await;
    expect_refusal(&server, http::post(&export, "text/plain", "{}"), 415, "").await;
    let nested = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    expect_refusal(&server, http::post(&export, json, nested), 400, "").await;
    let body = http::post(
        &server.url("/api/v1/import"),
        "application/yaml",
        pod_with_containers(200),
    )
    .await
    .unwrap();
    let mut design = body.json()["design"].clone();
    let containers = design["pod"]["containers"].as_array().unwrap().clone();
    let doubled: Vec<_> = containers.iter().chain(&containers).cloned().collect();
    design["pod"]["containers"] = serde_json::Value::Array(doubled);
    let request = serde_json::json!({ "design": design }).to_string();
    expect_refusal(
        &server,
        http::post(&export, json, request),
        413,
        "at most 250",
    )
    .await;
}

#[tokio::test]
async fn no_path_reaches_outside_the_ui_and_the_content() {
    let server = Server::start().await;
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fCargo.toml",
        "/public/..%2f..%2fCargo.toml",
        "/api/v1/patterns/..%2f..%2fCargo.toml",
        "/api/v1/patterns/%2e%2e",
        "/Cargo.toml",
        "/server/src/main.rs",
    ] {
        let response = http::get(&server.url(path)).await.expect("an answer");
        let text = response.text();
        assert!(
            !text.contains("[workspace]") && !text.contains("root:x:0"),
            "{path} leaked:\n{text}"
        );
        assert!(
            response.status == 404 || text.contains("<title>Podwright</title>"),
            "{path}: {}",
            response.status
        );
    }
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let server = Server::start().await;
    for path in ["/", "/designer", "/api/v1/patterns", "/api/v1/nope"] {
        let response = http::get(&server.url(path)).await.unwrap();
        let csp = &response.headers["content-security-policy"];
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(response.headers["x-content-type-options"], "nosniff");
        assert_eq!(response.headers["referrer-policy"], "no-referrer");
    }
    let index = http::get(&server.url("/")).await.unwrap();
    assert_eq!(index.headers["cache-control"], "no-cache");
    let asset = index
        .text()
        .split('"')
        .find(|s| s.ends_with(".js") && s.starts_with('/'))
        .map(str::to_owned)
        .expect("the UI's script");
    let asset = http::get(&server.url(&asset)).await.unwrap();
    assert!(asset.headers["cache-control"].contains("immutable"));
}
