//! Syntax highlighting of code blocks into `<span class="hl-…">` elements.
//!
//! Colours come from `style/highlight.css`, never from inline styles, so pages
//! work under a Content-Security-Policy without `'unsafe-inline'`.

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Every class the highlighter writes starts with this, so page styles and
/// highlight styles never collide.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Turns source text into highlighted HTML; built once per catalog load.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
        }
    }
}

impl Highlighter {
    /// The HTML of `code` in `language` (a fence's info word such as `yaml` or
    /// `shell`): spans with classes, text escaped. Unknown languages come back
    /// escaped and unhighlighted.
    pub fn highlight(&self, code: &str, language: &str) -> String {
        let syntax = match language {
            "" | "text" | "plain" => None,
            "shell" | "console" => self.syntaxes.find_syntax_by_token("bash"),
            _ => self.syntaxes.find_syntax_by_token(language),
        };
        let Some(syntax) = syntax else {
            return escape(code);
        };
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return escape(code);
            }
        }
        generator.finalize()
    }
}

/// `text` with the characters HTML gives meaning to escaped.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_highlighted_with_prefixed_classes_and_no_styles() {
        let html = Highlighter::default()
            .highlight("# a Pod\nkind: Pod\nspec:\n  replicas: 3 # <b>\n", "yaml");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("hl-entity hl-name hl-tag"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(
            html.contains("&lt;b&gt;") && !html.contains("<b>"),
            "{html}"
        );
    }

    #[test]
    fn shell_is_highlighted_too() {
        let html = Highlighter::default().highlight("kubectl logs web -c shipper\n", "shell");
        assert!(html.contains("hl-source hl-shell"), "{html}");
    }

    #[test]
    fn unknown_languages_are_escaped_text() {
        let html = Highlighter::default().highlight("<x> & 'y'\n", "klingon");
        assert_eq!(html, "&lt;x&gt; &amp; &#39;y&#39;\n");
    }
}
