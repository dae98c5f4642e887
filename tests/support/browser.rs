//! Headless Chromium driven over WebDriver (chromedriver + fantoccini).
//!
//! A failing assertion must not leave Chromium behind: [`with_browser`] runs
//! the test body, always closes the session and stops chromedriver, then
//! re-raises the failure.

use super::free_port;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use std::future::Future;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A chromedriver process, stopped on drop.
struct Driver {
    child: Child,
    port: u16,
    _home: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Driver {
    let port = free_port();
    let home = tempfile::tempdir().expect("a temporary folder");
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver on PATH (scripts/tools.sh --test installs it)");
    Driver {
        child,
        port,
        _home: home,
    }
}

async fn connect(driver: &Driver, profile: &std::path::Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        &format!("--user-data-dir={}", profile.display()),
    ];
    let capabilities = json!({
        "goog:chromeOptions": { "args": args, "binary": "/usr/bin/chromium" }
    });
    let serde_json::Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    let url = format!("http://127.0.0.1:{}", driver.port);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities.clone());
        match builder.connect(&url).await {
            Ok(client) => return client,
            Err(error) if Instant::now() > deadline => panic!("cannot start Chromium: {error}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Runs `test` with a fresh headless Chromium; always cleans up, then re-raises a failure.
pub async fn with_browser<F, Fut>(test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let driver = start_driver();
    let profile = tempfile::tempdir().expect("a temporary profile folder");
    let client = connect(&driver, profile.path()).await;
    let outcome = tokio::spawn(test(client.clone())).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

/// The CSS selector of a `data-testid`.
pub fn test_id(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Waits (up to 15 s) for the element with `data-testid` `id` to appear.
pub async fn find(client: &Client, id: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(&test_id(id)))
        .await
        .unwrap_or_else(|e| panic!("no element {id}: {e}"))
}

/// Waits (up to 15 s) until the element with `data-testid` `id` has text containing `needle`.
pub async fn wait_for_text(client: &Client, id: &str, needle: &str) -> String {
    let selector = test_id(id);
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(element) = client.find(Locator::Css(&selector)).await {
            last = element.text().await.unwrap_or_default();
            if last.contains(needle) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{id} never contained {needle:?}; last text:\n{last}");
}
