//! Shortcodes and macros in Markdown bodies, replaced before the Markdown
//! parser sees them: glossary links become Markdown links to a
//! `gloss-term:` destination, every other one a placeholder that the body
//! turns back into its literal text (and reports).
//!
//! Known: Hugo's `{{< glossary_tooltip text="…" term_id="…" >}}` (also
//! `{{% … %}}`), Hugo's `{{< ref "…" >}}` / `relref` (the path), MDN's
//! `{{Glossary("term")}}` and `{{Glossary("term", "text")}}`.

/// The scheme of the link destinations that name a term by id or name.
pub const TERM_SCHEME: &str = "gloss-term:";

/// Placeholder delimiters: private-use characters, which Markdown leaves alone.
pub const OPEN: char = '\u{e000}';
pub const CLOSE: char = '\u{e001}';

/// The body with shortcodes replaced, and the literal text of each
/// unknown one (placeholder `OPEN n CLOSE` is `literals[n]`).
pub struct Replaced {
    pub text: String,
    pub literals: Vec<Literal>,
}

pub struct Literal {
    pub text: String,
    /// The shortcode's name, for the report.
    pub name: String,
}

/// A shortcode longer than this is not one (an unclosed `{{`).
const MAX_LEN: usize = 2000;

pub fn replace(body: &str) -> Replaced {
    let mut text = String::with_capacity(body.len());
    let mut literals = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        text.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after
            .get(2..)
            .and_then(|s| s.find("}}"))
            .map(|e| e + 4)
            .filter(|&e| e <= MAX_LEN)
        else {
            text.push_str("{{");
            rest = &after[2..];
            continue;
        };
        let whole = &after[..end];
        match known(whole) {
            Some(replacement) => text.push_str(&replacement),
            None => {
                let _ = std::fmt::Write::write_fmt(
                    &mut text,
                    format_args!("{OPEN}{}{CLOSE}", literals.len()),
                );
                literals.push(Literal {
                    text: whole.to_owned(),
                    name: name_of(whole),
                });
            }
        }
        rest = &after[end..];
    }
    text.push_str(rest);
    Replaced { text, literals }
}

/// The inside of a shortcode: `{{< x >}}`, `{{% x %}}` or `{{ x }}`.
fn inner(whole: &str) -> &str {
    let inside = &whole[2..whole.len() - 2];
    let inside = inside
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .or_else(|| inside.strip_prefix('%').and_then(|s| s.strip_suffix('%')))
        .unwrap_or(inside);
    inside.trim()
}

fn name_of(whole: &str) -> String {
    let inner = inner(whole);
    inner
        .split(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(60)
        .collect()
}

/// The replacement of a known shortcode.
fn known(whole: &str) -> Option<String> {
    let inner = inner(whole);
    let name = name_of(whole);
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "glossary_tooltip" | "glossary-tooltip" | "glossary_definition" => {
            let term_id = attribute(inner, "term_id")?;
            let text = attribute(inner, "text").unwrap_or_else(|| term_id.clone());
            Some(term_link(&text, &term_id))
        }
        "ref" | "relref" => quoted(inner).into_iter().next(),
        "glossary" => {
            let args = quoted(inner);
            let target = args.first()?;
            let text = args.get(1).unwrap_or(target);
            Some(term_link(text, target))
        }
        _ => None,
    }
}

/// A Markdown link to a term: `[text](<gloss-term:target>)`.
fn term_link(text: &str, target: &str) -> String {
    let mut escaped = String::new();
    for ch in text.chars().filter(|c| !c.is_control()) {
        if "\\[]*_`<>!&".contains(ch) {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    let target: String = target
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | '\\'))
        .collect();
    format!("[{escaped}](<{TERM_SCHEME}{target}>)")
}

/// `key="value"` (or `key='value'`) in a shortcode's arguments.
fn attribute(inner: &str, key: &str) -> Option<String> {
    let mut rest = inner;
    while let Some(at) = rest.find(key) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = rest[at + key.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            return quoted(value.trim_start()).into_iter().next();
        }
        rest = &rest[at + key.len()..];
    }
    None
}

/// Every quoted string ("…", '…' or `…`) in order.
fn quoted(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices();
    while let Some((i, ch)) = chars.next() {
        if matches!(ch, '"' | '\'' | '`') {
            let rest = &text[i + 1..];
            if let Some(end) = rest.find(ch) {
                out.push(rest[..end].to_owned());
                // Skip past the closing quote.
                for _ in 0..rest[..=end].chars().count() {
                    chars.next();
                }
            } else {
                break;
            }
        }
    }
    out
}

/// Put the literal text of unknown shortcodes back in.
pub fn restore(text: &str, literals: &[Literal]) -> String {
    if !text.contains(OPEN) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        match after.find(CLOSE) {
            Some(end) => {
                let literal = after[..end]
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| literals.get(n));
                if let Some(literal) = literal {
                    out.push_str(&literal.text);
                }
                rest = &after[end + CLOSE.len_utf8()..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder numbers in `text`.
pub fn placeholders(text: &str) -> Vec<usize> {
    text.split(OPEN)
        .skip(1)
        .filter_map(|s| s.split(CLOSE).next()?.parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_are_links_or_placeholders() {
        let cases = [
            (
                r#"a {{< glossary_tooltip text="pods" term_id="pod" >}} b"#,
                "a [pods](<gloss-term:pod>) b",
            ),
            (r#"{{Glossary("HTTP")}}"#, "[HTTP](<gloss-term:HTTP>)"),
            (
                r#"{{Glossary("Server", "servers")}}"#,
                "[servers](<gloss-term:Server>)",
            ),
            (r#"[x]({{< ref "kanban.md" >}})"#, "[x](kanban.md)"),
            ("{{ unclosed", "{{ unclosed"),
        ];
        for (input, want) in cases {
            assert_eq!(replace(input).text, want, "{input}");
        }
        let unknown = replace("x {{< youtube id=1 >}} y");
        assert_eq!(unknown.literals.len(), 1);
        assert_eq!(unknown.literals[0].name, "youtube");
        assert_eq!(
            restore(&unknown.text, &unknown.literals),
            "x {{< youtube id=1 >}} y"
        );
    }
}
