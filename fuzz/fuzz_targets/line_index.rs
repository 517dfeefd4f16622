//! The line index on any text: byte offset ↔ line/column ↔ protocol
//! position (UTF-16 and UTF-8) round trips, and any protocol position,
//! however far off, maps to a char boundary inside the text.
#![no_main]

use gloss_core::{Encoding, LineIndex, ProtoPos};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Vec<(u32, u32)>)| {
    let (text, positions) = input;
    let index = LineIndex::new(&text);
    let bom = text.starts_with('\u{feff}');
    for offset in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let pos = index.to_proto(&text, offset, encoding);
            assert_eq!(
                index.from_proto(&text, pos, encoding),
                offset,
                "{encoding:?} @{offset}"
            );
        }
        if !(bom && offset == 0) {
            let line_col = index.line_col(&text, offset);
            assert_eq!(
                index.offset_of_line_col(&text, line_col),
                offset,
                "@{offset}"
            );
        }
    }
    for (line, character) in positions {
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let offset = index.from_proto(&text, ProtoPos { line, character }, encoding);
            assert!(offset <= text.len() && text.is_char_boundary(offset));
        }
    }
});
