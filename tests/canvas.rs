//! The designer's canvas in headless Chromium against the real server: the
//! picture exported as SVG and PNG, a two-finger pinch, and init containers
//! reordered by dragging and from the keyboard (undoably).

use crate::support;

use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::browser::{
    click, count, find, press, run_js, test_id, type_into, wait_until, with_browser,
};
use support::server::Server;

/// Three init containers that must run in order, an app container and a volume.
const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: shop
spec:
  initContainers:
    - {name: migrate-db, image: busybox:1.37.0}
    - {name: fetch-config, image: busybox:1.37.0}
    - {name: warm-cache, image: busybox:1.37.0}
  containers:
    - name: web
      image: nginx:1.27.3
      volumeMounts:
        - {name: data, mountPath: /data}
    - {name: log-shipper, image: fluent/fluent-bit:3.2.2}
  volumes:
    - {name: data, emptyDir: {}}
";

const NAMES: [&str; 5] = [
    "migrate-db",
    "fetch-config",
    "warm-cache",
    "web",
    "log-shipper",
];

/// Opens the designer and imports [`POD`].
async fn open_shop(client: &Client, url: &str) {
    client.goto(url).await.unwrap();
    find(client, "container-node").await;
    click(client, &test_id("import-yaml")).await;
    type_into(client, &test_id("import-text"), POD).await;
    click(client, &test_id("import-submit")).await;
    wait_until(
        client,
        "the import",
        "document.querySelector('[data-testid=yaml-output]').value.includes('name: warm-cache')",
        json!(null),
    )
    .await;
}

/// The init containers' names, in the order the YAML panel lists them.
async fn init_order(client: &Client) -> Vec<String> {
    let yaml = run_js(
        client,
        "return document.querySelector('[data-testid=yaml-output]').value;",
        vec![],
    )
    .await;
    let yaml = yaml.as_str().unwrap();
    let init = yaml
        .split("initContainers:")
        .nth(1)
        .unwrap_or_else(|| panic!("no initContainers in\n{yaml}"));
    let init = init.split("\n  containers:").next().unwrap_or(init);
    init.lines()
        .filter_map(|line| line.trim().trim_start_matches("- ").strip_prefix("name: "))
        .map(str::to_owned)
        .collect()
}

/// Waits until the YAML lists the init containers as `order`.
async fn wait_for_order(client: &Client, order: &[&str]) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let now = init_order(client).await;
        if now == order {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the YAML's init containers are {now:?}, not {order:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn status(client: &Client) -> String {
    let text = run_js(
        client,
        "return document.querySelector('.toolbar .status').textContent;",
        vec![],
    )
    .await;
    text.as_str().unwrap_or_default().to_owned()
}

/// Waits (up to 20 s) for `file` to be written whole.
async fn wait_for_file(file: &Path) {
    for _ in 0..200 {
        if std::fs::metadata(file).is_ok_and(|m| m.len() > 0) {
            // Chromium writes to a temporary name and renames: the name means done.
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A PNG's width and height, read from its IHDR chunk, after checking its signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "not a PNG: {:?}",
        &bytes[..bytes.len().min(8)]
    );
    assert_eq!(&bytes[12..16], b"IHDR");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_picture_exports_as_standalone_svg_and_png() {
    let server = Server::start().await;
    let url = server.url("/designer");
    let downloads = tempfile::tempdir().unwrap();
    let folder = downloads.path().to_path_buf();
    let (svg_file, png_file) = (folder.join("shop.svg"), folder.join("shop.png"));
    let (svg_written, png_written): (PathBuf, PathBuf) = (svg_file.clone(), png_file.clone());
    support::browser::with_browser_downloading_to(&folder, |client| async move {
        open_shop(&client, &url).await;
        // The page in the dark theme: the files still read in light colours.
        run_js(
            &client,
            "document.documentElement.dataset.theme = 'dark';",
            vec![],
        )
        .await;
        click(&client, "[data-testid=container-node][data-name=web]").await;
        find(&client, "export-svg").await.click().await.unwrap();
        wait_for_file(&svg_written).await;
        find(&client, "export-png").await.click().await.unwrap();
        wait_for_file(&png_written).await;
        let said = status(&client).await;
        assert!(said.contains("shop.png"), "{said}");

        // The PNG shows the picture: drawn in the browser, most of it is the
        // white background, and a good part of it is not.
        let bytes: Vec<u8> = std::fs::read(&png_written).expect("the PNG");
        let shades = run_js(
            &client,
            "const blob = new Blob([new Uint8Array(arguments[0])], { type: 'image/png' });\
             return createImageBitmap(blob).then(image => {\
               const canvas = document.createElement('canvas');\
               canvas.width = image.width; canvas.height = image.height;\
               const context = canvas.getContext('2d'); context.drawImage(image, 0, 0);\
               const data = context.getImageData(0, 0, image.width, image.height).data;\
               let white = 0, ink = 0;\
               for (let i = 0; i < data.length; i += 4) {\
                 if (data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250) { white++; }\
                 else if (data[i] < 120 && data[i + 1] < 120 && data[i + 2] < 120) { ink++; }\
               }\
               const pixels = data.length / 4;\
               return [white / pixels, ink / pixels, Array.from(data.slice(0, 4))];\
             });",
            vec![json!(bytes)],
        )
        .await;
        let (white, ink) = (shades[0].as_f64().unwrap(), shades[1].as_f64().unwrap());
        assert_eq!(shades[2], json!([255, 255, 255, 255]), "a white corner");
        assert!(white > 0.5, "mostly white background: {white}");
        assert!(ink > 0.001, "dark text and lines drawn: {ink}");
    })
    .await;

    let svg = std::fs::read_to_string(&svg_file).expect("the SVG file");
    let document = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let number = |name: &str| root.attribute(name).and_then(|v| v.parse::<f64>().ok());
    let (width, height) = (number("width").unwrap(), number("height").unwrap());
    assert!(width >= 600.0 && height >= 400.0, "{width} x {height}");
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {width} {height}").as_str())
    );

    // Its text alternative: a title and the outline as its description.
    let child = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("no <{name}> in\n{svg}"))
            .to_owned()
    };
    assert_eq!(child("title"), "Pod shop");
    let desc = child("desc");
    assert!(
        desc.contains("Init containers, in the order they run:\n1. migrate-db"),
        "{desc}"
    );
    assert!(
        desc.contains("web: app, image nginx:1.27.3, mounts data at /data"),
        "{desc}"
    );

    // Every container is drawn and named.
    let cards: Vec<String> = document
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("container-card"))
        })
        .filter_map(|card| card.children().find(|n| n.has_tag_name("title")))
        .filter_map(|title| title.text().map(str::to_owned))
        .collect();
    assert_eq!(cards.len(), NAMES.len(), "{cards:?}");
    for name in NAMES {
        assert!(
            cards.iter().any(|c| c.starts_with(&format!("{name} — "))),
            "{name} in {cards:?}"
        );
    }
    // Self-contained: its own stylesheet in light colours, no page variables,
    // none of the canvas's interaction chrome.
    let style = child("style");
    assert!(style.contains(".container-card .shape"), "{style}");
    assert!(
        !svg.contains("var(--"),
        "depends on the page's CSS variables"
    );
    for chrome in ["focus-ring", "hover-label", "mount-here", "tabindex"] {
        assert!(!svg.contains(chrome), "{chrome} left in the file");
    }

    let png = std::fs::read(&png_file).expect("the PNG file");
    let (png_width, png_height) = png_size(&png);
    assert!(
        f64::from(png_width) >= width && f64::from(png_height) >= height,
        "{png_width} x {png_height} for a {width} x {height} picture"
    );
}

/// The zoom level the canvas shows.
async fn zoom_level(client: &Client) -> String {
    let level = run_js(
        client,
        "return document.querySelector('[data-testid=zoom-level]').textContent;",
        vec![],
    )
    .await;
    level.as_str().unwrap().to_owned()
}

/// Two touch pointers go down on the canvas `gap` pixels apart, move to
/// `spread` apart (about the same midpoint), and lift.
async fn pinch(client: &Client, gap: f64, spread: f64) {
    run_js(
        client,
        "const view = document.querySelector('.canvas-viewport');\
         const box = view.getBoundingClientRect();\
         const cx = box.left + box.width / 2, cy = box.top + box.height / 2;\
         const fire = (type, id, dx) => view.dispatchEvent(new PointerEvent(type, {\
           pointerId: id, pointerType: 'touch', isPrimary: id === 11, button: type === 'pointermove' ? -1 : 0,\
           clientX: cx + dx, clientY: cy, bubbles: true, cancelable: true }));\
         const [gap, spread] = arguments;\
         fire('pointerdown', 11, -gap / 2); fire('pointerdown', 12, gap / 2);\
         for (let i = 1; i <= 5; i++) {\
           const half = (gap + (spread - gap) * i / 5) / 2;\
           fire('pointermove', 11, -half); fire('pointermove', 12, half);\
         }\
         fire('pointerup', 11, -spread / 2); fire('pointerup', 12, spread / 2);",
        vec![json!(gap), json!(spread)],
    )
    .await;
}

fn percent(level: &str) -> f64 {
    level
        .strip_suffix('%')
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a zoom level: {level:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_fingers_pinch_the_canvas_to_zoom() {
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_shop(&client, &url).await;
        find(&client, "zoom-reset").await.click().await.unwrap();
        assert_eq!(zoom_level(&client).await, "100%");

        // Spreading the fingers to twice their distance doubles the scale.
        pinch(&client, 100.0, 200.0).await;
        let level = zoom_level(&client).await;
        let scale = percent(&level);
        assert!((195.0..=205.0).contains(&scale), "after spreading: {level}");

        // Closing them zooms out, down to the smallest scale and no further.
        pinch(&client, 200.0, 100.0).await;
        let level = zoom_level(&client).await;
        assert!((95.0..=105.0).contains(&percent(&level)), "after closing: {level}");
        pinch(&client, 300.0, 20.0).await;
        assert_eq!(zoom_level(&client).await, "20%");

        // One finger alone does not zoom.
        run_js(
            &client,
            "const view = document.querySelector('.canvas-viewport');\
             const box = view.getBoundingClientRect();\
             for (const type of ['pointerdown', 'pointermove', 'pointerup']) {\
               view.dispatchEvent(new PointerEvent(type, { pointerId: 21, pointerType: 'touch', isPrimary: true,\
                 clientX: box.left + 50 + (type === 'pointermove' ? 80 : 0), clientY: box.top + 50, bubbles: true }));\
             }",
            vec![],
        )
        .await;
        assert_eq!(zoom_level(&client).await, "20%");
    })
    .await;
}

/// What has the keyboard focus: its test id and name.
async fn focused(client: &Client) -> Value {
    run_js(
        client,
        "const a = document.activeElement;\
         return { testid: a.dataset ? a.dataset.testid || null : null, name: a.dataset ? a.dataset.name || null : null };",
        vec![],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alt_arrows_reorder_init_containers_undoably() {
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_shop(&client, &url).await;
        wait_for_order(&client, &["migrate-db", "fetch-config", "warm-cache"]).await;
        run_js(
            &client,
            "document.querySelector('[data-testid=container-node][data-name=migrate-db]').focus();",
            vec![],
        )
        .await;
        assert_eq!(focused(&client).await["name"], json!("migrate-db"));

        let (alt, down, up) = (char::from(Key::Alt), char::from(Key::Down), char::from(Key::Up));
        press(&client, &[alt, down]).await;
        wait_for_order(&client, &["fetch-config", "migrate-db", "warm-cache"]).await;
        let said = status(&client).await;
        assert_eq!(said, "Moved init container migrate-db to position 2 of 3");
        assert_eq!(
            run_js(&client, "return document.querySelector('.toolbar .status').getAttribute('role');", vec![]).await,
            json!("status"),
            "announced in a live region"
        );
        // The focus stays on the moved card, so it can go on moving.
        assert_eq!(focused(&client).await["name"], json!("migrate-db"));
        press(&client, &[alt, down]).await;
        wait_for_order(&client, &["fetch-config", "warm-cache", "migrate-db"]).await;
        press(&client, &[alt, down]).await;
        wait_until(
            &client,
            "the status to say it is last",
            "document.querySelector('.toolbar .status').textContent === 'The init container migrate-db is last already'",
            json!(null),
        )
        .await;
        press(&client, &[alt, up]).await;
        wait_for_order(&client, &["fetch-config", "migrate-db", "warm-cache"]).await;
        // The canvas draws them in the new order, left to right.
        let drawn = run_js(
            &client,
            "return [...document.querySelectorAll('[data-testid=container-node]')].slice(0, 3).map(n => n.dataset.name);",
            vec![],
        )
        .await;
        assert_eq!(drawn, json!(["fetch-config", "migrate-db", "warm-cache"]));

        // Undo walks back one move at a time.
        press(&client, &[char::from(Key::Control), 'z']).await;
        wait_for_order(&client, &["fetch-config", "warm-cache", "migrate-db"]).await;
        press(&client, &[char::from(Key::Control), 'z']).await;
        press(&client, &[char::from(Key::Control), 'z']).await;
        wait_for_order(&client, &["migrate-db", "fetch-config", "warm-cache"]).await;
    })
    .await;
}

/// Drags the card `from` (pointer events dispatched in the page) onto the
/// card `onto`, `dx` pixels right of its centre: pressing and moving, or
/// only releasing there when `release`.
async fn drag_by_script(client: &Client, from: &str, onto: &str, dx: f64, release: bool) {
    run_js(
        client,
        "const [from, onto, dx, release] = arguments;\
         const centre = name => { const r = document.querySelector(`[data-testid=container-node][data-name=${name}]`)\
           .getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; };\
         const fire = (type, [x, y]) => document.elementFromPoint(x, y).dispatchEvent(new PointerEvent(type, {\
           pointerId: 31, pointerType: 'mouse', isPrimary: true, button: type === 'pointermove' ? -1 : 0,\
           buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y, bubbles: true, cancelable: true }));\
         const [tx, ty] = centre(onto); const target = [tx + dx, ty];\
         if (release) { fire('pointerup', target); return; }\
         const [sx, sy] = centre(from);\
         fire('pointerdown', [sx, sy]); fire('pointermove', [sx, sy + 20]); fire('pointermove', target);",
        vec![json!(from), json!(onto), json!(dx), json!(release)],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dragging_an_init_container_onto_another_reorders_them() {
    use fantoccini::Locator;
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_shop(&client, &url).await;
        wait_for_order(&client, &["migrate-db", "fetch-config", "warm-cache"]).await;
        let card = |name: &'static str| {
            let client = client.clone();
            async move {
                client
                    .find(Locator::Css(&format!(
                        "[data-testid=container-node][data-name={name}]"
                    )))
                    .await
                    .unwrap()
            }
        };
        // The first onto the right half of the last: it runs last.
        let (first, last) = (card("migrate-db").await, card("warm-cache").await);
        support::browser::drag(&client, first, (30.0, 0.0), last, (50.0, 0.0)).await;
        wait_for_order(&client, &["fetch-config", "warm-cache", "migrate-db"]).await;
        assert_eq!(
            count(&client, &test_id("insert-mark")).await,
            0,
            "the mark goes"
        );
        assert_eq!(
            count(&client, &test_id("mount-edge")).await,
            1,
            "no mount was made"
        );

        // The last onto the left half of the first: it runs first. (Pointer
        // events from the page this time: ChromeDriver drops the moves of a
        // second drag on this page.)
        drag_by_script(&client, "migrate-db", "fetch-config", -50.0, false).await;
        // While dragging, a mark shows where it will land.
        assert_eq!(count(&client, &test_id("insert-mark")).await, 1);
        assert_eq!(count(&client, &test_id("drag-line")).await, 0);
        drag_by_script(&client, "migrate-db", "fetch-config", -50.0, true).await;
        wait_for_order(&client, &["migrate-db", "fetch-config", "warm-cache"]).await;
        let said = status(&client).await;
        assert_eq!(said, "Moved init container migrate-db to position 1 of 3");
        assert_eq!(count(&client, &test_id("insert-mark")).await, 0);

        // An app container dragged over an init container draws a mount line,
        // and dropped there stays where it is.
        drag_by_script(&client, "web", "fetch-config", 0.0, false).await;
        assert_eq!(count(&client, &test_id("drag-line")).await, 1);
        assert_eq!(count(&client, &test_id("insert-mark")).await, 0);
        drag_by_script(&client, "web", "fetch-config", 0.0, true).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        wait_for_order(&client, &["migrate-db", "fetch-config", "warm-cache"]).await;
        let drawn = run_js(
            &client,
            "return [...document.querySelectorAll('[data-testid=container-node]')].map(n => n.dataset.name);",
            vec![],
        )
        .await;
        assert_eq!(
            drawn,
            json!(["migrate-db", "fetch-config", "warm-cache", "web", "log-shipper"])
        );

        // Undo puts the drag back.
        press(&client, &[char::from(Key::Control), 'z']).await;
        wait_for_order(&client, &["fetch-config", "warm-cache", "migrate-db"]).await;
    })
    .await;
}
