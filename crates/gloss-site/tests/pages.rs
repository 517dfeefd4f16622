//! The pages `gloss build` writes, parsed back: the structure of the seed
//! page, JSON-LD that parses and names every term, and author text full
//! of markup that comes out as text — no element, attribute, comment or
//! script it could have injected.
//!
//! HTML is parsed by Python's `html.parser` (tests/preview/html_outline.py);
//! the Chromium test (tests/preview_e2e.rs) loads the same markup in a browser.

use gloss_site::build::write_site;
use gloss_site::{Options, Site};
use gloss_workspace::Glossary;
use serde_json::Value;
use std::path::{Path, PathBuf};

const HOSTILE_TERM: &str = r#"Hostile </script><img src=x onerror=alert(1)> "q" & 'a' -->"#;

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A YAML double-quoted scalar of `text`.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn glossary_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(
        &dir.path().join("gloss.toml"),
        "[glossary]\nroot = \"glossary\"\n[faqs]\nmin = 1\n[challenge]\nlengths = [5, 6]\nmax-guesses = 6\n",
    );
    write(
        &dir.path().join("glossary/sprint.yaml"),
        "term: Sprint\ndefinition: A Sprint is a short, time-boxed period of delivery.\n\
         context: Teams plan a sprint, deliver, then review, in a steady cycle.\n\
         faqs:\n  - question: How long is a sprint?\n    answer: Usually two weeks of planned delivery work.\n\
           \x20 - question: Who plans a sprint?\n    answer: The whole team plans it together at the start.\n\
         related: [kanban]\nchallenge:\n  word: CYCLE\n  hint: It repeats\n",
    );
    write(
        &dir.path().join("glossary/kanban.yaml"),
        "term: Kanban\ndefinition: Kanban is a flow method that limits work in progress on a board.\n\
         faqs:\n  - question: What is a Kanban board?\n    answer: A board of columns that shows the flow of work.\n\
         related: [sprint]\nchallenge:\n  word: BOARD\n",
    );
    let hostile = [
        "<script>alert(2)</script>",
        "</script><script>alert(3)</script>",
        "--> <!-- <iframe src=javascript:alert(4)>",
        "\"><svg onload=alert(5)> & &amp; 'x'",
    ];
    let text = format!(
        "term: {}\naliases: [{}]\ndefinition: {}\ncontext: {}\nfaqs:\n  - question: {}\n    answer: {}\nrelated: [sprint, {}]\nchallenge:\n  word: TESTS\n  hint: {}\n",
        quoted(HOSTILE_TERM),
        quoted(hostile[0]),
        quoted(&format!("{HOSTILE_TERM} is {}", hostile[1])),
        quoted(hostile[2]),
        quoted(&format!("{}?", hostile[3])),
        quoted(&hostile.join(" ")),
        quoted("</script>"),
        quoted(hostile[1]),
    );
    write(&dir.path().join("glossary/hostile.yaml"), &text);
    dir
}

fn build(dir: &Path) -> (Site, PathBuf) {
    let glossary = Glossary::load(dir, None);
    let site = Site::from_glossary(&glossary);
    let out = dir.join("out");
    write_site(&site, &glossary.env.dictionary, &out, &Options::default())
        .unwrap_or_else(|e| panic!("build: {e}"));
    (site, out)
}

fn outline(files: &[PathBuf]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/preview/html_outline.py");
    let output = std::process::Command::new("python3")
        .arg(&script)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to parse the pages: {e}"));
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"))
}

fn pages(out: &Path) -> Vec<PathBuf> {
    let mut pages = vec![out.join("index.html")];
    for entry in std::fs::read_dir(out)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let page = entry.path().join("index.html");
        if page.is_file() {
            pages.push(page);
        }
    }
    pages.sort();
    pages
}

/// The elements a page may have; anything else was injected.
const ALLOWED: &[&str] = &[
    "html", "head", "meta", "title", "link", "script", "body", "aside", "p", "strong", "code",
    "ul", "li", "nav", "a", "main", "article", "h1", "h2", "section", "details", "summary", "span",
    "div", "button", "noscript",
];

#[test]
fn hostile_author_text_injects_nothing() {
    let dir = glossary_dir();
    let (site, out) = build(dir.path());
    assert_eq!(site.entries.len(), 3);
    let files = pages(&out);
    assert_eq!(files.len(), 4, "{files:?}");
    let parsed = outline(&files);
    for file in &files {
        let page = &parsed[file.to_string_lossy().as_ref()];
        let name = file.display();
        assert_eq!(page["unclosed"], serde_json::json!([]), "{name}");
        assert_eq!(page["mismatched"], serde_json::json!([]), "{name}");
        assert_eq!(page["comments"], serde_json::json!([]), "{name}");
        assert_eq!(page["unterminated_script"], false, "{name}");
        for element in page["elements"].as_array().into_iter().flatten() {
            let tag = element[0].as_str().unwrap_or_default();
            assert!(ALLOWED.contains(&tag), "{name}: injected <{tag}>");
            for attr in element[1].as_object().into_iter().flatten().map(|(k, _)| k) {
                assert!(
                    !attr.starts_with("on"),
                    "{name}: injected {attr} on <{tag}>"
                );
            }
        }
        // Scripts: exactly the page's own, and their JSON parses.
        for script in page["scripts"].as_array().into_iter().flatten() {
            let attrs = &script["attrs"];
            match attrs["type"].as_str() {
                Some("application/ld+json" | "application/json") => {
                    let text = script["text"].as_str().unwrap_or_default();
                    // `<`, `>` and `&` only as \u escapes: no `</script`,
                    // `<!--` or `<script` for the HTML parser to act on.
                    assert!(
                        !text.contains(['<', '>', '&']),
                        "{name}: raw markup characters in script JSON: {text}"
                    );
                    let _: Value = serde_json::from_str(text)
                        .unwrap_or_else(|e| panic!("{name}: script JSON: {e}: {text}"));
                }
                _ => {
                    let src = attrs["src"].as_str().unwrap_or_default();
                    assert!(
                        src == "../_assets/game.js" || src.starts_with("../_assets/words-"),
                        "{name}: unexpected script {attrs}"
                    );
                    assert_eq!(script["text"], "", "{name}");
                }
            }
        }
    }
    // The hostile text is shown as text, exactly.
    let hostile = &parsed[out.join("hostile/index.html").to_string_lossy().as_ref()];
    let text = hostile["text"].as_str().unwrap_or_default();
    assert!(text.contains(HOSTILE_TERM), "{text}");
    assert!(
        text.contains("<script>alert(2)</script>")
            || text.contains("</script><script>alert(3)</script>")
    );
    assert!(
        text.contains("--> <!-- <iframe src=javascript:alert(4)>"),
        "{text}"
    );
}

fn json_ld(page: &Value) -> Value {
    let script = page["scripts"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["attrs"]["type"] == "application/ld+json")
        .unwrap_or_else(|| panic!("no JSON-LD in {page}"));
    serde_json::from_str(script["text"].as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn json_ld_names_every_term_and_glossary_json_has_every_field() {
    let dir = glossary_dir();
    let (site, out) = build(dir.path());
    let files = pages(&out);
    let parsed = outline(&files);
    let index = json_ld(&parsed[out.join("index.html").to_string_lossy().as_ref()]);
    assert_eq!(index["@type"], "DefinedTermSet");
    let mut names: Vec<&str> = index["hasDefinedTerm"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["@type"] == "DefinedTerm")
        .filter_map(|t| t["name"].as_str())
        .collect();
    names.sort_unstable();
    let mut expected: Vec<&str> = site.entries.values().map(|e| e.term.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(names, expected);
    for entry in site.entries.values() {
        let page = &parsed[out
            .join(&entry.slug)
            .join("index.html")
            .to_string_lossy()
            .as_ref()];
        let ld = json_ld(page);
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "DefinedTerm");
        assert_eq!(ld["name"], entry.term.as_str());
        assert_eq!(ld["inDefinedTermSet"]["@type"], "DefinedTermSet");
        // No FAQPage (docs/preview.md says why).
        assert!(!page["scripts"].to_string().contains("FAQPage"));
    }
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("glossary.json")).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let terms = json["terms"].as_array().cloned().unwrap_or_default();
    assert_eq!(terms.len(), 3);
    let sprint = terms
        .iter()
        .find(|t| t["slug"] == "sprint")
        .cloned()
        .unwrap_or_default();
    assert_eq!(sprint["term"], "Sprint");
    assert_eq!(sprint["faqs"][1]["question"], "Who plans a sprint?");
    assert_eq!(sprint["related"], serde_json::json!(["kanban"]));
    assert_eq!(sprint["challenge"]["word"], "CYCLE");
    assert_eq!(sprint["challenge"]["length"], 5);
    assert_eq!(sprint["challenge"]["hint"], "It repeats");
    let hostile = terms
        .iter()
        .find(|t| t["slug"] == "hostile")
        .cloned()
        .unwrap_or_default();
    assert_eq!(hostile["term"], HOSTILE_TERM);
    // `</script>` names no page: it is not linked.
    assert_eq!(hostile["related"], serde_json::json!(["sprint"]));
}

fn count(page: &Value, tag: &str, attr: Option<(&str, &str)>) -> usize {
    page["elements"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e[0] == tag)
        .filter(|e| attr.is_none_or(|(k, v)| e[1][k] == v))
        .count()
}

#[test]
fn a_term_page_has_the_seed_structure() {
    let dir = glossary_dir();
    let (_, out) = build(dir.path());
    let file = out.join("sprint/index.html");
    let parsed = outline(std::slice::from_ref(&file));
    let page = &parsed[file.to_string_lossy().as_ref()];
    let text = page["text"].as_str().unwrap_or_default();
    for expected in [
        "Glossary",
        "Sprint",
        "A Sprint is a short, time-boxed period of delivery.",
        "Teams plan a sprint, deliver, then review, in a steady cycle.",
        "How long is a sprint?",
        "Knowledge Challenge",
        "Mastered Sprint? Now try to guess the related 5-letter word!",
        "Type or use keyboard",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    let order: Vec<usize> = [
        "Glossary",
        "Sprint",
        "A Sprint is",
        "How long",
        "Knowledge Challenge",
        "Type or use keyboard",
    ]
    .iter()
    .filter_map(|t| text.find(t))
    .collect();
    assert!(order.is_sorted() && order.len() == 6, "{order:?}");
    assert_eq!(count(page, "nav", None), 1);
    assert_eq!(
        count(page, "a", Some(("href", "../"))),
        1,
        "the Glossary crumb"
    );
    assert_eq!(count(page, "h1", None), 1);
    assert_eq!(count(page, "details", None), 2);
    assert_eq!(count(page, "summary", None), 2);
    assert_eq!(
        count(page, "a", Some(("href", "../kanban/"))),
        1,
        "related link"
    );
    assert_eq!(
        count(page, "div", Some(("class", "row"))),
        6,
        "max-guesses rows"
    );
    assert_eq!(
        count(page, "span", Some(("class", "tile"))),
        30,
        "6 rows of 5"
    );
    assert_eq!(count(page, "button", Some(("data-key", "Enter"))), 1);
    assert_eq!(count(page, "button", Some(("data-key", "Backspace"))), 1);
    assert_eq!(count(page, "button", None), 28);
    assert_eq!(count(page, "p", Some(("aria-live", "polite"))), 1);
    // Built without errors: no banner.
    assert_eq!(count(page, "aside", None), 0);
    assert!(out.join("_assets/words-5.js").is_file());
    assert!(out.join("_assets/game.js").is_file());
}

#[test]
fn a_page_with_lint_errors_carries_a_banner_with_line_and_column() {
    let dir = glossary_dir();
    let (site, out) = build(dir.path());
    let hostile = &site.entries["hostile"];
    assert!(hostile.n_errors() > 0, "{:?}", hostile.findings);
    let html = std::fs::read_to_string(out.join("hostile/index.html")).unwrap_or_default();
    assert!(
        html.contains("class=\"gloss-banner gloss-banner-errors\""),
        "{html}"
    );
    let first = hostile
        .findings
        .iter()
        .find(|f| f.severity == gloss_core::Severity::Error)
        .unwrap_or_else(|| panic!("an error"));
    assert!(
        html.contains(&format!(
            "glossary/hostile.yaml:{}:{}</code> error[{}]",
            first.line, first.column, first.rule
        )),
        "{html}"
    );
    let sprint = std::fs::read_to_string(out.join("sprint/index.html")).unwrap_or_default();
    assert!(!sprint.contains("gloss-banner"));
}
