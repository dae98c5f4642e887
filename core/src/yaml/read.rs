//! Reads YAML (or JSON, a subset of it) into JSON values the way kubectl does:
//! YAML 1.1 scalars, several documents, anchors and merge keys, within limits
//! that keep hostile input cheap to refuse.

use super::positions::{Position, Positions, child_path};
use super::relax::{Relaxed, Surroundings};
use super::scalar::resolve_plain;
use super::{Limits, YamlError};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span, Tag};
use serde_json::map::Entry;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Parses every document in `text`. Empty documents (a lone `---`, comments only) are skipped.
pub fn read_documents(text: &str, limits: &Limits) -> Result<Vec<Value>, YamlError> {
    read_stream(text, limits).map(|stream| stream.documents)
}

/// Parses every document in `text`, noting keys that appear twice in one mapping.
pub fn read_stream(text: &str, limits: &Limits) -> Result<YamlStream, YamlError> {
    let mut relaxed = Relaxed::new(text);
    loop {
        let failure = match parse(relaxed.text(), limits) {
            Ok(mut stream) => {
                for dup in &mut stream.duplicate_keys {
                    dup.column = relaxed.column(dup.line, dup.column);
                }
                for position in stream
                    .positions
                    .iter_mut()
                    .flat_map(Positions::positions_mut)
                {
                    position.column = relaxed.column(position.line, position.column);
                }
                return Ok(stream);
            }
            Err(failure) => failure,
        };
        match failure {
            Failure::Scan(error, surroundings) => {
                if !relaxed.retry(&error, surroundings) {
                    return Err(YamlError::Syntax {
                        line: error.marker().line(),
                        column: relaxed.column(error.marker().line(), error.marker().col() + 1),
                        message: error.info().to_owned(),
                    });
                }
            }
            Failure::Read(YamlError::Syntax {
                line,
                column,
                message,
            }) => {
                return Err(YamlError::Syntax {
                    line,
                    column: relaxed.column(line, column),
                    message,
                });
            }
            Failure::Read(error) => return Err(error),
        }
    }
}

/// Why one parse of the text stopped.
enum Failure {
    /// saphyr-parser refused the text; with where it stood, for [`Relaxed::retry`].
    Scan(ScanError, Surroundings),
    /// The reader refused what it was given.
    Read(YamlError),
}

/// Reads `text` as kubectl does: split into documents at lines that start
/// with `---` first (k8s.io/apimachinery's YAML reader does that before any
/// YAML is parsed), then each part parsed on its own.
fn parse(text: &str, limits: &Limits) -> Result<YamlStream, Failure> {
    let mut reader = Reader {
        limits,
        anchors: HashMap::new(),
        stack: Vec::new(),
        stream: YamlStream::default(),
        nodes: 0,
        line_offset: 0,
        positions: Positions::default(),
    };
    for (part, line_offset) in split_documents(text).map_err(Failure::Read)? {
        reader.line_offset = line_offset;
        reader.stack.clear();
        // About one key or list item a line: room for them all at once.
        reader.positions =
            Positions::with_capacity(part.bytes().filter(|&b| b == b'\n').count() + 1);
        let mut parser = Parser::new_from_str(part);
        while let Some(event) = parser.next_event() {
            match event {
                Ok((event, span)) => reader.on_event(event, span).map_err(|error| {
                    Failure::Read(match error {
                        YamlError::Syntax {
                            line,
                            column,
                            message,
                        } => YamlError::Syntax {
                            line: line + line_offset,
                            column,
                            message,
                        },
                        other => other,
                    })
                })?,
                Err(error) => {
                    let mark = error.marker();
                    let global = Marker::new(mark.index(), mark.line() + line_offset, mark.col());
                    let error = ScanError::new(global, error.info().to_owned());
                    return Err(Failure::Scan(error, reader.surroundings(part)));
                }
            }
        }
    }
    Ok(reader.stream)
}

/// The parts of `text` between lines that start with `---`, each with the
/// number of lines before it. As in kubectl, only spaces or a comment may
/// follow such a `---`.
fn split_documents(text: &str) -> Result<Vec<(&str, usize)>, YamlError> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut start_line = 0;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if let Some(rest) = line.strip_prefix("---") {
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                return Err(YamlError::Syntax {
                    line: index + 1,
                    column: 4,
                    message: format!("invalid Yaml document separator: {rest}"),
                });
            }
            parts.push((&text[start..offset], start_line));
            start = offset + line.len();
            start_line = index + 1;
        }
        offset += line.len();
    }
    parts.push((&text[start..], start_line));
    Ok(parts)
}

/// The documents of a YAML stream, and what was odd about them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YamlStream {
    /// The non-empty documents, in order.
    pub documents: Vec<Value>,
    /// Keys written twice in one mapping. The last value wins, as in kubectl's
    /// reading; the API server's strict decoding refuses such a request body.
    pub duplicate_keys: Vec<DuplicateKey>,
    /// Where each document's keys and sequence items are written, one entry per document.
    pub positions: Vec<Positions>,
}

impl YamlStream {
    /// Where the field at the API server's `path` is written in document
    /// `document`, or its nearest written parent when the field is missing.
    pub fn locate(&self, document: usize, path: &str) -> Option<Position> {
        self.positions.get(document)?.locate(path)
    }
}

/// A key written twice in one mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key.
    pub key: String,
    /// Index of the document among the non-empty ones.
    pub document: usize,
    /// 1-based line of the second occurrence.
    pub line: usize,
    /// 1-based column of the second occurrence.
    pub column: usize,
}

/// A mapping key waiting for its value.
enum PendingKey {
    /// An ordinary key.
    Key(String, Span),
    /// The plain key `<<`: its value's entries merge into the mapping.
    Merge(Span),
}

/// A collection being built, with what it needs to finish.
enum Open {
    Sequence {
        items: Vec<Value>,
        anchor: usize,
        start: Span,
        /// Its path's segments, as [`Positions`] keeps them.
        path: String,
    },
    Mapping {
        entries: Map<String, Value>,
        pending_key: Option<PendingKey>,
        anchor: usize,
        /// Entries that came from `<<` merge keys: explicit keys win over them.
        merged: Map<String, Value>,
        start: Span,
        /// Its path's segments, as [`Positions`] keeps them.
        path: String,
    },
}

impl Open {
    fn start(&self) -> Span {
        match self {
            Open::Sequence { start, .. } | Open::Mapping { start, .. } => *start,
        }
    }
}

/// An anchored node, kept for its aliases.
#[derive(Clone)]
struct Anchored {
    value: Value,
    /// Nodes in it, as [`Reader::count`] counts them.
    size: usize,
    /// Collections nested in it: 0 for a scalar, 1 for a flat list or mapping.
    depth: usize,
}

struct Reader<'l> {
    limits: &'l Limits,
    anchors: HashMap<usize, Anchored>,
    stack: Vec<Open>,
    stream: YamlStream,
    /// Nodes produced so far, alias copies included: the bound on alias expansion.
    nodes: usize,
    /// Lines before the part of the text being read.
    line_offset: usize,
    /// Where the current document's keys and items are.
    positions: Positions,
}

impl Reader<'_> {
    /// Where the parser stood among open collections: the 0-based column of
    /// the innermost open block collection's keys or dashes, and whether the
    /// innermost collection is a flow one. A flow collection's start event
    /// spans its `[` or `{`; a block collection's ends where its first key or
    /// dash is.
    fn surroundings(&self, text: &str) -> Surroundings {
        // The stack runs outside in, so its start events come in text order:
        // one pass over the characters finds each one's `[` or `{`.
        let mut chars = text.chars();
        let mut next_index = 0;
        let mut surroundings = Surroundings::default();
        for open in &self.stack {
            let Span { start, end } = open.start();
            let mut flow = false;
            if end.index() > start.index() && end.index() > next_index {
                let before = chars.nth(end.index() - 1 - next_index);
                next_index = end.index();
                flow = matches!(before, Some('[' | '{'));
            }
            if !flow {
                surroundings.block_column = Some(end.col());
            }
            surroundings.in_flow = flow;
        }
        surroundings
    }

    fn on_event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if style == ScalarStyle::Plain
                    && tag.is_none()
                    && text == "<<"
                    && self.expects_key()
                {
                    self.set_pending_key(PendingKey::Merge(span));
                    return Ok(());
                }
                if text.len() > self.limits.max_scalar_bytes {
                    return Err(at(
                        span,
                        format!(
                            "a value of {} bytes is longer than the {} allowed",
                            text.len(),
                            self.limits.max_scalar_bytes
                        ),
                    ));
                }
                let value = scalar_value(&text, style, tag.as_deref(), span)?;
                self.note_item(span);
                self.count(1, span)?;
                self.finish_node(value, anchor, span)
            }
            Event::SequenceStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "seq", span)?;
                let path = self.next_path(span);
                self.open(
                    Open::Sequence {
                        items: Vec::new(),
                        anchor,
                        start: span,
                        path,
                    },
                    span,
                )
            }
            Event::MappingStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "map", span)?;
                let path = self.next_path(span);
                self.open(
                    Open::Mapping {
                        entries: Map::new(),
                        pending_key: None,
                        anchor,
                        merged: Map::new(),
                        start: span,
                        path,
                    },
                    span,
                )
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
            Event::Alias(id) => {
                let Anchored { value, size, depth } = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| at(span, "alias of an unknown anchor".to_owned()))?;
                // An alias brings its whole node here: a collection anchored
                // near the limit and aliased deep down would nest past it.
                if self.stack.len() + depth > self.limits.max_depth {
                    return Err(self.too_deep(span));
                }
                self.count(size, span)?;
                self.note_item(span);
                self.finish_node(value, 0, span)
            }
            Event::DocumentStart(_) => {
                if self.stream.documents.len() >= self.limits.max_documents {
                    return Err(YamlError::TooManyDocuments(self.limits.max_documents));
                }
                self.anchors.clear();
                Ok(())
            }
            Event::DocumentEnd | Event::StreamStart | Event::StreamEnd | Event::Nothing => Ok(()),
        }
    }

    /// The path of the collection starting at `span`, noting its position
    /// when it is a sequence item or a document's root (keys are noted as they end).
    fn next_path(&mut self, span: Span) -> String {
        match self.stack.last() {
            Some(Open::Mapping {
                pending_key: Some(PendingKey::Key(key, _)),
                path,
                ..
            }) => child_path(path, key),
            Some(Open::Mapping { path, .. }) => path.clone(),
            _ => {
                let path = self.item_path();
                self.positions.insert(path.clone(), self.position(span));
                path
            }
        }
    }

    /// Notes the position of the scalar or alias starting at `span` when it
    /// is a sequence item or a document's root; its path is not needed.
    fn note_item(&mut self, span: Span) {
        if !matches!(self.stack.last(), Some(Open::Mapping { .. })) {
            let path = self.item_path();
            self.positions.insert(path, self.position(span));
        }
    }

    /// The path of the next item of the open sequence (the root's outside one).
    fn item_path(&self) -> String {
        match self.stack.last() {
            Some(Open::Sequence { items, path, .. }) => {
                child_path(path, itoa::Buffer::new().format(items.len()))
            }
            _ => String::new(),
        }
    }

    fn position(&self, span: Span) -> Position {
        Position {
            line: span.start.line() + self.line_offset,
            column: span.start.col() + 1,
        }
    }

    /// True when the next node is a mapping key.
    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Open::Mapping {
                pending_key: None,
                ..
            })
        )
    }

    fn set_pending_key(&mut self, key: PendingKey) {
        if let Some(Open::Mapping { pending_key, .. }) = self.stack.last_mut() {
            *pending_key = Some(key);
        }
    }

    fn count(&mut self, nodes: usize, span: Span) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > self.limits.max_nodes {
            return Err(at(
                span,
                format!(
                    "the document expands to more than {} nodes (aliases included)",
                    self.limits.max_nodes
                ),
            ));
        }
        Ok(())
    }

    fn open(&mut self, collection: Open, span: Span) -> Result<(), YamlError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.too_deep(span));
        }
        self.count(1, span)?;
        self.stack.push(collection);
        Ok(())
    }

    fn too_deep(&self, span: Span) -> YamlError {
        at(
            span,
            format!("nesting deeper than {} levels", self.limits.max_depth),
        )
    }

    fn close(&mut self, span: Span) -> Result<(), YamlError> {
        let (value, anchor) = match self.stack.pop() {
            Some(Open::Sequence { items, anchor, .. }) => (Value::Array(items), anchor),
            Some(Open::Mapping {
                mut entries,
                anchor,
                merged,
                ..
            }) => {
                for (key, value) in merged {
                    entries.entry(key).or_insert(value);
                }
                (Value::Object(entries), anchor)
            }
            None => return Err(at(span, "unbalanced collection end".to_owned())),
        };
        self.finish_node(value, anchor, span)
    }

    /// Places a finished node in its parent (or as a document) and remembers
    /// its anchor, measured for the aliases that will bring it again.
    fn finish_node(&mut self, value: Value, anchor: usize, span: Span) -> Result<(), YamlError> {
        if anchor != 0 {
            let (size, depth) = measure(&value);
            let anchored = Anchored {
                value: value.clone(),
                size,
                depth,
            };
            self.anchors.insert(anchor, anchored);
        }
        let document = self.stream.documents.len();
        let position = self.position(span);
        match self.stack.last_mut() {
            None => {
                let positions = std::mem::take(&mut self.positions);
                if !value.is_null() {
                    self.stream.documents.push(value);
                    self.stream.positions.push(positions);
                }
                Ok(())
            }
            Some(Open::Sequence { items, .. }) => {
                items.push(value);
                Ok(())
            }
            Some(Open::Mapping {
                entries,
                pending_key,
                merged,
                path,
                ..
            }) => match pending_key.take() {
                None => {
                    let key = key_text(value, span)?;
                    self.positions.insert(child_path(path, &key), position);
                    *pending_key = Some(PendingKey::Key(key, span));
                    Ok(())
                }
                Some(PendingKey::Merge(key_span)) => merge_into(merged, value, key_span),
                Some(PendingKey::Key(key, key_span)) => {
                    match entries.entry(key) {
                        Entry::Occupied(mut earlier) => {
                            self.stream.duplicate_keys.push(DuplicateKey {
                                key: earlier.key().clone(),
                                document,
                                line: key_span.start.line() + self.line_offset,
                                column: key_span.start.col() + 1,
                            });
                            earlier.insert(value);
                        }
                        Entry::Vacant(slot) => {
                            slot.insert(value);
                        }
                    }
                    Ok(())
                }
            },
        }
    }
}

/// A `<<: *base` or `<<: [*a, *b]` merge: earlier sources win over later ones.
fn merge_into(merged: &mut Map<String, Value>, source: Value, span: Span) -> Result<(), YamlError> {
    let sources = match source {
        Value::Array(items) => items,
        other => vec![other],
    };
    for source in sources {
        let Value::Object(entries) = source else {
            return Err(at(
                span,
                "a merge key (<<) needs a mapping or a list of mappings".to_owned(),
            ));
        };
        for (key, value) in entries {
            merged.entry(key).or_insert(value);
        }
    }
    Ok(())
}

/// Mapping keys become strings, as kubectl's YAML-to-JSON step makes them.
fn key_text(key: Value, span: Span) -> Result<String, YamlError> {
    match key {
        Value::String(text) => Ok(text),
        Value::Null => Ok("null".to_owned()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Array(_) | Value::Object(_) => Err(at(
            span,
            "a mapping key must be a scalar, not a list or mapping".to_owned(),
        )),
    }
}

fn scalar_value(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<Value, YamlError> {
    match tag {
        None if style == ScalarStyle::Plain => Ok(resolve_plain(text)),
        None => Ok(Value::String(text.to_owned())),
        Some(tag) if tag.is_yaml_core_schema() => match tag.suffix.as_str() {
            "str" | "binary" | "timestamp" => Ok(Value::String(text.to_owned())),
            "null" | "bool" | "int" | "float" => {
                let value = resolve_plain(text);
                let fits = match tag.suffix.as_str() {
                    "null" => value.is_null(),
                    "bool" => value.is_boolean(),
                    "int" => value.is_i64() || value.is_u64(),
                    _ => value.is_number(),
                };
                if fits {
                    Ok(value)
                } else {
                    Err(at(
                        span,
                        format!("{text:?} is not a valid !!{}", tag.suffix),
                    ))
                }
            }
            other => Err(at(span, format!("the tag !!{other} does not fit a scalar"))),
        },
        Some(tag) => Err(at(
            span,
            format!("unsupported tag {}{}", tag.handle, tag.suffix),
        )),
    }
}

fn check_collection_tag(tag: Option<&Tag>, expected: &str, span: Span) -> Result<(), YamlError> {
    match tag {
        None => Ok(()),
        Some(tag) if tag.is_yaml_core_schema() && tag.suffix == expected => Ok(()),
        Some(tag) => Err(at(
            span,
            format!("unsupported tag {}{}", tag.handle, tag.suffix),
        )),
    }
}

fn at(span: Span, message: String) -> YamlError {
    YamlError::Syntax {
        line: span.start.line(),
        column: span.start.col() + 1,
        message,
    }
}

/// A node's size (as [`Reader::count`] counts nodes) and the collections nested in it.
fn measure(value: &Value) -> (usize, usize) {
    let (size, depth) = match value {
        Value::Array(items) => items
            .iter()
            .map(measure)
            .fold((0, 0), |(size, depth), (s, d)| (size + s, depth.max(d))),
        Value::Object(entries) => entries
            .values()
            .map(measure)
            .fold((0, 0), |(size, depth), (s, d)| (size + 1 + s, depth.max(d))),
        _ => return (1, 0),
    };
    (1 + size, 1 + depth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(text: &str) -> Result<Vec<Value>, YamlError> {
        read_documents(text, &Limits::default())
    }

    #[test]
    fn reads_several_documents_and_skips_empty_ones() {
        let docs = read("---\na: 1\n---\n# only a comment\n---\nb: [x, 'y', \"z\"]\n").unwrap();
        assert_eq!(docs, vec![json!({"a": 1}), json!({"b": ["x", "y", "z"]})]);
    }

    #[test]
    fn reads_json() {
        let docs = read(r#"{"kind": "Pod", "spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80}]}]}}"#)
            .unwrap();
        assert_eq!(
            docs[0]["spec"]["containers"][0]["ports"][0]["containerPort"],
            json!(80)
        );
    }

    #[test]
    fn quoted_and_tagged_scalars_stay_strings() {
        let docs = read("a: 'yes'\nb: \"0440\"\nc: !!str 0440\nd: 0440\ne: yes\n").unwrap();
        assert_eq!(
            docs[0],
            json!({"a": "yes", "b": "0440", "c": "0440", "d": 288, "e": true})
        );
    }

    #[test]
    fn keys_become_strings_and_keep_their_order() {
        let docs = read("z: 1\n1: 2\non: 3\na: 4\n").unwrap();
        let keys: Vec<&String> = docs[0].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["z", "1", "true", "a"]);
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let docs =
            read("base: &b {p: 1, q: 2}\nuse: *b\nmerged:\n  <<: *b\n  q: 3\n'<<': quoted\n")
                .unwrap();
        assert_eq!(docs[0]["use"], json!({"p": 1, "q": 2}));
        assert_eq!(docs[0]["merged"], json!({"q": 3, "p": 1}));
        assert_eq!(docs[0]["<<"], json!("quoted"));
    }

    #[test]
    fn a_duplicate_key_is_noted_with_its_line_and_the_last_value_wins() {
        let stream =
            read_stream("x: 0\n---\na: 1\nb:\n  c: 1\n  c: 2\n", &Limits::default()).unwrap();
        assert_eq!(stream.documents[1], json!({"a": 1, "b": {"c": 2}}));
        assert_eq!(
            stream.duplicate_keys,
            [DuplicateKey {
                key: "c".into(),
                document: 1,
                line: 6,
                column: 3
            }]
        );
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let YamlError::Syntax { line, .. } = read("a: 1\nb: [unclosed\nc: 2\n").unwrap_err() else {
            panic!("expected a syntax error");
        };
        assert!(line >= 2, "line {line}");
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = read(&text).unwrap_err();
        assert!(err.to_string().contains("nodes"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let err = read(&text).unwrap_err();
        assert!(err.to_string().contains("nesting"), "{err}");
        let block: String = (0..100).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(read(&block).unwrap_err().to_string().contains("nesting"));
        let huge = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read(&huge).is_err());
    }

    #[test]
    fn overlong_values_are_refused() {
        let limits = Limits {
            max_scalar_bytes: 10,
            ..Limits::default()
        };
        let err = read_documents("a: 0123456789ab\n", &limits).unwrap_err();
        assert!(err.to_string().contains("longer than"), "{err}");
        assert!(read_documents("a: short\n", &limits).is_ok());
    }

    #[test]
    fn aliases_cannot_nest_past_the_depth_limit() {
        // Caught by the import fuzz target's round-trip check: an alias of a deep anchored list, inside another
        // deep list, nested past max_depth; chained, a few KB nested thousands
        // of levels, which the writer then wrote as YAML this reader refuses.
        let chain = |inner: &str| format!("{}{inner}{}", "[".repeat(40), "]".repeat(40));
        let text = format!("a: &a {}\nb: {}\n", chain("x"), chain("*a"));
        assert!(read(&text).unwrap_err().to_string().contains("nesting"));
        let shallow = format!("a: &a {}\nb: [[*a]]\n", chain("x"));
        assert_eq!(
            read(&shallow).unwrap()[0]["b"][0][0],
            read(&shallow).unwrap()[0]["a"]
        );
    }

    #[test]
    fn flow_collections_may_close_at_their_keys_column() {
        // Elastic's Filebeat DaemonSet, and Istio's samples.
        let text = "spec:\n  containers:\n  - name: filebeat\n    args: [\n      \"-c\", \"/etc/filebeat.yml\",\n      \"-e\",\n    ]\n    env: [{name: A,\n  value: b}\n    ]\nnext: {\n}\n";
        let docs = read(text).unwrap();
        assert_eq!(
            docs[0],
            json!({"spec": {"containers": [{"name": "filebeat", "args": ["-c", "/etc/filebeat.yml", "-e"], "env": [{"name": "A", "value": "b"}]}]}, "next": {}})
        );
    }

    #[test]
    fn quoted_continuation_lines_may_sit_left_of_the_block() {
        let docs = read("a:\n  b: \"one\ntwo\"\n  c: 'x\n\n y'\n").unwrap();
        assert_eq!(docs[0], json!({"a": {"b": "one two", "c": "x\ny"}}));
    }

    #[test]
    fn errors_after_padding_point_into_the_text_as_written() {
        let err = read("a:\n  b: [\n  ]\n  c: [\n x: y: z]\n").unwrap_err();
        let YamlError::Syntax { line, column, .. } = err else {
            panic!("expected a syntax error");
        };
        assert_eq!(line, 5, "{err}");
        assert!(column <= 6, "{err}");
    }

    #[test]
    fn unknown_tags_are_refused() {
        assert!(read("a: !custom x\n").is_err());
        assert!(read("a: !!int abc\n").is_err());
    }
}
