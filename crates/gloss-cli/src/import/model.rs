//! What every importer produces: entries (one per term) with their text as
//! blocks, the links they make to other terms, and report notes.

/// A block of a text field: a paragraph of prose (one line, whitespace
/// normalised) or preformatted code (its lines kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Prose(String),
    Code(String),
}

/// A text field: its blocks, in order.
pub type Text = Vec<Block>;

/// A reference from an entry to another term, resolved to a `related` slug
/// once every source is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A link destination (`../kanban/`, `/glossary/kanban.md`): matched by
    /// its last path segment against the imported pages' ids.
    Path(String),
    /// A term named by its name, alias or id (a shortcode's `term_id`, a
    /// Sphinx `:term:` role, a CSV `related` cell).
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faq {
    pub question: String,
    pub answer: Text,
}

/// One term read from a source.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Where it came from, as the report names it (a path, `path:line`).
    pub origin: String,
    pub term: String,
    pub aliases: Vec<String>,
    pub category: Option<String>,
    pub definition: Text,
    pub context: Text,
    pub faqs: Vec<Faq>,
    pub links: Vec<Target>,
    pub challenge: Option<String>,
    pub hint: Option<String>,
    /// Other ids links may name it by (a page's file stem or `slug` field).
    pub ids: Vec<String>,
    /// The slug of the directory that holds the page: a site-absolute link
    /// `/docs/glossary/kanban/` names it only when `glossary` is this.
    pub dir: Option<String>,
    /// What could not be mapped, for the report.
    pub notes: Vec<String>,
}

/// What one source gave: its entries, or why it could not be used.
#[derive(Debug, Default)]
pub struct SourceResult {
    pub entries: Vec<Entry>,
    /// Source-level notes (a row without a term, a skipped directive).
    pub notes: Vec<String>,
    /// Why the source (or part of it) is unusable: counted for exit 1.
    pub unusable: Vec<String>,
}

impl SourceResult {
    pub fn unusable(why: impl Into<String>) -> Self {
        Self {
            unusable: vec![why.into()],
            ..Self::default()
        }
    }
}

/// One line of prose: control characters and YAML line breaks become
/// spaces, runs of whitespace one space, trimmed.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if ch.is_whitespace()
            || ch.is_control()
            || matches!(ch, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
        {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(ch);
        }
    }
    out
}

/// Code kept line by line: tabs become four spaces, other control
/// characters are dropped, trailing whitespace and blank edge lines go, and
/// the common indentation is removed.
pub fn code_block(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let mut out = String::new();
            for ch in line.chars() {
                match ch {
                    '\t' => out.push_str("    "),
                    '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
                    c if c.is_control() || c == '\u{feff}' => {}
                    c => out.push(c),
                }
            }
            out.trim_end().to_owned()
        })
        .collect();
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut kept: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_default())
        .collect();
    while kept.first().is_some_and(|l| l.is_empty()) {
        kept.remove(0);
    }
    while kept.last().is_some_and(|l| l.is_empty()) {
        kept.pop();
    }
    kept.join("\n")
}

/// Push a prose paragraph when it has any text.
pub fn push_prose(text: &mut Text, paragraph: &str) {
    let line = one_line(paragraph);
    if !line.is_empty() {
        text.push(Block::Prose(line));
    }
}

/// A name written as a title: the file stem `kanban-board` → `Kanban board`.
pub fn title_from_stem(stem: &str) -> String {
    let spaced = one_line(&stem.replace(['-', '_'], " "));
    let mut chars = spaced.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The text of a field as one string (for suggestions and tests).
#[cfg(test)]
pub fn plain(text: &Text) -> String {
    text.iter()
        .map(|b| match b {
            Block::Prose(s) | Block::Code(s) => s.as_str(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
