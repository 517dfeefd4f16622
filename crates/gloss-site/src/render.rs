//! The pages: a term page, the index, `glossary.json` and the word lists,
//! written with `write!` and the helpers of [`crate::escape`] — every
//! author string goes through `html` (text and attributes) or
//! `json_for_script` (JSON-LD and page data), nowhere else.

use crate::escape::{html, json_for_script, url_segment};
use crate::model::{Entry, Finding, Site};
use gloss_core::Severity;
use gloss_core::challenge::Dictionary;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Where a page is shown, which decides what it carries beyond the term.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `gloss build --base-url`: the URL the output is published at
    /// (`https://example.com/glossary/`), for absolute URLs in JSON-LD.
    pub base_url: Option<String>,
    /// `gloss preview`: the glossary version the page shows, for live
    /// reload, and banners with warnings too.
    pub preview_version: Option<u64>,
}

/// The prompt above the game, exactly as the site shows it.
pub fn prompt(term: &str, length: usize) -> String {
    format!("Mastered {term}? Now try to guess the related {length}-letter word!")
}

/// The URL of a page relative to the site root: `sprint/`.
pub fn page_path(slug: &str) -> String {
    format!("{}/", url_segment(slug))
}

fn absolute(options: &Options, path: &str) -> Option<String> {
    options.base_url.as_ref().map(|base| {
        let base = base.trim_end_matches('/');
        format!("{base}/{path}")
    })
}

/// The JSON-LD `DefinedTerm` of an entry (also an item of the index's
/// `DefinedTermSet`).
fn defined_term(entry: &Entry, options: &Options, from_page: bool) -> Value {
    let path = page_path(&entry.slug);
    let url = absolute(options, &path).unwrap_or_else(|| {
        if from_page {
            format!("../{path}")
        } else {
            path.clone()
        }
    });
    let mut term = json!({
        "@type": "DefinedTerm",
        "@id": format!("{url}#term"),
        "name": entry.term,
        "termCode": entry.slug,
        "url": url,
    });
    if let Some(definition) = &entry.definition {
        term["description"] = json!(definition);
    }
    if !entry.aliases.is_empty() {
        term["alternateName"] = json!(entry.aliases);
    }
    term
}

fn term_set(options: &Options, from_page: bool) -> Value {
    let url = absolute(options, "").unwrap_or_else(|| {
        if from_page {
            "../".to_owned()
        } else {
            "./".to_owned()
        }
    });
    json!({"@type": "DefinedTermSet", "@id": format!("{url}#glossary"), "name": "Glossary", "url": url})
}

fn head(out: &mut String, title: &str, description: Option<&str>, root: &str, json_ld: &Value) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n",
        html(title)
    );
    if let Some(description) = description {
        let _ = writeln!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            html(&first_sentence(description))
        );
    }
    let _ = write!(
        out,
        "<link rel=\"stylesheet\" href=\"{root}_assets/gloss.css\">\n\
         <script type=\"application/ld+json\">{}</script>\n</head>\n",
        json_for_script(json_ld)
    );
}

/// The first sentence of a text, at most about 160 characters.
fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |at| at + 1);
    let sentence = &text[..end];
    if sentence.chars().count() <= 160 {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(157).collect();
    format!("{}…", cut.trim_end())
}

/// The banner of a page whose file has findings: errors (and, in the
/// preview, warnings), each at its line:column.
fn banner(out: &mut String, entry: &Entry, with_warnings: bool) {
    let shown: Vec<&Finding> = entry
        .findings
        .iter()
        .filter(|f| with_warnings || f.severity == Severity::Error)
        .collect();
    if shown.is_empty() {
        return;
    }
    let n_errors = entry.n_errors();
    let n_warnings = shown.len() - n_errors;
    let mut counts = Vec::new();
    if n_errors > 0 {
        counts.push(plural(n_errors, "error"));
    }
    if n_warnings > 0 {
        counts.push(plural(n_warnings, "warning"));
    }
    let class = if n_errors > 0 { "errors" } else { "warnings" };
    let _ = write!(
        out,
        "<aside class=\"gloss-banner gloss-banner-{class}\" role=\"alert\" data-errors=\"{n_errors}\">\n\
         <p><strong>{}</strong> in <code>{}</code> (<code>gloss lint</code> reports the same)</p>\n<ul>\n",
        counts.join(", "),
        html(&entry.path)
    );
    for f in shown {
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = writeln!(
            out,
            "<li class=\"{severity}\"><code>{}:{}:{}</code> {severity}[{}]: {}</li>",
            html(&entry.path),
            f.line,
            f.column,
            html(f.rule),
            html(&f.message)
        );
    }
    out.push_str("</ul>\n</aside>\n");
}

fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Paragraphs of a text: blank lines separate them (a `|` block keeps
/// them), other newlines are spaces in HTML anyway.
fn paragraphs(out: &mut String, class: &str, text: &str) {
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let _ = writeln!(out, "<p class=\"{class}\">{}</p>", html(para));
    }
}

const KEY_ROWS: [&str; 3] = ["QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"];

fn challenge(out: &mut String, entry: &Entry, max_guesses: usize) {
    out.push_str(
        "<section class=\"challenge\" id=\"challenge\" aria-labelledby=\"challenge-heading\">\n\
         <h2 id=\"challenge-heading\">Knowledge Challenge</h2>\n",
    );
    let Some(challenge) = &entry.challenge else {
        out.push_str(
            "<p class=\"prompt\">This term has no playable challenge word yet.</p>\n</section>\n",
        );
        return;
    };
    let length = challenge.word.len();
    let _ = write!(
        out,
        "<p class=\"prompt\">{}</p>\n\
         <div class=\"board\" id=\"gloss-board\" style=\"--letters: {length}\" aria-label=\"Guesses\">\n",
        html(&prompt(&entry.term, length))
    );
    for row in 1..=max_guesses {
        let _ = write!(
            out,
            "<div class=\"row\" role=\"group\" aria-label=\"Guess {row} of {max_guesses}\">"
        );
        for _ in 0..length {
            out.push_str("<span class=\"tile\" aria-label=\"empty\"></span>");
        }
        out.push_str("</div>\n");
    }
    out.push_str(
        "</div>\n<p class=\"status\" id=\"gloss-status\" role=\"status\" aria-live=\"polite\"></p>\n\
         <p class=\"help\">Type or use keyboard</p>\n\
         <div class=\"keyboard\" id=\"gloss-keyboard\" aria-label=\"Keyboard\">\n",
    );
    for (i, row) in KEY_ROWS.iter().enumerate() {
        out.push_str("<div class=\"keys\">");
        if i == 2 {
            out.push_str(
                "<button type=\"button\" class=\"key wide\" data-key=\"Enter\">Enter</button>",
            );
        }
        for letter in row.chars() {
            let _ = write!(
                out,
                "<button type=\"button\" class=\"key\" data-key=\"{letter}\" aria-label=\"{letter}\">{letter}</button>"
            );
        }
        if i == 2 {
            out.push_str("<button type=\"button\" class=\"key wide\" data-key=\"Backspace\" aria-label=\"Backspace\">\u{232B}</button>");
        }
        out.push_str("</div>\n");
    }
    let data = json!({
        "term": entry.term,
        "word": challenge.word,
        "hint": challenge.hint,
        "length": length,
        "maxGuesses": max_guesses,
    });
    let _ = write!(
        out,
        "</div>\n<noscript><p>The game needs JavaScript.</p></noscript>\n\
         <script type=\"application/json\" id=\"gloss-challenge\">{}</script>\n</section>\n",
        json_for_script(&data)
    );
}

/// The page of one term, at `<slug>/index.html`.
pub fn term_page(site: &Site, entry: &Entry, options: &Options) -> String {
    let mut json_ld = defined_term(entry, options, true);
    json_ld["@context"] = json!("https://schema.org");
    json_ld["inDefinedTermSet"] = term_set(options, true);
    let mut out = String::with_capacity(8 * 1024);
    head(
        &mut out,
        &format!("{} — Glossary", entry.term),
        entry.definition.as_deref(),
        "../",
        &json_ld,
    );
    out.push_str("<body>\n");
    banner(&mut out, entry, options.preview_version.is_some());
    let _ = write!(
        out,
        "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><a href=\"../\">Glossary</a></nav>\n\
         <main>\n<article class=\"term\" data-slug=\"{}\">\n<h1>{}</h1>\n",
        html(&entry.slug),
        html(&entry.term)
    );
    if let Some(definition) = &entry.definition {
        paragraphs(&mut out, "definition", definition);
    }
    if let Some(context) = &entry.context {
        paragraphs(&mut out, "context", context);
    }
    if !entry.faqs.is_empty() {
        out.push_str("<section class=\"faqs\" aria-label=\"Frequently asked questions\">\n");
        for faq in &entry.faqs {
            let _ = write!(
                out,
                "<details class=\"faq\">\n<summary><span class=\"faq-mark\" aria-hidden=\"true\">?</span>{}</summary>\n",
                html(&faq.question)
            );
            paragraphs(&mut out, "answer", &faq.answer);
            out.push_str("</details>\n");
        }
        out.push_str("</section>\n");
    }
    let related: Vec<_> = entry
        .related
        .iter()
        .filter_map(|r| r.page.as_ref())
        .filter(|(slug, _)| *slug != entry.slug)
        .collect();
    if !related.is_empty() {
        out.push_str(
            "<section class=\"related\" aria-labelledby=\"related-heading\">\n\
             <h2 id=\"related-heading\">Related terms</h2>\n<ul>\n",
        );
        for (slug, term) in related {
            let _ = writeln!(
                out,
                "<li><a href=\"../{}\">{}</a></li>",
                html(&page_path(slug)),
                html(term)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    challenge(&mut out, entry, site.max_guesses);
    out.push_str("</article>\n</main>\n");
    if let Some(challenge) = &entry.challenge {
        let _ = writeln!(
            out,
            "<script src=\"../_assets/words-{}.js\"></script>\n<script src=\"../_assets/game.js\"></script>",
            challenge.word.len()
        );
    }
    live_reload(&mut out, options, "../");
    out.push_str("</body>\n</html>\n");
    out
}

fn live_reload(out: &mut String, options: &Options, root: &str) {
    if let Some(version) = options.preview_version {
        let _ = writeln!(
            out,
            "<script src=\"{root}_gloss/live.js\" data-version=\"{version}\"></script>"
        );
    }
}

/// The index page: every term with the first sentence of its definition.
pub fn index_page(site: &Site, options: &Options) -> String {
    let mut json_ld = term_set(options, false);
    json_ld["@context"] = json!("https://schema.org");
    json_ld["hasDefinedTerm"] = site
        .entries
        .values()
        .map(|e| defined_term(e, options, false))
        .collect();
    let mut out = String::with_capacity(256 + site.entries.len() * 256);
    head(&mut out, "Glossary", None, "", &json_ld);
    out.push_str("<body>\n");
    if let Some(problem) = &site.config_problem {
        let _ = writeln!(
            out,
            "<aside class=\"gloss-banner gloss-banner-errors\" role=\"alert\"><p>{}</p></aside>",
            html(problem)
        );
    }
    let n_errors = site.n_errors();
    if options.preview_version.is_some() && n_errors > 0 {
        let n_files = site.entries.values().filter(|e| e.n_errors() > 0).count();
        let _ = writeln!(
            out,
            "<aside class=\"gloss-banner gloss-banner-errors\" role=\"alert\" data-errors=\"{n_errors}\"><p><strong>{}</strong> in {}: their pages list them</p></aside>",
            plural(n_errors, "error"),
            plural(n_files, "file"),
        );
    }
    out.push_str("<main>\n<h1>Glossary</h1>\n<ul class=\"terms\">\n");
    for entry in site.entries.values() {
        let errors = if entry.n_errors() > 0 {
            format!(
                " <span class=\"badge\">{}</span>",
                plural(entry.n_errors(), "error")
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a>{errors}",
            html(&page_path(&entry.slug)),
            html(&entry.term)
        );
        if let Some(definition) = &entry.definition {
            let _ = write!(out, "<p>{}</p>", html(&first_sentence(definition)));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</main>\n");
    live_reload(&mut out, options, "");
    out.push_str("</body>\n</html>\n");
    out
}

/// `glossary.json`: every term as data (docs/preview.md has the shape).
/// The challenge word is published: the game runs in the reader's browser
/// and needs it.
pub fn glossary_json(site: &Site, options: &Options) -> Value {
    let terms: Vec<Value> = site
        .entries
        .values()
        .map(|e| {
            let path = page_path(&e.slug);
            json!({
                "slug": e.slug,
                "term": e.term,
                "aliases": e.aliases,
                "url": absolute(options, &path).unwrap_or(path),
                "definition": e.definition,
                "context": e.context,
                "faqs": e.faqs.iter().map(|f| json!({"question": f.question, "answer": f.answer})).collect::<Vec<_>>(),
                "related": e.related.iter().filter_map(|r| r.page.as_ref().map(|(slug, _)| slug.clone())).collect::<Vec<_>>(),
                "challenge": e.challenge.as_ref().map(|c| json!({
                    "word": c.word,
                    "length": c.word.len(),
                    "hint": c.hint,
                    "prompt": prompt(&e.term, c.word.len()),
                })),
            })
        })
        .collect();
    json!({"version": 1, "max_guesses": site.max_guesses, "terms": terms})
}

/// `_assets/words-N.js`: every guess the game accepts for `length`-letter
/// words (the answer of a page is accepted besides), as the Rust game
/// (`gloss play`) accepts them: the built-in guesses and `extra-words`.
pub fn words_js(dictionary: &Dictionary, length: usize) -> String {
    let words: Vec<&str> = dictionary.guesses(length).collect();
    let mut out = String::with_capacity(64 + words.len() * (length + 1));
    let _ = writeln!(
        out,
        "(self.glossWords = self.glossWords || {{}})[{length}] = \"{}\";",
        words.join(" ")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Challenge, Finding};
    use std::collections::BTreeMap;

    fn entry(slug: &str, term: &str) -> Entry {
        Entry {
            slug: slug.to_owned(),
            path: format!("glossary/{slug}.yaml"),
            file: format!("/site/glossary/{slug}.yaml").into(),
            term: term.to_owned(),
            aliases: Vec::new(),
            definition: Some(format!("{term} is a thing. It has a second sentence.")),
            context: None,
            faqs: Vec::new(),
            related: Vec::new(),
            challenge: Some(Challenge {
                word: "CYCLE".to_owned(),
                hint: None,
            }),
            findings: Vec::new(),
        }
    }

    fn finding(severity: Severity, line: usize) -> Finding {
        Finding {
            line,
            column: 3,
            severity,
            rule: "some-rule",
            message: format!("problem on line {line}"),
        }
    }

    fn site(entries: Vec<Entry>) -> Site {
        Site {
            entries: entries
                .into_iter()
                .map(|e| (e.slug.clone(), e))
                .collect::<BTreeMap<_, _>>(),
            skipped: Vec::new(),
            max_guesses: 6,
            config_problem: None,
        }
    }

    const PREVIEW: Options = Options {
        base_url: None,
        preview_version: Some(7),
    };

    #[test]
    fn first_sentence_ends_at_the_first_full_stop_and_stays_short() {
        assert_eq!(first_sentence("One. Two. Three."), "One.");
        assert_eq!(first_sentence("No stop here"), "No stop here");
        let long = "word ".repeat(60);
        let short = first_sentence(&long);
        assert!(short.ends_with('…'), "{short}");
        assert_eq!(
            short.chars().count(),
            158,
            "157 characters and the ellipsis"
        );
        let exact = "x".repeat(160);
        assert_eq!(first_sentence(&exact), exact);
        let page = term_page(
            &site(vec![entry("a", "A")]),
            &entry("a", "A"),
            &Options::default(),
        );
        assert!(
            page.contains("<meta name=\"description\" content=\"A is a thing.\">"),
            "{page}"
        );
    }

    #[test]
    fn banners_count_errors_and_warnings_and_built_pages_show_errors_only() {
        let mut both = entry("both", "Both");
        both.findings = vec![
            finding(Severity::Error, 1),
            finding(Severity::Warning, 2),
            finding(Severity::Warning, 4),
        ];
        let mut warned = entry("warned", "Warned");
        warned.findings = vec![finding(Severity::Warning, 5)];
        let clean = entry("clean", "Clean");
        let all = site(vec![both.clone(), warned.clone(), clean.clone()]);
        assert_eq!(all.n_errors(), 1);

        let page = term_page(&all, &both, &PREVIEW);
        assert!(
            page.contains("class=\"gloss-banner gloss-banner-errors\""),
            "{page}"
        );
        assert!(
            page.contains("<strong>1 error, 2 warnings</strong>"),
            "{page}"
        );
        assert!(
            page.contains("glossary/both.yaml:4:3</code> warning[some-rule]: problem on line 4")
        );
        let built = term_page(&all, &both, &Options::default());
        assert!(built.contains("<strong>1 error</strong>"), "{built}");
        assert!(!built.contains("line 4"), "warnings are not on built pages");

        let page = term_page(&all, &warned, &PREVIEW);
        assert!(
            page.contains(
                "class=\"gloss-banner gloss-banner-warnings\" role=\"alert\" data-errors=\"0\""
            ),
            "{page}"
        );
        assert!(page.contains("<strong>1 warning</strong>"), "{page}");
        assert!(!term_page(&all, &warned, &Options::default()).contains("gloss-banner"));
        assert!(!term_page(&all, &clean, &PREVIEW).contains("gloss-banner"));
    }

    #[test]
    fn the_preview_index_counts_errors_and_badges_their_terms() {
        let mut one = entry("one", "One");
        one.findings = vec![finding(Severity::Error, 1), finding(Severity::Error, 2)];
        let mut two = entry("two", "Two");
        two.findings = vec![finding(Severity::Error, 1), finding(Severity::Warning, 2)];
        let all = site(vec![one, two, entry("three", "Three")]);
        let index = index_page(&all, &PREVIEW);
        assert!(
            index.contains("<strong>3 errors</strong> in 2 files"),
            "{index}"
        );
        assert!(index.contains("<a href=\"one/\">One</a> <span class=\"badge\">2 errors</span>"));
        assert!(index.contains("<a href=\"two/\">Two</a> <span class=\"badge\">1 error</span>"));
        assert!(index.contains("<a href=\"three/\">Three</a><p>"), "{index}");
        assert!(!index_page(&all, &Options::default()).contains("gloss-banner"));
        let clean = site(vec![entry("three", "Three")]);
        assert!(!index_page(&clean, &PREVIEW).contains("gloss-banner"));
    }

    #[test]
    fn base_url_makes_json_ld_and_glossary_json_urls_absolute() {
        let mut with_alias = entry("sprint", "Sprint");
        with_alias.aliases = vec!["Iteration".to_owned()];
        let all = site(vec![with_alias.clone(), entry("kanban", "Kanban")]);
        let options = Options {
            base_url: Some("https://example.com/glossary/".to_owned()),
            preview_version: None,
        };
        let term = defined_term(&with_alias, &options, true);
        assert_eq!(term["url"], "https://example.com/glossary/sprint/");
        assert_eq!(term["@id"], "https://example.com/glossary/sprint/#term");
        assert_eq!(term["alternateName"], json!(["Iteration"]));
        assert_eq!(
            term_set(&options, true)["url"],
            "https://example.com/glossary/"
        );
        let json = glossary_json(&all, &options);
        assert_eq!(
            json["terms"][1]["url"],
            "https://example.com/glossary/sprint/"
        );
        // Relative without it; no alternateName without aliases.
        let relative = defined_term(&entry("kanban", "Kanban"), &Options::default(), false);
        assert_eq!(relative["url"], "kanban/");
        assert!(relative.get("alternateName").is_none());
        assert_eq!(
            defined_term(&with_alias, &Options::default(), true)["url"],
            "../sprint/"
        );
        assert_eq!(
            glossary_json(&all, &Options::default())["terms"][0]["url"],
            "kanban/"
        );
    }

    #[test]
    fn the_word_list_has_every_accepted_guess_of_its_length() {
        let dictionary = Dictionary::builtin();
        let js = words_js(dictionary, 5);
        let words = js
            .strip_prefix("(self.glossWords = self.glossWords || {})[5] = \"")
            .and_then(|rest| rest.strip_suffix("\";\n"))
            .unwrap_or_else(|| panic!("{}", &js[..80.min(js.len())]));
        let words: Vec<&str> = words.split(' ').collect();
        assert_eq!(words.len(), dictionary.n_guesses(5));
        assert!(
            words
                .iter()
                .all(|w| w.len() == 5 && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
        assert!(words.contains(&"cycle") && words.contains(&"board"));
    }
}
