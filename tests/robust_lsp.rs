//! `gloss lsp` under hostile and broken clients, over stdio against the
//! built binary: after each abuse the server still answers a hover
//! correctly, or exits cleanly when its input ends.

use crate::lsp_support::*;
use serde_json::{Value, json};
use std::time::Duration;

/// A server and the doc every check hovers in.
struct Session {
    dir: tempfile::TempDir,
    client: LspClient,
}

impl Session {
    async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// A session over the test workspace plus what `add` writes into it.
    async fn start_with(add: impl FnOnce(&std::path::Path)) -> Self {
        let dir = workspace();
        add(dir.path());
        let mut client = LspClient::stdio();
        client.initialize(dir.path(), false).await;
        Self { dir, client }
    }

    fn path(&self, relative: &str) -> std::path::PathBuf {
        self.dir.path().join(relative)
    }

    /// The hover on "Product Ops Manager" in docs/onboarding.md shows the
    /// term: the server is alive and its index intact.
    async fn assert_hover_works(&mut self, after: &str) {
        let doc = self.path("docs/onboarding.md");
        let (line, character) = position_of(&read(&doc), "Product Ops Manager before");
        let hover = tokio::time::timeout(
            Duration::from_secs(30),
            self.client.hover(&doc, line, character),
        )
        .await
        .unwrap_or_else(|_| panic!("no hover answer within 30 s after {after}"));
        let markdown = hover_text(&hover);
        assert!(
            markdown.starts_with("**Product Operations Manager**"),
            "after {after}: {markdown:?}"
        );
    }

    fn raw(&self, bytes: &[u8]) {
        self.client.send_raw(bytes.to_vec());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_bytes_and_broken_frames_do_not_kill_the_server() {
    let mut s = Session::start().await;
    let cases: &[(&str, &[u8])] = &[
        ("binary garbage", b"\x00\xff\xfe garbage \x1b[2J\r\n\r\n"),
        ("a header line without a colon", b"hello server\r\n\r\n"),
        ("Content-Length: abc", b"Content-Length: abc\r\n\r\n"),
        ("a negative Content-Length", b"Content-Length: -5\r\n\r\n"),
        (
            "a Content-Length over u64",
            b"Content-Length: 99999999999999999999999\r\n\r\n",
        ),
        (
            "a 100 MB Content-Length (over the limit)",
            b"Content-Length: 100000000\r\n\r\n",
        ),
        (
            "no Content-Length",
            b"Content-Type: application/json\r\n\r\n{}\r\n",
        ),
        ("invalid JSON", &frame("{not json")),
        (
            "invalid UTF-8 in the body",
            &frame_bytes(b"{\"a\":\"\xff\xfe\"}"),
        ),
        ("JSON that is not JSON-RPC", &frame("[1, 2, 3]")),
        ("a string body", &frame("\"hello\"")),
        (
            "an object id",
            &frame(r#"{"jsonrpc":"2.0","id":{"x":1},"method":"textDocument/hover"}"#),
        ),
        (
            "params that are a number",
            &frame(r#"{"jsonrpc":"2.0","id":900,"method":"textDocument/hover","params":5}"#),
        ),
    ];
    for (what, bytes) in cases {
        s.raw(bytes);
        s.assert_hover_works(what).await;
    }
}

/// A Content-Length shorter than the body, or garbage with no line break,
/// leaves bytes in front of the next header: the server must find the next
/// header again rather than lose every message after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_resynchronises_after_a_wrong_content_length() {
    let mut s = Session::start().await;
    s.raw(b"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"x\"}");
    s.assert_hover_works("a Content-Length shorter than the body")
        .await;
    s.raw(b"garbage without a line break");
    s.assert_hover_works("garbage without a line break").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_params_and_unknown_methods_get_errors_not_crashes() {
    let mut s = Session::start().await;
    let doc = uri(&s.path("docs/onboarding.md"));
    let requests = [
        ("textDocument/hover", json!({})),
        (
            "textDocument/hover",
            json!({"textDocument": 5, "position": "x"}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///nowhere/x.md"}, "position": {"line": 0, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": {"line": -1, "character": -1}}),
        ),
        (
            "textDocument/definition",
            json!({"textDocument": {"uri": doc}}),
        ),
        ("textDocument/completion", json!(null)),
        ("textDocument/rename", json!({"newName": 7})),
        ("workspace/symbol", json!({"query": 42})),
        ("gloss/unknown", json!({})),
    ];
    for (method, params) in requests {
        let response = s.client.call(method, params.clone()).await;
        // An error or an empty result: never a dropped request.
        assert!(
            response.get("error").is_some() || response.get("result").is_some(),
            "{method} {params}: {response}"
        );
        s.assert_hover_works(&format!("{method} {params}")).await;
    }
    let unknown = s.client.call("gloss/nothing", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // Notifications with wrong params or unknown methods get no answer at all.
    for (method, params) in [
        ("textDocument/didOpen", json!({"textDocument": 1})),
        ("textDocument/didChange", json!({"contentChanges": "x"})),
        ("textDocument/didSave", json!([])),
        (
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": 1}]}),
        ),
        ("gloss/unknownNotification", json!({})),
        ("$/cancelRequest", json!({"id": 123_456})),
    ] {
        s.client.notify(method, params);
    }
    s.assert_hover_works("bad notifications").await;
}

/// LSP 3.17: a request whose method starts with `$/` must be answered with
/// MethodNotFound when not implemented; a client waiting on it hangs
/// otherwise.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_dollar_requests_get_method_not_found() {
    let mut s = Session::start().await;
    let response = tokio::time::timeout(
        Duration::from_secs(10),
        s.client.call("$/gloss/unknown", json!({})),
    )
    .await
    .unwrap_or_else(|_| panic!("no answer to a `$/` request within 10 s"));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    s.assert_hover_works("a `$/` request").await;
}

/// Edits and positions past the end, edits to documents never opened or
/// already closed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_past_the_end_and_edits_to_unopened_documents() {
    let mut s = Session::start().await;
    let doc = s.path("docs/onboarding.md");
    let text = read(&doc);
    s.client.open(&doc, &text);
    let far = json!({"line": 100_000, "character": 100_000});
    let hover = s
        .client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(&doc)}, "position": far}),
        )
        .await;
    assert!(hover.get("error").is_none(), "{hover}");
    let max = json!({"line": u32::MAX, "character": u32::MAX});
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/completion",
        "textDocument/prepareRename",
    ] {
        let response = s
            .client
            .call(
                method,
                json!({"textDocument": {"uri": uri(&doc)}, "position": max, "context": {"includeDeclaration": true}}),
            )
            .await;
        assert!(
            response.get("error").is_none() || response["error"]["code"] != -32603,
            "{method}: {response}"
        );
    }
    // A change whose range lies past the end is clamped to it.
    s.client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&doc), "version": 2},
               "contentChanges": [{"range": {"start": far, "end": max}, "text": "\nmore Kanban\n"}]}),
    );
    // A reversed range, and one inside a surrogate pair.
    s.client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&doc), "version": 3},
               "contentChanges": [
                   {"range": {"start": {"line": 3, "character": 5}, "end": {"line": 1, "character": 0}}, "text": ""},
                   {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "😀"},
                   {"range": {"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}, "text": "x"}]}),
    );
    s.client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&doc)}}),
    );
    s.assert_hover_works("edits past the end").await;

    let never_opened = s.path("glossary/never-opened.yaml");
    let closed = s.path("glossary/kanban.yaml");
    s.client.open(&closed, &read(&closed));
    s.client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&closed)}}),
    );
    for path in [&never_opened, &closed] {
        s.client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": 9},
                   "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 4}}, "text": "oops"}]}),
        );
        s.client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri(path)}}),
        );
        s.assert_hover_works(&format!("didChange to {}", path.display()))
            .await;
    }
    // The closed document was not edited on disk.
    assert!(read(&closed).starts_with("term: Kanban"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_10_mb_document() {
    let mut s = Session::start().await;
    let line = "Kanban teams track cycle time and throughput, as a Product Ops Manager would.\n";
    let big_doc: String = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    let md = s.path("docs/huge.md");
    s.client.open(&md, &big_doc);
    let yaml = s.path("glossary/huge.yaml");
    let big_term = format!(
        "term: Huge\ndefinition: >-\n{}",
        big_doc
            .lines()
            .map(|l| format!("  {l}\n"))
            .collect::<String>()
    );
    s.client.open(&yaml, &big_term);
    let params = s.client.diagnostics(&uri(&yaml), |_| true).await;
    assert!(params["diagnostics"].is_array(), "{params}");
    // Hover in the middle of the big Markdown document.
    let n_lines = u32::try_from(big_doc.lines().count()).unwrap_or(u32::MAX);
    let hover = s.client.hover(&md, n_lines / 2, 2).await;
    assert!(hover_text(&hover).starts_with("**Kanban**"), "{hover}");
    // An incremental edit at its end.
    s.client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&md), "version": 2},
               "contentChanges": [{"range": {"start": {"line": n_lines, "character": 0}, "end": {"line": n_lines, "character": 0}}, "text": "Sprint\n"}]}),
    );
    s.assert_hover_works("a 10 MB document").await;
}

/// 1,000 hovers sent at once, right after `initialized`, while the server
/// indexes: every one is answered, none with an internal error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_hovers_during_indexing() {
    let dir = workspace();
    // 100 more terms, so that indexing takes a while. (Hover time grows with
    // the glossary: with 3,000 more, a debug build takes ~100 ms a hover.)
    for i in 0..100 {
        write(
            &dir.path().join(format!("glossary/generated-term-{i}.yaml")),
            &format!(
                "term: Generated Term {i}\ndefinition: Generated Term {i} is a filler term.\nfaqs:\n  - question: Why?\n    answer: Load.\nchallenge:\n  word: FILLS\n"
            ),
        );
    }
    let doc = dir.path().join("docs/onboarding.md");
    let (line, character) = position_of(&read(&doc), "Product Ops Manager before");
    let mut client = LspClient::stdio();
    client.initialize(dir.path(), false).await;
    let params = json!({"textDocument": {"uri": uri(&doc)}, "position": {"line": line, "character": character}});
    let ids: Vec<i64> = (0..1000)
        .map(|_| client.send_request("textDocument/hover", params.clone()))
        .collect();
    // Responses may come in any order; whatever arrives while waiting for
    // another response is kept in `notifications`: harvest from there,
    // pulling more in with a cheap request until every hover is answered.
    let answers = tokio::time::timeout(Duration::from_secs(60), async {
        let mut answers: std::collections::BTreeMap<i64, Value> = Default::default();
        loop {
            client.notifications.retain(|m| match m["id"].as_i64() {
                Some(id) if ids.contains(&id) && m.get("method").is_none() => {
                    answers.insert(id, m.clone());
                    false
                }
                _ => true,
            });
            if answers.len() == ids.len() {
                return answers;
            }
            let id = client.send_request("workspace/symbol", json!({"query": "zzzz"}));
            let _ = client.response(id).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("not every hover was answered within 60 s"));
    let answers: Vec<Value> = answers.into_values().collect();
    let mut n_shown = 0;
    for answer in &answers {
        if let Some(error) = answer.get("error") {
            // Only "content modified" / "cancelled" are fair while indexing.
            assert!(
                matches!(error["code"].as_i64(), Some(-32801 | -32800)),
                "{answer}"
            );
        } else if hover_text(&answer["result"]).starts_with("**Product Operations Manager**") {
            n_shown += 1;
        }
    }
    assert!(n_shown > 0, "no hover showed the term");
    // The last answers come after indexing: they are right.
    let last: &Value = &answers[answers.len() - 1];
    assert!(
        hover_text(&last["result"]).starts_with("**Product Operations Manager**"),
        "{last}"
    );
}

/// The client disappears: stdin closes without `shutdown`/`exit`. The
/// server exits on its own, promptly, without a panic.
#[test]
fn stdin_closed_ends_the_server() {
    use std::io::Write as _;
    let dir = workspace();
    let mut child = std::process::Command::new(gloss_tests::gloss_bin())
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start gloss lsp: {e}"));
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                      "params": {"processId": null, "rootUri": uri(dir.path()), "capabilities": {}}});
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    let _ = stdin.write_all(&frame(&init.to_string()));
    let _ = stdin.write_all(&frame(
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    ));
    // Half a frame, then the client is gone.
    let _ = stdin.write_all(b"Content-Length: 500\r\n\r\n{\"jsonrpc\"");
    drop(stdin);
    let started = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > Duration::from_secs(10) => {
                let _ = child.kill();
                panic!("gloss lsp still running 10 s after stdin closed");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("{e}"),
        }
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read as _;
        let _ = pipe.read_to_string(&mut stderr);
    }
    // LSP: exit without `shutdown` is code 1; 0 is fine too. Never a panic
    // (101) or a signal (no code).
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn frame_bytes(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// A term whose text is hostile shows in a hover as inert text: no command
/// link, no HTML, no Markdown a client would act on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_shows_hostile_term_text_inert() {
    let mut s = Session::start_with(|dir| {
        write(
            &dir.join("glossary/evil-term.yaml"),
            "term: Evil Term\n\
             aliases: [\"Evil](command:evil.alias)\"]\n\
             definition: \"Evil Term [x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** %0A \\e[31mred\"\n\
             faqs: []\n",
        );
        write(&dir.join("docs/evil.md"), "Read about Evil Term here.\n");
    })
    .await;
    let doc = s.path("docs/evil.md");
    let (line, character) = position_of(&read(&doc), "Evil Term");
    let markdown = hover_text(&s.client.hover(&doc, line, character).await);
    assert!(markdown.contains("Evil Term"), "{markdown}");
    for live in ["[x](command:", "**bold**"] {
        assert!(!markdown.contains(live), "{live:?} is live in {markdown:?}");
    }
    // Every bracket and angle bracket is backslash-escaped: no link and no
    // HTML tag can open (`Evil\](command:evil.alias)` is text).
    let bytes = markdown.as_bytes();
    for (at, _) in markdown.match_indices(['<', '>', '[', ']']) {
        assert!(
            at > 0 && bytes[at - 1] == b'\\',
            "an unescaped bracket at {at} in {markdown:?}"
        );
    }
    s.assert_hover_works("a hostile hover").await;
}
