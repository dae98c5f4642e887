//! The designer in headless Chromium against the real server: build a Pod by
//! hand, import a large one, edit fields and YAML, export, reload.

use crate::support;

use serde_json::json;
use std::time::Duration;
use support::browser::{
    click, count, find, test_id, type_into, wait_until, with_browser, yaml_text,
};
use support::server::Server;

/// Waits until the YAML panel contains `needle`.
async fn wait_for_yaml(client: &fantoccini::Client, needle: &str) {
    wait_until(
        client,
        &format!("YAML containing {needle:?}"),
        "document.querySelector('[data-testid=yaml-output]').value.includes(arguments[0])",
        json!(needle),
    )
    .await;
}

/// Opens the designer on a fresh browser profile, starting from the blank Pod.
async fn open_designer(client: &fantoccini::Client, url: &str) {
    client.goto(url).await.unwrap();
    find(client, "yaml-output").await;
    wait_for_yaml(client, "kind: Pod").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn building_a_pod_by_hand_updates_canvas_yaml_and_findings() {
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_designer(&client, &url).await;
        assert_eq!(count(&client, &test_id("container-node")).await, 1);

        click(&client, &test_id("add-container")).await;
        click(&client, &test_id("add-init-container")).await;
        click(&client, &test_id("add-volume")).await;
        wait_for_yaml(&client, "initContainers:").await;
        wait_for_yaml(&client, "emptyDir: {}").await;
        assert_eq!(count(&client, &test_id("container-node")).await, 3);
        assert_eq!(count(&client, &test_id("volume-node")).await, 1);

        // Select the app container and mount the volume into it from the canvas.
        click(&client, "[data-testid=container-node][data-name=app]").await;
        find(&client, "mount-here").await;
        click(&client, &test_id("mount-here")).await;
        wait_for_yaml(&client, "mountPath: /mnt/data").await;
        assert_eq!(count(&client, &test_id("mount-edge")).await, 1);

        // The server's lints follow: busybox without resources or probes.
        wait_until(&client, "findings", "document.querySelectorAll('[data-testid=finding]').length > 0", json!(null)).await;
        let rules = support::browser::run_js(
            &client,
            "return [...document.querySelectorAll('[data-testid=finding]')].map(f => f.dataset.rule);",
            vec![],
        )
        .await;
        assert!(rules.to_string().contains("missing-resources"), "{rules}");

        // Edit a field in the inspector.
        click(&client, "[data-testid=container-node][data-name=app]").await;
        type_into(&client, "[data-testid=inspector] [data-path='/image']", "nginx:1.27.4").await;
        wait_for_yaml(&client, "image: nginx:1.27.4").await;

        // Undo brings the old image back; redo the new one.
        click(&client, &test_id("undo")).await;
        wait_for_yaml(&client, "image: nginx:1.27.3").await;
        click(&client, &test_id("redo")).await;
        wait_for_yaml(&client, "image: nginx:1.27.4").await;

        // Switching the kind exports a Deployment with a matching selector.
        click(&client, &test_id("select-pod")).await;
        type_into(&client, &test_id("kind-select"), "Deployment").await;
        wait_for_yaml(&client, "kind: Deployment").await;
        assert!(yaml_text(&client).await.contains("matchLabels:"));

        // A reload finds the design intact (autosave).
        client.refresh().await.unwrap();
        wait_for_yaml(&client, "kind: Deployment").await;
        assert_eq!(count(&client, &test_id("container-node")).await, 3);
        assert!(yaml_text(&client).await.contains("image: nginx:1.27.4"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_manifest_imports_with_every_container_and_field() {
    let server = Server::start().await;
    let url = server.url("/designer");
    let manifest =
        std::fs::read_to_string(support::repo_root().join("tests/fixtures/large-pod.yaml"))
            .unwrap();
    with_browser(|client| async move {
        open_designer(&client, &url).await;
        click(&client, &test_id("import-yaml")).await;
        type_into(&client, &test_id("import-text"), &manifest).await;
        click(&client, &test_id("import-submit")).await;
        wait_for_yaml(&client, "name: storefront").await;

        for name in [
            "wait-for-db",
            "migrate",
            "log-forwarder",
            "web",
            "cache",
            "db-proxy",
            "metrics-exporter",
        ] {
            assert_eq!(
                count(
                    &client,
                    &format!("[data-testid=container-node][data-name='{name}']")
                )
                .await,
                1,
                "{name}"
            );
        }
        assert_eq!(count(&client, &test_id("volume-node")).await, 6);
        assert!(count(&client, &test_id("mount-edge")).await >= 5);

        let yaml = yaml_text(&client).await;
        for field in [
            "restartPolicy: Always",
            "startupProbe:",
            "readinessProbe:",
            "livenessProbe:",
            "grpc:",
            "tcpSocket:",
            "exec:",
            "postStart:",
            "preStop:",
            "sleep:",
            "secretKeyRef:",
            "configMapKeyRef:",
            "fieldRef:",
            "resourceFieldRef:",
            "envFrom:",
            "subPath: fluent-bit.conf",
            "readOnly: true",
            "medium: Memory",
            "sizeLimit: 256Mi",
            "defaultMode: 288",
            "downwardAPI:",
            "projected:",
            "fsGroup: 2000",
            "seccompProfile:",
            "capabilities:",
            "readOnlyRootFilesystem: true",
            "runAsUser: 999",
            "terminationGracePeriodSeconds: 45",
            "serviceAccountName: storefront",
            "prometheus.io/scrape: \"true\"",
        ] {
            assert!(yaml.contains(field), "{field} missing from\n{yaml}");
        }
        find(&client, "effective-resources").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_yaml_panel_is_two_way_and_refuses_broken_yaml() {
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_designer(&client, &url).await;
        let edited = yaml_text(&client)
            .await
            .replace("name: app", "name: frontend");
        type_into(&client, &test_id("yaml-output"), &edited).await;
        click(&client, &test_id("apply-yaml")).await;
        find(&client, "container-node").await;
        wait_until(
            &client,
            "the canvas to follow the YAML",
            "document.querySelector('[data-testid=container-node][data-name=frontend]') !== null",
            json!(null),
        )
        .await;

        type_into(
            &client,
            &test_id("yaml-output"),
            "apiVersion: v1\nkind: Pod\nspec: [unclosed\n",
        )
        .await;
        click(&client, &test_id("apply-yaml")).await;
        let error = support::browser::wait_for_text(&client, "yaml-error", "line").await;
        assert!(error.contains("line 4, column 1"), "{error}");
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(
            count(&client, "[data-testid=container-node][data-name=frontend]").await,
            1,
            "the design stays"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_downloads_the_yaml() {
    let server = Server::start().await;
    let url = server.url("/designer");
    let downloads = tempfile::tempdir().unwrap();
    let folder = downloads.path().to_path_buf();
    let file = folder.join("web.yaml");
    let written = file.clone();
    support::browser::with_browser_downloading_to(&folder, |client| async move {
        open_designer(&client, &url).await;
        click(&client, &test_id("export-download")).await;
        // Keep the browser open until the download has landed (slow on a busy machine).
        for _ in 0..150 {
            if written.exists() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    let text = std::fs::read_to_string(&file).expect("the downloaded file");
    assert!(text.starts_with("apiVersion: v1\nkind: Pod\n"), "{text}");
}

/// A Pod of `count` plain containers, as YAML.
fn pod_of(count: usize) -> String {
    let containers: String = (0..count)
        .map(|i| {
            format!(
                "    - name: c{i}\n      image: busybox:1.37.0\n      ports:\n        - containerPort: {}\n      resources:\n        requests: {{cpu: 10m, memory: 16Mi}}\n",
                8000 + i
            )
        })
        .collect();
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bench\nspec:\n  containers:\n{containers}"
    )
}

/// Milliseconds from an inspector edit to the YAML (and findings, which come
/// with it) showing it, measured in the page.
async fn edit_to_yaml_ms(client: &fantoccini::Client, image: &str) -> f64 {
    let script = "const [selector, value, done] = arguments;\
        const yaml = document.querySelector('[data-testid=yaml-output]');\
        const field = document.querySelector(selector);\
        const started = performance.now();\
        field.value = value;\
        field.dispatchEvent(new Event('change', { bubbles: true }));\
        const poll = () => yaml.value.includes('image: ' + value) ? done(performance.now() - started) : requestAnimationFrame(poll);\
        poll();";
    let selector = "[data-testid=inspector] [data-path='/image']";
    let elapsed = client
        .execute_async(script, vec![json!(selector), json!(image)])
        .await
        .unwrap();
    elapsed.as_f64().expect("milliseconds")
}

/// Prints the median and p95 of edit-to-YAML time for 10 and 50 containers.
/// A measurement, not an assertion: the figures depend on the machine.
/// `scripts/bench.sh --ui` sets `PODWRIGHT_BENCH_SERVER` to the release
/// binary, the build users run; the test suite measures its debug build.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_to_yaml_latency_is_measured() {
    let server = match std::env::var_os("PODWRIGHT_BENCH_SERVER") {
        Some(binary) => {
            let server = Server::spawn_binary(std::path::Path::new(&binary), &[], &[], false);
            server.wait_until_ready().await;
            server
        }
        None => Server::start().await,
    };
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_designer(&client, &url).await;
        for containers in [10, 50] {
            click(&client, &test_id("import-yaml")).await;
            type_into(&client, &test_id("import-text"), &pod_of(containers)).await;
            click(&client, &test_id("import-submit")).await;
            wait_for_yaml(&client, &format!("name: c{}", containers - 1)).await;
            click(&client, "[data-testid=container-node][data-name=c0]").await;
            find(&client, "inspector").await;
            let mut samples = Vec::new();
            for i in 0..20 {
                samples.push(edit_to_yaml_ms(&client, &format!("busybox:1.37.{}", 100 + i)).await);
            }
            samples.sort_by(f64::total_cmp);
            let median = samples[samples.len() / 2];
            let p95 = samples[(samples.len() * 95).div_ceil(100) - 1];
            println!("edit to YAML and findings, {containers} containers: median {median:.0} ms, p95 {p95:.0} ms (n = 20)");
            assert_eq!(count(&client, &test_id("container-node")).await, containers);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_and_values_from_yaml_are_never_rendered_as_html() {
    let server = Server::start().await;
    let url = server.url("/designer");
    let hostile = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: \"<img src=x onerror=window.pwned=1>\"\n      image: \"<script>window.pwned=1</script>\"\n";
    with_browser(|client| async move {
        open_designer(&client, &url).await;
        click(&client, &test_id("import-yaml")).await;
        type_into(&client, &test_id("import-text"), hostile).await;
        click(&client, &test_id("import-submit")).await;
        wait_for_yaml(&client, "onerror").await;
        find(&client, "finding").await;
        let injected = support::browser::run_js(
            &client,
            "return document.querySelectorAll('main img, main script').length + (window.pwned ? 100 : 0);",
            vec![],
        )
        .await;
        assert_eq!(injected, json!(0));
        let shown = support::browser::run_js(
            &client,
            "return document.querySelector('[data-testid=container-node] .name').textContent;",
            vec![],
        )
        .await;
        assert!(shown.as_str().unwrap().starts_with("<img"), "{shown}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dragging_a_container_onto_a_volume_mounts_it() {
    use fantoccini::Locator;
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_designer(&client, &url).await;
        click(&client, &test_id("add-volume")).await;
        wait_for_yaml(&client, "emptyDir: {}").await;
        assert_eq!(count(&client, &test_id("mount-edge")).await, 0);
        let container = client
            .find(Locator::Css("[data-testid=container-node][data-name=app]"))
            .await
            .unwrap();
        let volume = client
            .find(Locator::Css(&test_id("volume-node")))
            .await
            .unwrap();
        support::browser::drag(&client, container, (0.0, 30.0), volume, (0.0, 0.0)).await;
        wait_for_yaml(&client, "mountPath: /mnt/data").await;
        assert_eq!(count(&client, &test_id("mount-edge")).await, 1);
        assert_eq!(
            count(&client, &test_id("drag-line")).await,
            0,
            "the drag line goes"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_changes_view_shows_what_edits_changed_since_the_import() {
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_designer(&client, &url).await;
        click(&client, &test_id("import-yaml")).await;
        type_into(&client, &test_id("import-text"), &pod_of(2)).await;
        click(&client, &test_id("import-submit")).await;
        wait_for_yaml(&client, "name: c1").await;
        click(&client, "[data-testid=container-node][data-name=c1]").await;
        type_into(&client, "[data-testid=inspector] [data-path='/image']", "busybox:1.37.1").await;
        wait_for_yaml(&client, "image: busybox:1.37.1").await;

        click(&client, &test_id("yaml-diff-toggle")).await;
        let lines = support::browser::run_js(
            &client,
            "return [...document.querySelectorAll('[data-testid=yaml-diff] ins, [data-testid=yaml-diff] del')].map(l => l.textContent);",
            vec![],
        )
        .await;
        let lines: Vec<&str> = lines.as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
        assert_eq!(lines.len(), 2, "only the edited line differs: {lines:?}");
        assert!(lines[0].starts_with("- ") && lines[0].trim_end().ends_with("image: busybox:1.37.0"), "{lines:?}");
        assert!(lines[1].starts_with("+ ") && lines[1].trim_end().ends_with("image: busybox:1.37.1"), "{lines:?}");

        // Copying the YAML makes it the new reference: nothing differs any more.
        click(&client, &test_id("copy-yaml")).await;
        wait_until(
            &client,
            "an empty diff",
            "document.querySelectorAll('[data-testid=yaml-diff] ins, [data-testid=yaml-diff] del').length === 0",
            json!(null),
        )
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_field_value_of_the_wrong_type_is_refused_and_changes_nothing() {
    let server = Server::start().await;
    let url = server.url("/designer");
    with_browser(|client| async move {
        open_designer(&client, &url).await;
        // Tolerations are a list: a plain string does not fit the Pod spec.
        let field = "[data-testid=inspector] [data-path='/tolerations']";
        type_into(&client, field, "just a string").await;
        wait_until(
            &client,
            "the field's error",
            "document.querySelector('[data-testid=inspector] .field-error').textContent.includes('tolerations')",
            json!(null),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!yaml_text(&client).await.contains("tolerations"), "the design stays");
        assert_eq!(count(&client, ".banner.error").await, 0, "no broken preview");
        assert_eq!(
            support::browser::run_js(&client, "return document.querySelector('[data-testid=redo]').disabled;", vec![]).await,
            json!(true),
            "the refused edit is not redoable"
        );

        // Text that is not YAML says where it breaks, and changes nothing either.
        type_into(&client, field, "- operator: [Exists").await;
        wait_until(
            &client,
            "the field's YAML error",
            "document.querySelector('[data-testid=inspector] .field-error').textContent.includes('line')",
            json!(null),
        )
        .await;
        assert!(!yaml_text(&client).await.contains("tolerations"), "the design stays");

        // A list is taken, and the error goes.
        type_into(&client, field, "- operator: Exists").await;
        wait_for_yaml(&client, "tolerations:").await;
        assert_eq!(count(&client, "[data-testid=inspector] .field-error").await, 0);
    })
    .await;
}
