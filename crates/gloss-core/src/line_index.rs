//! Byte offsets ↔ human and protocol positions.
//!
//! Every diagnostic carries a byte range; this one index turns it into the
//! 1-based line/column that `gloss lint` prints (columns count Unicode scalar
//! values) and into LSP positions (UTF-16 or UTF-8 code units). A line ends
//! at `\n`, `\r\n` or a lone `\r` (old Mac files), as in YAML and LSP; the
//! `\r` of a CRLF is not part of the line's text. A leading BOM is not
//! counted as a column.

/// A byte range into a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub const fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// Bytes covered; 0 for an empty or reversed range.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
}

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Which code units an LSP position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf16,
    Utf8,
}

/// A 0-based protocol position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ProtoPos {
    pub line: u32,
    pub character: u32,
}

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    len: usize,
    bom: bool,
    /// Inside lines longer than [`CHECKPOINT`] bytes, about every
    /// [`CHECKPOINT`] bytes: a character boundary, and the characters and
    /// UTF-16 units from its line's start to it. A column is then counted
    /// from the nearest one, so that each finding on a line of a megabyte
    /// costs no more than one on a short line.
    checkpoints: Vec<Checkpoint>,
}

#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    at: usize,
    chars: usize,
    utf16: usize,
}

/// How far apart [`LineIndex::checkpoints`] are, in bytes.
const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        // `match_indices` on a char searches with memchr.
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        // A lone `\r` ends a line too. Rare: the byte-by-byte pass runs only
        // when the text has one.
        let bytes = text.as_bytes();
        let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if text.match_indices('\r').any(|(i, _)| lone_cr(i)) {
            line_starts.truncate(1);
            line_starts.extend(
                (0..bytes.len())
                    .filter(|&i| bytes[i] == b'\n' || lone_cr(i))
                    .map(|i| i + 1),
            );
        }
        let checkpoints = checkpoints(text, &line_starts);
        Self {
            line_starts,
            len: text.len(),
            bom: text.starts_with('\u{feff}'),
            checkpoints,
        }
    }

    /// The characters (or, with `utf16`, the UTF-16 units) of
    /// `text[start..offset]`, where `start` is the start of `offset`'s line:
    /// counted from the last checkpoint between them, if any.
    fn count_from_line_start(&self, text: &str, start: usize, offset: usize, utf16: bool) -> usize {
        let at = self.checkpoints.partition_point(|c| c.at <= offset);
        let (from, before) = match at.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(c) if c.at >= start => (c.at, if utf16 { c.utf16 } else { c.chars }),
            _ => (start, 0),
        };
        let piece = &text[from..offset];
        before
            + if utf16 {
                piece.chars().map(char::len_utf16).sum::<usize>()
            } else {
                piece.chars().count()
            }
    }

    pub fn n_lines(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of 0-based line `line`, without its `\n` (a `\r` before
    /// it is trimmed too).
    pub fn line_range(&self, text: &str, line: usize) -> Option<TextRange> {
        let start = *self.line_starts.get(line)?;
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.len, |next| next - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(TextRange::new(start, end.min(text.len())))
    }

    /// The range of the line holding byte `offset` (clamped into the text),
    /// without its line break.
    pub fn line_range_at(&self, text: &str, offset: usize) -> TextRange {
        let (line, start) = self.line_of(Self::clamp(text, offset));
        self.line_range(text, line)
            .unwrap_or(TextRange::empty(start))
    }

    /// Clamp an offset into the text and back onto a char boundary.
    fn clamp(text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// 0-based line and the byte offset of its start, for an offset.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        (line, self.line_starts[line])
    }

    fn line_start_skipping_bom(&self, line: usize, start: usize) -> usize {
        if line == 0 && self.bom {
            start + 3
        } else {
            start
        }
    }

    /// 1-based line and column (Unicode scalar values) of a byte offset.
    /// Offsets past the end or inside a character are clamped.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = Self::clamp(text, offset);
        let (line, start) = self.line_of(offset);
        let chars = self.count_from_line_start(text, start, offset, false);
        // The BOM is one character, not counted.
        let bom = usize::from(self.line_start_skipping_bom(line, start) > start);
        let column = chars.saturating_sub(bom) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and column, clamped to the line.
    pub fn offset_of_line_col(&self, text: &str, line_col: LineCol) -> usize {
        let line = line_col.line.saturating_sub(1);
        let Some(&line_start) = self.line_starts.get(line) else {
            return text.len();
        };
        // The `\r` of a CRLF is addressable; the `\n` is the next line's business.
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.len, |next| next - 1)
            .min(text.len());
        let start = self.line_start_skipping_bom(line, line_start).min(end);
        let n_chars = line_col.column.saturating_sub(1);
        text[start..end]
            .char_indices()
            .nth(n_chars)
            .map_or(end, |(i, _)| start + i)
    }

    /// The protocol position of a byte offset.
    pub fn to_proto(&self, text: &str, offset: usize, encoding: Encoding) -> ProtoPos {
        let offset = Self::clamp(text, offset);
        let (line, start) = self.line_of(offset);
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.count_from_line_start(text, start, offset, true),
        };
        ProtoPos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a protocol position. A line past the end gives the
    /// end of the text; a character past the end of its line gives the end of
    /// the line; a position inside a character lands at its start.
    pub fn from_proto(&self, text: &str, pos: ProtoPos, encoding: Encoding) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return text.len();
        };
        // LSP positions may address the `\r` of a CRLF but not the `\n`.
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.len, |next| next - 1)
            .min(text.len());
        let want = pos.character as usize;
        let mut units = 0;
        for (i, ch) in text[start..end].char_indices() {
            if units >= want {
                return start + i;
            }
            units += match encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if units > want {
                return start + i;
            }
        }
        end
    }
}

/// [`LineIndex::checkpoints`] of `text`, whose lines start at `line_starts`.
fn checkpoints(text: &str, line_starts: &[usize]) -> Vec<Checkpoint> {
    let mut out = Vec::new();
    for (k, &start) in line_starts.iter().enumerate() {
        let end = line_starts.get(k + 1).copied().unwrap_or(text.len());
        if end.saturating_sub(start) <= CHECKPOINT {
            continue;
        }
        let mut last = Checkpoint {
            at: start,
            chars: 0,
            utf16: 0,
        };
        let mut next = start + CHECKPOINT;
        while next < end {
            let at = LineIndex::clamp(text, next).max(last.at);
            let piece = &text[last.at..at];
            last = Checkpoint {
                at,
                chars: last.chars + piece.chars().count(),
                utf16: last.utf16 + piece.chars().map(char::len_utf16).sum::<usize>(),
            };
            out.push(last);
            next += CHECKPOINT;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(text: &str, offset: usize) -> (usize, usize) {
        let index = LineIndex::new(text);
        let LineCol { line, column } = index.line_col(text, offset);
        (line, column)
    }

    fn round_trip(text: &str) {
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                let pos = index.to_proto(text, offset, encoding);
                assert_eq!(
                    index.from_proto(text, pos, encoding),
                    offset,
                    "{text:?} @{offset}"
                );
            }
            let line_col = index.line_col(text, offset);
            // The BOM itself has no column of its own.
            if !(offset == 0 && text.starts_with('\u{feff}')) {
                assert_eq!(
                    index.offset_of_line_col(text, line_col),
                    offset,
                    "{text:?} @{offset}"
                );
            }
        }
    }

    #[test]
    fn lf() {
        let text = "ab\ncd\n";
        assert_eq!(lc(text, 0), (1, 1));
        assert_eq!(lc(text, 4), (2, 2));
        assert_eq!(lc(text, 6), (3, 1));
        round_trip(text);
    }

    #[test]
    fn crlf() {
        let text = "ab\r\ncd\r\n";
        assert_eq!(lc(text, 4), (2, 1));
        assert_eq!(lc(text, 5), (2, 2));
        let index = LineIndex::new(text);
        assert_eq!(index.line_range(text, 0), Some(TextRange::new(0, 2)));
        // A character past the line's end lands before its line break.
        let pos = ProtoPos {
            line: 0,
            character: 99,
        };
        assert_eq!(index.from_proto(text, pos, Encoding::Utf16), 3);
        round_trip(text);
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let text = "ab\rcd\r\nef\r\rgh";
        let index = LineIndex::new(text);
        assert_eq!(index.n_lines(), 5);
        assert_eq!(lc(text, 3), (2, 1));
        assert_eq!(lc(text, 7), (3, 1));
        assert_eq!(lc(text, 11), (5, 1));
        assert_eq!(index.line_range(text, 0), Some(TextRange::new(0, 2)));
        assert_eq!(index.line_range(text, 1), Some(TextRange::new(3, 5)));
        assert_eq!(index.line_range(text, 3), Some(TextRange::new(10, 10)));
        assert_eq!(index.line_range_at(text, 4), TextRange::new(3, 5));
        assert_eq!(index.line_range_at(text, 99), TextRange::new(11, 13));
        round_trip(text);
    }

    #[test]
    fn bom() {
        let text = "\u{feff}term: x\nb";
        assert_eq!(lc(text, 3), (1, 1));
        assert_eq!(lc(text, 9), (1, 7));
        round_trip(text);
    }

    #[test]
    fn astral_plane() {
        // 😀 is one scalar value, two UTF-16 units, four bytes.
        let text = "a😀b: 😀x";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap_or_default();
        assert_eq!(lc(text, b), (1, 3));
        assert_eq!(index.to_proto(text, b, Encoding::Utf16).character, 3);
        assert_eq!(index.to_proto(text, b, Encoding::Utf8).character, 5);
        // A position in the middle of the surrogate pair lands on the emoji.
        let mid = ProtoPos {
            line: 0,
            character: 2,
        };
        assert_eq!(index.from_proto(text, mid, Encoding::Utf16), 1);
        round_trip(text);
    }

    #[test]
    fn combining_marks() {
        // "é" as e + U+0301 is two scalar values, each one UTF-16 unit.
        let text = "cafe\u{301} latte";
        let index = LineIndex::new(text);
        let l = text.find('l').unwrap_or_default();
        assert_eq!(lc(text, l), (1, 7));
        assert_eq!(index.to_proto(text, l, Encoding::Utf16).character, 6);
        assert_eq!(index.to_proto(text, l, Encoding::Utf8).character, 7);
        round_trip(text);
    }

    #[test]
    fn cjk_and_mixed_line_endings() {
        let text = "用語\r\n定義\nx\r\n";
        assert_eq!(lc(text, text.find('定').unwrap_or_default()), (2, 1));
        assert_eq!(lc(text, text.find('x').unwrap_or_default()), (3, 1));
        round_trip(text);
    }

    #[test]
    fn out_of_range_is_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(lc(text, 99), (2, 3));
        let far = ProtoPos {
            line: 42,
            character: 0,
        };
        assert_eq!(index.from_proto(text, far, Encoding::Utf16), text.len());
        assert_eq!(
            index.offset_of_line_col(text, LineCol { line: 9, column: 9 }),
            text.len()
        );
        round_trip("");
    }

    #[test]
    fn offset_inside_a_character_is_clamped_to_its_start() {
        // `é` is two bytes; offset 1 is inside it.
        assert_eq!(lc("é", 1), (1, 1));
        // `é` at 1..3, `€` at 3..6, `😀` at 6..10, `\n` at 10.
        let text = "aé€😀\nb";
        let index = LineIndex::new(text);
        for (inside, start, column) in [(2, 1, 2), (4, 3, 3), (5, 3, 3), (7, 6, 4), (9, 6, 4)] {
            assert_eq!(lc(text, inside), (1, column), "@{inside}");
            let utf8 = index.to_proto(text, inside, Encoding::Utf8);
            assert_eq!(utf8.character as usize, start, "@{inside}");
        }
        assert_eq!(index.line_range_at(text, 8), TextRange::new(0, 10));
        assert_eq!(index.line_range_at(text, 12), TextRange::new(11, 12));
    }

    #[test]
    fn column_past_the_end_of_a_line_stays_on_that_line() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        let far = |line| LineCol { line, column: 99 };
        assert_eq!(index.offset_of_line_col(text, far(1)), 2);
        assert_eq!(index.offset_of_line_col(text, far(2)), text.len());
        // The `\r` of a CRLF is addressable, the `\n` is not.
        let crlf = "ab\r\ncd";
        let index = LineIndex::new(crlf);
        assert_eq!(index.offset_of_line_col(crlf, far(1)), 3);
        let column_zero = LineCol { line: 2, column: 0 };
        assert_eq!(index.offset_of_line_col(crlf, column_zero), 4);
    }

    #[test]
    fn text_range_emptiness_and_containment() {
        assert!(TextRange::empty(3).is_empty());
        assert!(TextRange::new(4, 3).is_empty());
        assert!(!TextRange::new(3, 4).is_empty());
        assert_eq!(TextRange::new(3, 7).len(), 4);
        assert_eq!(TextRange::empty(3).len(), 0);
        assert_eq!(TextRange::new(4, 3).len(), 0);
        let range = TextRange::new(2, 4);
        assert!(!range.contains(1));
        assert!(range.contains(2));
        assert!(range.contains(4));
        assert!(!range.contains(5));
        assert!(TextRange::empty(7).contains(7));
    }
}

#[cfg(test)]
mod long_line_tests {
    use super::*;

    /// Columns and protocol characters as counted from the line's start,
    /// character by character.
    fn naive(text: &str, offset: usize) -> (LineCol, ProtoPos) {
        let offset = LineIndex::clamp(text, offset);
        let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line = text[..line_start]
            .match_indices(['\n', '\r'])
            .filter(|&(i, c)| !(c == "\r" && text[i + 1..].starts_with('\n')))
            .count();
        let from = if line == 0 && text.starts_with('\u{feff}') {
            3.min(offset)
        } else {
            line_start
        };
        let column = text[from..offset].chars().count() + 1;
        let utf16 = text[line_start..offset]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        (
            LineCol {
                line: line + 1,
                column,
            },
            ProtoPos {
                line: line as u32,
                character: utf16 as u32,
            },
        )
    }

    #[test]
    fn columns_on_long_lines_are_counted_as_on_short_ones() {
        // Long lines of ASCII, of two-, three- and four-byte characters, a
        // BOM, CRLF and lone CR, and short lines between.
        let unit = "ab é€ 𝄞 x";
        let long: String = unit.repeat(700);
        let texts = [
            long.clone(),
            format!("\u{feff}{long}\nshort\r\n{long}\r{long}"),
            format!("x\n{}\n{long}", "é".repeat(3000)),
            "a".repeat(5000),
            // A line of exactly 2 KB: one checkpoint, not one at its end.
            "a".repeat(2 * CHECKPOINT),
        ];
        for text in &texts {
            let index = LineIndex::new(text);
            // One checkpoint every 1 KB of each line longer than that.
            let ends = index
                .line_starts
                .iter()
                .skip(1)
                .copied()
                .chain([text.len()]);
            let expected: usize = index
                .line_starts
                .iter()
                .zip(ends)
                .map(|(&start, end)| end - start)
                .filter(|&len| len > CHECKPOINT)
                .map(|len| (len - 1) / CHECKPOINT)
                .sum();
            assert!(expected > 0);
            assert_eq!(index.checkpoints.len(), expected);
            let every_37 = (0..=text.len()).step_by(37);
            let edges = [0, 1, 2, 3, 4, text.len() - 1, text.len(), text.len() + 5];
            for offset in every_37.chain(edges) {
                let (col, proto) = naive(text, offset);
                assert_eq!(index.line_col(text, offset), col, "{offset}");
                assert_eq!(
                    index.to_proto(text, offset, Encoding::Utf16),
                    proto,
                    "{offset}"
                );
            }
        }
        // Short lines only: no checkpoint.
        assert!(LineIndex::new("short\nlines\n").checkpoints.is_empty());
    }
}
