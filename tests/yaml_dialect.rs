//! Our YAML reader against kubectl's, case by case: hand-written cases for
//! each corner of the dialect kubectl reads (go-yaml through sigs.k8s.io/yaml)
//! and generated ones that sweep the indentation of multi-line flow
//! collections, block scalar headers and plain scalars over several lines.
//! Every case runs in both its LF and CRLF spelling. kubectl reads all cases
//! in one invocation (a folder of files, each document named after its case);
//! where kubectl reads a case, we must read the same objects, and where
//! kubectl refuses it, we must refuse it too, with a line and column.
//!
//! 1008 cases (504 texts, each with LF and CRLF line ends; the test checks the count). Differences,
//! each listed in [`KNOWN_DIFFERENCES`] and left out of the comparison:
//! - Where both refuse, the reasons are worded differently (go-yaml's words
//!   against saphyr-parser's), and go-yaml counts lines from the start of the
//!   document it split off at a `---` line, we from the start of the text.
//!   The line we give must lie within the case's text.
//! - Tabs go-yaml refuses and we read: right after a block sequence's `-`,
//!   between a nested key's indentation and the key, and right after the
//!   indentation of a block scalar's first line (when its indentation is not
//!   given). saphyr-parser takes them as separation or content; refusing them
//!   would take a scanner of our own.
//! - A document that is not a mapping (a `---` line inside a block scalar
//!   splits it, as kubectl splits it): both readers read it; kubectl's object
//!   decoder then refuses it, and so does our validation, past the reader.

use crate::support;

use podwright_core::yaml::{Limits, YamlError, read_stream};
use serde_json::Value;
use std::collections::BTreeMap;
use support::kubectl::Kubectl;

/// Cases (by the start of their label) where we knowingly read what kubectl
/// refuses, and why; see the module's comment.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "tabs after colons, in flow collections and inside scalars",
        "tab after a block scalar's indentation",
    ),
    ("a tab after a dash", "tab after a block sequence's dash"),
    (
        "a tab before a nested key",
        "tab between indentation and a key",
    ),
    (
        "a tab in a block scalar's content",
        "tab after a block scalar's indentation",
    ),
    (
        "a block scalar holding a separator-like line",
        "a document that is not a mapping",
    ),
];

/// One text fed to both readers. `NAME` in it stands for the case's name.
struct Case {
    label: String,
    text: String,
}

fn case(label: impl Into<String>, text: impl Into<String>) -> Case {
    Case {
        label: label.into(),
        text: text.into(),
    }
}

/// A ConfigMap named after the case, followed by `body` (top-level fields).
fn object(body: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n{body}")
}

/// The hand-written cases, one or a few per corner of the dialect.
fn hand_written() -> Vec<Case> {
    vec![
        case(
            "Filebeat's args: a flow sequence closing at its key's column",
            object(
                "spec:\n  containers:\n  - name: filebeat\n    args: [\n      \"-c\", \"/etc/filebeat.yml\",\n      \"-e\",\n    ]\n",
            ),
        ),
        case(
            "a flow mapping closing at column 0",
            object("data: {\n  a: \"1\",\n  b: \"2\"\n}\n"),
        ),
        case(
            "trailing commas",
            object("a: [1, 2, ]\nb: {x: 1, y: 2, }\nc: [[1,], {z: 1,},]\n"),
        ),
        case(
            "comments inside flow collections",
            object("a: [ # first\n  1, # one\n  # alone\n  2\n  ]\nb: {x: 1, # x\n  y: 2}\n"),
        ),
        case(
            "block scalars with indentation and chomping indicators",
            object(
                "a: |\n  one\n   two\n\nb: |-\n  one\n\nc: |+\n  one\n\nd: >\n  one\n  two\n\n  three\n    four\ne: >-\n  x\nf: |2\n    indented\n  base\ng: >+\n  kept\n\n\nh: x\n",
            ),
        ),
        case("a byte-order mark", format!("\u{feff}{}", object("a: b\n"))),
        case(
            "a %YAML directive",
            format!("%YAML 1.1\n---\n{}", object("a: yes\n")),
        ),
        case(
            "document end markers",
            format!("{}...\n---\n{}...\n", object("a: 1\n"), object("b: 2\n")),
        ),
        case(
            "empty documents between ---",
            format!(
                "---\n---\n{}---\n\n---\n# only a comment\n---\n{}---\n",
                object("a: 1\n"),
                object("b: 2\n")
            ),
        ),
        case(
            "anchors, aliases and merge keys",
            object(
                "base: &base {x: 1, y: 2}\nlist: &list [a, b]\nuse: *base\nmerged:\n  <<: *base\n  y: 3\nmany:\n  <<: [*base, {z: 4}]\nseq: *list\n",
            ),
        ),
        case(
            "tabs after colons, in flow collections and inside scalars",
            object("a:\tb\nc: [1,\t2]\nd: x\ty\ne: |\n  \tin block\n"),
        ),
        case("a tab indenting a key", object("a:\n\tb: 1\n")),
        case(
            "long plain scalars over several lines",
            object(
                "a: this plain scalar\n  goes on over\n  several lines\n\n  and a blank one\nb: [a plain\n  scalar in flow, next]\nc:\n  - item that\n    continues\n",
            ),
        ),
        case(
            "keys that are quoted numbers, and numbers as keys",
            object(
                "data:\n  \"1\": one\n  '010': eight\n  2: two\n  0x10: sixteen\n  1.5: half\n  on: true-key\n",
            ),
        ),
        case(
            "quoted scalars whose continuation lines sit left of the block",
            object("a:\n  b: \"one\ntwo\"\n  c: 'three\n\nfour'\n"),
        ),
        case("an unclosed flow sequence", object("a: [1, 2\nb: 3\n")),
        case("a mapping value where none is allowed", object("a: b: c\n")),
        case("an alias of an unknown anchor", object("a: *nothing\n")),
        case(
            "a key less indented than its siblings",
            object("a:\n    b: 1\n  c: 2\n"),
        ),
        case(
            "a second document that does not parse",
            format!("{}---\n{}", object("a: 1\n"), object("b: [\n")),
        ),
        case(
            "separators with comments and spaces after them",
            format!(
                "--- # first\n{}---   \n{}",
                object("a: 1\n"),
                object("b: 2\n")
            ),
        ),
        case(
            "a flow mapping on the separator's line",
            "--- {apiVersion: v1, kind: ConfigMap, metadata: {name: NAME}}\n",
        ),
        case(
            "a block scalar holding a separator-like line",
            object("a: |\n  text\n---\n  more\n"),
        ),
        case(
            "JSON",
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"NAME\"},\n \"data\": {\"a\": \"1\"}\n}\n",
        ),
    ]
}

/// Multi-line flow collections: every combination of the key's column, the
/// items' column, the closing bracket's column, a trailing comma and a
/// comment, as a mapping's value and as a sequence item's.
fn flow_collections() -> Vec<Case> {
    let mut cases = Vec::new();
    // (prefix lines, the key's column, how the key's line starts)
    let places: [(&str, usize, &str); 4] = [
        ("", 0, ""),
        ("wrap:\n", 2, "  "),
        ("wrap:\n  more:\n", 4, "    "),
        ("wrap:\n  - ", 4, ""),
    ];
    for (place, (prefix, key_column, lead)) in places.iter().enumerate() {
        for (open, close, items) in [("[", "]", ["1", "\"two\""]), ("{", "}", ["a: 1", "b: x"])] {
            for item_column in [0, *key_column, key_column + 2] {
                for close_column in [0, *key_column, key_column + 2] {
                    for trailing_comma in [false, true] {
                        for comment in [false, true] {
                            let item = |text: &str| format!("{}{text}", " ".repeat(item_column));
                            let mut body = format!("{prefix}{lead}test: {open}");
                            if comment {
                                body.push_str(" # opens");
                            }
                            body.push('\n');
                            body.push_str(&item(items[0]));
                            body.push_str(",\n");
                            body.push_str(&item(items[1]));
                            if trailing_comma {
                                body.push(',');
                            }
                            body.push('\n');
                            if comment {
                                body.push_str(&item("# before the end\n"));
                            }
                            body.push_str(&" ".repeat(close_column));
                            body.push_str(close);
                            body.push('\n');
                            cases.push(case(
                                format!(
                                    "flow {open}{close} at place {place}: items at {item_column}, closing at {close_column}, trailing comma {trailing_comma}, comment {comment}"
                                ),
                                object(&body),
                            ));
                        }
                    }
                }
            }
        }
    }
    cases
}

/// Block scalars: every header (style, chomping, indentation indicator)
/// over contents with leading, inner and trailing blank lines.
fn block_scalars() -> Vec<Case> {
    let contents = [
        "  one\n  two\n",
        "  one\n\n  two\n\n\n",
        "   more\n  base\n",
        "\n  after a blank\n",
    ];
    let mut cases = Vec::new();
    for style in ['|', '>'] {
        for chomp in ["", "-", "+"] {
            for indent in ["", "1", "2"] {
                for (index, content) in contents.iter().enumerate() {
                    for nested in [false, true] {
                        let header = format!("{style}{indent}{chomp}");
                        let content = if nested {
                            content
                                .lines()
                                .map(|l| {
                                    if l.is_empty() {
                                        "\n".to_owned()
                                    } else {
                                        format!("  {l}\n")
                                    }
                                })
                                .collect()
                        } else {
                            (*content).to_owned()
                        };
                        let body = if nested {
                            format!("wrap:\n  test: {header}\n{content}  after: x\n")
                        } else {
                            format!("test: {header}\n{content}after: x\n")
                        };
                        cases.push(case(
                            format!("block scalar {header} over content {index}, nested {nested}"),
                            object(&body),
                        ));
                    }
                }
            }
        }
    }
    cases
}

/// Plain and quoted scalars over several lines, with their continuation lines
/// at every column around the key's, in block and flow context.
fn multi_line_scalars() -> Vec<Case> {
    let mut cases = Vec::new();
    for continuation in [0, 1, 2, 3, 4, 6] {
        for (kind, first, second) in [
            ("plain", "a long", "plain scalar"),
            ("double-quoted", "\"a long", "quoted scalar\""),
            ("single-quoted", "'a long", "quoted scalar'"),
        ] {
            let pad = " ".repeat(continuation);
            cases.push(case(
                format!("{kind} scalar, continuation at column {continuation}"),
                object(&format!(
                    "wrap:\n  test: {first}\n{pad}{second}\n  after: x\n"
                )),
            ));
            cases.push(case(
                format!("{kind} scalar in a flow sequence, continuation at column {continuation}"),
                object(&format!("wrap:\n  test: [{first}\n{pad}{second}, next]\n")),
            ));
        }
    }
    cases
}

/// Tabs in each place go-yaml might or might not take them.
fn tabs() -> Vec<Case> {
    [
        ("after a colon", "a:\tb\n"),
        ("after a dash", "a:\n-\tb\n"),
        ("before a comment", "a: b\t# c\n"),
        ("at a line's end", "a: b\t\n"),
        ("inside a flow sequence", "a: [\tb,\tc\t]\n"),
        ("inside a flow mapping", "a: {\tb: c\t}\n"),
        ("indenting a flow item", "a: [\n\tb\n  ]\n"),
        ("inside a plain scalar", "a: b\tc\n"),
        ("inside a double-quoted scalar", "a: \"b\tc\"\n"),
        ("in a block scalar's content", "a: |\n  \tb\n"),
        ("indenting a nested key", "a:\n\tb: c\n"),
        ("before a nested key", "a:\n  \tb: c\n"),
    ]
    .into_iter()
    .map(|(label, body)| case(format!("a tab {label}"), object(body)))
    .collect()
}

/// Every case, then each again with CRLF line ends.
fn all_cases() -> Vec<Case> {
    let mut cases = hand_written();
    cases.extend(flow_collections());
    cases.extend(block_scalars());
    cases.extend(multi_line_scalars());
    cases.extend(tabs());
    let crlf: Vec<Case> = cases
        .iter()
        .map(|c| case(format!("{} (CRLF)", c.label), c.text.replace('\n', "\r\n")))
        .collect();
    cases.extend(crlf);
    cases
}

/// kubectl fills in `namespace: default` where none is written: compare without it.
fn without_default_namespace(mut object: Value) -> Value {
    if object["metadata"]["namespace"] == "default"
        && let Some(metadata) = object["metadata"].as_object_mut()
    {
        metadata.shift_remove("namespace");
    }
    object
}

/// The names of the files kubectl could not read, from its standard error.
fn refused_files(errors: &str) -> BTreeMap<String, String> {
    let mut refused = BTreeMap::new();
    for line in errors.lines() {
        if let Some(start) = line.find("case-") {
            let name: String = line[start..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            refused.entry(name).or_insert_with(|| line.to_owned());
        }
    }
    refused
}

// kubectl runs as a blocking child process: the stand-in needs a second worker thread.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn we_read_what_kubectl_reads_and_refuse_what_it_refuses() {
    let cases = all_cases();
    assert_eq!(cases.len(), 1008, "the module's comment gives the count");
    let kubectl = Kubectl::start().await;
    let folder = tempfile::tempdir().expect("a temporary folder");
    let names: Vec<String> = (0..cases.len()).map(|i| format!("case-{i:04}")).collect();
    for (case, name) in cases.iter().zip(&names) {
        let text = case.text.replace("NAME", name);
        std::fs::write(folder.path().join(format!("{name}.yaml")), text).expect("a case file");
    }
    let read = kubectl.read_all(folder.path()).expect("kubectl runs");
    let refused = refused_files(&read.errors);
    let mut objects: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for object in read.objects {
        let name = object["metadata"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        objects
            .entry(name)
            .or_default()
            .push(without_default_namespace(object));
    }

    let mut failures = Vec::new();
    let mut refusals = 0;
    for (case, name) in cases.iter().zip(&names) {
        if KNOWN_DIFFERENCES
            .iter()
            .any(|(label, _)| case.label.starts_with(label))
        {
            continue;
        }
        let text = case.text.replace("NAME", name);
        let ours = read_stream(&text, &Limits::default());
        match (refused.get(name), ours) {
            (None, Ok(stream)) => {
                let theirs = objects.remove(name).unwrap_or_default();
                if stream.documents != theirs {
                    failures.push(format!(
                        "{name} ({}): kubectl reads\n{}\nwe read\n{}\n{text}",
                        case.label,
                        serde_json::to_string(&theirs).unwrap_or_default(),
                        serde_json::to_string(&stream.documents).unwrap_or_default()
                    ));
                }
            }
            (Some(_), Err(YamlError::Syntax { line, column, .. })) => {
                refusals += 1;
                let lines = text.lines().count();
                // saphyr-parser places an unexpected end of the text on the line after the last.
                if line == 0 || line > lines + 1 || column == 0 {
                    failures.push(format!(
                        "{name} ({}): we refuse at line {line}, column {column}, outside the text",
                        case.label
                    ));
                }
            }
            (Some(_), Err(other)) => {
                failures.push(format!(
                    "{name} ({}): refused without a place: {other}",
                    case.label
                ));
            }
            (Some(reason), Ok(_)) => {
                failures.push(format!(
                    "{name} ({}): kubectl refuses ({reason}), we read it\n{text}",
                    case.label
                ));
            }
            (None, Err(error)) => {
                failures.push(format!(
                    "{name} ({}): kubectl reads it, we refuse: {error}\n{text}",
                    case.label
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ ({refusals} refused by both):\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
