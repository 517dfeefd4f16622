//! Slugs: the file stem and cross-reference id of a term.

/// The slug of a term: lowercase ASCII, every run of other characters
/// becomes `-`, trimmed. Latin letters with diacritics are transliterated
/// (`Café` → `cafe`), a few ligatures expanded; other letters are dropped.
pub fn slug(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    let mut pending_dash = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    };
    for ch in term.chars() {
        if ch.is_ascii() {
            push(ch, &mut out);
        } else if ('\u{300}'..='\u{36f}').contains(&ch) {
            // A combining mark belongs to the letter before it.
            continue;
        } else {
            match transliterate(ch) {
                "" => push('-', &mut out),
                ascii => ascii.chars().for_each(|c| push(c, &mut out)),
            }
        }
    }
    out
}

/// The ASCII base letter(s) of a common Latin letter with a diacritic or a
/// ligature; `""` when there is none.
fn transliterate(ch: char) -> &'static str {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("ÀÁÂÃÄÅĀĂĄ", "a"),
        ("çćĉċč", "c"),
        ("ÇĆĈĊČ", "c"),
        ("ďđ", "d"),
        ("ĎĐ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ÈÉÊËĒĔĖĘĚ", "e"),
        ("ĝğġģ", "g"),
        ("ĜĞĠĢ", "g"),
        ("ìíîïĩīĭįı", "i"),
        ("ÌÍÎÏĨĪĬĮİ", "i"),
        ("ñńņňŉ", "n"),
        ("ÑŃŅŇ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ÒÓÔÕÖØŌŎŐ", "o"),
        ("ùúûüũūŭůűų", "u"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "u"),
        ("ýÿŷ", "y"),
        ("ÝŸŶ", "y"),
        ("śŝşšș", "s"),
        ("ŚŜŞŠȘ", "s"),
        ("źżž", "z"),
        ("ŹŻŽ", "z"),
        ("ľĺļłŀ", "l"),
        ("ĽĹĻŁĿ", "l"),
        ("ŕŗř", "r"),
        ("ŔŖŘ", "r"),
        ("ťţț", "t"),
        ("ŤŢȚ", "t"),
        ("ß", "ss"),
        ("æÆ", "ae"),
        ("œŒ", "oe"),
        ("þÞ", "th"),
    ];
    TABLE
        .iter()
        .find(|(from, _)| from.contains(ch))
        .map_or("", |&(_, to)| to)
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Product Operations Manager"),
            "product-operations-manager"
        );
        assert_eq!(slug("A/B Testing"), "a-b-testing");
        assert_eq!(slug("  Product-Market Fit!  "), "product-market-fit");
        assert_eq!(
            slug("Objectives and Key Results (OKRs)"),
            "objectives-and-key-results-okrs"
        );
        assert_eq!(slug("Café Crème"), "cafe-creme");
        assert_eq!(slug("Straße"), "strasse");
        assert_eq!(slug("用語 Term"), "term");
        assert_eq!(slug("😀"), "");
        assert_eq!(slug("R&D"), "r-d");
        assert_eq!(slug("Cafe\u{301} Menu"), "cafe-menu");
    }
}
