//! `gloss import sphinx`: the `.. glossary::` directives of reStructuredText
//! files. A term line at the block's indentation starts an entry (several
//! stacked term lines: the first is the term, the others aliases); the
//! lines indented under it are the definition.

use super::model::{Block, Entry, SourceResult, Target, Text, code_block, one_line};

pub fn import(origin: &str, text: &str) -> SourceResult {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return SourceResult::unusable("the file is empty");
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut result = SourceResult::default();
    let mut i = 0;
    let mut n_blocks = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim_start().starts_with(".. glossary::") {
            n_blocks += 1;
            let directive_indent = indent(line);
            let mut end = i + 1;
            while end < lines.len()
                && (lines[end].trim().is_empty() || indent(lines[end]) > directive_indent)
            {
                end += 1;
            }
            glossary_block(origin, &lines, i + 1, end, &mut result);
            i = end;
        } else {
            i += 1;
        }
    }
    if n_blocks == 0 {
        result
            .unusable
            .push("no `.. glossary::` directive".to_owned());
    }
    result
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// One directive's content, lines `start..end`.
fn glossary_block(
    origin: &str,
    lines: &[&str],
    start: usize,
    end: usize,
    result: &mut SourceResult,
) {
    // Options (`:sorted:`) come first.
    let mut i = start;
    while i < end
        && (lines[i].trim().is_empty()
            || lines[i].trim_start().starts_with(':') && lines[i].trim_end().ends_with(':'))
    {
        i += 1;
    }
    let Some(base) = (i..end)
        .find(|&k| !lines[k].trim().is_empty())
        .map(|k| indent(lines[k]))
    else {
        return;
    };
    while i < end {
        let line = lines[i];
        if line.trim().is_empty() || indent(line) != base {
            i += 1;
            continue;
        }
        if line.trim_start().starts_with("..") {
            // A comment or `.. index::` between entries.
            i += 1;
            continue;
        }
        let first_line = i;
        let mut names = Vec::new();
        while i < end && !lines[i].trim().is_empty() && indent(lines[i]) == base {
            let raw = lines[i].trim();
            // `term : classifier`
            let raw = raw.split_once(" : ").map_or(raw, |(t, _)| t);
            let mut links = Vec::new();
            names.push(one_line(&inline(raw, &mut links)));
            i += 1;
        }
        let body_start = i;
        while i < end && (lines[i].trim().is_empty() || indent(lines[i]) > base) {
            i += 1;
        }
        let mut entry = Entry {
            origin: format!("{origin}:{}", first_line + 1),
            term: names.first().cloned().unwrap_or_default(),
            aliases: names
                .iter()
                .skip(1)
                .filter(|n| !n.is_empty())
                .cloned()
                .collect(),
            ..Entry::default()
        };
        let mut blocks = definition(&lines[body_start..i], &mut entry.links, &mut entry.notes);
        if blocks.is_empty() {
            entry
                .notes
                .push("no definition: nothing is indented under the term".to_owned());
        } else {
            let at = blocks
                .iter()
                .position(|b| matches!(b, Block::Prose(_)))
                .unwrap_or(0);
            entry.definition = vec![blocks.remove(at)];
            entry.context = blocks;
        }
        entry
            .notes
            .push("no FAQs: a Sphinx glossary entry has none".to_owned());
        result.entries.push(entry);
    }
}

/// The definition's paragraphs: prose, bullet items (one paragraph each),
/// literal blocks after `::` and `.. code-block::` as code; `.. index::`
/// and comments dropped; other directives keep their text.
fn definition(lines: &[&str], links: &mut Vec<Target>, notes: &mut Vec<String>) -> Text {
    let min = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent(l))
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.get(min..).unwrap_or_default())
        .collect();
    // Paragraphs: runs of non-blank lines, with the first line's indent.
    let mut paragraphs: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines.iter().chain(std::iter::once(&"")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push((indent(current[0]), std::mem::take(&mut current)));
            }
        } else {
            current.push(line);
        }
    }
    let mut text = Text::new();
    // Set after a paragraph ending in `::` (or a code directive): more
    // indented paragraphs are its literal block.
    let mut literal_over: Option<usize> = None;
    let mut skip_over: Option<usize> = None;
    for (par_indent, par) in paragraphs {
        if let Some(over) = literal_over {
            if par_indent > over {
                let code = code_block(&par.join("\n"));
                match text.last_mut() {
                    Some(Block::Code(previous)) if previous_is_open(previous) => {
                        previous.push_str("\n\n");
                        previous.push_str(&code);
                    }
                    _ => text.push(Block::Code(code + "\n")),
                }
                continue;
            }
            literal_over = None;
        }
        close_code(&mut text);
        if let Some(over) = skip_over {
            if par_indent > over {
                continue;
            }
            skip_over = None;
        }
        let first = par[0].trim_start();
        if let Some(rest) = first.strip_prefix(".. ") {
            let (name, args) = rest.split_once("::").unwrap_or(("", rest));
            let name = name.trim().to_ascii_lowercase();
            match name.as_str() {
                "code-block" | "code" | "sourcecode" | "doctest" => {
                    literal_over = Some(par_indent);
                    let body: Vec<&str> = par[1..].to_vec();
                    if !body.is_empty() {
                        text.push(Block::Code(code_block(&body.join("\n")) + "\n"));
                    }
                }
                // A comment, an index entry or a substitution: nothing to read.
                "" | "index" | "only" => skip_over = Some(par_indent),
                other => {
                    let mut words = vec![args.trim().to_owned()];
                    words.extend(par[1..].iter().map(|l| l.trim().to_owned()));
                    let body = inline(&words.join(" "), links);
                    let label = match other {
                        "seealso" => "See also".to_owned(),
                        "versionadded" => "New in version".to_owned(),
                        "versionchanged" => "Changed in version".to_owned(),
                        "deprecated" => "Deprecated since version".to_owned(),
                        other => capitalized(other),
                    };
                    let body = one_line(&body);
                    if body.is_empty() {
                        notes.push(format!("directive `{other}` without text: not imported"));
                    } else {
                        text.push(Block::Prose(format!("{label}: {body}")));
                    }
                    skip_over = None;
                }
            }
            continue;
        }
        // Bullet items: one paragraph each.
        let bullet = |l: &str| {
            let t = l.trim_start();
            (t.starts_with("* ") || t.starts_with("- ")) && indent(l) == par_indent
        };
        let mut items: Vec<String> = Vec::new();
        for line in &par {
            if bullet(line) || items.is_empty() {
                items.push((*line).trim().to_owned());
            } else if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
        }
        for item in items {
            let item = item
                .strip_prefix("* ")
                .map_or(item.clone(), |rest| format!("- {rest}"));
            let (item, opens_literal) = literal_marker(&item);
            let prose = one_line(&inline(&item, links));
            if !prose.is_empty() {
                text.push(Block::Prose(prose));
            }
            if opens_literal {
                literal_over = Some(par_indent);
            }
        }
    }
    close_code(&mut text);
    text
}

/// A code block still open for more literal paragraphs ends with `\n`.
fn previous_is_open(code: &str) -> bool {
    code.ends_with('\n')
}

fn close_code(text: &mut Text) {
    if let Some(Block::Code(code)) = text.last_mut() {
        while code.ends_with('\n') {
            code.pop();
        }
    }
}

/// `text::` → (`text:`, true); `text ::` and a lone `::` → (`text`, true).
fn literal_marker(text: &str) -> (String, bool) {
    let trimmed = text.trim_end();
    match trimmed.strip_suffix("::") {
        Some(rest) if rest.is_empty() || rest.ends_with(char::is_whitespace) => {
            (rest.trim_end().to_owned(), true)
        }
        Some(rest) => (format!("{rest}:"), true),
        None => (trimmed.to_owned(), false),
    }
}

fn capitalized(word: &str) -> String {
    let word = word.replace('-', " ");
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Inline markup as plain text: ``` ``literal`` ```, roles
/// (``:term:`text <target>` `` → `text`, and the target into `links`;
/// ``:pep:`8` `` → `PEP 8`; ``:func:`~a.b` `` → `b`), hyperlinks
/// (`` `text <url>`_ `` → `text`), emphasis and backslash escapes.
pub fn inline(text: &str, links: &mut Vec<Target>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("``")
            && let Some(end) = after.find("``")
        {
            out.push_str(&after[..end]);
            rest = &after[end + 2..];
            continue;
        }
        if ch == ':'
            && let Some((role, content, len)) = role_at(rest)
        {
            out.push_str(&role_text(&role, &content, links));
            rest = &rest[len..];
            continue;
        }
        if ch == '`'
            && let Some(end) = rest[1..].find('`')
        {
            let content = &rest[1..=end];
            let mut len = end + 2;
            // `text <url>`_ and `text`__
            while rest[len..].starts_with('_') {
                len += 1;
            }
            out.push_str(&split_target(content).0);
            rest = &rest[len..];
            continue;
        }
        if ch == '\\' {
            let mut chars = rest[1..].chars();
            match chars.next() {
                // `\ ` joins: `:term:`statement`\s` → `statements`.
                Some(' ') => rest = &rest[2..],
                Some(c) => {
                    out.push(c);
                    rest = &rest[1 + c.len_utf8()..];
                }
                None => rest = "",
            }
            continue;
        }
        if ch == '*' {
            let stars = if rest.starts_with("**") { 2 } else { 1 };
            let marker = &rest[..stars];
            let inner = &rest[stars..];
            if inner.starts_with(|c: char| !c.is_whitespace() && c != '*')
                && let Some(end) = inner.find(marker)
                && end > 0
                && !inner[..end].ends_with(char::is_whitespace)
            {
                out.push_str(&inner[..end]);
                rest = &inner[end + stars..];
                continue;
            }
        }
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

/// `:role:`content`` at the start of `text`: (role, content, bytes).
fn role_at(text: &str) -> Option<(String, String, usize)> {
    let after = &text[1..];
    let name_len = after.find(':')?;
    let name = &after[..name_len];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.+".contains(c))
    {
        return None;
    }
    let tail = after[name_len + 1..].strip_prefix('`')?;
    let end = tail.find('`')?;
    let len = 1 + name_len + 1 + 1 + end + 1;
    Some((name.to_ascii_lowercase(), tail[..end].to_owned(), len))
}

/// `text <target>` → (`text`, `target`); `target` → (`target`, `target`).
fn split_target(content: &str) -> (String, String) {
    let content = content.trim();
    if content.ends_with('>')
        && let Some(open) = content.rfind('<')
        && open > 0
    {
        let text = content[..open].trim().to_owned();
        let target = content[open + 1..content.len() - 1].trim().to_owned();
        return (text, target);
    }
    (content.to_owned(), content.to_owned())
}

fn role_text(role: &str, content: &str, links: &mut Vec<Target>) -> String {
    let (text, target) = split_target(content);
    match role {
        "term" => {
            links.push(Target::Name(target));
            text
        }
        "pep" => format!("PEP {text}"),
        "rfc" => format!("RFC {text}"),
        _ => match text.strip_prefix('~') {
            // `~a.b.c` shows its last component.
            Some(path) => path.rsplit('.').next().unwrap_or(path).to_owned(),
            None => text.strip_prefix('!').unwrap_or(&text).to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::plain;

    #[test]
    fn inline_markup_is_plain_text() {
        let cases = [
            (
                "a :term:`duck-typing` b",
                "a duck-typing b",
                Some("duck-typing"),
            ),
            (
                "the :term:`objects <object>` are",
                "the objects are",
                Some("object"),
            ),
            (":term:`statement`\\s", "statements", Some("statement")),
            (
                "see :pep:`343` and ``x = 1``",
                "see PEP 343 and x = 1",
                None,
            ),
            (":func:`~os.path.join`", "join", None),
            (
                "`python.org <https://python.org>`_ *o.a* **b**",
                "python.org o.a b",
                None,
            ),
            ("``*`` accepts", "* accepts", None),
        ];
        for (input, want, link) in cases {
            let mut links = Vec::new();
            assert_eq!(inline(input, &mut links), want, "{input}");
            assert_eq!(
                links.first(),
                link.map(|l| Target::Name(l.into())).as_ref(),
                "{input}"
            );
        }
    }

    #[test]
    fn entries_with_aliases_and_literal_blocks() {
        let text = "Intro\n\n.. glossary::\n   :sorted:\n\n   GIL\n   global interpreter lock\n      The lock of :term:`CPython`.\n\n      Example::\n\n         >>> x\n\n      .. index:: single: x\n\n   Empty\n\n   coroutine\n      A function.\n";
        let result = import("g.rst", text);
        assert_eq!(result.entries.len(), 3);
        let gil = &result.entries[0];
        assert_eq!(
            (gil.term.as_str(), gil.aliases.as_slice()),
            ("GIL", &["global interpreter lock".to_owned()][..])
        );
        assert_eq!(plain(&gil.definition), "The lock of CPython.");
        assert_eq!(
            gil.context,
            [Block::Prose("Example:".into()), Block::Code(">>> x".into())]
        );
        assert_eq!(gil.links, [Target::Name("CPython".into())]);
        assert_eq!(gil.origin, "g.rst:6");
        assert!(result.entries[1].definition.is_empty());
        assert!(import("x.rst", "no glossary\n").unusable.len() == 1);
    }
}
