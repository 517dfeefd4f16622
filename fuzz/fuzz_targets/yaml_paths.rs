//! Any text through both YAML paths: wherever the event builder takes a
//! document, its tree and duplicate-key errors must be exactly those of the
//! reference path through serde-saphyr's deserializer.
#![no_main]

use gloss_core::LineIndex;
use gloss_core::yaml::{Limits, parse_events_only, parse_reference};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let index = LineIndex::new(text);
    let Some(fast) = parse_events_only(text, &index, Limits::default()) else {
        return;
    };
    let reference = parse_reference(text, &index, Limits::default());
    assert_eq!(fast.root, reference.root, "{text:?}");
    assert_eq!(fast.errors, reference.errors, "{text:?}");
});
