//! YAML → a small tree of nodes, each with its byte range in the source.
//!
//! serde-saphyr does the parsing; this module deserializes any document into
//! a span-carrying tree so that the term model can report wrong shapes,
//! unknown keys and duplicates precisely instead of failing on the first.

use crate::line_index::{LineCol, LineIndex, TextRange};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};
use std::fmt;

mod events;

/// How a scalar was written in the source; decides how a fix may edit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|` or `>`: the range covers the content lines only.
    Block,
}

/// What a scalar resolved to under YAML 1.2's core schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    Null,
    Bool,
    Int,
    Float,
    Str,
}

impl ScalarKind {
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool => "a boolean",
            Self::Int => "an integer",
            Self::Float => "a number",
            Self::Str => "a string",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar {
        kind: ScalarKind,
        value: String,
        style: ScalarStyle,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// For scalars the whole written value (quotes included); for
    /// collections the position where they start.
    pub range: TextRange,
}

impl Node {
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { kind, .. } => kind.describe(),
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(
            self.kind,
            NodeKind::Scalar {
                kind: ScalarKind::Null,
                ..
            }
        )
    }

    /// The scalar's text when it is a scalar other than null.
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { kind, value, .. } if *kind != ScalarKind::Null => Some(value),
            _ => None,
        }
    }

    /// How a scalar was written (`Plain` for collections).
    pub fn style(&self) -> ScalarStyle {
        match self.kind {
            NodeKind::Scalar { style, .. } => style,
            _ => ScalarStyle::Plain,
        }
    }
}

/// A YAML error: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub range: TextRange,
    pub message: String,
}

/// The parse of one document: the tree when there is one, and every error.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub root: Option<Node>,
    pub errors: Vec<YamlError>,
}

/// Limits that keep hostile input from taking unbounded time or memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_alias_events: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 256,
            max_alias_events: 100_000,
        }
    }
}

/// Parse one document into a span tree.
///
/// Most term files are plain block YAML: those are built straight from the
/// parser's event stream ([`events`]). Anything else — a syntax error, an
/// alias, a tag, a scalar that might be a number, several documents, input
/// near a limit — goes through serde-saphyr's own deserializer
/// ([`parse_reference`]), which also writes the error messages. Both give the
/// same tree for every document the event builder accepts; `tests` and the
/// `yaml_paths` fuzz target check that.
pub fn parse(text: &str, index: &LineIndex, limits: Limits) -> Parsed {
    parse_events_only(text, index, limits).unwrap_or_else(|| parse_reference(text, index, limits))
}

/// The event builder alone: `None` where [`parse`] would fall back to the
/// reference path. For the tests and the `yaml_paths` fuzz target, which
/// check it against [`parse_reference`].
pub fn parse_events_only(text: &str, index: &LineIndex, limits: Limits) -> Option<Parsed> {
    let mut errors = Vec::new();
    let root = events::build(text, index, limits, &mut errors)?;
    Some(Parsed {
        root: Some(root),
        errors,
    })
}

/// The parse through serde-saphyr's deserializer: the reference the event
/// builder must agree with, and the path for every unusual document.
pub fn parse_reference(text: &str, index: &LineIndex, limits: Limits) -> Parsed {
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options.strict_booleans = true;
    // `.nan`/`.inf` are valid YAML: a wrong-type diagnostic, not a parse failure.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    options.alias_limits.max_total_replayed_events = limits.max_alias_events;
    if let Some(budget) = options.budget.as_mut() {
        budget.max_depth = limits.max_depth;
    }
    let mut parsed = Parsed::default();
    match serde_saphyr::from_str_with_options::<Spanned<RawNode>>(text, options) {
        Ok(root) => {
            let mut converter = Converter {
                text,
                index,
                styles: events::scalar_styles(text, limits),
                next_style: 0,
                errors: &mut parsed.errors,
            };
            parsed.root = Some(converter.node(root));
        }
        Err(err) => {
            let range = err
                .location()
                .map_or(TextRange::empty(0), |loc| location_range(text, index, &loc));
            let message =
                limit_message(&error_message(&err), limits).unwrap_or_else(|| error_message(&err));
            let (range, message) = tab_hint(text, range, &message).unwrap_or((range, message));
            parsed.errors.push(YamlError { range, message });
        }
    }
    parsed
}

/// serde-saphyr's message without its position and code frame: the caller
/// renders those. (`without_snippet` gives "msg at line 2, column 4"; the
/// "line 2 column 4: msg" form is only a snippet's title.)
fn error_message(err: &serde_saphyr::Error) -> String {
    let full = err.without_snippet().to_string();
    let first = full.lines().next().unwrap_or_default();
    let message = first.strip_prefix("error: ").unwrap_or(first);
    let message = message
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(message);
    let message = message
        .split("; use from_str_multiple")
        .next()
        .unwrap_or(message);
    // "msg at line 2, column 4" → "msg"
    let message = match message.rfind(" at line ") {
        Some(at) if message[at..].contains(", column ") => &message[..at],
        _ => message,
    };
    message.trim().to_owned()
}

/// A parser error about a tab: the position of the tab itself (the parser
/// may point at the `>-` of the block the tab is in, on the line before) and
/// the hint to indent with spaces. Looks at the error's line and the two
/// after it, at their leading whitespace only.
fn tab_hint(text: &str, range: TextRange, message: &str) -> Option<(TextRange, String)> {
    if !message.to_ascii_lowercase().contains("tab") {
        return None;
    }
    let line_start = text
        .get(..range.start)?
        .rfind(['\n', '\r'])
        .map_or(0, |at| at + 1);
    let mut offset = line_start;
    for line in text.get(line_start..)?.split_inclusive('\n').take(3) {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            let at = offset + tab;
            let message =
                format!("{message}: indent with spaces (YAML does not allow tabs in indentation)");
            return Some((TextRange::new(at, at + 1), message));
        }
        offset += line.len();
    }
    None
}

/// A plain-language message for the limits that stop hostile input, in
/// place of the parser's internal counters.
fn limit_message(message: &str, limits: Limits) -> Option<String> {
    if message.starts_with("alias replay") || message.starts_with("alias expansion") {
        Some(format!(
            "aliases expand to more than {} values (an alias bomb?); gloss stops reading here",
            limits.max_alias_events
        ))
    } else if message == "recursion limit exceeded" || message.starts_with("budget breached: Depth")
    {
        Some(format!(
            "the YAML is nested too deeply (limit: {} levels); gloss stops reading here",
            limits.max_depth
        ))
    } else if let Some(breach) = message.strip_prefix("budget breached: ") {
        // `Nodes { nodes: 250001 }` → `nodes: 250001`
        let counts = breach
            .split_once(" { ")
            .map_or(breach, |(_, rest)| rest.trim_end_matches(" }"));
        Some(format!(
            "the YAML is too large or complex to read ({counts}, over the parser's budget); gloss stops reading here"
        ))
    } else {
        None
    }
}

fn location_range(text: &str, index: &LineIndex, loc: &Location) -> TextRange {
    let span = loc.span();
    if let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) {
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let end = start.saturating_add(usize::try_from(len).unwrap_or(0));
        if let Some(range) = byte_range(text, start, end) {
            return range;
        }
    }
    let line_col = LineCol {
        line: loc.line() as usize,
        column: loc.column() as usize,
    };
    if line_col.line == 0 {
        return TextRange::empty(0);
    }
    let start = index.offset_of_line_col(text, line_col);
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    TextRange::new(start, end)
}

struct Converter<'a> {
    text: &'a str,
    index: &'a LineIndex,
    /// Every scalar's range and style in document order, which is the
    /// order nodes are converted in: serde does not pass on how a scalar
    /// was written, the parser's events do. Matched by range through a
    /// cursor, since an empty scalar can share its range with the next one.
    styles: Vec<(TextRange, ScalarStyle)>,
    next_style: usize,
    errors: &'a mut Vec<YamlError>,
}

impl Converter<'_> {
    /// The style of the scalar at `range`. Nodes arrive in document order;
    /// one that does not (serde delivers merged `<<` entries after the
    /// mapping's own) is looked up by range. An alias's copy, or a merged
    /// entry, carries the alias's or the merge's range and reads as plain.
    fn style_at(&mut self, range: TextRange) -> ScalarStyle {
        let key = (range.start, range.end);
        while let Some(&(at, style)) = self.styles.get(self.next_style) {
            match (at.start, at.end).cmp(&key) {
                std::cmp::Ordering::Less => self.next_style += 1,
                std::cmp::Ordering::Equal => {
                    self.next_style += 1;
                    return style;
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        self.styles
            .binary_search_by_key(&key, |&(at, _)| (at.start, at.end))
            .map_or(ScalarStyle::Plain, |i| self.styles[i].1)
    }

    fn node(&mut self, raw: Spanned<RawNode>) -> Node {
        let range = location_range(self.text, self.index, &raw.referenced);
        let kind = match raw.value {
            RawNode::Scalar(kind, value) => {
                let style = self.style_at(range);
                NodeKind::Scalar { kind, value, style }
            }
            RawNode::Seq(items) => NodeKind::Seq(items.into_iter().map(|n| self.node(n)).collect()),
            RawNode::Map(entries) => {
                let mut out: Vec<(Node, Node)> = Vec::with_capacity(entries.len());
                let mut keys = Keys::default();
                for (key, value) in entries {
                    let key = self.node(key);
                    let value = self.node(value);
                    let entry = (key, value);
                    insert_entry(
                        &mut out,
                        &mut keys,
                        entry,
                        self.text,
                        self.index,
                        self.errors,
                    );
                }
                NodeKind::Map(out)
            }
        };
        finish(self.text, Node { kind, range })
    }
}

/// The scalar keys of one mapping by value, built once the mapping is large
/// enough that scanning it for each new key would cost (a hostile file can
/// have 100k keys in one mapping).
#[derive(Default)]
struct Keys {
    index: Option<std::collections::HashMap<(ScalarKind, String), usize>>,
}

/// Mappings up to this size are scanned for a repeated key.
const SCAN_KEYS: usize = 32;

/// Add a mapping entry; a repeated key is reported and the first one kept.
fn insert_entry(
    out: &mut Vec<(Node, Node)>,
    keys: &mut Keys,
    (key, value): (Node, Node),
    text: &str,
    index: &LineIndex,
    errors: &mut Vec<YamlError>,
) {
    let scalar = match &key.kind {
        NodeKind::Scalar { kind, value, .. } => Some((*kind, value)),
        _ => None,
    };
    let first = match scalar {
        Some((kind, name)) if out.len() >= SCAN_KEYS => {
            let map = keys.index.get_or_insert_with(|| {
                out.iter()
                    .enumerate()
                    .filter_map(|(i, (k, _))| match &k.kind {
                        NodeKind::Scalar { kind, value, .. } => Some(((*kind, value.clone()), i)),
                        _ => None,
                    })
                    .collect()
            });
            match map.entry((kind, name.clone())) {
                std::collections::hash_map::Entry::Occupied(seen) => Some(*seen.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(out.len());
                    None
                }
            }
        }
        _ => out.iter().position(|(k, _)| same_key(k, &key)),
    };
    if let Some(first) = first.and_then(|i| out.get(i)).map(|(k, _)| k) {
        let first_line = index.line_col(text, first.range.start).line;
        errors.push(YamlError {
            range: key.range,
            message: format!(
                "duplicate key `{}` (first on line {first_line}); the first one is used",
                key.scalar_text().unwrap_or("?")
            ),
        });
        return;
    }
    out.push((key, value));
}

/// Whether two mapping keys are the same key: equal values, however written.
fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (
            NodeKind::Scalar { kind, value, .. },
            NodeKind::Scalar {
                kind: other_kind,
                value: other_value,
                ..
            },
        ) => kind == other_kind && value == other_value,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_key(p, q))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| same_key(k1, k2) && same_key(v1, v2))
        }
        _ => false,
    }
}

/// A node's final range: a block scalar's span runs on to the next key's
/// indentation, so end it at its last non-blank character.
fn finish(text: &str, mut node: Node) -> Node {
    // Only a block scalar's span can end in whitespace; look no further for
    // the (many) others.
    let ends_blank = node.range.end > node.range.start
        && text
            .as_bytes()
            .get(node.range.end - 1)
            .is_some_and(u8::is_ascii_whitespace);
    if ends_blank && node.style() == ScalarStyle::Block {
        let content = text
            .get(node.range.start..node.range.end)
            .unwrap_or_default();
        node.range.end = node.range.start + content.trim_end().len();
    }
    node
}

/// A byte range from byte offsets the parser gave, when they are usable.
fn byte_range(text: &str, start: usize, end: usize) -> Option<TextRange> {
    let start = start.min(text.len());
    let end = end.max(start).min(text.len());
    (text.is_char_boundary(start) && text.is_char_boundary(end)).then(|| TextRange::new(start, end))
}

/// What serde-saphyr hands us, before ranges are resolved.
enum RawNode {
    Scalar(ScalarKind, String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<RawNode>, Spanned<RawNode>)>),
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Bool, v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Int, v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Int, v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Int, v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Int, v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Float, v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Str, v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Str, v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(
            ScalarKind::Str,
            String::from_utf8_lossy(v).into_owned(),
        ))
    }
    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Null, String::new()))
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Scalar(ScalarKind::Null, String::new()))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(RawNode::Map(entries))
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_or_a_tag_on_a_collection_takes_the_reference_path() {
        for text in [
            "a: &x [1, 2]\n",
            "a: &x {b: 1}\n",
            "a: !!seq [1]\n",
            "a: !custom {b: 1}\n",
        ] {
            let index = LineIndex::new(text);
            assert!(
                parse_events_only(text, &index, Limits::default()).is_none(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_document_over_the_node_budget_is_refused_whatever_the_path() {
        // 260,001 values: past the event builder's 100,000 nodes and
        // serde-saphyr's 250,000.
        let mut text = String::from("a: [");
        text.push_str(&"0,".repeat(260_000));
        text.push_str("0]\n");
        let parsed = parse(&text, &LineIndex::new(&text), Limits::default());
        let messages = errors_of(&parsed);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with("the YAML is too large or complex to read"),
            "{messages:?}"
        );
    }

    fn errors_of(parsed: &Parsed) -> Vec<&str> {
        parsed.errors.iter().map(|e| e.message.as_str()).collect()
    }

    #[test]
    fn complex_keys_are_duplicates_only_when_equal() {
        let dup = "? [a, b]\n: 1\n? [a, b]\n: 2\n? {k: v}\n: 3\n? {k: v}\n: 4\n";
        let parsed = parse_reference(dup, &LineIndex::new(dup), Limits::default());
        assert_eq!(
            errors_of(&parsed),
            vec![
                "duplicate key `?` (first on line 1); the first one is used",
                "duplicate key `?` (first on line 5); the first one is used",
            ]
        );
        for distinct in [
            "? [a, b]\n: 1\n? [a, c]\n: 2\n",
            "? [a]\n: 1\n? [a, a]\n: 2\n",
            "? {k: v}\n: 1\n? {k: w}\n: 2\n",
            "? {k: v}\n: 1\n? {j: v}\n: 2\n",
            "? {k: v}\n: 1\n? {k: v, j: v}\n: 2\n",
            "? [a]\n: 1\n? {a: ~}\n: 2\n",
        ] {
            let parsed = parse_reference(distinct, &LineIndex::new(distinct), Limits::default());
            assert_eq!(errors_of(&parsed), Vec::<&str>::new(), "{distinct:?}");
        }
    }

    #[test]
    fn a_collection_at_the_start_reads_on_the_reference_path() {
        let text = "- a\n- b\n";
        let parsed = parse_reference(text, &LineIndex::new(text), Limits::default());
        let Some(Node {
            kind: NodeKind::Seq(items),
            range,
        }) = parsed.root
        else {
            panic!("a list");
        };
        assert_eq!((range.start, items.len()), (0, 2));
    }

    #[test]
    fn byte_ranges_off_a_character_are_refused() {
        let text = "aé";
        assert_eq!(byte_range(text, 0, 3), Some(TextRange::new(0, 3)));
        assert_eq!(byte_range(text, 1, 3), Some(TextRange::new(1, 3)));
        assert_eq!(byte_range(text, 2, 3), None);
        assert_eq!(byte_range(text, 0, 2), None);
        assert_eq!(byte_range(text, 9, 1), Some(TextRange::new(3, 3)));
    }

    #[test]
    fn several_documents_take_the_reference_path() {
        for text in ["a: 1\n---\nb: 2\n", "%YAML 1.2\n---\na: 1\n"] {
            let index = LineIndex::new(text);
            assert!(
                parse_events_only(text, &index, Limits::default()).is_none(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_raised_depth_limit_is_the_event_builders_too() {
        let mut text = String::new();
        for depth in 0..300 {
            text.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
        }
        text.push_str(&format!("{}end\n", " ".repeat(300)));
        let limits = Limits {
            max_depth: 400,
            max_alias_events: Limits::default().max_alias_events,
        };
        let index = LineIndex::new(&text);
        assert!(parse_events_only(&text, &index, limits).is_some());
    }

    #[test]
    fn limits_are_named_in_plain_words() {
        let limits = Limits {
            max_depth: 7,
            max_alias_events: 99,
        };
        let alias = Some(
            "aliases expand to more than 99 values (an alias bomb?); gloss stops reading here"
                .to_owned(),
        );
        let depth = Some(
            "the YAML is nested too deeply (limit: 7 levels); gloss stops reading here".to_owned(),
        );
        for (message, expected) in [
            ("alias replay limit exceeded", &alias),
            ("alias expansion over budget", &alias),
            ("recursion limit exceeded", &depth),
            ("budget breached: Depth { depth: 8 }", &depth),
        ] {
            assert_eq!(&limit_message(message, limits), expected, "{message}");
        }
        assert_eq!(
            limit_message("budget breached: Nodes { nodes: 250001 }", limits).as_deref(),
            Some(
                "the YAML is too large or complex to read (nodes: 250001, over the parser's budget); gloss stops reading here"
            )
        );
        assert_eq!(limit_message("unclosed quote", limits), None);
    }

    #[test]
    fn a_limit_reached_reads_as_one() {
        let limits = Limits {
            max_depth: 4,
            ..Limits::default()
        };
        let text = "a: [[[[[[[[1]]]]]]]]\n";
        let parsed = parse_reference(text, &LineIndex::new(text), limits);
        let messages: Vec<&str> = parsed.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec!["the YAML is nested too deeply (limit: 4 levels); gloss stops reading here"]
        );
    }

    fn parse_str(text: &str) -> Parsed {
        parse(text, &LineIndex::new(text), Limits::default())
    }

    fn slice<'a>(text: &'a str, node: &Node) -> &'a str {
        &text[node.range.start..node.range.end]
    }

    #[test]
    fn ranges_cover_values() {
        let text = "term: Product Ops\naliases: [A, 'B c']\nn: 12\nyes: no\n";
        let parsed = parse_str(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let Some(Node {
            kind: NodeKind::Map(entries),
            ..
        }) = &parsed.root
        else {
            panic!("expected a mapping, got {:?}", parsed.root);
        };
        assert_eq!(slice(text, &entries[0].0), "term");
        assert_eq!(slice(text, &entries[0].1), "Product Ops");
        let NodeKind::Seq(aliases) = &entries[1].1.kind else {
            panic!("aliases")
        };
        assert_eq!(slice(text, &aliases[1]), "'B c'");
        assert_eq!(aliases[1].style(), ScalarStyle::SingleQuoted);
        // YAML 1.2: `n`, `yes` and `no` are strings, `12` is an integer.
        assert_eq!(entries[2].0.scalar_text(), Some("n"));
        assert!(matches!(
            entries[2].1.kind,
            NodeKind::Scalar {
                kind: ScalarKind::Int,
                ..
            }
        ));
        assert_eq!(entries[3].1.scalar_text(), Some("no"));
    }

    #[test]
    fn block_scalars_are_recognised() {
        let text = "a: >-\n  hello\n  world\nb: |\n  x\nc: plain\n";
        let parsed = parse_str(text);
        let Some(Node {
            kind: NodeKind::Map(entries),
            ..
        }) = &parsed.root
        else {
            panic!()
        };
        assert_eq!(entries[0].1.style(), ScalarStyle::Block);
        assert_eq!(entries[1].1.style(), ScalarStyle::Block);
        assert_eq!(entries[2].1.style(), ScalarStyle::Plain);
        assert_eq!(entries[0].1.scalar_text(), Some("hello world"));
    }

    #[test]
    fn errors_have_positions() {
        let text = "a: 1\nb: [1, 2\n";
        let parsed = parse_str(text);
        assert!(parsed.root.is_none());
        assert_eq!(parsed.errors.len(), 1);
        let index = LineIndex::new(text);
        let at = index.line_col(text, parsed.errors[0].range.start);
        assert_eq!((at.line, at.column), (2, 4), "{:?}", parsed.errors);
        assert!(
            !parsed.errors[0].message.contains("line 2"),
            "{}",
            parsed.errors[0].message
        );
    }

    #[test]
    fn duplicate_keys_keep_the_first() {
        let text = "term: a\nterm: b\n";
        let parsed = parse_str(text);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].range, TextRange::new(8, 12));
        let Some(Node {
            kind: NodeKind::Map(entries),
            ..
        }) = &parsed.root
        else {
            panic!()
        };
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].1.scalar_text(), Some("a"));
    }

    #[test]
    fn a_tab_in_indentation_is_pointed_at_with_a_hint() {
        for (text, tab_at) in [
            ("a:\n\tb: 1\n", 3),
            ("term: x\ndefinition: >-\n\tA tab.\n", 23),
        ] {
            let parsed = parse_str(text);
            assert_eq!(parsed.errors.len(), 1, "{text:?}");
            let error = &parsed.errors[0];
            assert_eq!(
                error.range,
                TextRange::new(tab_at, tab_at + 1),
                "{text:?}: {error:?}"
            );
            assert!(error.message.contains("indent with spaces"), "{error:?}");
        }
        // A tab inside a value, or after a block's indentation, is text.
        let parsed = parse_str("term: x\ndefinition: \"a\tb\"\ncontext: >-\n  \tA tab.\n");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    }

    #[test]
    fn tabs_and_several_documents_are_errors() {
        for text in ["a:\n\tb: 1\n", "a: 1\n---\nb: 2\n"] {
            let parsed = parse_str(text);
            assert_eq!(parsed.errors.len(), 1, "{text:?}");
            println!("{}", parsed.errors[0].message);
        }
    }
}
