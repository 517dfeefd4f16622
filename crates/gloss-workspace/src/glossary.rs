//! The workspace model: the configuration, every term file and Markdown doc,
//! the glossary index and the mention index, kept current file by file.
//!
//! Nothing here knows the protocol beyond ropes for open documents; the
//! server converts. Every change reports which term files need a new check:
//! the changed file plus only those whose cross-file findings can change
//! (sharing a name or challenge word with the old or new version, pointing at
//! a slug that appeared or vanished), never the whole glossary.

use crate::glob;
use gloss_core::config::{self, Config, Exclude};
use gloss_core::index::name_key;
use gloss_core::lint::Env;
use gloss_core::mentions::MentionIndex;
use gloss_core::{FileId, GlossaryIndex, LineIndex, TermFile};
use rayon::prelude::*;
use ropey::Rope;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A term file in the glossary.
#[derive(Debug, Clone)]
pub struct Slot {
    pub path: PathBuf,
    pub file: Arc<TermFile>,
    /// Bumped on every change, so a check computed on an older version is
    /// recognised and dropped.
    pub generation: u64,
}

/// A Markdown doc: scanned for mentions only.
#[derive(Debug)]
pub struct MdDoc {
    pub text: String,
    pub line_index: LineIndex,
}

impl MdDoc {
    pub fn new(text: String) -> Self {
        let line_index = LineIndex::new(&text);
        Self { text, line_index }
    }
}

/// A document the editor has open: its rope is the truth, not the disk.
#[derive(Debug)]
pub struct OpenDoc {
    pub rope: Rope,
    pub version: i32,
    /// The rope's text, refreshed after every change.
    pub text: String,
}

/// What kind of file a path is in this workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Config,
    /// A `*.yaml`/`*.yml` under the glossary root.
    Term,
    /// A YAML file outside the root, opened in the editor: checked against
    /// the glossary but not part of it.
    LooseTerm,
    /// A Markdown doc matched by `glossary.docs` (or any open `.md`).
    Doc,
    Other,
}

/// A term file whose diagnostics must be (re)computed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Term(FileId),
    Loose(PathBuf),
}

pub struct Glossary {
    /// The config file's directory: paths in messages are relative to it.
    pub base: PathBuf,
    pub config_path: PathBuf,
    pub env: Arc<Env>,
    /// Why `gloss.toml` could not be used (defaults apply meanwhile).
    pub config_error: Option<(String, gloss_core::config::ConfigError)>,
    pub root: PathBuf,
    by_path: HashMap<PathBuf, FileId>,
    slots: Vec<Option<Slot>>,
    pub index: Arc<GlossaryIndex>,
    /// A `related` entry (keyed like a name: a slug, or a term written where
    /// its slug belongs) → the files listing it.
    related_refs: HashMap<String, BTreeSet<FileId>>,
    pub docs: HashMap<PathBuf, Arc<MdDoc>>,
    pub open: HashMap<PathBuf, OpenDoc>,
    pub loose: HashMap<PathBuf, Arc<TermFile>>,
    mentions: Option<Arc<MentionIndex>>,
    /// Bumped whenever the names change, so a mention index built in the
    /// background from older names is recognised and dropped.
    names_generation: u64,
    /// Checks wanted now (an edit and the files it affects).
    pub dirty: BTreeSet<Target>,
    /// Checks wanted eventually (after indexing or a config reload).
    pub backlog: VecDeque<FileId>,
    /// Files whose last check found an `unknown-related`: its suggestions
    /// depend on every slug and name, so they are re-checked when those change.
    pub unknown_related: HashSet<FileId>,
    /// Files whose last published diagnostics were not empty.
    pub published: HashSet<PathBuf>,
    generation: u64,
}

impl Glossary {
    /// A workspace with no folder: everything defaulted, nothing indexed.
    pub fn empty() -> Self {
        Self {
            base: PathBuf::new(),
            config_path: PathBuf::from(config::FILE_NAME),
            env: Arc::new(Env::default()),
            config_error: None,
            root: PathBuf::from("glossary"),
            by_path: HashMap::new(),
            slots: Vec::new(),
            index: Arc::new(GlossaryIndex::default()),
            related_refs: HashMap::new(),
            docs: HashMap::new(),
            open: HashMap::new(),
            loose: HashMap::new(),
            mentions: Some(Arc::new(MentionIndex::default())),
            names_generation: 0,
            dirty: BTreeSet::new(),
            backlog: VecDeque::new(),
            unknown_related: HashSet::new(),
            published: HashSet::new(),
            generation: 0,
        }
    }

    /// Load `gloss.toml` from `base` and index every term file and doc, in
    /// parallel. Open documents of `previous` keep their editor text.
    pub fn load(base: &Path, previous: Option<Glossary>) -> Self {
        let mut ws = Self::empty();
        ws.base = base.to_path_buf();
        ws.config_path = base.join(config::FILE_NAME);
        let (config, error) = match std::fs::read_to_string(&ws.config_path) {
            Ok(text) => match Config::parse(&text) {
                Ok(config) => (config, None),
                Err(err) => (Config::default(), Some((text, err))),
            },
            Err(_) => (Config::default(), None),
        };
        let extra_words = config
            .challenge
            .extra_words
            .as_ref()
            .and_then(|file| std::fs::read_to_string(base.join(file)).ok())
            .map(|text| config::parse_word_list(&text))
            .unwrap_or_default();
        ws.root = base.join(&config.root);
        ws.config_error = error;
        let doc_patterns = config.docs.clone();
        ws.env = Arc::new(Env::new(config, &extra_words));

        let timer = std::time::Instant::now();
        let term_paths = term_files(&ws.root, &ws.env.config.exclude);
        trace(&timer, "walk");
        // Parse a chunk of files on the pool while this thread indexes the
        // previous one: the index is built in path order (stable ids) and
        // its serial work hides behind the parsing.
        let env = Arc::clone(&ws.env);
        let parse_chunk = |paths: &[PathBuf]| -> Vec<(PathBuf, TermFile)> {
            paths
                .par_iter()
                .filter_map(|path| {
                    let name = display_path(base, path);
                    Some((path.clone(), read_term(path, &name, &env.config)?))
                })
                .collect()
        };
        let mut chunks = term_paths.chunks(PARSE_CHUNK);
        let mut parsed = chunks.next().map(parse_chunk).unwrap_or_default();
        loop {
            let next = chunks.next();
            let (_, next_parsed) = rayon::join(
                || ws.add_parsed(std::mem::take(&mut parsed)),
                || next.map(parse_chunk),
            );
            match next_parsed {
                Some(next_parsed) => parsed = next_parsed,
                None => break,
            }
        }
        trace(&timer, "parse + index");
        ws.docs = glob::walk(base, &doc_patterns)
            .into_par_iter()
            .filter_map(|path| {
                let text = std::fs::read_to_string(&path).ok()?;
                Some((path, Arc::new(MdDoc::new(text))))
            })
            .collect();
        trace(&timer, "docs");
        // Built after the first responses (see `mentions_job`): hovers are
        // the first to need it, well after initialize.
        ws.mentions = None;
        ws.backlog = ws.ids().collect();
        if let Some(previous) = previous {
            ws.published = previous.published;
            for (path, doc) in previous.open {
                let text = doc.text.clone();
                ws.open.insert(path.clone(), doc);
                ws.set_text(&path, text);
            }
        }
        ws
    }

    /// Index freshly parsed term files (at load).
    fn add_parsed(&mut self, parsed: Vec<(PathBuf, TermFile)>) {
        let index = Arc::make_mut(&mut self.index);
        for (path, file) in parsed {
            let id = index.add(&file.path, &file.stem, file.term());
            note_related_refs(&mut self.related_refs, id, &file);
            if self.slots.len() <= id {
                self.slots.resize(id + 1, None);
            }
            self.by_path.insert(path.clone(), id);
            self.slots[id] = Some(Slot {
                path,
                file: Arc::new(file),
                generation: 0,
            });
        }
    }

    pub fn kind(&self, path: &Path) -> Kind {
        if path == self.config_path {
            return Kind::Config;
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        match extension {
            "yaml" | "yml" if path.starts_with(&self.root) && !self.is_excluded(path) => Kind::Term,
            "yaml" | "yml" => Kind::LooseTerm,
            "md" | "markdown" => Kind::Doc,
            _ => Kind::Other,
        }
    }

    /// Whether `[glossary] exclude` leaves this file under the root out:
    /// such a file is linted as a loose file when opened, never indexed,
    /// as `gloss lint` never indexes it.
    fn is_excluded(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root)
            .is_ok_and(|relative| self.env.config.exclude.is_excluded(&slash_path(relative)))
    }

    fn is_configured_doc(&self, path: &Path) -> bool {
        glob::relative(&self.base, path).is_some_and(|rel| {
            self.env
                .config
                .docs
                .iter()
                .any(|pattern| glob::matches(pattern, &rel))
        })
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(id, slot)| slot.as_ref().map(|_| id))
    }

    pub fn slot(&self, id: FileId) -> Option<&Slot> {
        self.slots.get(id).and_then(Option::as_ref)
    }

    pub fn slots(&self) -> impl Iterator<Item = (FileId, &Slot)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(id, slot)| slot.as_ref().map(|s| (id, s)))
    }

    pub fn id_of(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    /// The term file at `path`: in the glossary or opened from outside it.
    pub fn term_file(&self, path: &Path) -> Option<(Option<FileId>, Arc<TermFile>)> {
        if let Some(id) = self.id_of(path) {
            return self.slot(id).map(|s| (Some(id), Arc::clone(&s.file)));
        }
        self.loose.get(path).map(|f| (None, Arc::clone(f)))
    }

    /// The text and line index of any known document.
    pub fn doc_text(&self, path: &Path) -> Option<DocText> {
        if let Some((_, file)) = self.term_file(path) {
            return Some(DocText::Term(file));
        }
        self.docs.get(path).map(|d| DocText::Doc(Arc::clone(d)))
    }

    /// When the mention index is missing: the names to build it from (so
    /// it can be built without the workspace, see [`Self::offer_mentions`]).
    pub fn mentions_job(&self) -> Option<(u64, Vec<(String, FileId)>)> {
        if self.mentions.is_some() {
            return None;
        }
        let names = self
            .index
            .names()
            .flat_map(|(name, sites)| sites.iter().map(move |site| (name.to_owned(), site.file)))
            .collect();
        Some((self.names_generation, names))
    }

    /// A mention index built from the names of [`Self::mentions_job`]; kept
    /// unless the names changed meanwhile.
    pub fn offer_mentions(&mut self, names_generation: u64, mentions: MentionIndex) {
        if self.mentions.is_none() && self.names_generation == names_generation {
            self.mentions = Some(Arc::new(mentions));
        }
    }

    /// The mention index, rebuilt when names changed since the last build.
    pub fn mentions(&mut self) -> Arc<MentionIndex> {
        match &self.mentions {
            Some(mentions) => Arc::clone(mentions),
            None => {
                let mentions = Arc::new(MentionIndex::from_glossary(&self.index));
                self.mentions = Some(Arc::clone(&mentions));
                mentions
            }
        }
    }

    /// A path for messages: relative to the config's directory.
    pub fn display(&self, path: &Path) -> String {
        display_path(&self.base, path)
    }

    /// The absolute path of a path named in a message.
    pub fn resolve_display(&self, name: &str) -> PathBuf {
        let path = Path::new(name);
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base.join(path)
        }
    }

    /// The editor opened a document.
    pub fn open_doc(&mut self, path: &Path, text: String, version: i32) {
        self.open.insert(
            path.to_path_buf(),
            OpenDoc {
                rope: Rope::from_str(&text),
                version,
                text: text.clone(),
            },
        );
        self.set_text(path, text);
    }

    /// The editor closed a document: the disk is the truth again.
    pub fn close_doc(&mut self, path: &Path) {
        if self.open.remove(path).is_none() {
            return;
        }
        match self.kind(path) {
            Kind::LooseTerm => {
                self.loose.remove(path);
                self.dirty.remove(&Target::Loose(path.to_path_buf()));
            }
            Kind::Doc if !self.is_configured_doc(path) => {
                self.docs.remove(path);
            }
            _ => self.reload_from_disk(path),
        }
    }

    /// Read a file again after it changed (or appeared, or vanished) on
    /// disk; open documents keep their editor text.
    pub fn reload_from_disk(&mut self, path: &Path) {
        if self.open.contains_key(path) {
            return;
        }
        match self.kind(path) {
            Kind::Term => {
                let file = stays_inside(&self.root, path)
                    .then(|| read_term(path, &self.display(path), &self.env.config))
                    .flatten();
                match file {
                    Some(file) => self.set_term(path, file),
                    None => self.remove_term(path),
                }
            }
            Kind::Doc if self.is_configured_doc(path) => match std::fs::read_to_string(path) {
                Ok(text) => {
                    self.docs
                        .insert(path.to_path_buf(), Arc::new(MdDoc::new(text)));
                }
                Err(_) => {
                    self.docs.remove(path);
                }
            },
            _ => {}
        }
    }

    /// New text for a document (from the editor or the disk).
    pub fn set_text(&mut self, path: &Path, text: String) {
        match self.kind(path) {
            Kind::Term => {
                let file = TermFile::from_text(&self.display(path), text);
                self.set_term(path, file);
            }
            Kind::LooseTerm => {
                let file = TermFile::from_text(&self.display(path), text);
                self.loose.insert(path.to_path_buf(), Arc::new(file));
                self.dirty.insert(Target::Loose(path.to_path_buf()));
            }
            Kind::Doc => {
                self.docs
                    .insert(path.to_path_buf(), Arc::new(MdDoc::new(text)));
            }
            Kind::Config | Kind::Other => {}
        }
    }

    fn set_term(&mut self, path: &Path, file: TermFile) {
        self.generation += 1;
        let generation = self.generation;
        let existing = self.id_of(path);
        let old = existing
            .and_then(|id| self.slot(id))
            .map(|s| Arc::clone(&s.file));
        let index = Arc::make_mut(&mut self.index);
        let id = match existing {
            Some(id) => {
                index.set(id, &file.path, &file.stem, file.term());
                id
            }
            None => index.add(&file.path, &file.stem, file.term()),
        };
        if let Some(old) = &old {
            for entry in &old.term().related {
                if let Some(refs) = self.related_refs.get_mut(&name_key(&entry.value)) {
                    refs.remove(&id);
                }
            }
        }
        note_related_refs(&mut self.related_refs, id, &file);
        let file = Arc::new(file);
        if self.slots.len() <= id {
            self.slots.resize(id + 1, None);
        }
        self.slots[id] = Some(Slot {
            path: path.to_path_buf(),
            file: Arc::clone(&file),
            generation,
        });
        self.by_path.insert(path.to_path_buf(), id);
        self.mark_affected(id, old.as_deref(), Some(&file), existing.is_none());
    }

    pub fn remove_term(&mut self, path: &Path) {
        let Some(id) = self.by_path.remove(path) else {
            return;
        };
        let Some(slot) = self.slots.get_mut(id).and_then(Option::take) else {
            return;
        };
        Arc::make_mut(&mut self.index).remove(id);
        for entry in &slot.file.term().related {
            if let Some(refs) = self.related_refs.get_mut(&name_key(&entry.value)) {
                refs.remove(&id);
            }
        }
        self.dirty.remove(&Target::Term(id));
        self.unknown_related.remove(&id);
        self.mark_affected(id, Some(&slot.file), None, true);
        self.dirty.remove(&Target::Term(id));
    }

    /// Queue the checks a change of file `id` from `old` to `new` calls for.
    fn mark_affected(
        &mut self,
        id: FileId,
        old: Option<&TermFile>,
        new: Option<&TermFile>,
        slug_changed: bool,
    ) {
        let names = |f: Option<&TermFile>| -> BTreeSet<String> {
            f.map(|f| f.term().names().map(|n| name_key(&n.value)).collect())
                .unwrap_or_default()
        };
        let word = |f: Option<&TermFile>| -> Option<String> {
            f.and_then(|f| f.term().challenge.as_ref())
                .and_then(|c| c.word.as_ref())
                .map(|w| w.value.trim().to_uppercase())
        };
        let (old_names, new_names) = (names(old), names(new));
        let mut affected: BTreeSet<FileId> = BTreeSet::new();
        if new.is_some() {
            affected.insert(id);
        }
        // Other files' findings about names and words (duplicates) change
        // only when this file's names or word do: a prose keystroke
        // re-checks this file alone.
        if old_names != new_names {
            for name in old_names.symmetric_difference(&new_names) {
                affected.extend(self.index.sites_by_name(name).iter().map(|s| s.file));
                // `related: [Product Manager]` suggests the slug of that name.
                if let Some(refs) = self.related_refs.get(name) {
                    affected.extend(refs.iter().copied());
                }
            }
        }
        let (old_word, new_word) = (word(old), word(new));
        if old_word != new_word {
            for word in [old_word, new_word].into_iter().flatten() {
                affected.extend(self.index.sites_by_word(&word).iter().map(|s| s.file));
            }
        }
        let stems: Vec<&str> = [old, new]
            .into_iter()
            .flatten()
            .map(|f| f.stem.as_str())
            .collect();
        if slug_changed {
            for stem in &stems {
                if let Some(refs) = self.related_refs.get(&name_key(stem)) {
                    affected.extend(refs.iter().copied());
                }
            }
        }
        if old_names != new_names {
            self.mentions = None;
            self.names_generation += 1;
        }
        // A new or vanished slug can change the "did you mean" of any
        // unknown `related` entry (files come and go rarely; keystrokes
        // never get here).
        if slug_changed {
            affected.extend(self.unknown_related.iter().copied());
        }
        if slug_changed || old_names != new_names {
            let loose: Vec<PathBuf> = self.loose.keys().cloned().collect();
            self.dirty.extend(loose.into_iter().map(Target::Loose));
        }
        let live: Vec<Target> = affected
            .into_iter()
            .filter(|f| self.slot(*f).is_some())
            .map(Target::Term)
            .collect();
        self.dirty.extend(live);
    }

    /// Every slug in the glossary, sorted.
    pub fn sorted_slugs(&self) -> Vec<&str> {
        let mut slugs: Vec<&str> = self.index.slugs().collect();
        slugs.sort_unstable();
        slugs
    }

    /// The categories in use and those the config names, sorted.
    pub fn categories(&self) -> Vec<String> {
        let mut categories: BTreeSet<String> = self
            .env
            .config
            .faq_topics
            .iter()
            .map(|t| t.category.clone())
            .collect();
        for (_, slot) in self.slots() {
            if let Some(category) = &slot.file.term().category {
                let category = category.value.trim();
                if !category.is_empty() {
                    categories.insert(category.to_owned());
                }
            }
        }
        categories.into_iter().collect()
    }

    /// Whether `generation` is still the current version of file `id`.
    pub fn is_current(&self, id: FileId, generation: u64) -> bool {
        self.slot(id).is_some_and(|s| s.generation == generation)
    }

    pub fn n_terms(&self) -> usize {
        self.by_path.len()
    }
}

/// Record that file `id` lists each of its `related` entries. Keyed as the
/// entries are looked up and removed, by `name_key`, so that
/// `related: [Product Manager]` is re-checked when that name changes.
fn note_related_refs(refs: &mut HashMap<String, BTreeSet<FileId>>, id: FileId, file: &TermFile) {
    for entry in &file.term().related {
        refs.entry(name_key(&entry.value)).or_default().insert(id);
    }
}

/// A document's text, shared without copying.
pub enum DocText {
    Term(Arc<TermFile>),
    Doc(Arc<MdDoc>),
}

impl DocText {
    pub fn text(&self) -> &str {
        match self {
            Self::Term(f) => &f.text,
            Self::Doc(d) => &d.text,
        }
    }
    pub fn line_index(&self) -> &LineIndex {
        match self {
            Self::Term(f) => &f.line_index,
            Self::Doc(d) => &d.line_index,
        }
    }
}

/// How many files are parsed while the previous ones are indexed.
const PARSE_CHUNK: usize = 512;

fn trace(timer: &std::time::Instant, what: &str) {
    if std::env::var_os("GLOSS_LSP_TRACE").is_some() {
        eprintln!("gloss lsp: {what} done at {:.1?}", timer.elapsed());
    }
}

pub fn display_path(base: &Path, path: &Path) -> String {
    glob::relative(base, path).unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// Every `*.yaml`/`*.yml` under `root`, sorted; hidden entries, links to
/// directories, links that lead out of `root` and anything but regular
/// files (a FIFO would block the reader) skipped.
pub fn term_files(root: &Path, exclude: &Exclude) -> Vec<PathBuf> {
    let canonical_root = root.canonicalize().ok();
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                stack.push(path);
                continue;
            }
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml")
            ) {
                continue;
            }
            let regular = glob::is_regular_inside(&path, file_type, canonical_root.as_deref());
            let excluded = path
                .strip_prefix(root)
                .is_ok_and(|relative| exclude.is_excluded(&slash_path(relative)));
            if regular && !excluded {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A relative path with `/` between components, as `exclude` matches it.
fn slash_path(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// Whether `path` (a link or not) leads to a file inside `root`.
fn stays_inside(root: &Path, path: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return true;
    }
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => false,
    }
}

/// Read and parse one term file, without reading more than the size limit
/// allows; `None` when it cannot be read or is not a regular file.
fn read_term(path: &Path, name: &str, config: &Config) -> Option<TermFile> {
    use std::io::Read;
    // Checked before opening: opening a FIFO would block.
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() {
        return None;
    }
    let limit = config.max_file_size;
    if metadata.len() > limit as u64 {
        return Some(TermFile::too_large(name, metadata.len(), limit));
    }
    let file = std::fs::File::open(path).ok()?;
    let size = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(size.saturating_add(1));
    // One byte over the limit lets `from_bytes` report a file that grew.
    file.take((limit as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .ok()?;
    Some(TermFile::from_vec(name, bytes, config))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_walk_skips_links_out_of_the_root_and_special_files() -> std::io::Result<()> {
        let outside = tempfile::tempdir()?;
        let secret = outside.path().join("secret.yaml");
        std::fs::write(&secret, "term: secret\n")?;
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("terms");
        std::fs::create_dir(&root)?;
        std::fs::write(root.join("a.yaml"), "term: a\n")?;
        std::os::unix::fs::symlink(root.join("a.yaml"), root.join("inner.yaml"))?;
        std::os::unix::fs::symlink(&secret, root.join("outer.yaml"))?;
        let fifo = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.yaml"))
            .status()
            .is_ok_and(|s| s.success());
        let names: Vec<_> = term_files(&root, &Exclude::default())
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
            .collect();
        assert_eq!(names, ["a.yaml", "inner.yaml"], "fifo made: {fifo}");
        // `[glossary] exclude` leaves a file out of the index, as in the CLI.
        let config = Config::parse("[glossary]\nexclude = [\"inner.*\"]\n")
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let names: Vec<_> = term_files(&root, &config.exclude)
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
            .collect();
        assert_eq!(names, ["a.yaml"]);
        assert!(!stays_inside(&root, &root.join("outer.yaml")));
        assert!(stays_inside(&root, &root.join("inner.yaml")));
        if fifo {
            assert!(read_term(&root.join("pipe.yaml"), "pipe.yaml", &Config::default()).is_none());
        }
        Ok(())
    }

    #[test]
    fn files_over_the_limit_are_not_read() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("big.yaml");
        std::fs::write(&path, "term: big\n".repeat(100))?;
        let config = Config {
            max_file_size: 10,
            ..Config::default()
        };
        let file = read_term(&path, "big.yaml", &config);
        assert!(file.is_some_and(|f| f.text.is_empty()));
        Ok(())
    }
}
