//! Accessibility: axe-core (pinned in scripts/tools.sh) runs inside headless
//! Chromium on the catalog, a pattern page, the rules and the designer (with
//! and without a selection), in the light and the dark theme; a serious or
//! critical violation fails the test.

use crate::support;

use serde_json::json;
use support::browser::{axe_serious_violations, axe_source, click, find, wait_until, with_browser};
use support::server::Server;

/// A page to check: its path, and a JS condition that is true once it is drawn.
struct Page {
    path: &'static str,
    ready: &'static str,
}

const PAGES: [Page; 4] = [
    Page {
        path: "/catalog",
        ready: "document.querySelectorAll('[data-testid=pattern-card]').length > 0",
    },
    Page {
        path: "/catalog/ambassador",
        ready: "document.querySelectorAll('.example [data-testid=container-node]').length > 0 \
            && !document.body.innerText.includes('Validating')",
    },
    Page {
        path: "/rules",
        ready: "document.querySelectorAll('[data-testid=rule]').length > 0",
    },
    Page {
        path: "/designer",
        ready: "document.querySelector('[data-testid=yaml-output]').value.includes('kind: Pod') \
            && document.querySelectorAll('[data-testid=finding]').length > 0",
    },
];

/// Opens `path` with `theme` chosen (as the theme switch stores it), and waits until it is drawn.
async fn open(client: &fantoccini::Client, url: &str, theme: &str, ready: &str) {
    client.goto(url).await.unwrap();
    support::browser::run_js(
        client,
        "localStorage.setItem('podwright.theme', arguments[0]);",
        vec![json!(theme)],
    )
    .await;
    client.refresh().await.unwrap();
    wait_until(
        client,
        &format!("the {theme} theme"),
        "document.documentElement.dataset.theme === arguments[0]",
        json!(theme),
    )
    .await;
    wait_until(client, &format!("{url} to be drawn"), ready, json!(null)).await;
}

/// Checks every page in `theme`, and the designer with a container selected;
/// returns each violation, prefixed with where it was found.
async fn violations_in(client: &fantoccini::Client, base: &str, theme: &str) -> Vec<String> {
    let axe = axe_source();
    let mut found = Vec::new();
    for page in PAGES {
        open(client, &format!("{base}{}", page.path), theme, page.ready).await;
        for line in axe_serious_violations(client, &axe).await {
            found.push(format!("{} [{theme}]: {line}", page.path));
        }
    }
    click(client, "[data-testid=container-node]").await;
    find(client, "inspector").await;
    wait_until(
        client,
        "the container form",
        "document.querySelector('[data-testid=inspector] [data-path=\"/image\"]') !== null",
        json!(null),
    )
    .await;
    for line in axe_serious_violations(client, &axe).await {
        found.push(format!("/designer, a container selected [{theme}]: {line}"));
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_serious_accessibility_violation_in_the_light_theme() {
    let server = Server::start().await;
    let base = server.base_url.clone();
    with_browser(|client| async move {
        let found = violations_in(&client, &base, "light").await;
        assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_serious_accessibility_violation_in_the_dark_theme() {
    let server = Server::start().await;
    let base = server.base_url.clone();
    with_browser(|client| async move {
        let found = violations_in(&client, &base, "dark").await;
        assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
    })
    .await;
}
