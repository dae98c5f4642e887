//! Writes JSON values as block-style YAML that kubectl, YAML 1.1 and YAML 1.2
//! readers all read back as the same values: two-space indents, lists indented
//! under their key, strings quoted wherever a reader could take them for
//! something else, multi-line strings as literal blocks.

use super::scalar::is_plain_safe;
use serde_json::{Map, Value};
use std::fmt::Write;

/// Writes several documents separated by `---`.
pub fn write_documents(documents: &[Value]) -> String {
    let mut out = String::new();
    for (i, document) in documents.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        write_document_into(&mut out, document);
    }
    out
}

/// Writes one document.
pub fn write_document(document: &Value) -> String {
    let mut out = String::new();
    write_document_into(&mut out, document);
    out
}

fn write_document_into(out: &mut String, document: &Value) {
    match document {
        Value::Object(map) if !map.is_empty() => write_mapping(out, map, 0),
        Value::Array(items) if !items.is_empty() => write_sequence(out, items, 0),
        scalar => {
            write_inline(out, scalar, 0);
            out.push('\n');
        }
    }
}

/// YAML caps an implicit key (`key: value`) at 1024 characters.
const MAX_IMPLICIT_KEY: usize = 1024;

fn write_mapping(out: &mut String, map: &Map<String, Value>, indent: usize) {
    for (key, value) in map {
        pad(out, indent);
        write_entry(out, key, value, indent);
    }
}

/// Writes `key: value` from the current position; the entry's lines align at `indent`.
/// A key too long to be implicit is written explicitly: `? key`, then `: value`.
fn write_entry(out: &mut String, key: &str, value: &Value, indent: usize) {
    let start = out.len();
    write_string(out, key, indent, true);
    let written = &out[start..];
    if written.len() > MAX_IMPLICIT_KEY && written.chars().count() > MAX_IMPLICIT_KEY {
        let written = out.split_off(start);
        out.push_str("? ");
        out.push_str(&written);
        out.push('\n');
        pad(out, indent);
    }
    out.push(':');
    write_nested(out, value, indent);
}

fn write_sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push('-');
        match item {
            Value::Object(map) if !map.is_empty() => {
                // The first entry shares the dash's line; the rest align under it.
                let mut entries = map.iter();
                if let Some((key, value)) = entries.next() {
                    out.push(' ');
                    write_entry(out, key, value, indent + 2);
                }
                for (key, value) in entries {
                    pad(out, indent + 2);
                    write_entry(out, key, value, indent + 2);
                }
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_sequence(out, inner, indent + 2);
            }
            scalar => {
                out.push(' ');
                write_inline(out, scalar, indent + 2);
                out.push('\n');
            }
        }
    }
}

/// Writes what follows `key:`: a nested block on the next lines, or a scalar on this one.
fn write_nested(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_mapping(out, map, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_sequence(out, items, indent + 2);
        }
        scalar => {
            out.push(' ');
            write_inline(out, scalar, indent + 2);
            out.push('\n');
        }
    }
}

/// Scalars and empty collections, on the current line.
fn write_inline(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_string(out, s, indent, false),
        Value::Array(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
    }
}

/// A string: plain when safe, a literal block for multi-line text, double-quoted otherwise.
/// `content_indent` is where a literal block's lines start.
fn write_string(out: &mut String, s: &str, content_indent: usize, is_key: bool) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else if !is_key && fits_literal_block(s) {
        out.push_str(if s.ends_with('\n') { "|" } else { "|-" });
        for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
            out.push('\n');
            if !line.is_empty() {
                pad(out, content_indent);
                out.push_str(line);
            }
        }
    } else {
        write_double_quoted(out, s);
    }
}

/// Literal blocks keep text readable, but only hold text without traps: no
/// leading space on the first line, no trailing spaces, no control characters,
/// at most one trailing newline.
fn fits_literal_block(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\n'])
        && !s.ends_with("\n\n")
        && s.split('\n').all(|line| !line.ends_with([' ', '\t']))
        && s.chars()
            .all(|c| c == '\n' || !(c.is_control() || is_unicode_break(c)))
}

fn is_unicode_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn write_double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_unicode_break(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn pad(out: &mut String, indent: usize) {
    /// Enough spaces for most indents in one copy.
    const SPACES: &str = "                                                                ";
    let mut left = indent;
    while left > 0 {
        let run = left.min(SPACES.len());
        out.push_str(&SPACES[..run]);
        left -= run;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, read_documents};
    use serde_json::json;

    fn round_trip(value: &Value) -> Value {
        let text = write_document(value);
        let mut docs =
            read_documents(&text, &Limits::default()).unwrap_or_else(|e| panic!("{e}\n{text}"));
        docs.pop().unwrap()
    }

    #[test]
    fn block_style_with_indented_lists() {
        let value = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {"containers": [{"name": "app", "image": "nginx:1.27.3", "args": ["a", "b"], "ports": [{"containerPort": 80}]}], "volumes": []}
        });
        let text = write_document(&value);
        assert_eq!(
            text,
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.3\n      args:\n        - a\n        - b\n      ports:\n        - containerPort: 80\n  volumes: []\n"
        );
        assert_eq!(round_trip(&value), value);
    }

    #[test]
    fn tricky_strings_come_back_as_strings() {
        let strings = [
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "true",
            "null",
            "~",
            "",
            "12:30",
            "2024-01-01",
            "1_000",
            "0440",
            "1e3",
            ".inf",
            "0x1F",
            "<<",
            " lead",
            "trail ",
            "a: b",
            "a #b",
            "- x",
            "#c",
            "*a",
            "quote\"back\\slash",
            "tab\there",
            "line\nbreak\n",
            "no newline\nat end",
            "\nleading",
            "trailing\n\n",
            "ctrl\u{1}",
            "nel\u{85}",
            "ünïcödé",
            "emoji 🚀",
            "spaces  \nin lines",
        ];
        for s in strings {
            let value = json!({"k": s, "list": [s], s: 1});
            assert_eq!(round_trip(&value), value, "{s:?}");
        }
    }

    #[test]
    fn multi_line_strings_are_literal_blocks() {
        let text =
            write_document(&json!({"script": "set -e\necho hi\n", "cmd": ["sh", "-c", "a\nb"]}));
        assert_eq!(
            text,
            "script: |\n  set -e\n  echo hi\ncmd:\n  - sh\n  - \"-c\"\n  - |-\n    a\n    b\n"
        );
    }

    #[test]
    fn nested_lists_and_empty_collections() {
        let value = json!({"a": [[1, 2], [], {}], "b": {}, "c": null, "d": 1.5, "e": false});
        assert_eq!(round_trip(&value), value);
    }

    #[test]
    fn keys_longer_than_yaml_allows_implicit_keys_are_explicit() {
        // Found with the export fuzz target: a companion's 1100-character key
        // was written as `key: value`, which YAML readers refuse past 1024.
        for key in ["k".repeat(1024), "k".repeat(1100), "\"".repeat(600)] {
            let value = json!({key.clone(): {"a": [1]}, "list": [{key.clone(): "x\ny", "b": 2}]});
            assert_eq!(round_trip(&value), value, "{} characters", key.len());
        }
    }

    #[test]
    fn several_documents() {
        let docs = [json!({"a": 1}), json!({"b": 2})];
        let text = write_documents(&docs);
        assert_eq!(text, "a: 1\n---\nb: 2\n");
        assert_eq!(read_documents(&text, &Limits::default()).unwrap(), docs);
    }
}
