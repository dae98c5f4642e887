//! The built-in catalog through the real `podwright` binary: every page loads,
//! every example imports into a design, every anti-pattern draws a finding,
//! and every example that is not an
//! anti-pattern exports YAML that the Kubernetes JSON schemas accept
//! (`kubernetes-validate --strict`, for the oldest and newest target versions).

use crate::support;

use serde_json::{Value, json};
use support::http;
use support::schemas::{SCHEMA_VERSIONS, check_schemas, kubernetes_validate};
use support::server::Server;

/// An example as a page lists it.
struct Example {
    page: String,
    id: String,
    yaml: String,
    anti_pattern: bool,
}

async fn get_json(server: &Server, path: &str) -> Value {
    let response = http::get(&server.url(path)).await.unwrap();
    assert_eq!(response.status, 200, "GET {path}: {}", response.text());
    response.json()
}

/// Every page of the catalog, fetched over HTTP.
async fn all_pages(server: &Server) -> Vec<Value> {
    let list = get_json(server, "/api/v1/patterns").await;
    let list = list.as_array().expect("a JSON list of pages");
    assert!(!list.is_empty(), "the built-in catalog has no pages");
    let mut pages = Vec::new();
    for summary in list {
        let slug = summary["slug"].as_str().expect("a slug");
        pages.push(get_json(server, &format!("/api/v1/patterns/{slug}")).await);
    }
    pages
}

fn examples_of(pages: &[Value]) -> Vec<Example> {
    pages
        .iter()
        .flat_map(|page| {
            let slug = page["slug"].as_str().unwrap().to_owned();
            page["examples"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |example| Example {
                    page: slug.clone(),
                    id: example["id"].as_str().unwrap().to_owned(),
                    yaml: example["yaml"].as_str().unwrap().to_owned(),
                    anti_pattern: example["antiPattern"] == json!(true),
                })
        })
        .collect()
}

#[tokio::test]
async fn every_page_loads_with_html_headings_and_placed_examples() {
    let server = Server::start().await;
    for page in all_pages(&server).await {
        let slug = page["slug"].as_str().unwrap();
        let html = page["html"].as_str().unwrap();
        assert!(!html.is_empty(), "{slug}: empty html");
        assert!(!html.contains("<script"), "{slug}: a script survived");
        for heading in page["headings"].as_array().unwrap() {
            let anchor = heading["anchor"].as_str().unwrap();
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "{slug}: no element for #{anchor}"
            );
        }
        for example in page["examples"].as_array().unwrap() {
            assert!(
                example["yamlHtml"].as_str().unwrap().contains("hl-"),
                "{slug}: {} is not highlighted",
                example["id"]
            );
        }
        for related in page["related"].as_array().unwrap() {
            let target = related["slug"].as_str().unwrap();
            get_json(&server, &format!("/api/v1/patterns/{target}")).await;
        }
    }
    let index = get_json(&server, "/api/v1/search-index").await;
    assert!(!index["sections"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_content_dir_replaces_the_built_in_catalog_and_skips_broken_pages() {
    let dir = tempfile::tempdir().unwrap();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.3\n";
    let page = "---\nslug: our-proxy\ntitle: Our proxy\nsummary: How we run it.\norder: 1\nexamples:\n  - id: web\n    title: Web\n    file: our-proxy/web.yaml\n---\n> [!TIP]\n> Ask the platform team.\n\n```example\nweb\n```\n";
    std::fs::create_dir(dir.path().join("our-proxy")).unwrap();
    std::fs::write(dir.path().join("our-proxy/web.yaml"), pod).unwrap();
    std::fs::write(dir.path().join("our-proxy.md"), page).unwrap();
    std::fs::write(dir.path().join("broken.md"), "no front matter\n").unwrap();
    let server = Server::start_with_args(&["--content-dir", dir.path().to_str().unwrap()]).await;
    let list = get_json(&server, "/api/v1/patterns").await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let page = get_json(&server, "/api/v1/patterns/our-proxy").await;
    assert!(page["html"].as_str().unwrap().contains("admonition tip"));
    assert_eq!(page["examples"][0]["yaml"], pod);
    let missing = http::get(&server.url("/api/v1/patterns/broken"))
        .await
        .unwrap();
    assert_eq!(missing.status, 404);
}

/// Anti-patterns whose mistake no rule over the manifest can see.
const INVISIBLE_ANTI_PATTERNS: &[&str] = &[
    // A 100 MB buffer configured in the shipper's own config file, against a
    // 48 Mi memory limit: the sizes meet only at run time.
    "troubleshooting/oomkilled-sidecar",
];

#[tokio::test]
async fn every_example_imports_and_exports_yaml_the_kubernetes_schemas_accept() {
    let validator = kubernetes_validate();
    let server = Server::start().await;
    let examples = examples_of(&all_pages(&server).await);
    assert!(!examples.is_empty(), "the built-in catalog has no examples");
    let exported_dir = tempfile::tempdir().unwrap();
    let mut exported = Vec::new();
    for example in &examples {
        let name = format!("{}/{}", example.page, example.id);
        let imported = http::post(
            &server.url("/api/v1/import"),
            "application/yaml",
            example.yaml.clone(),
        )
        .await
        .unwrap();
        assert_eq!(imported.status, 200, "import {name}: {}", imported.text());
        let design = imported.json()["design"].clone();
        assert!(design.is_object(), "import {name}: no design");
        let findings = imported.json()["report"]["findings"].clone();
        let has = |severity: &str| {
            findings
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["severity"] == severity)
        };
        if example.anti_pattern {
            // An anti-pattern shows on purpose what goes wrong: validation must
            // say so, unless the mistake lives where no manifest rule can see it.
            let invisible = INVISIBLE_ANTI_PATTERNS.contains(&name.as_str());
            assert!(
                has("error") || has("warning") || invisible,
                "anti-pattern {name} draws no finding"
            );
            continue;
        }
        assert!(!has("error"), "{name} has errors: {findings:#}");
        let body = json!({ "design": design }).to_string();
        let response = http::post(&server.url("/api/v1/export"), "application/json", body)
            .await
            .unwrap();
        assert_eq!(response.status, 200, "export {name}: {}", response.text());
        let file = exported_dir
            .path()
            .join(format!("{}--{}.yaml", example.page, example.id));
        std::fs::write(&file, response.text()).unwrap();
        exported.push(file);
    }
    assert!(!exported.is_empty(), "no example was exported");
    for version in SCHEMA_VERSIONS {
        check_schemas(&validator, version, &exported);
    }
}

/// The names of the containers (init ones included) of the first workload of `yaml`.
fn container_names(yaml: &str) -> Vec<String> {
    let documents = podwright_core::yaml::read_documents(yaml, &Default::default()).unwrap();
    let spec = documents
        .iter()
        .find_map(|doc| match doc["kind"].as_str()? {
            "Pod" => doc.get("spec"),
            "CronJob" => doc.pointer("/spec/jobTemplate/spec/template/spec"),
            "ConfigMap" | "Secret" | "Service" => None,
            _ => doc.pointer("/spec/template/spec"),
        })
        .expect("a workload");
    ["initContainers", "containers"]
        .iter()
        .filter_map(|key| spec[key].as_array())
        .flatten()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn every_native_sidecar_and_init_container_example_has_its_own_sequence_diagram() {
    let server = Server::start().await;
    for slug in ["native-sidecar", "init-containers"] {
        let page = get_json(&server, &format!("/api/v1/patterns/{slug}")).await;
        let examples = page["examples"].as_array().unwrap();
        assert!(!examples.is_empty(), "{slug} has no examples");
        for example in examples {
            let id = example["id"].as_str().unwrap();
            let svg = example["timelineSvg"]
                .as_str()
                .unwrap_or_else(|| panic!("{slug}/{id} has no diagram"));
            assert!(svg.starts_with("<svg "), "{slug}/{id}: {svg}");
            assert!(svg.contains("role=\"img\""), "{slug}/{id}");
            assert!(
                svg.contains(&format!("<title id=\"timeline-{id}-title\">")),
                "{slug}/{id}"
            );
            assert!(
                svg.contains("aria-label=\"Start-up and shutdown: "),
                "{slug}/{id}"
            );
            assert!(svg.contains("grace period "), "{slug}/{id}");
            let mut at = 0;
            for name in container_names(example["yaml"].as_str().unwrap()) {
                let lane = format!("font-weight=\"bold\">{name}</text>");
                let found = svg[at..].find(&lane).unwrap_or_else(|| {
                    panic!("{slug}/{id}: no lane for {name} after the previous one")
                });
                at += found + lane.len();
            }
        }
    }
}

#[tokio::test]
async fn tab_controls_hold_examples_the_page_declares() {
    let server = Server::start().await;
    let mut controls = 0;
    for page in all_pages(&server).await {
        let html = page["html"].as_str().unwrap();
        let ids: Vec<&str> = page["examples"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        for control in html.split("<div class=\"example-tabs\">").skip(1) {
            controls += 1;
            let inside = &control[..control.find("</div></div>").unwrap()];
            let tabs: Vec<&str> = inside
                .split("data-example=\"")
                .skip(1)
                .map(|rest| &rest[..rest.find('"').unwrap()])
                .collect();
            assert!(tabs.len() >= 2, "{}: {inside}", page["slug"]);
            for id in tabs {
                assert!(
                    ids.contains(&id),
                    "{}: {id} is not an example",
                    page["slug"]
                );
            }
        }
    }
    assert!(controls >= 10, "only {controls} tab controls");
}
