//! Markdown to safe HTML, with what the page around it needs: anchored
//! headings, a table of contents, admonitions, example placeholders,
//! highlighted code with copy buttons, and each section's text for search.

use super::figure::DecisionTree;
use super::highlight::{Highlighter, escape};
use super::sanitize::sanitize;
use podwright_core::api::Heading;
use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag,
    TagEnd,
};
use std::collections::HashSet;

/// The info string of a fenced block that places an example.
const EXAMPLE_FENCE: &str = "example";

/// The info string of a fenced block that places examples as tabs of one
/// control, one `Label: example-id` a line (a classic example and its native twin).
const EXAMPLE_TABS_FENCE: &str = "example-tabs";

/// The info string of a fenced block drawn as a decision tree.
const DECISION_TREE_FENCE: &str = "decision-tree";

/// The text of a part of the page: the introduction, then one per `##`/`###`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionText {
    /// The heading that opens it; `None` for the introduction.
    pub heading: Option<Heading>,
    /// Its words, markup removed, code blocks left out.
    pub text: String,
}

/// A rendered page body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML.
    pub html: String,
    /// The `##` and `###` headings, in order.
    pub headings: Vec<Heading>,
    /// The text of each section, for the search index.
    pub sections: Vec<SectionText>,
    /// Ids of the examples the body places, in order.
    pub placed_examples: Vec<String>,
}

/// Renders a page body.
pub fn render(markdown: &str, highlighter: &Highlighter) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut renderer = Renderer {
        highlighter,
        events: Vec::new(),
        anchors: HashSet::new(),
        headings: Vec::new(),
        sections: vec![SectionText::default()],
        placed_examples: Vec::new(),
        figures: Vec::new(),
        table: Table::default(),
    };
    let mut parser = Parser::new_ext(markdown, options);
    while let Some(event) = parser.next() {
        renderer.on_event(event, &mut parser);
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, renderer.events.into_iter());
    for section in &mut renderer.sections {
        section.text = section
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut html = sanitize(&html);
    // Figures are our own markup with every text escaped: they go in after
    // sanitizing, which would strip SVG.
    for (number, svg) in renderer.figures.iter().enumerate() {
        let placeholder = figure_placeholder(number);
        html = html.replacen(
            &placeholder,
            &format!("<figure class=\"figure\">{svg}</figure>"),
            1,
        );
    }
    Rendered {
        html,
        headings: renderer.headings,
        sections: renderer.sections,
        placed_examples: renderer.placed_examples,
    }
}

struct Renderer<'h, 'a> {
    highlighter: &'h Highlighter,
    events: Vec<Event<'a>>,
    anchors: HashSet<String>,
    headings: Vec<Heading>,
    sections: Vec<SectionText>,
    placed_examples: Vec<String>,
    figures: Vec<String>,
    table: Table,
}

/// Where in a table the events are.
#[derive(Default)]
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

impl<'a> Renderer<'_, 'a> {
    fn on_event(&mut self, event: Event<'a>, parser: &mut Parser<'a>) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => self.heading(level, id, parser),
            Event::Start(Tag::CodeBlock(kind)) => self.code_block(kind, parser),
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = admonition(kind);
                self.html(format!(
                    "<aside class=\"admonition {class}\"><p class=\"admonition-title\">{title}</p>"
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => self.html("</aside>".to_owned()),
            Event::Start(Tag::Table(alignments)) => {
                self.table = Table {
                    alignments: alignments.clone(),
                    ..Table::default()
                };
                self.events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                self.table.in_head = matches!(event, Event::Start(Tag::TableHead));
                self.table.column = 0;
                self.events.push(event);
            }
            Event::Start(Tag::TableCell) => self.table_cell_start(),
            Event::End(TagEnd::TableCell) => {
                let tag = if self.table.in_head { "th" } else { "td" };
                self.table.column += 1;
                self.section_text(" ");
                self.html(format!("</{tag}>"));
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                let text = text.to_string();
                self.section_text(&text);
                self.events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.section_text(" ");
                self.events.push(event);
            }
            Event::End(tag) if ends_block(tag) => {
                self.section_text(" ");
                self.events.push(event);
            }
            event => self.events.push(event),
        }
    }

    fn html(&mut self, html: String) {
        self.events.push(Event::Html(html.into()));
    }

    fn section_text(&mut self, text: &str) {
        if let Some(section) = self.sections.last_mut() {
            section.text.push_str(text);
        }
    }

    fn heading(&mut self, level: HeadingLevel, id: Option<CowStr<'a>>, parser: &mut Parser<'a>) {
        let mut inner = Vec::new();
        let mut text = String::new();
        for event in parser.by_ref() {
            match &event {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(part) | Event::Code(part) => text.push_str(part),
                _ => {}
            }
            inner.push(event);
        }
        let text = text.trim().to_owned();
        let anchor = self.unique_anchor(&slugify(id.as_deref().unwrap_or(&text)));
        let number = level as u8;
        self.html(format!("<h{number} id=\"{}\">", escape(&anchor)));
        self.events.extend(inner);
        self.html(format!(
            "<a class=\"anchor\" href=\"#{}\" aria-label=\"Link to this section\">#</a></h{number}>",
            escape(&anchor)
        ));
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            let heading = Heading {
                level: number,
                text,
                anchor,
            };
            self.headings.push(heading.clone());
            self.sections.push(SectionText {
                heading: Some(heading),
                text: String::new(),
            });
        } else {
            self.section_text(&format!(" {text} "));
        }
    }

    fn unique_anchor(&mut self, base: &str) -> String {
        let mut anchor = base.to_owned();
        let mut suffix = 1;
        while !self.anchors.insert(anchor.clone()) {
            anchor = format!("{base}-{suffix}");
            suffix += 1;
        }
        anchor
    }

    fn code_block(&mut self, kind: CodeBlockKind<'a>, parser: &mut Parser<'a>) {
        let mut code = String::new();
        for event in parser.by_ref() {
            match event {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(part) => code.push_str(&part),
                _ => {}
            }
        }
        let info = match &kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or_default(),
            CodeBlockKind::Indented => "",
        };
        if info == DECISION_TREE_FENCE {
            match DecisionTree::parse(&code) {
                Ok(tree) => {
                    self.html(figure_placeholder(self.figures.len()));
                    self.section_text(&format!(" {} ", tree.text()));
                    self.figures.push(tree.to_svg());
                    return;
                }
                Err(reason) => {
                    tracing::warn!(%reason, "a decision tree does not parse; shown as text");
                }
            }
        }
        if info == EXAMPLE_TABS_FENCE {
            match example_tabs(&code) {
                Ok(tabs) => {
                    self.html(tabs_html(&tabs));
                    self.placed_examples
                        .extend(tabs.into_iter().map(|(_, id)| id));
                    return;
                }
                Err(reason) => {
                    tracing::warn!(%reason, "an example-tabs block does not parse; shown as text");
                }
            }
        }
        if info == EXAMPLE_FENCE {
            let id = code.trim().to_owned();
            self.html(format!(
                "<div class=\"example\" data-example=\"{}\"></div>",
                escape(&id)
            ));
            self.placed_examples.push(id);
            return;
        }
        let language = info.to_ascii_lowercase();
        let highlighted = self.highlighter.highlight(&code, &language);
        let class = if language.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", escape(&language))
        };
        self.html(format!(
            "<div class=\"code-block\"><button class=\"copy\" data-copy>Copy</button><pre class=\"code\"><code{class}>{highlighted}</code></pre></div>"
        ));
    }

    fn table_cell_start(&mut self) {
        let tag = if self.table.in_head { "th" } else { "td" };
        let alignment = match self.table.alignments.get(self.table.column) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            Some(Alignment::None) | None => "",
        };
        self.html(format!("<{tag}{alignment}>"));
    }
}

/// The `(label, example id)` pairs of an `example-tabs` block: at least two,
/// labels of letters, digits, spaces and dashes.
fn example_tabs(code: &str) -> Result<Vec<(String, String)>, String> {
    let tabs = code
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let (label, id) = line
                .split_once(':')
                .map(|(l, i)| (l.trim(), i.trim()))
                .filter(|(l, i)| !l.is_empty() && !i.is_empty() && !i.contains(char::is_whitespace))
                .ok_or_else(|| format!("expected `Label: example-id`, got {line:?}"))?;
            if !label
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
            {
                return Err(format!(
                    "the label {label:?} has more than letters, digits, spaces and dashes"
                ));
            }
            Ok((label.to_owned(), id.to_owned()))
        })
        .collect::<Result<Vec<_>, String>>()?;
    if tabs.len() < 2 {
        return Err("a tab control needs at least two examples".to_owned());
    }
    Ok(tabs)
}

/// The examples of a tab control, one after the other inside it: the app
/// turns them into tabs, anything else shows them all.
fn tabs_html(tabs: &[(String, String)]) -> String {
    let mut html = String::from("<div class=\"example-tabs\">");
    for (label, id) in tabs {
        html.push_str(&format!(
            "<div class=\"example\" data-example=\"{}\" data-tab=\"{}\"></div>",
            escape(id),
            escape(label)
        ));
    }
    html.push_str("</div>");
    html
}

/// Where figure `number` goes until the HTML has been sanitized.
fn figure_placeholder(number: usize) -> String {
    format!("<div class=\"figure\" data-figure=\"{number}\"></div>")
}

/// Whether the end of `tag` separates words (a paragraph does, emphasis does not).
fn ends_block(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// The CSS class and the title of an admonition.
fn admonition(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// A heading's anchor: lower-case letters and digits, words joined by dashes.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if matches!(c, ' ' | '-' | '_' | '/' | '.')
            && !slug.is_empty()
            && !slug.ends_with('-')
        {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static HIGHLIGHTER: LazyLock<Highlighter> = LazyLock::new(Highlighter::default);

    fn html(markdown: &str) -> String {
        render(markdown, &HIGHLIGHTER).html
    }

    #[test]
    fn headings_get_anchors_self_links_and_a_table_of_contents() {
        let page = render(
            "Intro.\n\n## Why `localhost`?\n\ntext\n\n### Ports & names\n\n#### Small print\n",
            &HIGHLIGHTER,
        );
        assert!(
            page.html.contains("<h2 id=\"why-localhost\">Why <code>localhost</code>?<a class=\"anchor\" href=\"#why-localhost\""),
            "{}",
            page.html
        );
        assert!(
            page.html.contains("<h4 id=\"small-print\">"),
            "{}",
            page.html
        );
        let toc: Vec<_> = page
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.anchor.as_str()))
            .collect();
        assert_eq!(
            toc,
            [
                (2, "Why localhost?", "why-localhost"),
                (3, "Ports & names", "ports-names")
            ]
        );
    }

    #[test]
    fn repeated_headings_get_distinct_anchors() {
        let page = render("## Example\n\n## Example\n\n### Example\n", &HIGHLIGHTER);
        let anchors: Vec<_> = page.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["example", "example-1", "example-2"]);
    }

    #[test]
    fn explicit_heading_ids_are_kept_as_anchors() {
        let page = render("## Start-up order {#order}\n", &HIGHLIGHTER);
        assert_eq!(page.headings[0].anchor, "order");
    }

    #[test]
    fn slugs_drop_punctuation_and_never_come_out_empty() {
        assert_eq!(slugify("What *not* to do: 1.29+"), "what-not-to-do-1-29");
        assert_eq!(slugify("  --Hello  World--  "), "hello-world");
        assert_eq!(slugify("?!"), "section");
    }

    #[test]
    fn alerts_become_titled_asides() {
        let html =
            html("> [!TIP]\n> Pin the **image**.\n\n> [!CAUTION]\n> Hot.\n\n> Plain quote.\n");
        assert!(
            html.contains("<aside class=\"admonition tip\"><p class=\"admonition-title\">Tip</p>"),
            "{html}"
        );
        assert!(html.contains("<strong>image</strong>"), "{html}");
        assert!(html.contains("admonition caution"), "{html}");
        assert!(html.contains("<blockquote>"), "{html}");
        assert_eq!(html.matches("</aside>").count(), 2, "{html}");
    }

    #[test]
    fn decision_trees_become_svg_pictures_after_sanitizing() {
        let page = render(
            "## Pick\n\n```decision-tree\nShared files?\n  yes: Sidecar\n  no: Deployment\n```\n",
            &HIGHLIGHTER,
        );
        assert!(
            page.html
                .contains("<figure class=\"figure\"><svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{}",
            page.html
        );
        assert!(!page.html.contains("data-figure"), "{}", page.html);
        assert!(!page.html.contains("<pre"), "{}", page.html);
        assert!(
            page.sections[1].text.contains("Sidecar"),
            "{:?}",
            page.sections
        );
    }

    #[test]
    fn a_broken_decision_tree_is_shown_as_text() {
        let html = html("```decision-tree\nNo answers here\n```\n");
        assert!(!html.contains("<svg"), "{html}");
        assert!(html.contains("No answers here"), "{html}");
    }

    #[test]
    fn example_blocks_become_placeholders() {
        let page = render("Before\n\n```example\nweb-log-shipper\n```\n", &HIGHLIGHTER);
        assert!(
            page.html
                .contains("<div class=\"example\" data-example=\"web-log-shipper\"></div>"),
            "{}",
            page.html
        );
        assert_eq!(page.placed_examples, ["web-log-shipper"]);
        assert!(!page.html.contains("<pre"), "{}", page.html);
    }

    #[test]
    fn example_tabs_place_each_example_inside_one_control() {
        let page = render(
            "```example-tabs\nClassic: shipper\nNative: shipper-native\n```\n",
            &HIGHLIGHTER,
        );
        assert!(
            page.html.contains(
                "<div class=\"example-tabs\"><div class=\"example\" data-example=\"shipper\" data-tab=\"Classic\"></div><div class=\"example\" data-example=\"shipper-native\" data-tab=\"Native\"></div></div>"
            ),
            "{}",
            page.html
        );
        assert_eq!(page.placed_examples, ["shipper", "shipper-native"]);
    }

    #[test]
    fn a_broken_example_tabs_block_is_shown_as_text() {
        for block in [
            "```example-tabs\nClassic: only-one\n```\n",
            "```example-tabs\nno label here\nNative: b\n```\n",
            "```example-tabs\n<b>x</b>: a\nNative: b\n```\n",
        ] {
            let page = render(block, &HIGHLIGHTER);
            assert!(
                !page.html.contains("<div class=\"example-tabs\""),
                "{}",
                page.html
            );
            assert!(page.placed_examples.is_empty(), "{block}");
        }
    }

    #[test]
    fn code_blocks_are_highlighted_with_a_copy_button() {
        let html = html("```yaml\nkind: Pod\n```\n\n```\nplain <text>\n```\n");
        assert_eq!(
            html.matches("<button class=\"copy\" data-copy").count(),
            2,
            "{html}"
        );
        assert!(
            html.contains("<code class=\"language-yaml\"><span class=\"hl-"),
            "{html}"
        );
        assert!(html.contains("plain &lt;text&gt;"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn tables_strikethrough_and_alignment_use_classes() {
        let html = html("| a | b |\n|:--|--:|\n| ~~x~~ | y |\n");
        assert!(html.contains("<th class=\"align-left\">a</th>"), "{html}");
        assert!(html.contains("<td class=\"align-right\">y</td>"), "{html}");
        assert!(html.contains("<del>x</del>"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn section_text_follows_headings_and_skips_code() {
        let page = render(
            "Intro *words*.\n\n```yaml\nhidden: true\n```\n\n## Next\n\nMore\ntext.\n",
            &HIGHLIGHTER,
        );
        assert_eq!(page.sections.len(), 2);
        assert_eq!(page.sections[0].text, "Intro words.");
        assert_eq!(page.sections[1].heading.as_ref().unwrap().anchor, "next");
        assert_eq!(page.sections[1].text, "More text.");
    }

    #[test]
    fn scripts_and_event_handlers_are_removed() {
        let html = html(
            "<script>alert(1)</script>\n\nHi <a href=\"javascript:alert(1)\" onclick=\"x()\">there</a>\n\n<img src=x onerror=\"x()\">\n",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("alert"), "{html}");
        assert!(
            !html.contains("onclick") && !html.contains("onerror"),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
    }
}
