//! Full-text search over the catalog, small enough to run in the browser.
//!
//! The server builds a [`SearchIndex`] once, when it loads the catalog; the UI
//! downloads it and answers queries offline with [`search`]. Both sides cut
//! text into terms with the same [`tokens`], so a word finds itself.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Words too common to tell sections apart.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "has",
    "have", "how", "if", "in", "into", "is", "it", "its", "of", "on", "or", "so", "than", "that",
    "the", "their", "them", "then", "there", "these", "this", "to", "was", "were", "what", "when",
    "which", "while", "who", "will", "with", "you", "your",
];

/// Shortest term kept in the index.
const MIN_TERM_CHARS: usize = 2;

/// The searchable index: sections of pages, and for each term the sections it
/// occurs in with a weight.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Every section, addressed by its position in this list.
    pub sections: Vec<Section>,
    /// For each term, `[section index, weight]` pairs in ascending section order.
    pub terms: BTreeMap<String, Vec<(u32, u32)>>,
}

/// A part of a page a search result points at: its introduction or one heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The page's slug.
    pub slug: String,
    /// The page's title.
    pub title: String,
    /// The heading's text; absent for the page's introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The heading's anchor; absent for the page's introduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// The beginning of the section's text.
    pub excerpt: String,
}

/// A section that matches a query, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The section's index in [`SearchIndex::sections`].
    pub section: usize,
    /// How well it matches: the sum of its terms' weights.
    pub score: u32,
}

/// Lower-cased terms of `text`: split on anything not a letter or digit, with
/// very short and very common words dropped and plurals made singular.
pub fn tokens(text: &str) -> Vec<String> {
    words(text)
        .filter(|word| is_meaningful(word))
        .map(|word| stem(&word))
        .collect()
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

fn is_meaningful(word: &str) -> bool {
    word.chars().count() >= MIN_TERM_CHARS && !STOP_WORDS.contains(&word)
}

/// A light stemmer: English plurals become singular (`probes` → `probe`,
/// `policies` → `policy`), and words that only look plural stay (`process`,
/// `status`, `analysis`).
fn stem(word: &str) -> String {
    if word.chars().count() <= 3 || !word.is_ascii() {
        return word.to_owned();
    }
    if let Some(base) = word.strip_suffix("ies") {
        return format!("{base}y");
    }
    if let Some(base) = word.strip_suffix("sses") {
        return format!("{base}ss");
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_owned();
    }
    word.strip_suffix('s').unwrap_or(word).to_owned()
}

/// Collects sections and their weighted text into a [`SearchIndex`].
#[derive(Debug, Default)]
pub struct IndexBuilder {
    index: SearchIndex,
    weights: BTreeMap<String, BTreeMap<u32, u32>>,
}

impl IndexBuilder {
    /// Adds a section; each `(text, weight)` counts `weight` for every
    /// occurrence of each of its terms (a title weighs more than body text).
    pub fn add(&mut self, section: Section, texts: &[(&str, u32)]) {
        let position = u32::try_from(self.index.sections.len()).unwrap_or(u32::MAX);
        self.index.sections.push(section);
        for (text, weight) in texts {
            for term in tokens(text) {
                *self
                    .weights
                    .entry(term)
                    .or_default()
                    .entry(position)
                    .or_default() += weight;
            }
        }
    }

    /// The finished index.
    pub fn build(self) -> SearchIndex {
        let mut index = self.index;
        index.terms = self
            .weights
            .into_iter()
            .map(|(term, postings)| (term, postings.into_iter().collect()))
            .collect();
        index
    }
}

/// The sections that contain every term of `query`, best first. The last term
/// also matches as a prefix (unless the query ends in a space), so results
/// follow as the user types.
pub fn search(index: &SearchIndex, query: &str) -> Vec<Hit> {
    let mut terms = tokens(query);
    let typing = query.ends_with(|c: char| c.is_alphanumeric());
    let prefix = if typing {
        words(query).last().map(|word| {
            if is_meaningful(&word) {
                terms.pop();
            }
            stem(&word)
        })
    } else {
        None
    };
    if terms.is_empty() && prefix.is_none() {
        return Vec::new();
    }
    let mut scores: Option<BTreeMap<u32, u32>> = None;
    let exact = terms.iter().map(|term| exact_postings(index, term));
    let last = prefix.iter().map(|word| prefix_postings(index, word));
    for postings in exact.chain(last) {
        scores = Some(match scores {
            None => postings,
            Some(scores) => intersect(scores, &postings),
        });
    }
    let mut hits: Vec<Hit> = scores
        .unwrap_or_default()
        .into_iter()
        .map(|(section, score)| Hit {
            section: section as usize,
            score,
        })
        .collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.section.cmp(&b.section)));
    hits
}

fn exact_postings(index: &SearchIndex, term: &str) -> BTreeMap<u32, u32> {
    index
        .terms
        .get(term)
        .map(|postings| postings.iter().copied().collect())
        .unwrap_or_default()
}

/// Sections with any term that starts with `prefix`, each with its best weight.
fn prefix_postings(index: &SearchIndex, prefix: &str) -> BTreeMap<u32, u32> {
    let mut best = BTreeMap::new();
    let matching = index
        .terms
        .range(prefix.to_owned()..)
        .take_while(|(term, _)| term.starts_with(prefix));
    for (_, postings) in matching {
        for &(section, weight) in postings {
            let entry = best.entry(section).or_insert(0);
            *entry = (*entry).max(weight);
        }
    }
    best
}

fn intersect(scores: BTreeMap<u32, u32>, postings: &BTreeMap<u32, u32>) -> BTreeMap<u32, u32> {
    scores
        .into_iter()
        .filter_map(|(section, score)| {
            postings
                .get(&section)
                .map(|weight| (section, score + weight))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(slug: &str, heading: Option<&str>) -> Section {
        Section {
            slug: slug.to_owned(),
            title: slug.to_owned(),
            heading: heading.map(str::to_owned),
            anchor: heading.map(str::to_lowercase),
            excerpt: String::new(),
        }
    }

    fn sample() -> SearchIndex {
        let mut builder = IndexBuilder::default();
        builder.add(
            section("sidecar", None),
            &[("Sidecar containers", 10), ("A helper that ships logs.", 1)],
        );
        builder.add(
            section("sidecar", Some("Probes")),
            &[("Probes", 5), ("Readiness probes gate traffic.", 1)],
        );
        builder.add(
            section("init-containers", None),
            &[
                ("Init containers", 10),
                ("Init containers run in order before the app containers.", 1),
            ],
        );
        builder.build()
    }

    fn slugs(index: &SearchIndex, query: &str) -> Vec<(String, Option<String>)> {
        search(index, query)
            .into_iter()
            .map(|hit| {
                let section = &index.sections[hit.section];
                (section.slug.clone(), section.heading.clone())
            })
            .collect()
    }

    #[test]
    fn tokens_lowercase_split_and_drop_noise() {
        assert_eq!(
            tokens("The Native-Sidecar's restartPolicy, in 1.29!"),
            ["native", "sidecar", "restartpolicy", "29"]
        );
    }

    #[test]
    fn plurals_become_singular_but_look_alikes_stay() {
        assert_eq!(
            tokens("probes policies processes process status analysis pods"),
            [
                "probe", "policy", "process", "process", "status", "analysis", "pod"
            ]
        );
    }

    #[test]
    fn every_term_must_match() {
        let index = sample();
        assert_eq!(
            slugs(&index, "readiness probes "),
            [("sidecar".to_owned(), Some("Probes".to_owned()))]
        );
        assert!(slugs(&index, "readiness order ").is_empty());
    }

    #[test]
    fn heavier_sections_rank_first() {
        let index = sample();
        let found = slugs(&index, "containers ");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "init-containers");
    }

    #[test]
    fn the_last_word_matches_as_a_prefix_while_typing() {
        let index = sample();
        assert_eq!(slugs(&index, "readi").len(), 1);
        assert_eq!(slugs(&index, "init contai")[0].0, "init-containers");
        assert!(
            slugs(&index, "readi ").is_empty(),
            "a finished word must match whole"
        );
    }

    #[test]
    fn a_short_last_word_still_narrows_as_a_prefix() {
        let index = sample();
        assert_eq!(slugs(&index, "i").len(), 1);
        assert!(search(&index, "   ").is_empty());
        assert!(search(&index, "the ").is_empty());
    }

    #[test]
    fn the_index_round_trips_through_json_as_pairs() {
        let index = sample();
        let json = serde_json::to_value(&index).unwrap();
        assert_eq!(json["terms"]["probe"], serde_json::json!([[1, 6]]));
        assert!(json["sections"][0].get("anchor").is_none());
        let back: SearchIndex = serde_json::from_value(json).unwrap();
        assert_eq!(back, index);
    }
}
