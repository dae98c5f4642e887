//! The catalog endpoints through the whole router, without a socket.

use crate::catalog::{Catalog, ContentSource};
use crate::{AppState, app};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

const CUSTOM_PAGE: &str = "---\nslug: team-proxy\ntitle: Our egress proxy\nsummary: How our team runs its egress proxy.\ntags: [team, proxy]\norder: 3\nrelated: [team-proxy]\nexamples:\n  - id: proxy\n    title: The proxy next to the app\n    file: team-proxy/proxy.yaml\n---\nIntro.\n\n## Setup\n\n```example\nproxy\n```\n";
const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n";

/// State serving a folder with one good team page and one broken page.
fn custom_state() -> (AppState, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("team-proxy")).unwrap();
    std::fs::write(dir.path().join("team-proxy.md"), CUSTOM_PAGE).unwrap();
    std::fs::write(dir.path().join("team-proxy/proxy.yaml"), POD).unwrap();
    std::fs::write(dir.path().join("broken.md"), "---\nslug: broken\n").unwrap();
    let catalog = Catalog::load(&ContentSource::Dir(dir.path().into())).unwrap();
    (AppState::new(Arc::new(catalog)), dir)
}

async fn get(state: AppState, uri: &str) -> (StatusCode, Value) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = app(state).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
    (status, json)
}

#[tokio::test]
async fn the_list_holds_every_built_in_page_in_order() {
    let (status, list) = get(AppState::default(), "/api/v1/patterns").await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), Catalog::built_in().summaries().len());
    let orders: Vec<i64> = list.iter().map(|p| p["order"].as_i64().unwrap()).collect();
    assert!(orders.is_sorted(), "{orders:?}");
    for page in list {
        for key in ["slug", "title", "summary", "tags", "order"] {
            assert!(page.get(key).is_some(), "{key} in {page}");
        }
    }
}

#[tokio::test]
async fn a_team_folder_serves_its_pages_and_skips_broken_ones() {
    let (state, _dir) = custom_state();
    let (status, list) = get(state.clone(), "/api/v1/patterns").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["slug"], "team-proxy");
    let (status, page) = get(state.clone(), "/api/v1/patterns/team-proxy").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["title"], "Our egress proxy");
    assert_eq!(page["tags"], serde_json::json!(["team", "proxy"]));
    assert_eq!(page["related"][0]["title"], "Our egress proxy");
    assert_eq!(page["headings"][0]["anchor"], "setup");
    assert!(
        page["html"]
            .as_str()
            .unwrap()
            .contains("data-example=\"proxy\"")
    );
    assert_eq!(page["examples"][0]["yaml"], POD);
    assert!(page["examples"][0]["yamlHtml"].is_string());
    let (status, _) = get(state, "/api/v1/patterns/broken").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unknown_pages_are_json_404s() {
    let (state, _dir) = custom_state();
    let (status, body) = get(state, "/api/v1/patterns/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["error"].as_str().unwrap().contains("no-such-page"),
        "{body}"
    );
}

#[tokio::test]
async fn paths_that_are_not_slugs_never_reach_the_file_system() {
    let (state, _dir) = custom_state();
    for uri in [
        "/api/v1/patterns/..%2f..%2fetc%2fpasswd",
        "/api/v1/patterns/..%2fteam-proxy",
        "/api/v1/patterns/%2e%2e",
        "/api/v1/patterns/../../etc/passwd",
        "/api/v1/patterns/team-proxy.md",
        "/api/v1/patterns/Team-Proxy",
        "/api/v1/patterns/team-proxy%00",
        "/api/v1/patterns/team-proxy%2fproxy.yaml",
    ] {
        let (status, body) = get(state.clone(), uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}: {body}");
        assert!(body["error"].is_string(), "{uri}: {body}");
    }
}

#[tokio::test]
async fn the_search_index_is_served_as_sections_and_terms() {
    let (state, _dir) = custom_state();
    let (status, index) = get(state, "/api/v1/search-index").await;
    assert_eq!(status, StatusCode::OK);
    let sections = index["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2, "{index}");
    assert_eq!(sections[1]["anchor"], "setup");
    assert_eq!(index["terms"]["egress"][0][0], 0);
}
