//! Replicas need nothing shared: three servers behind a round-robin proxy
//! answer the designer's calls as one, whichever replica each call reaches.

use crate::support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use support::http;
use support::server::Server;
use tokio::net::{TcpListener, TcpStream};

/// A TCP proxy on loopback sending each new connection to the next backend.
struct RoundRobin {
    /// `http://127.0.0.1:PORT` of the proxy.
    url: String,
    /// Connections each backend received.
    served: Arc<Vec<AtomicUsize>>,
}

impl RoundRobin {
    async fn start(backends: Vec<String>) -> RoundRobin {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served: Arc<Vec<AtomicUsize>> =
            Arc::new(backends.iter().map(|_| AtomicUsize::new(0)).collect());
        let counts = served.clone();
        tokio::spawn(async move {
            let mut next = 0;
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    continue;
                };
                let index = next % backends.len();
                next += 1;
                counts[index].fetch_add(1, Ordering::SeqCst);
                let backend = backends[index].clone();
                tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(&backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        RoundRobin { url, served }
    }
}

/// The designer's session: open the catalog, import a manifest, edit it
/// through previews, validate, export. Every call must answer 200.
async fn designer_session(base: &str, round: usize) -> String {
    let call = |method: &'static str, path: &'static str, kind: &'static str, body: String| {
        let url = format!("{base}{path}");
        async move {
            let answer = http::send(method, &url, &[("content-type", kind)], body)
                .await
                .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
            assert_eq!(answer.status, 200, "{method} {path}: {}", answer.text());
            answer
        }
    };
    let get = |path: &'static str| call("GET", path, "text/plain", String::new());
    let patterns = get("/api/v1/patterns").await.json();
    assert!(!patterns.as_array().unwrap().is_empty());
    get("/api/v1/patterns/sidecar").await;
    get("/api/v1/search-index").await;
    get("/api/v1/rules").await;

    let manifest = format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-{round}\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27.3\n        - name: proxy\n          image: envoyproxy/envoy:v1.32.1\n"
    );
    let design = call(
        "POST",
        "/api/v1/import",
        "application/yaml",
        manifest.clone(),
    )
    .await
    .json()["design"]
        .clone();
    let request = serde_json::json!({ "design": design }).to_string();
    let preview = call(
        "POST",
        "/api/v1/preview",
        "application/json",
        request.clone(),
    )
    .await
    .json();
    call("POST", "/api/v1/validate", "application/yaml", manifest).await;
    let exported = call("POST", "/api/v1/export", "application/json", request)
        .await
        .text();
    assert_eq!(
        preview["yaml"],
        exported.as_str(),
        "preview and export agree"
    );
    exported
}

#[tokio::test]
async fn three_replicas_behind_a_round_robin_proxy_answer_as_one() {
    let (a, b, c) = tokio::join!(Server::start(), Server::start(), Server::start());
    let backends = [&a, &b, &c]
        .iter()
        .map(|server| server.base_url.trim_start_matches("http://").to_owned())
        .collect();
    let proxy = RoundRobin::start(backends).await;

    let mut sessions = Vec::new();
    for round in 0..12 {
        let url = proxy.url.clone();
        sessions.push(tokio::spawn(async move {
            (round, designer_session(&url, round).await)
        }));
    }
    for session in sessions {
        let (round, exported) = session.await.unwrap();
        assert!(
            exported.contains(&format!("name: web-{round}\n")),
            "{exported}"
        );
    }
    let served: Vec<usize> = proxy
        .served
        .iter()
        .map(|count| count.load(Ordering::SeqCst))
        .collect();
    assert_eq!(served.iter().sum::<usize>(), 12 * 8);
    assert!(
        served.iter().all(|&count| count == 32),
        "round robin spreads evenly: {served:?}"
    );
}
