//! `gloss import markdown`: a page with YAML (`---`) or TOML (`+++`) front
//! matter and a Markdown body (Hugo, Jekyll, Docusaurus, MkDocs, MDN).

use super::faq::{self, Section};
use super::map::{FieldMap, Key, loose};
use super::model::{
    Block, Entry, Faq, SourceResult, Target, Text, code_block, one_line, push_prose,
    title_from_stem,
};
use super::shortcode::{self, Literal, TERM_SCHEME};
use gloss_core::LineIndex;
use gloss_core::yaml::{self, Limits, Node, NodeKind};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A front-matter value as the importer reads it.
#[derive(Debug, Clone)]
enum Value {
    Str(String),
    List(Vec<String>),
    Other,
}

type FrontMatter = Vec<(String, Value)>;

const TITLE: &[&str] = &["title", "term", "name"];
const ALIASES: &[&str] = &["aka", "aliases", "synonyms", "alias"];
const CATEGORY: &[&str] = &["category", "categories", "tags"];
const DEFINITION: &[&str] = &["description", "short description", "summary"];
const RELATED: &[&str] = &["related"];
const IDS: &[&str] = &["slug", "id", "term id"];

/// Where a page is: how the report names it, its file stem and the slug of
/// the directory holding it (for `index.md`, of its directory's parent).
pub struct Page<'a> {
    pub origin: &'a str,
    pub stem: &'a str,
    pub dir: Option<String>,
}

pub fn import(page: &Page<'_>, text: &str, map: &FieldMap) -> SourceResult {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return SourceResult::unusable("the file is empty");
    }
    let mut entry = Entry {
        origin: page.origin.to_owned(),
        dir: page.dir.clone(),
        ids: vec![page.stem.to_owned()],
        ..Entry::default()
    };
    let (front, body) = split_front_matter(text, &mut entry.notes);
    let get = |key: Key, defaults: &[&str]| -> Option<&Value> {
        map.fields(key, defaults).iter().find_map(|field| {
            let want = loose(field);
            front.iter().find(|(k, _)| loose(k) == want).map(|(_, v)| v)
        })
    };
    let first = |value: Option<&Value>| -> Option<String> {
        match value? {
            Value::Str(s) => Some(one_line(s)),
            Value::List(items) => items.first().map(|s| one_line(s)),
            Value::Other => None,
        }
        .filter(|s| !s.is_empty())
    };
    let all = |value: Option<&Value>| -> Vec<String> {
        match value {
            Some(Value::Str(s)) => s
                .split([',', ';'])
                .map(one_line)
                .filter(|s| !s.is_empty())
                .collect(),
            Some(Value::List(items)) => items
                .iter()
                .map(|s| one_line(s))
                .filter(|s| !s.is_empty())
                .collect(),
            _ => Vec::new(),
        }
    };
    let title = first(get(Key::Term, TITLE));
    entry.aliases = all(get(Key::Aliases, ALIASES));
    entry.category = first(get(Key::Category, CATEGORY));
    let description = first(get(Key::Definition, DEFINITION));
    entry.challenge = first(get(Key::Challenge, &["challenge", "challenge word"]));
    entry.hint = first(get(Key::Hint, &["hint", "challenge hint"]));
    entry.links.extend(
        all(get(Key::Related, RELATED))
            .into_iter()
            .map(Target::Name),
    );
    for id in IDS {
        if let Some(id) = front
            .iter()
            .find(|(k, _)| loose(k) == *id)
            .and_then(|(_, v)| first(Some(v)))
        {
            // `slug: Glossary/Abstraction` (MDN): the last segment.
            let last = id
                .rsplit('/')
                .find(|s| !s.is_empty())
                .unwrap_or(&id)
                .to_owned();
            entry.ids.push(last);
        }
    }

    let replaced = shortcode::replace(body);
    let mut read = read_body(&replaced.text, &replaced.literals);
    entry.links.append(&mut read.links);
    entry.notes.append(&mut read.notes);
    let mut blocks = read.blocks.into_iter().peekable();
    // A leading `#` heading is the title (or repeats it).
    let mut h1 = None;
    if let Some(Part::Heading(1, _)) = blocks.peek()
        && let Some(Part::Heading(_, text)) = blocks.next()
    {
        h1 = Some(text);
    }
    entry.term = match (title, h1, front.is_empty()) {
        (Some(title), _, _) => title,
        (None, Some(h1), no_front) => {
            entry.notes.push(if no_front {
                "no front matter: the title is the first `#` heading".to_owned()
            } else {
                "no title in the front matter: the title is the first `#` heading".to_owned()
            });
            h1
        }
        (None, None, _) => {
            entry.notes.push(if front.is_empty() {
                "no front matter and no `#` heading: the title is the file name".to_owned()
            } else {
                "no title in the front matter and no `#` heading: the title is the file name"
                    .to_owned()
            });
            title_from_stem(page.stem)
        }
    };
    // Before the first heading: the definition and the context.
    let mut intro: Vec<Block> = Vec::new();
    while let Some(part) = blocks.next_if(|p| !matches!(p, Part::Heading(..))) {
        if let Part::Block(block) = part {
            intro.push(block);
        }
    }
    if let Some(description) = description {
        entry.definition = vec![Block::Prose(description)];
        entry.context = intro;
    } else {
        let at = intro.iter().position(|b| matches!(b, Block::Prose(_)));
        match at {
            Some(at) => {
                let definition = intro.remove(at);
                entry.definition = vec![definition];
                entry.context = intro;
            }
            None => {
                entry.notes.push(
                    "no definition: no description field and no paragraph before the first heading"
                        .to_owned(),
                );
                entry.context = intro;
            }
        }
    }
    // Sections: `##` (and `#`) headings start one; deeper ones belong to it.
    let mut sections: Vec<(String, Text)> = Vec::new();
    for part in blocks {
        match part {
            Part::Heading(level, text) if level <= 2 || sections.is_empty() => {
                sections.push((text, Vec::new()));
            }
            Part::Heading(_, text) => {
                if let Some((_, body)) = sections.last_mut() {
                    push_prose(body, &text);
                }
            }
            Part::Block(block) => {
                if let Some((_, body)) = sections.last_mut() {
                    body.push(block);
                }
            }
        }
    }
    let n_sections = sections.len();
    for (heading, answer) in sections {
        match faq::question(&heading, &entry.term) {
            Section::Links => entry.notes.push(format!(
                "section `{heading}`: its links are `related`, its text is not imported"
            )),
            Section::Question(_) if answer.is_empty() => {
                entry
                    .notes
                    .push(format!("section `{heading}` has no text: no FAQ"));
            }
            Section::Question(question) => entry.faqs.push(Faq { question, answer }),
        }
    }
    if entry.faqs.is_empty() {
        entry.notes.push(if n_sections == 0 {
            "no FAQs: the page has no `##` sections".to_owned()
        } else {
            "no FAQs: no section has text to answer with".to_owned()
        });
    }
    SourceResult {
        entries: vec![entry],
        ..SourceResult::default()
    }
}

/// The front matter (empty when there is none or it cannot be read) and
/// the body after it.
fn split_front_matter<'a>(text: &'a str, notes: &mut Vec<String>) -> (FrontMatter, &'a str) {
    for (fence, toml) in [("---", false), ("+++", true)] {
        let Some(after) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(after) = after
            .strip_prefix("\r\n")
            .or_else(|| after.strip_prefix('\n'))
        else {
            continue;
        };
        // The closing fence: a line that is exactly the fence.
        let mut offset = 0;
        let mut end = None;
        for line in after.split_inclusive('\n') {
            if line.trim_end_matches(['\r', '\n']) == fence {
                end = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let Some((close, body_at)) = end else {
            notes.push(format!(
                "front matter opened with `{fence}` is never closed: read as body"
            ));
            return (Vec::new(), text);
        };
        let source = &after[..close];
        let front = if toml {
            toml_front(source)
        } else {
            yaml_front(source)
        };
        return match front {
            Ok(front) => (front, &after[body_at..]),
            Err(why) => {
                notes.push(format!("front matter cannot be read ({why}): ignored"));
                (Vec::new(), &after[body_at..])
            }
        };
    }
    (Vec::new(), text)
}

fn yaml_front(source: &str) -> Result<FrontMatter, String> {
    let index = LineIndex::new(source);
    let parsed = yaml::parse(source, &index, Limits::default());
    if let Some(error) = parsed.errors.first() {
        return Err(format!("YAML: {}", one_line(&error.message)));
    }
    let Some(Node {
        kind: NodeKind::Map(pairs),
        ..
    }) = parsed.root
    else {
        return if parsed.root.as_ref().is_none_or(Node::is_null) {
            Ok(Vec::new())
        } else {
            Err("it is not a mapping".to_owned())
        };
    };
    Ok(pairs
        .iter()
        .filter_map(|(key, value)| {
            let key = key.scalar_text()?.to_owned();
            let value = match &value.kind {
                NodeKind::Scalar { .. } => value
                    .scalar_text()
                    .map_or(Value::Other, |s| Value::Str(s.to_owned())),
                NodeKind::Seq(items) => Value::List(
                    items
                        .iter()
                        .filter_map(|i| i.scalar_text().map(str::to_owned))
                        .collect(),
                ),
                NodeKind::Map(_) => Value::Other,
            };
            Some((key, value))
        })
        .collect())
}

fn toml_front(source: &str) -> Result<FrontMatter, String> {
    let table: toml::Table = source
        .parse()
        .map_err(|e: toml::de::Error| format!("TOML: {}", one_line(e.message())))?;
    let scalar = |v: &toml::Value| match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    };
    Ok(table
        .iter()
        .map(|(key, value)| {
            let value = match value {
                toml::Value::Array(items) => Value::List(items.iter().filter_map(scalar).collect()),
                other => scalar(other).map_or(Value::Other, Value::Str),
            };
            (key.clone(), value)
        })
        .collect())
}

/// A piece of the body in order: a heading (level, text) or a block.
#[derive(Debug)]
enum Part {
    Heading(u8, String),
    Block(Block),
}

struct Body {
    blocks: Vec<Part>,
    links: Vec<Target>,
    notes: Vec<String>,
}

/// Read the body's blocks with pulldown-cmark: links become their text
/// (their destinations `links`), inline HTML tags are dropped and HTML
/// blocks reduced to their text, images dropped, list items and table rows
/// one paragraph each.
fn read_body(text: &str, literals: &[Literal]) -> Body {
    let mut body = Body {
        blocks: Vec::new(),
        links: Vec::new(),
        notes: Vec::new(),
    };
    let mut buf = String::new();
    let mut code: Option<String> = None;
    let mut item_depth = 0usize;
    let mut image_depth = 0usize;
    let mut html = false;
    let mut used_literals: Vec<usize> = Vec::new();
    let mut finish = |buf: &mut String, body: &mut Body, heading: Option<u8>| {
        for n in shortcode::placeholders(buf) {
            used_literals.push(n);
        }
        let raw = std::mem::take(buf);
        let restored = shortcode::restore(&raw, literals);
        let line = one_line(&restored);
        if line.is_empty() {
            return;
        }
        // A paragraph that is one unknown shortcode alone (a sidebar or
        // layout macro) is dropped; an inline one stays as text.
        let stripped = one_line(&raw);
        let alone = stripped.starts_with(shortcode::OPEN)
            && stripped.ends_with(shortcode::CLOSE)
            && shortcode::placeholders(&stripped).len() == 1;
        match heading {
            Some(level) => body.blocks.push(Part::Heading(level, line)),
            None if alone => body.notes.push(format!(
                "shortcode `{line}` alone in a paragraph: not imported"
            )),
            None => body.blocks.push(Part::Block(Block::Prose(line))),
        }
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        if image_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Image { .. }) => image_depth = 1,
            Event::Start(Tag::CodeBlock(_)) => {
                finish(&mut buf, &mut body, None);
                code = Some(String::new());
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(text) = code.take() {
                    let text = code_block(&shortcode::restore(&text, literals));
                    if !text.is_empty() {
                        body.blocks.push(Part::Block(Block::Code(text)));
                    }
                }
            }
            Event::Text(t) if code.is_some() => {
                if let Some(code) = &mut code {
                    code.push_str(&t);
                }
            }
            Event::Start(Tag::Item) => {
                finish(&mut buf, &mut body, None);
                item_depth += 1;
                buf.push_str("- ");
            }
            Event::End(TagEnd::Item) => {
                finish(&mut buf, &mut body, None);
                item_depth = item_depth.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph) if item_depth > 0 => buf.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::TableRow | TagEnd::TableHead | TagEnd::BlockQuote(_),
            ) => {
                let trimmed = buf.trim_end().trim_end_matches('|').to_owned();
                buf = trimmed;
                finish(&mut buf, &mut body, None);
            }
            Event::End(TagEnd::TableCell) => buf.push_str(" | "),
            Event::End(TagEnd::Heading(level)) => {
                finish(&mut buf, &mut body, Some(heading_level(level)))
            }
            Event::Start(Tag::Heading { .. } | Tag::Paragraph) if item_depth == 0 => {
                finish(&mut buf, &mut body, None);
            }
            Event::Start(Tag::HtmlBlock) => {
                finish(&mut buf, &mut body, None);
                html = true;
            }
            Event::End(TagEnd::HtmlBlock) => finish(&mut buf, &mut body, None),
            Event::Html(t) => {
                html = true;
                buf.push_str(&strip_tags(&t));
                buf.push(' ');
            }
            Event::InlineHtml(t) => {
                html = true;
                if t.trim_start_matches('<')
                    .trim_start_matches('/')
                    .to_ascii_lowercase()
                    .starts_with("br")
                {
                    buf.push(' ');
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let dest = dest_url.trim();
                if let Some(name) = dest.strip_prefix(TERM_SCHEME) {
                    body.links.push(Target::Name(name.to_owned()));
                } else if is_internal(dest) {
                    body.links.push(Target::Path(dest.to_owned()));
                }
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
            _ => {}
        }
    }
    finish(&mut buf, &mut body, None);
    if html {
        body.notes
            .push("HTML in the body: tags removed, their text kept".to_owned());
    }
    let mut seen = Vec::new();
    for literal in literals {
        if !seen.contains(&literal.name) {
            seen.push(literal.name.clone());
        }
    }
    for name in seen {
        body.notes.push(format!(
            "unknown shortcode `{}`: kept as text",
            one_line(&name)
        ));
    }
    body
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A link to another page of the site: relative or site-absolute, not a
/// URL with a scheme, not an in-page `#fragment`.
fn is_internal(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") {
        return false;
    }
    let scheme = dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    !scheme
}

/// HTML as text: tags and comments removed, `<script>`/`<style>` content
/// dropped, the common entities decoded.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            out.push_str(&rest[..lt]);
        }
        let tag_and_after = &rest[lt..];
        if tag_and_after.starts_with("<!--") {
            rest = tag_and_after
                .find("-->")
                .map_or("", |e| &tag_and_after[e + 3..]);
            continue;
        }
        let end = tag_and_after
            .find('>')
            .map_or(tag_and_after.len(), |e| e + 1);
        let tag = tag_and_after[..end].to_ascii_lowercase();
        match skip_until {
            Some(close) if tag.starts_with(close) => skip_until = None,
            Some(_) => {}
            None if tag.starts_with("<script") => skip_until = Some("</script"),
            None if tag.starts_with("<style") => skip_until = Some("</style"),
            None if is_block_tag(&tag) => out.push(' '),
            None => {}
        }
        rest = &tag_and_after[end..];
    }
    if skip_until.is_none() {
        out.push_str(rest);
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Whether a tag (lowercase, `<p …>`) breaks the text around it: block
/// elements and `<br>` do, inline ones (`<b>`, `<abbr>`) do not.
fn is_block_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    matches!(
        name.as_str(),
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "hr"
            | "dd"
            | "dt"
            | "dl"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "details"
            | "summary"
            | "figure"
            | "figcaption"
            | "nav"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::plain;

    fn page(text: &str) -> Entry {
        let page = Page {
            origin: "p.md",
            stem: "kanban",
            dir: None,
        };
        let mut result = import(&page, text, &FieldMap::default());
        result.entries.pop().unwrap_or_default()
    }

    #[test]
    fn front_matter_and_body_map_to_fields() {
        let entry = page(
            "---\ntitle: Kanban\naka: [Kanban board]\ntags: [practice, flow]\n---\n\
             Kanban is a method for [WIP](../wip/) limits.\n\nMore context.\n\n\
             ## Problem it addresses\n\nToo much work.\n\n## See also\n\n- [Flow](/glossary/flow/)\n",
        );
        assert_eq!(entry.term, "Kanban");
        assert_eq!(entry.aliases, ["Kanban board"]);
        assert_eq!(entry.category.as_deref(), Some("practice"));
        assert_eq!(
            plain(&entry.definition),
            "Kanban is a method for WIP limits."
        );
        assert_eq!(plain(&entry.context), "More context.");
        assert_eq!(entry.faqs.len(), 1);
        assert_eq!(entry.faqs[0].question, "What problem does Kanban address?");
        assert_eq!(
            entry.links,
            [
                Target::Path("../wip/".into()),
                Target::Path("/glossary/flow/".into())
            ]
        );
    }

    #[test]
    fn toml_front_matter_and_missing_front_matter() {
        let entry =
            page("+++\ntitle = \"Lead Time\"\naliases = [\"LT\"]\n+++\nLead time is long.\n");
        assert_eq!((entry.term.as_str(), entry.aliases.len()), ("Lead Time", 1));
        let entry = page("# Cycle Time\n\nCycle time is short.\n");
        assert_eq!(entry.term, "Cycle Time");
        assert!(entry.notes.iter().any(|n| n.contains("first `#` heading")));
        let entry = page("Just text.\n");
        assert_eq!(entry.term, "Kanban");
    }

    #[test]
    fn html_is_stripped() {
        assert_eq!(
            one_line(&strip_tags("<p>a <b>b</b><script>x()</script> &amp; c</p>")),
            "a b & c"
        );
    }
}
