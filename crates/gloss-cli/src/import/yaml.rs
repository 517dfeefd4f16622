//! Writing an imported entry as a term file: the key order of
//! docs/format.md, block scalars for every text field, plain scalars only
//! where YAML reads them back unchanged.

use super::model::{Block, Text};
use std::fmt::Write as _;

/// Lines of a block scalar are wrapped at this many columns (indentation
/// included) where a space allows.
const WIDTH: usize = 80;

/// The comment after a challenge word the importer chose.
pub const SUGGESTED: &str = "# gloss import: suggested, review";

/// A term file, ready to write: every value already resolved.
#[derive(Debug, Clone, Default)]
pub struct TermOut {
    pub origin: String,
    pub term: String,
    pub aliases: Vec<String>,
    pub category: Option<String>,
    pub definition: Text,
    pub context: Text,
    pub faqs: Vec<(String, Text)>,
    pub related: Vec<String>,
    /// The word, and whether the importer suggested it.
    pub challenge: Option<(String, bool)>,
    pub hint: Option<String>,
}

/// The file's bytes. The same entry always gives the same bytes.
pub fn render(term: &TermOut) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# gloss import: from {}",
        one_line_comment(&term.origin)
    );
    let _ = writeln!(out, "term: {}", scalar(&term.term, false));
    if !term.aliases.is_empty() {
        let _ = writeln!(out, "aliases: {}", flow_list(&term.aliases));
    }
    if let Some(category) = &term.category {
        let _ = writeln!(out, "category: {}", scalar(category, false));
    }
    block_field(&mut out, "definition", &term.definition, 0);
    if !term.context.is_empty() {
        block_field(&mut out, "context", &term.context, 0);
    }
    // No FAQs: no key (lint reports it missing, once).
    if !term.faqs.is_empty() {
        out.push_str("faqs:\n");
        for (question, answer) in &term.faqs {
            let _ = writeln!(out, "  - question: {}", scalar(question, false));
            block_field(&mut out, "answer", answer, 4);
        }
    }
    if !term.related.is_empty() {
        let _ = writeln!(out, "related: {}", flow_list(&term.related));
    }
    if let Some((word, suggested)) = &term.challenge {
        out.push_str("challenge:\n");
        let _ = write!(out, "  word: {}", scalar(word, false));
        if *suggested {
            let _ = write!(out, "  {SUGGESTED}");
        }
        out.push('\n');
        if let Some(hint) = &term.hint {
            let _ = writeln!(out, "  hint: {}", scalar(hint, false));
        }
    }
    out
}

fn one_line_comment(text: &str) -> String {
    super::model::one_line(text)
}

/// `[a, b]`, each item plain when safe inside a flow sequence.
fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
    format!("[{}]", items.join(", "))
}

/// A one-line scalar: plain when YAML reads it back unchanged (in a flow
/// sequence also without `,[]{}`), else double-quoted.
pub fn scalar(value: &str, in_flow: bool) -> String {
    let flow_unsafe = in_flow && value.contains([',', '[', ']', '{', '}']);
    let plain = crate::new::yaml_scalar(value);
    if flow_unsafe && !plain.starts_with('"') {
        serde_json::Value::String(value.to_owned()).to_string()
    } else {
        plain
    }
}

/// `key: >-` (prose only) or `key: |-` (when any block is code), the text
/// indented by `indent + 2`. Prose is wrapped; blocks are separated by a
/// blank line. An empty text is `""`.
fn block_field(out: &mut String, key: &str, text: &Text, indent: usize) {
    let pad = " ".repeat(indent);
    if text.is_empty() {
        let _ = writeln!(out, "{pad}{key}: \"\"");
        return;
    }
    let literal = text.iter().any(|b| matches!(b, Block::Code(_)));
    let content_pad = " ".repeat(indent + 2);
    let mut lines: Vec<String> = Vec::new();
    for (i, block) in text.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        match block {
            Block::Prose(p) => lines.extend(wrap(p, WIDTH.saturating_sub(indent + 2))),
            Block::Code(c) => lines.extend(c.lines().map(str::to_owned)),
        }
    }
    // A first line that starts with a space needs an explicit indentation
    // indicator, or YAML would take its indentation for the block's.
    let indicator = if lines.first().is_some_and(|l| l.starts_with(' ')) {
        "2"
    } else {
        ""
    };
    let style = if literal { '|' } else { '>' };
    let _ = writeln!(out, "{pad}{key}: {style}{indicator}-");
    for line in lines {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{content_pad}{line}");
        }
    }
}

/// Greedy wrapping at spaces; a word longer than the width keeps its line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(20);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_files_parse_back_to_the_same_values() {
        let term = TermOut {
            origin: "pages/kanban.md".into(),
            term: "Kanban".into(),
            aliases: vec!["Kanban board".into(), "a, b".into(), "Yes".into()],
            category: Some("practice".into()),
            definition: vec![Block::Prose(
                "Kanban is a method: # not a comment. "
                    .repeat(6)
                    .trim()
                    .into(),
            )],
            context: vec![
                Block::Prose("First.".into()),
                Block::Code("  indented first\nx = 1".into()),
            ],
            faqs: vec![(
                "What is Kanban?".into(),
                vec![Block::Prose("A method.".into())],
            )],
            related: vec!["wip".into()],
            challenge: Some(("BOARD".into(), true)),
            hint: None,
        };
        let text = render(&term);
        let file = gloss_core::TermFile::from_text("kanban.yaml", text.clone());
        assert!(
            file.parsed.diagnostics.is_empty(),
            "{:?}\n{text}",
            file.parsed.diagnostics
        );
        let parsed = file.term();
        let value = |s: &Option<gloss_core::term::Text>| {
            s.as_ref().map(|v| v.value.clone()).unwrap_or_default()
        };
        assert_eq!(value(&parsed.term), "Kanban");
        let aliases: Vec<_> = parsed.aliases.iter().map(|a| a.value.clone()).collect();
        assert_eq!(aliases, ["Kanban board", "a, b", "Yes"]);
        assert_eq!(
            value(&parsed.definition),
            "Kanban is a method: # not a comment. ".repeat(6).trim()
        );
        assert_eq!(value(&parsed.context), "First.\n\n  indented first\nx = 1");
        assert!(text.contains("word: BOARD  # gloss import: suggested, review"));
    }

    #[test]
    fn wrapping_keeps_long_words_whole() {
        assert_eq!(wrap("a bb ccc", 20), ["a bb ccc"]);
        let long = "x".repeat(30);
        assert_eq!(wrap(&format!("a {long} b"), 20), ["a", long.as_str(), "b"]);
    }
}
