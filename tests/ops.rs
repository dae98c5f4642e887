//! What operators rely on, over the real binary: `/readyz` through shutdown,
//! `/metrics`, request ids, and JSON log lines.

use crate::support;

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};
use support::http;
use support::server::Server;

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.3\n";

/// A Pod the API server would refuse: its container has no image.
const POD_WITHOUT_IMAGE: &str =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n";

#[tokio::test]
async fn readyz_answers_503_from_sigterm_until_exit_while_requests_still_work() {
    let mut server = Server::launch(&["--shutdown-delay", "2"], &[]).await;
    let ready = http::get(&server.url("/readyz")).await.unwrap();
    assert_eq!((ready.status, ready.text().as_str()), (200, "ready"));

    server.signal("TERM");
    let deadline = Instant::now() + Duration::from_secs(2);
    let draining = loop {
        let answer = http::get(&server.url("/readyz")).await.unwrap();
        if answer.status == 503 || Instant::now() > deadline {
            break answer;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(
        (draining.status, draining.text().as_str()),
        (503, "shutting down")
    );
    // Draining: alive, and still answering what load balancers send late.
    assert_eq!(
        http::get(&server.url("/healthz")).await.unwrap().status,
        200
    );
    let validated = http::post(&server.url("/api/v1/validate"), "application/yaml", POD)
        .await
        .unwrap();
    assert_eq!(validated.status, 200);

    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = server.try_exit_status() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running 15 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status {status}");
}

/// The value of the sample named exactly `series` (name and labels as written).
fn sample(metrics: &str, series: &str) -> Option<f64> {
    metrics.lines().find_map(|line| {
        let (name, value) = line.rsplit_once(' ')?;
        (name == series).then(|| value.parse().ok()).flatten()
    })
}

#[tokio::test]
async fn metrics_count_requests_by_route_validations_findings_and_errors() {
    let server = Server::start().await;
    let pages = http::get(&server.url("/api/v1/patterns")).await.unwrap();
    let page_count = pages.json().as_array().unwrap().len();
    for slug in ["sidecar", "no-such-page", "another-missing-page"] {
        http::get(&server.url(&format!("/api/v1/patterns/{slug}")))
            .await
            .unwrap();
    }
    let report = http::post(
        &server.url("/api/v1/validate"),
        "application/yaml",
        POD_WITHOUT_IMAGE,
    )
    .await
    .unwrap()
    .json();
    let rule = report["findings"][0]["rule"].as_str().unwrap().to_owned();
    let severity = report["findings"][0]["severity"]
        .as_str()
        .unwrap()
        .to_owned();
    let bad_import = http::post(&server.url("/api/v1/import"), "application/yaml", "a: [")
        .await
        .unwrap();
    assert_eq!(bad_import.status, 400);
    let imported = http::post(
        &server.url("/api/v1/import"),
        "application/yaml",
        POD_WITHOUT_IMAGE,
    )
    .await
    .unwrap()
    .json();
    let body = serde_json::json!({ "design": imported["design"] }).to_string();
    let refused = http::post(&server.url("/api/v1/export"), "application/json", body)
        .await
        .unwrap();
    assert_eq!(refused.status, 422);

    let scrape = http::get(&server.url("/metrics")).await.unwrap();
    assert_eq!(scrape.status, 200);
    assert!(
        scrape.headers["content-type"].starts_with("text/plain; version=0.0.4"),
        "{:?}",
        scrape.headers
    );
    let metrics = scrape.text();
    let count = |series: &str| {
        sample(&metrics, series).unwrap_or_else(|| panic!("no {series} in:\n{metrics}"))
    };
    // By the matched route: two unknown slugs are one series, no raw path appears.
    assert_eq!(
        count(
            r#"podwright_http_requests_total{method="GET",route="/api/v1/patterns/{slug}",status="404"}"#
        ),
        2.0
    );
    assert_eq!(
        count(
            r#"podwright_http_requests_total{method="GET",route="/api/v1/patterns/{slug}",status="200"}"#
        ),
        1.0
    );
    assert!(!metrics.contains("no-such-page"));
    assert_eq!(
        count(
            r#"podwright_http_request_duration_seconds_count{method="POST",route="/api/v1/export",status="422"}"#
        ),
        1.0
    );
    assert_eq!(
        count(
            r#"podwright_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/v1/import",status="400"}"#
        ),
        1.0
    );
    assert_eq!(
        count(r#"podwright_validations_total{endpoint="validate"}"#),
        1.0
    );
    assert_eq!(
        count(r#"podwright_validations_total{endpoint="import"}"#),
        1.0
    );
    assert_eq!(
        count(r#"podwright_validations_total{endpoint="export"}"#),
        1.0
    );
    assert!(
        count(&format!(
            r#"podwright_findings_total{{rule="{rule}",severity="{severity}"}}"#
        )) >= 3.0,
        "validate, import and export each found {rule}"
    );
    assert_eq!(count(r#"podwright_import_errors_total{status="400"}"#), 1.0);
    assert_eq!(count(r#"podwright_export_errors_total{status="422"}"#), 1.0);
    assert_eq!(count("podwright_catalog_pages"), page_count as f64);
    assert_eq!(count("podwright_policies"), 0.0, "started without --policy");
    assert!(count("podwright_process_resident_memory_bytes") > 1_000_000.0);
}

#[tokio::test]
async fn request_ids_are_kept_or_made_up_and_returned() {
    let server = Server::start().await;
    let given = http::send(
        "GET",
        &server.url("/api/v1/patterns"),
        &[("x-request-id", "team-portal-7")],
        "",
    )
    .await
    .unwrap();
    assert_eq!(given.headers["x-request-id"], "team-portal-7");
    let first = http::get(&server.url("/healthz")).await.unwrap();
    let second = http::get(&server.url("/no/such/file.js")).await.unwrap();
    let (first, second) = (
        &first.headers["x-request-id"],
        &second.headers["x-request-id"],
    );
    assert_eq!(first.len(), 36, "a UUID: {first}");
    assert_ne!(first, second);
}

#[tokio::test]
async fn json_logs_carry_the_request_id() {
    let mut server = Server::spawn(
        &[],
        &[("PODWRIGHT_LOG_FORMAT", "json"), ("RUST_LOG", "info")],
        true,
    );
    // Read from the start: a full pipe would block the server's log writes.
    let stdout = server.take_stdout().unwrap();
    let (lines_tx, lines_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    server.wait_until_ready().await;
    let answer = http::send(
        "POST",
        &server.url("/api/v1/validate"),
        &[
            ("x-request-id", "req-json-42"),
            ("content-type", "application/yaml"),
        ],
        POD,
    )
    .await
    .unwrap();
    assert_eq!(answer.status, 200);

    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        let Ok(line) = lines_rx.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        let entry: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("a log line that is not JSON ({e}): {line}"));
        let span = &entry["span"];
        if span["request_id"] == "req-json-42" {
            assert_eq!(span["path"], "/api/v1/validate");
            assert_eq!(entry["level"], "INFO");
            return;
        }
        seen.push(line);
    }
    panic!("no log line with the request id; saw:\n{}", seen.join("\n"));
}
