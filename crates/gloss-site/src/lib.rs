//! gloss's term pages: the HTML of a term page and of the index,
//! `glossary.json`, the game's script and word lists — written to a
//! directory by `gloss build` ([`build`]) and served live by `gloss
//! preview` (the CLI's server). Rendering is pure: it reads a [`Site`]
//! taken from a `gloss_workspace::Glossary`.

pub mod build;
pub mod escape;
pub mod model;
pub mod preview;
pub mod render;

pub use model::{Entry, Site};
pub use render::Options;

/// The files under `_assets/` besides the word lists, embedded in the
/// binary: nothing is fetched from a CDN or the network.
pub mod assets {
    pub const CSS: &str = include_str!("assets/gloss.css");
    /// The game; also a CommonJS module exporting `score` for the tests.
    pub const GAME_JS: &str = include_str!("assets/game.js");
    /// Live reload, served by `gloss preview` only (`_gloss/live.js`).
    pub const LIVE_JS: &str = include_str!("assets/live.js");
}
