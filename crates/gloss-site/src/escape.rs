//! Escaping for the two contexts author text lands in: HTML text and
//! attribute values, and JSON inside `<script>` elements.

use std::fmt::Write as _;

/// `text` safe in HTML text and in a double- or single-quoted attribute
/// value. NUL and other C0 controls except tab and newline become U+FFFD:
/// the HTML parser would otherwise report or drop them.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(ch),
            '\r' => out.push('\n'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A JSON value as text that can sit inside `<script>` (JSON-LD, page
/// data): `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`,
/// so `</script>` or `<!--` in a definition cannot end the element or
/// start a comment, and U+2028/U+2029 as escapes for older JavaScript
/// parsers. The result is still the same JSON value.
pub fn json_for_script(value: &serde_json::Value) -> String {
    // Serializing a `Value` cannot fail: its keys are strings.
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(ch));
            }
            c => out.push(c),
        }
    }
    out
}

/// One path segment percent-encoded for an `href` (slugs are usually
/// already plain; a file stem need not be).
pub fn url_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'y' -->"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; --&gt;"
        );
        assert_eq!(html("a\u{0}b\u{7}c\r\n"), "a\u{FFFD}b\u{FFFD}c\n\n");
    }

    #[test]
    fn json_for_script_cannot_close_the_element_and_stays_the_same_value() {
        let value = serde_json::json!({"d": "</script><!-- & \u{2028} -->"});
        let text = json_for_script(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, value);
    }

    #[test]
    fn url_segments_are_percent_encoded() {
        assert_eq!(url_segment("sprint"), "sprint");
        assert_eq!(url_segment("a b/\"<"), "a%20b%2F%22%3C");
    }
}
