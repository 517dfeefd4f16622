//! Small text helpers shared by rules and the language server.

/// The one case folding of names and mentions, used by the term index,
/// `definition-missing-term`, `duplicate-term`, hover and references alike:
/// Unicode *simple* case folding, one character at a time. `É` = `é`,
/// `Σ` = `σ` = `ς`, `ẞ` = `ß`, `K` (Kelvin) = `k`; a character never
/// becomes several, so `Straße` and `STRASSE` are different names (list the
/// other spelling as an alias), and every folded character stands for
/// exactly one character of the text, which keeps mention ranges exact.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        // Case folding maps these where lowercasing leaves them.
        'ς' => 'σ',
        'ſ' => 's',
        '\u{345}' | '\u{1FBE}' => 'ι',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(one), None) => one,
                // `İ` lowercases to `i` and a combining dot: no single
                // character stands for it, so it stays itself.
                _ => c,
            }
        }
    }
}

/// `text` with every character [folded](fold_char).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().map(fold_char).collect()
}

/// Folded words of letters and digits, joined by single spaces: two
/// questions that differ only in case, spacing or punctuation compare equal.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        for word in text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        }
        return out;
    }
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(fold_char));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_case_and_punctuation() {
        assert_eq!(normalize("What is  an MVP?"), "what is an mvp");
        assert_eq!(
            normalize("what is an MVP"),
            normalize("What is an M.V.P.?").replace("m v p", "mvp")
        );
    }

    #[test]
    fn normalize_reads_words_of_any_script() {
        // Not ASCII: the words are split on what is not a letter or digit,
        // folded, and joined by single spaces, with none at either end.
        assert_eq!(
            normalize("  Écran, ÉCRAN!  Straße—2  "),
            "écran écran straße 2"
        );
        assert_eq!(normalize("ΟΔΟΣ"), "οδοσ");
        assert_eq!(normalize("¿?"), "");
    }

    #[test]
    fn folding_maps_what_lowercasing_leaves() {
        // Lowercase already, yet folded to another letter.
        assert_eq!(fold_char('ſ'), 's');
        assert_eq!(fold_char('\u{345}'), 'ι');
        assert_eq!(fold_char('\u{1FBE}'), 'ι');
        assert_eq!(fold_char('ς'), 'σ');
    }

    #[test]
    fn forms_are_found_whatever_the_first_letters_are_written_in() {
        // A first letter that lowercases to the other's (`É`, the Kelvin
        // sign `\u{212A}` for `k`), in first or second place: the quick
        // byte check must not turn these away.
        assert!(is_form_of("Écrans", "écran"));
        assert!(is_form_of("\u{212A}anban", "kanbans"));
        assert!(is_form_of("s\u{212A}y", "skies"));
        assert!(is_form_of("SPRINTS", "sprint"));
        assert!(!is_form_of("écran", "ecran"));
        // A base form has at least three letters.
        assert!(!is_form_of("ads", "ad"));
        assert_eq!(base_forms("ads"), vec!["ads".to_owned()]);
    }

    #[test]
    fn folding_is_one_character_for_one() {
        assert_eq!(fold("Écran ÉCRAN"), "écran écran");
        assert_eq!(fold("ΟΔΟΣ οδος"), "οδοσ οδοσ");
        assert_eq!(fold("STRAẞE"), "straße");
        assert_eq!(fold("Straße"), "straße");
        assert_ne!(fold("STRASSE"), fold("Straße"));
        assert_eq!(fold("\u{212A}elvin"), "kelvin");
        // `İ` lowercases to two characters: it stays itself.
        assert_eq!(fold("İstanbul"), "İstanbul");
        for text in ["Écran", "ΟΔΟΣ", "İstanbul", "\u{212A}", "ǅ"] {
            assert_eq!(fold(text).chars().count(), text.chars().count(), "{text}");
        }
    }
}

/// A word's candidate base forms: itself, and what is left after removing a
/// common English inflection (`-s`, `-es`, `-ies`, `-ed`, `-ied`, `-ing`,
/// `-er`), with a dropped `e` restored and a doubled consonant undone.
pub fn base_forms(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let mut forms = vec![w.clone()];
    let mut add = |stem: &str| {
        if stem.chars().count() >= 3 && !forms.iter().any(|f| f == stem) {
            forms.push(stem.to_owned());
        }
    };
    if let Some(stem) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")) {
        add(&format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("es") {
        add(stem);
    }
    if let Some(stem) = w.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        add(stem);
    }
    for suffix in ["ed", "ing", "er"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            add(stem);
            add(&format!("{stem}e"));
            let mut chars = stem.chars().rev();
            if let (Some(a), Some(b)) = (chars.next(), chars.next())
                && a == b
                && !"aeiou".contains(a)
            {
                add(&stem[..stem.len() - a.len_utf8()]);
            }
        }
    }
    forms
}

/// Whether two words are simple forms of one another (`sprint`/`sprints`,
/// `plan`/`planning`, `manage`/`managed`), case-insensitively.
pub fn is_form_of(a: &str, b: &str) -> bool {
    // Every shared base form has at least three letters and both words begin
    // with its first two: compare those before building any form.
    match (a.as_bytes(), b.as_bytes()) {
        ([a0, a1, ..], [b0, b1, ..])
            if a0.is_ascii() && a1.is_ascii() && b0.is_ascii() && b1.is_ascii() =>
        {
            if !a0.eq_ignore_ascii_case(b0) || !a1.eq_ignore_ascii_case(b1) {
                return false;
            }
        }
        _ => {
            let prefix = |w: &str| {
                let mut chars = w.chars().flat_map(char::to_lowercase);
                (chars.next(), chars.next())
            };
            if prefix(a) != prefix(b) {
                return false;
            }
        }
    }
    let a_forms = base_forms(a);
    base_forms(b).iter().any(|f| a_forms.contains(f))
}

/// The words of a text: maximal runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn simple_forms() {
        assert!(is_form_of("SPRINT", "sprints"));
        assert!(is_form_of("plan", "planning"));
        assert!(is_form_of("planned", "plan"));
        assert!(is_form_of("manage", "managed"));
        assert!(is_form_of("manage", "managing"));
        assert!(is_form_of("manager", "managers"));
        assert!(is_form_of("story", "stories"));
        assert!(is_form_of("close", "closed"));
        assert!(is_form_of("box", "boxes"));
        assert!(!is_form_of("product", "produce"));
        assert!(!is_form_of("board", "boat"));
        assert!(!is_form_of("scrum", "scrape"));
    }
}
