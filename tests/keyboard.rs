//! The designer from the keyboard alone, findings that lead to their field,
//! and the rules reference the findings link to.

use crate::support;

use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::{Value, json};
use support::browser::{
    click, count, find, press, run_js, set_viewport, test_id, type_into, wait_until, with_browser,
};
use support::server::Server;

/// Two containers (the second with a port name the API server refuses) and a volume.
const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: shop
spec:
  containers:
    - name: web
      image: nginx:1.27.3
      volumeMounts:
        - {name: data, mountPath: /data}
    - name: sidecar
      image: busybox:1.37.0
      ports:
        - {name: Not_A_Name, containerPort: 9000}
  volumes:
    - {name: data, emptyDir: {}}
";

/// What has the keyboard focus: its test id, name, field path, and whether its focus ring shows.
async fn focused(client: &Client) -> Value {
    run_js(
        client,
        "const a = document.activeElement; const ring = a.querySelector && a.querySelector('.focus-ring');\
         return { testid: a.dataset ? a.dataset.testid || null : null, name: a.dataset ? a.dataset.name || null : null,\
                  path: a.dataset ? a.dataset.path || null : null,\
                  ring: ring ? getComputedStyle(ring).visibility : null };",
        vec![],
    )
    .await
}

async fn open_with(client: &Client, url: &str, yaml: &str) {
    client.goto(url).await.unwrap();
    find(client, "container-node").await;
    click(client, &test_id("import-yaml")).await;
    type_into(client, &test_id("import-text"), yaml).await;
    click(client, &test_id("import-submit")).await;
    wait_until(
        client,
        "the import",
        "document.querySelector('[data-testid=yaml-output]').value.includes('name: shop')",
        json!(null),
    )
    .await;
}

async fn key(client: &Client, key: Key) {
    press(client, &[char::from(key)]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_canvas_works_from_the_keyboard_alone() {
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_with(&client, &url, POD).await;
        run_js(&client, "document.activeElement.blur(); window.scrollTo(0, 0);", vec![]).await;

        // Tab reaches the canvas: one stop, on the first container, with a visible focus ring.
        let mut reached = false;
        for _ in 0..60 {
            key(&client, Key::Tab).await;
            if focused(&client).await["testid"] == json!("container-node") {
                reached = true;
                break;
            }
        }
        assert!(reached, "Tab never reached the canvas");
        let now = focused(&client).await;
        assert_eq!(now["name"], json!("web"), "{now}");
        assert_eq!(now["ring"], json!("visible"), "{now}");

        // Arrows move the selection, and the inspector follows it.
        key(&client, Key::Right).await;
        assert_eq!(focused(&client).await["name"], json!("sidecar"));
        wait_until(
            &client,
            "the inspector to show the sidecar",
            "document.querySelector('[data-testid=inspector] [data-path=\"/name\"]').value === 'sidecar'",
            json!(null),
        )
        .await;
        key(&client, Key::End).await;
        let now = focused(&client).await;
        assert_eq!((now["testid"].clone(), now["name"].clone()), (json!("volume-node"), json!("data")));
        key(&client, Key::Up).await;
        assert_eq!(focused(&client).await["testid"], json!("container-node"));
        key(&client, Key::Home).await;
        assert_eq!(focused(&client).await["name"], json!("web"));

        // Zoom from the keyboard, then fit again.
        press(&client, &['+']).await;
        let level = run_js(&client, "return document.querySelector('[data-testid=zoom-level]').textContent;", vec![]).await;
        assert!(level.as_str().unwrap().ends_with('%'), "{level}");
        press(&client, &['0']).await;
        let level = run_js(&client, "return document.querySelector('[data-testid=zoom-level]').textContent;", vec![]).await;
        assert_eq!(level, json!("Fit"));

        // Delete removes the selection; the focus stays on the canvas; Ctrl+Z brings it back.
        key(&client, Key::Right).await;
        assert_eq!(focused(&client).await["name"], json!("sidecar"));
        key(&client, Key::Delete).await;
        wait_until(
            &client,
            "the sidecar to go",
            "!document.querySelector('[data-testid=yaml-output]').value.includes('name: sidecar')",
            json!(null),
        )
        .await;
        assert_eq!(count(&client, &test_id("container-node")).await, 1);
        let status = run_js(&client, "return document.querySelector('.toolbar .status').textContent;", vec![]).await;
        assert!(status.as_str().unwrap().contains("Removed container sidecar"), "{status}");
        let now = focused(&client).await;
        assert!(
            now["testid"] == json!("container-node") || now["testid"] == json!("volume-node"),
            "focus left the canvas: {now}"
        );
        press(&client, &[char::from(Key::Control), 'z']).await;
        wait_until(
            &client,
            "undo to bring the sidecar back",
            "document.querySelectorAll('[data-testid=container-node]').length === 2",
            json!(null),
        )
        .await;
        // The YAML comes from the server after a short pause, so it follows the canvas.
        wait_until(
            &client,
            "the YAML to show the sidecar again",
            "document.querySelector('[data-testid=yaml-output]').value.includes('name: sidecar')",
            json!(null),
        )
        .await;

        // Enter opens the inspector: the focus moves into its first field.
        key(&client, Key::Home).await;
        key(&client, Key::Enter).await;
        wait_until(
            &client,
            "the focus in the inspector",
            "document.activeElement.closest('[data-testid=inspector]') !== null && !!document.activeElement.dataset.path",
            json!(null),
        )
        .await;

        // The outline says the same in words.
        let outline = run_js(&client, "return document.querySelector('[data-testid=pod-outline]').textContent;", vec![]).await;
        let outline = outline.as_str().unwrap();
        assert!(outline.contains("web: app, image nginx:1.27.3, mounts data at /data"), "{outline}");
        assert!(outline.contains("data: emptyDir, mounted by web"), "{outline}");
    })
    .await;
}

/// Clicks the finding about `path` and checks that its element is selected and its field focused.
async fn follow_finding(client: &Client, path: &str, element: &str, field: &str) {
    wait_until(
        client,
        "the finding",
        "[...document.querySelectorAll('[data-testid=finding] .path')].some(p => p.textContent === arguments[0])",
        json!(path),
    )
    .await;
    let index = run_js(
        client,
        "return [...document.querySelectorAll('[data-testid=finding]')].findIndex(f => f.querySelector('.path').textContent === arguments[0]);",
        vec![json!(path)],
    )
    .await;
    let selector = format!(
        "[data-testid=finding]:nth-child({}) .finding-target",
        index.as_u64().unwrap() + 1
    );
    client
        .find(fantoccini::Locator::Css(&selector))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_until(
        client,
        "the field to take the focus",
        "document.activeElement.dataset.path === arguments[0] && document.activeElement.closest('[data-testid=inspector]') !== null",
        json!(field),
    )
    .await;
    let selected = run_js(
        client,
        "return document.querySelector('[data-testid=container-node].selected').dataset.name;",
        vec![],
    )
    .await;
    assert_eq!(selected, json!(element));
    let visible = run_js(
        client,
        "return document.activeElement.getClientRects().length > 0;",
        vec![],
    )
    .await;
    assert_eq!(visible, json!(true), "the focused field is on screen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clicked_finding_selects_its_element_and_focuses_its_field() {
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_with(&client, &url, POD).await;
        follow_finding(&client, "spec.containers[1].ports[0].name", "sidecar", "/ports/0/name").await;

        // On a phone the finding is under its own tab, and leads to the inspector's.
        set_viewport(&client, 390, 800).await;
        click(&client, "[data-testid=container-node][data-name=web]").await;
        find(&client, "tab-findings").await.click().await.unwrap();
        follow_finding(&client, "spec.containers[1].ports[0].name", "sidecar", "/ports/0/name").await;
        let tab = run_js(&client, "return document.querySelector('[data-testid=tab-inspector]').getAttribute('aria-selected');", vec![]).await;
        assert_eq!(tab, json!("true"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rules_page_lists_every_rule_and_its_anchors_lead_to_one() {
    let server = Server::start().await;
    let rules = support::http::get(&server.url("/api/v1/rules"))
        .await
        .unwrap()
        .json();
    let ids: Vec<String> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.len() > 20);
    let base = server.base_url.clone();
    with_browser(|client| async move {
        client.goto(&format!("{base}/rules")).await.unwrap();
        wait_until(
            &client,
            "every rule",
            "document.querySelectorAll('[data-testid=rule]').length === arguments[0]",
            json!(ids.len()),
        )
        .await;
        let shown = run_js(
            &client,
            "return [...document.querySelectorAll('[data-testid=rule]')].map(r => r.id);",
            vec![],
        )
        .await;
        assert_eq!(shown, json!(ids));
        let docs = run_js(&client, "return document.querySelector('[data-testid=rule] pre code') !== null;", vec![]).await;
        assert_eq!(docs, json!(true), "the docs' examples show as code");

        // A finding's rule link leads to its entry, brought into view.
        let last = ids.last().unwrap().clone();
        client.goto(&format!("{base}/rules#{last}")).await.unwrap();
        wait_until(
            &client,
            "the rule to be in view",
            "(r => !!r && r.getBoundingClientRect().top >= 0 && r.getBoundingClientRect().top < window.innerHeight \
             && document.activeElement === r)(document.getElementById(arguments[0]))",
            json!(last),
        )
        .await;
        let title = run_js(&client, "return document.querySelector('main h1').textContent;", vec![]).await;
        assert_eq!(title, json!("Rules"));
    })
    .await;
}
