//! Reading one page: its front matter, its Markdown body and its example files.

use super::source::ContentSource;
use podwright_core::yaml::{Limits, read_documents};
use serde::Deserialize;

/// The YAML between the `---` lines at the top of a page.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FrontMatter {
    /// The page's address in the catalog: `/catalog/<slug>`.
    pub slug: String,
    /// The page's title.
    pub title: String,
    /// One or two sentences for the list of patterns.
    pub summary: String,
    /// Keywords to filter by.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Position in the list of patterns (lower first).
    pub order: i64,
    /// Slugs of pages to read next.
    #[serde(default)]
    pub related: Vec<String>,
    /// The page's example manifests.
    #[serde(default)]
    pub examples: Vec<ExampleEntry>,
}

/// An example as the front matter declares it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ExampleEntry {
    /// Unique within the page; the body places it with an `example` code block.
    pub id: String,
    /// A one-line title.
    pub title: String,
    /// The manifest's path, relative to the content folder.
    pub file: String,
    /// Shows on purpose what goes wrong.
    #[serde(default)]
    pub anti_pattern: bool,
}

/// A page as read from its source, before rendering.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcePage {
    /// Its front matter.
    pub front: FrontMatter,
    /// Its Markdown body.
    pub body: String,
    /// Its examples with their files' text, in declaration order.
    pub examples: Vec<(ExampleEntry, String)>,
}

/// Whether `slug` can name a page: `[a-z0-9-]+`.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads the page in `file` and the example files it names.
pub fn read_page(source: &ContentSource, file: &str) -> Result<SourcePage, String> {
    let text = source.read(file)?;
    let (front, body) = split_front_matter(&text)?;
    let front = parse_front_matter(front)?;
    let expected = format!("{}.md", front.slug);
    if file != expected {
        return Err(format!(
            "slug {:?} does not match the file name (expected {expected})",
            front.slug
        ));
    }
    let mut examples = Vec::with_capacity(front.examples.len());
    for entry in &front.examples {
        if examples
            .iter()
            .any(|(seen, _): &(ExampleEntry, String)| seen.id == entry.id)
        {
            return Err(format!("example id {:?} is declared twice", entry.id));
        }
        let yaml = source.read(&entry.file)?;
        read_documents(&yaml, &Limits::default())
            .map_err(|e| format!("example {:?} ({}): {e}", entry.id, entry.file))?;
        examples.push((entry.clone(), yaml));
    }
    Ok(SourcePage {
        front,
        body: body.to_owned(),
        examples,
    })
}

/// Splits `---\n<yaml>\n---\n<body>` into the YAML and the body.
fn split_front_matter(text: &str) -> Result<(&str, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or("no front matter: the page must start with a `---` line")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err("the front matter has no closing `---` line".to_owned())
}

fn parse_front_matter(yaml: &str) -> Result<FrontMatter, String> {
    let mut documents =
        read_documents(yaml, &Limits::default()).map_err(|e| format!("front matter: {e}"))?;
    if documents.len() != 1 {
        return Err("front matter: expected one YAML mapping".to_owned());
    }
    let front: FrontMatter =
        serde_json::from_value(documents.remove(0)).map_err(|e| format!("front matter: {e}"))?;
    if !is_valid_slug(&front.slug) {
        return Err(format!(
            "front matter: slug {:?} must be lowercase letters, digits and dashes",
            front.slug
        ));
    }
    if let Some(example) = front.examples.iter().find(|e| !is_valid_slug(&e.id)) {
        return Err(format!(
            "front matter: example id {:?} must be lowercase letters, digits and dashes",
            example.id
        ));
    }
    Ok(front)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const PAGE: &str = "---\nslug: demo\ntitle: Demo\nsummary: A demo page.\ntags: [pattern, demo]\norder: 5\nrelated: [other]\nexamples:\n  - id: one\n    title: The first\n    file: demo/one.yaml\n  - id: bad\n    title: Gone wrong\n    file: demo/one.yaml\n    antiPattern: true\n---\n\nBody text.\n";

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n";

    #[test]
    fn front_matter_body_and_examples_are_read() {
        let dir = folder(&[("demo.md", PAGE), ("demo/one.yaml", POD)]);
        let page = read_page(&ContentSource::Dir(dir.path().into()), "demo.md").unwrap();
        assert_eq!(page.front.slug, "demo");
        assert_eq!(page.front.tags, ["pattern", "demo"]);
        assert_eq!(page.front.order, 5);
        assert_eq!(page.front.related, ["other"]);
        assert!(!page.front.examples[0].anti_pattern);
        assert!(page.front.examples[1].anti_pattern);
        assert_eq!(page.body, "\nBody text.\n");
        assert_eq!(page.examples[0].1, POD);
    }

    #[test]
    fn optional_lists_default_to_empty() {
        let text = "---\nslug: bare\ntitle: Bare\nsummary: S.\norder: 1\n---\nText\n";
        let dir = folder(&[("bare.md", text)]);
        let page = read_page(&ContentSource::Dir(dir.path().into()), "bare.md").unwrap();
        assert!(page.front.tags.is_empty() && page.front.examples.is_empty());
    }

    #[test]
    fn broken_pages_say_what_is_wrong() {
        let cases = [
            ("no front matter", "Just text\n", "no front matter"),
            ("unclosed", "---\nslug: x\n", "no closing"),
            ("not YAML", "---\nslug: [x\n---\n", "front matter: line"),
            (
                "missing title",
                "---\nslug: x\nsummary: S\norder: 1\n---\n",
                "title",
            ),
            (
                "bad slug",
                "---\nslug: ../x\ntitle: T\nsummary: S\norder: 1\n---\n",
                "lowercase",
            ),
            (
                "wrong file",
                "---\nslug: other\ntitle: T\nsummary: S\norder: 1\n---\n",
                "does not match",
            ),
            (
                "missing example",
                "---\nslug: x\ntitle: T\nsummary: S\norder: 1\nexamples: [{id: a, title: A, file: x/none.yaml}]\n---\n",
                "x/none.yaml",
            ),
            (
                "escaping example",
                "---\nslug: x\ntitle: T\nsummary: S\norder: 1\nexamples: [{id: a, title: A, file: ../x.md}]\n---\n",
                "not a path inside",
            ),
            (
                "duplicate example",
                "---\nslug: x\ntitle: T\nsummary: S\norder: 1\nexamples: [{id: a, title: A, file: x.md}, {id: a, title: B, file: x.md}]\n---\n",
                "declared twice",
            ),
        ];
        for (name, text, reason) in cases {
            let dir = folder(&[("x.md", text)]);
            let error = read_page(&ContentSource::Dir(dir.path().into()), "x.md").unwrap_err();
            assert!(error.contains(reason), "{name}: {error}");
        }
    }

    #[test]
    fn slugs_are_lowercase_letters_digits_and_dashes() {
        assert!(is_valid_slug("native-sidecar-2"));
        for slug in ["", "Sidecar", "a/b", "..", "a_b", "a%2fb"] {
            assert!(!is_valid_slug(slug), "{slug}");
        }
    }
}
