//! Every glossary one language server serves. A document belongs to the
//! glossary of the nearest `gloss.toml` at or above its directory
//! ([`config::nearest`], the rule `gloss lint` follows from its working
//! directory): a workspace folder that is the glossary root itself, or one
//! above a nested `gloss.toml`, finds the same config the CLI would, and a
//! monorepo with several `gloss.toml` holds several glossaries, each with
//! its own config and index. A document under no `gloss.toml` belongs to
//! none: it gets no diagnostics and no answers.

use crate::config;
use crate::glossary::{Glossary, OpenDoc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct Glossaries {
    /// One per config file, in the order they were loaded.
    list: Vec<Glossary>,
    /// Directory → its nearest config: discovery runs once per directory
    /// (a hover does not walk the file system), and is forgotten when a
    /// `gloss.toml` appears or vanishes.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Open documents under no `gloss.toml`, kept (text and version) so
    /// that they join the glossary of a config created later.
    pub unrouted: HashMap<PathBuf, OpenDoc>,
}

/// The configs that govern the workspace folders (the nearest `gloss.toml`
/// at or above each), without repeats: the glossaries loaded at start-up.
/// Nested configs below a folder are loaded when a document under one is
/// opened, so that start-up never walks a whole monorepo.
pub fn folder_configs(folders: &[PathBuf]) -> Vec<PathBuf> {
    let mut configs: Vec<PathBuf> = Vec::new();
    for folder in folders {
        if let Some(found) = config::nearest(folder)
            && !configs.contains(&found)
        {
            configs.push(found);
        }
    }
    configs
}

/// Load the glossary of the config file `config` (its directory is where
/// discovery starts, so it finds this very file).
pub fn load_config(config: &Path) -> Glossary {
    reload_config(config, None)
}

/// As [`load_config`], sharing the parse of every unchanged file with `old`,
/// the glossary of that config being replaced.
pub fn reload_config(config: &Path, old: Option<&Glossary>) -> Glossary {
    Glossary::load(config.parent().unwrap_or(config), old)
}

impl Glossaries {
    pub fn new() -> Self {
        Self::default()
    }

    /// The config file that governs the document at `path`, if any.
    pub fn config_of(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = path.parent()?;
        if let Some(found) = self.nearest.get(dir) {
            return found.clone();
        }
        let found = config::nearest(dir);
        self.nearest.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// A `gloss.toml` appeared or vanished: find every document's config
    /// again.
    pub fn forget_discovery(&mut self) {
        self.nearest.clear();
    }

    /// The loaded glossary of config file `config`.
    pub fn get(&self, config: &Path) -> Option<&Glossary> {
        self.list.iter().find(|g| g.config_path == config)
    }

    pub fn get_mut(&mut self, config: &Path) -> Option<&mut Glossary> {
        self.list.iter_mut().find(|g| g.config_path == config)
    }

    /// The glossary the document at `path` belongs to, if it is loaded.
    pub fn glossary_of(&mut self, path: &Path) -> Option<&mut Glossary> {
        let config = self.config_of(path)?;
        self.get_mut(&config)
    }

    /// The glossary the document at `path` belongs to, loaded first if it
    /// is not yet (the second field says so); `None` under no config.
    pub fn glossary_or_load(&mut self, path: &Path) -> Option<(&mut Glossary, bool)> {
        let config = self.config_of(path)?;
        let loaded = self.get(&config).is_none();
        if loaded {
            self.list.push(load_config(&config));
        }
        self.get_mut(&config).map(|g| (g, loaded))
    }

    /// Add a loaded glossary, or replace the one of the same config file
    /// (returned).
    pub fn insert(&mut self, glossary: Glossary) -> Option<Glossary> {
        match self
            .list
            .iter_mut()
            .find(|g| g.config_path == glossary.config_path)
        {
            Some(slot) => Some(std::mem::replace(slot, glossary)),
            None => {
                self.list.push(glossary);
                None
            }
        }
    }

    /// Drop the glossary of config file `config` (its config is gone).
    pub fn remove(&mut self, config: &Path) -> Option<Glossary> {
        let at = self.list.iter().position(|g| g.config_path == config)?;
        Some(self.list.remove(at))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Glossary> {
        self.list.iter()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Glossary> {
        self.list.iter_mut()
    }

    /// The config files of the loaded glossaries.
    pub fn configs(&self) -> Vec<PathBuf> {
        self.list.iter().map(|g| g.config_path.clone()).collect()
    }

    /// Open the document at `path` in its glossary (loaded first if
    /// needed), or keep it aside under no config. Returns the config of a
    /// glossary this loaded.
    pub fn open_doc(&mut self, path: &Path, text: String, version: i32) -> Option<PathBuf> {
        match self.glossary_or_load(path) {
            Some((glossary, loaded)) => {
                glossary.open_doc(path, text, version);
                loaded.then(|| glossary.config_path.clone())
            }
            None => {
                self.unrouted.insert(
                    path.to_path_buf(),
                    OpenDoc {
                        rope: ropey::Rope::from_str(&text),
                        version,
                    },
                );
                None
            }
        }
    }

    /// The editor's document at `path`, wherever it is kept, for an edit.
    /// Returns whether it belongs to a glossary.
    pub fn open_doc_mut(&mut self, path: &Path) -> Option<(&mut OpenDoc, bool)> {
        if self.unrouted.contains_key(path) {
            return self.unrouted.get_mut(path).map(|d| (d, false));
        }
        let glossary = self.glossary_of(path)?;
        glossary.open_doc_mut(path).map(|d| (d, true))
    }

    /// Close the document at `path`; returns the glossary it was open in.
    pub fn close_doc(&mut self, path: &Path) -> Option<&mut Glossary> {
        if self.unrouted.remove(path).is_some() {
            return None;
        }
        let glossary = self.glossary_of(path)?;
        glossary.close_doc(path);
        Some(glossary)
    }

    /// Open documents that no longer belong where they are kept (a config
    /// appeared or vanished): taken out of their old glossary (or the
    /// unrouted ones), with that glossary's config. Open them again with
    /// [`Self::open_doc`].
    pub fn take_misplaced(&mut self) -> Vec<Misplaced> {
        let mut out = Vec::new();
        let unrouted: Vec<PathBuf> = self.unrouted.keys().cloned().collect();
        for path in unrouted {
            if self.config_of(&path).is_some()
                && let Some(doc) = self.unrouted.remove(&path)
            {
                out.push(Misplaced {
                    path,
                    doc,
                    from: None,
                });
            }
        }
        let mut moves: Vec<(PathBuf, PathBuf)> = Vec::new();
        for i in 0..self.list.len() {
            let from = self.list[i].config_path.clone();
            let open: Vec<PathBuf> = self.list[i].open.keys().cloned().collect();
            for path in open {
                if self.config_of(&path).as_deref() != Some(from.as_path()) {
                    moves.push((from.clone(), path));
                }
            }
        }
        for (from, path) in moves {
            let Some(glossary) = self.get_mut(&from) else {
                continue;
            };
            let Some(doc) = glossary.open.get(&path).cloned() else {
                continue;
            };
            glossary.close_doc(&path);
            out.push(Misplaced {
                path,
                doc,
                from: Some(from),
            });
        }
        out
    }
}

/// An open document taken out of the glossary it no longer belongs to.
pub struct Misplaced {
    pub path: PathBuf,
    pub doc: OpenDoc,
    /// The config of the glossary it was in; `None` if it was in none.
    pub from: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::write;

    fn term(name: &str) -> String {
        format!("term: {name}\ndefinition: A {name} is a thing.\n")
    }

    #[test]
    fn each_document_joins_the_glossary_of_its_nearest_config() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let repo = dir.path();
        write(&repo.join("a/gloss.toml"), "")?;
        write(&repo.join("a/glossary/alpha.yaml"), &term("Alpha"))?;
        write(&repo.join("b/docs/gloss.toml"), "[faqs]\nmin = 1\n")?;
        write(&repo.join("b/docs/glossary/beta.yaml"), &term("Beta"))?;
        write(&repo.join("c/readme.md"), "Alpha and Beta.\n")?;
        let mut all = Glossaries::new();
        // Nothing is loaded until a document under a config opens.
        assert!(all.configs().is_empty());
        let alpha = repo.join("a/glossary/alpha.yaml");
        assert_eq!(
            all.open_doc(&alpha, term("Alpha"), 1),
            Some(repo.join("a/gloss.toml"))
        );
        let beta = repo.join("b/docs/glossary/beta.yaml");
        assert_eq!(
            all.open_doc(&beta, term("Beta"), 1),
            Some(repo.join("b/docs/gloss.toml"))
        );
        // A second document of a loaded glossary loads nothing.
        let again = repo.join("a/glossary/new.yaml");
        assert_eq!(all.open_doc(&again, term("New"), 1), None);
        assert_eq!(all.configs().len(), 2);
        let a = all
            .glossary_of(&alpha)
            .map(|g| (g.n_terms(), g.env.config.faqs_min));
        assert_eq!(a, Some((2, 3)));
        let b = all
            .glossary_of(&beta)
            .map(|g| (g.n_terms(), g.env.config.faqs_min));
        assert_eq!(b, Some((1, 1)));
        // Under no config: kept aside, in no glossary.
        let readme = repo.join("c/readme.md");
        if config::nearest(&repo.join("c")).is_none() {
            assert_eq!(all.open_doc(&readme, "Alpha.\n".to_owned(), 1), None);
            assert!(all.glossary_of(&readme).is_none());
            assert!(all.open_doc_mut(&readme).is_some_and(|(_, routed)| !routed));
            assert!(all.close_doc(&readme).is_none());
            assert!(all.unrouted.is_empty());
        }
        Ok(())
    }

    #[test]
    fn a_folder_inside_a_glossary_loads_the_config_above_it() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let site = dir.path().join("site");
        write(&site.join("gloss.toml"), "")?;
        write(&site.join("glossary/alpha.yaml"), &term("Alpha"))?;
        let configs = folder_configs(&[site.join("glossary"), site.clone()]);
        assert_eq!(configs, [site.join("gloss.toml")]);
        let glossary = load_config(&configs[0]);
        assert_eq!(glossary.root, site.join("glossary"));
        assert_eq!(glossary.n_terms(), 1);
        Ok(())
    }

    #[test]
    fn a_config_created_later_takes_its_open_documents() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let repo = dir.path();
        write(&repo.join("gloss.toml"), "")?;
        write(&repo.join("glossary/alpha.yaml"), &term("Alpha"))?;
        write(&repo.join("sub/glossary/beta.yaml"), &term("Beta"))?;
        let mut all = Glossaries::new();
        let beta = repo.join("sub/glossary/beta.yaml");
        all.open_doc(&beta, term("Beta edited"), 3);
        assert!(
            all.get(&repo.join("gloss.toml"))
                .is_some_and(|g| g.open.contains_key(&beta))
        );
        // Nothing moved while no config changed.
        assert!(all.take_misplaced().is_empty());
        write(&repo.join("sub/gloss.toml"), "")?;
        all.forget_discovery();
        let moved = all.take_misplaced();
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].from, Some(repo.join("gloss.toml")));
        assert!(
            all.get(&repo.join("gloss.toml"))
                .is_some_and(|g| !g.open.contains_key(&beta))
        );
        for m in moved {
            let text = m.doc.rope.to_string();
            all.open_doc(&m.path, text, m.doc.version);
        }
        let sub = all.get(&repo.join("sub/gloss.toml"));
        assert!(sub.is_some_and(|g| g.open.get(&beta).is_some_and(|d| d.version == 3)));
        Ok(())
    }

    #[test]
    fn glossaries_are_kept_by_config_and_discovery_is_cached_until_forgotten() -> std::io::Result<()>
    {
        let dir = tempfile::tempdir()?;
        let repo = dir.path();
        write(&repo.join("a/gloss.toml"), "")?;
        write(&repo.join("a/glossary/alpha.yaml"), &term("Alpha"))?;
        let config = repo.join("a/gloss.toml");
        let mut all = Glossaries::new();
        assert!(all.insert(load_config(&config)).is_none());
        // The same config again replaces it and hands back the old one.
        let old = all.insert(load_config(&config));
        assert_eq!(old.map(|g| g.config_path), Some(config.clone()));
        assert_eq!(all.configs(), std::slice::from_ref(&config));
        assert_eq!(all.iter_mut().count(), 1);
        assert_eq!(all.iter().map(Glossary::n_terms).sum::<usize>(), 1);
        // A document of a loaded glossary: routed, closed in it.
        let alpha = repo.join("a/glossary/alpha.yaml");
        assert_eq!(all.open_doc(&alpha, term("Alpha"), 2), None);
        assert!(
            all.open_doc_mut(&alpha)
                .is_some_and(|(d, routed)| routed && d.version == 2)
        );
        let closed = all.close_doc(&alpha).map(|g| g.open.contains_key(&alpha));
        assert_eq!(closed, Some(false));
        // Discovery is cached per directory until forgotten.
        let b_doc = repo.join("b/notes.md");
        if config::nearest(repo).is_none() {
            assert_eq!(all.config_of(&b_doc), None);
            write(&repo.join("b/gloss.toml"), "")?;
            assert_eq!(all.config_of(&b_doc), None, "discovery ran again");
            all.forget_discovery();
            assert_eq!(all.config_of(&b_doc), Some(repo.join("b/gloss.toml")));
        }
        assert_eq!(
            all.remove(&config).map(|g| g.config_path),
            Some(config.clone())
        );
        assert!(all.remove(&config).is_none());
        assert!(all.get(&config).is_none() && all.configs().is_empty());
        Ok(())
    }
}
