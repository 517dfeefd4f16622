//! The language server, in-process over a duplex pipe: every request kind
//! driven over JSON-RPC, asserting what the editor would show. What each
//! answer holds is tested in depth by the query layer's unit tests
//! (`crates/gloss-ide`); these prove the wiring (positions in both
//! encodings, URIs, protocol shapes) and everything about diagnostics,
//! edits and ordering, which only the server does.

use crate::lsp_support::*;
use serde_json::{Value, json};
use std::path::Path;

async fn started(utf8: bool) -> (tempfile::TempDir, LspClient) {
    let dir = workspace();
    let mut client = LspClient::in_process();
    client.initialize(dir.path(), utf8).await;
    (dir, client)
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": pos(start.0, start.1), "end": pos(end.0, end.1)})
}

/// Apply LSP text edits (UTF-16 positions) to a text.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap_or_default() as usize;
        let character = p["character"].as_u64().unwrap_or_default() as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[line_start..].char_indices() {
            if units >= character || c == '\n' {
                return line_start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut sorted: Vec<&Value> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_owned();
    for edit in sorted {
        let (start, end) = (
            offset(&edit["range"]["start"]),
            offset(&edit["range"]["end"]),
        );
        out.replace_range(start..end, edit["newText"].as_str().unwrap_or_default());
    }
    out
}

/// The code actions at the second character of `needle` in `file` (whose
/// text is `text`).
async fn actions_inside(
    client: &mut LspClient,
    file: &Path,
    text: &str,
    needle: &str,
) -> Vec<Value> {
    let (line, character) = position_of(text, needle);
    let at = (line, character + 1);
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri(file)},
                "range": range(at, at),
                "context": {"diagnostics": []},
            }),
        )
        .await;
    actions.as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_product_ops_manager_in_a_markdown_doc() {
    let (dir, mut client) = started(false).await;
    let doc = dir.path().join("docs/onboarding.md");
    let text = read(&doc);
    let (line, character) = position_of(&text, "Product Ops Manager who");
    let hover = client.hover(&doc, line, character + 8).await;
    let markdown = hover_text(&hover);
    assert!(
        markdown.starts_with("**Product Operations Manager** · *role*"),
        "{markdown}"
    );
    assert!(
        markdown.ends_with("`glossary/product-operations-manager.yaml`"),
        "{markdown}"
    );
    assert_eq!(
        hover["range"],
        range((line, character), (line, character + 19))
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_the_challenge_word_shows_prompt_and_solver_rows() {
    let (dir, mut client) = started(false).await;
    let file = dir.path().join("glossary/product-operations-manager.yaml");
    let text = read(&file);
    let (line, character) = position_of(&text, "SPRINT");
    let hover = client.hover(&file, line, character + 2).await;
    let markdown = hover_text(&hover);
    assert!(
        markdown.contains(
            "Mastered Product Operations Manager? Now try to guess the related 6-letter word!"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("🟩🟩🟩🟩🟩🟩 SPRINT"), "{markdown}");
    assert_eq!(
        hover["range"],
        range((line, character), (line, character + 6))
    );
    client.shutdown().await;
}

const UTF16_TERM: &str = "term: Launch Checklist\ncategory: artifact\ndefinition: >-\n  🎉 用語集: a Launch Checklist every Product Manager signs off.\nfaqs:\n  - question: Who owns it?\n    answer: The team.\n  - question: When is it used?\n    answer: Before launch.\n  - question: Is it long?\n    answer: No.\nrelated: [\"用語🎉\", product-managr]\nchallenge:\n  word: LAUNCH\n";

async fn utf16_and_utf8_positions(utf8: bool) {
    let (dir, mut client) = started(utf8).await;
    let file = dir.path().join("glossary/launch-checklist.yaml");
    client.open(&file, UTF16_TERM);
    // Hover on "Product Manager" after 🎉 (2 UTF-16 units, 4 bytes) and 用語集.
    let (line, character) = position_of(UTF16_TERM, "Product Manager signs");
    let line_text = UTF16_TERM.lines().nth(line as usize).unwrap_or_default();
    let byte_character = line_text.find("Product Manager").unwrap_or_default() as u32;
    assert_eq!((character, byte_character), (35, 43));
    let character = if utf8 { byte_character } else { character };
    let hover = client.hover(&file, line, character + 3).await;
    assert!(
        hover_text(&hover).starts_with("**Product Manager**"),
        "{hover}"
    );
    assert_eq!(
        hover["range"],
        range((line, character), (line, character + 15))
    );
    // The diagnostic on `product-managr`, after "用語🎉".
    let params = client
        .diagnostics(&uri(&file), |p| {
            codes(p).iter().filter(|c| *c == "unknown-related").count() == 2
        })
        .await;
    let diagnostics = params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let typo = diagnostics.iter().find(|d| {
        d["message"]
            .as_str()
            .is_some_and(|m| m.contains("product-managr"))
    });
    let Some(typo) = typo else {
        panic!("no diagnostic for product-managr: {params}");
    };
    let (line, character) = position_of(UTF16_TERM, "product-managr");
    let line_text = UTF16_TERM.lines().nth(line as usize).unwrap_or_default();
    let byte_character = line_text.find("product-managr").unwrap_or_default() as u32;
    assert_eq!((character, byte_character), (18, 24));
    let character = if utf8 { byte_character } else { character };
    assert_eq!(
        typo["range"],
        range((line, character), (line, character + 14))
    );
    assert_eq!(
        typo["message"],
        "no term file for related slug `product-managr`: did you mean one of `product-manager`, `product-owner`?"
    );
    assert_eq!(typo["source"], "gloss");
    assert_eq!(typo["severity"], 1);
    // A completion's edit after "用語🎉" (the typed prefix `product-mana`):
    // its range in the same encoding.
    let items = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(&file)}, "position": pos(line, character + 12)}),
        )
        .await;
    assert_eq!(items["items"][0]["label"], "product-manager", "{items}");
    assert_eq!(
        items["items"][0]["textEdit"]["range"],
        range((line, character), (line, character + 12))
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf16_positions_after_emoji_and_cjk() {
    utf16_and_utf8_positions(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf8_positions_when_the_client_offers_them() {
    let dir = workspace();
    let mut client = LspClient::in_process();
    let result = client.initialize(dir.path(), true).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    client.shutdown().await;
    utf16_and_utf8_positions(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_rapid_edits_then_hover_and_diagnostics_see_the_final_text() {
    let (dir, mut client) = started(false).await;
    let file = dir.path().join("glossary/ordering.yaml");
    let start = "term: Ordering\ncategory: concept\ndefinition: >-\n  Ordering is\nfaqs:\n  - question: A?\n    answer: A.\n  - question: B?\n    answer: B.\n  - question: C?\n    answer: C.\nrelated: [x]\nchallenge:\n  word: ORDER\n";
    client.open(&file, start);
    // Type 470 characters of prose, one edit each, at the end of line 3...
    let prose: String = " and more".repeat(52).chars().take(443).collect::<String>()
        + " with a Product Ops Manager";
    assert_eq!(prose.len(), 470);
    let mut version = 1;
    let mut column = "  Ordering is".len() as u32;
    for c in prose.chars() {
        version += 1;
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(&file), "version": version},
                "contentChanges": [{"range": range((3, column), (3, column)), "text": c.to_string()}],
            }),
        );
        column += 1;
    }
    // ...then 29 more into the `related` entry, replacing `x` letter by letter.
    let slug = "no-such-term-typed-key-by-key";
    let related_line = 11;
    let first_column = "related: [".len() as u32;
    for (related_column, (i, c)) in (first_column..).zip(slug.chars().enumerate()) {
        version += 1;
        let end = if i == 0 {
            related_column + 1
        } else {
            related_column
        };
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(&file), "version": version},
                "contentChanges": [{"range": range((related_line, related_column), (related_line, end)), "text": c.to_string()}],
            }),
        );
    }
    // One more makes 500.
    version += 1;
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(&file), "version": version},
            "contentChanges": [{"range": range((3, column), (3, column)), "text": "."}],
        }),
    );
    assert_eq!(version - 1, 500);
    // Hover right away: the mention typed last in the prose is there.
    let line_3 = format!("  Ordering is{prose}.");
    let at = line_3.find("Product Ops Manager").unwrap_or_default() as u32;
    let hover = client.hover(&file, 3, at + 4).await;
    assert!(
        hover_text(&hover).starts_with("**Product Operations Manager**"),
        "{hover}"
    );
    assert_eq!(hover["range"], range((3, at), (3, at + 19)));
    // Diagnostics for the final version name the whole slug; none published
    // afterwards for an older version.
    let final_version = version;
    let params = client
        .diagnostics(&uri(&file), |p| p["version"] == json!(final_version))
        .await;
    let unknown: Vec<&Value> = params["diagnostics"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter(|d| d["code"] == "unknown-related")
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(unknown.len(), 1, "{params}");
    assert_eq!(
        unknown[0]["message"],
        format!("no term file for related slug `{slug}`")
    );
    assert_eq!(
        unknown[0]["range"],
        range((related_line, 10), (related_line, 10 + slug.len() as u32))
    );
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri(&file)}}),
        )
        .await;
    assert_eq!(symbols[0]["name"], "Ordering");
    assert!(
        client
            .notifications
            .iter()
            .filter(|n| n["params"]["uri"] == uri(&file).as_str())
            .all(|n| n["params"]["version"].as_i64() >= Some(i64::from(final_version))),
        "an older version was published after the final one"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_related_is_published_fixed_and_cleared_by_a_new_file() {
    let (dir, mut client) = started(false).await;
    let original = read(&dir.path().join("glossary/epic.yaml"));
    let text = original.replace("term: Epic", "term: Epic Copy").replace(
        "related: [user-story, product-backlog, product-roadmap, sprint]",
        "related: [product-backlogg, brand-new-term]",
    );
    let file = dir.path().join("glossary/epic-copy.yaml");
    client.open(&file, &text);
    let params = client
        .diagnostics(&uri(&file), |p| {
            codes(p).iter().filter(|c| *c == "unknown-related").count() == 2
        })
        .await;
    let messages: Vec<&str> = params["diagnostics"]
        .as_array()
        .map(|l| l.iter().filter_map(|d| d["message"].as_str()).collect())
        .unwrap_or_default();
    assert!(messages.contains(
        &"no term file for related slug `product-backlogg`: did you mean `product-backlog`?"
    ));
    assert!(messages.contains(&"no term file for related slug `brand-new-term`"));
    // The quick fix on the typo.
    let actions = actions_inside(&mut client, &file, &text, "product-backlogg").await;
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(
        actions[0]["title"],
        "replace `product-backlogg` with `product-backlog`"
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    // A slug guessed by its spelling is an unsafe fix: offered, not preferred.
    assert_ne!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "unknown-related");
    let edits = actions[0]["edit"]["changes"][uri(&file)]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let fixed = apply_edits(&text, &edits);
    assert!(
        fixed.contains("related: [product-backlog, brand-new-term]"),
        "{fixed}"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&file), "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let params = client.diagnostics(&uri(&file), |p| p["version"] == 2).await;
    assert_eq!(
        codes(&params)
            .iter()
            .filter(|c| *c == "unknown-related")
            .count(),
        1,
        "{params}"
    );
    // Creating the missing term on disk clears the last one.
    let created = dir.path().join("glossary/brand-new-term.yaml");
    write(
        &created,
        &read(&dir.path().join("glossary/sprint.yaml")).replacen(
            "term: Sprint",
            "term: Brand New Term",
            1,
        ),
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&created), "type": 1}]}),
    );
    let params = client
        .diagnostics(&uri(&file), |p| {
            !codes(p).iter().any(|c| c == "unknown-related")
        })
        .await;
    assert_eq!(params["version"], 2);
    // Deleting it brings the finding back.
    std::fs::remove_file(&created).ok();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&created), "type": 3}]}),
    );
    client
        .diagnostics(&uri(&file), |p| {
            codes(p).iter().any(|c| c == "unknown-related")
        })
        .await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_faq_topic_is_published_with_its_topic_as_data() {
    let (dir, mut client) = started(false).await;
    let file = dir.path().join("glossary/product-owner.yaml");
    let text = read(&file);
    let Some(from) = text.find("  - question: What is a typical career path") else {
        panic!("the fixture changed");
    };
    let Some(to) = text[from..]
        .find("  - question: Can a Product Owner")
        .map(|i| from + i)
    else {
        panic!("the fixture changed");
    };
    client.open(&file, &format!("{}{}", &text[..from], &text[to..]));
    let params = client
        .diagnostics(&uri(&file), |p| {
            codes(p).contains(&"missing-faq-topic".to_owned())
        })
        .await;
    let diagnostic = params["diagnostics"]
        .as_array()
        .and_then(|l| l.iter().find(|d| d["code"] == "missing-faq-topic").cloned())
        .unwrap_or_default();
    assert_eq!(
        diagnostic["data"],
        json!({"action": "add-faq", "topic": "career-path"})
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_related_entry_written_as_a_name_follows_that_name() {
    // `related: [Kanban Board]` names no slug; once Kanban gets the alias
    // Kanban Board, the entry's finding must suggest `kanban` at once,
    // though epic.yaml itself did not change.
    let (dir, mut client) = started(false).await;
    let epic = dir.path().join("glossary/epic.yaml");
    let kanban = dir.path().join("glossary/kanban.yaml");
    let text = read(&epic).replace(
        "related: [user-story, product-backlog, product-roadmap, sprint]",
        "related: [user-story, Kanban Board]",
    );
    client.open(&epic, &text);
    let params = client
        .diagnostics(&uri(&epic), |p| {
            codes(p).iter().any(|c| c == "unknown-related")
        })
        .await;
    assert_eq!(
        params["diagnostics"][0]["message"],
        "no term file for related slug `Kanban Board`"
    );
    let kanban_text = read(&kanban);
    client.open(&kanban, &kanban_text);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&kanban), "version": 2},
               "contentChanges": [{"text": kanban_text.replacen("term: Kanban\n", "term: Kanban\naliases: [Kanban Board]\n", 1)}]}),
    );
    let params = client
        .diagnostics(&uri(&epic), |p| {
            p["diagnostics"][0]["message"]
                == "no term file for related slug `Kanban Board`: did you mean `kanban`?"
        })
        .await;
    assert_eq!(params["version"], 1);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fixing_a_duplicate_in_one_file_clears_the_other() {
    let (dir, mut client) = started(false).await;
    let epic = dir.path().join("glossary/epic.yaml");
    let kanban = dir.path().join("glossary/kanban.yaml");
    let text = read(&epic);
    client.open(&epic, &text);
    let duplicated = text.replacen(
        "category: artifact",
        "aliases: [KANBAN]\ncategory: artifact",
        1,
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&epic), "version": 2}, "contentChanges": [{"text": duplicated}]}),
    );
    let params = client
        .diagnostics(&uri(&epic), |p| {
            codes(p).contains(&"duplicate-term".to_owned())
        })
        .await;
    let duplicate = &params["diagnostics"][0];
    assert_eq!(
        duplicate["message"],
        "`KANBAN` is also a term or alias in `glossary/kanban.yaml`"
    );
    assert_eq!(
        duplicate["relatedInformation"][0]["location"]["uri"],
        uri(&kanban)
    );
    assert_eq!(
        duplicate["relatedInformation"][0]["location"]["range"],
        range((0, 6), (0, 12))
    );
    // The other file, never opened, gets its side of it.
    let params = client
        .diagnostics(&uri(&kanban), |p| {
            codes(p).contains(&"duplicate-term".to_owned())
        })
        .await;
    assert_eq!(
        params["diagnostics"][0]["message"],
        "`Kanban` is also a term or alias in `glossary/epic.yaml`"
    );
    // Fix it in the first: both clear.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&epic), "version": 3}, "contentChanges": [{"text": text}]}),
    );
    client
        .diagnostics(&uri(&epic), |p| p["version"] == 3 && codes(p).is_empty())
        .await;
    client
        .diagnostics(&uri(&kanban), |p| codes(p).is_empty())
        .await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_to_a_widely_shared_word_publishes_its_file_first_and_each_other_once() {
    const N: usize = 150;
    let dir = workspace();
    let sprint = read(&dir.path().join("glossary/sprint.yaml"));
    for i in 0..N {
        write(
            &dir.path()
                .join(format!("glossary/shared-practice-{i}.yaml")),
            &sprint.replacen("term: Sprint", &format!("term: Shared Practice {i}"), 1),
        );
    }
    let mut client = LspClient::in_process();
    client.initialize(dir.path(), false).await;
    // sprint.yaml sorts after every copy: the worker must pick it out of
    // the affected files, not meet it last.
    let edited = dir.path().join("glossary/sprint.yaml");
    // Sprint and the N copies share CADENCE: each of them gets one finding
    // that counts the others, never one per pair.
    let params = client
        .diagnostics(&uri(&edited), |p| {
            codes(p).iter().any(|c| c == "challenge-word-duplicate")
        })
        .await;
    let duplicates: Vec<&Value> = params["diagnostics"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter(|d| d["code"] == "challenge-word-duplicate")
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(duplicates.len(), 1, "{params}");
    assert_eq!(
        duplicates[0]["message"],
        format!(
            "`CADENCE` is also the challenge word of {N} other terms: `glossary/shared-practice-0.yaml`, `glossary/shared-practice-1.yaml`, `glossary/shared-practice-10.yaml` and {} more",
            N - 3
        )
    );
    assert_eq!(
        duplicates[0]["relatedInformation"].as_array().map(Vec::len),
        Some(3)
    );
    // Let the initial publishes finish, then edit the word of one file.
    client
        .publishes_until_quiet(std::time::Duration::from_millis(500))
        .await;
    let text = read(&edited);
    client.open(&edited, &text);
    client
        .diagnostics(&uri(&edited), |p| p["version"] == 1)
        .await;
    client
        .publishes_until_quiet(std::time::Duration::from_millis(300))
        .await;
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&edited), "version": 2},
               "contentChanges": [{"text": text.replace("word: CADENCE", "word: RHYTHM")}]}),
    );
    let publishes = client
        .publishes_until_quiet(std::time::Duration::from_millis(500))
        .await;
    assert_eq!(
        publishes.first().map(|p| &p["uri"]),
        Some(&json!(uri(&edited)))
    );
    assert_eq!(publishes[0]["version"], 2);
    let mut per_uri: std::collections::BTreeMap<String, usize> = Default::default();
    for p in &publishes {
        *per_uri
            .entry(p["uri"].as_str().unwrap_or_default().to_owned())
            .or_default() += 1;
    }
    // The edited file and the N copies that shared its word, each once.
    assert_eq!(per_uri.len(), N + 1, "{per_uri:?}");
    assert!(per_uri.values().all(|&n| n == 1), "{per_uri:?}");
    let other = uri(&dir.path().join("glossary/shared-practice-7.yaml"));
    let after = publishes.iter().find(|p| p["uri"] == other.as_str());
    let message = after
        .and_then(|p| p["diagnostics"].as_array())
        .and_then(|l| l.iter().find(|d| d["code"] == "challenge-word-duplicate"))
        .map(|d| d["message"].clone());
    assert_eq!(
        message,
        Some(json!(format!(
            "`CADENCE` is also the challenge word of {} other terms: `glossary/shared-practice-0.yaml`, `glossary/shared-practice-1.yaml`, `glossary/shared-practice-10.yaml` and {} more",
            N - 1,
            N - 4
        )))
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_and_references_from_a_mention() {
    let (dir, mut client) = started(false).await;
    let doc = dir.path().join("docs/onboarding.md");
    let pom = dir.path().join("glossary/product-operations-manager.yaml");
    let text = read(&doc);
    let (line, character) = position_of(&text, "Product Ops Manager who");
    let at = json!({"textDocument": {"uri": uri(&doc)}, "position": pos(line, character)});
    let definition = client.request("textDocument/definition", at.clone()).await;
    assert_eq!(
        definition,
        json!([{"uri": uri(&pom), "range": range((0, 6), (0, 32))}])
    );
    let mut params = at.clone();
    params["context"] = json!({"includeDeclaration": true});
    let references = client.request("textDocument/references", params).await;
    let references = references.as_array().cloned().unwrap_or_default();
    assert_eq!(
        references[0],
        json!({"uri": uri(&pom), "range": range((0, 6), (0, 32))})
    );
    let head = dir.path().join("glossary/head-of-product-operations.yaml");
    let head_text = read(&head);
    let (line, character) = position_of(&head_text, "product-operations-manager,");
    assert!(
        references.contains(
            &json!({"uri": uri(&head), "range": range((line, character), (line, character + 26))})
        ),
        "the `related` entry of head-of-product-operations is a reference"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_a_slug_renames_the_file_and_every_related_entry() {
    let (dir, mut client) = started(false).await;
    let head = dir.path().join("glossary/head-of-product-operations.yaml");
    let head_text = read(&head);
    let (line, character) = position_of(&head_text, "product-operations-manager,");
    let at = json!({"textDocument": {"uri": uri(&head)}, "position": pos(line, character + 2)});
    let prepared = client
        .request("textDocument/prepareRename", at.clone())
        .await;
    assert_eq!(
        prepared,
        json!({"range": range((line, character), (line, character + 26)), "placeholder": "product-operations-manager"})
    );
    let mut params = at;
    params["newName"] = json!("product-ops-manager");
    let edit = client.request("textDocument/rename", params).await;
    let operations = edit["documentChanges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let pom = dir.path().join("glossary/product-operations-manager.yaml");
    assert_eq!(
        operations.last(),
        Some(
            &json!({"kind": "rename", "oldUri": uri(&pom), "newUri": uri(&dir.path().join("glossary/product-ops-manager.yaml"))})
        )
    );
    let head_edit = operations
        .iter()
        .find(|op| op["textDocument"]["uri"] == uri(&head).as_str());
    assert_eq!(
        head_edit.map(|op| op["edits"].clone()),
        Some(
            json!([{"range": range((line, character), (line, character + 26)), "newText": "product-ops-manager"}])
        )
    );
    // Not a slug: refused with a reason.
    let bad = client
        .call(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri(&head)}, "position": pos(line, character + 2), "newName": "Product Ops"}),
        )
        .await;
    assert!(
        bad["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`Product Ops` is not a slug")),
        "{bad}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_of_related_slugs_and_categories() {
    let (dir, mut client) = started(false).await;
    let file = dir.path().join("glossary/new-term.yaml");
    let text = "term: New Term\ncategory: ro\nrelated: [product-man\n";
    client.open(&file, text);
    let items = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(&file)}, "position": pos(2, 21)}),
        )
        .await;
    let labels: Vec<&str> = items["items"]
        .as_array()
        .map(|l| l.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, vec!["product-manager"]);
    assert_eq!(items["items"][0]["detail"], "Product Manager");
    assert_eq!(
        items["items"][0]["textEdit"]["range"],
        range((2, 10), (2, 21))
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_and_workspace_symbols() {
    let (dir, mut client) = started(false).await;
    let file = dir.path().join("glossary/product-operations-manager.yaml");
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri(&file)}}),
        )
        .await;
    assert_eq!(symbols[0]["name"], "Product Operations Manager");
    assert_eq!(symbols[0]["detail"], "role");
    assert_eq!(symbols[0]["children"][3]["detail"], "SPRINT");
    let found = client
        .request("workspace/symbol", json!({"query": "jtbd"}))
        .await;
    assert_eq!(found[0]["name"], "JTBD");
    assert_eq!(found[0]["containerName"], "Jobs to Be Done");
    assert_eq!(
        found[0]["location"]["uri"],
        uri(&dir.path().join("glossary/jobs-to-be-done.yaml"))
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_lens_on_the_challenge_word() {
    let (dir, mut client) = started(false).await;
    let file = dir.path().join("glossary/product-operations-manager.yaml");
    let text = read(&file);
    let lenses = client
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": uri(&file)}}),
        )
        .await;
    let (line, character) = position_of(&text, "challenge:");
    assert_eq!(
        lenses[0]["range"],
        range((line, character), (line, character + 9))
    );
    let title = lenses[0]["command"]["title"].as_str().unwrap_or_default();
    assert!(title.starts_with("6 letters · solved in "), "{title}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_term_file_created_on_disk_is_hovered_escaped() {
    let (dir, mut client) = started(false).await;
    let evil = dir.path().join("glossary/evil.yaml");
    write(
        &evil,
        "term: Evil Term\ndefinition: \"Evil Term: [click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold**\"\nfaqs: []\nchallenge:\n  word: EVILS\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&evil), "type": 1}]}),
    );
    let doc = dir.path().join("docs/evil.md");
    client.open(&doc, "Beware the Evil Term.\n");
    let hover = client.hover(&doc, 0, 12).await;
    let markdown = hover_text(&hover);
    assert!(
        markdown.contains(r"\[click\](command:workbench.action.terminal.new) \<img src=x onerror=alert(1)\> \*\*bold\*\*"),
        "{markdown}"
    );
    // Every character that could open a link, HTML or emphasis is escaped.
    for (at, c) in markdown.char_indices() {
        if matches!(c, '[' | ']' | '<' | '>') {
            assert!(
                markdown[..at].ends_with('\\'),
                "an unescaped {c:?} in {markdown:?}"
            );
        }
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_reload_on_gloss_toml_change() {
    let (dir, mut client) = started(false).await;
    let file = dir.path().join("glossary/epic.yaml");
    client.open(&file, &read(&file));
    client
        .diagnostics(&uri(&file), |p| codes(p).is_empty())
        .await;
    let config = dir.path().join("gloss.toml");
    write(&config, &read(&config).replace("min = 3", "min = 5"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    let params = client
        .diagnostics(&uri(&file), |p| {
            codes(p).contains(&"missing-faqs".to_owned())
        })
        .await;
    assert_eq!(params["version"], 1);
    // A broken config is reported on gloss.toml; the defaults apply.
    write(&config, "[faqs]\nmin = \"three\"\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    let params = client
        .diagnostics(&uri(&config), |p| !codes(p).is_empty())
        .await;
    assert_eq!(params["diagnostics"][0]["range"]["start"]["line"], 1);
    client
        .diagnostics(&uri(&file), |p| codes(p).is_empty())
        .await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_never_crashes_the_server() {
    let (dir, mut client) = started(false).await;
    let file = dir.path().join("glossary/epic.yaml");
    // An unknown method is an error response, not a crash.
    let unknown = client.call("gloss/unknownMethod", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    // Malformed JSON and a body that is no JSON-RPC message: error
    // responses, and the session goes on.
    client.send_raw(frame("{not json"));
    client.send_raw(frame("{\"hello\": 1}"));
    // Wrong params.
    let wrong = client
        .call("textDocument/hover", json!({"nonsense": true}))
        .await;
    assert_eq!(wrong["error"]["code"], -32602);
    // Positions far past the end.
    assert_eq!(client.hover(&file, 9999, 9999).await, Value::Null);
    let far = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(&file)}, "position": pos(u32::MAX, u32::MAX)}),
        )
        .await;
    assert_eq!(far, Value::Null);
    // Edits to a document that was never opened, and to one past its end.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&dir.path().join("glossary/nope.yaml")), "version": 2},
               "contentChanges": [{"range": range((5, 5), (9, 9)), "text": "x"}]}),
    );
    client.open(&file, "term: Epic\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&file), "version": 2},
               "contentChanges": [{"range": range((500, 3), (2, 1)), "text": "# end"}]}),
    );
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri(&file)}}),
        )
        .await;
    assert_eq!(symbols[0]["name"], "Epic");
    // Non-file URIs.
    let other = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": "untitled:Untitled-1"}, "position": pos(0, 0)}),
        )
        .await;
    assert_eq!(other, Value::Null);
    let errors: Vec<i64> = client
        .notifications
        .iter()
        .filter(|m| m["id"].is_null() && m.get("method").is_none())
        .filter_map(|m| m["error"]["code"].as_i64())
        .collect();
    assert_eq!(errors, vec![-32700, -32600]);
    // Still serving.
    let hover = client
        .hover(&dir.path().join("docs/onboarding.md"), 2, 30)
        .await;
    assert!(hover_text(&hover).starts_with("**Product Operations Manager**"));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_watchers_are_registered_when_the_client_can_watch() {
    let dir = workspace();
    let mut client = LspClient::in_process();
    client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(dir.path()),
                "capabilities": {
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
                },
            }),
        )
        .await;
    client.notify("initialized", json!({}));
    let request = client
        .message_with_method("client/registerCapability")
        .await;
    let registration = &request["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    assert_eq!(
        globs,
        ["**/*.{yaml,yml}", "**/*.{md,mdx,markdown}", "**/gloss.toml"]
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_file_watchers_are_asked_of_a_client_that_cannot_watch() {
    let (dir, mut client) = started(false).await;
    // A request after `initialized`: any registration would come before
    // its answer is looked at.
    let sprint = path_buf(&dir, "glossary/sprint.yaml");
    client.hover(&sprint, 0, 0).await;
    assert!(
        !client
            .notifications
            .iter()
            .any(|m| m["method"] == "client/registerCapability"),
        "{:?}",
        client.notifications
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn docs_findings_are_published_fixed_and_follow_the_glossary() {
    let (dir, mut client) = started(false).await;
    // Unopened: the doc's first mentions are published from the disk.
    let doc = dir.path().join("docs/onboarding.md");
    let text = read(&doc);
    let params = client
        .diagnostics(&uri(&doc), |p| {
            codes(p).iter().any(|c| c == "unlinked-mention")
        })
        .await;
    assert_eq!(params["version"], Value::Null, "not opened");
    let n_unlinked = codes(&params).len();
    assert!(n_unlinked >= 2, "{params}");
    assert!(codes(&params).iter().all(|c| c == "unlinked-mention"));
    // Opened: the quick fix on one mention and the whole-file fix.
    client.open(&doc, &text);
    client.diagnostics(&uri(&doc), |p| p["version"] == 1).await;
    let actions = actions_inside(&mut client, &doc, &text, "Product Ops Manager who").await;
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "unlinked-mention");
    assert_eq!(titles[1], "link every first mention in this file");
    let edits = actions[1]["edit"]["changes"][uri(&doc)]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let linked = apply_edits(&text, &edits);
    assert_eq!(
        linked.matches("](/glossary/").count(),
        n_unlinked,
        "{linked}"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&doc), "version": 2}, "contentChanges": [{"text": linked}]}),
    );
    let params = client.diagnostics(&uri(&doc), |p| p["version"] == 2).await;
    assert_eq!(codes(&params), Vec::<String>::new(), "{params}");
    // A broken link and the slug completion in a link destination.
    let broken = format!("{linked}\nSee [the board](/glossary/kanbn/) and [x](/glossary/spr\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&doc), "version": 3}, "contentChanges": [{"text": broken}]}),
    );
    let params = client.diagnostics(&uri(&doc), |p| p["version"] == 3).await;
    assert!(
        codes(&params).contains(&"broken-term-link".to_owned()),
        "{params}"
    );
    let last_line = broken.lines().count() as u32 - 1;
    let end = broken.lines().last().map_or(0, |l| l.len()) as u32;
    let items = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri(&doc)}, "position": pos(last_line, end)}),
        )
        .await;
    let labels: Vec<&str> = items["items"]
        .as_array()
        .map(|l| l.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        labels.contains(&"sprint") && labels.contains(&"sprint-review"),
        "{labels:?}"
    );
    let sprint = items["items"]
        .as_array()
        .and_then(|l| l.iter().find(|i| i["label"] == "sprint").cloned())
        .unwrap_or_default();
    assert_eq!(sprint["textEdit"]["newText"], "sprint/");
    assert_eq!(
        sprint["textEdit"]["range"],
        range((last_line, end - 3), (last_line, end))
    );
    // A deprecated name added to a term reaches the doc, which is checked
    // again without being touched.
    let kanban = dir.path().join("glossary/kanban.yaml");
    let kanban_text = read(&kanban);
    client.open(&kanban, &format!("{kanban_text}deprecated: [squad]\n"));
    let params = client
        .diagnostics(&uri(&doc), |p| {
            codes(p).iter().any(|c| c == "deprecated-name")
        })
        .await;
    assert_eq!(params["version"], 3);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unused_term_is_published_on_unopened_terms_and_follows_the_docs() {
    let dir = workspace();
    let config = dir.path().join("gloss.toml");
    write(
        &config,
        &format!("{}\n[rules]\nunused-term = \"info\"\n", read(&config)),
    );
    let orphan = dir.path().join("glossary/orphan-term.yaml");
    write(
        &orphan,
        "term: Orphan Term\ndefinition: An orphan term is one that no page uses.\n",
    );
    let mut client = LspClient::in_process();
    client.initialize(dir.path(), false).await;
    // Never opened: published once every doc and term was read.
    let params = client
        .diagnostics(&uri(&orphan), |p| {
            codes(p).iter().any(|c| c == "unused-term")
        })
        .await;
    let unused: Vec<&Value> = params["diagnostics"]
        .as_array()
        .map(|d| d.iter().filter(|d| d["code"] == "unused-term").collect())
        .unwrap_or_default();
    assert_eq!(unused.len(), 1, "{params}");
    assert_eq!(unused[0]["range"], range((0, 6), (0, 17)));
    assert_eq!(unused[0]["severity"], 3, "information");
    // A doc starts to mention it: the term is published again without it,
    // though neither it nor the doc's disk file changed.
    let doc = dir.path().join("docs/onboarding.md");
    let text = read(&doc);
    client.open(
        &doc,
        &format!("{text}\nEvery Orphan Term deserves a page.\n"),
    );
    client
        .diagnostics(&uri(&orphan), |p| {
            !codes(p).iter().any(|c| c == "unused-term")
        })
        .await;
    // And the mention goes again.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&doc), "version": 2}, "contentChanges": [{"text": text}]}),
    );
    client
        .diagnostics(&uri(&orphan), |p| {
            codes(p).iter().any(|c| c == "unused-term")
        })
        .await;
    client.shutdown().await;
}
