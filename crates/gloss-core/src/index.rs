//! The glossary index: every term by slug (its file stem) and by
//! case-insensitive term or alias, plus challenge words. Cross-file rules,
//! `gloss challenge TERM` and the language server look terms up here.
//! It updates per file, so an edit never rebuilds the whole index.

use crate::line_index::TextRange;
use crate::term::Term;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, non-cryptographic hasher (the Fx hash of rustc) for the index's
/// maps: their keys come from the project's own files, so hash flooding is
/// no concern, and SipHash showed up in profiles of large glossaries.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Defined beside the diagnostics, whose related locations name files by
/// id: the index depends on them, not they on the index.
pub use crate::diagnostic::FileId;

/// Where a name or word was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub file: FileId,
    pub range: TextRange,
}

#[derive(Debug, Clone)]
struct Entry {
    path: String,
    stem: String,
    term_slug: Option<String>,
    /// The name keys this file contributed ([`crate::names::keys`]).
    names: Vec<String>,
    /// Its names as written (trimmed), for the mention index.
    written: Vec<String>,
    /// Its deprecated names as written (trimmed).
    deprecated: Vec<String>,
    word: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct GlossaryIndex {
    files: Vec<Option<Entry>>,
    by_slug: FxMap<String, Vec<FileId>>,
    /// By the slug of the term (which the file name should be).
    by_term_slug: FxMap<String, Vec<FileId>>,
    by_name: FxMap<String, Vec<Site>>,
    by_word: FxMap<String, Vec<Site>>,
    /// Trigram postings of every slug, kept as slugs come and go, so a
    /// did-you-mean over thousands of slugs compares only likely ones.
    slug_grams: SlugGrams,
    /// The files with deprecated names, so that `deprecated-name` reads
    /// only those however large the glossary.
    with_deprecated: std::collections::BTreeSet<FileId>,
}

#[derive(Debug, Clone, Default)]
struct SlugGrams {
    slugs: Vec<Option<String>>,
    ids: FxMap<String, u32>,
    postings: FxMap<u32, Vec<u32>>,
}

/// Postings longer than this are skipped by [`SlugGrams::similar`].
const MAX_POSTING: usize = 2048;

/// The trigrams of a word, with a boundary mark at both ends so that short
/// words have some; lowercased, bytes packed into a `u32`.
fn trigrams(word: &str) -> impl Iterator<Item = u32> + '_ {
    let bytes: Vec<u8> = std::iter::once(b' ')
        .chain(word.bytes().map(|b| b.to_ascii_lowercase()))
        .chain(std::iter::once(b' '))
        .collect();
    (0..bytes.len().saturating_sub(2))
        .map(move |i| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], 0]))
}

impl SlugGrams {
    fn add(&mut self, slug: &str) {
        if self.ids.contains_key(slug) {
            return;
        }
        let id = u32::try_from(self.slugs.len()).unwrap_or(u32::MAX);
        self.slugs.push(Some(slug.to_owned()));
        self.ids.insert(slug.to_owned(), id);
        let mut grams: Vec<u32> = trigrams(slug).collect();
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            self.postings.entry(gram).or_default().push(id);
        }
    }

    fn remove(&mut self, slug: &str) {
        let Some(id) = self.ids.remove(slug) else {
            return;
        };
        for gram in trigrams(slug) {
            if let Some(list) = self.postings.get_mut(&gram) {
                list.retain(|&x| x != id);
            }
        }
        if let Some(slot) = self.slugs.get_mut(id as usize) {
            *slot = None;
        }
    }

    /// Up to `limit` slugs sharing the most trigrams with `query`.
    fn similar(&self, query: &str, limit: usize) -> Vec<&str> {
        // Dense counters (one per slug id) and the ids touched: no hashing
        // in the inner loop, which runs over whole posting lists.
        let mut counts = vec![0u16; self.slugs.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut grams: Vec<u32> = trigrams(query).collect();
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            let posting = self.postings.get(&gram).map_or(&[][..], Vec::as_slice);
            // A trigram most slugs share says little and costs much: in a
            // huge glossary skip it, so a lookup stays cheap at any size.
            if posting.len() > MAX_POSTING {
                continue;
            }
            for &id in posting {
                if let Some(count) = counts.get_mut(id as usize) {
                    if *count == 0 {
                        touched.push(id);
                    }
                    *count = count.saturating_add(1);
                }
            }
        }
        let mut ranked: Vec<(u32, u32)> = touched
            .into_iter()
            .map(|id| (id, u32::from(counts[id as usize])))
            .collect();
        let by_count = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > limit && limit > 0 {
            ranked.select_nth_unstable_by(limit - 1, by_count);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(by_count);
        ranked
            .into_iter()
            .take(limit)
            .filter_map(|(id, _)| self.slugs.get(id as usize)?.as_deref())
            .collect()
    }
}

/// The key a term or alias is looked up by: trimmed, [folded]
/// (crate::text::fold_char), inner whitespace collapsed.
pub fn name_key(name: &str) -> String {
    crate::text::fold(&name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What one file contributes to a [`GlossaryIndex`], computed without
/// the index: its slugs, its names' lookup keys, its challenge word.
#[derive(Debug, Clone)]
pub struct Prepared {
    path: String,
    stem: String,
    term_slug: Option<String>,
    /// Each lookup key once, with the range of the name it came from.
    keys: Vec<(String, TextRange)>,
    written: Vec<String>,
    word: Option<(String, TextRange)>,
    deprecated: Vec<String>,
}

impl Prepared {
    /// Whether the term has a deprecated name (the index's
    /// [`GlossaryIndex::has_deprecated`] once it is added).
    pub fn has_deprecated(&self) -> bool {
        !self.deprecated.is_empty()
    }

    /// Every term, alias and deprecated name as written (trimmed): what
    /// [`GlossaryIndex::written_names`] gives for this file once it is
    /// added.
    pub fn written_names(&self) -> impl Iterator<Item = &str> {
        self.written
            .iter()
            .chain(&self.deprecated)
            .map(String::as_str)
    }

    pub fn new(path: &str, stem: &str, term: &Term) -> Self {
        let term_slug = term
            .term
            .as_ref()
            .map(|t| crate::slug(&t.value))
            .filter(|s| !s.is_empty());
        let mut keys: Vec<(String, TextRange)> = Vec::new();
        let mut written: Vec<String> = Vec::new();
        for name in term.names() {
            let trimmed = name.value.trim();
            if !trimmed.is_empty() && !written.iter().any(|w| w == trimmed) {
                written.push(trimmed.to_owned());
            }
            // One site per file and key: a term that repeats its own name
            // as an alias (or whose "X (Y)" names X again) is still one
            // file sharing it, so a group's size is its list's length.
            for key in crate::names::keys(&name.value) {
                if !keys.iter().any(|(k, _)| *k == key) {
                    keys.push((key, name.range));
                }
            }
        }
        let word = term
            .challenge
            .as_ref()
            .and_then(|c| c.word.as_ref())
            .map(|w| (w.value.trim().to_uppercase(), w.range))
            .filter(|(w, _)| !w.is_empty());
        let deprecated = term
            .deprecated
            .iter()
            .map(|d| d.value.trim().to_owned())
            .filter(|d| !d.is_empty())
            .collect();
        Self {
            path: path.to_owned(),
            stem: stem.to_owned(),
            term_slug,
            keys,
            written,
            word,
            deprecated,
        }
    }
}

impl GlossaryIndex {
    /// An index of many files at once.
    pub fn build<'a>(files: impl IntoIterator<Item = (&'a str, &'a str, &'a Term)>) -> Self {
        let mut index = Self::default();
        for (path, stem, term) in files {
            index.add(path, stem, term);
        }
        index
    }

    /// Add a file; returns its id.
    pub fn add(&mut self, path: &str, stem: &str, term: &Term) -> FileId {
        let file = self.files.len();
        self.files.push(None);
        self.set(file, path, stem, term);
        file
    }

    /// Replace what file `file` contributes (adding it if new).
    pub fn set(&mut self, file: FileId, path: &str, stem: &str, term: &Term) {
        self.set_prepared(file, Prepared::new(path, stem, term));
    }

    /// [`set`](Self::set) with the keys already computed (by
    /// [`Prepared::new`], which needs no index and so runs in parallel over
    /// the files of a glossary).
    pub fn set_prepared(&mut self, file: FileId, prepared: Prepared) {
        let Prepared {
            path,
            stem,
            term_slug,
            keys,
            written,
            word,
            deprecated,
        } = prepared;
        // An edit that keeps the file name keeps its slug's trigrams: the
        // language server calls this on every keystroke.
        self.remove_keeping_grams_of(file, Some(&stem));
        if self.files.len() <= file {
            self.files.resize(file + 1, None);
        }
        self.slug_grams.add(&stem);
        insert_by_file(self.by_slug.entry(stem.clone()).or_default(), file, |&f| f);
        if let Some(term_slug) = &term_slug {
            insert_by_file(
                self.by_term_slug.entry(term_slug.clone()).or_default(),
                file,
                |&f| f,
            );
        }
        let mut names = Vec::with_capacity(keys.len());
        for (key, range) in keys {
            insert_by_file(
                self.by_name.entry(key.clone()).or_default(),
                Site { file, range },
                |s| s.file,
            );
            names.push(key);
        }
        if let Some((word, range)) = &word {
            insert_by_file(
                self.by_word.entry(word.clone()).or_default(),
                Site {
                    file,
                    range: *range,
                },
                |s| s.file,
            );
        }
        if !deprecated.is_empty() {
            self.with_deprecated.insert(file);
        }
        self.files[file] = Some(Entry {
            path,
            stem,
            term_slug,
            names,
            written,
            deprecated,
            word: word.map(|(w, _)| w),
        });
    }

    /// Forget a file. Its id stays reserved.
    pub fn remove(&mut self, file: FileId) {
        self.remove_keeping_grams_of(file, None);
    }

    fn remove_keeping_grams_of(&mut self, file: FileId, kept_stem: Option<&str>) {
        let Some(Some(entry)) = self.files.get_mut(file).map(Option::take) else {
            return;
        };
        remove_from(&mut self.by_slug, &entry.stem, |&f| f == file);
        if !self.by_slug.contains_key(&entry.stem) && kept_stem != Some(entry.stem.as_str()) {
            self.slug_grams.remove(&entry.stem);
        }
        if let Some(term_slug) = &entry.term_slug {
            remove_from(&mut self.by_term_slug, term_slug, |&f| f == file);
        }
        for name in &entry.names {
            remove_from(&mut self.by_name, name, |s| s.file == file);
        }
        if let Some(word) = &entry.word {
            remove_from(&mut self.by_word, word, |s| s.file == file);
        }
        self.with_deprecated.remove(&file);
    }

    pub fn path(&self, file: FileId) -> Option<&str> {
        self.entry(file).map(|e| e.path.as_str())
    }

    pub fn stem(&self, file: FileId) -> Option<&str> {
        self.entry(file).map(|e| e.stem.as_str())
    }

    fn entry(&self, file: FileId) -> Option<&Entry> {
        self.files.get(file).and_then(Option::as_ref)
    }

    /// The files whose stem is `slug`.
    pub fn files_by_slug(&self, slug: &str) -> &[FileId] {
        self.by_slug.get(slug).map_or(&[], Vec::as_slice)
    }

    /// The files whose term's slug is `slug`, whatever their file name.
    pub fn files_by_term_slug(&self, slug: &str) -> &[FileId] {
        self.by_term_slug.get(slug).map_or(&[], Vec::as_slice)
    }

    pub fn term_by_slug(&self, slug: &str) -> Option<FileId> {
        self.files_by_slug(slug).first().copied()
    }

    /// Where a name is defined: every file with a term or alias that
    /// [reads alike](crate::names) (its implicit names included), one
    /// site per file, in file id order.
    pub fn sites_by_name(&self, name: &str) -> Vec<Site> {
        let keys = crate::names::keys(name);
        let mut sites: Vec<Site> = Vec::new();
        for key in &keys {
            for site in self.sites_by_key(key) {
                if !sites.iter().any(|s| s.file == site.file) {
                    sites.push(site.clone());
                }
            }
        }
        if keys.len() > 1 {
            sites.sort_by_key(|s| s.file);
        }
        sites
    }

    /// The sites of one name key ([`crate::names::keys`]).
    pub fn sites_by_key(&self, key: &str) -> &[Site] {
        self.by_name.get(key).map_or(&[], Vec::as_slice)
    }

    pub fn term_by_name(&self, name: &str) -> Option<FileId> {
        self.sites_by_name(name).first().map(|s| s.file)
    }

    /// A slug, term or alias → its file.
    pub fn resolve(&self, query: &str) -> Option<FileId> {
        self.term_by_slug(query.trim())
            .or_else(|| self.term_by_name(query))
            .or_else(|| self.term_by_slug(&crate::slug(query)))
    }

    /// Where a challenge word is used, case-insensitively: one site per
    /// file, in file id order.
    pub fn sites_by_word(&self, word: &str) -> &[Site] {
        self.by_word
            .get(&word.trim().to_uppercase())
            .map_or(&[], Vec::as_slice)
    }

    /// Slugs likely to be close to `query` (sharing the most trigrams with
    /// it): the candidates a did-you-mean needs to compare, at most `limit`.
    pub fn similar_slugs(&self, query: &str, limit: usize) -> Vec<&str> {
        self.slug_grams.similar(query, limit)
    }

    /// Every slug in the glossary.
    pub fn slugs(&self) -> impl Iterator<Item = &str> {
        self.by_slug.keys().map(String::as_str)
    }

    /// Every term, alias and deprecated name as written (trimmed), with
    /// its file: what the mention index holds.
    pub fn written_names(&self) -> impl Iterator<Item = (&str, FileId)> {
        self.files.iter().enumerate().flat_map(|(file, entry)| {
            entry.iter().flat_map(move |e| {
                e.written
                    .iter()
                    .chain(&e.deprecated)
                    .map(move |name| (name.as_str(), file))
            })
        })
    }

    /// Every deprecated name, with its term's file: what `deprecated-name`
    /// looks for.
    pub fn deprecated_names(&self) -> impl Iterator<Item = (&str, FileId)> {
        self.with_deprecated.iter().flat_map(|&file| {
            self.entry(file)
                .into_iter()
                .flat_map(move |e| e.deprecated.iter().map(move |name| (name.as_str(), file)))
        })
    }

    /// The name a term is shown by (its `term`, else its slug).
    pub fn display_name(&self, file: FileId) -> Option<&str> {
        let entry = self.files.get(file)?.as_ref()?;
        Some(entry.written.first().unwrap_or(&entry.stem))
    }

    /// Whether any term has a deprecated name.
    pub fn has_deprecated(&self) -> bool {
        !self.with_deprecated.is_empty()
    }

    /// One past the largest file id in use: the length of a table by id.
    pub fn id_bound(&self) -> usize {
        self.files.len()
    }

    pub fn n_files(&self) -> usize {
        self.files.iter().filter(|f| f.is_some()).count()
    }
}

/// Keep a posting list in file id order, whatever order files are set in:
/// a group's first members are then the same for the CLI, which adds files
/// in path order, and for the language server, which re-sets them on edits.
/// Files added in id order append, so building an index stays linear.
fn insert_by_file<T>(list: &mut Vec<T>, item: T, file_of: impl Fn(&T) -> FileId) {
    let file = file_of(&item);
    let at = list.partition_point(|x| file_of(x) < file);
    list.insert(at, item);
}

fn remove_from<T>(map: &mut FxMap<String, Vec<T>>, key: &str, pred: impl Fn(&T) -> bool) {
    if let Some(list) = map.get_mut(key) {
        list.retain(|x| !pred(x));
        if list.is_empty() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{Challenge, Term, Text};
    use crate::yaml::ScalarStyle;

    fn term(name: &str) -> Term {
        Term {
            term: Some(Text {
                value: name.to_owned(),
                range: TextRange::default(),
                style: ScalarStyle::Plain,
            }),
            ..Term::default()
        }
    }

    fn text(value: &str) -> Text {
        Text {
            value: value.to_owned(),
            range: TextRange::default(),
            style: ScalarStyle::Plain,
        }
    }

    #[test]
    fn a_prepared_file_gives_the_names_and_deprecation_the_index_will_have() {
        let mut sprint = term(" Sprint ");
        sprint.aliases = vec![text("Iteration"), text("Sprint")];
        sprint.deprecated = vec![text(" Timebox "), text("  ")];
        let kanban = term("Kanban");
        let prepared = [
            Prepared::new("sprint.yaml", "sprint", &sprint),
            Prepared::new("kanban.yaml", "kanban", &kanban),
        ];
        assert!(prepared[0].has_deprecated());
        assert!(!prepared[1].has_deprecated());
        let from_prepared: Vec<(&str, FileId)> = prepared
            .iter()
            .enumerate()
            .flat_map(|(id, p)| p.written_names().map(move |n| (n, id)))
            .collect();
        assert_eq!(
            from_prepared,
            [
                ("Sprint", 0),
                ("Iteration", 0),
                ("Timebox", 0),
                ("Kanban", 1)
            ]
        );
        let mut index = GlossaryIndex::default();
        index.set_prepared(1, prepared[1].clone());
        assert!(!index.has_deprecated(), "no term has a deprecated name");
        for (id, p) in prepared.iter().enumerate() {
            index.set_prepared(id, p.clone());
        }
        assert!(index.has_deprecated());
        assert_eq!(index.written_names().collect::<Vec<_>>(), from_prepared);
    }

    #[test]
    fn similar_slugs_follow_additions_and_removals() {
        let mut index = GlossaryIndex::default();
        let sprint = index.add("sprint.yaml", "sprint", &term("Sprint"));
        index.add("kanban.yaml", "kanban", &term("Kanban"));
        index.add(
            "sprint-review.yaml",
            "sprint-review",
            &term("Sprint Review"),
        );
        assert_eq!(index.similar_slugs("sprnt", 2)[0], "sprint");
        assert!(index.similar_slugs("kanbam", 1).contains(&"kanban"));
        index.remove(sprint);
        assert!(!index.similar_slugs("sprnt", 10).contains(&"sprint"));
        // The trigrams `sprint-review` shares with the slug gone still find it.
        assert_eq!(index.similar_slugs("sprint", 10), ["sprint-review"]);
        assert_eq!(index.resolve("Sprint Review"), Some(2));
    }

    #[test]
    fn similar_slugs_share_trigrams_with_the_query_most_first() {
        let mut index = GlossaryIndex::default();
        for slug in [
            "sprint",
            "kanban",
            "sprint-review",
            "backlog",
            "roadmap",
            "spike",
        ] {
            index.add(&format!("{slug}.yaml"), slug, &term(slug));
        }
        // `sprint` shares ` sp`, `spr` and `nt ` with `sprnt`,
        // `sprint-review` the first two, `spike` the first.
        assert_eq!(
            index.similar_slugs("sprnt", 10),
            ["sprint", "sprint-review", "spike"]
        );
        assert_eq!(index.similar_slugs("sprnt", 2), ["sprint", "sprint-review"]);
        assert_eq!(index.similar_slugs("sprnt", 1), ["sprint"]);
        assert!(index.similar_slugs("sprnt", 0).is_empty());
        // `backlog` and `roadmap` have letters of `kanbam` two apart, but no
        // three in a row.
        assert_eq!(index.similar_slugs("kanbam", 10), ["kanban"]);
    }

    #[test]
    fn a_trigram_of_more_than_max_posting_slugs_is_skipped() {
        let mut grams = SlugGrams::default();
        grams.add("xab");
        for i in 0..MAX_POSTING {
            grams.add(&format!("ab{i:04}"));
        }
        // ` ab` starts exactly MAX_POSTING slugs: it still counts, and
        // every slug shares one trigram with `ab` (ties in id order).
        assert_eq!(grams.similar("ab", 2), ["xab", "ab0000"]);
        grams.add("ab-more");
        // One more and it says too little: only `ab ` is read.
        assert_eq!(grams.similar("ab", 2), ["xab"]);
    }

    #[test]
    fn files_are_found_by_slug_counted_and_forgotten() {
        let mut index = GlossaryIndex::default();
        let sprint = index.add("glossary/sprint.yaml", "sprint", &term("Sprint"));
        let kanban = index.add("glossary/kanban.yaml", "kanban", &term("Kanban"));
        let other = index.add("other/sprint.yaml", "sprint", &term("Iteration"));
        assert_eq!(index.term_by_slug("sprint"), Some(sprint));
        assert_eq!(index.term_by_slug("kanban"), Some(kanban));
        assert_eq!(index.term_by_slug("scrum"), None);
        let mut slugs: Vec<&str> = index.slugs().collect();
        slugs.sort_unstable();
        assert_eq!(slugs, ["kanban", "sprint"]);
        assert_eq!((index.n_files(), index.id_bound()), (3, 3));

        // Another file still has the slug: it is still found, and still
        // suggested.
        index.remove(sprint);
        assert_eq!(index.term_by_slug("sprint"), Some(other));
        assert_eq!(index.similar_slugs("sprnt", 10), ["sprint"]);
        assert_eq!(
            (index.n_files(), index.id_bound()),
            (2, 3),
            "a removed file's id stays reserved"
        );
        index.remove(other);
        assert_eq!(index.term_by_slug("sprint"), None);
        assert!(index.similar_slugs("sprnt", 10).is_empty());
        assert_eq!(index.slugs().collect::<Vec<_>>(), ["kanban"]);

        index.set(5, "glossary/scrum.yaml", "scrum", &term("Scrum"));
        assert_eq!(index.term_by_slug("scrum"), Some(5));
        assert_eq!((index.n_files(), index.id_bound()), (2, 6));
        assert_eq!(index.path(kanban), Some("glossary/kanban.yaml"));
    }

    #[test]
    fn a_removed_file_leaves_the_others_sharing_its_term_slug_and_word() {
        let with_word = |name: &str, word: &str| Term {
            challenge: Some(Challenge {
                key_range: TextRange::default(),
                word: Some(text(word)),
                hint: None,
            }),
            ..term(name)
        };
        let mut index = GlossaryIndex::default();
        let first = index.add("a/sprint.yaml", "sprint", &with_word("Sprint", "ships"));
        let second = index.add("b/sprints.yaml", "sprints", &with_word("sprint", "SHIPS"));
        let word_files = |index: &GlossaryIndex| -> Vec<FileId> {
            index
                .sites_by_word("Ships")
                .iter()
                .map(|s| s.file)
                .collect()
        };
        assert_eq!(index.files_by_term_slug("sprint"), [first, second]);
        assert_eq!(word_files(&index), [first, second]);
        index.remove(first);
        assert_eq!(index.files_by_term_slug("sprint"), [second]);
        assert_eq!(word_files(&index), [second]);
    }

    #[test]
    fn sites_by_name_are_in_file_order_whichever_name_finds_them() {
        let mut index = GlossaryIndex::default();
        let cri = index.add("cri.yaml", "cri", &term("CRI"));
        let long = index.add(
            "container-runtime-interface.yaml",
            "container-runtime-interface",
            &term("Container runtime interface"),
        );
        // The long name is looked up before the short one.
        let files: Vec<FileId> = index
            .sites_by_name("Container runtime interface (CRI)")
            .iter()
            .map(|s| s.file)
            .collect();
        assert_eq!(files, [cri, long]);
    }

    #[test]
    fn name_keys_are_trimmed_folded_and_single_spaced() {
        assert_eq!(name_key("  Product \t Manager\n"), "product manager");
        assert_eq!(name_key("ÉQUIPE  Agile"), "équipe agile");
        assert_eq!(name_key("   "), "");
    }

    #[test]
    fn a_name_repeated_in_one_file_is_one_site_and_groups_stay_in_file_order() {
        let mut index = GlossaryIndex::default();
        let mut pm = term("Product Manager");
        pm.aliases = vec![Text {
            value: "product  manager".to_owned(),
            range: TextRange::new(30, 46),
            style: ScalarStyle::Plain,
        }];
        let first = index.add("a.yaml", "a", &pm);
        assert_eq!(index.sites_by_name("Product Manager").len(), 1);
        let second = index.add("b.yaml", "b", &term("product manager"));
        // Re-setting the first file puts it back in id order, not at the end.
        index.set(first, "a.yaml", "a", &pm);
        let files: Vec<FileId> = index
            .sites_by_name("PRODUCT MANAGER")
            .iter()
            .map(|s| s.file)
            .collect();
        assert_eq!(files, [first, second]);
    }
}
