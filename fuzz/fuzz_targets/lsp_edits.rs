//! LSP incremental edits applied to a rope (as the server does) agree with
//! the same edits applied to a plain string, whatever the positions:
//! past the end, reversed, inside a surrogate pair or a CRLF.
#![no_main]

use arbitrary::Arbitrary;
use gloss_core::{Encoding, LineIndex, ProtoPos};
use gloss_lsp::pos_conv::apply_changes;
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

#[derive(Arbitrary, Debug)]
struct Change {
    range: Option<((u32, u32), (u32, u32))>,
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    utf8: bool,
    changes: Vec<Change>,
}

fn reference(text: &str, change: &Change, encoding: Encoding) -> String {
    let Some(((l1, c1), (l2, c2))) = change.range else {
        return change.text.clone();
    };
    let index = LineIndex::new(text);
    let start = index.from_proto(
        text,
        ProtoPos {
            line: l1,
            character: c1,
        },
        encoding,
    );
    let end = index
        .from_proto(
            text,
            ProtoPos {
                line: l2,
                character: c2,
            },
            encoding,
        )
        .max(start);
    let mut out = text.to_owned();
    out.replace_range(start..end, &change.text);
    out
}

fuzz_target!(|input: Input| {
    let encoding = if input.utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let events: Vec<TextDocumentContentChangeEvent> = input
        .changes
        .iter()
        .map(|c| TextDocumentContentChangeEvent {
            range: c.range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: c.text.clone(),
        })
        .collect();
    let mut rope = Rope::from_str(&input.text);
    let out = apply_changes(&mut rope, &events, encoding);
    assert_eq!(rope.to_string(), out);
    let mut expected = input.text.clone();
    for change in &input.changes {
        expected = reference(&expected, change, encoding);
    }
    assert_eq!(out, expected);
});
