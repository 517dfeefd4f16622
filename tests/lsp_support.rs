//! A small LSP client for the language server tests: speaks JSON-RPC over
//! any byte streams, the server running in-process over a duplex pipe or as
//! the built `gloss lsp` over stdio. Server→client requests are answered
//! with `null`; notifications are kept for the test to look at.

#![allow(dead_code)] // Each test binary uses part of the helpers.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// How long a test waits for the server before failing.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct LspClient {
    outgoing: mpsc::UnboundedSender<Vec<u8>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Notifications received while waiting for something else.
    pub notifications: Vec<Value>,
    next_id: i64,
    pub child: Option<tokio::process::Child>,
    server: Option<tokio::task::JoinHandle<()>>,
}

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

async fn read_message<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl LspClient {
    fn over<R, W>(reader: R, writer: W) -> Self
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Vec<u8>>();
        let (in_tx, in_rx) = mpsc::unbounded_channel::<Value>();
        tokio::spawn(async move {
            let mut writer = writer;
            while let Some(bytes) = out_rx.recv().await {
                if writer.write_all(&bytes).await.is_err() || writer.flush().await.is_err() {
                    return;
                }
            }
        });
        let replies = out_tx.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(reader);
            while let Some(message) = read_message(&mut reader).await {
                let is_server_request =
                    message.get("method").is_some() && message.get("id").is_some();
                if is_server_request {
                    let reply = json!({"jsonrpc": "2.0", "id": message["id"], "result": null});
                    let _ = replies.send(frame(&reply.to_string()));
                }
                if in_tx.send(message).is_err() {
                    return;
                }
            }
        });
        Self {
            outgoing: out_tx,
            incoming: in_rx,
            notifications: Vec::new(),
            next_id: 1,
            child: None,
            server: None,
        }
    }

    /// The server in this process, over an in-memory pipe.
    pub fn in_process() -> Self {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        let server = tokio::spawn(gloss_lsp::serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_side);
        let mut client = Self::over(client_read, client_write);
        client.server = Some(server);
        client
    }

    /// The built `gloss lsp`, over its stdin and stdout.
    pub fn stdio() -> Self {
        let bin = gloss_tests::gloss_bin();
        let mut child = match tokio::process::Command::new(&bin)
            .arg("lsp")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
        {
            Ok(child) => child,
            Err(err) => panic!("cannot start `{} lsp`: {err}", bin.display()),
        };
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            panic!("the child has no pipes");
        };
        let mut client = Self::over(stdout, stdin);
        client.child = Some(child);
        client
    }

    pub fn send_raw(&self, bytes: Vec<u8>) {
        let _ = self.outgoing.send(bytes);
    }

    pub fn notify(&self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(frame(&message.to_string()));
    }

    /// Send a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(frame(&message.to_string()));
        id
    }

    async fn next_message(&mut self) -> Value {
        match tokio::time::timeout(TIMEOUT, self.incoming.recv()).await {
            Ok(Some(message)) => message,
            Ok(None) => panic!("the server closed the connection"),
            Err(_) => panic!("no message from the server within {TIMEOUT:?}"),
        }
    }

    /// The response to request `id` (its `result` or `error` inside).
    pub async fn response(&mut self, id: i64) -> Value {
        loop {
            let message = self.next_message().await;
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            // Notifications, and responses to no request of ours (a parse
            // error has a null id), are kept for the test to look at.
            self.notifications.push(message);
        }
    }

    /// The first message from the server with this `method` (a request or
    /// a notification), already received or to come; earlier ones are kept.
    pub async fn message_with_method(&mut self, method: &str) -> Value {
        if let Some(at) = self
            .notifications
            .iter()
            .position(|m| m["method"] == method)
        {
            return self.notifications.remove(at);
        }
        loop {
            let message = self.next_message().await;
            if message["method"] == method {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// Send a request and return the whole response.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id).await
    }

    /// Send a request and return its `result`, failing on an error.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params).await;
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response["result"].clone()
    }

    pub async fn initialize(&mut self, root: &Path, utf8: bool) -> Value {
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri(root),
                    "workspaceFolders": [{"uri": uri(root), "name": "test"}],
                    "capabilities": {"general": {"positionEncodings": encodings}},
                }),
            )
            .await;
        self.notify("initialized", json!({}));
        result
    }

    /// Wait for the first `publishDiagnostics` for `uri` (already received
    /// or to come) whose diagnostics satisfy `accept`; returns the
    /// notification's params. Earlier ones for that URI are consumed.
    pub async fn diagnostics(&mut self, uri: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let mut found = None;
            self.notifications.retain(|n| {
                if found.is_some()
                    || n["method"] != "textDocument/publishDiagnostics"
                    || n["params"]["uri"] != uri
                {
                    return true;
                }
                if accept(&n["params"]) {
                    found = Some(n["params"].clone());
                }
                false
            });
            if let Some(params) = found {
                return params;
            }
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            match tokio::time::timeout(left, self.incoming.recv()).await {
                Ok(Some(message)) => self.notifications.push(message),
                Ok(None) => panic!("the server closed the connection"),
                Err(_) => panic!(
                    "no matching diagnostics for {uri} within {TIMEOUT:?}; seen: {:#?}",
                    self.notifications
                ),
            }
        }
    }

    /// Every `publishDiagnostics` already received or arriving until the
    /// server has been quiet for `quiet`, in order (other messages kept).
    pub async fn publishes_until_quiet(&mut self, quiet: std::time::Duration) -> Vec<Value> {
        let mut out = Vec::new();
        self.notifications.retain(|n| {
            if n["method"] == "textDocument/publishDiagnostics" {
                out.push(n["params"].clone());
                false
            } else {
                true
            }
        });
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        while tokio::time::Instant::now() < deadline {
            match tokio::time::timeout(quiet, self.incoming.recv()).await {
                Ok(Some(message)) if message["method"] == "textDocument/publishDiagnostics" => {
                    out.push(message["params"].clone());
                }
                Ok(Some(message)) => self.notifications.push(message),
                Ok(None) => panic!("the server closed the connection"),
                Err(_) => break,
            }
        }
        out
    }

    pub fn open(&self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": language(path), "version": 1, "text": text}}),
        );
    }

    pub async fn hover(&mut self, path: &Path, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}}),
        )
        .await
    }

    /// `shutdown`, then `exit`.
    pub async fn shutdown(mut self) -> Option<tokio::process::Child> {
        let result = self.request("shutdown", Value::Null).await;
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        if let Some(server) = self.server.take() {
            let ended = tokio::time::timeout(Duration::from_secs(1), server).await;
            assert!(
                ended.is_ok(),
                "the in-process server did not end within a second of `exit`"
            );
        }
        self.child.take()
    }
}

fn language(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md") => "markdown",
        Some("toml") => "toml",
        _ => "yaml",
    }
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A copy of the shipped glossary and `gloss.toml`, plus the docs of
/// `tests/fixtures/lsp/docs`, in a temporary directory.
pub fn workspace() -> tempfile::TempDir {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("cannot create a temp dir: {err}"),
    };
    let repo = gloss_tests::workspace_root();
    copy_dir(&repo.join("glossary"), &dir.path().join("glossary"));
    copy_dir(
        &repo.join("tests/fixtures/lsp/docs"),
        &dir.path().join("docs"),
    );
    // The shipped config, with its docs pointed at the test docs (the
    // shipped one selects the example site).
    let config = match std::fs::read_to_string(repo.join("gloss.toml")) {
        Ok(text) => text.replace(r#"docs = ["site/**/*.md"]"#, r#"docs = ["docs/**/*.md"]"#),
        Err(err) => panic!("cannot read gloss.toml: {err}"),
    };
    assert!(config.contains(r#"docs = ["docs/**/*.md"]"#), "{config}");
    if let Err(err) = std::fs::write(dir.path().join("gloss.toml"), config) {
        panic!("cannot write gloss.toml: {err}");
    }
    dir
}

pub fn copy_file(from: &Path, to: &Path) {
    if let Err(err) = std::fs::copy(from, to) {
        panic!("cannot copy {} to {}: {err}", from.display(), to.display());
    }
}

fn copy_dir(from: &Path, to: &Path) {
    if let Err(err) = std::fs::create_dir_all(to) {
        panic!("cannot create {}: {err}", to.display());
    }
    let entries = match std::fs::read_dir(from) {
        Ok(entries) => entries,
        Err(err) => panic!("cannot read {}: {err}", from.display()),
    };
    for entry in entries.filter_map(Result::ok) {
        copy_file(&entry.path(), &to.join(entry.file_name()));
    }
}

pub fn read(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => panic!("cannot read {}: {err}", path.display()),
    }
}

pub fn write(path: &Path, text: &str) {
    if let Err(err) = std::fs::write(path, text) {
        panic!("cannot write {}: {err}", path.display());
    }
}

/// The (0-based line, UTF-16 character) of the first `needle` in `text`.
pub fn position_of(text: &str, needle: &str) -> (u32, u32) {
    let Some(at) = text.find(needle) else {
        panic!("{needle:?} is not in the text");
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count();
    let character: usize = text[line_start..at].chars().map(char::len_utf16).sum();
    (line as u32, character as u32)
}

/// Every diagnostic code in a publishDiagnostics' params.
pub fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|d| d["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The markdown of a hover result.
pub fn hover_text(hover: &Value) -> String {
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub fn path_buf(dir: &tempfile::TempDir, relative: &str) -> PathBuf {
    dir.path().join(relative)
}
