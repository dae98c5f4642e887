//! The search index over the catalog: one section per page introduction and
//! per `##`/`###` heading, words weighted by where they stand.

use super::LoadedPage;
use podwright_core::search::{IndexBuilder, SearchIndex, Section};

/// How much a word counts, by where it stands.
const PAGE_TITLE: u32 = 10;
const HEADING: u32 = 5;
const SUMMARY_AND_TAGS: u32 = 3;
const EXAMPLE_TITLE: u32 = 2;
const BODY: u32 = 1;

/// Longest excerpt shown under a result, in characters.
const EXCERPT_CHARS: usize = 160;

/// Indexes `pages`, in the order given.
pub fn build(pages: &[LoadedPage]) -> SearchIndex {
    let mut builder = IndexBuilder::default();
    for page in pages {
        let front = &page.source.front;
        let tags = front.tags.join(" ");
        let example_titles = page
            .examples
            .iter()
            .map(|example| example.title.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for section in &page.sections {
            let (heading, anchor) = match &section.heading {
                Some(heading) => (Some(heading.text.clone()), Some(heading.anchor.clone())),
                None => (None, None),
            };
            let excerpt_source = if section.heading.is_none() && section.text.is_empty() {
                &front.summary
            } else {
                &section.text
            };
            let entry = Section {
                slug: front.slug.clone(),
                title: front.title.clone(),
                heading,
                anchor,
                excerpt: excerpt(excerpt_source),
            };
            match &section.heading {
                None => builder.add(
                    entry,
                    &[
                        (&front.title, PAGE_TITLE),
                        (&front.summary, SUMMARY_AND_TAGS),
                        (&tags, SUMMARY_AND_TAGS),
                        (&example_titles, EXAMPLE_TITLE),
                        (&section.text, BODY),
                    ],
                ),
                Some(heading) => builder.add(
                    entry,
                    &[
                        (&front.title, BODY),
                        (&heading.text, HEADING),
                        (&section.text, BODY),
                    ],
                ),
            }
        }
    }
    builder.build()
}

/// The start of `text`, cut at a word boundary, with an ellipsis if cut.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_its_own_excerpt() {
        assert_eq!(excerpt("A short intro."), "A short intro.");
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        let text = "word, ".repeat(60);
        let cut = excerpt(&text);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
    }
}
