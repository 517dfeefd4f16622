//! `gloss lsp` end to end: the built binary over stdio, as an editor runs it.

use crate::lsp_support::*;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gloss_lsp_over_stdio() {
    let dir = workspace();
    let mut client = LspClient::stdio();
    let result = client.initialize(dir.path(), false).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(result["serverInfo"]["name"], "gloss");

    // Hover on "Product Ops Manager" in a Markdown doc.
    let doc = dir.path().join("docs/onboarding.md");
    let text = read(&doc);
    let (line, character) = position_of(&text, "Product Ops Manager before");
    let hover = client.hover(&doc, line, character).await;
    let markdown = hover_text(&hover);
    assert!(
        markdown.starts_with("**Product Operations Manager** · *role*"),
        "{markdown}"
    );
    assert_eq!(
        hover["range"]["start"],
        json!({"line": line, "character": character})
    );

    // The challenge preview.
    let pom = dir.path().join("glossary/product-operations-manager.yaml");
    let (line, character) = position_of(&read(&pom), "SPRINT");
    let preview = hover_text(&client.hover(&pom, line, character).await);
    assert!(preview.contains(
        "Mastered Product Operations Manager? Now try to guess the related 6-letter word!"
    ));
    assert!(preview.contains("🟩🟩🟩🟩🟩🟩 SPRINT"), "{preview}");

    // Diagnostics for an opened copy with a broken slug.
    let copy = dir.path().join("glossary/epic-two.yaml");
    let epic = read(&dir.path().join("glossary/epic.yaml"));
    client.open(
        &copy,
        &epic
            .replace("term: Epic", "term: Epic Two")
            .replace("product-roadmap", "roadmapz"),
    );
    let params = client
        .diagnostics(&uri(&copy), |p| {
            codes(p).contains(&"unknown-related".to_owned())
        })
        .await;
    let unknown = params["diagnostics"]
        .as_array()
        .and_then(|l| l.iter().find(|d| d["code"] == "unknown-related").cloned())
        .unwrap_or_default();
    assert_eq!(
        unknown["message"],
        "no term file for related slug `roadmapz`"
    );

    // Malformed JSON gets a parse error; the server keeps serving.
    client.send_raw(frame("{not json"));
    let symbols = client
        .request("workspace/symbol", json!({"query": "Kanban"}))
        .await;
    assert_eq!(symbols[0]["name"], "Kanban");
    let unknown_method = client.call("gloss/nothing", json!(null)).await;
    assert_eq!(unknown_method["error"]["code"], -32601);

    // shutdown + exit ends the process within a second.
    let started = Instant::now();
    let Some(mut child) = client.shutdown().await else {
        panic!("no child process");
    };
    let status = tokio::time::timeout(Duration::from_secs(1), child.wait()).await;
    assert!(
        matches!(status, Ok(Ok(ref s)) if s.code() == Some(0)),
        "gloss lsp did not exit cleanly within a second of `exit`: {status:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_before_initialize_are_refused_and_the_server_survives() {
    let dir = workspace();
    let mut client = LspClient::stdio();
    let early = client
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(&dir.path().join("docs/onboarding.md"))}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(dir.path(), false).await;
    let hover = client
        .hover(&dir.path().join("docs/onboarding.md"), 2, 30)
        .await;
    assert!(hover_text(&hover).starts_with("**Product Operations Manager**"));
    let Some(mut child) = client.shutdown().await else {
        panic!("no child process");
    };
    // `shutdown` then `exit`: exit code 0 (LSP 3.17), not a panic's 101.
    let status = tokio::time::timeout(Duration::from_secs(1), child.wait()).await;
    assert!(
        matches!(status, Ok(Ok(ref s)) if s.code() == Some(0)),
        "{status:?}"
    );
}

/// `gloss lsp` starts itself again with mimalloc's purge delay at 0 (freed
/// memory returned at once; docs/performance.md), in the same process, and
/// keeps a delay the user set.
#[cfg(target_os = "linux")]
#[test]
fn the_server_returns_freed_memory_at_once_unless_told_otherwise() {
    let environ_of = |user: Option<&str>| {
        let mut command = std::process::Command::new(gloss_tests::gloss_bin());
        command
            .arg("lsp")
            .env_remove("MIMALLOC_PURGE_DELAY")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null());
        if let Some(delay) = user {
            command.env("MIMALLOC_PURGE_DELAY", delay);
        }
        let mut child = command.spawn().expect("gloss lsp starts");
        let environ = format!("/proc/{}/environ", child.id());
        let exe = format!("/proc/{}/exe", child.id());
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            seen = std::fs::read(&environ).unwrap_or_default();
            let set = seen
                .split(|&b| b == 0)
                .any(|var| var.starts_with(b"MIMALLOC_PURGE_DELAY="));
            if set {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // Still the server, still running, reading the same stdin.
        let running = std::fs::read_link(&exe).ok();
        let exited = child.try_wait().ok().flatten();
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(exited, None, "the server is still running");
        assert_eq!(
            running,
            std::fs::canonicalize(gloss_tests::gloss_bin()).ok()
        );
        seen.split(|&b| b == 0)
            .filter_map(|var| var.strip_prefix(b"MIMALLOC_PURGE_DELAY="))
            .map(|value| String::from_utf8_lossy(value).into_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(environ_of(None), ["0"]);
    assert_eq!(environ_of(Some("250")), ["250"]);
}
