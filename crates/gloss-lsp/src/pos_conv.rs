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

/// The byte offset of a protocol position in `rope`, as
/// [`LineIndex::from_proto`] finds it in the rope's text: a line past the
/// end gives the end of the text, a character past the end of its line the
/// end of the line (before its `\n`), a position inside a character its
/// start. Costs a lookup and one line, not the document.
pub fn rope_offset(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    // Lines end at `\n`, `\r\n` and a lone `\r` (ropey's `cr_lines`, not
    // `unicode_lines`), as in `LineIndex`: U+2028 starts no line.
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let end = if line + 1 < rope.len_lines() {
        rope.line_to_byte(line + 1) - 1
    } else {
        rope.len_bytes()
    };
    let want = pos.character as usize;
    let mut units = 0;
    let mut at = start;
    for ch in rope.byte_slice(start..end).chars() {
        if units >= want {
            return at;
        }
        units += match encoding {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
        };
        if units > want {
            return at;
        }
        at += ch.len_utf8();
    }
    end
}

/// Apply one content change to `rope`. A change without a range replaces
/// the whole document; a reversed range is read as empty at its start.
pub fn apply_change(rope: &mut Rope, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
    let Some(range) = change.range else {
        *rope = Rope::from_str(&change.text);
        return;
    };
    let start = rope_offset(rope, range.start, encoding);
    let end = rope_offset(rope, range.end, encoding).max(start);
    // Both offsets are on char boundaries (see `rope_offset`).
    let start = rope.byte_to_char(start);
    let end = rope.byte_to_char(end);
    if end > start {
        rope.remove(start..end);
    }
    if !change.text.is_empty() {
        rope.insert(start, &change.text);
    }
}

/// Apply a batch of content changes in order (each change's positions
/// refer to the text the previous one left) and return the new text: the
/// one copy of the whole text made per notification.
pub fn apply_changes(
    rope: &mut Rope,
    changes: &[TextDocumentContentChangeEvent],
    encoding: Encoding,
) -> String {
    for change in changes {
        apply_change(rope, change, encoding);
    }
    rope.to_string()
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
        let out = apply_changes(&mut rope, changes, encoding);
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

    #[test]
    fn rope_offsets_agree_with_the_line_index_everywhere() {
        // CRLF, a lone CR, U+2028 (no line break for the core), astral
        // and wide characters, an empty last line, no final newline.
        for text in [
            "a: 😀用語PM\r\nb: x\ry\u{2028}z\n\n",
            "é\n\n😀",
            "",
            "\r\n\r\n",
        ] {
            let index = LineIndex::new(text);
            let rope = Rope::from_str(text);
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                for line in 0..6 {
                    for character in 0..40 {
                        let pos = Position::new(line, character);
                        let lines = Lines {
                            text,
                            index: &index,
                        };
                        assert_eq!(
                            rope_offset(&rope, pos, encoding),
                            lines.offset(pos, encoding),
                            "{text:?} {pos:?} {encoding:?}"
                        );
                    }
                }
            }
        }
    }
}
