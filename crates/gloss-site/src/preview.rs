//! `gloss preview`: the pages of `gloss build`, served live from the
//! workspace on 127.0.0.1, reloaded in the browser when a term file changes.
//!
//! A minimal HTTP/1.1 server on tokio (GET and HEAD, one request per
//! connection, `Connection: close`), with `httparse` for the request head.
//! Nothing is served from the file system: every response is rendered
//! from the glossary or is an asset embedded in the binary, so no request
//! path can name a file (`..`, `%2e%2e` and symlinks have nothing to reach).
//!
//! - Only `Host: 127.0.0.1:PORT` or `localhost:PORT` is answered (403
//!   otherwise): a page on another site cannot reach the server through a
//!   DNS name rebound to 127.0.0.1.
//! - Each connection is its own task with a deadline for its request head,
//!   and connections are capped: idle or half-open clients cannot stall
//!   pages or live reload.
//! - The glossary is a `gloss_workspace::Glossary`, updated file by file
//!   by a watcher that polls modification times every 250 ms (no
//!   platform-specific watcher, no dependency; a change is live within a
//!   second); each change bumps a version that `/_gloss/events` (server-
//!   sent events) sends to open pages, which reload.

use crate::assets;
use crate::model::{Site, is_url_slug};
use crate::render::{self, Options};
use gloss_core::lint::Env;
use gloss_workspace::Glossary;
use std::collections::BTreeMap;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};

/// How often the watcher looks at modification times.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);
/// How long a client may take to send its request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest request head read.
const MAX_HEAD: usize = 16 * 1024;
/// Connections served at once (server-sent event streams included).
const MAX_CONNECTIONS: usize = 512;
/// A comment line on idle event streams, so dead clients are noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The site rendered at a glossary version, with the config it used.
type Rendered = (u64, Arc<Site>, Arc<Env>);

struct State {
    glossary: Mutex<Glossary>,
    /// The site rendered from the glossary at a version.
    cache: Mutex<Option<Rendered>>,
    version: watch::Sender<u64>,
    port: u16,
}

impl State {
    /// The site at the current version, rendered once per version.
    fn site(&self) -> Rendered {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let version = *self.version.borrow();
        if let Some((at, site, env)) = cache.as_ref()
            && *at == version
        {
            return (version, Arc::clone(site), Arc::clone(env));
        }
        let snapshot = self
            .glossary
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .snapshot();
        let site = Arc::new(Site::from_glossary(&snapshot));
        let env = Arc::clone(&snapshot.env);
        *cache = Some((version, Arc::clone(&site), Arc::clone(&env)));
        (version, site, env)
    }
}

/// A running preview server; dropping it stops the server and the watcher.
pub struct Preview {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    runtime: Option<tokio::runtime::Runtime>,
    state: Arc<State>,
}

impl Preview {
    /// Loads the glossary governing `start` (the nearest `gloss.toml` at
    /// or above it) and serves it on `127.0.0.1:port` (`0`: a free port).
    pub fn start(start: &Path, port: u16) -> io::Result<Preview> {
        let glossary = Glossary::load(start, None);
        // The watcher's first stamps are taken here, before `start` returns
        // and the URL is shown: taken by the watcher thread once it runs, an
        // edit made in between would already be in them and never reloaded.
        let first_scan = scan(&glossary);
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (version, _) = watch::channel(0u64);
        let state = Arc::new(State {
            glossary: Mutex::new(glossary),
            cache: Mutex::new(None),
            version,
            port: addr.port(),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_io()
            .enable_time()
            .thread_name("gloss-preview")
            .build()?;
        let listener = {
            let _entered = runtime.enter();
            TcpListener::from_std(listener)?
        };
        runtime.spawn(accept_loop(listener, Arc::clone(&state)));
        let stop = Arc::new(AtomicBool::new(false));
        let watcher_state = Arc::clone(&state);
        let watcher_stop = Arc::clone(&stop);
        let start = start.to_path_buf();
        std::thread::Builder::new()
            .name("gloss-preview-watch".into())
            .spawn(move || watch_loop(&start, first_scan, &watcher_state, &watcher_stop))?;
        Ok(Preview {
            addr,
            stop,
            runtime: Some(runtime),
            state,
        })
    }

    /// The URL of the index, or of the page of `query` (a slug, term or
    /// alias); `None` when no page has that name.
    pub fn url(&self, query: Option<&str>) -> Option<String> {
        let base = format!("http://127.0.0.1:{}/", self.addr.port());
        match query {
            None => Some(base),
            Some(query) => {
                let (_, site, _) = self.state.site();
                let entry = site.find(query)?;
                Some(format!("{base}{}", render::page_path(&entry.slug)))
            }
        }
    }

    /// The glossary version the server shows (bumped on every change).
    pub fn version(&self) -> u64 {
        *self.state.version.borrow()
    }

    /// Serves until the process ends.
    pub fn wait(self) {
        loop {
            std::thread::park();
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// What the watcher compares: each file's modification time and length.
type Stamps = BTreeMap<PathBuf, Option<(SystemTime, u64)>>;

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// The term files, the config and the extra-words file, stamped.
fn scan(glossary: &Glossary) -> (Stamps, PathBuf, Option<PathBuf>) {
    let shown_root = glossary.display(&glossary.root);
    let mut stamps: Stamps = gloss_workspace::walk::term_files(
        &glossary.root,
        &shown_root,
        &glossary.env.config.exclude,
    )
    .into_iter()
    .filter(|f| !f.is_dir)
    .map(|f| {
        let at = stamp(&f.path);
        (f.path, at)
    })
    .collect();
    let config = glossary.config_path.clone();
    let extra = glossary.extra_words.clone();
    for path in std::iter::once(&config).chain(&extra) {
        stamps.insert(path.clone(), stamp(path));
    }
    (stamps, config, extra)
}

/// The paths whose stamp differs between two scans: changed, added or
/// removed, each once.
fn changed_paths<'a>(before: &'a Stamps, now: &'a Stamps) -> Vec<&'a PathBuf> {
    now.iter()
        .filter(|(path, at)| before.get(*path) != Some(at))
        .map(|(path, _)| path)
        .chain(before.keys().filter(|path| !now.contains_key(*path)))
        .collect()
}

/// Whether a change to `changed` needs the whole glossary loaded again:
/// the config or the extra-words file changed (every check can differ).
fn needs_full_reload(changed: &[&PathBuf], config: &Path, extra: Option<&PathBuf>) -> bool {
    changed
        .iter()
        .any(|path| path.as_path() == config || extra == Some(*path))
}

fn watch_loop(
    start: &Path,
    first_scan: (Stamps, PathBuf, Option<PathBuf>),
    state: &State,
    stop: &AtomicBool,
) {
    let lock = || {
        state
            .glossary
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    };
    let (mut stamps, mut config, mut extra) = first_scan;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(POLL_INTERVAL);
        let (now, _, _) = scan(&lock().snapshot());
        if now == stamps {
            continue;
        }
        let changed = changed_paths(&stamps, &now);
        let reload_all = needs_full_reload(&changed, &config, extra.as_ref());
        if reload_all {
            let fresh = Glossary::load(start, None);
            *lock() = fresh;
        } else {
            let mut glossary = lock();
            for path in &changed {
                glossary.reload_from_disk(path);
            }
        }
        // Rescan after a config change: the root or exclusions may differ.
        (stamps, config, extra) = if reload_all {
            scan(&lock().snapshot())
        } else {
            (now, config, extra)
        };
        state.version.send_modify(|v| *v += 1);
    }
}

async fn accept_loop(listener: TcpListener, state: Arc<State>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors and the like: wait, then go on.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        // Over the cap the connection is closed unanswered.
        let Ok(permit) = Arc::clone(&slots).try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            serve(stream, state).await;
            drop(permit);
        });
    }
}

/// Reads a request head: up to the blank line, at most [`MAX_HEAD`] bytes.
async fn read_head(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        head.extend_from_slice(&chunk[..n]);
        if head.windows(4).any(|w| w == b"\r\n\r\n") {
            return Some(head);
        }
        if head.len() > MAX_HEAD {
            return Some(head);
        }
    }
}

/// A response: status, content type, body.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Reply {
    fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.into(),
            location: None,
        }
    }

    fn error(status: u16, message: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {}: {message}\n", reason(status)).into_bytes(),
            location: None,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Error",
    }
}

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";

async fn serve(mut stream: TcpStream, state: Arc<State>) {
    let Ok(Some(head)) = tokio::time::timeout(HEAD_TIMEOUT, read_head(&mut stream)).await else {
        return;
    };
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    let parsed = request.parse(&head);
    let reply = match parsed {
        Ok(httparse::Status::Complete(_)) => None,
        Ok(httparse::Status::Partial) if head.len() > MAX_HEAD => {
            Some(Reply::error(431, "the request head is too large"))
        }
        _ => Some(Reply::error(400, "not an HTTP/1.1 request")),
    };
    let method = request.method.unwrap_or_default();
    let is_head = method == "HEAD";
    let reply = match reply {
        Some(reply) => reply,
        None if !allowed_host(request.headers, state.port) => Reply::error(
            403,
            "the preview answers only Host 127.0.0.1:PORT or localhost:PORT",
        ),
        None if method != "GET" && !is_head => Reply::error(405, "only GET and HEAD"),
        None => {
            let target = request.path.unwrap_or("/");
            match decode_path(target) {
                Err(why) => Reply::error(400, why),
                Ok(path) if path == "/_gloss/events" && !is_head => {
                    events(stream, &state).await;
                    return;
                }
                // Rendering the site after a change checks files and can
                // take a while on a large glossary: off the async workers,
                // so event streams and other requests go on meanwhile.
                Ok(path) => {
                    let state = Arc::clone(&state);
                    tokio::task::spawn_blocking(move || route(&path, &state))
                        .await
                        .unwrap_or_else(|_| Reply::error(500, "the page could not be rendered"))
                }
            }
        }
    };
    let _ = write_reply(&mut stream, &reply, is_head).await;
}

async fn write_reply(stream: &mut TcpStream, reply: &Reply, is_head: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
         Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'\r\n\
         Connection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    if let Some(location) = &reply.location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    if !is_head {
        stream.write_all(&reply.body).await?;
    }
    stream.flush().await?;
    stream.shutdown().await
}

/// Whether the `Host` header names this server: `127.0.0.1:PORT` or
/// `localhost:PORT` (exactly one Host header).
fn allowed_host(headers: &[httparse::Header<'_>], port: u16) -> bool {
    let mut hosts = headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("host"));
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return false;
    };
    let Ok(host) = std::str::from_utf8(host.value) else {
        return false;
    };
    let host = host.trim().to_ascii_lowercase();
    host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
}

/// The request path without its query, percent-decoded; dot segments and
/// control characters are refused rather than resolved.
fn decode_path(target: &str) -> Result<String, &'static str> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if !path.starts_with('/') {
        return Err("the path must start with /");
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| "the path is not UTF-8")?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err("the path has a control character or backslash");
    }
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err("the path has a dot segment");
    }
    Ok(decoded.into_owned())
}

fn route(path: &str, state: &State) -> Reply {
    match path {
        "/_assets/gloss.css" => return Reply::ok("text/css; charset=utf-8", assets::CSS),
        "/_assets/game.js" => return Reply::ok(JS, assets::GAME_JS),
        "/_gloss/live.js" => return Reply::ok(JS, assets::LIVE_JS),
        _ => {}
    }
    let (version, site, env) = state.site();
    let options = Options {
        base_url: None,
        preview_version: Some(version),
    };
    if path == "/" || path == "/index.html" {
        return Reply::ok(HTML, render::index_page(&site, &options));
    }
    if path == "/glossary.json" {
        let json = render::glossary_json(&site, &options);
        return Reply::ok(
            "application/json",
            serde_json::to_string_pretty(&json).unwrap_or_default(),
        );
    }
    if let Some(length) = path
        .strip_prefix("/_assets/words-")
        .and_then(|rest| rest.strip_suffix(".js"))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| {
            (gloss_core::challenge::MIN_WORD_LEN..=gloss_core::challenge::MAX_WORD_LEN).contains(n)
        })
    {
        return Reply::ok(JS, render::words_js(&env.dictionary, length));
    }
    let inner = path.trim_start_matches('/');
    let (slug, rest) = inner.split_once('/').unwrap_or((inner, ""));
    if is_url_slug(slug)
        && let Some(entry) = site.entries.get(slug)
    {
        return match rest {
            "" | "index.html" if inner.contains('/') => {
                Reply::ok(HTML, render::term_page(&site, entry, &options))
            }
            "" => Reply {
                status: 308,
                content_type: "text/plain; charset=utf-8",
                body: Vec::new(),
                location: Some(format!("/{slug}/")),
            },
            _ => Reply::error(404, "no such page"),
        };
    }
    Reply::error(404, "no such page")
}

/// `/_gloss/events`: the glossary version now, then at every change.
async fn events(mut stream: TcpStream, state: &State) {
    let mut versions = state.version.subscribe();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    loop {
        let version = *versions.borrow_and_update();
        let event = format!("event: version\ndata: {version}\n\n");
        // A TCP stream is unbuffered (its flush does nothing): a written
        // event is on its way.
        if stream.write_all(event.as_bytes()).await.is_err() {
            return;
        }
        loop {
            match tokio::time::timeout(HEARTBEAT, versions.changed()).await {
                Ok(Ok(())) => break,
                Ok(Err(_)) => return,
                Err(_) => {
                    if stream.write_all(b": ping\n\n").await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The threads of this process named as the preview's watcher (Linux
    /// keeps the first 15 bytes of a thread's name).
    #[cfg(target_os = "linux")]
    fn watcher_threads() -> usize {
        std::fs::read_dir("/proc/self/task")
            .map(|tasks| {
                tasks
                    .flatten()
                    .filter(|t| {
                        std::fs::read_to_string(t.path().join("comm"))
                            .is_ok_and(|name| name.trim_end() == "gloss-preview-w")
                    })
                    .count()
            })
            .unwrap_or(0)
    }

    /// No other test of this binary starts a preview, so the count is this
    /// test's own.
    #[cfg(target_os = "linux")]
    #[test]
    fn dropping_the_preview_stops_its_watcher_thread() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("gloss.toml"), "").unwrap_or_else(|e| panic!("{e}"));
        let preview = Preview::start(dir.path(), 0).unwrap_or_else(|e| panic!("{e}"));
        // A new thread names itself once it runs.
        let deadline = std::time::Instant::now() + Duration::from_secs(3);
        while watcher_threads() == 0 {
            assert!(std::time::Instant::now() < deadline, "no watcher thread");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(watcher_threads(), 1);
        drop(preview);
        let deadline = std::time::Instant::now() + Duration::from_secs(3);
        while watcher_threads() > 0 {
            assert!(
                std::time::Instant::now() < deadline,
                "the watcher still runs"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn a_scan_reports_changed_added_and_removed_paths_once() {
        let t = |secs| Some((SystemTime::UNIX_EPOCH + Duration::from_secs(secs), 10));
        let p = |name: &str| PathBuf::from(name);
        let before: Stamps = [(p("a"), t(1)), (p("b"), t(1)), (p("c"), t(1))].into();
        let now: Stamps = [(p("a"), t(1)), (p("b"), t(2)), (p("d"), None)].into();
        let changed = changed_paths(&before, &now);
        assert_eq!(changed, [&p("b"), &p("d"), &p("c")]);
        assert!(changed_paths(&before, &before).is_empty());
    }

    #[test]
    fn only_the_config_or_the_extra_words_reload_everything() {
        let (config, extra, term) = (
            PathBuf::from("gloss.toml"),
            PathBuf::from("words.txt"),
            PathBuf::from("glossary/sprint.yaml"),
        );
        assert!(!needs_full_reload(&[&term], &config, Some(&extra)));
        assert!(!needs_full_reload(&[], &config, Some(&extra)));
        assert!(needs_full_reload(&[&term, &config], &config, None));
        assert!(needs_full_reload(&[&extra], &config, Some(&extra)));
        assert!(!needs_full_reload(&[&extra], &config, None));
    }

    #[test]
    fn every_status_the_server_sends_has_its_reason_phrase() {
        for (status, phrase) in [
            (200, "OK"),
            (308, "Permanent Redirect"),
            (400, "Bad Request"),
            (403, "Forbidden"),
            (404, "Not Found"),
            (405, "Method Not Allowed"),
            (431, "Request Header Fields Too Large"),
            (500, "Internal Server Error"),
            (418, "Error"),
        ] {
            assert_eq!(reason(status), phrase, "{status}");
        }
    }

    #[test]
    fn paths_with_dot_segments_or_controls_are_refused() {
        assert_eq!(decode_path("/sprint/?x=1"), Ok("/sprint/".to_owned()));
        assert_eq!(decode_path("/a%20b/"), Ok("/a b/".to_owned()));
        for bad in [
            "/../gloss.toml",
            "/%2e%2e/gloss.toml",
            "/%2E%2E%2Fgloss.toml",
            "/sprint/%2e%2e/%2e%2e/etc/passwd",
            "/./x",
            "/a%00b",
            "/a%5c..%5cb",
            "/%ff",
            "relative",
        ] {
            assert!(decode_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_the_loopback_names_with_the_port_are_allowed_hosts() {
        let check = |values: &[&str]| {
            let headers: Vec<httparse::Header<'_>> = values
                .iter()
                .map(|v| httparse::Header {
                    name: "Host",
                    value: v.as_bytes(),
                })
                .collect();
            allowed_host(&headers, 8123)
        };
        assert!(check(&["127.0.0.1:8123"]));
        assert!(check(&["LOCALHOST:8123"]));
        for bad in [
            &["evil.example:8123"][..],
            &["127.0.0.1"],
            &["127.0.0.1:8124"],
            &["localhost.evil.example:8123"],
            &[],
            &["127.0.0.1:8123", "evil.example"],
        ] {
            assert!(!check(bad), "{bad:?}");
        }
    }
}
