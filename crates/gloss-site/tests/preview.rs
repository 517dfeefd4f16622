//! `gloss preview`'s server, over real TCP: pages from the live glossary,
//! the Host check, no way out of the workspace, live reload within a
//! second, and a burst of idle and half-open connections that stalls
//! neither pages nor live reload.

use gloss_site::preview::Preview;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

const SPRINT: &str = "term: Sprint\ndefinition: A Sprint is a short, time-boxed period of delivery.\n\
    context: Teams plan a sprint and review it, in a steady cycle.\n\
    faqs:\n  - question: How long is a sprint?\n    answer: Usually two weeks of planned delivery work.\n\
    related: [kanban]\nchallenge:\n  word: CYCLE\n  hint: It repeats\n";
const KANBAN: &str = "term: Kanban\ndefinition: Kanban is a flow method that limits work in progress on a board.\n\
    faqs:\n  - question: What is a Kanban board?\n    answer: A board of columns that shows the flow of work.\n\
    related: [sprint]\nchallenge:\n  word: BOARD\n";

/// A glossary in `site/` with a secret file beside it, outside the root.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = dir.path().join("site");
    write(
        &site.join("gloss.toml"),
        "[glossary]\nroot = \"glossary\"\n[faqs]\nmin = 1\n[challenge]\nlengths = [5]\n",
    );
    write(&site.join("glossary/sprint.yaml"), SPRINT);
    write(&site.join("glossary/kanban.yaml"), KANBAN);
    write(
        &dir.path().join("secret.yaml"),
        "term: Topsecret\ndefinition: TOPSECRET-CONTENT\n",
    );
    dir
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

fn request(addr: SocketAddr, raw: &str) -> Response {
    request_in_parts(addr, &[raw.as_bytes()])
}

/// Sends `parts` with a pause between them, then reads the whole reply.
fn request_in_parts(addr: SocketAddr, parts: &[&[u8]]) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap_or_else(|e| panic!("{e}"));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            std::thread::sleep(Duration::from_millis(150));
        }
        stream
            .write_all(part)
            .unwrap_or_else(|e| panic!("write: {e}"));
    }
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

fn get(addr: SocketAddr, path: &str) -> Response {
    request(
        addr,
        &format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            addr.port()
        ),
    )
}

fn start(dir: &Path) -> Preview {
    Preview::start(&dir.join("site"), 0).unwrap_or_else(|e| panic!("start: {e}"))
}

#[test]
fn serves_the_pages_of_the_live_glossary() {
    let dir = workspace();
    let preview = start(dir.path());
    let addr = preview.addr;
    assert!(addr.ip().is_loopback());
    assert_ne!(addr.port(), 0);
    assert_eq!(
        preview.url(Some("Sprint")),
        Some(format!("http://127.0.0.1:{}/sprint/", addr.port()))
    );
    assert_eq!(preview.url(Some("nothing-like-it")), None);
    let index = get(addr, "/");
    assert_eq!(index.status, 200, "{}", index.head);
    assert!(index.body.contains("href=\"sprint/\""), "{}", index.body);
    let page = get(addr, "/sprint/");
    assert_eq!(page.status, 200);
    assert!(page.head.contains("text/html"));
    assert!(
        page.body
            .contains("Mastered Sprint? Now try to guess the related 5-letter word!")
    );
    assert!(page.body.contains("_gloss/live.js"), "live reload script");
    assert_eq!(get(addr, "/sprint/index.html").status, 200);
    let redirect = get(addr, "/sprint");
    assert_eq!(redirect.status, 308);
    assert!(redirect.head.contains("Location: /sprint/"));
    for asset in [
        "/_assets/game.js",
        "/_assets/gloss.css",
        "/_assets/words-5.js",
        "/_gloss/live.js",
    ] {
        assert_eq!(get(addr, asset).status, 200, "{asset}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&get(addr, "/glossary.json").body).unwrap_or_default();
    assert_eq!(json["terms"].as_array().map(Vec::len), Some(2));
    assert_eq!(get(addr, "/nothing/").status, 404);
    assert_eq!(get(addr, "/_assets/words-99.js").status, 404);
    let post = request(
        addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\n\r\n",
            addr.port()
        ),
    );
    assert_eq!(post.status, 405);
    assert_eq!(request(addr, "garbage\r\n\r\n").status, 400);
}

#[test]
fn answers_only_its_own_host_names() {
    let dir = workspace();
    let preview = start(dir.path());
    let addr = preview.addr;
    let port = addr.port();
    let with_host = |host: &str| {
        request(
            addr,
            &format!("GET /sprint/ HTTP/1.1\r\nHost: {host}\r\n\r\n"),
        )
    };
    assert_eq!(with_host(&format!("localhost:{port}")).status, 200);
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        "127.0.0.1".to_owned(),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        let response = with_host(&host);
        assert_eq!(response.status, 403, "Host: {host}");
        assert!(!response.body.contains("Sprint"), "{host}");
    }
    let no_host = request(addr, "GET /sprint/ HTTP/1.1\r\n\r\n");
    assert_eq!(no_host.status, 403);
}

#[cfg(unix)]
#[test]
fn serves_nothing_outside_the_workspace() {
    let dir = workspace();
    let glossary = dir.path().join("site/glossary");
    std::os::unix::fs::symlink(dir.path().join("secret.yaml"), glossary.join("leak.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.path(), glossary.join("outside"))
        .unwrap_or_else(|e| panic!("{e}"));
    let preview = start(dir.path());
    let addr = preview.addr;
    for path in [
        "/../secret.yaml",
        "/%2e%2e/secret.yaml",
        "/%2E%2E%2Fsecret.yaml",
        "/sprint/%2e%2e/%2e%2e/secret.yaml",
        "/..%2f..%2fsecret.yaml",
        "/glossary/sprint.yaml",
        "/gloss.toml",
        "/leak/",
        "/outside/secret.yaml",
        "/outside/",
        "/_assets/../../secret.yaml",
        "/%00",
    ] {
        let response = get(addr, path);
        assert!(
            matches!(response.status, 400 | 404 | 200),
            "{path}: {}",
            response.head
        );
        assert!(
            !response.body.contains("TOPSECRET") && !response.body.contains("[glossary]"),
            "{path} leaked: {}",
            response.body
        );
        if path.contains("..") || path.contains("%2e") || path.contains("%2E") {
            assert_eq!(response.status, 400, "{path}");
        }
    }
    // The linked file is an `io-error`, shown in a banner, never read.
    let leak = get(addr, "/leak/");
    assert!(leak.body.contains("io-error"), "{}", leak.body);
    assert!(!get(addr, "/").body.contains("TOPSECRET"));
    assert!(!get(addr, "/glossary.json").body.contains("TOPSECRET"));
}

/// Reads server-sent events until one `version` event other than `not`
/// arrives; returns its data.
fn next_version(events: &mut BufReader<TcpStream>, not: Option<&str>) -> String {
    let mut event = String::new();
    loop {
        let mut line = String::new();
        let n = events.read_line(&mut line).unwrap_or(0);
        assert!(n > 0, "the event stream ended");
        let line = line.trim_end();
        if let Some(name) = line.strip_prefix("event: ") {
            event = name.to_owned();
        } else if let Some(data) = line.strip_prefix("data: ")
            && event == "version"
            && Some(data) != not
        {
            return data.to_owned();
        }
    }
}

fn subscribe(addr: SocketAddr) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = write!(
        stream,
        "GET /_gloss/events HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n",
        addr.port()
    );
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    let _ = reader.read_line(&mut status);
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    reader
}

#[test]
fn an_edit_reaches_open_pages_within_a_second_and_errors_show_in_a_banner() {
    let dir = workspace();
    let preview = start(dir.path());
    let addr = preview.addr;
    let mut events = subscribe(addr);
    let first = next_version(&mut events, None);
    let page = get(addr, "/sprint/");
    assert!(page.body.contains(&format!("data-version=\"{first}\"")));
    let edited = Instant::now();
    write(
        &dir.path().join("site/glossary/sprint.yaml"),
        &SPRINT.replace("short, time-boxed period", "fixed, time-boxed stretch"),
    );
    let second = next_version(&mut events, Some(&first));
    let latency = edited.elapsed();
    println!("live reload: edit to event in {latency:?}");
    assert!(latency < Duration::from_secs(1), "{latency:?}");
    let page = get(addr, "/sprint/");
    assert!(
        page.body.contains("fixed, time-boxed stretch"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("data-version=\"{second}\"")));
    assert!(!page.body.contains("gloss-banner"));
    // An error: a banner with the rule at line:column.
    write(
        &dir.path().join("site/glossary/sprint.yaml"),
        &SPRINT.replace("related: [kanban]", "related: [kanbn]"),
    );
    let _ = next_version(&mut events, Some(&second));
    let page = get(addr, "/sprint/");
    assert!(
        page.body
            .contains("glossary/sprint.yaml:7:11</code> error[unknown-related]"),
        "{}",
        page.body
    );
    let index = get(addr, "/");
    assert!(
        index.body.contains("1 error</strong> in 1 file"),
        "{}",
        index.body
    );
    // A new term file gets a page.
    write(
        &dir.path().join("site/glossary/epic.yaml"),
        &KANBAN.replace("Kanban", "Epic"),
    );
    let mut page = get(addr, "/epic/");
    let deadline = Instant::now() + Duration::from_secs(2);
    while page.status != 200 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        page = get(addr, "/epic/");
    }
    assert_eq!(page.status, 200);
}

#[test]
fn idle_and_half_open_connections_stall_neither_pages_nor_live_reload() {
    let dir = workspace();
    let preview = start(dir.path());
    let addr = preview.addr;
    let mut events = subscribe(addr);
    let first = next_version(&mut events, None);
    // 50 connections that send nothing, 20 that stop mid-head.
    let mut idle: Vec<TcpStream> = (0..50)
        .map(|_| TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    for _ in 0..20 {
        let mut half = TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
        let _ = half.write_all(b"GET /sprint/ HTTP/1.1\r\nHost: 127.0.0.1:");
        idle.push(half);
    }
    let started = Instant::now();
    let page = get(addr, "/sprint/");
    assert_eq!(page.status, 200);
    println!(
        "a page with 70 idle connections open: {:?}",
        started.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    // A burst of concurrent requests.
    let started = Instant::now();
    let workers: Vec<_> = (0..40)
        .map(|i| {
            std::thread::spawn(move || get(addr, if i % 2 == 0 { "/sprint/" } else { "/" }).status)
        })
        .collect();
    for worker in workers {
        assert_eq!(worker.join().unwrap_or(0), 200);
    }
    println!("40 concurrent requests: {:?}", started.elapsed());
    write(
        &dir.path().join("site/glossary/kanban.yaml"),
        &KANBAN.replace("limits work", "caps work"),
    );
    let edited = Instant::now();
    let _ = next_version(&mut events, Some(&first));
    println!(
        "live reload with 70 idle connections: {:?}",
        edited.elapsed()
    );
    assert!(edited.elapsed() < Duration::from_secs(1));
    assert!(get(addr, "/kanban/").body.contains("caps work"));
    drop(idle);
}

/// The status line of the reply to `parts` sent with pauses between them.
fn status_line_of_parts(addr: SocketAddr, parts: &[&[u8]]) -> String {
    let reply = request_in_parts(addr, parts);
    reply.head.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn request_heads_are_read_whole_up_to_16_kib() {
    let dir = workspace();
    let preview = start(dir.path());
    let addr = preview.addr;
    let host = format!("Host: 127.0.0.1:{}\r\n", addr.port());
    // A head that arrives in two pieces is waited for.
    let first = format!("GET /sprint/ HTTP/1.1\r\n{host}");
    assert_eq!(
        status_line_of_parts(addr, &[first.as_bytes(), b"\r\n"]),
        "HTTP/1.1 200 OK"
    );
    // A head of 8 KB (a long cookie) is served.
    let long = format!("{first}Cookie: {}\r\n\r\n", "c".repeat(8000));
    assert_eq!(
        status_line_of_parts(addr, &[long.as_bytes()]),
        "HTTP/1.1 200 OK"
    );
    // Exactly 16 KiB without its blank line, then the blank line: still
    // within the limit, so served.
    let prefix = format!("{first}X-Pad: ");
    let pad = 16 * 1024 - prefix.len() - 2;
    let exact = format!("{prefix}{}\r\n", "p".repeat(pad));
    assert_eq!(exact.len(), 16 * 1024);
    assert_eq!(
        status_line_of_parts(addr, &[exact.as_bytes(), b"\r\n"]),
        "HTTP/1.1 200 OK"
    );
    // Over 16 KiB: refused as too large.
    let huge = format!("{prefix}{}\r\n\r\n", "p".repeat(20_000));
    assert_eq!(
        status_line_of_parts(addr, &[huge.as_bytes()]),
        "HTTP/1.1 431 Request Header Fields Too Large"
    );
    // Blank lines and nothing else: no request line, a bad request.
    assert_eq!(
        status_line_of_parts(addr, &[b"\r\n\r\n"]),
        "HTTP/1.1 400 Bad Request"
    );
    // Statuses and their reason phrases on the wire.
    let line = |raw: String| status_line_of_parts(addr, &[raw.as_bytes()]);
    assert_eq!(
        line(format!("GET /nope/ HTTP/1.1\r\n{host}\r\n")),
        "HTTP/1.1 404 Not Found"
    );
    assert_eq!(
        line(format!("POST / HTTP/1.1\r\n{host}\r\n")),
        "HTTP/1.1 405 Method Not Allowed"
    );
    assert_eq!(
        line("GET / HTTP/1.1\r\nHost: evil.example:80\r\n\r\n".to_owned()),
        "HTTP/1.1 403 Forbidden"
    );
}

#[test]
fn the_version_counts_changes_and_dropping_the_server_closes_its_port() {
    let dir = workspace();
    let preview = start(dir.path());
    let addr = preview.addr;
    let mut events = subscribe(addr);
    let first = next_version(&mut events, None);
    assert_eq!(preview.version().to_string(), first);
    write(
        &dir.path().join("site/glossary/kanban.yaml"),
        &KANBAN.replace("limits work", "caps work"),
    );
    let second = next_version(&mut events, Some(&first));
    assert_eq!(preview.version().to_string(), second);
    assert!(preview.version() >= 1 && second != first);
    write(
        &dir.path().join("site/glossary/kanban.yaml"),
        &KANBAN.replace("limits work", "bounds work"),
    );
    let third = next_version(&mut events, Some(&second));
    assert_eq!(preview.version().to_string(), third);
    assert!(preview.version() >= 2);
    drop(events);
    drop(preview);
    let deadline = Instant::now() + Duration::from_secs(3);
    while TcpStream::connect(addr).is_ok() {
        assert!(Instant::now() < deadline, "still accepting after drop");
        std::thread::sleep(Duration::from_millis(20));
    }
}
