//! Any text as a `gloss.toml`: parsed into a config or a located error.
#![no_main]

use gloss_core::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(text) {
        Ok(config) => {
            let _ = gloss_core::lint::Env::new(config, &[]);
        }
        Err(err) => {
            if let Some(range) = err.range {
                assert!(range.start <= text.len(), "{err:?}");
            }
            let _ = err.located(text);
        }
    }
});
