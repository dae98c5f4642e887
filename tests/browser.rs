//! The UI in headless Chromium against the real server.

use crate::support;

use fantoccini::key::Key;
use support::browser::{
    click, count, find, is_shown, press, run_js, test_id, type_into, wait_for_text, wait_until,
    with_browser,
};
use support::server::Server;

#[tokio::test]
async fn the_designer_shows_the_yaml_the_server_exported() {
    let server = Server::start().await;
    let url = server.url("/");
    with_browser(|client| async move {
        client.goto(&url).await.unwrap();
        assert!(client.title().await.unwrap().contains("Podwright"));
        find(&client, "nav-designer").await.click().await.unwrap();
        let yaml = wait_for_text(&client, "yaml-output", "kind: Pod").await;
        assert!(yaml.contains("apiVersion: v1"), "{yaml}");
        assert!(yaml.contains("image: nginx:1.27.3"), "{yaml}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalog_searches_follows_a_card_and_opens_an_example_in_the_designer() {
    let server = Server::start().await;
    let url = server.url("/catalog");
    with_browser(|client| async move {
        client.goto(&url).await.unwrap();
        find(&client, "pattern-card").await;
        assert!(count(&client, &test_id("pattern-card")).await >= 15);

        type_into(&client, &test_id("catalog-search"), "pgbouncer").await;
        let results = wait_for_text(&client, "search-results", "mbassador").await;
        assert!(!results.is_empty());

        click(
            &client,
            "[data-testid=pattern-card][href='/catalog/ambassador']",
        )
        .await;
        find(&client, "open-in-designer").await;
        wait_until(
            &client,
            "the examples to validate",
            "document.querySelectorAll('.example [data-testid=container-node]').length > 0",
            serde_json::Value::Null,
        )
        .await;
        click(
            &client,
            "#example-pgbouncer-ambassador [data-testid=open-in-designer]",
        )
        .await;
        wait_for_text(&client, "yaml-output", "pgbouncer").await;
        assert!(
            client
                .current_url()
                .await
                .unwrap()
                .path()
                .ends_with("/designer")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_policy_page_lists_the_policies_and_the_designer_marks_their_findings() {
    let policies = support::repo_root().join("content/admission-policies/policies");
    let server = Server::start_with_args(&["--policy", policies.to_str().unwrap()]).await;
    let url = server.url("/catalog");
    let designer = server.url("/designer");
    let refused = std::fs::read_to_string(
        support::repo_root().join("content/admission-policies/refused.yaml"),
    )
    .unwrap();
    with_browser(|client| async move {
        client.goto(&url).await.unwrap();
        find(&client, "nav-policy").await.click().await.unwrap();
        let list = wait_for_text(&client, "policy-list", "team-images").await;
        assert!(list.contains("limits-and-volumes") && list.contains("cost-labels"), "{list}");
        assert!(list.contains("images.yaml"), "{list}");
        assert_eq!(count(&client, &test_id("policy")).await, 3);

        client.goto(&designer).await.unwrap();
        find(&client, "import-yaml").await;
        click(&client, &test_id("import-yaml")).await;
        type_into(&client, &test_id("import-text"), &refused).await;
        click(&client, &test_id("import-submit")).await;
        wait_until(
            &client,
            "the team's findings",
            "document.querySelectorAll('[data-testid=finding][data-rule^=\"policy:\"] [data-testid=team-finding]').length >= 5",
            serde_json::Value::Null,
        )
        .await;
        let findings = find(&client, "findings").await.text().await.unwrap();
        assert!(findings.contains("hostPath volumes are not allowed"), "{findings}");
    })
    .await;
}

/// Whether the tab `selector` is the selected one.
async fn is_selected(client: &fantoccini::Client, selector: &str) -> bool {
    run_js(
        client,
        "return document.querySelector(arguments[0]).getAttribute('aria-selected');",
        vec![selector.into()],
    )
    .await
        == serde_json::json!("true")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn classic_and_native_twins_share_one_tab_control_that_clicks_and_arrow_keys_switch() {
    let server = Server::start().await;
    let url = server.url("/catalog/sidecar");
    with_browser(|client| async move {
        client.goto(&url).await.unwrap();
        find(&client, "example-tabs").await;
        let (classic, native) = ("#tabs-git-sync-site-tab-0", "#tabs-git-sync-site-tab-1");
        let (classic_panel, native_panel) =
            ("#tabs-git-sync-site-panel-0", "#tabs-git-sync-site-panel-1");
        let tabs = run_js(
            &client,
            "return [...document.querySelectorAll('.example-tabs [role=tablist] [role=tab]')].map(t => t.textContent + '>' + t.getAttribute('aria-controls'));",
            vec![],
        )
        .await;
        assert!(
            tabs.to_string().contains("Classic>tabs-git-sync-site-panel-0")
                && tabs.to_string().contains("Native>tabs-git-sync-site-panel-1"),
            "{tabs}"
        );
        assert!(is_selected(&client, classic).await);
        assert!(is_shown(&client, &format!("{classic_panel} #example-git-sync-site")).await);
        assert!(!is_shown(&client, native_panel).await);

        // A real mouse click, which also moves the focus to the tab.
        client
            .find(fantoccini::Locator::Css(native))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert!(is_selected(&client, native).await);
        assert!(!is_selected(&client, classic).await);
        assert!(is_shown(&client, &format!("{native_panel} #example-git-sync-site-native")).await);
        assert!(!is_shown(&client, classic_panel).await);

        press(&client, &[char::from(Key::Left)]).await;
        assert!(is_selected(&client, classic).await);
        assert!(is_shown(&client, classic_panel).await && !is_shown(&client, native_panel).await);
        let focused = run_js(&client, "return document.activeElement.id;", vec![]).await;
        assert_eq!(focused, serde_json::json!("tabs-git-sync-site-tab-0"));
        press(&client, &[char::from(Key::Right)]).await;
        assert!(is_selected(&client, native).await);
        press(&client, &[char::from(Key::Right)]).await;
        assert!(is_selected(&client, classic).await, "the arrow wraps around");
        press(&client, &[char::from(Key::End)]).await;
        assert!(is_selected(&client, native).await);

        wait_until(
            &client,
            "the native example's diagram",
            "!!document.querySelector(arguments[0] + ' [data-testid=example-timeline] svg[role=img]')",
            serde_json::json!(native_panel),
        )
        .await;
        wait_until(
            &client,
            "the examples to validate",
            "document.querySelectorAll(arguments[0] + ' [data-testid=container-node]').length > 0",
            serde_json::json!(native_panel),
        )
        .await;
        click(
            &client,
            "#example-git-sync-site-native [data-testid=open-in-designer]",
        )
        .await;
        wait_for_text(&client, "yaml-output", "git-sync").await;
        assert!(
            client
                .current_url()
                .await
                .unwrap()
                .path()
                .ends_with("/designer")
        );
    })
    .await;
}
