//! Content reloads without a restart and without a failed request: when the
//! folder changes as a ConfigMap volume does (a new `..data` folder swapped in
//! through a symlink), and on SIGHUP.

use crate::support;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use support::http;
use support::server::Server;

fn page(slug: &str, title: &str) -> String {
    format!(
        "---\nslug: {slug}\ntitle: {title}\nsummary: A page of the team's own.\ntags: [team]\norder: 1\n---\n\n## What we run\n\nOur sidecars.\n"
    )
}

/// Writes `pages` into a new timestamped folder under `dir` and points
/// `..data` and one symlink per page at it, as the kubelet does.
fn publish(dir: &Path, version: &str, pages: &[(&str, &str)]) {
    let data = dir.join(version);
    std::fs::create_dir(&data).unwrap();
    for (slug, title) in pages {
        std::fs::write(data.join(format!("{slug}.md")), page(slug, title)).unwrap();
        let link = dir.join(format!("{slug}.md"));
        if std::fs::symlink_metadata(&link).is_err() {
            std::os::unix::fs::symlink(format!("..data/{slug}.md"), link).unwrap();
        }
    }
    std::os::unix::fs::symlink(version, dir.join("..data_tmp")).unwrap();
    std::fs::rename(dir.join("..data_tmp"), dir.join("..data")).unwrap();
}

/// Requests the UI makes, in a loop until stopped; counts answers and failures.
struct Traffic {
    stop: Arc<AtomicBool>,
    answered: Arc<AtomicUsize>,
    failures: Arc<std::sync::Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Traffic {
    fn start(server: &Server, slug: &'static str) -> Traffic {
        let stop = Arc::new(AtomicBool::new(false));
        let answered = Arc::new(AtomicUsize::new(0));
        let failures = Arc::new(std::sync::Mutex::new(Vec::new()));
        let base = server.base_url.clone();
        let task = tokio::spawn({
            let (stop, answered, failures) = (stop.clone(), answered.clone(), failures.clone());
            async move {
                while !stop.load(Ordering::SeqCst) {
                    for path in [
                        "/api/v1/patterns".to_owned(),
                        format!("/api/v1/patterns/{slug}"),
                        "/api/v1/search-index".to_owned(),
                        "/readyz".to_owned(),
                    ] {
                        match http::get(&format!("{base}{path}")).await {
                            Ok(answer) if answer.status == 200 => {
                                answered.fetch_add(1, Ordering::SeqCst);
                            }
                            Ok(answer) => failures.lock().unwrap().push(format!(
                                "{path}: {} {}",
                                answer.status,
                                answer.text()
                            )),
                            Err(error) => failures.lock().unwrap().push(format!("{path}: {error}")),
                        }
                    }
                }
            }
        });
        Traffic {
            stop,
            answered,
            failures,
            task,
        }
    }

    /// Stops the loop and asserts it saw many answers and no failure.
    async fn finish(self) {
        self.stop.store(true, Ordering::SeqCst);
        self.task.await.unwrap();
        let failures = self.failures.lock().unwrap();
        assert!(failures.is_empty(), "failed requests: {failures:#?}");
        let answered = self.answered.load(Ordering::SeqCst);
        assert!(answered >= 20, "only {answered} answers during the reload");
    }
}

async fn slugs(server: &Server) -> Vec<String> {
    http::get(&server.url("/api/v1/patterns"))
        .await
        .unwrap()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|page| page["slug"].as_str().unwrap().to_owned())
        .collect()
}

/// Waits up to 20 s for the catalog to list `slug`.
async fn wait_for_page(server: &Server, slug: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !slugs(server).await.iter().any(|s| s == slug) {
        assert!(Instant::now() < deadline, "{slug} never appeared");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_configmap_update_is_served_without_restart_or_failed_request() {
    let dir = tempfile::tempdir().unwrap();
    publish(
        dir.path(),
        "..2026_11_30_10_00_00.1",
        &[("team-one", "One")],
    );
    let content_dir = dir.path().to_str().unwrap();
    let server =
        Server::start_with_args(&["--content-dir", content_dir, "--watch-interval", "0.3"]).await;
    assert_eq!(slugs(&server).await, ["team-one"]);

    let traffic = Traffic::start(&server, "team-one");
    tokio::time::sleep(Duration::from_millis(500)).await;
    publish(
        dir.path(),
        "..2026_11_30_10_05_00.2",
        &[("team-one", "One, revised"), ("team-two", "Two")],
    );
    wait_for_page(&server, "team-two").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    traffic.finish().await;

    let one = http::get(&server.url("/api/v1/patterns/team-one"))
        .await
        .unwrap();
    assert_eq!(one.json()["title"], "One, revised");
    let metrics = http::get(&server.url("/metrics")).await.unwrap().text();
    assert!(metrics.contains("podwright_catalog_pages 2\n"), "{metrics}");
    assert!(
        metrics.contains("podwright_reloads_total{outcome=\"success\"}"),
        "{metrics}"
    );
}

#[tokio::test]
async fn sighup_reloads_the_content() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("team-one.md"), page("team-one", "One")).unwrap();
    let content_dir = dir.path().to_str().unwrap();
    // A watch too slow to matter: only the signal can explain the reload.
    let server =
        Server::start_with_args(&["--content-dir", content_dir, "--watch-interval", "3600"]).await;

    let traffic = Traffic::start(&server, "team-one");
    std::fs::write(dir.path().join("team-two.md"), page("team-two", "Two")).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        slugs(&server).await,
        ["team-one"],
        "no reload before the signal"
    );
    server.signal("HUP");
    wait_for_page(&server, "team-two").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    traffic.finish().await;
}

#[tokio::test]
async fn a_folder_that_breaks_keeps_the_content_loaded_before() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("content");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("team-one.md"), page("team-one", "One")).unwrap();
    let server = Server::start_with_args(&[
        "--content-dir",
        dir.to_str().unwrap(),
        "--watch-interval",
        "0.2",
    ])
    .await;
    std::fs::remove_dir_all(&dir).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let metrics = http::get(&server.url("/metrics")).await.unwrap().text();
        if metrics.contains("podwright_reloads_total{outcome=\"failure\"}") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no failed reload recorded:\n{metrics}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(slugs(&server).await, ["team-one"]);
    assert_eq!(http::get(&server.url("/readyz")).await.unwrap().status, 200);
}
