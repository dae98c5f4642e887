//! Loading whole catalogs from folders: ordering, links, skipped pages, search.

use super::*;
use podwright_core::search::search;
use std::fs;
use std::io::Write;
use std::sync::Mutex;

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n";

fn page(slug: &str, title: &str, order: i64, extra: &str, body: &str) -> String {
    format!(
        "---\nslug: {slug}\ntitle: {title}\nsummary: About {title}.\norder: {order}\n{extra}---\n{body}"
    )
}

fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// Log lines written while `f` runs.
fn logs_of<T>(f: impl FnOnce() -> T) -> (T, String) {
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let value = tracing::subscriber::with_default(subscriber, f);
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    (value, text)
}

fn sample() -> tempfile::TempDir {
    let examples = "examples:\n  - id: web\n    title: A web server\n    file: b/web.yaml\n  - id: broken\n    title: What goes wrong\n    file: b/web.yaml\n    antiPattern: true\n";
    folder(&[
        (
            "b.md",
            page(
                "b",
                "Beta",
                10,
                &format!("tags: [pattern]\nrelated: [a, ghost]\n{examples}"),
                "Intro.\n\n## Readiness gates\n\nProbes decide.\n\n```example\nweb\n```\n\n```example\nbroken\n```\n",
            ),
        ),
        ("a.md", page("a", "Alpha", 10, "", "Alpha text.\n")),
        ("z.md", page("z", "Zeta", 1, "", "First by order.\n")),
        ("b/web.yaml", POD.to_owned()),
        ("notes.txt", "not a page".to_owned()),
    ])
}

#[test]
fn pages_are_listed_by_order_then_title() {
    let dir = sample();
    let catalog = Catalog::load(&ContentSource::Dir(dir.path().into())).unwrap();
    let slugs: Vec<_> = catalog
        .summaries()
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    assert_eq!(slugs, ["z", "a", "b"]);
}

#[test]
fn a_page_carries_related_titles_html_headings_and_examples() {
    let dir = sample();
    let (catalog, logs) =
        logs_of(|| Catalog::load(&ContentSource::Dir(dir.path().into())).unwrap());
    let page = catalog.page("b").unwrap();
    assert_eq!(
        page.related,
        [RelatedPage {
            slug: "a".to_owned(),
            title: "Alpha".to_owned()
        }]
    );
    assert!(
        logs.contains("related page does not exist") && logs.contains("ghost"),
        "{logs}"
    );
    assert_eq!(page.headings[0].anchor, "readiness-gates");
    assert!(page.html.contains("data-example=\"web\""), "{}", page.html);
    assert_eq!(page.examples.len(), 2);
    assert_eq!(page.examples[0].yaml, POD);
    assert!(page.examples[0].yaml_html.contains("hl-"));
    assert!(page.examples[1].anti_pattern);
    let json = serde_json::to_value(page).unwrap();
    assert!(json["examples"][0].get("antiPattern").is_none());
    assert_eq!(json["examples"][1]["antiPattern"], true);
    assert!(json["examples"][0]["yamlHtml"].is_string());
}

#[test]
fn broken_pages_are_skipped_with_a_warning_naming_file_and_reason() {
    let dir = folder(&[
        ("good.md", page("good", "Good", 1, "", "Fine.\n")),
        (
            "bad.md",
            "---\nslug: bad\ntitle: [unclosed\n---\n".to_owned(),
        ),
        (
            "lost.md",
            page(
                "lost",
                "Lost",
                2,
                "examples: [{id: gone, title: Gone, file: lost/gone.yaml}]\n",
                "",
            ),
        ),
        (
            "stray.md",
            page("stray", "Stray", 3, "", "```example\nnowhere\n```\n"),
        ),
    ]);
    let (catalog, logs) =
        logs_of(|| Catalog::load(&ContentSource::Dir(dir.path().into())).unwrap());
    let slugs: Vec<_> = catalog
        .summaries()
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    assert_eq!(slugs, ["good"]);
    for expected in [
        "bad.md",
        "front matter",
        "lost.md",
        "lost/gone.yaml",
        "stray.md",
        "\"nowhere\"",
    ] {
        assert!(logs.contains(expected), "{expected} in {logs}");
    }
    assert!(logs.contains("WARN"), "{logs}");
}

#[test]
fn a_folder_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(Catalog::load(&ContentSource::Dir(dir.path().join("none"))).is_err());
}

#[test]
fn the_search_index_finds_pages_and_headings() {
    let dir = sample();
    let catalog = Catalog::load(&ContentSource::Dir(dir.path().into())).unwrap();
    let index = catalog.search_index();
    let hits = search(index, "readiness");
    let section = &index.sections[hits[0].section];
    assert_eq!(section.slug, "b");
    assert_eq!(section.anchor.as_deref(), Some("readiness-gates"));
    assert_eq!(section.excerpt, "Probes decide.");
    let hits = search(index, "alpha");
    assert_eq!(index.sections[hits[0].section].slug, "a");
    assert!(index.sections[hits[0].section].heading.is_none());
}

#[test]
fn every_built_in_page_loads() {
    let (catalog, logs) = logs_of(|| Catalog::load(&ContentSource::BuiltIn).unwrap());
    let pages = ContentSource::BuiltIn.page_files().unwrap();
    // The files, and the generated feature matrix.
    assert_eq!(catalog.summaries().len(), pages.len() + 1, "{logs}");
    assert!(catalog.page("feature-matrix").is_some());
    for summary in catalog.summaries() {
        assert!(catalog.page(&summary.slug).is_some());
    }
}
