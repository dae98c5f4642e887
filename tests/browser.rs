//! The UI in headless Chromium against the real server.

mod support;

use support::browser::{
    click, count, find, test_id, type_into, wait_for_text, wait_until, with_browser,
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
