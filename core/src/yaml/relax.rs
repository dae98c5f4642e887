//! go-yaml's leniency about indentation, on top of saphyr-parser.
//!
//! go-yaml (libyaml's scanner, which kubectl reads YAML with) ignores
//! indentation inside flow collections and inside the continuation lines of
//! quoted scalars. saphyr-parser (0.3.4, the newest release) holds them to the
//! indentation of the block collection around them, so it refuses manifests
//! kubectl reads, such as Elastic's Filebeat DaemonSet:
//!
//! ```yaml
//!     args: [
//!       "-c", "/etc/filebeat.yml",
//!     ]
//! ```
//!
//! (upstream: saphyr-rs/saphyr pull requests #101 and #108, not merged).
//! Where saphyr-parser refuses a line for its indentation, and the place is
//! one where indentation means nothing (inside a flow collection, or a quoted
//! scalar's continuation line), [`Relaxed`] gives that line more leading
//! spaces and the text is read again. Leading spaces mean nothing there either:
//! between flow tokens they are separation, and in a quoted or plain scalar's
//! continuation lines they are folded away. Positions in the padded text map
//! back to the text as written with [`Relaxed::column`].

use saphyr_parser::ScanError;

/// saphyr-parser's words for a flow-context token left of the block indentation.
const FLOW_TOKEN: &str = "invalid indentation";
/// ... for a plain scalar in a flow collection left of the block indentation.
const FLOW_PLAIN: &str = "invalid indentation in flow construct";
/// ... for a quoted scalar's continuation line left of the block indentation.
const QUOTED: &str = "invalid indentation in quoted scalar";
/// ... for a tab between a mapping's `:` and its value.
const TAB_AFTER_COLON: &str = "':' must be followed by a valid YAML whitespace";
/// ... for a tab indenting a line, which go-yaml takes inside flow collections.
const TAB_INDENT: &str = "tabs disallowed within this context (block indentation)";

/// At most this many bytes are parsed in all, retries included: a hostile
/// text with many refused lines costs a bounded multiple of its size.
const PARSE_BUDGET: usize = 64 * 1024 * 1024;
/// At most this many retries, whatever the text's size.
const MAX_RETRIES: usize = 1000;

/// Where the parser stood among open collections when it refused the text.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Surroundings {
    /// The 0-based column of the innermost open block collection's keys or dashes.
    pub(super) block_column: Option<usize>,
    /// Whether the innermost open collection is a flow collection.
    pub(super) in_flow: bool,
}

/// The text being read, with the leading spaces added so far.
pub(super) struct Relaxed<'t> {
    original: &'t str,
    /// The padded text, once a line has been padded.
    padded: Option<String>,
    /// Spaces added before each line, by 0-based line index.
    pads: Vec<usize>,
    retries: usize,
    parsed_bytes: usize,
}

impl<'t> Relaxed<'t> {
    /// The text as written, nothing padded yet.
    pub(super) fn new(original: &'t str) -> Self {
        Relaxed {
            original,
            padded: None,
            pads: Vec::new(),
            retries: 0,
            parsed_bytes: original.len(),
        }
    }

    /// The text to parse now.
    pub(super) fn text(&self) -> &str {
        self.padded.as_deref().unwrap_or(self.original)
    }

    /// The 1-based column in the text as written of a 1-based `column` on
    /// 1-based `line` of [`Relaxed::text`].
    pub(super) fn column(&self, line: usize, column: usize) -> usize {
        let pad = line
            .checked_sub(1)
            .and_then(|index| self.pads.get(index))
            .copied()
            .unwrap_or(0);
        column.saturating_sub(pad).max(1)
    }

    /// Mends what `error` refused, when go-yaml would have read it, and says
    /// whether to parse again.
    pub(super) fn retry(&mut self, error: &ScanError, surroundings: Surroundings) -> bool {
        let text = self.text();
        if self.retries >= MAX_RETRIES
            || self.parsed_bytes.saturating_add(text.len()) > PARSE_BUDGET
        {
            return false;
        }
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mark = error.marker();
        let Some(first) = mark.line().checked_sub(1) else {
            return false;
        };
        if let Some(next) = untab(
            &lines,
            first,
            mark.col(),
            error.info(),
            surroundings.in_flow,
        ) {
            self.replace(next);
            return true;
        }
        let Some(block_column) = surroundings.block_column else {
            return false;
        };
        // Every padded line must reach one column past the block collection's.
        let wanted = block_column + 1;
        let targets: Vec<usize> = match error.info() {
            FLOW_TOKEN | FLOW_PLAIN => {
                let Some(line) = lines.get(first) else {
                    return false;
                };
                if leading_blanks(line) != mark.col() {
                    return false;
                }
                vec![first]
            }
            QUOTED => match quoted_lines(&lines, first, mark.col()) {
                Some(last) => (first + 1..=last).collect(),
                None => return false,
            },
            _ => return false,
        };
        let mut padded = false;
        let mut new_pads = vec![0; lines.len()];
        for &index in &targets {
            let line = lines[index];
            if starts_with_document_marker(line) {
                return false;
            }
            let missing = wanted.saturating_sub(leading_blanks(line));
            if missing > 0 && !line.trim().is_empty() {
                new_pads[index] = missing;
                padded = true;
            }
        }
        if !padded {
            return false;
        }
        let mut next = String::with_capacity(text.len() + targets.len() * wanted);
        for (line, pad) in lines.iter().zip(&new_pads) {
            next.extend(std::iter::repeat_n(' ', *pad));
            next.push_str(line);
        }
        self.pads.resize(lines.len(), 0);
        for (total, pad) in self.pads.iter_mut().zip(new_pads) {
            *total += pad;
        }
        self.replace(next);
        true
    }

    fn replace(&mut self, next: String) {
        self.parsed_bytes = self.parsed_bytes.saturating_add(next.len());
        self.retries += 1;
        self.padded = Some(next);
    }
}

/// The text with the tabs `info` refused on 0-based line `index` turned into
/// spaces, where go-yaml takes them as separation: between a `:` and its value
/// (up to 0-based `column`, where the value starts), or indenting a line
/// inside a flow collection. Columns stay where they were.
fn untab(lines: &[&str], index: usize, column: usize, info: &str, in_flow: bool) -> Option<String> {
    let line = lines.get(index)?;
    let chars: Vec<char> = line.chars().collect();
    let start = match info {
        TAB_AFTER_COLON => {
            let blanks = chars[..column.min(chars.len())]
                .iter()
                .rev()
                .take_while(|c| **c == ' ' || **c == '\t')
                .count();
            column.checked_sub(blanks)?
        }
        TAB_INDENT if in_flow => 0,
        _ => return None,
    };
    let end = match info {
        TAB_AFTER_COLON => column,
        _ => leading_blanks(line),
    };
    if !chars.get(start..end)?.contains(&'\t') {
        return None;
    }
    let mended: String = chars
        .iter()
        .enumerate()
        .map(|(at, c)| {
            if (start..end).contains(&at) && *c == '\t' {
                ' '
            } else {
                *c
            }
        })
        .collect();
    let mut next = String::new();
    for (at, other) in lines.iter().enumerate() {
        next.push_str(if at == index { &mended } else { other });
    }
    Some(next)
}

/// Spaces and tabs at the start of `line`, in characters.
fn leading_blanks(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ' || *c == '\t').count()
}

/// `---` or `...` at the start of a line, which end a quoted scalar or flow
/// collection in go-yaml too: padding it would read on where go-yaml stops.
fn starts_with_document_marker(line: &str) -> bool {
    (line.starts_with("---") || line.starts_with("..."))
        && line[3..].chars().next().is_none_or(char::is_whitespace)
}

/// The 0-based index of the line where the quoted scalar that opens at 0-based
/// `column` of line `first` closes, or None when it does not close.
fn quoted_lines(lines: &[&str], first: usize, column: usize) -> Option<usize> {
    let mut chars = lines.get(first)?.chars().skip(column);
    let quote = chars.next().filter(|c| *c == '"' || *c == '\'')?;
    let mut rest = chars.collect::<String>();
    for (index, line) in lines.iter().enumerate().skip(first) {
        if index > first {
            rest = (*line).to_owned();
        }
        if closes(&rest, quote) {
            return Some(index);
        }
    }
    None
}

/// True when `text` (the rest of a line inside a quoted scalar) holds the closing quote.
/// A line break cannot be escaped away in a way that hides a quote on the next
/// line: `\` at a line's end in a double-quoted scalar only joins the lines.
fn closes(text: &str, quote: char) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            ('"', '\\') => {
                chars.next();
            }
            ('\'', '\'') if chars.peek() == Some(&'\'') => {
                chars.next();
            }
            (q, c) if q == c => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use saphyr_parser::Marker;

    fn error(info: &str, line: usize, col: usize) -> ScanError {
        ScanError::new(Marker::new(0, line, col), info.to_owned())
    }

    fn block(column: usize) -> Surroundings {
        Surroundings {
            block_column: Some(column),
            in_flow: false,
        }
    }

    #[test]
    fn tabs_go_yaml_takes_as_separation_become_spaces() {
        let mut relaxed = Relaxed::new("a:\tb\n");
        assert!(relaxed.retry(&error(TAB_AFTER_COLON, 1, 3), block(0)));
        assert_eq!(relaxed.text(), "a: b\n");
        let mut relaxed = Relaxed::new("a: [\n\tb\n  ]\n");
        let in_flow = Surroundings {
            block_column: Some(0),
            in_flow: true,
        };
        assert!(relaxed.retry(&error(TAB_INDENT, 2, 1), in_flow));
        assert_eq!(relaxed.text(), "a: [\n b\n  ]\n");
        let mut relaxed = Relaxed::new("a:\n\tb: c\n");
        assert!(!relaxed.retry(&error(TAB_INDENT, 2, 1), block(0)));
    }

    #[test]
    fn a_closing_bracket_at_the_keys_column_is_padded_past_it() {
        let text = "a:\n  args: [\n    \"-c\",\n  ]\nb: 1\n";
        let mut relaxed = Relaxed::new(text);
        assert!(relaxed.retry(&error(FLOW_TOKEN, 4, 2), block(2)));
        assert_eq!(relaxed.text(), "a:\n  args: [\n    \"-c\",\n   ]\nb: 1\n");
        assert_eq!(relaxed.column(4, 4), 3);
        assert_eq!(relaxed.column(5, 1), 1);
    }

    #[test]
    fn a_quoted_scalars_continuation_lines_are_padded_up_to_its_closing_quote() {
        let text = "a:\n  b: \"one \\\" two\nthree\n\nfour\" # done\nc: 'x\ny'\n";
        let mut relaxed = Relaxed::new(text);
        assert!(relaxed.retry(&error(QUOTED, 2, 5), block(2)));
        assert_eq!(
            relaxed.text(),
            "a:\n  b: \"one \\\" two\n   three\n\n   four\" # done\nc: 'x\ny'\n"
        );
    }

    #[test]
    fn refusals_outside_flow_collections_and_quoted_scalars_stand() {
        let mut relaxed = Relaxed::new("a:\n  b: 1\n c: 2\n");
        assert!(!relaxed.retry(&error("mapping values are not allowed", 3, 1), block(2)));
        assert!(!relaxed.retry(&error(FLOW_TOKEN, 3, 1), Surroundings::default()));
        // The mark must be where the line's content starts.
        assert!(!relaxed.retry(&error(FLOW_TOKEN, 3, 3), block(2)));
    }

    #[test]
    fn document_markers_are_never_padded() {
        let mut relaxed = Relaxed::new("a:\n  b: \"x\n---\ny\"\n");
        assert!(!relaxed.retry(&error(QUOTED, 2, 5), block(2)));
        assert!(starts_with_document_marker("...\n"));
        assert!(!starts_with_document_marker("---x\n"));
    }

    #[test]
    fn retries_are_bounded() {
        let mut relaxed = Relaxed::new("a:\n  b: [\n ]\n");
        relaxed.retries = MAX_RETRIES;
        assert!(!relaxed.retry(&error(FLOW_TOKEN, 3, 1), block(2)));
    }
}
