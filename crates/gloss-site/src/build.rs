//! `gloss build OUT`: the site as static files.
//!
//! ```text
//! OUT/index.html              the index (JSON-LD DefinedTermSet)
//! OUT/<slug>/index.html       one page per term (JSON-LD DefinedTerm)
//! OUT/glossary.json           every term as data
//! OUT/_assets/gloss.css, game.js, words-<N>.js
//! ```

use crate::render::{self, Options};
use crate::{Site, assets};
use gloss_core::challenge::Dictionary;
use std::io;
use std::path::{Path, PathBuf};

/// What a build wrote.
#[derive(Debug, Default)]
pub struct Written {
    pub n_pages: usize,
    pub files: Vec<PathBuf>,
}

/// Writes the whole site under `out` (created if missing; files of an
/// earlier build are replaced, nothing else is removed).
pub fn write_site(
    site: &Site,
    dictionary: &Dictionary,
    out: &Path,
    options: &Options,
) -> io::Result<Written> {
    let mut written = Written::default();
    let mut put = |relative: &str, text: &str| -> io::Result<()> {
        let path = out.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", parent.display())))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        written.files.push(path);
        Ok(())
    };
    put("_assets/gloss.css", assets::CSS)?;
    put("_assets/game.js", assets::GAME_JS)?;
    for length in site.word_lengths() {
        put(
            &format!("_assets/words-{length}.js"),
            &render::words_js(dictionary, length),
        )?;
    }
    for entry in site.entries.values() {
        // Slugs are checked by `model::is_url_slug`: no separator, no dot.
        put(
            &format!("{}/index.html", entry.slug),
            &render::term_page(site, entry, options),
        )?;
    }
    put("index.html", &render::index_page(site, options))?;
    let json = render::glossary_json(site, options);
    let mut json_text = serde_json::to_string_pretty(&json).unwrap_or_default();
    json_text.push('\n');
    put("glossary.json", &json_text)?;
    written.n_pages = site.entries.len();
    Ok(written)
}
