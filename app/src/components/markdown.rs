//! The small Markdown of rule docs, drawn as elements (never as HTML text):
//! paragraphs, fenced code blocks, `code`, **strong** and *emphasis*. Anything
//! else stays as written.

use leptos::prelude::*;

/// A block of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph of inline pieces.
    Paragraph(Vec<Inline>),
    /// A fenced code block: its language and text.
    Code(String, String),
}

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `code`.
    Code(String),
    /// **strong**.
    Strong(String),
    /// *emphasis*.
    Emphasis(String),
}

/// Splits `markdown` into paragraphs and fenced code blocks.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut fence: Option<(String, Vec<&str>)> = None;
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inlines(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    for line in markdown.lines() {
        if let Some((language, code)) = &mut fence {
            if line.trim_start().starts_with("```") {
                blocks.push(Block::Code(std::mem::take(language), code.join("\n")));
                fence = None;
            } else {
                code.push(line);
            }
        } else if let Some(language) = line.trim_start().strip_prefix("```") {
            flush(&mut paragraph, &mut blocks);
            fence = Some((language.trim().to_owned(), Vec::new()));
        } else if line.trim().is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else {
            paragraph.push(line.trim());
        }
    }
    if let Some((language, code)) = fence {
        blocks.push(Block::Code(language, code.join("\n")));
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

/// Splits a paragraph's text at code spans, strong and emphasis; a marker
/// without its closing twin stays text.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut pieces = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let marker = match c {
            '`' => Some(("`", Inline::Code as fn(String) -> Inline)),
            '*' if rest.starts_with("**") => Some(("**", Inline::Strong as fn(String) -> Inline)),
            '*' => Some(("*", Inline::Emphasis as fn(String) -> Inline)),
            _ => None,
        };
        if let Some((marker, make)) = marker
            && let Some(end) = rest[marker.len()..].find(marker).filter(|end| *end > 0)
        {
            if !plain.is_empty() {
                pieces.push(Inline::Text(std::mem::take(&mut plain)));
            }
            pieces.push(make(rest[marker.len()..marker.len() + end].to_owned()));
            rest = &rest[2 * marker.len() + end..];
            continue;
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !plain.is_empty() {
        pieces.push(Inline::Text(plain));
    }
    pieces
}

/// A Markdown text as elements.
#[component]
pub fn Markdown(
    /// The Markdown.
    text: String,
) -> impl IntoView {
    blocks(&text)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(pieces) => view! {
                <p>
                    {pieces
                        .into_iter()
                        .map(|piece| match piece {
                            Inline::Text(t) => t.into_any(),
                            Inline::Code(t) => view! { <code>{t}</code> }.into_any(),
                            Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
                            Inline::Emphasis(t) => view! { <em>{t}</em> }.into_any(),
                        })
                        .collect_view()}
                </p>
            }
            .into_any(),
            Block::Code(language, code) => view! {
                <pre class="code" data-language=language tabindex="0"><code>{code}</code></pre>
            }
            .into_any(),
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_fences_split() {
        let docs = "Why it\nmatters.\n\n**Bad**\n\n```yaml\na: 1\n\nb: 2\n```\n";
        assert_eq!(
            blocks(docs),
            [
                Block::Paragraph(vec![Inline::Text("Why it matters.".into())]),
                Block::Paragraph(vec![Inline::Strong("Bad".into())]),
                Block::Code("yaml".into(), "a: 1\n\nb: 2".into()),
            ]
        );
    }

    #[test]
    fn inline_markers_pair_up_or_stay_text() {
        assert_eq!(
            inlines("Set `restartPolicy: Always`, a *name*, **not** 2 * 3 or `x"),
            [
                Inline::Text("Set ".into()),
                Inline::Code("restartPolicy: Always".into()),
                Inline::Text(", a ".into()),
                Inline::Emphasis("name".into()),
                Inline::Text(", ".into()),
                Inline::Strong("not".into()),
                Inline::Text(" 2 * 3 or `x".into()),
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_keeps_its_code() {
        assert_eq!(
            blocks("```\nkind: Pod"),
            [Block::Code(String::new(), "kind: Pod".into())]
        );
    }
}
