//! The UI in headless Chromium against the real server.

use fantoccini::Locator;
use podwright_e2e::browser::{test_id, wait_for_text, with_browser};
use podwright_e2e::server::Server;

#[tokio::test]
async fn the_designer_shows_the_yaml_the_server_exported() {
    let server = Server::start().await;
    let url = server.url("/");
    with_browser(|client| async move {
        client.goto(&url).await.unwrap();
        assert!(client.title().await.unwrap().contains("Podwright"));
        client
            .find(Locator::Css(&test_id("nav-designer")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let yaml = wait_for_text(&client, "yaml-output", "kind: Pod").await;
        assert!(yaml.contains("apiVersion: v1"), "{yaml}");
        assert!(yaml.contains("image: nginx:1.27.3"), "{yaml}");
    })
    .await;
}
