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

async fn connect(
    driver: &Driver,
    profile: &std::path::Path,
    downloads: Option<&std::path::Path>,
) -> Client {
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
    let mut options = json!({ "args": args, "binary": "/usr/bin/chromium" });
    if let Some(folder) = downloads {
        options["prefs"] = json!({
            "download.default_directory": folder,
            "download.prompt_for_download": false,
            // A test may save several files from one page (the picture as SVG, then PNG).
            "profile.default_content_setting_values.automatic_downloads": 1,
        });
    }
    let capabilities = json!({ "goog:chromeOptions": options });
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
    run_browser(None, test).await;
}

/// Like [`with_browser`], with downloads saved to `folder`.
pub async fn with_browser_downloading_to<F, Fut>(folder: &std::path::Path, test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_browser(Some(folder), test).await;
}

async fn run_browser<F, Fut>(downloads: Option<&std::path::Path>, test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let driver = start_driver();
    let profile = tempfile::tempdir().expect("a temporary profile folder");
    let client = connect(&driver, profile.path(), downloads).await;
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

/// Waits (up to 15 s) until the element with `data-testid` `id` has text
/// (or, for a form control, a value) containing `needle`; returns it.
pub async fn wait_for_text(client: &Client, id: &str, needle: &str) -> String {
    let script = "const el = document.querySelector(arguments[0]);\
        return el ? (el.value !== undefined && el.tagName !== 'LI' ? el.value : el.innerText) : null;";
    let selector = test_id(id);
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Some(text) = run_js(client, script, vec![selector.clone().into()])
            .await
            .as_str()
        {
            last = text.to_owned();
            if last.contains(needle) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{id} never contained {needle:?}; last text:\n{last}");
}

/// Runs `script` (a function body; `arguments` holds `args`) in the page.
pub async fn run_js(
    client: &Client,
    script: &str,
    args: Vec<serde_json::Value>,
) -> serde_json::Value {
    client
        .execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// How many elements match the CSS `selector`.
pub async fn count(client: &Client, selector: &str) -> usize {
    let found = run_js(
        client,
        "return document.querySelectorAll(arguments[0]).length;",
        vec![selector.into()],
    )
    .await;
    found.as_u64().unwrap_or(0) as usize
}

/// Waits (up to 15 s) until `condition` (a JS expression over `arguments[0]`) is true.
pub async fn wait_until(client: &Client, what: &str, condition: &str, arg: serde_json::Value) {
    // Before the page is drawn the condition may throw: that is "not yet".
    let script = format!("try {{ return !!({condition}); }} catch (e) {{ return false; }}");
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if run_js(client, &script, vec![arg.clone()]).await == serde_json::Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Sets a form control's value as a user would, firing `input` and `change`.
pub async fn type_into(client: &Client, selector: &str, value: &str) {
    let script = "const el = document.querySelector(arguments[0]);\
        if (!el) { throw new Error('no element ' + arguments[0]); }\
        el.focus(); el.value = arguments[1];\
        el.dispatchEvent(new Event('input', { bubbles: true }));\
        el.dispatchEvent(new Event('change', { bubbles: true }));";
    run_js(client, script, vec![selector.into(), value.into()]).await;
}

/// Clicks the first element matching the CSS `selector` (SVG elements included).
pub async fn click(client: &Client, selector: &str) {
    let script = "const el = document.querySelector(arguments[0]);\
        if (!el) { throw new Error('no element ' + arguments[0]); }\
        el.dispatchEvent(new MouseEvent('click', { bubbles: true }));";
    run_js(client, script, vec![selector.into()]).await;
}

/// The YAML panel's current text.
pub async fn yaml_text(client: &Client) -> String {
    let text = run_js(
        client,
        "return document.querySelector('[data-testid=yaml-output]').value;",
        vec![],
    )
    .await;
    text.as_str().unwrap_or_default().to_owned()
}

/// Resizes the browser window so that the page's viewport is `width` CSS pixels wide.
pub async fn set_viewport(client: &Client, width: u32, height: u32) {
    client
        .set_window_size(width, height)
        .await
        .unwrap_or_else(|e| panic!("cannot resize the window to {width}x{height}: {e}"));
    // Window and viewport may differ by the browser's own frame: correct once.
    let inner = run_js(
        client,
        "return [window.innerWidth, window.innerHeight];",
        vec![],
    )
    .await;
    let (w, h) = (
        inner[0].as_u64().unwrap_or(0) as u32,
        inner[1].as_u64().unwrap_or(0) as u32,
    );
    if (w, h) != (width, height) {
        client
            .set_window_size(
                width + width.saturating_sub(w),
                height + height.saturating_sub(h),
            )
            .await
            .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    }
}

/// axe-core's script, as `scripts/tools.sh --test` installed it at the version pinned there.
pub fn axe_source() -> String {
    let tools_sh = super::repo_root().join("scripts/tools.sh");
    let script = std::fs::read_to_string(&tools_sh).expect("scripts/tools.sh");
    let version = script
        .lines()
        .find_map(|line| line.strip_prefix("AXE_CORE_VERSION="))
        .expect("AXE_CORE_VERSION in scripts/tools.sh")
        .trim()
        .to_owned();
    let tools = std::env::var_os("PODWRIGHT_TOOLS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(std::env::var_os("HOME").expect("HOME"))
                .join(".cache/podwright-tools")
        });
    let path = tools.join(format!(
        "axe-core-{version}/node_modules/axe-core/axe.min.js"
    ));
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (scripts/tools.sh --test installs axe-core)",
            path.display()
        )
    })
}

/// Runs axe-core on the whole page and lists its serious and critical
/// violations, one line per element: rule, impact, element, what is wrong.
pub async fn axe_serious_violations(client: &Client, axe: &str) -> Vec<String> {
    let inject = format!("{axe}\nreturn typeof window.axe;");
    let loaded = run_js(client, &inject, vec![]).await;
    assert_eq!(loaded, json!("object"), "axe-core did not load");
    let script = "return window.axe.run(document, { resultTypes: ['violations'] }).then(result =>\
        result.violations\
            .filter(v => v.impact === 'serious' || v.impact === 'critical')\
            .flatMap(v => v.nodes.map(n => v.id + ' (' + v.impact + ') at ' + n.target.join(' ')\
                + ': ' + (n.failureSummary || v.help).replace(/\\s+/g, ' '))));";
    let found = run_js(client, script, vec![]).await;
    found
        .as_array()
        .expect("axe's violations")
        .iter()
        .map(|line| line.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Presses `keys` together (one key, or a chord such as Control and z) on
/// whatever has the focus, as a keyboard would.
pub async fn press(client: &Client, keys: &[char]) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut actions = KeyActions::new("keyboard".to_owned());
    for key in keys {
        actions = actions.then(KeyAction::Down { value: *key });
    }
    for key in keys.iter().rev() {
        actions = actions.then(KeyAction::Up { value: *key });
    }
    client
        .perform_actions(actions)
        .await
        .unwrap_or_else(|e| panic!("cannot press {keys:?}: {e}"));
}

/// Whether the element matching `selector` takes up room on the page.
pub async fn is_shown(client: &Client, selector: &str) -> bool {
    run_js(
        client,
        "const el = document.querySelector(arguments[0]);\
         return !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';",
        vec![selector.into()],
    )
    .await
        == json!(true)
}

/// Saves a screenshot of the page as a PNG file.
pub async fn screenshot(client: &Client, path: &std::path::Path) {
    let png = client
        .screenshot()
        .await
        .unwrap_or_else(|e| panic!("cannot take a screenshot: {e}"));
    std::fs::write(path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Drags `from` by the mouse: presses at its corner, moves `nudge` pixels so
/// the page sees a drag start, moves to `offset` pixels inside `onto` and
/// waits there 100 ms (long enough for drop marks to draw), then releases.
pub async fn drag(
    client: &Client,
    from: Element,
    nudge: (f64, f64),
    onto: Element,
    offset: (f64, f64),
) {
    use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
    let step = Some(Duration::from_millis(150));
    let drag = MouseActions::new("mouse".to_owned())
        .then(PointerAction::MoveToElement {
            element: from,
            duration: None,
            x: 0.0,
            y: 0.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveBy {
            duration: step,
            x: nudge.0,
            y: nudge.1,
        })
        .then(PointerAction::MoveToElement {
            element: onto,
            duration: step,
            x: offset.0,
            y: offset.1,
        })
        .then(PointerAction::Pause {
            duration: Duration::from_millis(100),
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(drag).await.unwrap();
}
