//! The UI at a phone's, a tablet's and a desktop's width (390, 768 and 1440
//! CSS pixels): no page scrolls sideways, the designer shows one panel at a
//! time under tabs on narrow screens and the canvas with folding side panels
//! on wide ones, and the canvas reaches down to the window's bottom edge at
//! every width. Screenshots of each width land in the temporary folder.

use crate::support;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;
use support::browser::{
    count, find, is_shown, run_js, screenshot, set_viewport, test_id, wait_until, with_browser,
};
use support::server::Server;

/// A Pod of six containers and three volumes, so the canvas has a full row.
const WIDE_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: shop
spec:
  initContainers:
    - {name: wait-for-db, image: busybox:1.37.0}
  containers:
    - name: web
      image: nginx:1.27.3
      volumeMounts:
        - {name: cache, mountPath: /var/cache/nginx}
        - {name: logs, mountPath: /var/log/nginx}
    - {name: proxy, image: envoyproxy/envoy:v1.32.3}
    - {name: metrics-exporter, image: nginx/nginx-prometheus-exporter:1.3.0}
    - name: log-shipper
      image: fluent/fluent-bit:3.2.2
      volumeMounts:
        - {name: logs, mountPath: /logs, readOnly: true}
    - {name: cache-warmer, image: busybox:1.37.0}
  volumes:
    - {name: cache, emptyDir: {}}
    - {name: logs, emptyDir: {}}
    - {name: config, configMap: {name: shop}}
";

async fn no_sideways_scroll(client: &Client, what: &str) {
    let sizes = run_js(
        client,
        "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];",
        vec![],
    )
    .await;
    let (scroll, client_width) = (sizes[0].as_u64().unwrap(), sizes[1].as_u64().unwrap());
    assert!(
        scroll <= client_width,
        "{what}: the page scrolls sideways ({scroll} > {client_width})"
    );
}

/// Imports `yaml` through the import dialog (opening the File menu where it is folded).
async fn import(client: &Client, yaml: &str) {
    if is_shown(client, &test_id("menu-file")).await {
        find(client, "menu-file").await.click().await.unwrap();
    }
    find(client, "import-yaml").await.click().await.unwrap();
    support::browser::type_into(client, &test_id("import-text"), yaml).await;
    find(client, "import-submit").await.click().await.unwrap();
    wait_until(
        client,
        "the import",
        "document.querySelectorAll('[data-testid=container-node]').length === 6",
        json!(null),
    )
    .await;
}

async fn check_width(client: &Client, base: &str, width: u32) {
    let shots = std::env::temp_dir();
    set_viewport(client, width, 900).await;

    client.goto(&format!("{base}/catalog")).await.unwrap();
    find(client, "pattern-card").await;
    no_sideways_scroll(client, &format!("catalog at {width}px")).await;
    screenshot(
        client,
        &shots.join(format!("podwright-catalog-{width}.png")),
    )
    .await;

    client
        .goto(&format!("{base}/catalog/ambassador"))
        .await
        .unwrap();
    wait_until(
        client,
        "the examples",
        "document.querySelectorAll('.example [data-testid=container-node]').length > 0",
        json!(null),
    )
    .await;
    no_sideways_scroll(client, &format!("pattern page at {width}px")).await;
    screenshot(
        client,
        &shots.join(format!("podwright-pattern-{width}.png")),
    )
    .await;

    client.goto(&format!("{base}/designer")).await.unwrap();
    find(client, "container-node").await;
    import(client, WIDE_POD).await;
    no_sideways_scroll(client, &format!("designer at {width}px")).await;

    // Fit to screen: every card lies inside the canvas's viewport.
    let outside = run_js(
        client,
        "const view = document.querySelector('.canvas-viewport').getBoundingClientRect();\
         return [...document.querySelectorAll('[data-testid=container-node], [data-testid=volume-node]')]\
           .map(n => n.getBoundingClientRect())\
           .filter(r => r.left < view.left - 1 || r.right > view.right + 1).length;",
        vec![],
    )
    .await;
    assert_eq!(outside, json!(0), "cards cut off at {width}px");

    canvas_fills_the_window(client, width, 900).await;

    if width < 900 {
        narrow_designer(client, width).await;
    } else {
        wide_designer(client).await;
    }
    screenshot(
        client,
        &shots.join(format!("podwright-designer-{width}.png")),
    )
    .await;
}

/// The canvas's box on the page and the window, in CSS pixels: top, height,
/// bottom, and the window's height.
async fn canvas_box(client: &Client) -> [f64; 4] {
    let sizes = run_js(
        client,
        "const box = document.querySelector('.canvas-viewport').getBoundingClientRect();\
         return [box.top + window.scrollY, box.height, box.bottom + window.scrollY, window.innerHeight];",
        vec![],
    )
    .await;
    std::array::from_fn(|i| sizes[i].as_f64().unwrap())
}

/// The designer's canvas reaches down to the window's bottom edge (less the
/// panel's padding and the page's margin): the whole canvas is on screen
/// without scrolling the page, and it grows with the window.
async fn canvas_fills_the_window(client: &Client, width: u32, height: u32) {
    let [top, tall, bottom, window] = canvas_box(client).await;
    assert!(
        bottom <= window && bottom >= window - 40.0,
        "at {width}x{height} the canvas ends at {bottom}, the window at {window}"
    );
    assert!(
        tall >= window - top - 40.0 && tall >= 0.6 * window - 60.0,
        "at {width}x{height} the canvas is {tall} tall under {top} px of header and toolbar"
    );
    // A taller window, a taller canvas, by as much.
    set_viewport(client, width, height + 300).await;
    wait_until(
        client,
        "the canvas to grow",
        "document.querySelector('.canvas-viewport').getBoundingClientRect().height >= arguments[0]",
        json!(tall + 290.0),
    )
    .await;
    let [_, taller, bottom, window] = canvas_box(client).await;
    assert!(
        (taller - tall - 300.0).abs() <= 10.0 && bottom <= window,
        "{tall} -> {taller} for 300 more pixels of window"
    );
    set_viewport(client, width, height).await;
    wait_until(
        client,
        "the canvas to shrink back",
        "Math.abs(document.querySelector('.canvas-viewport').getBoundingClientRect().height - arguments[0]) <= 2",
        json!(tall),
    )
    .await;
}

async fn narrow_designer(client: &Client, width: u32) {
    assert!(
        is_shown(client, "[role=tablist]").await,
        "tabs at {width}px"
    );
    assert!(is_shown(client, "#panel-canvas").await);
    for hidden in ["#panel-inspector", "#panel-yaml", "#panel-findings"] {
        assert!(!is_shown(client, hidden).await, "{hidden} at {width}px");
    }
    // The toolbar's actions are folded into menus.
    assert!(!is_shown(client, &test_id("add-container")).await);
    find(client, "menu-add").await.click().await.unwrap();
    assert!(is_shown(client, &test_id("add-container")).await);
    no_sideways_scroll(client, &format!("the open Add menu at {width}px")).await;
    find(client, "add-container").await.click().await.unwrap();
    assert_eq!(count(client, &test_id("container-node")).await, 7);
    assert!(
        !is_shown(client, &test_id("add-container")).await,
        "choosing closes the menu"
    );

    for (tab, panel) in [
        ("tab-inspector", "#panel-inspector"),
        ("tab-yaml", "#panel-yaml"),
        ("tab-findings", "#panel-findings"),
    ] {
        find(client, tab).await.click().await.unwrap();
        assert!(is_shown(client, panel).await, "{panel} after {tab}");
        assert!(!is_shown(client, "#panel-canvas").await);
        no_sideways_scroll(client, &format!("{panel} at {width}px")).await;
    }
    find(client, "tab-canvas").await.click().await.unwrap();
    assert!(is_shown(client, "#panel-canvas").await);
}

async fn wide_designer(client: &Client) {
    assert!(!is_shown(client, "[role=tablist]").await);
    for shown in [
        "#panel-canvas",
        "#panel-inspector",
        "#panel-yaml",
        "#panel-findings",
    ] {
        assert!(is_shown(client, shown).await, "{shown} at a wide width");
    }
    assert!(is_shown(client, &test_id("add-container")).await);
    assert!(!is_shown(client, &test_id("menu-add")).await);

    // The YAML folds away and comes back.
    find(client, "toggle-yaml").await.click().await.unwrap();
    assert!(!is_shown(client, &test_id("yaml-output")).await);
    find(client, "toggle-yaml").await.click().await.unwrap();
    assert!(is_shown(client, &test_id("yaml-output")).await);

    // The splitter widens the side column from the keyboard.
    let side_width = "return document.querySelector('.side-column').getBoundingClientRect().width;";
    let before = run_js(client, side_width, vec![]).await.as_f64().unwrap();
    let splitter = client
        .find(Locator::Css(&test_id("splitter")))
        .await
        .unwrap();
    let left = char::from(Key::Left).to_string();
    splitter.send_keys(&left.repeat(2)).await.unwrap();
    let after = run_js(client, side_width, vec![]).await.as_f64().unwrap();
    assert!(after >= before + 40.0, "side column {before} -> {after}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_a_tablet_and_a_desktop() {
    let server = Server::start().await;
    let base = server.base_url.clone();
    with_browser(|client| async move {
        for width in [390, 768, 1440] {
            check_width(&client, &base, width).await;
        }
    })
    .await;
}
