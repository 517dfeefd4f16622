//! Which bytes of a document are prose: the only text the matcher reads.
//!
//! A Markdown doc is parsed with pulldown-cmark's offset iterator; its
//! prose is the text of paragraphs, headings, list items, quotes, table
//! cells and link texts. Never prose: link destinations and autolinks, raw
//! HTML (tags and attributes, and the text of inline `<a>` and code
//! elements), front matter (`---` YAML or `+++` TOML), heading attributes
//! (`{#id .class}`), images, and bare URLs and email addresses inside text.
//! A name may run across emphasis and line breaks, never into or out of a
//! link's text.
//! Inline code and code blocks are prose only with `[docs] match-in-code =
//! true`. A term file's prose is its text fields, less bare URLs.

use crate::line_index::TextRange;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// A stretch of prose. Consecutive ranges of one block (a paragraph split
/// by emphasis or a line break) join: a name may run across the markup
/// between them ("**Kubernetes** API"); a range that does not join starts
/// afresh, so no name spans two paragraphs or runs across excluded code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProseRange {
    pub range: TextRange,
    pub joins_previous: bool,
}

/// What counts as prose in a Markdown doc.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProseOptions {
    /// Inline code and code blocks are prose too (`[docs] match-in-code`).
    pub match_in_code: bool,
}

/// A link in a Markdown doc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    /// The whole link as written (`[text](dest)`).
    pub range: TextRange,
    /// Its text: from its first to its last character inside the brackets.
    pub text: TextRange,
    /// Its destination as Markdown reads it (a reference link's too).
    pub destination: String,
    /// Where the destination is written: in the link for an inline link
    /// (`[text](dest)`), in its definition (`[label]: dest`) for a
    /// reference link. `None` where it is written with escapes or entities.
    pub destination_range: Option<TextRange>,
    /// A reference link's definition (`[label]: dest "title"`), which
    /// every link with its label shares; `None` for an inline link.
    pub definition: Option<TextRange>,
}

/// A Markdown doc read once: its prose, its links and its headings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownDoc {
    pub prose: Vec<ProseRange>,
    /// Links (not autolinks, not images), in order.
    pub links: Vec<DocLink>,
    /// Every heading, in order (its whole line or underline).
    pub headings: Vec<TextRange>,
}

/// The prose of a Markdown doc, in order.
pub fn markdown(text: &str, options: ProseOptions) -> Vec<ProseRange> {
    markdown_doc(text, options).prose
}

/// Where an inline link's destination is written: after its `](`, as the
/// parser read it (a destination with escapes or entities is not found,
/// and gets `None`).
fn destination_range(
    text: &str,
    link: TextRange,
    text_end: usize,
    dest: &str,
) -> Option<TextRange> {
    if dest.is_empty() {
        return None;
    }
    let source = text.get(text_end..link.end)?;
    let open = source.find("](")?;
    written_destination(text, text_end + open + 2, link.end, dest)
}

/// Where `dest` is written after `after` (and before `end`): past the
/// blanks, inside `<…>` if so written, as the parser read it.
fn written_destination(text: &str, after: usize, end: usize, dest: &str) -> Option<TextRange> {
    let rest = text.get(after..end)?;
    let skipped = rest.len() - rest.trim_start().len();
    let mut start = after + skipped;
    if text[start..].starts_with('<') {
        start += 1;
    }
    text.get(start..end)?
        .starts_with(dest)
        .then(|| TextRange::new(start, start + dest.len()))
}

/// The end of a reference label that opens at `open` (a `[`) in `line`:
/// its first `]` after it not escaped (a label holds no other).
pub fn label_end(line: &str, open: usize) -> Option<usize> {
    line.as_bytes()
        .get(open..)?
        .windows(2)
        .position(|w| w[1] == b']' && w[0] != b'\\')
        .map(|i| open + i + 1)
}

/// Where a reference definition (`[label]: dest "title"`, at `def`)
/// writes its destination `dest`: after the label's `]:` and the space
/// after it, as the parser read it (with escapes or entities, `None`).
fn definition_destination(text: &str, def: TextRange, dest: &str) -> Option<TextRange> {
    if dest.is_empty() {
        return None;
    }
    let source = text.get(def.start..def.end)?;
    let close = label_end(source, 0)?;
    source.get(close + 1..)?.strip_prefix(':')?;
    written_destination(text, def.start + close + 2, def.end, dest)
}

/// The prose, links and headings of a Markdown doc, in one parse.
pub fn markdown_doc(text: &str, options: ProseOptions) -> MarkdownDoc {
    let parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST;
    let mut out: Vec<ProseRange> = Vec::new();
    let mut doc_links: Vec<DocLink> = Vec::new();
    let mut headings: Vec<TextRange> = Vec::new();
    // The link being read (an index into `doc_links`) and the extent of
    // its text so far.
    let mut open_link: Option<(usize, Option<TextRange>)> = None;
    // Depth inside things whose text is never prose (front matter,
    // autolinks, images), and inside code blocks.
    let mut hidden = 0usize;
    let mut in_code_block = false;
    let mut joins = false;
    // Depth inside raw inline HTML elements whose text is not prose
    // ([`html_element`]).
    let mut html_hidden = 0usize;
    // For each open link, whether it is an autolink (its text is a URL).
    let mut links: Vec<bool> = Vec::new();
    let mut events = Parser::new_ext(text, parser_options).into_offset_iter();
    // Not a `for` loop: a reference link asks the iterator for its
    // definition, which a `for` loop's borrow would forbid.
    #[allow(clippy::while_let_on_iterator)]
    while let Some((event, span)) = events.next() {
        let span = TextRange::new(span.start.min(text.len()), span.end.min(text.len()));
        if let Some((_, extent)) = &mut open_link
            && !matches!(event, Event::End(TagEnd::Link))
        {
            *extent = Some(match *extent {
                Some(e) => TextRange::new(e.start.min(span.start), e.end.max(span.end)),
                None => span,
            });
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {}
                Tag::Link {
                    link_type,
                    ref dest_url,
                    ref id,
                    ..
                } => {
                    let is_autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    links.push(is_autolink);
                    if !is_autolink && open_link.is_none() {
                        open_link = Some((doc_links.len(), None));
                        let is_reference = matches!(
                            link_type,
                            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
                        );
                        let definition = is_reference
                            .then(|| events.reference_definitions().get(id))
                            .flatten()
                            .map(|def| {
                                TextRange::new(
                                    def.span.start.min(text.len()),
                                    def.span.end.min(text.len()),
                                )
                            });
                        doc_links.push(DocLink {
                            range: span,
                            text: TextRange::new(span.start, span.start),
                            destination: dest_url.to_string(),
                            destination_range: definition
                                .and_then(|def| definition_destination(text, def, dest_url)),
                            definition,
                        });
                    }
                    if is_autolink {
                        hidden += 1;
                    }
                    // A name never runs into or out of a link's text.
                    joins = false;
                }
                Tag::Image { .. } | Tag::MetadataBlock(_) => {
                    hidden += 1;
                    joins = false;
                }
                Tag::CodeBlock(_) => {
                    in_code_block = true;
                    joins = false;
                }
                Tag::Heading { .. } => {
                    headings.push(span);
                    joins = false;
                }
                _ => joins = false,
            },
            Event::End(tag) => match tag {
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {}
                TagEnd::Link => {
                    if let Some((at, extent)) = open_link.take()
                        && let Some(link) = doc_links.get_mut(at)
                    {
                        let inner_start = (link.range.start + 1).min(link.range.end);
                        link.text = extent.unwrap_or(TextRange::new(inner_start, inner_start));
                        let text_end = link.text.end.max(inner_start);
                        if link.definition.is_none() {
                            link.destination_range =
                                destination_range(text, link.range, text_end, &link.destination);
                        }
                    }
                    if links.pop() == Some(true) {
                        hidden = hidden.saturating_sub(1);
                    }
                    joins = false;
                }
                TagEnd::Image | TagEnd::MetadataBlock(_) => {
                    hidden = hidden.saturating_sub(1);
                    joins = false;
                }
                TagEnd::CodeBlock => {
                    in_code_block = false;
                    joins = false;
                }
                _ => joins = false,
            },
            Event::Text(content) if hidden == 0 && html_hidden == 0 => {
                if in_code_block && !options.match_in_code {
                    continue;
                }
                let source = &text[span.start..span.end];
                if source != content.as_ref() {
                    // An escape or an entity (`\_`, `&amp;`): its source is
                    // markup; the text around it still joins.
                    continue;
                }
                push_plain(text, span, joins && !in_code_block, &mut out);
                joins = !in_code_block;
            }
            Event::Code(_) if hidden == 0 && html_hidden == 0 && options.match_in_code => {
                let inner = code_content(text, span);
                push_plain(text, inner, false, &mut out);
                joins = false;
            }
            Event::SoftBreak | Event::HardBreak => {}
            Event::InlineHtml(html) => {
                // The text of a raw `<a>` is a link's (no link goes inside
                // it), that of `<code>` and its kind is code: not prose.
                match html_element(&html) {
                    Some((true, _)) => html_hidden += 1,
                    Some((false, _)) => html_hidden = html_hidden.saturating_sub(1),
                    None => {}
                }
                joins = false;
            }
            // Inline code (when not prose), HTML, math, footnote marks:
            // no prose, and a name does not run across them.
            _ => joins = false,
        }
    }
    MarkdownDoc {
        prose: out,
        links: doc_links,
        headings,
    }
}

/// Raw inline HTML elements whose text is not prose: a link (`<a>`, which
/// cannot hold another) and code of every kind.
const HIDDEN_ELEMENTS: [&str; 7] = ["a", "code", "kbd", "samp", "pre", "script", "style"];

/// An inline HTML tag of a [`HIDDEN_ELEMENTS`] element: `(true, name)` for
/// an opening tag, `(false, name)` for a closing one; `None` for any other
/// HTML (a comment, a self-closing tag, another element).
fn html_element(html: &str) -> Option<(bool, &'static str)> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    if inner.ends_with('/') {
        return None;
    }
    let (open, inner) = match inner.strip_prefix('/') {
        Some(rest) => (false, rest),
        None => (true, inner),
    };
    let name_end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let (name, rest) = inner.split_at(name_end);
    // A name, then nothing or attributes after a space.
    if !(rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_whitespace())) {
        return None;
    }
    HIDDEN_ELEMENTS
        .iter()
        .find(|e| e.eq_ignore_ascii_case(name))
        .map(|&e| (open, e))
}

/// The inside of an inline code span: its backticks and one padding space
/// on each side left out.
fn code_content(text: &str, span: TextRange) -> TextRange {
    let slice = &text[span.start..span.end];
    let ticks = slice.len() - slice.trim_start_matches('`').len();
    let trailing = slice.len() - slice.trim_end_matches('`').len();
    let mut start = span.start + ticks;
    let mut end = span.end.saturating_sub(trailing).max(start);
    if end > start + 1 && text[start..].starts_with(' ') && text[..end].ends_with(' ') {
        start += 1;
        end -= 1;
    }
    TextRange::new(start, end)
}

/// The prose of a plain text field (a term file's definition, a FAQ): the
/// range less its bare URLs.
pub fn plain(text: &str, range: TextRange) -> Vec<ProseRange> {
    let mut out = Vec::new();
    let range = TextRange::new(range.start.min(text.len()), range.end.min(text.len()));
    if text.is_char_boundary(range.start) && text.is_char_boundary(range.end) {
        push_plain(text, range, false, &mut out);
    }
    out
}

/// `range` of `text` as prose, split around bare URLs (`https://…`,
/// `www.…`), which are never prose.
fn push_plain(text: &str, range: TextRange, joins: bool, out: &mut Vec<ProseRange>) {
    let mut from = range.start;
    let mut joins = joins;
    let mut excluded = urls(text, range);
    let emails = emails(text, range);
    if !emails.is_empty() {
        excluded.extend(emails);
        excluded.sort_by_key(|r| (r.start, r.end));
    }
    for url in excluded {
        if url.end <= from {
            continue;
        }
        let url = TextRange::new(url.start.max(from), url.end);
        if url.start > from {
            out.push(ProseRange {
                range: TextRange::new(from, url.start),
                joins_previous: joins,
            });
        }
        joins = false;
        from = url.end;
    }
    if range.end > from {
        out.push(ProseRange {
            range: TextRange::new(from, range.end),
            joins_previous: joins,
        });
    }
}

/// The bare email addresses inside `range` (`name@example.com`, as GitHub
/// links them): never prose, like URLs.
fn emails(text: &str, range: TextRange) -> Vec<TextRange> {
    let slice = &text[range.start..range.end];
    let bytes = slice.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_');
    let mut found: Vec<TextRange> = Vec::new();
    let mut from = 0;
    for (at, _) in slice.match_indices('@') {
        // An address ends before the next `@` (no domain holds one): the
        // local part is read back to the last one's end at most.
        let start = bytes
            .get(from..at)
            .unwrap_or_default()
            .iter()
            .rposition(|&b| !local(b))
            .map_or(from, |i| from + i + 1);
        let mut end = at
            + 1
            + bytes[at + 1..]
                .iter()
                .position(|&b| !domain(b))
                .unwrap_or(bytes.len() - at - 1);
        // A sentence's full stop is not the address's (the `@` stops this).
        while let Some(b'.' | b'-' | b'_') = bytes.get(end - 1) {
            end -= 1;
        }
        let host = &slice[at + 1..end];
        if start < at && host.contains('.') && !host.starts_with('.') {
            found.push(TextRange::new(range.start + start, range.start + end));
            from = end;
        }
    }
    found
}

fn is_url_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '`')
}

/// The bare URLs inside `range`: a scheme and `://` (or `www.` at a word
/// start) up to the next space, less trailing punctuation.
fn urls(text: &str, range: TextRange) -> Vec<TextRange> {
    let slice = &text[range.start..range.end];
    let mut found: Vec<TextRange> = Vec::new();
    let mut search = 0;
    // The first `://` and the first `www.` that may start a URL at or after
    // `search`: each is searched for again only once the scan has passed
    // it, so a range is read once by each searcher whatever its URLs.
    let mut scheme = next_scheme(slice, 0);
    let mut www = next_www(slice, 0);
    while search < slice.len() {
        if scheme.is_some_and(|s| s < search) {
            scheme = next_scheme(slice, search);
        }
        if www.is_some_and(|w| w < search) {
            www = next_www(slice, search);
        }
        let (start, after) = match (scheme, www) {
            (Some(s), Some(w)) if w < s => (w, w + 4),
            (Some(at), _) => (scheme_start(slice, at), at + 3),
            (None, Some(w)) => (w, w + 4),
            (None, None) => break,
        };
        let end = url_end(slice, after);
        if end > start {
            found.push(TextRange::new(range.start + start, range.start + end));
        }
        search = end.max(after);
    }
    found
}

/// Where a URL whose `://` is at `at` starts: at its scheme's first letter.
fn scheme_start(slice: &str, at: usize) -> usize {
    slice[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        .last()
        .map_or(at, |(i, _)| i)
}

/// Where a URL whose scheme or `www.` ends at `after` ends: at its first
/// character no URL holds, less a sentence's full stop or a closing
/// bracket.
fn url_end(slice: &str, after: usize) -> usize {
    let mut end = after
        + slice[after..]
            .char_indices()
            .find(|&(_, c)| !is_url_char(c))
            .map_or(slice.len() - after, |(i, _)| i);
    while end > after && slice[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', ']', '\'']) {
        end -= 1;
    }
    end
}

/// The first `://` in `slice` at or after `from`.
fn next_scheme(slice: &str, from: usize) -> Option<usize> {
    static SCHEME: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("://"));
    let rest = slice.as_bytes().get(from..)?;
    SCHEME.find(rest).map(|i| from + i)
}

/// The first `www.` in `slice` at or after `from` that starts a word (not
/// `awww.`, `x.www.`, `/www.`).
fn next_www(slice: &str, from: usize) -> Option<usize> {
    static WWW: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("www."));
    let rest = slice.as_bytes().get(from..)?;
    WWW.find_iter(rest).map(|i| from + i).find(|&i| {
        slice[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '.' | '/' | '-'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(text: &str, match_in_code: bool) -> Vec<&str> {
        markdown(text, ProseOptions { match_in_code })
            .iter()
            .map(|p| &text[p.range.start..p.range.end])
            .collect()
    }

    #[test]
    fn only_prose_is_prose() {
        let cases: &[(&str, &[&str])] = &[
            ("---\nreviewers:\n- pod\n---\nA Pod.\n", &["A Pod."]),
            ("+++\ntitle = \"Pod\"\n+++\nA Pod.\n", &["A Pod."]),
            (
                "See [the pod docs](/docs/pods/pod-lifecycle/) now.\n",
                &["See ", "the pod docs", " now."],
            ),
            ("Go to <https://example.com/pod>.\n", &["Go to ", "."]),
            // An autolink that no URL or email pattern would find.
            (
                "Call <tel:pod-line> or <irc:pod> now.\n",
                &["Call ", " or ", " now."],
            ),
            (
                "## Node controller {#authorization-node-controller}\n",
                &["Node controller"],
            ),
            (
                "A <span class=\"pod\">Pod</span> here.\n",
                &["A ", "Pod", " here."],
            ),
            ("<div title=\"pod\">\n\nNode\n\n</div>\n", &["Node"]),
            (
                "Use `--kubelet-flag` for a Pod.\n",
                &["Use ", " for a Pod."],
            ),
            ("```yaml\nkind: Pod\n```\nText.\n", &["Text."]),
            ("![a pod](pod.png) and a Pod\n", &[" and a Pod"]),
            (
                "Read https://k8s.io/pods/x, then a Pod.\n",
                &["Read ", ", then a Pod."],
            ),
            ("Or www.example.com/pod then.\n", &["Or ", " then."]),
            (
                "| Pod | Node |\n|---|---|\n| a | b |\n",
                &["Pod ", "Node ", "a ", "b "],
            ),
        ];
        for (text, expected) in cases {
            let got: Vec<&str> = prose_of(text, false)
                .into_iter()
                .map(|s| s.trim_end_matches('\n'))
                .collect();
            let want: Vec<&str> = expected.iter().map(|s| s.trim_end()).collect();
            let got: Vec<&str> = got.iter().map(|s| s.trim_end()).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn code_is_prose_when_asked() {
        assert_eq!(
            prose_of("Use `a Pod` here.\n", true),
            vec!["Use ", "a Pod", " here."]
        );
        assert_eq!(prose_of("```\nkind: Pod\n```\n", true), vec!["kind: Pod\n"]);
    }

    #[test]
    fn emphasis_joins_and_paragraphs_do_not() {
        let text = "**Kubernetes** API server\n\nNext para\n";
        let prose = markdown(text, ProseOptions::default());
        let joins: Vec<bool> = prose.iter().map(|p| p.joins_previous).collect();
        assert_eq!(joins, vec![false, true, false]);
        let text = "Product&nbsp;Manager and a\\_b\n";
        let prose = markdown(text, ProseOptions::default());
        assert!(prose.iter().skip(1).all(|p| p.joins_previous), "{prose:?}");
    }

    #[test]
    fn inline_link_destinations_are_found_where_written() {
        let cases: &[(&str, Option<&str>)] = &[
            ("See [a](pod.md).\n", Some("pod.md")),
            // Blanks after `](` are skipped.
            ("See [a](  pod.md).\n", Some("pod.md")),
            ("See [a](\n  pod.md).\n", Some("pod.md")),
            // Inside angle brackets, the destination starts after `<`.
            ("See [a](<the pod.md>).\n", Some("the pod.md")),
            // The indent of a text's continuation line is in no event: the
            // text ends before it, and `](` is looked for after it.
            ("See [a\n   ](pod.md).\n", Some("pod.md")),
            ("See [*a*\n  ](pod.md).\n", Some("pod.md")),
            // A destination written with an escape is not found.
            ("See [a](pod\\_x.md).\n", None),
            // A reference link's destination is where its definition
            // writes it, whichever way the link names it.
            ("See [a][r].\n\n[r]: pod.md\n", Some("pod.md")),
            (
                "See [r][].\n\n[R]:\n  <the pod.md> \"T\"\n",
                Some("the pod.md"),
            ),
            ("See [r].\n\n[r]:   pod.md 'T'\n", Some("pod.md")),
            ("See [x][a\\]b].\n\n[a\\]b]: pod.md\n", Some("pod.md")),
            ("See [a][r].\n\n[r]: pod\\_x.md\n", None),
        ];
        for (text, expected) in cases {
            let doc = markdown_doc(text, ProseOptions::default());
            assert_eq!(doc.links.len(), 1, "{text:?}");
            let got = doc.links[0].destination_range;
            let want = expected.map(|dest| {
                let start = text.rfind(dest).expect("the destination is in the text");
                TextRange::new(start, start + dest.len())
            });
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn reference_links_share_their_definition() {
        let text = "[a][r], [r] and [b](pod.md).\n\n[r]: pod.md \"T\"\n";
        let doc = markdown_doc(text, ProseOptions::default());
        let definitions: Vec<Option<&str>> = doc
            .links
            .iter()
            .map(|l| l.definition.map(|d| &text[d.start..d.end]))
            .collect();
        let def = "[r]: pod.md \"T\"";
        assert_eq!(definitions, [Some(def), Some(def), None]);
    }

    /// Each prose range with whether it joins the one before.
    fn joined(text: &str) -> Vec<(&str, bool)> {
        markdown(text, ProseOptions::default())
            .iter()
            .map(|p| (&text[p.range.start..p.range.end], p.joins_previous))
            .collect()
    }

    #[test]
    fn a_name_never_runs_into_or_out_of_a_link() {
        assert_eq!(
            joined("A [feature](https://example.com/f) toggle.\n"),
            vec![("A ", false), ("feature", false), (" toggle.", false)]
        );
        // Emphasis inside the link's text still joins.
        assert_eq!(
            joined("a [*feature* toggle](/x/) now\n"),
            vec![
                ("a ", false),
                ("feature", false),
                (" toggle", true),
                (" now", false)
            ]
        );
    }

    #[test]
    fn raw_links_and_code_in_html_are_not_prose() {
        assert_eq!(
            prose_of(
                "Go <a href=\"https://example.com\">the sprint</a>, press <KBD>x</KBD> or <code>y</code> in <b>bold</b><br/>.\n",
                false
            ),
            ["Go ", ", press ", " or ", " in ", "bold", "."]
        );
        // Nested, and a tag that only looks like one of them.
        assert_eq!(
            prose_of(
                "<a href=x>a <code>b</code> c</a> <abbr>d</abbr> <a\nhref=y>e</a> f\n",
                false
            ),
            [" ", "d", " ", " f"]
        );
        assert_eq!(html_element("<a href=\"x\">"), Some((true, "a")));
        assert_eq!(html_element("</Code>"), Some((false, "code")));
        assert_eq!(html_element("<a/>"), None);
        assert_eq!(html_element("<abbr>"), None);
        assert_eq!(html_element("<!-- a -->"), None);
        assert_eq!(html_element("a"), None);
    }

    #[test]
    fn bare_email_addresses_are_not_prose() {
        let cases: &[(&str, &[&str])] = &[
            ("Mail sprint@example.com today.", &["Mail ", " today."]),
            ("Write to a.b+c@x-y.example.org.", &["Write to ", "."]),
            // No dot after the `@`, or nothing before it: no address.
            (
                "at @handle and foo@bar, ok",
                &["at @handle and foo@bar, ok"],
            ),
            ("x@.y and x@y.z", &["x@.y and ", ""]),
            ("a@b.c@d.e and f@g.h,i@j.k", &["@d.e and ", ","]),
            ("é@ex.com and naïve@ex.com", &["é@ex.com and naï"]),
            // Inside a URL, once.
            ("see https://a.example/u@b.example/x now", &["see ", " now"]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = plain(text, TextRange::new(0, text.len()))
                .iter()
                .map(|p| &text[p.range.start..p.range.end])
                .collect();
            let want: Vec<&str> = want.iter().copied().filter(|w| !w.is_empty()).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn line_breaks_and_emphasis_inside_a_paragraph_join() {
        assert_eq!(
            joined("the Kubernetes\nAPI server\n"),
            vec![("the Kubernetes", false), ("API server", true)]
        );
        assert_eq!(
            joined("the Kubernetes  \nAPI server\n"),
            vec![("the Kubernetes", false), ("API server", true)]
        );
        assert_eq!(
            joined("the *Kubernetes* API\n"),
            vec![("the ", false), ("Kubernetes", true), (" API", true)]
        );
        assert_eq!(
            joined("the ~~Kubernetes~~ API\n"),
            vec![("the ", false), ("Kubernetes", true), (" API", true)]
        );
    }

    #[test]
    fn footnotes_strikethrough_and_task_lists_are_markup() {
        assert_eq!(
            joined("A Pod[^1] runs.\n\n[^1]: A note.\n"),
            vec![("A Pod", false), (" runs.", false), ("A note.", false)]
        );
        assert_eq!(
            joined("A ~~Pod~~ runs.\n"),
            vec![("A ", false), ("Pod", true), (" runs.", true)]
        );
        assert_eq!(
            joined("- [x] Pod\n- [ ] Node\n"),
            vec![("Pod", false), ("Node", false)]
        );
    }

    #[test]
    fn autolinks_are_neither_prose_nor_doc_links() {
        let text = "Mail <pod@example.com> or see <https://example.com/node>.\n";
        let doc = markdown_doc(text, ProseOptions::default());
        assert_eq!(doc.links, vec![]);
        assert_eq!(
            joined(text),
            vec![("Mail ", false), (" or see ", false), (".", false)]
        );
        // A link next to them is still read.
        let text = "<pod@example.com> and [a Pod](pod.md)\n";
        let doc = markdown_doc(text, ProseOptions::default());
        let dests: Vec<&str> = doc.links.iter().map(|l| l.destination.as_str()).collect();
        assert_eq!(dests, vec!["pod.md"]);
    }

    #[test]
    fn an_empty_link_text_is_empty_after_its_bracket() {
        let text = "See [](pod.md) and [a *Pod*](pod.md).\n";
        let doc = markdown_doc(text, ProseOptions::default());
        let texts: Vec<TextRange> = doc.links.iter().map(|l| l.text).collect();
        assert_eq!(texts, vec![TextRange::new(5, 5), TextRange::new(20, 27)]);
        let dests: Vec<Option<TextRange>> = doc.links.iter().map(|l| l.destination_range).collect();
        assert_eq!(
            dests,
            vec![Some(TextRange::new(7, 13)), Some(TextRange::new(29, 35))]
        );
    }

    #[test]
    fn code_spans_lose_their_backticks_and_one_padding_space() {
        let cases: &[(&str, &str)] = &[
            ("Use `a Pod` now.", "a Pod"),
            ("Use ``a `Pod` here`` now.", "a `Pod` here"),
            ("Use `` `Pod` `` now.", "`Pod`"),
            ("Use ` a Pod ` now.", "a Pod"),
            ("Use ` a Pod` now.", " a Pod"),
            ("Use `a Pod ` now.", "a Pod "),
            ("Use ` ` now.", " "),
        ];
        for (text, code) in cases {
            assert_eq!(
                prose_of(text, true),
                vec!["Use ", *code, " now."],
                "{text:?}"
            );
        }
    }

    fn plain_of(text: &str, start: usize) -> Vec<&str> {
        plain(text, TextRange::new(start, text.len()))
            .iter()
            .map(|p| &text[p.range.start..p.range.end])
            .collect()
    }

    #[test]
    fn bare_urls_run_from_their_scheme_or_www_to_a_space_less_punctuation() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Clone git+ssh://host/repo.git, then a Pod.",
                &["Clone ", ", then a Pod."],
            ),
            ("See (www.example.com/pod). A Pod.", &["See (", "). A Pod."]),
            (
                "A awww.pod, x.www.pod, x/www.pod and x-www.pod stay.",
                &["A awww.pod, x.www.pod, x/www.pod and x-www.pod stay."],
            ),
            (
                "See www.a.com or https://b.com/x now",
                &["See ", " or ", " now"],
            ),
            (
                "https://a.com and www.b.com, awww.c",
                &[" and ", ", awww.c"],
            ),
            ("Go to https://www.a.com/pod", &["Go to "]),
            (
                "Say \"https://a.com/p\" or `https://b.com` or <https://c.com>",
                &["Say \"", "\" or `", "` or <", ">"],
            ),
            ("x https://a.com/p?q=1! y", &["x ", "! y"]),
            ("Links: https://a.com/x']:;? y", &["Links: ", "']:;? y"]),
            // Punctuation is cut from what follows `www.`, not from `www.`.
            ("See www. now", &["See ", " now"]),
        ];
        for (text, expected) in cases {
            assert_eq!(plain_of(text, 0), *expected, "{text:?}");
        }
        // A range that starts inside the text: the URLs are found in it and
        // the prose is where it is in the text.
        let text = "title: A Pod, see https://a.com/pod. More www.b.com";
        assert_eq!(plain_of(text, 7), vec!["A Pod, see ", ". More "]);
        // At the start of the range, `www.` starts a word.
        assert_eq!(plain_of("xwww.a.com b", 1), vec![" b"]);
    }

    #[test]
    fn plain_text_fields_skip_urls() {
        let text = "A Pod, see https://example.com/pod. More.";
        let got: Vec<&str> = plain(text, TextRange::new(0, text.len()))
            .iter()
            .map(|p| &text[p.range.start..p.range.end])
            .collect();
        assert_eq!(got, vec!["A Pod, see ", ". More."]);
        assert!(plain(text, TextRange::new(0, 999)).len() == 2);
    }

    #[test]
    fn bare_urls_are_cut_where_they_start_anywhere_in_the_text() {
        assert_eq!(plain_of("See www.example.com now", 0), vec!["See ", " now"]);
        // After a URL with a scheme, the next search starts past it.
        assert_eq!(
            plain_of("A https://a.org/x b www.b.org c", 0),
            vec!["A ", " b ", " c"]
        );
        // `://` with no scheme before it, at the very start, is a URL too.
        assert_eq!(plain_of("://a.b c", 0), vec![" c"]);
    }

    /// [`urls`] as it was written first: both patterns searched for again
    /// from every URL's end (a range with many URLs was read once per URL).
    /// Where a URL starts and ends is shared; the search is what is held.
    fn urls_searched_from_each_end(text: &str, range: TextRange) -> Vec<TextRange> {
        let slice = &text[range.start..range.end];
        let mut found: Vec<TextRange> = Vec::new();
        let mut search = 0;
        while search < slice.len() {
            let rest = &slice[search..];
            let scheme = rest.find("://");
            let www = rest.match_indices("www.").map(|(i, _)| i).find(|&i| {
                slice[..search + i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '.' | '/' | '-'))
            });
            let (start, after) = match (scheme, www) {
                (Some(s), Some(w)) if w < s => (search + w, search + w + 4),
                (Some(s), _) => (scheme_start(slice, search + s), search + s + 3),
                (None, Some(w)) => (search + w, search + w + 4),
                (None, None) => break,
            };
            let end = url_end(slice, after);
            if end > start {
                found.push(TextRange::new(range.start + start, range.start + end));
            }
            search = end.max(after);
        }
        found
    }

    #[test]
    fn urls_found_once_per_range_are_those_found_from_each_end() {
        // Each searcher's next match is kept while the scan has not passed
        // it: a `www.` behind several `://`, and the other way round.
        let cases = [
            "https://a.com www.b.com https://c.com x www.d.com y",
            "www.a.com x https://b.com https://c.com www.d.com",
            "a://b www.c x://d www.e://f www.",
            "awww.x www.y xwww. www.www.z -www.q /www.r",
            "é www.b https://é.c ://",
        ];
        for text in cases {
            let range = TextRange::new(0, text.len());
            assert_eq!(
                urls(text, range),
                urls_searched_from_each_end(text, range),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn urls_are_found_as_by_a_search_from_each_end(
            text in "[w.:/a é(),-]{0,48}",
            cut in 0usize..8,
        ) {
            let start = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(0);
            let range = TextRange::new(start, text.len());
            proptest::prop_assert_eq!(urls(&text, range), urls_searched_from_each_end(&text, range));
        }
    }

    #[test]
    fn a_plain_range_off_a_character_boundary_is_no_prose() {
        // `é` is bytes 0..2: a range that starts or ends inside it is not
        // text, whichever end is the one off.
        let text = "é Pod";
        assert_eq!(plain(text, TextRange::new(1, text.len())), vec![]);
        assert_eq!(plain(text, TextRange::new(0, 1)), vec![]);
        assert_eq!(plain(text, TextRange::new(2, text.len())).len(), 1);
    }
}
