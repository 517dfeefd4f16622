//! The language server in real project layouts: whatever the editor calls
//! its root, a document belongs to the glossary of the nearest `gloss.toml`
//! above it — the workspace folder being the glossary root itself (Emacs
//! without git), a folder above a nested `gloss.toml` (a docs site in a
//! monorepo), several glossaries in one workspace, and documents under no
//! `gloss.toml` at all.

use crate::lsp_support::*;
use serde_json::{Value, json};
use std::path::Path;
use std::time::Duration;

async fn initialize_folders(client: &mut LspClient, folders: &[&Path]) {
    let folders: Vec<Value> = folders
        .iter()
        .map(|f| json!({"uri": uri(f), "name": "folder"}))
        .collect();
    client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": folders[0]["uri"],
                "workspaceFolders": folders,
                "capabilities": {},
            }),
        )
        .await;
    client.notify("initialized", json!({}));
}

fn write_file(path: &Path, text: &str) {
    if let Some(parent) = path.parent()
        && let Err(err) = std::fs::create_dir_all(parent)
    {
        panic!("cannot create {}: {err}", parent.display());
    }
    write(path, text);
}

/// The shipped glossary, `gloss.toml` and the test docs, under `site/`.
fn nested_site() -> tempfile::TempDir {
    let from = workspace();
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("cannot create a temp dir: {err}"),
    };
    if let Err(err) = std::fs::rename(from.path(), dir.path().join("site")) {
        panic!("cannot move the workspace: {err}");
    }
    dir
}

/// Open the shipped Product Operations Manager: no errors (its `related`
/// slugs resolve, so the whole glossary is indexed), and a hover on
/// `Product Manager` in its FAQ shows that term.
async fn assert_glossary_works(client: &mut LspClient, glossary: &Path) {
    let pom = glossary.join("product-operations-manager.yaml");
    let text = read(&pom);
    client.open(&pom, &text);
    let published = client.diagnostics(&uri(&pom), |_| true).await;
    assert!(
        codes(&published).is_empty(),
        "findings on a clean term: {published}"
    );
    let (line, character) = position_of(&text, "Product Manager?");
    let hover = hover_text(&client.hover(&pom, line, character + 2).await);
    assert!(hover.starts_with("**Product Manager**"), "{hover}");
    assert!(hover.contains("`glossary/product-manager.yaml`"), "{hover}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_folder_that_is_the_glossary_root_finds_the_config_above() {
    let dir = workspace();
    let mut client = LspClient::in_process();
    let glossary = dir.path().join("glossary");
    initialize_folders(&mut client, &[&glossary]).await;
    assert_glossary_works(&mut client, &glossary).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_folder_above_a_nested_config_loads_it_on_first_open() {
    let dir = nested_site();
    let mut client = LspClient::in_process();
    initialize_folders(&mut client, &[dir.path()]).await;
    let site = dir.path().join("site");
    assert_glossary_works(&mut client, &site.join("glossary")).await;
    // The site's docs are its docs: a mention in Markdown hovers.
    let doc = site.join("docs/onboarding.md");
    let text = read(&doc);
    client.open(&doc, &text);
    let (line, character) = position_of(&text, "Product Ops Manager who");
    let hover = hover_text(&client.hover(&doc, line, character + 2).await);
    assert!(
        hover.starts_with("**Product Operations Manager**"),
        "{hover}"
    );
    client.shutdown().await;
}

fn widget(team: &str) -> String {
    format!(
        "term: Widget\ndefinition: A Widget of team {team} is a small dial.\nfaqs:\n  \
         - question: What is a Widget?\n    answer: A small dial that team {team} turns.\n\
         challenge:\n  word: DIALS\n"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_glossaries_in_one_workspace_keep_their_own_terms_and_config() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("cannot create a temp dir: {err}"),
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    // Team A asks for one FAQ, team B for the default three.
    write_file(&a.join("gloss.toml"), "[faqs]\nmin = 1\n");
    write_file(&b.join("gloss.toml"), "");
    write_file(&a.join("glossary/widget.yaml"), &widget("A"));
    write_file(&b.join("glossary/widget.yaml"), &widget("B"));
    write_file(
        &a.join("glossary/gadget.yaml"),
        "term: Gadget\ndefinition: A Gadget holds a Widget.\nfaqs:\n  \
         - question: What is a Gadget?\n    answer: It holds a Widget.\n",
    );
    let mut client = LspClient::in_process();
    // Both folders are loaded at start-up: B's term file is checked
    // without being opened.
    initialize_folders(&mut client, &[&a, &b]).await;
    let b_widget = b.join("glossary/widget.yaml");
    let published = client
        .diagnostics(&uri(&b_widget), |p| !codes(p).is_empty())
        .await;
    let b_codes = codes(&published);
    assert!(b_codes.contains(&"missing-faqs".to_owned()), "{b_codes:?}");
    // The same term in both glossaries is no duplicate.
    assert!(
        !b_codes.contains(&"duplicate-term".to_owned()),
        "{b_codes:?}"
    );
    let a_widget = a.join("glossary/widget.yaml");
    client.open(&a_widget, &read(&a_widget));
    let published = client.diagnostics(&uri(&a_widget), |_| true).await;
    let a_codes = codes(&published);
    assert!(!a_codes.contains(&"missing-faqs".to_owned()), "{a_codes:?}");
    assert!(
        !a_codes.contains(&"duplicate-term".to_owned()),
        "{a_codes:?}"
    );

    // Each doc hovers its own glossary's Widget; B has no Gadget.
    let text = "A Widget and a Gadget.\n";
    for (folder, team) in [(&a, "A"), (&b, "B")] {
        let doc = folder.join("notes.md");
        write_file(&doc, text);
        client.open(&doc, text);
        let hover = hover_text(&client.hover(&doc, 0, 3).await);
        assert!(
            hover.contains(&format!("A Widget of team {team} is")),
            "team {team}: {hover}"
        );
        let gadget = client.hover(&doc, 0, 16).await;
        if team == "A" {
            assert!(hover_text(&gadget).starts_with("**Gadget**"), "{gadget}");
        } else {
            assert_eq!(gadget, Value::Null, "B's doc hovers A's Gadget");
        }
    }
    // Workspace symbols come from both.
    let symbols = client
        .request("workspace/symbol", json!({"query": "Widget"}))
        .await;
    let files: Vec<&str> = symbols
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["location"]["uri"].as_str())
        .collect();
    assert!(
        files.contains(&uri(&a_widget).as_str()) && files.contains(&uri(&b_widget).as_str()),
        "{symbols}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_under_no_config_gets_nothing_until_one_appears() {
    let dir = nested_site();
    let notes = dir.path().join("notes");
    let mut client = LspClient::in_process();
    initialize_folders(&mut client, &[dir.path()]).await;
    // Broken YAML and a Markdown doc naming a shipped term, outside `site/`.
    let broken = notes.join("broken.yaml");
    let broken_text = "term: [\nfaqs: 3\n";
    write_file(&broken, broken_text);
    let readme = notes.join("readme.md");
    write_file(&readme, "A Product Manager decides.\n");
    client.open(&broken, broken_text);
    client.open(&readme, "A Product Manager decides.\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&broken), "version": 2},
               "contentChanges": [{"range": {"start": {"line": 1, "character": 0},
                                             "end": {"line": 1, "character": 0}},
                                   "text": "definition: x\n"}]}),
    );
    for (path, method, extra) in [
        (
            &readme,
            "textDocument/hover",
            json!({"position": {"line": 0, "character": 4}}),
        ),
        (
            &readme,
            "textDocument/definition",
            json!({"position": {"line": 0, "character": 4}}),
        ),
        (
            &broken,
            "textDocument/completion",
            json!({"position": {"line": 0, "character": 7}}),
        ),
        (&broken, "textDocument/documentSymbol", json!({})),
        (&broken, "textDocument/codeLens", json!({})),
        (
            &broken,
            "textDocument/codeAction",
            json!({"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
                   "context": {"diagnostics": []}}),
        ),
    ] {
        let mut params = extra;
        params["textDocument"] = json!({"uri": uri(path)});
        let response = client.call(method, params).await;
        assert!(response.get("error").is_none(), "{method}: {response}");
        let result = &response["result"];
        assert!(
            result.is_null() || result.as_array().is_some_and(Vec::is_empty),
            "{method} answered outside every glossary: {result}"
        );
    }
    // A rename there is refused, not a crash.
    let rename = client
        .call(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri(&broken)}, "position": {"line": 0, "character": 1},
                   "newName": "x"}),
        )
        .await;
    assert!(rename.get("error").is_none() || rename["error"]["code"].is_i64());
    let publishes = client
        .publishes_until_quiet(Duration::from_millis(500))
        .await;
    for params in &publishes {
        assert!(
            params["uri"] != uri(&broken) && params["uri"] != uri(&readme),
            "published outside every glossary: {params}"
        );
    }
    // The glossary inside the same workspace still works.
    assert_glossary_works(&mut client, &dir.path().join("site/glossary")).await;

    // A `gloss.toml` created next to them makes them a glossary: the
    // edited text (not the disk's) is checked.
    let config = notes.join("gloss.toml");
    write_file(&config, "[glossary]\nroot = \".\"\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 1}]}),
    );
    let published = client
        .diagnostics(&uri(&broken), |p| !codes(p).is_empty())
        .await;
    assert_eq!(published["version"], 2, "{published}");
    let hover = client.hover(&readme, 0, 4).await;
    assert_eq!(
        hover,
        Value::Null,
        "the new glossary has no Product Manager"
    );
    // Deleting it again clears what it published.
    if let Err(err) = std::fs::remove_file(&config) {
        panic!("cannot delete {}: {err}", config.display());
    }
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 3}]}),
    );
    client
        .diagnostics(&uri(&broken), |p| codes(p).is_empty())
        .await;
    client.shutdown().await;
}
