//! Every conversion between protocol positions and byte offsets, and the
//! application of incremental edits to a document's rope.
//!
//! Lines are the core [`LineIndex`]'s lines (ended by `\n`, a `\r` before it
//! belongs to no line's text), so diagnostics computed by the core and edits
//! sent by the client agree on where a line is. Positions past the end of a
//! line or of the document are clamped, never rejected.

use gloss_core::{Encoding, LineIndex, ProtoPos, TextRange};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

/// A text with its line index: the unit every conversion works on.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
}

impl Lines<'_> {
    pub fn offset(&self, pos: Position, encoding: Encoding) -> usize {
        self.index.from_proto(
            self.text,
            ProtoPos {
                line: pos.line,
                character: pos.character,
            },
            encoding,
        )
    }

    /// A byte range; a reversed range is read as empty at its start.
    pub fn range_to_bytes(&self, range: Range, encoding: Encoding) -> TextRange {
        let start = self.offset(range.start, encoding);
        let end = self.offset(range.end, encoding).max(start);
        TextRange::new(start, end)
    }

    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let pos = self.index.to_proto(self.text, offset, encoding);
        Position::new(pos.line, pos.character)
    }

    pub fn range(&self, range: TextRange, encoding: Encoding) -> Range {
        Range::new(
            self.position(range.start, encoding),
            self.position(range.end.max(range.start), encoding),
        )
    }
}

/// Apply one content change to `rope`, whose text is `text` (indexed by
/// `index`). A change without a range replaces the whole document.
pub fn apply_change(
    rope: &mut Rope,
    lines: Lines<'_>,
    change: &TextDocumentContentChangeEvent,
    encoding: Encoding,
) {
    let Some(range) = change.range else {
        *rope = Rope::from_str(&change.text);
        return;
    };
    let bytes = lines.range_to_bytes(range, encoding);
    // The offsets are on char boundaries of `text`, which is the rope's text.
    let start = rope.byte_to_char(bytes.start.min(rope.len_bytes()));
    let end = rope.byte_to_char(bytes.end.min(rope.len_bytes()));
    if end > start {
        rope.remove(start..end);
    }
    if !change.text.is_empty() {
        rope.insert(start, &change.text);
    }
}

/// Apply a batch of content changes in order: each change's positions refer
/// to the text left by the previous one. Returns the new text.
pub fn apply_changes(
    rope: &mut Rope,
    text: &str,
    changes: &[TextDocumentContentChangeEvent],
    encoding: Encoding,
) -> String {
    let mut current = text.to_owned();
    for change in changes {
        let index = LineIndex::new(&current);
        apply_change(
            rope,
            Lines {
                text: &current,
                index: &index,
            },
            change,
            encoding,
        );
        current = rope.to_string();
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    fn edit(text: &str, changes: &[TextDocumentContentChangeEvent], encoding: Encoding) -> String {
        let mut rope = Rope::from_str(text);
        let out = apply_changes(&mut rope, text, changes, encoding);
        assert_eq!(rope.to_string(), out);
        out
    }

    #[test]
    fn utf16_edit_after_emoji_and_cjk() {
        // 😀 is two UTF-16 units, 用 and 語 one each: "M" is at character 8.
        let text = "a: 😀用語PM\n";
        let out = edit(
            text,
            &[change(Some(((0, 8), (0, 9))), "O")],
            Encoding::Utf16,
        );
        assert_eq!(out, "a: 😀用語PO\n");
        // In UTF-8, the same "M" is at byte 14.
        let out = edit(
            text,
            &[change(Some(((0, 14), (0, 15))), "O")],
            Encoding::Utf8,
        );
        assert_eq!(out, "a: 😀用語PO\n");
    }

    #[test]
    fn positions_convert_both_ways() {
        let text = "x\r\n😀 PM";
        let index = LineIndex::new(text);
        let lines = Lines {
            text,
            index: &index,
        };
        let at = text.find("PM").unwrap_or_default();
        assert_eq!(lines.position(at, Encoding::Utf16), Position::new(1, 3));
        assert_eq!(lines.position(at, Encoding::Utf8), Position::new(1, 5));
        assert_eq!(lines.offset(Position::new(1, 3), Encoding::Utf16), at);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(lines.offset(Position::new(1, 1), Encoding::Utf16), 3);
        let range = lines.range(TextRange::new(at, at + 2), Encoding::Utf16);
        assert_eq!(range, Range::new(Position::new(1, 3), Position::new(1, 5)));
    }

    #[test]
    fn sequential_changes_in_one_batch() {
        let text = "ab\ncd\n";
        let out = edit(
            text,
            &[
                change(Some(((0, 0), (0, 0))), "X\n"),
                change(Some(((2, 1), (2, 2))), "Y"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(out, "X\nab\ncY\n");
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\ncd";
        assert_eq!(
            edit(
                text,
                &[change(Some(((0, 99), (0, 99))), "!")],
                Encoding::Utf16
            ),
            "ab!\ncd"
        );
        assert_eq!(
            edit(
                text,
                &[change(Some(((42, 0), (99, 9))), "!")],
                Encoding::Utf16
            ),
            "ab\ncd!"
        );
        // A reversed range inserts at its start.
        assert_eq!(
            edit(
                text,
                &[change(Some(((1, 1), (0, 0))), "!")],
                Encoding::Utf16
            ),
            "ab\nc!d"
        );
        assert_eq!(edit(text, &[change(None, "new")], Encoding::Utf16), "new");
    }
}
