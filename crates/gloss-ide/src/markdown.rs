//! Text from term files shown in Markdown hovers, made inert.

/// `text` escaped so that a Markdown renderer shows it as text, with no more
/// backslashes than that needs (clients that show the Markdown source show
/// them too): everywhere the characters that open emphasis, code, links and
/// HTML (`\\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`), so `[x](command:...)`,
/// `<img src=x>` or `**` render literally; at the start of a line the
/// markers of headings, lists, quotes, tables and fences (`#`, `-`, `+`,
/// `=`, `|`, `~`, `1.`, `1)`). Line breaks are kept as hard breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.trim_end().split('\n').enumerate() {
        if i > 0 {
            out.push_str("  \n");
        }
        let line = line.trim_end_matches('\r');
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let (lead, rest) = line.split_at(indent);
        out.push_str(lead);
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let marker_at = match rest.as_bytes().get(digits) {
            // `1.` / `1)` start an ordered list.
            Some(b'.' | b')') if digits > 0 => Some(digits),
            Some(b'#' | b'-' | b'+' | b'=' | b'|' | b'~') if digits == 0 => Some(0),
            _ => None,
        };
        for (at, c) in rest.char_indices() {
            if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>') || Some(at) == marker_at
            {
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
        assert_eq!(escape("[x](command:rm)"), r"\[x\](command:rm)");
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            r"\<img src=x onerror=alert(1)\>"
        );
        assert_eq!(
            escape("**bold** _i_ `c` \\"),
            r"\*\*bold\*\* \_i\_ \`c\` \\"
        );
        assert_eq!(escape("a\nb"), "a  \nb");
        assert_eq!(escape("Product Ops Manager"), "Product Ops Manager");
    }

    #[test]
    fn plain_punctuation_is_left_alone() {
        let text = "A Product Manager (PM) is accountable for the what and why, turning: strategy! into #1 - fast; {ok} 100% & \"done\"?";
        assert_eq!(escape(text), text);
    }

    #[test]
    fn line_leading_markers_are_escaped_and_only_there() {
        assert_eq!(escape("# Title"), r"\# Title");
        assert_eq!(
            escape("- item\n+ item\n  * item"),
            "\\- item  \n\\+ item  \n  \\* item"
        );
        assert_eq!(escape("1. first\n12) second"), "1\\. first  \n12\\) second");
        assert_eq!(escape("> quote"), r"\> quote");
        assert_eq!(
            escape("a\n===\n| t |\n~~~"),
            "a  \n\\===  \n\\| t |  \n\\~~~"
        );
        // The same characters inside a line are text.
        assert_eq!(escape("a - b + c # d 1. e | f"), "a - b + c # d 1. e | f");
        assert_eq!(escape("2024 was good"), "2024 was good");
        // `.` and `)` mark a list only after digits; other markers only
        // without them.
        assert_eq!(escape(". dot\n) paren"), ". dot  \n) paren");
        assert_eq!(escape("3-2 win\n4# five"), "3-2 win  \n4# five");
    }

    #[test]
    fn fences_outlast_backticks() {
        assert_eq!(fenced("text", "a"), "```text\na\n```");
        assert_eq!(fenced("", "a ```` b"), "`````\na ```` b\n`````");
        assert_eq!(code_span("glossary/a.yaml"), "`glossary/a.yaml`");
        assert_eq!(code_span("a`b"), "``a`b``");
    }
}
