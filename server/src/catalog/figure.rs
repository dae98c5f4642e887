//! Decision trees drawn as SVG on the server, from an indented outline in a
//! ```` ```decision-tree ```` block:
//!
//! ```text
//! Does the helper need the Pod's files?
//!   no: Separate Deployment
//!   yes: Must it finish first?
//!     yes: Init container
//!     no: Native sidecar
//! ```
//!
//! The first line is the root question; every other line is `answer: text`,
//! indented below the question it answers. Lines with children are questions,
//! the others are outcomes. All text is escaped, and the SVG uses presentation
//! attributes only (no styles, no scripts), so it can be inserted after the
//! page's HTML has been sanitized.

use super::highlight::escape;
use std::fmt::Write;

/// Widest line of a box, in characters.
const WRAP: usize = 20;
/// A box's width and the horizontal room each outcome gets.
const BOX_WIDTH: f64 = 150.0;
const SLOT_WIDTH: f64 = 162.0;
const LINE_HEIGHT: f64 = 16.0;
const PADDING: f64 = 10.0;
/// Vertical room between a question and its answers (the edge labels sit there).
const LEVEL_GAP: f64 = 44.0;
const MARGIN: f64 = 8.0;
/// More nodes than this is not a picture anyone can read.
const MAX_NODES: usize = 64;

/// A question or an outcome.
#[derive(Debug, PartialEq)]
struct Node {
    /// The answer on the edge from the parent; empty for the root.
    label: String,
    text: String,
    depth: usize,
    children: Vec<usize>,
}

/// The outline parsed into nodes; index 0 is the root.
#[derive(Debug, PartialEq)]
pub struct DecisionTree {
    nodes: Vec<Node>,
}

impl DecisionTree {
    /// Parses an outline; the error says which line is wrong and why.
    pub fn parse(outline: &str) -> Result<DecisionTree, String> {
        let mut nodes: Vec<Node> = Vec::new();
        // (indent, node) of the current line's ancestors.
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for (number, line) in outline.lines().enumerate().map(|(i, l)| (i + 1, l)) {
            if line.trim().is_empty() {
                continue;
            }
            let indent = line.len() - line.trim_start_matches(' ').len();
            let content = line.trim();
            if nodes.is_empty() {
                if indent != 0 {
                    return Err(format!("line {number}: the root question is not indented"));
                }
                nodes.push(Node {
                    label: String::new(),
                    text: content.to_owned(),
                    depth: 0,
                    children: Vec::new(),
                });
                stack.push((0, 0));
                continue;
            }
            let (label, text) = content
                .split_once(": ")
                .map(|(l, t)| (l.trim(), t.trim()))
                .filter(|(l, t)| !l.is_empty() && !t.is_empty())
                .ok_or_else(|| format!("line {number}: expected `answer: text`"))?;
            while stack.last().is_some_and(|(at, _)| *at >= indent) {
                stack.pop();
            }
            let &(_, parent) = stack
                .last()
                .ok_or_else(|| format!("line {number}: indent it below a question"))?;
            if nodes.len() == MAX_NODES {
                return Err(format!("more than {MAX_NODES} nodes"));
            }
            let id = nodes.len();
            let depth = nodes[parent].depth + 1;
            nodes[parent].children.push(id);
            nodes.push(Node {
                label: label.to_owned(),
                text: text.to_owned(),
                depth,
                children: Vec::new(),
            });
            stack.push((indent, id));
        }
        match nodes.first() {
            None => Err("the outline is empty".to_owned()),
            Some(root) if root.children.is_empty() => {
                Err("the root question has no answers".to_owned())
            }
            Some(_) => Ok(DecisionTree { nodes }),
        }
    }

    /// Every question and outcome, for the search index.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self.nodes.iter().map(|n| n.text.as_str()).collect();
        parts.join(" ")
    }

    /// The tree as an SVG picture, top-down.
    pub fn to_svg(&self) -> String {
        let layout = Layout::of(self);
        let mut svg = String::new();
        let (width, height) = (layout.width, layout.height);
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"decision-tree\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" font-family=\"sans-serif\" font-size=\"13\"><title>Decision tree: {}</title>",
            escape(&self.nodes[0].text)
        );
        for (id, node) in self.nodes.iter().enumerate() {
            for &child in &node.children {
                let (x1, y1) = (layout.x[id], layout.y[id] + layout.box_height[id]);
                let (x2, y2) = (layout.x[child], layout.y[child]);
                let _ = write!(
                    svg,
                    "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"#6b7280\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#374151\" font-weight=\"bold\" stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">{}</text>",
                    (x1 + x2) / 2.0,
                    (y1 + y2) / 2.0 + 4.0,
                    escape(&self.nodes[child].label)
                );
            }
        }
        for (id, node) in self.nodes.iter().enumerate() {
            let (fill, stroke) = if node.children.is_empty() {
                ("#e8f5ec", "#2f7d43")
            } else {
                ("#eaf1fb", "#3a6ea5")
            };
            let (x, y, h) = (layout.x[id], layout.y[id], layout.box_height[id]);
            let _ = write!(
                svg,
                "<rect x=\"{}\" y=\"{y}\" width=\"{BOX_WIDTH}\" height=\"{h}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\"/>",
                x - BOX_WIDTH / 2.0
            );
            for (i, line) in wrap(&node.text).iter().enumerate() {
                let _ = write!(
                    svg,
                    "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"#111827\">{}</text>",
                    y + PADDING + LINE_HEIGHT * (i as f64 + 0.75),
                    escape(line)
                );
            }
        }
        svg.push_str("</svg>");
        svg
    }
}

/// Where each node's box goes: its centre `x`, its top `y` and its height.
struct Layout {
    x: Vec<f64>,
    y: Vec<f64>,
    box_height: Vec<f64>,
    width: f64,
    height: f64,
}

impl Layout {
    fn of(tree: &DecisionTree) -> Layout {
        let count = tree.nodes.len();
        let box_height: Vec<f64> = tree
            .nodes
            .iter()
            .map(|n| wrap(&n.text).len() as f64 * LINE_HEIGHT + 2.0 * PADDING)
            .collect();
        let depth = tree.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
        let mut level_height = vec![0.0_f64; depth + 1];
        for (node, height) in tree.nodes.iter().zip(&box_height) {
            level_height[node.depth] = level_height[node.depth].max(*height);
        }
        let mut level_top = Vec::with_capacity(depth + 1);
        let mut top = MARGIN;
        for height in &level_height {
            level_top.push(top);
            top += height + LEVEL_GAP;
        }
        let mut x = vec![0.0; count];
        let mut next_leaf = 0.0;
        place(tree, 0, &mut x, &mut next_leaf);
        let y = tree.nodes.iter().map(|n| level_top[n.depth]).collect();
        Layout {
            x,
            y,
            box_height,
            width: next_leaf * SLOT_WIDTH + 2.0 * MARGIN,
            height: top - LEVEL_GAP + MARGIN,
        }
    }
}

/// Gives outcomes consecutive slots, left to right, and centres each question
/// over its answers.
fn place(tree: &DecisionTree, id: usize, x: &mut [f64], next_leaf: &mut f64) {
    let children = &tree.nodes[id].children;
    if children.is_empty() {
        x[id] = MARGIN + (*next_leaf + 0.5) * SLOT_WIDTH;
        *next_leaf += 1.0;
        return;
    }
    for &child in children {
        place(tree, child, x, next_leaf);
    }
    let first = x[children[0]];
    let last = x[children[children.len() - 1]];
    x[id] = (first + last) / 2.0;
}

/// `text` in lines of at most [`WRAP`] characters, broken between words.
fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= WRAP => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTLINE: &str = "Needs the Pod's files?\n  no: Separate Deployment\n  yes: Must it finish first?\n    yes: Init container\n    no: Native sidecar\n";

    #[test]
    fn the_outline_becomes_questions_and_outcomes() {
        let tree = DecisionTree::parse(OUTLINE).unwrap();
        let root = &tree.nodes[0];
        assert_eq!(root.text, "Needs the Pod's files?");
        let answers: Vec<(&str, &str)> = root
            .children
            .iter()
            .map(|&c| (tree.nodes[c].label.as_str(), tree.nodes[c].text.as_str()))
            .collect();
        assert_eq!(
            answers,
            [
                ("no", "Separate Deployment"),
                ("yes", "Must it finish first?")
            ]
        );
        assert_eq!(tree.nodes[2].children.len(), 2);
        assert_eq!(tree.nodes[4].depth, 2);
    }

    #[test]
    fn boxes_of_one_level_do_not_overlap_and_questions_sit_over_their_answers() {
        let tree = DecisionTree::parse(OUTLINE).unwrap();
        let layout = Layout::of(&tree);
        for depth in 0..=2 {
            let mut xs: Vec<f64> = (0..tree.nodes.len())
                .filter(|&i| tree.nodes[i].depth == depth)
                .map(|i| layout.x[i])
                .collect();
            xs.sort_by(f64::total_cmp);
            for pair in xs.windows(2) {
                assert!(pair[1] - pair[0] >= BOX_WIDTH, "{xs:?}");
            }
        }
        let (init, native) = (layout.x[3], layout.x[4]);
        assert_eq!(layout.x[2], (init + native) / 2.0);
        assert!(layout.y[3] > layout.y[2] + layout.box_height[2]);
        assert!(
            layout
                .x
                .iter()
                .all(|x| x - BOX_WIDTH / 2.0 >= 0.0 && x + BOX_WIDTH / 2.0 <= layout.width)
        );
    }

    #[test]
    fn the_svg_escapes_text_and_carries_no_styles_or_scripts() {
        let tree =
            DecisionTree::parse("Is <b>this</b> & that safe?\n  yes: <script>x()</script>\n")
                .unwrap();
        let svg = tree.to_svg();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
        assert!(
            svg.contains(
                "<title>Decision tree: Is &lt;b&gt;this&lt;/b&gt; &amp; that safe?</title>"
            ),
            "{svg}"
        );
        assert!(!svg.contains("<script") && !svg.contains("style="), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("<line").count(), 1);
    }

    #[test]
    fn long_text_wraps_between_words() {
        let lines = wrap("Does the helper need the Pod's files, localhost or lifecycle?");
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= WRAP), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "Does the helper need the Pod's files, localhost or lifecycle?"
        );
    }

    #[test]
    fn malformed_outlines_say_which_line_is_wrong() {
        for (outline, reason) in [
            ("", "empty"),
            ("Root?\n", "no answers"),
            ("  Root?\n  yes: A\n", "line 1"),
            ("Root?\n  just text\n", "line 2: expected `answer: text`"),
            ("Root?\nyes: A\n", "line 2: indent it below a question"),
        ] {
            let error = DecisionTree::parse(outline).unwrap_err();
            assert!(error.contains(reason), "{outline:?}: {error}");
        }
        let huge: String = std::iter::once("Root?\n".to_owned())
            .chain((0..MAX_NODES).map(|i| format!("  a{i}: b\n")))
            .collect();
        assert!(
            DecisionTree::parse(&huge)
                .unwrap_err()
                .contains("more than")
        );
    }
}
