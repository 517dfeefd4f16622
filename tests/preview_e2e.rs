//! `gloss preview` in a real browser: Chromium driven over the WebDriver
//! protocol by chromedriver, with a tiny blocking HTTP client (no crate).
//!
//! On a copy of the shipped glossary: load a term's page, refuse a word
//! outside the list and a short word, play a losing guess on the on-screen
//! keys and the winning one, and check every tile, key and the win message
//! against the Rust engine's scoring; lose a whole game on the physical
//! keyboard; edit the term file and see the open page reload; load a page
//! of hostile strings and find nothing injected. Screenshots go to
//! `target/preview-e2e/` (and to `docs/preview/` with
//! `GLOSS_UPDATE_SCREENSHOTS=1`).
//!
//! Chromium and chromedriver come from `$GLOSS_CHROMIUM` /
//! `$GLOSS_CHROMEDRIVER` or `/usr/bin`; without them the test prints why
//! and skips, except with `GLOSS_REQUIRE_CHROMIUM=1` (set by `.ci/run`,
//! which installs Debian's `chromium` and `chromium-driver`), where it fails.

use gloss_core::challenge::{Dictionary, Mark, score};
use gloss_tests::{gloss_bin, workspace_root};
use serde_json::{Value, json};
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn tool(var: &str, default: &str) -> Option<PathBuf> {
    let path = std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from);
    path.is_file().then_some(path)
}

/// Kills a child process of this test when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One blocking HTTP/1.1 request; the response body as JSON.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect {port}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut bytes = Vec::new();
    match length {
        Some(n) => {
            bytes.resize(n, 0);
            reader.read_exact(&mut bytes).map_err(|e| e.to_string())?;
        }
        None => {
            reader.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        }
    }
    serde_json::from_slice(&bytes).map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&bytes)))
}

struct Browser {
    port: u16,
    session: String,
    _driver: Killed,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start(chromium: &Path, chromedriver: &Path, profile: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("no free port: {e}"));
        let driver = Killed(
            Command::new(chromedriver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", chromedriver.display())),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        while http(port, "GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=900,1900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let session = http(port, "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("new session: {e}"));
        let id = session["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {session}"))
            .to_owned();
        Browser {
            port,
            session: id,
            _driver: driver,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let reply = http(self.port, method, &path, body.as_ref())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        if reply["value"]["error"].is_string() {
            panic!("{method} {path}: {reply}");
        }
        reply["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url})));
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    fn click(&self, css: &str) {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no {css}: {found}"));
        self.call("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// Clicks the on-screen keys of `word`, then Enter.
    fn click_word(&self, word: &str) {
        for letter in word.chars() {
            self.click(&format!("#gloss-keyboard [data-key=\"{letter}\"]"));
        }
        self.click("#gloss-keyboard [data-key=\"Enter\"]");
    }

    /// Types `text` on the physical keyboard (WebDriver key actions);
    /// `\n` is Enter.
    fn type_keys(&self, text: &str) {
        let mut actions = Vec::new();
        for ch in text.chars() {
            let key = if ch == '\n' {
                "\u{E007}".to_owned()
            } else {
                ch.to_string()
            };
            actions.push(json!({"type": "keyDown", "value": key}));
            actions.push(json!({"type": "keyUp", "value": key}));
        }
        self.call(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        self.call("DELETE", "/actions", None);
    }

    fn screenshot(&self, name: &str) {
        let png = self.call("GET", "/screenshot", None);
        let bytes = base64_decode(png.as_str().unwrap_or_default());
        assert!(bytes.starts_with(b"\x89PNG"), "screenshot is not a PNG");
        let dir = workspace_root().join("target/preview-e2e");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(name), &bytes);
        if std::env::var_os("GLOSS_UPDATE_SCREENSHOTS").is_some() {
            let docs = workspace_root().join("docs/preview");
            let _ = std::fs::create_dir_all(&docs);
            std::fs::write(docs.join(name), &bytes).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let value = self.js(script);
            if value.as_bool() != Some(false) && !value.is_null() {
                return value;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn mark_name(mark: Mark) -> &'static str {
    match mark {
        Mark::Green => "green",
        Mark::Yellow => "yellow",
        Mark::Gray => "gray",
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// The challenge word and hint of a shipped term, from its YAML.
fn challenge_of(file: &Path) -> (String, String) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_owned()))
            .unwrap_or_else(|| panic!("no {key} in {}", file.display()))
    };
    (field("word:").to_ascii_uppercase(), field("hint:"))
}

/// A guess the game accepts that is not `word` and shares letters with it.
fn losing_guess(word: &str) -> String {
    let dictionary = Dictionary::builtin();
    dictionary
        .answers(word.len())
        .map(str::to_ascii_uppercase)
        .filter(|g| g != word)
        .max_by_key(|g| {
            let marks = score(g, word);
            let n = |m| marks.marks().iter().filter(|&&x| x == m).count();
            // Greens, yellows and grays all on show, repeated letters welcome.
            (
                n(Mark::Green).min(2),
                n(Mark::Yellow).min(2),
                n(Mark::Gray).min(1),
            )
        })
        .unwrap_or_else(|| panic!("no guess for {word}"))
}

const HOSTILE: &str = r#"term: "Hostile </script><img src=x onerror=window.__pwned=1> \"q\" & 'a' -->"
aliases: ["<script>window.__pwned=2</script>"]
definition: "Hostile <svg onload=window.__pwned=3> is </script><script>window.__pwned=4</script> --> <!--"
faqs:
  - question: "<iframe src=javascript:window.__pwned=5>?"
    answer: "&amp; <b onclick=window.__pwned=6>bold</b>"
related: ["</script>"]
challenge:
  word: TESTS
  hint: "</script><script>window.__pwned=7</script>"
"#;

#[test]
fn the_game_plays_in_chromium_and_the_page_reloads_on_an_edit() {
    let required = std::env::var_os("GLOSS_REQUIRE_CHROMIUM").is_some_and(|v| v == "1");
    let (Some(chromium), Some(chromedriver)) = (
        tool("GLOSS_CHROMIUM", "/usr/bin/chromium"),
        tool("GLOSS_CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) else {
        assert!(
            !required,
            "GLOSS_REQUIRE_CHROMIUM=1 but chromium or chromedriver is missing (apt-get install chromium chromium-driver)"
        );
        println!(
            "skipped: Chromium e2e test needs /usr/bin/chromium and /usr/bin/chromedriver \
             (apt-get install chromium chromium-driver, or set GLOSS_CHROMIUM/GLOSS_CHROMEDRIVER); .ci/run installs them"
        );
        return;
    };
    let root = workspace_root();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_tree(&root.join("glossary"), &dir.path().join("glossary"));
    std::fs::copy(root.join("gloss.toml"), dir.path().join("gloss.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("glossary/hostile.yaml"), HOSTILE)
        .unwrap_or_else(|e| panic!("{e}"));
    let slug = "product-operations-manager";
    let term_file = dir.path().join("glossary").join(format!("{slug}.yaml"));
    let (word, hint) = challenge_of(&term_file);

    let mut server = Killed(
        Command::new(gloss_bin())
            .args(["preview", slug])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run gloss preview: {e}")),
    );
    let mut url = String::new();
    if let Some(stdout) = server.0.stdout.take() {
        let _ = BufReader::new(stdout).read_line(&mut url);
    }
    let url = url.trim().to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with(&format!("/{slug}/")),
        "{url}"
    );
    let base = url.trim_end_matches(&format!("{slug}/")).to_owned();

    let profile = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let browser = Browser::start(&chromium, &chromedriver, profile.path());
    browser.go(&url);
    browser.wait_for(
        "the game",
        "return document.querySelector('.challenge').getAttribute('data-state') === 'playing'",
    );
    let prompt = browser.js("return document.querySelector('.prompt').textContent");
    assert_eq!(
        prompt,
        format!(
            "Mastered Product Operations Manager? Now try to guess the related {}-letter word!",
            word.len()
        )
    );
    browser.screenshot("before.png");

    // Refused: a word outside the list (physical keys), a short word (on-screen keys).
    browser.type_keys(&format!("{}\n", "Q".repeat(word.len())));
    let status = browser.js("return document.getElementById('gloss-status').textContent");
    assert_eq!(
        status,
        format!("{} is not in the word list.", "Q".repeat(word.len()))
    );
    browser.type_keys(&"\u{E003}".repeat(word.len()));
    browser.click_word(&word[..2]);
    let status = browser.js("return document.getElementById('gloss-status').textContent");
    assert!(
        status
            .as_str()
            .unwrap_or_default()
            .starts_with(&format!("Not a {}-letter word", word.len())),
        "{status}"
    );
    for _ in 0..2 {
        browser.click("#gloss-keyboard [data-key=\"Backspace\"]");
    }
    let filled = browser.js("return [...document.querySelectorAll('.tile[data-mark]')].length");
    assert_eq!(filled, 0, "a refused guess scores nothing");

    // A losing guess, then the winning one, on the on-screen keys.
    let guess = losing_guess(&word);
    browser.click_word(&guess);
    browser.click_word(&word);
    let rows = browser.js(
        "return [...document.querySelectorAll('#gloss-board .row')].slice(0, 2).map(r => \
         [...r.querySelectorAll('.tile')].map(t => [t.textContent, t.getAttribute('data-mark'), t.getAttribute('aria-label')]))",
    );
    let mut best: std::collections::BTreeMap<char, Mark> = Default::default();
    for (row, played) in [&guess, &word].iter().enumerate() {
        let marks = score(played, &word);
        for (i, (letter, &mark)) in played.chars().zip(marks.marks()).enumerate() {
            let tile = &rows[row][i];
            assert_eq!(tile[0], letter.to_string(), "row {row} tile {i}");
            assert_eq!(
                tile[1],
                mark_name(mark),
                "row {row} tile {i}: {played} vs {word}"
            );
            assert!(
                tile[2]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with(&format!("{letter}, "))
            );
            let slot = best.entry(letter).or_insert(mark);
            *slot = (*slot).max(mark);
        }
    }
    let keys = browser.js(
        "return Object.fromEntries([...document.querySelectorAll('#gloss-keyboard [data-key]')].map(k => [k.dataset.key, k.getAttribute('data-mark')]))",
    );
    for letter in 'A'..='Z' {
        let expected = best.get(&letter).map(|&m| mark_name(m));
        assert_eq!(keys[letter.to_string()].as_str(), expected, "key {letter}");
    }
    assert_eq!(
        browser.js("return document.querySelector('.challenge').dataset.state"),
        "won"
    );
    let status = browser.js("return document.getElementById('gloss-status').textContent");
    let status = status.as_str().unwrap_or_default();
    assert!(
        status.contains(&format!("Solved in 2/6! The word was {word}.")),
        "{status}"
    );
    assert!(status.contains(&format!("Hint: {hint}")), "{status}");
    assert_eq!(
        browser.js("return document.getElementById('gloss-status').getAttribute('aria-live')"),
        "polite"
    );
    browser.screenshot("after.png");

    // Live reload: edit the term file; the open page reloads and shows it.
    browser.js("window.__before_reload = true; return null");
    let text = std::fs::read_to_string(&term_file).unwrap_or_else(|e| panic!("{e}"));
    let edited = Instant::now();
    std::fs::write(
        &term_file,
        text.replace(
            "is the operational backbone",
            "is the edited operational backbone",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    browser.wait_for(
        "the page to reload",
        "return !window.__before_reload && document.querySelector('.definition') !== null && document.querySelector('.definition').textContent.includes('edited operational backbone')",
    );
    println!(
        "live reload in Chromium: edit to new page in {:?}",
        edited.elapsed()
    );

    // A whole losing game on the physical keyboard, on another page.
    let (kanban_word, kanban_hint) = challenge_of(&dir.path().join("glossary/kanban.yaml"));
    browser.go(&format!("{base}kanban/"));
    browser.wait_for(
        "the game",
        "return document.querySelector('.challenge').getAttribute('data-state') === 'playing'",
    );
    let wrong = losing_guess(&kanban_word);
    browser.type_keys(&format!("{wrong}\n").repeat(6).to_ascii_lowercase());
    assert_eq!(
        browser.js("return document.querySelector('.challenge').dataset.state"),
        "lost"
    );
    let status = browser.js("return document.getElementById('gloss-status').textContent");
    let status = status.as_str().unwrap_or_default();
    assert!(
        status.contains(&format!("Out of guesses. The word was {kanban_word}.")),
        "{status}"
    );
    assert!(status.contains(&format!("Hint: {kanban_hint}")), "{status}");

    // Hostile strings: shown as text, nothing injected, nothing ran.
    browser.go(&format!("{base}hostile/"));
    browser.wait_for(
        "the hostile page",
        "return document.readyState === 'complete'",
    );
    let report = browser.js(
        "return {pwned: window.__pwned === undefined ? null : window.__pwned, \
         injected: document.querySelectorAll('img, svg, iframe, b, [onerror], [onload], [onclick]').length, \
         scripts: [...document.scripts].map(s => s.type || s.getAttribute('src')), \
         h1: document.querySelector('h1').textContent, \
         banner: document.querySelector('.gloss-banner') !== null}",
    );
    assert_eq!(report["pwned"], Value::Null, "{report}");
    assert_eq!(report["injected"], 0, "{report}");
    assert_eq!(
        report["scripts"],
        json!([
            "application/ld+json",
            "application/json",
            "../_assets/words-5.js",
            "../_assets/game.js",
            "../_gloss/live.js"
        ]),
        "{report}"
    );
    assert_eq!(
        report["h1"],
        "Hostile </script><img src=x onerror=window.__pwned=1> \"q\" & 'a' -->"
    );
    assert_eq!(report["banner"], true, "lint errors show in a banner");
    let ld = browser.js("return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent).name");
    assert_eq!(ld, report["h1"]);
}
