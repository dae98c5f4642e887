//! Checks on the built-in catalog's rendered pages: every internal link and
//! anchor resolves, and every page cites its upstream sources with the
//! Kubernetes version it was last checked against.

use super::{Catalog, ContentSource, Page};
use podwright_core::version::KubeVersion;
use std::collections::{BTreeMap, BTreeSet};

/// Every page of the built-in catalog, rendered.
fn pages() -> Vec<Page> {
    let catalog = Catalog::load(&ContentSource::BuiltIn).unwrap();
    let pages: Vec<Page> = catalog
        .summaries()
        .iter()
        .map(|summary| catalog.page(&summary.slug).unwrap().clone())
        .collect();
    assert!(!pages.is_empty(), "the built-in catalog has no pages");
    pages
}

/// The values of every `attribute="..."` in `html`, in order.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let marker = format!(" {attribute}=\"");
    html.match_indices(&marker)
        .filter_map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let pages = pages();
    let ids: BTreeMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|page| {
            let ids = attribute_values(&page.html, "id").into_iter().collect();
            (page.slug.as_str(), ids)
        })
        .collect();
    let mut internal = 0;
    for page in &pages {
        let slug = page.slug.as_str();
        for href in attribute_values(&page.html, "href") {
            if href.starts_with("https://") || href.starts_with("http://") {
                continue;
            }
            let (target, fragment) = if let Some(fragment) = href.strip_prefix('#') {
                (slug, Some(fragment))
            } else if let Some(path) = href.strip_prefix("/catalog/") {
                match path.split_once('#') {
                    Some((target, fragment)) => (target, Some(fragment)),
                    None => (path, None),
                }
            } else {
                panic!("{slug}: link {href:?} is neither a catalog page nor upstream");
            };
            let anchors = ids
                .get(target)
                .unwrap_or_else(|| panic!("{slug}: link {href:?} names no page"));
            if let Some(fragment) = fragment {
                assert!(
                    anchors.contains(fragment),
                    "{slug}: link {href:?}: page {target} has no #{fragment}"
                );
            }
            internal += 1;
        }
    }
    assert!(internal >= 50, "only {internal} internal links checked");
}

#[test]
fn every_page_cites_upstream_sources_and_the_version_it_was_checked_against() {
    for page in pages() {
        let slug = &page.slug;
        let has_heading = page
            .headings
            .iter()
            .any(|h| h.level == 2 && h.text == "Sources");
        assert!(has_heading, "{slug}: no \"Sources\" section");
        let start = page.html.find("id=\"sources\"").unwrap();
        let section = &page.html[start..];
        let end = section[1..]
            .find("<h2")
            .map_or(section.len(), |end| end + 1);
        let section = &section[..end];
        let upstream = attribute_values(section, "href")
            .into_iter()
            .filter(|href| href.starts_with("https://"))
            .count();
        assert!(
            upstream >= 1,
            "{slug}: the Sources section links nothing upstream"
        );
        let checked = section
            .split("Last checked against Kubernetes 1.")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|minor| minor.parse::<u8>().ok())
            .unwrap_or_else(|| panic!("{slug}: no \"Last checked against Kubernetes 1.N\""));
        assert!(
            (KubeVersion::OLDEST.minor()..=KubeVersion::NEWEST.minor()).contains(&checked),
            "{slug}: checked against 1.{checked}, outside the versions Podwright targets"
        );
    }
}

#[test]
fn links_are_read_from_attributes() {
    let html = "<a href=\"/catalog/a#b\">x</a><h2 id=\"c\">C</h2><a class=\"anchor\" href=\"#c\">";
    assert_eq!(attribute_values(html, "href"), ["/catalog/a#b", "#c"]);
    assert_eq!(attribute_values(html, "id"), ["c"]);
}
