//! What an incremental edit costs on a large open document: the rope the
//! server keeps (`pos_conv::apply_changes`) against a plain `String` with a
//! line index rebuilt per change, on a 200 KB Markdown doc.
//!
//! cargo run --release -p gloss-lsp --example edit_bench [KB]

use gloss_core::{Encoding, LineIndex, ProtoPos};
use gloss_lsp::pos_conv::apply_changes;
use ropey::Rope;
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

fn doc(kb: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < kb * 1024 {
        i += 1;
        text.push_str(&format!(
            "## Section {i}\n\nA sprint is a short, fixed period in which a team finishes a set amount of work; the backlog feeds it — “café” ☕ and 用語 {i}.\n\n"
        ));
    }
    text
}

fn keystroke(line: u32, character: u32) -> TextDocumentContentChangeEvent {
    TextDocumentContentChangeEvent {
        range: Some(Range::new(
            Position::new(line, character),
            Position::new(line, character),
        )),
        range_length: None,
        text: "x".to_owned(),
    }
}

/// The same edits on a `String`: a new line index per change.
fn string_apply(text: &mut String, changes: &[TextDocumentContentChangeEvent]) {
    for change in changes {
        let Some(range) = change.range else { continue };
        let index = LineIndex::new(text);
        let at = |p: Position| {
            index.from_proto(
                text,
                ProtoPos {
                    line: p.line,
                    character: p.character,
                },
                Encoding::Utf16,
            )
        };
        let (start, end) = (at(range.start), at(range.end));
        text.replace_range(start..end.max(start), &change.text);
    }
}

fn per(d: Duration, n: usize) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6 / n as f64)
}

fn main() {
    let kb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let text = doc(kb);
    let n_lines = text.lines().count() as u32;
    println!("document: {} bytes, {n_lines} lines", text.len());
    for batch in [1usize, 50] {
        let notifications = 2000 / batch;
        let changes: Vec<Vec<TextDocumentContentChangeEvent>> = (0..notifications)
            .map(|n| {
                (0..batch)
                    .map(|k| keystroke(((n * 7919 + k * 104_729) as u32) % n_lines, 3))
                    .collect()
            })
            .collect();
        let mut rope = Rope::from_str(&text);
        let started = Instant::now();
        let mut last = String::new();
        for batch in &changes {
            last = apply_changes(&mut rope, batch, Encoding::Utf16);
        }
        let rope_time = started.elapsed();
        let mut plain = text.clone();
        let started = Instant::now();
        for batch in &changes {
            string_apply(&mut plain, batch);
            // The parser needs an owned text per notification either way.
            std::hint::black_box(plain.clone());
        }
        let string_time = started.elapsed();
        assert_eq!(last, plain, "the two ways disagree");
        println!(
            "{notifications} notifications of {batch} keystroke(s): rope {} per notification (text out included), String + line index per change {} per notification",
            per(rope_time, notifications),
            per(string_time, notifications),
        );
    }
}
