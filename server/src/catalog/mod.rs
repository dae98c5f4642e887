//! The pattern catalog: Markdown pages with front matter and example
//! manifests, loaded once at start-up, rendered to safe HTML and indexed for
//! search.
//!
//! - [`source`] lists and reads the files (built in, or a team's folder);
//! - [`content`] reads one page: front matter, body, example files;
//! - [`render`] turns the body into HTML, a table of contents and section text;
//! - [`figure`] draws decision trees as SVG;
//! - [`timeline`] draws each example's start-up and shutdown as SVG;
//! - [`highlight`] and [`sanitize`] do the code colouring and the cleaning;
//! - [`index`] builds the search index from the rendered pages;
//! - [`matrix`] generates the feature and version matrix page.

mod content;
mod figure;
mod highlight;
mod index;
mod matrix;
mod render;
mod sanitize;
mod source;
mod timeline;

pub use content::is_valid_slug;
pub use podwright_core::api::{Example, Heading, Page, PageSummary, RelatedPage};
pub use source::ContentSource;

use content::SourcePage;
use highlight::Highlighter;
use podwright_core::search::SearchIndex;
use render::{SectionText, render};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

/// Every page that loaded, ready to serve.
#[derive(Debug, Default)]
pub struct Catalog {
    pages: HashMap<String, Page>,
    summaries: Vec<PageSummary>,
    search_index: SearchIndex,
}

/// A page after rendering, before the catalog links pages together.
struct LoadedPage {
    source: SourcePage,
    html: String,
    headings: Vec<Heading>,
    sections: Vec<SectionText>,
    examples: Vec<Example>,
}

impl Catalog {
    /// The catalog that ships with Podwright, loaded on first use and shared.
    pub fn built_in() -> Arc<Catalog> {
        static BUILT_IN: OnceLock<Arc<Catalog>> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                // Listing embedded files cannot fail; an empty catalog is the worst case.
                Arc::new(Catalog::load(&ContentSource::BuiltIn).unwrap_or_default())
            })
            .clone()
    }

    /// Loads every page of `source`. A page that cannot be read or rendered is
    /// skipped with a warning naming its file and the reason; only a source
    /// that cannot be listed at all is an error.
    pub fn load(source: &ContentSource) -> std::io::Result<Catalog> {
        let highlighter = Highlighter::default();
        let mut loaded = Vec::new();
        for file in source.page_files()? {
            let page = content::read_page(source, &file)
                .and_then(|page| render_page(page, &file, &highlighter));
            match page {
                Ok(page) => loaded.push(page),
                Err(reason) => tracing::warn!(%file, %reason, "skipping a catalog page"),
            }
        }
        if matches!(source, ContentSource::BuiltIn) {
            match render_page(matrix::source_page(), "(generated)", &highlighter) {
                Ok(page) => loaded.push(page),
                Err(reason) => tracing::warn!(%reason, "skipping the feature matrix"),
            }
        }
        Ok(Catalog::link(loaded))
    }

    /// Every page, by `order` then title.
    pub fn summaries(&self) -> &[PageSummary] {
        &self.summaries
    }

    /// The page named `slug`, if it loaded.
    pub fn page(&self, slug: &str) -> Option<&Page> {
        self.pages.get(slug)
    }

    /// The search index over every page's sections.
    pub fn search_index(&self) -> &SearchIndex {
        &self.search_index
    }

    /// Orders the pages, resolves their related links and indexes them.
    fn link(mut loaded: Vec<LoadedPage>) -> Catalog {
        loaded.sort_by(|a, b| {
            let (a, b) = (&a.source.front, &b.source.front);
            a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title))
        });
        let titles: BTreeMap<&str, &str> = loaded
            .iter()
            .map(|page| {
                (
                    page.source.front.slug.as_str(),
                    page.source.front.title.as_str(),
                )
            })
            .collect();
        let related: Vec<Vec<RelatedPage>> = loaded
            .iter()
            .map(|page| related_pages(&page.source, &titles))
            .collect();
        let search_index = index::build(&loaded);
        let mut catalog = Catalog {
            search_index,
            ..Catalog::default()
        };
        for (page, related) in loaded.into_iter().zip(related) {
            let front = page.source.front;
            catalog.summaries.push(PageSummary {
                slug: front.slug.clone(),
                title: front.title.clone(),
                summary: front.summary.clone(),
                tags: front.tags.clone(),
                order: front.order,
            });
            catalog.pages.insert(
                front.slug.clone(),
                Page {
                    slug: front.slug,
                    title: front.title,
                    summary: front.summary,
                    tags: front.tags,
                    related,
                    html: page.html,
                    headings: page.headings,
                    examples: page.examples,
                },
            );
        }
        catalog
    }
}

/// Renders a page read from `file` (named in warnings).
fn render_page(
    page: SourcePage,
    file: &str,
    highlighter: &Highlighter,
) -> Result<LoadedPage, String> {
    let rendered = render(&page.body, highlighter);
    for id in &rendered.placed_examples {
        if !page.examples.iter().any(|(entry, _)| &entry.id == id) {
            return Err(format!(
                "the body places example {id:?}, which the front matter does not declare"
            ));
        }
    }
    for (entry, _) in &page.examples {
        if !rendered.placed_examples.contains(&entry.id) {
            tracing::warn!(%file, example = %entry.id, "example declared but not placed in the body");
        }
    }
    let examples = page
        .examples
        .iter()
        .map(|(entry, yaml)| Example {
            id: entry.id.clone(),
            title: entry.title.clone(),
            yaml: yaml.clone(),
            yaml_html: highlighter.highlight(yaml, "yaml"),
            anti_pattern: entry.anti_pattern,
            timeline_svg: timeline::for_example(&entry.id, &entry.title, yaml),
        })
        .collect();
    Ok(LoadedPage {
        source: page,
        html: rendered.html,
        headings: rendered.headings,
        sections: rendered.sections,
        examples,
    })
}

/// The related pages that exist, with their titles; a missing one is warned about.
fn related_pages(page: &SourcePage, titles: &BTreeMap<&str, &str>) -> Vec<RelatedPage> {
    page.front
        .related
        .iter()
        .filter_map(|slug| match titles.get(slug.as_str()) {
            Some(title) => Some(RelatedPage {
                slug: slug.clone(),
                title: (*title).to_owned(),
            }),
            None => {
                tracing::warn!(page = %page.front.slug, related = %slug, "related page does not exist");
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod example_checks;
#[cfg(test)]
mod page_checks;
#[cfg(test)]
mod tests;
