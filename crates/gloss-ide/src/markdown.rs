//! Text from term files shown in Markdown hovers, made inert.

/// `text` escaped so that a Markdown renderer shows it as text: every ASCII
/// punctuation character that Markdown or inline HTML could act on is
/// backslash-escaped, so `[x](command:...)`, `<img src=x>` or `**` render
/// literally. Line breaks are kept as hard breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.trim_end().split('\n').enumerate() {
        if i > 0 {
            out.push_str("  \n");
        }
        for c in line.trim_end_matches('\r').chars() {
            if c.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// An inline code span that `text` cannot close.
pub fn code_span(text: &str) -> String {
    let longest = longest_backtick_run(text);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn longest_backtick_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// A fenced code block that `text` cannot close: the fence is longer than
/// any run of backticks inside it.
pub fn fenced(info: &str, text: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(text).max(2) + 1);
    format!("{fence}{info}\n{}\n{fence}", text.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_html_are_inert() {
        assert_eq!(escape("[x](command:rm)"), r"\[x\]\(command\:rm\)");
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            r"\<img src\=x onerror\=alert\(1\)\>"
        );
        assert_eq!(escape("**bold** _i_ `c`"), r"\*\*bold\*\* \_i\_ \`c\`");
        assert_eq!(escape("a\nb"), "a  \nb");
        assert_eq!(escape("Product Ops Manager"), "Product Ops Manager");
    }

    #[test]
    fn fences_outlast_backticks() {
        assert_eq!(fenced("text", "a"), "```text\na\n```");
        assert_eq!(fenced("", "a ```` b"), "`````\na ```` b\n`````");
        assert_eq!(code_span("glossary/a.yaml"), "`glossary/a.yaml`");
        assert_eq!(code_span("a`b"), "``a`b``");
    }
}
