//! The UI in headless Chromium against the real server.

mod support;

use support::browser::{find, wait_for_text, with_browser};
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
