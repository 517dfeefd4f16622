//! Which terms the docs and the other terms use, kept current source by
//! source for `unused-term` in the language server.
//!
//! `gloss lint` reads every doc and term file once and marks what each
//! uses. An editor session cannot do that on every keystroke, so here each
//! *source* (a term file or a doc) keeps the list of term files it uses,
//! and each term file a count of the sources that use it. A changed source
//! is read again on its own and only its own list is swapped: the counts
//! move by the difference. After a change of names or slugs every source
//! is read again, in the background, with the old lists standing until each
//! is replaced.
//!
//! What the findings show is the *settled* view: the counts as they were
//! the last time no source was waiting to be read ([`UsageCounts::settle`]).
//! A term whose count passes through zero while sources are being read
//! again is not reported, and a term file added since the last settling is
//! not called unused before the next one. Until the first settling no term
//! is reported unused at all: a count of zero then only means "not read
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
    /// By file id: the number of sources using that term, as read so far.
    counts: Vec<u32>,
    /// `counts` at the last settling: what findings show. Shared with the
    /// checks running off the lock.
    settled: Arc<Vec<u32>>,
    uses: HashMap<Source, Vec<FileId>>,
    /// Sources to read (again).
    pub backlog: BTreeSet<Source>,
    /// Settled at least once since the workspace was loaded.
    ready: bool,
}

impl UsageCounts {
    /// Whether the settled view can be trusted: every source was read once.
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// The settled counts by file id, for a check off the lock: a file id
    /// past their end was added since and is not called unused yet.
    pub fn counts(&self) -> Arc<Vec<u32>> {
        Arc::clone(&self.settled)
    }

    /// Whether the term of `file` counts as used in the settled view;
    /// `true` before the first settling and for a file added since the
    /// last one.
    pub fn is_used(&self, file: FileId) -> bool {
        !self.ready || self.settled.get(file).is_none_or(|&n| n > 0)
    }

    /// A read-only copy for a snapshot: the settled view and whether it is
    /// ready, without the lists and the queue.
    pub fn snapshot(&self) -> Self {
        Self {
            counts: Vec::new(),
            settled: Arc::clone(&self.settled),
            uses: HashMap::new(),
            backlog: BTreeSet::new(),
            ready: self.ready,
        }
    }

    /// Queue a source to be read again.
    pub fn queue(&mut self, source: Source) {
        self.backlog.insert(source);
    }

    /// Every source that has a list of uses: a source that is gone still
    /// has one until it is read again (and found to use nothing).
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.uses.keys()
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
    /// is gone). The counts move by the difference; the settled view does
    /// not change until [`Self::settle`].
    pub fn set(&mut self, source: Source, uses: Vec<FileId>) {
        let old = self.uses.remove(&source).unwrap_or_default();
        for &file in old.iter().filter(|f| uses.binary_search(f).is_err()) {
            if let Some(n) = self.counts.get_mut(file) {
                *n = n.saturating_sub(1);
            }
        }
        for &file in uses.iter().filter(|f| old.binary_search(f).is_err()) {
            if self.counts.len() <= file {
                self.counts.resize(file + 1, 0);
            }
            self.counts[file] += 1;
        }
        if !uses.is_empty() {
            self.uses.insert(source, uses);
        }
    }

    /// When no source waits to be read: the counts become the settled view,
    /// and the term files of `ids` whose used-or-not changed with it are
    /// returned, to be checked again (the first time, every unused one).
    /// Nothing while sources still wait.
    pub fn settle(&mut self, ids: impl IntoIterator<Item = FileId>) -> Vec<FileId> {
        if !self.backlog.is_empty() {
            return Vec::new();
        }
        let ids: Vec<FileId> = ids.into_iter().collect();
        // Every term file has a count once settled, zero if nothing uses it.
        if let Some(&last) = ids.iter().max()
            && self.counts.len() <= last
        {
            self.counts.resize(last + 1, 0);
        }
        let before = self.snapshot();
        self.settled = Arc::new(self.counts.clone());
        self.ready = true;
        ids.into_iter()
            .filter(|&f| before.is_used(f) != self.is_used(f))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str) -> Source {
        Source::Doc(PathBuf::from(name))
    }

    #[test]
    fn the_settled_view_moves_only_when_nothing_waits() {
        let mut usage = UsageCounts::default();
        usage.queue(doc("a.md"));
        usage.queue(Source::Term(0));
        assert_eq!(usage.take(1), vec![Source::Term(0)]);
        usage.set(Source::Term(0), vec![1]);
        // Not ready: everything counts as used.
        assert!(!usage.is_ready());
        assert!(usage.is_used(2));
        assert_eq!(
            usage.settle(0..3),
            Vec::<FileId>::new(),
            "a.md is still queued"
        );
        assert!(!usage.is_ready());
        assert_eq!(usage.take(5), vec![doc("a.md")]);
        usage.set(doc("a.md"), vec![1, 2]);
        // Settled: term 0 is unused; 1 and 2 are used.
        assert_eq!(usage.settle(0..3), vec![0]);
        assert!(usage.is_ready());
        assert_eq!(usage.settle(0..3), Vec::<FileId>::new(), "nothing changed");
        assert!(!usage.is_used(0));
        assert!(usage.is_used(1) && usage.is_used(2));
        assert_eq!(*usage.counts(), vec![0, 2, 1]);
        // a.md now uses 0 and 1: 0 becomes used, 2 unused; 1 is unchanged.
        usage.set(doc("a.md"), vec![0, 1]);
        assert!(!usage.is_used(0), "not before settling");
        assert_eq!(usage.settle(0..3), vec![0, 2]);
        assert_eq!(*usage.counts(), vec![1, 2, 0]);
        // The same list again changes nothing.
        usage.set(doc("a.md"), vec![0, 1]);
        assert_eq!(usage.settle(0..3), Vec::<FileId>::new());
        // A count that passes through zero while sources wait is never
        // reported.
        usage.queue(Source::Term(0));
        usage.set(doc("a.md"), vec![1]);
        usage.set(Source::Term(5), vec![0]);
        assert_eq!(usage.settle(0..3), Vec::<FileId>::new(), "Term(0) waits");
        usage.take(1);
        assert_eq!(usage.settle(0..3), Vec::<FileId>::new());
        assert_eq!(*usage.counts(), vec![1, 2, 0]);
        // A source that is gone drops what it used: 1 is still used by 0.
        usage.set(doc("a.md"), Vec::new());
        usage.set(Source::Term(5), Vec::new());
        assert_eq!(usage.settle(0..3), vec![0]);
        assert_eq!(*usage.counts(), vec![0, 1, 0]);
        assert!(usage.is_used(1));
        // A file added since the last settling is not unused yet; once
        // settled, it is reported if nothing uses it.
        assert!(usage.is_used(7));
        assert_eq!(usage.settle(0..8), vec![3, 4, 5, 6, 7]);
        assert!(!usage.is_used(7));
        assert_eq!(*usage.counts(), vec![0, 1, 0, 0, 0, 0, 0, 0]);
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
    fn sources_with_lists_are_known_until_read_as_gone() {
        let mut usage = UsageCounts::default();
        usage.set(doc("a.md"), vec![0]);
        usage.set(Source::Term(2), vec![0]);
        let mut known: Vec<Source> = usage.sources().cloned().collect();
        known.sort();
        assert_eq!(known, vec![Source::Term(2), doc("a.md")]);
        usage.set(doc("a.md"), Vec::new());
        assert_eq!(
            usage.sources().cloned().collect::<Vec<_>>(),
            vec![Source::Term(2)]
        );
    }

    #[test]
    fn a_snapshot_keeps_its_settled_view() {
        let mut usage = UsageCounts::default();
        usage.set(doc("a.md"), vec![0]);
        usage.settle(0..1);
        let held = usage.snapshot();
        usage.set(doc("a.md"), vec![1]);
        usage.settle(0..2);
        assert_eq!(*held.counts(), vec![1]);
        assert!(held.is_ready() && held.is_used(0));
        assert_eq!(*usage.counts(), vec![0, 1]);
        assert!(!usage.is_used(0));
    }
}
