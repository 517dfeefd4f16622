//! Which terms the docs and the other terms use, kept current source by
//! source for `unused-term` in the language server.
//!
//! `gloss lint` reads every doc and term file once and marks what each
//! uses. An editor session cannot do that on every keystroke, so here each
//! *source* (a term file or a doc) keeps the list of term files it uses,
//! and each term file a count of the sources that use it. A changed source
//! is read again on its own and only its own list is swapped: the counts
//! move by the difference, and a term whose count reaches or leaves zero is
//! the only one whose findings change. After a change of names or slugs
//! every source is read again, in the background, with the old lists
//! standing until each is replaced.
//!
//! Until every source has been read once ([`UsageCounts::is_ready`]) no
//! term is reported unused: a count of zero then only means "not read
//! yet".

use gloss_core::FileId;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// Something that can use a term: another term file or a doc.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Term(FileId),
    Doc(PathBuf),
}

/// How many sources use each term file, and what each source uses.
#[derive(Debug, Clone, Default)]
pub struct UsageCounts {
    /// By file id: the number of sources using that term. Shared with the
    /// checks running off the lock (copied on a write while one holds it).
    counts: Arc<Vec<u32>>,
    uses: HashMap<Source, Vec<FileId>>,
    /// Sources to read (again).
    pub backlog: BTreeSet<Source>,
    /// Every source has been read at least once since the workspace was
    /// loaded.
    ready: bool,
}

impl UsageCounts {
    /// Whether counts can be trusted: every source was read once.
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// The counts by file id, for a check off the lock.
    pub fn counts(&self) -> Arc<Vec<u32>> {
        Arc::clone(&self.counts)
    }

    /// Whether the term of `file` is used by some source; `true` until
    /// the counts are ready.
    pub fn is_used(&self, file: FileId) -> bool {
        !self.ready || self.counts.get(file).is_some_and(|&n| n > 0)
    }

    /// A read-only copy for a snapshot: the counts and whether they are
    /// ready, without the lists and the queue.
    pub fn snapshot(&self) -> Self {
        Self {
            counts: Arc::clone(&self.counts),
            uses: HashMap::new(),
            backlog: BTreeSet::new(),
            ready: self.ready,
        }
    }

    /// Queue a source to be read again.
    pub fn queue(&mut self, source: Source) {
        self.backlog.insert(source);
    }

    /// Take up to `n` sources to read, in order.
    pub fn take(&mut self, n: usize) -> Vec<Source> {
        let taken: Vec<Source> = self.backlog.iter().take(n).cloned().collect();
        for source in &taken {
            self.backlog.remove(source);
        }
        taken
    }

    /// What `source` uses now (sorted, each once; empty for a source that
    /// is gone). Returns the term files whose used-or-not changed and
    /// should be checked again: none before the counts are ready, and
    /// when they become ready with this call, every unused term.
    pub fn set(&mut self, source: Source, uses: Vec<FileId>) -> Vec<FileId> {
        let old = if uses.is_empty() {
            self.uses.remove(&source).unwrap_or_default()
        } else {
            self.uses.insert(source, uses.clone()).unwrap_or_default()
        };
        let counts = Arc::make_mut(&mut self.counts);
        let mut flipped = Vec::new();
        for &file in old.iter().filter(|f| uses.binary_search(f).is_err()) {
            if let Some(n) = counts.get_mut(file) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    flipped.push(file);
                }
            }
        }
        for &file in uses.iter().filter(|f| old.binary_search(f).is_err()) {
            if counts.len() <= file {
                counts.resize(file + 1, 0);
            }
            counts[file] += 1;
            if counts[file] == 1 {
                flipped.push(file);
            }
        }
        if !self.ready {
            return Vec::new();
        }
        flipped.sort_unstable();
        flipped
    }

    /// Called when the backlog is empty: the first time, the counts become
    /// ready, and every term file of `ids` that nothing uses is returned
    /// (its findings gain `unused-term`).
    pub fn settle(&mut self, ids: impl IntoIterator<Item = FileId>) -> Vec<FileId> {
        if self.ready || !self.backlog.is_empty() {
            return Vec::new();
        }
        self.ready = true;
        ids.into_iter().filter(|&f| !self.is_used(f)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str) -> Source {
        Source::Doc(PathBuf::from(name))
    }

    #[test]
    fn counts_move_by_the_difference_and_report_flips_once_ready() {
        let mut usage = UsageCounts::default();
        usage.queue(doc("a.md"));
        usage.queue(Source::Term(0));
        assert_eq!(usage.take(1), vec![Source::Term(0)]);
        // Not ready: nothing is reported, everything counts as used.
        assert_eq!(usage.set(Source::Term(0), vec![1]), Vec::<FileId>::new());
        assert!(usage.is_used(2));
        assert_eq!(
            usage.settle(0..3),
            Vec::<FileId>::new(),
            "a.md is still queued"
        );
        assert_eq!(usage.take(5), vec![doc("a.md")]);
        assert_eq!(usage.set(doc("a.md"), vec![1, 2]), Vec::<FileId>::new());
        assert!(!usage.is_ready());
        // Ready: term 0 is unused; 1 and 2 are used.
        assert_eq!(usage.settle(0..3), vec![0]);
        assert!(usage.is_ready());
        assert_eq!(usage.settle(0..3), Vec::<FileId>::new(), "only once");
        assert!(!usage.is_used(0));
        assert!(usage.is_used(1) && usage.is_used(2));
        assert_eq!(*usage.counts(), vec![0, 2, 1]);
        // a.md now uses 0 and 1: 0 becomes used, 2 unused; 1 is unchanged.
        assert_eq!(usage.set(doc("a.md"), vec![0, 1]), vec![0, 2]);
        assert_eq!(*usage.counts(), vec![1, 2, 0]);
        // The same list again changes nothing.
        assert_eq!(usage.set(doc("a.md"), vec![0, 1]), Vec::<FileId>::new());
        // A source that is gone drops what it used: 1 is still used by 0.
        assert_eq!(usage.set(doc("a.md"), Vec::new()), vec![0]);
        assert_eq!(*usage.counts(), vec![0, 1, 0]);
        assert!(usage.is_used(1));
        // A file id past the counts is unused.
        assert!(!usage.is_used(7));
        // A new id grows the counts.
        assert_eq!(usage.set(doc("b.md"), vec![5]), vec![5]);
        assert_eq!(*usage.counts(), vec![0, 1, 0, 0, 0, 1]);
    }

    #[test]
    fn take_leaves_the_rest_queued_in_order() {
        let mut usage = UsageCounts::default();
        for source in [doc("b.md"), Source::Term(3), doc("a.md"), Source::Term(1)] {
            usage.queue(source);
        }
        assert_eq!(usage.take(2), vec![Source::Term(1), Source::Term(3)]);
        assert_eq!(usage.take(5), vec![doc("a.md"), doc("b.md")]);
        assert!(usage.take(5).is_empty());
    }

    #[test]
    fn shared_counts_are_copied_on_write() {
        let mut usage = UsageCounts::default();
        usage.set(doc("a.md"), vec![0]);
        let held = usage.counts();
        usage.set(doc("a.md"), vec![1]);
        assert_eq!(*held, vec![1]);
        assert_eq!(*usage.counts(), vec![0, 1]);
    }
}
