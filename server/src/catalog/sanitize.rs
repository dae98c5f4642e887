//! The last step of rendering: pages may come from a team's own folder, so
//! their HTML is cleaned to the tags and attributes the catalog emits.

use ammonia::Builder;

/// Tags the renderer adds beyond ammonia's safe defaults.
const EXTRA_TAGS: &[&str] = &["aside", "button"];

/// Attributes allowed on every tag.
const GENERIC_ATTRIBUTES: &[&str] = &["id", "class", "aria-label"];

/// `html` without scripts, event handlers, inline styles or unsafe URLs.
pub fn sanitize(html: &str) -> String {
    Builder::default()
        .add_tags(EXTRA_TAGS)
        .add_generic_attributes(GENERIC_ATTRIBUTES)
        .add_tag_attributes("div", ["data-example", "data-figure", "data-tab"])
        .add_tag_attributes("button", ["data-copy"])
        // Links never open new windows (`target` is dropped), so `rel` adds nothing.
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_markup_survives() {
        let html = "<h2 id=\"a\">A<a class=\"anchor\" href=\"#a\" aria-label=\"Link\">#</a></h2>\
            <aside class=\"admonition tip\"><p class=\"admonition-title\">Tip</p></aside>\
            <div class=\"example\" data-example=\"web\"></div>\
            <button class=\"copy\" data-copy=\"\">Copy</button>\
            <a href=\"/catalog/sidecar\">sidecar</a>";
        let clean = sanitize(html);
        for kept in [
            "id=\"a\"",
            "href=\"#a\"",
            "aria-label=\"Link\"",
            "<aside class=\"admonition tip\">",
            "data-example=\"web\"",
            "data-copy=\"\"",
            "href=\"/catalog/sidecar\"",
        ] {
            assert!(clean.contains(kept), "{kept} in {clean}");
        }
    }

    #[test]
    fn scripts_handlers_and_styles_are_dropped() {
        let clean = sanitize(
            "<p onclick=\"steal()\" style=\"color:red\">hi</p><script>steal()</script>\
             <iframe src=\"https://example.com\"></iframe><a href=\"javascript:steal()\">x</a>",
        );
        assert_eq!(clean, "<p>hi</p><a>x</a>");
    }
}
