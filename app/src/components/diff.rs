//! A line diff of two texts, for reviewing the YAML before it is exported:
//! the common start and end are cut off, and the middle is compared line by
//! line (longest common subsequence). A middle too large to compare quickly
//! is shown as removed and added whole.

/// One line of a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// In both texts.
    Same(String),
    /// Only in the old text.
    Removed(String),
    /// Only in the new text.
    Added(String),
}

/// Above this many line pairs the middle is not compared line by line.
const MAX_CELLS: usize = 1_000_000;

/// The lines of `old` and `new`, marked as kept, removed or added.
pub fn diff(old: &str, new: &str) -> Vec<Line> {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut lines: Vec<Line> = old[..prefix]
        .iter()
        .map(|l| Line::Same((*l).to_owned()))
        .collect();
    if a.len().saturating_mul(b.len()) > MAX_CELLS {
        lines.extend(a.iter().map(|l| Line::Removed((*l).to_owned())));
        lines.extend(b.iter().map(|l| Line::Added((*l).to_owned())));
    } else {
        lines.extend(middle(a, b));
    }
    lines.extend(
        old[old.len() - suffix..]
            .iter()
            .map(|l| Line::Same((*l).to_owned())),
    );
    lines
}

/// Longest common subsequence of two short line lists, walked into a diff.
fn middle(a: &[&str], b: &[&str]) -> Vec<Line> {
    let width = b.len() + 1;
    // lcs[i * width + j]: the common length of a[i..] and b[j..].
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j, mut lines) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push(Line::Same(a[i].to_owned()));
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i * width + j + 1] > lcs[(i + 1) * width + j])
        {
            lines.push(Line::Added(b[j].to_owned()));
            j += 1;
        } else {
            lines.push(Line::Removed(a[i].to_owned()));
            i += 1;
        }
    }
    lines
}

/// How many lines were added and removed.
pub fn counts(lines: &[Line]) -> (usize, usize) {
    lines
        .iter()
        .fold((0, 0), |(added, removed), line| match line {
            Line::Added(_) => (added + 1, removed),
            Line::Removed(_) => (added, removed + 1),
            Line::Same(_) => (added, removed),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(s: &str) -> Line {
        Line::Same(s.into())
    }

    #[test]
    fn an_edited_line_shows_as_removed_then_added() {
        let old = "kind: Pod\nspec:\n  image: nginx:1.27.3\n  name: web\n";
        let new = "kind: Pod\nspec:\n  image: nginx:1.27.4\n  name: web\n";
        assert_eq!(
            diff(old, new),
            [
                same("kind: Pod"),
                same("spec:"),
                Line::Removed("  image: nginx:1.27.3".into()),
                Line::Added("  image: nginx:1.27.4".into()),
                same("  name: web"),
            ]
        );
    }

    #[test]
    fn insertions_and_deletions_in_the_middle_keep_the_rest() {
        let old = "a\nb\nc\nd\ne";
        let new = "a\nc\nx\nd\ne\nf";
        let lines = diff(old, new);
        assert_eq!(counts(&lines), (2, 1));
        assert_eq!(
            lines,
            [
                same("a"),
                Line::Removed("b".into()),
                same("c"),
                Line::Added("x".into()),
                same("d"),
                same("e"),
                Line::Added("f".into()),
            ]
        );
        assert_eq!(counts(&diff(old, old)), (0, 0));
    }

    #[test]
    fn a_huge_middle_is_replaced_whole() {
        let old: String = (0..1500).map(|i| format!("a{i}\n")).collect();
        let new: String = (0..1500).map(|i| format!("b{i}\n")).collect();
        assert_eq!(counts(&diff(&old, &new)), (1500, 1500));
    }
}
