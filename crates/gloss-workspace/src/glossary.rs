//! The workspace model: the configuration, every term file and Markdown doc,
//! the glossary index and the mention index, kept current file by file.
//!
//! Nothing here knows the protocol beyond ropes for open documents; the
//! server converts. Every change reports which term files need a new check:
//! the changed file plus only those whose cross-file findings can change
//! (sharing a name or challenge word with the old or new version, pointing at
//! a slug that appeared or vanished), never the whole glossary.

use crate::config::{self, ConfigProblem};
use crate::paths::{display, slash_path};
use crate::read::{read_found, read_found_reusing, term_from_text};
use crate::usage::{Source, UsageCounts};
use crate::walk::{self, Found};
use gloss_core::index::name_key;
use gloss_core::lint::Env;
use gloss_core::mentions::MentionIndex;
use gloss_core::prose::{MarkdownDoc, ProseOptions};
use gloss_core::{Diagnostic, FileId, GlossaryIndex, LineIndex, TermFile};
use rayon::prelude::*;
use ropey::Rope;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A new generation, unique in the process rather than per glossary: a
/// result computed for a glossary that a reload has replaced (a mention
/// index, a doc's findings, a usage count) is never taken for its
/// successor's, and a doc shared by both keeps findings the new one cannot
/// mistake for its own.
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A term file: in the glossary, or opened from outside it (loose).
#[derive(Debug, Clone)]
pub struct Slot {
    pub path: PathBuf,
    pub file: Arc<TermFile>,
    /// Bumped on every change, so a check computed on an older version is
    /// recognised and dropped.
    pub generation: u64,
    /// The file's findings against the glossary as it is: computed once
    /// (by the diagnostics worker, or by the first request that needs them)
    /// and shared by every snapshot of this version; replaced by an empty
    /// cell when a change elsewhere can change them.
    pub diagnostics: Arc<OnceLock<Arc<[Diagnostic]>>>,
}

impl Slot {
    fn new(path: PathBuf, file: Arc<TermFile>, generation: u64) -> Self {
        Self {
            path,
            file,
            generation,
            diagnostics: Arc::default(),
        }
    }
}

/// A Markdown doc's text as read: its line index and its parse (prose,
/// the only bytes hover, references and the docs rules read; links and
/// headings).
#[derive(Debug)]
pub struct DocBody {
    pub text: String,
    pub line_index: LineIndex,
    pub parsed: MarkdownDoc,
}

impl DocBody {
    pub fn new(text: String, options: ProseOptions) -> Self {
        let line_index = LineIndex::new(&text);
        let parsed = gloss_core::prose::markdown_doc(&text, options);
        Self {
            text,
            line_index,
            parsed,
        }
    }
}

/// A Markdown doc of the workspace. An open doc holds its body (the
/// editor's text is the truth); a doc that is only on disk holds nothing
/// but its path, and is read and parsed each time something needs it (a
/// check, references, a usage count) and dropped after: a site's docs can
/// be tens of megabytes, which the language server would otherwise keep for
/// files nobody has open (docs/performance.md).
#[derive(Debug)]
pub struct MdDoc {
    source: DocSource,
    /// Its docs-rule findings and the [`Glossary::docs_generation`] they
    /// were computed at: a doc's findings depend on its text (a new text is
    /// a new `MdDoc`) and on the glossary's names and slugs (a new
    /// generation).
    findings: Mutex<Option<(u64, Arc<[Diagnostic]>)>>,
}

#[derive(Debug)]
enum DocSource {
    Held(Arc<DocBody>),
    Disk {
        path: PathBuf,
        options: ProseOptions,
    },
}

impl MdDoc {
    /// A doc whose text is given (an open doc's): held.
    pub fn new(text: String, options: ProseOptions) -> Self {
        Self::with(DocSource::Held(Arc::new(DocBody::new(text, options))))
    }

    /// A doc read from `path` whenever it is needed.
    pub fn on_disk(path: PathBuf, options: ProseOptions) -> Self {
        Self::with(DocSource::Disk { path, options })
    }

    fn with(source: DocSource) -> Self {
        Self {
            source,
            findings: Mutex::new(None),
        }
    }

    /// Its text, line index and parse: the held ones, or read from disk
    /// now (`None` when the file cannot be read as UTF-8 text: a doc that
    /// vanished since, or is not text, has nothing to check or find).
    pub fn body(&self) -> Option<Arc<DocBody>> {
        match &self.source {
            DocSource::Held(body) => Some(Arc::clone(body)),
            DocSource::Disk { path, options } => {
                // A regular file only: reading a FIFO put at the path since
                // would wait for a writer for ever.
                if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                    return None;
                }
                let text = std::fs::read_to_string(path).ok()?;
                Some(Arc::new(DocBody::new(text, *options)))
            }
        }
    }

    /// Whether its body is held (not read from disk on each use).
    pub fn is_held(&self) -> bool {
        matches!(self.source, DocSource::Held(_))
    }

    /// The findings computed at `generation`, if any.
    pub fn findings_at(&self, generation: u64) -> Option<Arc<[Diagnostic]>> {
        let cached = self.findings.lock().unwrap_or_else(PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|(at, _)| *at == generation)
            .map(|(_, found)| Arc::clone(found))
    }

    /// Keep `found`, computed at `generation` (a newer result wins).
    pub fn keep_findings(&self, generation: u64, found: &Arc<[Diagnostic]>) {
        let mut cached = self.findings.lock().unwrap_or_else(PoisonError::into_inner);
        if cached.as_ref().is_none_or(|(at, _)| *at <= generation) {
            *cached = Some((generation, Arc::clone(found)));
        }
    }
}

/// What checking docs needs, shared: a doc check runs off the lock on
/// these alone.
#[derive(Clone)]
pub struct DocChecker {
    pub index: Arc<GlossaryIndex>,
    pub env: Arc<Env>,
    pub base: PathBuf,
    /// The glossary's [`Glossary::docs_generation`] these were taken at.
    pub generation: u64,
}

impl DocChecker {
    /// The findings of `doc` (at `path`): from its cache when there for
    /// this generation, else computed, and kept in the cache when `keep`
    /// (an open doc's, for code actions: the findings of every doc of a big
    /// site would cost more memory than checking one again).
    pub fn check(
        &self,
        path: &Path,
        doc: &MdDoc,
        body: &DocBody,
        mentions: &MentionIndex,
        keep: bool,
    ) -> Arc<[Diagnostic]> {
        if let Some(found) = doc.findings_at(self.generation) {
            return found;
        }
        use gloss_core::lint::docs::{DocContext, check_doc};
        let shown = display(path, &self.base);
        let found: Arc<[Diagnostic]> = check_doc(&DocContext {
            path: &shown,
            text: &body.text,
            doc: &body.parsed,
            config: &self.env.config,
            glossary: &self.index,
            mentions,
        })
        .into();
        if keep {
            doc.keep_findings(self.generation, &found);
        }
        found
    }
}

/// A document the editor has open: its rope is the truth, not the disk.
/// The rope is the one copy kept of the editor's text: edits apply to it
/// in place, and the text the core parses is taken from it once per change
/// (the parsed file then owns that text).
#[derive(Debug, Clone)]
pub struct OpenDoc {
    pub rope: Rope,
    pub version: i32,
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
    /// A Markdown doc the docs rules check (or one that was, to clear).
    Doc(PathBuf),
}

pub struct Glossary {
    /// Where the config was looked for (the editor's folder): a reload
    /// looks there again.
    pub start: PathBuf,
    /// The config file's directory: paths in messages are relative to it.
    pub base: PathBuf,
    pub config_path: PathBuf,
    /// The `challenge.extra-words` file, if the config names one.
    pub extra_words: Option<PathBuf>,
    pub env: Arc<Env>,
    /// Why `gloss.toml` could not be used as written (what applies
    /// meanwhile is in its message).
    pub config_problem: Option<ConfigProblem>,
    pub root: PathBuf,
    by_path: Arc<HashMap<PathBuf, FileId>>,
    slots: Arc<Vec<Option<Slot>>>,
    pub index: Arc<GlossaryIndex>,
    /// A `related` entry (keyed like a name: a slug, or a term written where
    /// its slug belongs) → the files listing it.
    related_refs: Arc<HashMap<String, BTreeSet<FileId>>>,
    pub docs: Arc<HashMap<PathBuf, Arc<MdDoc>>>,
    pub open: Arc<HashMap<PathBuf, OpenDoc>>,
    pub loose: Arc<HashMap<PathBuf, Slot>>,
    mentions: Option<Arc<MentionIndex>>,
    /// Bumped whenever the names change, so a mention index built in the
    /// background from older names is recognised and dropped.
    names_generation: u64,
    /// Bumped whenever what a doc's findings depend on changes (names,
    /// deprecated names, slugs), so cached or in-flight doc findings of an
    /// older glossary are recognised and dropped.
    pub docs_generation: u64,
    /// Docs to check eventually (after indexing, after a name changed).
    pub doc_backlog: BTreeSet<PathBuf>,
    /// Checks wanted now (an edit and the files it affects).
    pub dirty: BTreeSet<Target>,
    /// Checks wanted eventually (after indexing or a config reload).
    pub backlog: VecDeque<FileId>,
    /// Files whose last check found an `unknown-related`: its suggestions
    /// depend on every slug and name, so they are re-checked when those change.
    pub unknown_related: HashSet<FileId>,
    /// Files whose last published diagnostics were not empty.
    pub published: HashSet<PathBuf>,
    /// What each doc and term uses, for `unused-term` (kept only when the
    /// rule is on).
    pub usage: UsageCounts,
    generation: u64,
}

impl Glossary {
    /// A workspace with no folder: everything defaulted, nothing indexed.
    pub fn empty() -> Self {
        Self {
            start: PathBuf::new(),
            base: PathBuf::new(),
            config_path: PathBuf::from(gloss_core::config::FILE_NAME),
            extra_words: None,
            env: Arc::new(Env::default()),
            config_problem: None,
            root: PathBuf::from("glossary"),
            by_path: Arc::default(),
            slots: Arc::default(),
            index: Arc::new(GlossaryIndex::default()),
            related_refs: Arc::default(),
            docs: Arc::default(),
            open: Arc::default(),
            loose: Arc::default(),
            mentions: Some(Arc::new(MentionIndex::default())),
            names_generation: next_generation(),
            docs_generation: next_generation(),
            doc_backlog: BTreeSet::new(),
            dirty: BTreeSet::new(),
            backlog: VecDeque::new(),
            unknown_related: HashSet::new(),
            published: HashSet::new(),
            usage: UsageCounts::default(),
            generation: 0,
        }
    }

    /// Find and load the config from `start` (the nearest `gloss.toml` at
    /// or above it, as `gloss lint` finds it) and index every term file and
    /// doc, in parallel. A reload passes the glossary it replaces as
    /// `reuse`: a file whose bytes are unchanged shares that glossary's
    /// parse instead of holding a second copy while both are alive.
    pub fn load(start: &Path, reuse: Option<&Glossary>) -> Self {
        let mut ws = Self::empty();
        let (settings, problem) = config::load(None, start);
        ws.start = start.to_path_buf();
        ws.config_path = settings.config_path();
        ws.extra_words = settings.extra_words_path();
        ws.root = settings.root();
        ws.base = settings.base;
        ws.config_problem = problem;
        ws.env = Arc::new(settings.env);
        let base = ws.base.clone();
        let base = base.as_path();
        let timer = std::time::Instant::now();
        let shown_root = display(&ws.root, base);
        // A directory that cannot be read names no term: there is no file
        // to show its problem on in an editor.
        let found: Vec<Found> = walk::term_files(&ws.root, &shown_root, &ws.env.config.exclude)
            .into_iter()
            .filter(|f| !f.is_dir)
            .collect();
        trace(&timer, "walk");
        // Parse a chunk of files on the pool while this thread indexes the
        // previous one: the index is built in path order (stable ids) and
        // its serial work hides behind the parsing.
        let env = Arc::clone(&ws.env);
        let old_file = |path: &Path| Some(&reuse?.slot(reuse?.id_of(path)?)?.file);
        let parse_chunk = |found: &[Found]| -> Vec<(PathBuf, Arc<TermFile>)> {
            found
                .par_iter()
                .map(|found| {
                    let name = display(&found.path, base);
                    let file = read_found_reusing(found, &name, &env.config, old_file(&found.path));
                    (found.path.clone(), file)
                })
                .collect()
        };
        let mut chunks = found.chunks(PARSE_CHUNK);
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
        // Docs are not read here: each is read when it is checked (see
        // `MdDoc`).
        let options = ws.prose_options();
        ws.docs = Arc::new(
            walk::doc_files(base, &ws.env.config.docs)
                .into_iter()
                .map(|path| {
                    let doc = MdDoc::on_disk(path.clone(), options);
                    (path, Arc::new(doc))
                })
                .collect(),
        );
        trace(&timer, "docs");
        // Built after the first responses (see `mentions_job`): hovers are
        // the first to need it, well after initialize.
        ws.mentions = None;
        ws.backlog = ws.ids().collect();
        ws.recheck_docs();
        ws.reread_usage();
        ws
    }

    /// Whether `unused-term` is on: only then is usage kept.
    pub fn unused_on(&self) -> bool {
        self.env
            .config
            .severity(&gloss_core::rule::UNUSED_TERM)
            .is_some()
    }

    /// Every doc and term file is read again for usage (after a load, or a
    /// change of names or slugs), in the background; what each used until
    /// then stands meanwhile.
    fn reread_usage(&mut self) {
        if !self.unused_on() {
            return;
        }
        let terms: Vec<Source> = self.ids().map(Source::Term).collect();
        let docs: Vec<Source> = self
            .docs
            .keys()
            .filter(|path| self.is_configured_doc(path))
            .cloned()
            .map(Source::Doc)
            .collect();
        // And every source with a list, gone or not: a gone one is read
        // as using nothing, which takes its list back.
        let known: Vec<Source> = self.usage.sources().cloned().collect();
        for source in terms.into_iter().chain(docs).chain(known) {
            self.usage.queue(source);
        }
    }

    /// Take up to `n` sources whose usage to read again, with what reading
    /// them needs, to run off the lock ([`UsageJob::run`]); `None` when
    /// there is nothing to read, or the mention index is not built yet
    /// (nothing is taken then).
    pub fn usage_job(&mut self, n: usize) -> Option<UsageJob> {
        if self.usage.backlog.is_empty() {
            return None;
        }
        let mentions = self.built_mentions()?;
        let sources = self
            .usage
            .take(n)
            .into_iter()
            .map(|source| {
                let text = self.source_text(&source);
                (source, text)
            })
            .collect();
        Some(UsageJob {
            generation: self.docs_generation,
            index: Arc::clone(&self.index),
            env: Arc::clone(&self.env),
            mentions,
            sources,
        })
    }

    /// A source as it is now: `None` when it is gone (or is no doc the
    /// config selects).
    fn source_text(&self, source: &Source) -> Option<SourceText> {
        match source {
            Source::Term(id) => self
                .slot(*id)
                .map(|s| SourceText::Term(Arc::clone(&s.file))),
            Source::Doc(path) => self
                .is_configured_doc(path)
                .then(|| self.docs.get(path).cloned())
                .flatten()
                .map(SourceText::Doc),
        }
    }

    /// Take in what a [`UsageJob`] read: a source that changed meanwhile
    /// (or every source, when names or slugs changed) was queued again and
    /// its result is dropped. Terms whose used-or-not changed are checked
    /// again; when the last source is in, the counts become ready.
    pub fn apply_usage(&mut self, done: UsageDone) {
        // Read against older names or slugs: dropped. Every source was
        // queued again when they changed, those of this job too (each one
        // that exists, and each one gone that still has a list).
        if done.generation != self.docs_generation || !self.unused_on() {
            return;
        }
        for (source, text, uses) in done.sources {
            let now = self.source_text(&source);
            let current = match (&now, &text) {
                (Some(SourceText::Term(a)), Some(SourceText::Term(b))) => Arc::ptr_eq(a, b),
                (Some(SourceText::Doc(a)), Some(SourceText::Doc(b))) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            };
            if current {
                self.usage.set(source, uses);
            }
        }
        self.usage_lost();
    }

    /// A [`UsageJob`] that never came back (its thread panicked): its
    /// sources keep what they used before (reading them again could panic
    /// again, for ever), and the counts settle without them. Also how
    /// [`Self::apply_usage`] ends: settle, and check again what changed.
    pub fn usage_lost(&mut self) {
        let ids: Vec<FileId> = self.ids().collect();
        let changed = self.usage.settle(ids);
        self.recheck_terms(&changed);
    }

    /// Term files whose findings changed for a reason outside them: their
    /// cached findings are dropped and they are checked again.
    fn recheck_terms(&mut self, ids: &[FileId]) {
        let live: Vec<FileId> = ids
            .iter()
            .copied()
            .filter(|&f| self.slot(f).is_some())
            .collect();
        if live.is_empty() {
            return;
        }
        let slots = Arc::make_mut(&mut self.slots);
        for &f in &live {
            if let Some(Some(slot)) = slots.get_mut(f) {
                slot.diagnostics = Arc::default();
            }
        }
        self.dirty.extend(live.into_iter().map(Target::Term));
    }

    /// Whether the docs rules can find anything in this glossary: one is
    /// on, and there is a link pattern or a deprecated name (as `gloss
    /// lint` decides whether to read the docs).
    pub fn docs_linted(&self) -> bool {
        gloss_core::lint::docs::any_doc_rule(&self.env.config)
            && (self.env.config.link.is_some() || self.index.has_deprecated())
    }

    /// Whether the doc at `path` is one the docs rules check: selected by
    /// `[glossary] docs` (an open Markdown file outside it only hovers).
    pub fn is_linted_doc(&self, path: &Path) -> bool {
        self.docs_linted() && self.is_configured_doc(path) && self.docs.contains_key(path)
    }

    /// What a doc's findings depend on changed: every doc is checked again,
    /// the open ones first.
    fn recheck_docs(&mut self) {
        self.docs_generation = next_generation();
        // When no docs rule can find anything, only what was published
        // needs a check (to clear it).
        let linted = self.docs_linted();
        let (open, rest): (Vec<PathBuf>, Vec<PathBuf>) = self
            .docs
            .keys()
            .filter(|path| linted || self.published.contains(*path))
            .cloned()
            .partition(|path| self.open.contains_key(path));
        self.dirty.extend(open.into_iter().map(Target::Doc));
        self.doc_backlog = rest.into_iter().collect();
    }

    /// What checking docs needs, taken off the lock.
    pub fn doc_checker(&self) -> DocChecker {
        DocChecker {
            index: Arc::clone(&self.index),
            env: Arc::clone(&self.env),
            base: self.base.clone(),
            generation: self.docs_generation,
        }
    }

    /// The mention index if it is built (the diagnostics worker builds a
    /// missing one off the lock, from [`Self::mentions_job`]).
    pub fn built_mentions(&self) -> Option<Arc<MentionIndex>> {
        self.mentions.clone()
    }

    /// The docs-rule findings of the doc at `path` (none for a doc the
    /// rules do not check), computed at most once per version of the doc
    /// and of the glossary.
    pub fn doc_diagnostics(&mut self, path: &Path) -> Option<Arc<[Diagnostic]>> {
        if !self.is_linted_doc(path) {
            return None;
        }
        let doc = Arc::clone(self.docs.get(path)?);
        if let Some(found) = doc.findings_at(self.docs_generation) {
            return Some(found);
        }
        let body = doc.body()?;
        let mentions = self.mentions();
        Some(
            self.doc_checker()
                .check(path, &doc, &body, &mentions, doc.is_held()),
        )
    }

    /// What counts as prose in this workspace's docs (`[docs]`).
    pub fn prose_options(&self) -> ProseOptions {
        ProseOptions {
            match_in_code: self.env.config.match_in_code,
        }
    }

    /// Take over the open documents (their editor text wins over the
    /// disk's) and the record of what was published from `previous`.
    pub fn keep_open_docs(&mut self, previous: Glossary) {
        self.published = previous.published;
        for (path, doc) in previous.open.iter() {
            let text = doc.rope.to_string();
            Arc::make_mut(&mut self.open).insert(path.clone(), doc.clone());
            self.set_text(path, text);
        }
    }

    /// A read-only copy for answering requests off the lock: every file,
    /// index and doc is shared, nothing is copied; the scheduling state
    /// (what to check and publish next) stays with the writer.
    pub fn snapshot(&self) -> Glossary {
        Glossary {
            start: self.start.clone(),
            base: self.base.clone(),
            config_path: self.config_path.clone(),
            extra_words: self.extra_words.clone(),
            env: Arc::clone(&self.env),
            config_problem: None,
            root: self.root.clone(),
            by_path: Arc::clone(&self.by_path),
            slots: Arc::clone(&self.slots),
            index: Arc::clone(&self.index),
            related_refs: Arc::clone(&self.related_refs),
            docs: Arc::clone(&self.docs),
            open: Arc::clone(&self.open),
            loose: Arc::clone(&self.loose),
            mentions: self.mentions.clone(),
            names_generation: self.names_generation,
            docs_generation: self.docs_generation,
            doc_backlog: BTreeSet::new(),
            dirty: BTreeSet::new(),
            backlog: VecDeque::new(),
            unknown_related: HashSet::new(),
            published: HashSet::new(),
            usage: self.usage.snapshot(),
            generation: self.generation,
        }
    }

    /// The findings of the term file at `path` (in the glossary or loose),
    /// computed at most once per version of the glossary that can change
    /// them: a hover or a code action reads what the worker published.
    pub fn diagnostics(&self, path: &Path) -> Option<Arc<[Diagnostic]>> {
        let (id, slot) = match self.id_of(path) {
            Some(id) => (id, self.slot(id)?),
            None => (usize::MAX, self.loose.get(path)?),
        };
        Some(self.diagnostics_of(id, slot))
    }

    /// The findings of `slot` (file `id`, `usize::MAX` for a loose file).
    pub fn diagnostics_of(&self, id: FileId, slot: &Slot) -> Arc<[Diagnostic]> {
        check_slot(
            &self.index,
            &self.env,
            self.unused_counts().as_deref(),
            id,
            slot,
        )
    }

    /// The usage counts `unused-term` reads, when the rule is on and the
    /// counts are ready.
    fn unused_counts(&self) -> Option<Arc<Vec<u32>>> {
        (self.unused_on() && self.usage.is_ready()).then(|| self.usage.counts())
    }

    /// What checking files needs (the index and the config), shared: a
    /// check off the lock holds these only, so an edit meanwhile copies
    /// nothing else.
    pub fn checker(&self) -> Checker {
        Checker {
            index: Arc::clone(&self.index),
            env: Arc::clone(&self.env),
            unused: self.unused_counts(),
        }
    }

    /// The editor's document at `path`, for an edit.
    pub fn open_doc_mut(&mut self, path: &Path) -> Option<&mut OpenDoc> {
        Arc::make_mut(&mut self.open).get_mut(path)
    }

    /// Index freshly parsed term files (at load).
    fn add_parsed(&mut self, parsed: Vec<(PathBuf, Arc<TermFile>)>) {
        let index = Arc::make_mut(&mut self.index);
        let related_refs = Arc::make_mut(&mut self.related_refs);
        let slots = Arc::make_mut(&mut self.slots);
        let by_path = Arc::make_mut(&mut self.by_path);
        for (path, file) in parsed {
            let id = index.add(&file.path, &file.stem, file.term());
            note_related_refs(related_refs, id, &file);
            if slots.len() <= id {
                slots.resize(id + 1, None);
            }
            by_path.insert(path.clone(), id);
            slots[id] = Some(Slot::new(path, file, 0));
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
            "yaml" | "yml" if self.in_glossary(path) => Kind::Term,
            "yaml" | "yml" => Kind::LooseTerm,
            "md" | "markdown" => Kind::Doc,
            // Any file `[glossary] docs` selects (`docs/**/*.mdx`).
            _ if self.is_configured_doc(path) => Kind::Doc,
            _ => Kind::Other,
        }
    }

    /// Whether a YAML file is one of the glossary's term files: under the
    /// root, not hidden, not excluded, as the walk decides. Any other YAML
    /// file is linted as a loose file when opened, never indexed, as
    /// `gloss lint` never indexes it.
    fn in_glossary(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root).is_ok_and(|relative| {
            let hidden = relative
                .components()
                .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."));
            !hidden && !self.env.config.exclude.is_excluded(&slash_path(relative))
        })
    }

    fn is_configured_doc(&self, path: &Path) -> bool {
        path.strip_prefix(&self.base)
            .is_ok_and(|relative| self.env.config.docs.matches(&slash_path(relative)))
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
        self.loose.get(path).map(|s| (None, Arc::clone(&s.file)))
    }

    /// The text and line index of any known document.
    pub fn doc_text(&self, path: &Path) -> Option<DocText> {
        if let Some((_, file)) = self.term_file(path) {
            return Some(DocText::Term(file));
        }
        self.docs.get(path)?.body().map(DocText::Doc)
    }

    /// When the mention index is missing: the names to build it from (so
    /// it can be built without the workspace, see [`Self::offer_mentions`]).
    pub fn mentions_job(&self) -> Option<(u64, Vec<(String, FileId)>)> {
        if self.mentions.is_some() {
            return None;
        }
        let names = self
            .index
            .written_names()
            .map(|(name, file)| (name.to_owned(), file))
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
        display(path, &self.base)
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
        Arc::make_mut(&mut self.open).insert(
            path.to_path_buf(),
            OpenDoc {
                rope: Rope::from_str(&text),
                version,
            },
        );
        self.set_text(path, text);
    }

    /// The editor closed a document: the disk is the truth again.
    pub fn close_doc(&mut self, path: &Path) {
        if Arc::make_mut(&mut self.open).remove(path).is_none() {
            return;
        }
        match self.kind(path) {
            Kind::LooseTerm => {
                Arc::make_mut(&mut self.loose).remove(path);
                self.dirty.remove(&Target::Loose(path.to_path_buf()));
            }
            Kind::Doc if !self.is_configured_doc(path) => {
                Arc::make_mut(&mut self.docs).remove(path);
                self.doc_changed(path);
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
                let shown_root = self.display(&self.root);
                let found =
                    walk::term_file_at(&self.root, &shown_root, &self.env.config.exclude, path);
                match found {
                    Some(found) => {
                        let file = read_found(&found, &self.display(path), &self.env.config);
                        self.set_term(path, file);
                    }
                    None => self.remove_term(path),
                }
            }
            Kind::Doc if self.is_configured_doc(path) => {
                if path.is_file() {
                    let doc = MdDoc::on_disk(path.to_path_buf(), self.prose_options());
                    Arc::make_mut(&mut self.docs).insert(path.to_path_buf(), Arc::new(doc));
                } else {
                    Arc::make_mut(&mut self.docs).remove(path);
                }
                self.doc_changed(path);
            }
            _ => {}
        }
    }

    /// New text for a document (from the editor or the disk).
    pub fn set_text(&mut self, path: &Path, text: String) {
        match self.kind(path) {
            Kind::Term => {
                let file = term_from_text(&self.display(path), text, &self.env.config);
                self.set_term(path, file);
            }
            Kind::LooseTerm => {
                let file = term_from_text(&self.display(path), text, &self.env.config);
                self.generation += 1;
                let slot = Slot::new(path.to_path_buf(), Arc::new(file), self.generation);
                Arc::make_mut(&mut self.loose).insert(path.to_path_buf(), slot);
                self.dirty.insert(Target::Loose(path.to_path_buf()));
            }
            Kind::Doc => {
                let doc = MdDoc::new(text, self.prose_options());
                Arc::make_mut(&mut self.docs).insert(path.to_path_buf(), Arc::new(doc));
                self.doc_changed(path);
            }
            Kind::Config | Kind::Other => {}
        }
    }

    /// A doc's text changed, or it appeared or vanished: check it now
    /// (a vanished one, to clear what was published on it).
    fn doc_changed(&mut self, path: &Path) {
        self.doc_backlog.remove(path);
        if self.unused_on() {
            self.usage.queue(Source::Doc(path.to_path_buf()));
        }
        if self.docs_linted() || self.published.contains(path) {
            self.dirty.insert(Target::Doc(path.to_path_buf()));
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
        let related_refs = Arc::make_mut(&mut self.related_refs);
        if let Some(old) = &old {
            for entry in &old.term().related {
                if let Some(refs) = related_refs.get_mut(&name_key(&entry.value)) {
                    refs.remove(&id);
                }
            }
        }
        note_related_refs(related_refs, id, &file);
        let file = Arc::new(file);
        let slots = Arc::make_mut(&mut self.slots);
        if slots.len() <= id {
            slots.resize(id + 1, None);
        }
        slots[id] = Some(Slot::new(path.to_path_buf(), Arc::clone(&file), generation));
        Arc::make_mut(&mut self.by_path).insert(path.to_path_buf(), id);
        if self.unused_on() {
            self.usage.queue(Source::Term(id));
        }
        self.mark_affected(id, old.as_deref(), Some(&file), existing.is_none());
    }

    pub fn remove_term(&mut self, path: &Path) {
        let Some(id) = Arc::make_mut(&mut self.by_path).remove(path) else {
            return;
        };
        let Some(slot) = Arc::make_mut(&mut self.slots)
            .get_mut(id)
            .and_then(Option::take)
        else {
            return;
        };
        Arc::make_mut(&mut self.index).remove(id);
        let related_refs = Arc::make_mut(&mut self.related_refs);
        for entry in &slot.file.term().related {
            if let Some(refs) = related_refs.get_mut(&name_key(&entry.value)) {
                refs.remove(&id);
            }
        }
        self.dirty.remove(&Target::Term(id));
        self.unknown_related.remove(&id);
        if self.unused_on() {
            // What the file used is used by one source less.
            self.usage.queue(Source::Term(id));
        }
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
        fn trimmed<'a>(
            names: impl Iterator<Item = &'a gloss_core::term::Text>,
        ) -> BTreeSet<String> {
            names.map(|n| n.value.trim().to_owned()).collect()
        }
        let names =
            |f: Option<&TermFile>| f.map_or_else(BTreeSet::new, |f| trimmed(f.term().names()));
        let deprecated = |f: Option<&TermFile>| {
            f.map_or_else(BTreeSet::new, |f| trimmed(f.term().deprecated.iter()))
        };
        let deprecated_changed = deprecated(old) != deprecated(new);
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
                if let Some(refs) = self.related_refs.get(&name_key(name)) {
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
        if old_names != new_names || deprecated_changed {
            self.mentions = None;
            self.names_generation = next_generation();
        }
        // Docs find mentions of every name and links to every slug.
        if old_names != new_names || deprecated_changed || slug_changed {
            self.recheck_docs();
            self.reread_usage();
        }
        // `deprecated-name` flags a deprecated name in any term's prose:
        // every term is checked again (deprecated lists change rarely;
        // keystrokes in prose never get here).
        if deprecated_changed {
            let slots = Arc::make_mut(&mut self.slots);
            for slot in slots.iter_mut().flatten() {
                slot.diagnostics = Arc::default();
            }
            let all: Vec<FileId> = self.ids().filter(|f| *f != id).collect();
            self.backlog.extend(all);
        }
        // A new or vanished slug can change the "did you mean" of any
        // unknown `related` entry (files come and go rarely; keystrokes
        // never get here).
        if slug_changed {
            affected.extend(self.unknown_related.iter().copied());
        }
        if (slug_changed || old_names != new_names) && !self.loose.is_empty() {
            let loose = Arc::make_mut(&mut self.loose);
            for slot in loose.values_mut() {
                slot.diagnostics = Arc::default();
            }
            let paths: Vec<PathBuf> = loose.keys().cloned().collect();
            self.dirty.extend(paths.into_iter().map(Target::Loose));
        }
        let live: Vec<FileId> = affected
            .into_iter()
            .filter(|f| self.slot(*f).is_some())
            .collect();
        // Their cached findings are stale now; this file's slot is new.
        if live.iter().any(|f| *f != id) {
            let slots = Arc::make_mut(&mut self.slots);
            for f in &live {
                if let Some(Some(slot)) = slots.get_mut(*f).filter(|_| *f != id) {
                    slot.diagnostics = Arc::default();
                }
            }
        }
        self.dirty.extend(live.into_iter().map(Target::Term));
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

/// The glossary's index and config, to check files against.
#[derive(Clone)]
pub struct Checker {
    index: Arc<GlossaryIndex>,
    env: Arc<Env>,
    /// The usage counts, when `unused-term` is on and they are ready.
    unused: Option<Arc<Vec<u32>>>,
}

impl Checker {
    /// The findings of `slot` (file `id`, `usize::MAX` for a loose file),
    /// computed into its cache cell unless already there.
    pub fn diagnostics_of(&self, id: FileId, slot: &Slot) -> Arc<[Diagnostic]> {
        check_slot(&self.index, &self.env, self.unused.as_deref(), id, slot)
    }
}

/// The findings of `slot` (file `id`), from its cache cell or computed into
/// it; with `unused` (the usage counts by file id), a term of the glossary
/// that nothing uses gets `unused-term`.
fn check_slot(
    index: &GlossaryIndex,
    env: &Env,
    unused: Option<&Vec<u32>>,
    id: FileId,
    slot: &Slot,
) -> Arc<[Diagnostic]> {
    Arc::clone(slot.diagnostics.get_or_init(|| {
        let mut found = slot.file.check(id, index, env);
        if let Some(counts) = unused
            && id != usize::MAX
            && counts.get(id).is_none_or(|&n| n == 0)
        {
            gloss_core::lint::rules::unused_term::add_to(
                slot.file.term(),
                slot.file.parsed.syntax_failed,
                &mut found,
                &env.config,
            );
        }
        found.into()
    }))
}

/// A source's text as a [`UsageJob`] read it.
#[derive(Clone)]
pub enum SourceText {
    Term(Arc<TermFile>),
    Doc(Arc<MdDoc>),
}

/// Sources whose usage to read, with what reading needs; run off the lock.
pub struct UsageJob {
    generation: u64,
    index: Arc<GlossaryIndex>,
    env: Arc<Env>,
    mentions: Arc<MentionIndex>,
    sources: Vec<(Source, Option<SourceText>)>,
}

/// What a [`UsageJob`] read, for [`Glossary::apply_usage`].
pub struct UsageDone {
    generation: u64,
    sources: Vec<(Source, Option<SourceText>, Vec<FileId>)>,
}

impl UsageJob {
    /// Read each source: the term files it uses (none for one that is gone).
    pub fn run(self) -> UsageDone {
        use gloss_core::lint::docs::{doc_uses, term_uses};
        let sources = self
            .sources
            .into_iter()
            .map(|(source, text)| {
                let uses = match (&source, &text) {
                    (Source::Term(id), Some(SourceText::Term(file))) => {
                        term_uses(&self.index, &self.mentions, *id, &file.text, file.term())
                    }
                    // A doc over the size limit is one `gloss lint` does
                    // not read: it uses nothing (nor does one that cannot
                    // be read).
                    (Source::Doc(_), Some(SourceText::Doc(doc))) => match doc.body() {
                        Some(body) if body.text.len() <= self.env.config.max_file_size => doc_uses(
                            &self.index,
                            &self.mentions,
                            &self.env.config,
                            &body.text,
                            &body.parsed,
                        ),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                (source, text, uses)
            })
            .collect();
        UsageDone {
            generation: self.generation,
            sources,
        }
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
    Doc(Arc<DocBody>),
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_support::write;

    fn term(name: &str, related: &[&str]) -> String {
        let related: String = related.iter().map(|r| format!("  - {r}\n")).collect();
        let related = if related.is_empty() {
            String::new()
        } else {
            format!("related:\n{related}")
        };
        format!("term: {name}\ndefinition: A {name} is a thing.\n{related}")
    }

    #[test]
    fn loading_from_a_subfolder_finds_the_config_above_it() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        write(
            &site.join("gloss.toml"),
            "[glossary]\nroot = \"terms\"\ndocs = [\"docs/**/*.{md,mdx}\"]\n",
        )?;
        write(
            &site.join("terms/sprint.yaml"),
            &term("Sprint", &["kanban"]),
        )?;
        write(&site.join("terms/kanban.yaml"), &term("Kanban", &[]))?;
        write(&site.join("docs/guide/intro.mdx"), "A sprint is short.\n")?;
        // The editor's folder is the glossary root itself, below the config.
        let ws = Glossary::load(&site.join("terms"), None);
        assert!(ws.config_problem.is_none());
        assert_eq!(ws.base, site);
        assert_eq!(ws.root, site.join("terms"));
        assert_eq!(ws.n_terms(), 2);
        assert_eq!(
            ws.display(&site.join("terms/sprint.yaml")),
            "terms/sprint.yaml"
        );
        assert!(ws.docs.contains_key(&site.join("docs/guide/intro.mdx")));
        // A changed `.mdx` doc is known as a doc, as the walk found it.
        assert_eq!(ws.kind(&site.join("docs/guide/other.mdx")), Kind::Doc);
        assert_eq!(ws.kind(&site.join("notes/other.mdx")), Kind::Other);
        Ok(())
    }

    #[test]
    fn missing_extra_words_are_a_config_problem_and_the_rest_applies() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let text = "[faqs]\nmin = 1\n[challenge]\nextra-words = \"words.txt\"\n";
        write(&dir.path().join("gloss.toml"), text)?;
        let ws = Glossary::load(dir.path(), None);
        assert_eq!(ws.env.config.faqs_min, 1);
        assert_eq!(ws.extra_words, Some(dir.path().join("words.txt")));
        let problem = ws
            .config_problem
            .as_ref()
            .map(ConfigProblem::editor_message);
        assert!(
            problem
                .as_deref()
                .is_some_and(|m| m.starts_with("cannot read `challenge.extra-words` file")),
            "{problem:?}"
        );
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_term_file_that_cannot_be_read_is_an_io_error_as_in_the_cli() -> std::io::Result<()> {
        let outside = tempfile::tempdir()?;
        write(&outside.path().join("secret.yaml"), &term("Secret", &[]))?;
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("glossary");
        write(&root.join("a.yaml"), &term("A", &[]))?;
        std::os::unix::fs::symlink(outside.path().join("secret.yaml"), root.join("leak.yaml"))?;
        let ws = Glossary::load(dir.path(), None);
        let leak = ws.id_of(&root.join("leak.yaml")).and_then(|id| ws.slot(id));
        let Some(leak) = leak else {
            panic!("the link out of the root is not a slot");
        };
        let rules: Vec<&str> = leak
            .file
            .parsed
            .diagnostics
            .iter()
            .map(|d| d.rule)
            .collect();
        assert_eq!(rules, ["io-error"]);
        assert!(
            leak.file.text.is_empty(),
            "the file outside the root was read"
        );
        Ok(())
    }

    #[test]
    fn a_related_name_is_checked_again_when_that_name_changes() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("glossary");
        write(
            &root.join("product-manager.yaml"),
            &term("Product Manager", &[]),
        )?;
        write(
            &root.join("roadmap.yaml"),
            &term("Roadmap", &["Product Manager"]),
        )?;
        let mut ws = Glossary::load(dir.path(), None);
        let roadmap = ws.id_of(&root.join("roadmap.yaml"));
        ws.dirty.clear();
        // A prose edit of the named term re-checks that file alone.
        ws.set_text(
            &root.join("product-manager.yaml"),
            "term: Product Manager\ndefinition: A Product Manager owns the why.\n".to_owned(),
        );
        assert!(
            !ws.dirty
                .contains(&Target::Term(roadmap.unwrap_or_default()))
        );
        ws.dirty.clear();
        // Renaming it changes what `related: [Product Manager]` resolves to.
        ws.set_text(
            &root.join("product-manager.yaml"),
            term("Product Owner", &[]),
        );
        let dirty: Vec<&Target> = ws.dirty.iter().collect();
        assert!(
            roadmap.is_some_and(|id| ws.dirty.contains(&Target::Term(id))),
            "{dirty:?}"
        );
        Ok(())
    }

    #[test]
    fn a_reload_shares_the_parse_of_unchanged_files_only() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        let config = site.join("gloss.toml");
        let config_text = "[glossary]\ndocs = [\"docs/*.md\"]\n";
        write(&config, config_text)?;
        let (kanban, sprint) = (
            site.join("glossary/kanban.yaml"),
            site.join("glossary/sprint.yaml"),
        );
        write(&kanban, &term("Kanban", &[]))?;
        write(&sprint, &term("Sprint", &[]))?;
        let (board, notes) = (site.join("docs/board.md"), site.join("docs/notes.md"));
        write(&board, "A `Kanban` board.\n")?;
        write(&notes, "Sprint notes.\n")?;
        let file = |ws: &Glossary, path: &Path| ws.term_file(path).map(|(_, f)| f);
        let shared_file = |a: &Glossary, b: &Glossary, path: &Path| {
            file(a, path)
                .zip(file(b, path))
                .is_some_and(|(a, b)| Arc::ptr_eq(&a, &b))
        };
        let doc_text = |ws: &Glossary, path: &Path| {
            ws.docs
                .get(path)
                .and_then(|d| d.body())
                .map(|b| b.text.clone())
        };
        let prose = |ws: &Glossary, path: &Path| {
            ws.docs
                .get(path)
                .and_then(|d| d.body())
                .map(|b| b.parsed.prose.len())
        };

        let first = Glossary::load(site, None);
        // Docs nobody has open are not held: each is read when needed.
        assert!(first.docs.values().all(|d| !d.is_held()));
        assert_eq!(first.docs.len(), 2);
        write(&sprint, &term("Sprint", &["kanban"]))?;
        write(&notes, "Sprint notes, longer.\n")?;
        let second = Glossary::load(site, Some(&first));
        assert!(
            shared_file(&first, &second, &kanban),
            "an unchanged term file is shared"
        );
        assert!(
            !shared_file(&first, &second, &sprint),
            "a changed term file is read again"
        );
        let sprint_now = file(&second, &sprint).map(|f| f.term().related.len());
        assert_eq!(sprint_now, Some(1), "the new bytes are the ones parsed");
        assert_eq!(
            doc_text(&second, &notes).as_deref(),
            Some("Sprint notes, longer.\n")
        );
        // Every generation is new: nothing cached for the old glossary is
        // taken for the new one's.
        assert_ne!(first.docs_generation, second.docs_generation);
        assert_ne!(first.names_generation, second.names_generation);

        // Code becomes prose: docs are parsed with the new options; term
        // files are not read as prose and stay shared.
        write(
            &config,
            &format!("{config_text}[docs]\nmatch-in-code = true\n"),
        )?;
        let third = Glossary::load(site, Some(&second));
        assert!(shared_file(&second, &third, &kanban));
        assert_ne!(prose(&third, &board), prose(&second, &board));

        // A size limit the unchanged file is now over: it is too large, not
        // the old parse.
        let size = std::fs::metadata(&kanban)?.len();
        write(
            &config,
            &format!(
                "[glossary]\ndocs = [\"docs/*.md\"]\nmax-file-size = {}\n",
                size - 1
            ),
        )?;
        let fourth = Glossary::load(site, Some(&third));
        assert!(!shared_file(&third, &fourth, &kanban));
        let rules: Vec<&str> = file(&fourth, &kanban)
            .map(|f| f.parsed.diagnostics.iter().map(|d| d.rule).collect())
            .unwrap_or_default();
        assert_eq!(rules, ["io-error"]);
        // Exactly at the limit it is read, and shares the parse again.
        write(
            &config,
            &format!("[glossary]\ndocs = [\"docs/*.md\"]\nmax-file-size = {size}\n"),
        )?;
        let fifth = Glossary::load(site, Some(&third));
        assert!(shared_file(&third, &fifth, &kanban));
        Ok(())
    }

    #[test]
    fn a_file_too_large_then_emptied_is_parsed_again_not_reused() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        write(&site.join("gloss.toml"), "[glossary]\nmax-file-size = 10\n")?;
        let big = site.join("glossary/big.yaml");
        write(&big, &term("Big", &[]))?;
        let messages = |ws: &Glossary| -> Vec<String> {
            ws.term_file(&big)
                .map(|(_, f)| {
                    f.parsed
                        .diagnostics
                        .iter()
                        .map(|d| d.message.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        let first = Glossary::load(site, None);
        assert!(
            messages(&first).iter().any(|m| m.contains("bytes")),
            "{:?}",
            messages(&first)
        );
        // The old parse's text is empty (the file was not read), as the
        // file's bytes now are: it is still read and parsed as it is.
        write(&big, "")?;
        let second = Glossary::load(site, Some(&first));
        let shared = first
            .term_file(&big)
            .zip(second.term_file(&big))
            .is_some_and(|((_, a), (_, b))| Arc::ptr_eq(&a, &b));
        assert!(!shared);
        assert_ne!(messages(&second), messages(&first));
        assert!(!messages(&second).iter().any(|m| m.contains("bytes")));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_doc_that_became_a_fifo_has_no_body_and_does_not_block() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        write(
            &site.join("gloss.toml"),
            "[glossary]\ndocs = [\"docs/*.md\"]\n",
        )?;
        write(&site.join("glossary/kanban.yaml"), &term("Kanban", &[]))?;
        let pipe = site.join("docs/pipe.md");
        write(&pipe, "A doc.\n")?;
        let ws = Glossary::load(site, None);
        std::fs::remove_file(&pipe)?;
        let made = std::process::Command::new("mkfifo").arg(&pipe).status()?;
        assert!(made.success(), "mkfifo");
        let doc = ws.docs.get(&pipe).map(Arc::clone);
        assert!(doc.is_some());
        assert!(doc.and_then(|d| d.body()).is_none());
        Ok(())
    }

    #[test]
    fn a_term_file_once_not_utf8_is_parsed_again_when_saved_as_its_repaired_text()
    -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        let cafe = site.join("glossary/cafe.yaml");
        write(&cafe, "")?;
        std::fs::write(&cafe, b"term: Caf\xE9\ndefinition: A Caf\xE9 is a thing.\n")?;
        let first = Glossary::load(site, None);
        let messages = |ws: &Glossary| -> Vec<String> {
            ws.term_file(&cafe)
                .map(|(_, f)| {
                    f.parsed
                        .diagnostics
                        .iter()
                        .map(|d| d.message.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        assert!(
            messages(&first)
                .iter()
                .any(|m| m.contains("not valid UTF-8"))
        );
        // The repaired text (U+FFFD for the bad byte) saved as UTF-8: the
        // bytes equal the old parse's text, but that text was not the file.
        let repaired = first
            .term_file(&cafe)
            .map(|(_, f)| f.text.clone())
            .unwrap_or_default();
        assert!(repaired.contains('\u{FFFD}'));
        std::fs::write(&cafe, repaired.as_bytes())?;
        let second = Glossary::load(site, Some(&first));
        assert!(
            !messages(&second)
                .iter()
                .any(|m| m.contains("not valid UTF-8")),
            "{:?}",
            messages(&second)
        );
        assert_eq!(
            second.term_file(&cafe).and_then(|(_, f)| f
                .term()
                .term
                .as_ref()
                .map(|t| t.value.clone())),
            Some("Caf\u{FFFD}".to_owned())
        );
        Ok(())
    }

    #[test]
    fn doc_text_is_a_term_files_parse_or_a_docs_text_now() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        write(
            &site.join("gloss.toml"),
            "[glossary]\ndocs = [\"docs/*.md\"]\n",
        )?;
        let kanban = site.join("glossary/kanban.yaml");
        write(&kanban, &term("Kanban", &[]))?;
        let guide = site.join("docs/guide.md");
        write(&guide, "A guide.\n")?;
        let mut ws = Glossary::load(site, None);
        let text = |ws: &Glossary, path: &Path| {
            ws.doc_text(path)
                .map(|t| (t.text().to_owned(), t.line_index().n_lines()))
        };
        assert_eq!(text(&ws, &kanban), Some((term("Kanban", &[]), 3)));
        assert_eq!(text(&ws, &guide), Some(("A guide.\n".to_owned(), 2)));
        write(&guide, "A guide,\nlonger.\n")?;
        assert_eq!(
            text(&ws, &guide),
            Some(("A guide,\nlonger.\n".to_owned(), 3))
        );
        ws.open_doc(&guide, "Open.".to_owned(), 1);
        assert_eq!(text(&ws, &guide), Some(("Open.".to_owned(), 1)));
        assert_eq!(text(&ws, &site.join("docs/none.md")), None);
        Ok(())
    }

    #[test]
    fn docs_are_checked_again_when_what_their_findings_depend_on_changes() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("glossary");
        write(
            &dir.path().join("gloss.toml"),
            "[glossary]\ndocs = [\"docs/*.md\"]\n[docs]\nlink = \"/g/{slug}/\"\n",
        )?;
        write(&root.join("kanban.yaml"), &term("Kanban", &[]))?;
        write(&root.join("sprint.yaml"), &term("Sprint", &[]))?;
        let doc = dir.path().join("docs/board.md");
        let other = dir.path().join("docs/other.md");
        write(&doc, "A card wall is a [Kanban](/g/kanban/).\n")?;
        write(&other, "Nothing here.\n")?;
        write(&dir.path().join("README.md"), "Kanban, unlinked.\n")?;
        let mut ws = Glossary::load(dir.path(), None);
        // Every doc waits in the background; no finding yet.
        assert_eq!(
            ws.doc_backlog.iter().collect::<Vec<_>>(),
            [&doc, &other],
            "a Markdown file the globs do not select is not checked"
        );
        assert_eq!(ws.doc_diagnostics(&doc).map(|d| d.len()), Some(0));
        assert_eq!(ws.doc_diagnostics(&dir.path().join("README.md")), None);
        let generation = ws.docs_generation;
        ws.doc_backlog.clear();
        ws.dirty.clear();
        // A prose keystroke in a term changes no doc's findings.
        ws.set_text(
            &root.join("sprint.yaml"),
            "term: Sprint\ndefinition: A Sprint is two weeks.\n".to_owned(),
        );
        assert_eq!(ws.docs_generation, generation);
        assert!(ws.doc_backlog.is_empty());
        // A new deprecated name: every doc is checked again, and the cached
        // findings of the old generation are not served.
        ws.set_text(
            &root.join("kanban.yaml"),
            format!("{}deprecated: [card wall]\n", term("Kanban", &[])),
        );
        assert!(ws.docs_generation > generation);
        assert_eq!(ws.doc_backlog.len(), 2);
        let found = ws.doc_diagnostics(&doc).unwrap_or_else(|| Arc::from([]));
        let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["deprecated-name"]);
        // Every term's prose may use the name: every term is checked again.
        assert!(
            ws.backlog
                .contains(&ws.id_of(&root.join("sprint.yaml")).unwrap_or(usize::MAX))
        );
        // An edit of an open doc is checked now, ahead of the backlog.
        ws.open_doc(&doc, "Kanban boards.\n".to_owned(), 2);
        assert!(ws.dirty.contains(&Target::Doc(doc.clone())));
        assert!(!ws.doc_backlog.contains(&doc));
        let found = ws.doc_diagnostics(&doc).unwrap_or_else(|| Arc::from([]));
        let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["unlinked-mention"]);
        // A renamed slug: a doc linking to it is checked again.
        ws.dirty.clear();
        ws.doc_backlog.clear();
        let generation = ws.docs_generation;
        ws.remove_term(&root.join("sprint.yaml"));
        assert!(ws.docs_generation > generation);
        assert!(
            ws.dirty.contains(&Target::Doc(doc.clone())),
            "open docs first"
        );
        assert!(ws.doc_backlog.contains(&other));
        Ok(())
    }

    #[test]
    fn findings_are_computed_once_per_version_and_shared_by_snapshots() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("glossary");
        write(&root.join("kanban.yaml"), &term("Kanban", &[]))?;
        write(&root.join("board.yaml"), &term("Board", &[]))?;
        let mut ws = Glossary::load(dir.path(), None);
        let kanban = root.join("kanban.yaml");
        let first = ws.diagnostics(&kanban);
        let snapshot = ws.snapshot();
        let again = snapshot.diagnostics(&kanban);
        assert!(
            first
                .as_ref()
                .zip(again.as_ref())
                .is_some_and(|(a, b)| Arc::ptr_eq(a, b)),
            "a snapshot checked the file again"
        );
        // A prose edit of another file leaves this file's findings cached.
        ws.set_text(&root.join("board.yaml"), term("Board", &["kanban"]));
        let after_prose = ws.diagnostics(&kanban);
        assert!(
            first
                .as_ref()
                .zip(after_prose.as_ref())
                .is_some_and(|(a, b)| Arc::ptr_eq(a, b))
        );
        // Another file taking this file's name changes them: checked anew.
        ws.set_text(&root.join("board.yaml"), term("Kanban", &[]));
        let after_rename = ws.diagnostics(&kanban);
        assert!(
            first
                .as_ref()
                .zip(after_rename.as_ref())
                .is_some_and(|(a, b)| !Arc::ptr_eq(a, b))
        );
        let rules: Vec<&str> = after_rename
            .iter()
            .flat_map(|d| d.iter())
            .map(|d| d.rule)
            .collect();
        assert!(rules.contains(&"duplicate-term"), "{rules:?}");
        // The snapshot still answers from the version it was taken of.
        assert!(
            snapshot
                .diagnostics(&kanban)
                .is_some_and(|d| !d.iter().any(|d| d.rule == "duplicate-term"))
        );
        Ok(())
    }

    fn with_word(name: &str, word: &str) -> String {
        format!("term: {name}\ndefinition: A {name} is a thing.\nchallenge:\n  word: {word}\n")
    }

    #[test]
    fn what_a_path_is_follows_the_walk_and_the_docs_globs() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let base = dir.path();
        write(
            &base.join("gloss.toml"),
            "[glossary]\nexclude = [\"drafts/**\"]\ndocs = [\"docs/*.md\"]\n",
        )?;
        write(&base.join("glossary/a.yaml"), &term("A", &[]))?;
        write(&base.join("docs/guide.md"), "A guide.\n")?;
        let mut ws = Glossary::load(base, None);
        let kind = |ws: &Glossary, p: &str| ws.kind(&base.join(p));
        assert_eq!(kind(&ws, "glossary/a.yaml"), Kind::Term);
        assert_eq!(kind(&ws, "glossary/drafts/b.yaml"), Kind::LooseTerm);
        assert_eq!(kind(&ws, "glossary/.hidden/b.yaml"), Kind::LooseTerm);
        assert_eq!(kind(&ws, "elsewhere/b.yaml"), Kind::LooseTerm);
        assert_eq!(kind(&ws, "gloss.toml"), Kind::Config);
        // A doc the globs select is read again from disk; another is not.
        write(&base.join("docs/new.md"), "New.\n")?;
        write(&base.join("notes.md"), "Notes.\n")?;
        ws.reload_from_disk(&base.join("docs/new.md"));
        ws.reload_from_disk(&base.join("notes.md"));
        assert!(ws.docs.contains_key(&base.join("docs/new.md")));
        assert!(!ws.docs.contains_key(&base.join("notes.md")));
        // An open doc holds the editor's text; closed, it is read from disk
        // again (and not held). Closing forgets it unless the globs select it.
        let body_text = |ws: &Glossary, p: &str| {
            let doc = ws.docs.get(&base.join(p));
            let text = doc.and_then(|d| d.body()).map(|b| b.text.clone());
            (doc.map(|d| d.is_held()), text)
        };
        for doc in ["docs/new.md", "notes.md"] {
            ws.open_doc(&base.join(doc), "Edited.\n".to_owned(), 1);
            assert!(
                ws.open_doc_mut(&base.join(doc))
                    .is_some_and(|d| d.version == 1)
            );
            assert_eq!(body_text(&ws, doc), (Some(true), Some("Edited.\n".into())));
            ws.close_doc(&base.join(doc));
        }
        assert_eq!(
            body_text(&ws, "docs/new.md"),
            (Some(false), Some("New.\n".into()))
        );
        // A doc on disk is read when used: a change is seen even before
        // the watcher reports it; one that vanished has no body.
        write(&base.join("docs/new.md"), "Newer.\n")?;
        assert_eq!(body_text(&ws, "docs/new.md").1.as_deref(), Some("Newer.\n"));
        std::fs::remove_file(base.join("docs/new.md"))?;
        assert_eq!(body_text(&ws, "docs/new.md"), (Some(false), None));
        ws.reload_from_disk(&base.join("docs/new.md"));
        assert!(!ws.docs.contains_key(&base.join("docs/new.md")));
        write(&base.join("docs/new.md"), "New.\n")?;
        ws.reload_from_disk(&base.join("docs/new.md"));
        assert!(ws.docs.contains_key(&base.join("docs/new.md")));
        assert!(!ws.docs.contains_key(&base.join("notes.md")));
        assert!(ws.open_doc_mut(&base.join("notes.md")).is_none());
        // A reload keeps the editor's text of open documents.
        ws.open_doc(&base.join("glossary/a.yaml"), term("Alpha", &[]), 7);
        let mut fresh = Glossary::load(base, Some(&ws));
        fresh.keep_open_docs(ws);
        let a = fresh
            .id_of(&base.join("glossary/a.yaml"))
            .and_then(|id| fresh.slot(id));
        assert!(a.is_some_and(|s| s.file.text.contains("Alpha")));
        Ok(())
    }

    #[test]
    fn a_change_marks_exactly_the_files_whose_findings_it_can_change() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("glossary");
        write(&root.join("a.yaml"), &with_word("Alpha", "TRAIN"))?;
        write(&root.join("b.yaml"), &with_word("Beta", "TRAIN"))?;
        write(&root.join("c.yaml"), &with_word("Gamma", "PLANE"))?;
        write(&root.join("d.yaml"), &term("Delta", &["e"]))?;
        let mut ws = Glossary::load(dir.path(), None);
        let id = |ws: &Glossary, name: &str| ws.id_of(&root.join(name)).unwrap_or(usize::MAX);
        let dirty = |ws: &Glossary| -> Vec<FileId> {
            ws.dirty
                .iter()
                .filter_map(|t| match t {
                    Target::Term(id) => Some(*id),
                    Target::Loose(_) | Target::Doc(_) => None,
                })
                .collect()
        };
        let loose = dir.path().join("outside.yaml");
        ws.open_doc(&loose, term("Outside", &["alpha"]), 1);
        ws.dirty.clear();
        // Prose: the file alone; the loose file is not touched.
        ws.set_text(
            &root.join("a.yaml"),
            with_word("Alpha", "TRAIN") + "context: More.\n",
        );
        assert_eq!(dirty(&ws), [id(&ws, "a.yaml")]);
        assert!(!ws.dirty.contains(&Target::Loose(loose.clone())));
        ws.dirty.clear();
        // A challenge word: the files sharing the old and the new word.
        ws.set_text(&root.join("a.yaml"), with_word("Alpha", "PLANE"));
        let mut expected = vec![id(&ws, "a.yaml"), id(&ws, "b.yaml"), id(&ws, "c.yaml")];
        expected.sort_unstable();
        assert_eq!(dirty(&ws), expected);
        ws.dirty.clear();
        // A name: every file naming it, and the loose file.
        ws.set_text(&root.join("c.yaml"), with_word("Beta", "PLANE"));
        let mut expected = vec![id(&ws, "b.yaml"), id(&ws, "c.yaml")];
        expected.sort_unstable();
        assert_eq!(dirty(&ws), expected);
        assert!(ws.dirty.contains(&Target::Loose(loose.clone())));
        ws.dirty.clear();
        // A new slug: the files listing it and those with unknown entries.
        ws.unknown_related.insert(id(&ws, "b.yaml"));
        write(&root.join("e.yaml"), &term("Epsilon", &[]))?;
        ws.reload_from_disk(&root.join("e.yaml"));
        let mut expected = vec![id(&ws, "b.yaml"), id(&ws, "d.yaml"), id(&ws, "e.yaml")];
        expected.sort_unstable();
        assert_eq!(dirty(&ws), expected);
        Ok(())
    }
    /// Read every queued usage source, as the server's worker does between
    /// edits; the dirty term files it leaves, sorted.
    fn settle_usage(ws: &mut Glossary) -> Vec<FileId> {
        ws.mentions();
        while let Some(job) = ws.usage_job(2) {
            ws.apply_usage(job.run());
        }
        let mut dirty: Vec<FileId> = std::mem::take(&mut ws.dirty)
            .into_iter()
            .filter_map(|t| match t {
                Target::Term(id) => Some(id),
                _ => None,
            })
            .collect();
        dirty.sort_unstable();
        dirty
    }

    fn unused(ws: &Glossary, site: &Path, slug: &str) -> bool {
        ws.diagnostics(&site.join(format!("glossary/{slug}.yaml")))
            .is_some_and(|found| found.iter().any(|d| d.rule == "unused-term"))
    }

    #[test]
    fn unused_term_follows_each_doc_and_term_as_it_changes() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        write(
            &site.join("gloss.toml"),
            "[glossary]\ndocs = [\"docs/*.md\"]\n[docs]\nlink = \"/glossary/{slug}/\"\n[rules]\nunused-term = \"info\"\n",
        )?;
        write(
            &site.join("glossary/sprint.yaml"),
            &term("Sprint", &["kanban"]),
        )?;
        write(&site.join("glossary/kanban.yaml"), &term("Kanban", &[]))?;
        write(&site.join("glossary/backlog.yaml"), &term("Backlog", &[]))?;
        write(&site.join("glossary/velocity.yaml"), &term("Velocity", &[]))?;
        write(&site.join("docs/intro.md"), "A sprint is short.\n")?;
        write(
            &site.join("docs/links.md"),
            "See [the list](/glossary/backlog/).\n",
        )?;
        let mut ws = Glossary::load(site, None);
        let id = |ws: &Glossary, slug: &str| ws.id_of(&site.join(format!("glossary/{slug}.yaml")));
        let velocity = id(&ws, "velocity").expect("indexed");
        // Before every source is read, nothing is unused.
        assert!(!ws.usage.is_ready());
        assert!(!unused(&ws, site, "velocity"));
        ws.dirty.clear();
        let rechecked = settle_usage(&mut ws);
        assert!(ws.usage.is_ready());
        // Mentioned by a doc (sprint), listed in `related` (kanban), linked
        // (backlog): used. Velocity is used by nothing.
        assert_eq!(rechecked, vec![velocity]);
        for slug in ["sprint", "kanban", "backlog"] {
            assert!(!unused(&ws, site, slug), "{slug}");
        }
        let found = ws
            .diagnostics(&site.join("glossary/velocity.yaml"))
            .unwrap_or_default();
        let finding = found
            .iter()
            .find(|d| d.rule == "unused-term")
            .expect("unused");
        assert_eq!(finding.severity, gloss_core::Severity::Info);
        assert_eq!(finding.range, gloss_core::TextRange::new(6, 14));
        // A doc starts to mention it: only velocity is checked again.
        let intro = site.join("docs/intro.md");
        ws.open_doc(
            &intro,
            "A sprint is short; velocity is measured.\n".to_owned(),
            1,
        );
        ws.dirty.clear();
        assert_eq!(settle_usage(&mut ws), vec![velocity]);
        assert!(!unused(&ws, site, "velocity"));
        // The link goes: backlog is unused again.
        let links = site.join("docs/links.md");
        ws.open_doc(&links, "See the list.\n".to_owned(), 1);
        ws.dirty.clear();
        let backlog = id(&ws, "backlog").expect("indexed");
        assert_eq!(settle_usage(&mut ws), vec![backlog]);
        assert!(unused(&ws, site, "backlog"));
        // A term's own text is no use of itself; another term's is.
        ws.open_doc(
            &site.join("glossary/backlog.yaml"),
            term("Backlog", &["backlog"]),
            1,
        );
        settle_usage(&mut ws);
        assert!(unused(&ws, site, "backlog"));
        ws.open_doc(
            &site.join("glossary/kanban.yaml"),
            term("Kanban", &["backlog"]),
            1,
        );
        settle_usage(&mut ws);
        assert!(!unused(&ws, site, "backlog"));
        // The term that used it is deleted: backlog is unused again.
        std::fs::remove_file(site.join("glossary/kanban.yaml"))?;
        ws.close_doc(&site.join("glossary/kanban.yaml"));
        settle_usage(&mut ws);
        assert!(unused(&ws, site, "backlog"));
        // With the rule off nothing is kept or queued.
        write(
            &site.join("gloss.toml"),
            "[glossary]\ndocs = [\"docs/*.md\"]\n",
        )?;
        let mut off = Glossary::load(site, None);
        assert!(off.usage.backlog.is_empty(), "nothing queued");
        assert!(off.usage_job(2).is_none());
        assert!(!unused(&off, site, "velocity"));
        Ok(())
    }
    #[test]
    fn usage_read_against_old_names_is_read_again_and_big_docs_use_nothing() -> std::io::Result<()>
    {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        write(
            &site.join("gloss.toml"),
            "[glossary]\ndocs = [\"docs/*.md\"]\nmax-file-size = 200\n[rules]\nunused-term = \"info\"\n",
        )?;
        write(&site.join("glossary/sprint.yaml"), &term("Sprint", &[]))?;
        write(&site.join("glossary/velocity.yaml"), &term("Velocity", &[]))?;
        write(&site.join("docs/old.md"), "Velocity is measured.\n")?;
        // Over the size limit: `gloss lint` does not read it, so it uses
        // nothing, whatever it says.
        write(
            &site.join("docs/big.md"),
            &format!("Sprint. {}\n", "Filler text. ".repeat(30)),
        )?;
        let mut ws = Glossary::load(site, None);
        settle_usage(&mut ws);
        assert!(!unused(&ws, site, "velocity"));
        assert!(unused(&ws, site, "sprint"), "only the big doc names it");
        // A job takes old.md; meanwhile old.md goes and a name changes.
        ws.usage.queue(Source::Doc(site.join("docs/old.md")));
        let job = ws.usage_job(16).expect("a job");
        std::fs::remove_file(site.join("docs/old.md"))?;
        ws.reload_from_disk(&site.join("docs/old.md"));
        ws.set_text(&site.join("glossary/sprint.yaml"), term("Sprint Goal", &[]));
        // Read against the old names: dropped, and old.md is read again
        // (as gone), so velocity is unused.
        ws.apply_usage(job.run());
        settle_usage(&mut ws);
        assert!(unused(&ws, site, "velocity"));
        Ok(())
    }
    #[test]
    fn a_doc_of_exactly_the_size_limit_is_read_and_a_lost_job_still_settles() -> std::io::Result<()>
    {
        let dir = tempfile::tempdir()?;
        let site = dir.path();
        // Longer than any term file here, which must stay under the limit.
        let doc = format!("Velocity is measured here.{}\n", " More text.".repeat(20));
        write(
            &site.join("gloss.toml"),
            &format!(
                "[glossary]\ndocs = [\"docs/*.md\"]\nmax-file-size = {}\n[rules]\nunused-term = \"info\"\n",
                doc.len()
            ),
        )?;
        write(&site.join("glossary/sprint.yaml"), &term("Sprint", &[]))?;
        write(&site.join("glossary/velocity.yaml"), &term("Velocity", &[]))?;
        write(&site.join("docs/at-limit.md"), &doc)?;
        let mut ws = Glossary::load(site, None);
        ws.mentions();
        // Every source but the last is read; the last job is lost (its
        // thread panicked): the counts settle without it.
        while ws.usage.backlog.len() > 1 {
            let job = ws.usage_job(1).expect("a job");
            ws.apply_usage(job.run());
        }
        assert!(!ws.usage.is_ready());
        let lost = ws.usage_job(1).expect("the last job");
        drop(lost);
        ws.usage_lost();
        assert!(ws.usage.is_ready());
        ws.dirty.clear();
        settle_usage(&mut ws);
        // The doc is exactly at the limit: read, so velocity is used.
        ws.usage.queue(Source::Doc(site.join("docs/at-limit.md")));
        settle_usage(&mut ws);
        assert!(!unused(&ws, site, "velocity"));
        assert!(unused(&ws, site, "sprint"));
        Ok(())
    }
}
