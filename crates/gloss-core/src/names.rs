//! How a name is read: the normal form that the matcher, `duplicate-term`
//! and `definition-missing-term` all compare.
//!
//! A text is cut into words (runs of letters and digits); CamelCase and
//! PascalCase words are cut at their humps (`StorageClass` → `storage
//! class`), snake_case at its underscores. Each word is [folded]
//! (crate::text::fold_char) and reduced to a [stem](stem): a plural or a
//! possessive is gone (`pods`, `Pod's`, `pods'` → `pod`, `policies` →
//! `policy`, `boxes` → `box`). Between words a space, a hyphen, or nothing
//! at all read alike (`add-ons` = `add ons`, and a name is also matched
//! written as one word: `addons`); other punctuation stays (`CI/CD`). A
//! name is also matched with each of its written words whole, humps and
//! underscores joined and what is between the words kept (`oauth client`
//! names `OAuth Client`, as `oauth` names `OAuth`).
//!
//! A name "X (Y)" is also named by X and by Y alone (implicit names); a Y
//! starting with "or"/"aka" drops that word and its quotes. A name in
//! capitals (an abbreviation: `CRI`, `SAFE`) is matched only in capitals,
//! with an optional plural `s` (`CRIs`), so `SAFE` never matches "safe".

use crate::line_index::TextRange;
use crate::prose::ProseRange;
use crate::text::fold_char;

/// How a word is joined to the word before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Joint {
    /// The first word, or one after a paragraph break or excluded text:
    /// nothing runs across.
    Barrier,
    /// Whitespace, a hyphen, or markup between two prose ranges.
    Space,
    /// Inside one written word: a CamelCase hump or an underscore. A
    /// mention never starts or ends here.
    Inner,
    /// Other punctuation; it is kept in the normal form.
    Punct,
}

/// A word of a scanned text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    /// Where it is written: `end` includes a possessive (`'s`).
    pub start: usize,
    pub core_end: usize,
    pub end: usize,
    pub joint: Joint,
    /// Its stem's place in [`Words::norm`].
    pub norm_start: usize,
    pub norm_end: usize,
}

/// A text read word by word: its normal form and where each word is.
#[derive(Debug, Default)]
pub(crate) struct Words {
    pub norm: String,
    pub words: Vec<Word>,
    /// One bit per byte of `norm`: where a word's stem starts, and where
    /// one ends, so that a match of an unanchored search that cannot be a
    /// mention costs no search. Made when first asked for: the walks from
    /// word starts never ask.
    bounds: std::cell::OnceCell<Bounds>,
}

/// [`Words::bounds`].
#[derive(Debug, Default)]
struct Bounds {
    starts: Vec<u64>,
    ends: Vec<u64>,
}

/// Whether bit `i` of `bits` is set (bits past the end are not).
fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn set_bit(bits: &mut [u64], i: usize) {
    if let Some(w) = bits.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

/// The character between two words whose joint is a barrier: it occurs in
/// no name's normal form, so nothing matches across it.
const BARRIER: u8 = 1;

/// The character at byte `i` of `s` (a character boundary) and its
/// length; `None` at the end. ASCII without decoding.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_space_like(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The stem of a folded word: a plural `-s`, `-es` or `-ies` undone, and
/// a silent `e` after a hissing sound dropped, so that a word and its
/// plural meet (`box`/`boxes` → `box`, `cache`/`caches` → `cach`,
/// `policy`/`policies` → `policy`, `class`/`classes` → `class`). Words in
/// `-ss`, `-us` and `-is` keep their `s` (`process`, `status`, `analysis`).
pub fn stem(word: &str) -> String {
    let mut out = word.as_bytes().to_vec();
    stem_tail(&mut out, 0);
    // Only ASCII letters go or come: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| word.to_owned())
}

/// [`stem`] in place: the word is `s[from..]` (the normal form being
/// built, without a copy per word).
#[inline(always)]
fn stem_tail(s: &mut Vec<u8>, from: usize) {
    // Read from the last bytes: this runs once for every word of every doc.
    let Some(w) = s.get(from..) else {
        return;
    };
    let n = w.len();
    if n < 3 {
        return;
    }
    if w[n - 1] == b's' {
        match w[n - 2] {
            // `-ss`, `-us`, `-is` keep their `s`, and end in no `e`.
            b's' | b'u' | b'i' => return,
            b'e' if n >= 5 && w[n - 3] == b'i' => {
                s.truncate(s.len() - 3);
                s.push(b'y');
                return;
            }
            _ => {
                s.pop();
            }
        }
    }
    let w = &s[from..];
    let n = w.len();
    // A silent `e` after `s`, `x`, `z`, `ch` or `sh`.
    if n >= 4
        && w[n - 1] == b'e'
        && (matches!(w[n - 2], b's' | b'x' | b'z')
            || (w[n - 2] == b'h' && matches!(w[n - 3], b'c' | b's')))
    {
        s.pop();
    }
}

/// Where CamelCase humps cut a run of word characters: before an upper
/// case letter after a lower case one (`storageClass`), and before the
/// last capital of a run of capitals followed by lower case (`APIServer`
/// → `API Server`), except a plural `s` (`APIs`, `PMs` stay whole).
fn humps(run: &str) -> Vec<usize> {
    // Most words have no capital after their first letter: no hump, and
    // nothing to collect.
    if run.is_ascii() && !run.bytes().skip(1).any(|b| b.is_ascii_uppercase()) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    let mut cuts = Vec::new();
    for k in 1..chars.len() {
        let (at, c) = chars[k];
        let prev = chars[k - 1].1;
        if !c.is_uppercase() {
            continue;
        }
        if prev.is_lowercase() {
            cuts.push(at);
        } else if prev.is_uppercase()
            && let Some(&(_, next)) = chars.get(k + 1)
        {
            let plural_s = next == 's' && k + 2 == chars.len();
            if next.is_lowercase() && !plural_s {
                cuts.push(at);
            }
        }
    }
    cuts
}

/// [`BYTE_CLASS`]: an ASCII letter or digit.
const WORD: u8 = 1;
/// An ASCII capital.
const UPPER: u8 = 2;
/// An ASCII character that is no letter or digit.
const OTHER: u8 = 4;
/// ASCII whitespace ([`char::is_whitespace`]).
const WHITE: u8 = 8;
/// ASCII whitespace or a hyphen ([`is_space_like`]).
const SPACE_LIKE: u8 = 16;

/// What each byte is, for the scan of [`Words::read`]; a byte beyond
/// ASCII is none of these (its character is decoded).
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            WORD | UPPER
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else if (c as char).is_whitespace() {
            OTHER | WHITE | SPACE_LIKE
        } else if c == b'-' {
            OTHER | SPACE_LIKE
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// What lies between the last word and the next one, as far as the joint
/// of the next word needs it: never copied whole.
struct Gap {
    /// Nothing runs across: the first word, a paragraph break or excluded
    /// text.
    barrier: bool,
    empty: bool,
    only_underscores: bool,
    only_space_like: bool,
    /// Its characters other than whitespace and `_`, folded: what a
    /// [`Joint::Punct`] keeps in the normal form.
    punct: String,
}

impl Gap {
    fn new() -> Self {
        Self {
            barrier: true,
            empty: true,
            only_underscores: true,
            only_space_like: true,
            punct: String::new(),
        }
    }

    fn push(&mut self, c: char) {
        self.empty = false;
        self.only_underscores &= c == '_';
        self.only_space_like &= is_space_like(c);
        if !c.is_whitespace() && c != '_' {
            self.punct.push(fold_char(c));
        }
    }

    /// [`Self::push`] for an ASCII byte of class `class` ([`BYTE_CLASS`]).
    fn push_ascii(&mut self, b: u8, class: u8) {
        self.empty = false;
        self.only_underscores &= b == b'_';
        self.only_space_like &= class & SPACE_LIKE != 0;
        if class & WHITE == 0 && b != b'_' {
            self.punct.push(char::from(b.to_ascii_lowercase()));
        }
    }

    /// After a word: the next gap starts empty.
    fn clear(&mut self) {
        self.barrier = false;
        self.empty = true;
        self.only_underscores = true;
        self.only_space_like = true;
        self.punct.clear();
    }
}

impl Words {
    /// Read the prose ranges of `text`.
    pub fn read(text: &str, prose: &[ProseRange]) -> Self {
        // Sized for the prose once: a doc's words are pushed by the
        // thousand, and regrowing copies them.
        let prose_len: usize = prose.iter().map(|r| r.range.len()).sum();
        let mut out = Reader {
            norm: Vec::with_capacity(prose_len.min(text.len()) + prose.len()),
            words: Vec::with_capacity(prose_len.min(text.len()) / 6),
        };
        let mut gap = Gap::new();
        for range in prose {
            let (start, end) = (
                range.range.start.min(text.len()),
                range.range.end.min(text.len()),
            );
            if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            if !range.joins_previous {
                gap.barrier = true;
            } else {
                gap.push(' ');
            }
            let slice = &text[start..end];
            let bytes = slice.as_bytes();
            let mut i = 0;
            while let Some(&b) = bytes.get(i) {
                // Other characters join the gap, ASCII ones without decoding.
                let class = BYTE_CLASS[usize::from(b)];
                if class & OTHER != 0 {
                    gap.push_ascii(b, class);
                    i += 1;
                    continue;
                }
                if !b.is_ascii()
                    && let Some((c, len)) = char_at(slice, i)
                    && !is_word_char(c)
                {
                    gap.push(c);
                    i += len;
                    continue;
                }
                // A run of word characters, and whether it may have humps:
                // a capital after its first letter, or a letter beyond ASCII.
                let run_start = i;
                let mut plain = b.is_ascii();
                i += char_at(slice, i).map_or(1, |(_, len)| len);
                while let Some(&b) = bytes.get(i) {
                    let class = BYTE_CLASS[usize::from(b)];
                    if class & WORD != 0 {
                        plain &= class & UPPER == 0;
                        i += 1;
                    } else if class & OTHER != 0 {
                        break;
                    } else {
                        match char_at(slice, i) {
                            Some((c, len)) if is_word_char(c) => {
                                plain = false;
                                i += len;
                            }
                            _ => break,
                        }
                    }
                }
                let run_end = i;
                // A possessive: `'s` after any word, `'` after one in `s`.
                let rest = &slice[run_end..];
                let after_word = |s: &str| s.chars().next().is_none_or(|c| !is_word_char(c));
                let mut possessive = 0;
                // Only an ASCII quote or the first byte of `’` can start one.
                let quoted = matches!(rest.as_bytes().first(), Some(b'\'' | 0xE2));
                for quote in ['\'', '\u{2019}'].into_iter().filter(|_| quoted) {
                    if let Some(tail) = rest.strip_prefix(quote) {
                        if let Some(after) = tail.strip_prefix(['s', 'S'])
                            && after_word(after)
                        {
                            possessive = quote.len_utf8() + 1;
                        } else if slice[..run_end].ends_with(['s', 'S']) && after_word(tail) {
                            possessive = quote.len_utf8();
                        }
                    }
                }
                // The possessive's characters are ASCII or one quote: the
                // scan goes on after them.
                i = run_end + possessive;
                let run = &slice[run_start..run_end];
                let cuts = if plain { Vec::new() } else { humps(run) };
                let ascii = plain || run.is_ascii();
                if cuts.is_empty() {
                    // One word (the common case): no list of cuts to build.
                    let joint = out.joint_of(&gap);
                    out.push_word(
                        run,
                        ascii,
                        start + run_start..start + run_end,
                        start + run_end + possessive,
                        joint,
                        &gap.punct,
                    );
                    gap.clear();
                    continue;
                }
                let mut cuts = cuts;
                cuts.push(run.len());
                let mut from = 0;
                for (k, &cut) in cuts.iter().enumerate() {
                    let joint = if k > 0 {
                        Joint::Inner
                    } else {
                        out.joint_of(&gap)
                    };
                    let last = k + 1 == cuts.len();
                    out.push_word(
                        &run[from..cut],
                        ascii,
                        start + run_start + from..start + run_start + cut,
                        if last {
                            start + run_end + possessive
                        } else {
                            start + run_start + cut
                        },
                        joint,
                        &gap.punct,
                    );
                    from = cut;
                }
                gap.clear();
            }
        }
        Words {
            // Only whole characters were pushed: still UTF-8.
            norm: String::from_utf8(out.norm)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            words: out.words,
            bounds: std::cell::OnceCell::new(),
        }
    }

    /// Where stems start and end in [`Self::norm`].
    fn bounds(&self) -> &Bounds {
        self.bounds.get_or_init(|| {
            let n = self.norm.len() / 64 + 1;
            let (mut starts, mut ends) = (vec![0; n], vec![0; n]);
            for w in &self.words {
                set_bit(&mut starts, w.norm_start);
                set_bit(&mut ends, w.norm_end);
            }
            Bounds { starts, ends }
        })
    }
}

/// [`Words`] as they are read.
struct Reader {
    norm: Vec<u8>,
    words: Vec<Word>,
}

impl Reader {
    fn joint_of(&self, gap: &Gap) -> Joint {
        if gap.barrier || self.words.is_empty() {
            Joint::Barrier
        } else if !gap.empty && gap.only_underscores {
            Joint::Inner
        } else if gap.only_space_like {
            Joint::Space
        } else {
            Joint::Punct
        }
    }

    #[inline(always)]
    fn push_word(
        &mut self,
        written: &str,
        ascii: bool,
        core: std::ops::Range<usize>,
        end: usize,
        joint: Joint,
        punct: &str,
    ) {
        let (start, core_end) = (core.start, core.end);
        match joint {
            Joint::Barrier if !self.words.is_empty() => self.norm.push(BARRIER),
            Joint::Barrier => {}
            Joint::Space | Joint::Inner => self.norm.push(b' '),
            Joint::Punct => self.norm.extend_from_slice(punct.as_bytes()),
        }
        // An abbreviation's plural (`APIs`, `CRIs`): its `s` goes, whatever
        // the stem rules say of `apis`. (A word in lower case is none.)
        let written = match written.strip_suffix('s') {
            Some(head)
                if head
                    .as_bytes()
                    .first()
                    .is_some_and(|b| !b.is_ascii_lowercase())
                    && head.chars().count() >= 2
                    && is_capitals(head) =>
            {
                head
            }
            _ => written,
        };
        let norm_start = self.norm.len();
        if ascii {
            self.norm
                .extend(written.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            for c in written.chars().map(fold_char) {
                self.norm
                    .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        stem_tail(&mut self.norm, norm_start);
        self.words.push(Word {
            start,
            core_end,
            end,
            joint,
            norm_start,
            norm_end: self.norm.len(),
        });
    }
}

impl Words {
    /// The word whose stem starts at `norm_offset`, if one does.
    pub fn word_starting_at(&self, norm_offset: usize) -> Option<usize> {
        if !bit(&self.bounds().starts, norm_offset) {
            return None;
        }
        self.words
            .binary_search_by_key(&norm_offset, |w| w.norm_start)
            .ok()
    }

    /// Whether words `first..=last` may be a mention: it starts and ends
    /// where written words do (not inside `StorageClass` or `pod_name`),
    /// and, for a name in capitals, is written in capitals.
    pub fn is_mention(&self, text: &str, first: usize, last: usize, capitals: bool) -> bool {
        let (Some(a), Some(_)) = (self.words.get(first), self.words.get(last)) else {
            return false;
        };
        if first > last || a.joint == Joint::Inner {
            return false;
        }
        if self
            .words
            .get(last + 1)
            .is_some_and(|next| next.joint == Joint::Inner)
        {
            return false;
        }
        !capitals
            || self.words[first..=last].iter().enumerate().all(|(k, w)| {
                let mut core = &text[w.start..w.core_end];
                if first + k == last
                    && let Some(head) = core.strip_suffix('s')
                    && head.chars().next_back().is_some_and(|c| !c.is_lowercase())
                {
                    core = head;
                }
                !core.chars().any(char::is_lowercase)
            })
    }

    /// The range a mention of words `first..=last` covers.
    pub fn range(&self, first: usize, last: usize) -> TextRange {
        TextRange::new(self.words[first].start, self.words[last].end)
    }
}

/// A name's spelling as the matcher compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalName {
    /// The normal form: stems joined by a space (or the punctuation between).
    pub spaced: String,
    /// The whole name written as one word (`addons` for `Add-ons`), when
    /// it has several words joined by spaces or hyphens.
    pub joined: Option<String>,
    /// Each written word of the name as one word, what lies between them
    /// kept (`oauth client` for `OAuth Client`, `github action` for
    /// `GitHub Actions`): a word with humps or underscores is also
    /// matched written whole, as a name of that word alone is by its
    /// [`Self::joined`] form. Only when the name has such a word and
    /// another written word (else it is [`Self::spaced`] or
    /// [`Self::joined`]).
    pub humps_joined: Option<String>,
    /// An abbreviation: matched in capitals only.
    pub capitals: bool,
}

impl NormalName {
    /// The key that two names share when they name the same thing: what
    /// `duplicate-term` and the index compare. Case is ignored here, as
    /// the rule always has: an alias `KANBAN` duplicates the term `Kanban`
    /// (only mentions tell capitals apart).
    pub fn key(&self) -> String {
        self.joined.as_deref().unwrap_or(&self.spaced).to_owned()
    }
}

/// Whether a name is written in capitals: it has a letter and no lower
/// case one.
pub fn is_capitals(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

/// The names a written name stands for: itself, and for "X (Y)" also X and
/// Y. Trimmed; empty ones left out.
pub fn implicit_names(name: &str) -> Vec<&str> {
    let name = name.trim();
    let mut out = vec![name];
    if let Some(inner) = name.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && !inner[open + 1..].contains(['(', ')'])
    {
        let x = inner[..open].trim();
        let mut y = inner[open + 1..].trim();
        for lead in ["or ", "aka ", "a.k.a. ", "also "] {
            if y.len() > lead.len()
                && y.is_char_boundary(lead.len())
                && y[..lead.len()].eq_ignore_ascii_case(lead)
            {
                y = y[lead.len()..].trim();
            }
        }
        let y = y.trim_matches([
            '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '`',
        ]);
        for part in [x, y] {
            if !part.is_empty() && !out.contains(&part) && part.chars().any(is_word_char) {
                out.push(part);
            }
        }
    }
    out.retain(|n| n.chars().any(is_word_char));
    out
}

/// The normal form of one spelling (no implicit names), or `None` when it
/// has no word.
pub fn normal_name(name: &str) -> Option<NormalName> {
    let read = Words::read(
        name,
        &[ProseRange {
            range: TextRange::new(0, name.len()),
            joins_previous: false,
        }],
    );
    if read.words.is_empty() {
        return None;
    }
    let humps_joined = humps_joined(name, &read);
    let spaced = read.norm;
    let joined = (read.words.len() > 1
        && read.words[1..]
            .iter()
            .all(|w| matches!(w.joint, Joint::Space | Joint::Inner)))
    .then(|| {
        let written: String = read
            .words
            .iter()
            .flat_map(|w| name[w.start..w.core_end].chars().map(fold_char))
            .collect();
        stem(&written)
    });
    Some(NormalName {
        spaced,
        joined,
        humps_joined,
        capitals: is_capitals(name),
    })
}

/// [`NormalName::humps_joined`] of a name read as `read`: each written
/// word (a word and the [`Joint::Inner`] parts after it) folded whole and
/// stemmed, as [`NormalName::joined`] is; between two written words, what
/// the normal form has there (a space, or punctuation).
fn humps_joined(name: &str, read: &Words) -> Option<String> {
    let words = &read.words;
    let has_humps = words.iter().any(|w| w.joint == Joint::Inner);
    let several = words.iter().skip(1).any(|w| w.joint != Joint::Inner);
    if !(has_humps && several) {
        return None;
    }
    let mut form = String::new();
    let mut last_end = None;
    for parts in words.chunk_by(|_, next| next.joint == Joint::Inner) {
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            continue;
        };
        if let Some(end) = last_end {
            form.push_str(&read.norm[end..first.norm_start]);
        }
        if parts.len() == 1 {
            // A word without humps: as the normal form has it (an
            // abbreviation's plural `s` gone, as `stem` would not).
            form.push_str(&read.norm[first.norm_start..first.norm_end]);
        } else {
            let written: String = parts
                .iter()
                .flat_map(|p| name[p.start..p.core_end].chars().map(fold_char))
                .collect();
            form.push_str(&stem(&written));
        }
        last_end = Some(last.norm_end);
    }
    Some(form)
}

/// Every normal form of a written name: its own and its implicit names'.
pub fn normal_names(name: &str) -> Vec<NormalName> {
    let mut out: Vec<NormalName> = Vec::new();
    for spelling in implicit_names(name) {
        if let Some(normal) = normal_name(spelling)
            && !out.contains(&normal)
        {
            out.push(normal);
        }
    }
    out
}

/// The keys of a written name (see [`NormalName::key`]), deduplicated.
pub fn keys(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for normal in normal_names(name) {
        let key = normal.key();
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// Each match of `name` in `words` as `(first word, last word)`.
pub(crate) fn matches_of<'a>(
    text: &'a str,
    words: &'a Words,
    name: &'a NormalName,
) -> impl Iterator<Item = TextRange> + 'a {
    [
        Some(name.spaced.as_str()),
        name.joined.as_deref(),
        name.humps_joined.as_deref(),
    ]
    .into_iter()
    .flatten()
    .flat_map(move |form| {
        occurrences(&words.norm, form).filter_map(move |at| {
            let first = words.word_starting_at(at)?;
            let last = last_word_ending_at(words, first, at + form.len())?;
            words
                .is_mention(text, first, last, name.capitals)
                .then(|| words.range(first, last))
        })
    })
}

/// Every place `form` occurs in `norm`, overlapping ones too: in `ab ab
/// ab` the form `ab ab` is at 0 and at 3, and the first may be no mention
/// (`xAb ab ab`) where the second is.
fn occurrences<'a>(norm: &'a str, form: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if form.is_empty() {
            return None;
        }
        let at = from + norm.get(from..)?.find(form)?;
        from = at + norm[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
}

/// The word from `first` on whose stem ends at `norm_end`.
pub(crate) fn last_word_ending_at(words: &Words, first: usize, norm_end: usize) -> Option<usize> {
    if !bit(&words.bounds().ends, norm_end) {
        return None;
    }
    words.words[first..]
        .iter()
        .take_while(|w| w.norm_start < norm_end)
        .position(|w| w.norm_end == norm_end)
        .map(|k| first + k)
}

/// Whether `text`'s prose names any of `names` (with their implicit names
/// and normal forms): the test of `definition-missing-term`.
pub fn names_any<'a>(
    text: &str,
    prose: &[ProseRange],
    names: impl IntoIterator<Item = &'a str>,
) -> bool {
    let names: Vec<&str> = names.into_iter().collect();
    // Most definitions write the term as it is named: found as written,
    // the text need not be read word by word.
    names_literally(text, prose, &names) || names_by_words(text, prose, &names)
}

/// [`names_any`] without its quick path: the text read word by word.
fn names_by_words(text: &str, prose: &[ProseRange], names: &[&str]) -> bool {
    let words = Words::read(text, prose);
    names.iter().any(|name| {
        normal_names(name)
            .iter()
            .any(|normal| matches_of(text, &words, normal).next().is_some())
    })
}

/// Whether `text`'s prose holds one of `names` as written, in a way that
/// [`names_any`]'s reading word by word would certainly accept: a quick
/// yes, never a no. Only names of ASCII letters and digits with spaces or
/// hyphens between are looked for, each occurrence inside one prose range,
/// with no letter, digit or `_` on either side and no apostrophe before it
/// (which could make its first letter a possessive `s`). An occurrence
/// that differs in case is taken only when no word of the name or of the
/// occurrence has a capital after its first letter (no CamelCase hump, no
/// abbreviation) and the name is not in capitals (matched in capitals
/// only).
fn names_literally(text: &str, prose: &[ProseRange], names: &[&str]) -> bool {
    let plain = |name: &&str| {
        let bytes = name.as_bytes();
        bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-'))
    };
    let names: Vec<(&str, String)> = names
        .iter()
        .map(|name| name.trim())
        .filter(plain)
        .map(|name| (name, name.to_ascii_lowercase()))
        .collect();
    if names.is_empty() {
        return false;
    }
    prose.iter().any(|range| {
        let Some(slice) = text.get(range.range.start..range.range.end) else {
            return false;
        };
        let lower = slice.to_ascii_lowercase();
        names.iter().any(|(name, lower_name)| {
            occurrences(&lower, lower_name).any(|at| {
                let end = at + name.len();
                let written = &slice[at..end];
                let before = slice[..at].chars().next_back();
                let after = slice[end..].chars().next();
                let open = |c: Option<char>, quote: bool| {
                    c.is_none_or(|c| {
                        !is_word_char(c) && c != '_' && !(quote && matches!(c, '\'' | '\u{2019}'))
                    })
                };
                // A possessive after it (`'s`, `'`) joins what follows as
                // the word itself would: `Kanban's_x` is inside a snake_case
                // run.
                let past_possessive = slice[end..]
                    .strip_prefix(['\'', '\u{2019}'])
                    .map(|rest| rest.strip_prefix(['s', 'S']).unwrap_or(rest));
                open(before, true)
                    && open(after, false)
                    && !past_possessive.is_some_and(|rest| rest.starts_with('_'))
                    && (written == *name
                        || (!is_capitals(name)
                            && no_inner_capitals(name)
                            && no_inner_capitals(written)))
            })
        })
    })
}

/// Whether every word of `s` is ASCII letters with no capital after its
/// first: read alike in any case (no hump, no abbreviation).
fn no_inner_capitals(s: &str) -> bool {
    s.split([' ', '-']).all(|word| {
        let bytes = word.as_bytes();
        bytes.iter().all(u8::is_ascii_alphabetic)
            && !bytes.iter().skip(1).any(u8::is_ascii_uppercase)
    })
}

/// Every place `text`'s prose names one of `names`, as `(range, index of
/// the name)`, sorted by start (longest first); a range named by several
/// names is listed once, for the first of them.
pub fn find_names<'a>(
    text: &str,
    prose: &[ProseRange],
    names: impl IntoIterator<Item = &'a str>,
) -> Vec<(TextRange, usize)> {
    let words = Words::read(text, prose);
    let mut out = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        for normal in normal_names(name) {
            out.extend(matches_of(text, &words, &normal).map(|r| (r, i)));
        }
    }
    out.sort_by_key(|&(r, i)| (r.start, std::cmp::Reverse(r.end), i));
    out.dedup_by_key(|(r, _)| *r);
    out
}

/// `name` written the way `written` is: in capitals when `written` is
/// (`PRODUCT SPEC` → `PRD`... in capitals), with a capital first letter
/// when `written` has one, in lower case when `written` is (words of
/// `name` that are not abbreviations or CamelCase), plural when `written`
/// is a plural of `matched` (the name it matched), with its possessive.
pub fn written_like(written: &str, matched: &str, name: &str) -> String {
    let (core, possessive) = split_possessive(written);
    // A name "X (Y)" is written as X, or as Y where an abbreviation in
    // capitals was: "pull requests", "PRs", never "pull request (PR)s".
    let abbreviation = is_capitals(core)
        || core
            .strip_suffix('s')
            .is_some_and(|head| head.chars().count() >= 2 && is_capitals(head));
    let name = match implicit_names(name).as_slice() {
        [_, _, y] if abbreviation && is_capitals(y) => *y,
        [_, x, _] => *x,
        _ => name,
    };
    let last = |s: &str| {
        s.rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase()
    };
    let (written_last, matched_last) = (last(core), last(matched));
    // The name written as one word (`oauthapps`, `PostgresSlaves` for
    // *OAuth App*, *Postgres Slave*): its last word is the whole.
    let joined = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (written_whole, matched_whole) = (joined(core), joined(matched));
    let is_plural_of = |w: &str, m: &str| w != m && w.ends_with('s') && stem(w) == stem(m);
    let plural =
        is_plural_of(&written_last, &matched_last) || is_plural_of(&written_whole, &matched_whole);
    let mut out = if plural {
        pluralize(name)
    } else {
        name.to_owned()
    };
    let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    let first_upper = letters.first().is_some_and(|c| c.is_uppercase());
    if all_caps && !is_capitals(matched.trim()) {
        out = out.to_uppercase();
    } else if first_upper {
        // Sentence case ("Feature toggles"): a later word in lower case
        // writes the name's later words so too ("Feature flags").
        let sentence = core
            .split(|c: char| c.is_whitespace() || c == '-')
            .skip(1)
            .any(|w| w.chars().next().is_some_and(char::is_lowercase));
        if sentence && let Some((first, rest)) = out.split_once(' ') {
            out = format!("{first} {}", lower_title_words(rest));
        }
        let mut chars = out.chars();
        if let Some(first) = chars.next() {
            out = first.to_uppercase().chain(chars).collect();
        }
    } else if letters.first().is_some_and(|c| c.is_lowercase()) {
        out = lower_title_words(&out);
    }
    out.push_str(possessive);
    out
}

/// Each word of `name` in Title case lowered (`Feature Flag` → `feature
/// flag`); words in capitals or CamelCase (`API`, `OAuth`) kept.
fn lower_title_words(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            let title = chars.next().is_some_and(char::is_uppercase)
                && chars.clone().next().is_some()
                && chars.all(|c| !c.is_uppercase());
            if title {
                word.to_lowercase()
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Pod's` → (`Pod`, `'s`); `pods'` → (`pods`, `'`).
fn split_possessive(written: &str) -> (&str, &str) {
    for quote in ["'", "\u{2019}"] {
        for tail in [format!("{quote}s"), format!("{quote}S")] {
            if let Some(core) = written.strip_suffix(tail.as_str()) {
                return (core, &written[core.len()..]);
            }
        }
        if let Some(core) = written.strip_suffix(quote)
            && core.ends_with(['s', 'S'])
        {
            return (core, &written[core.len()..]);
        }
    }
    (written, "")
}

/// The plural of a name: its last word's (`policy` → `policies`, `box`
/// → `boxes`, `PRD` → `PRDs`).
fn pluralize(name: &str) -> String {
    let last = name.rsplit(' ').next().unwrap_or(name);
    if last.len() >= 2 && is_capitals(last) {
        return format!("{name}s");
    }
    let lower = last.to_lowercase();
    let before_y = lower.chars().rev().nth(1);
    if lower.ends_with('y') && before_y.is_some_and(|c| !"aeiou".contains(c)) {
        return format!("{}ies", &name[..name.len() - 1]);
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        return format!("{name}es");
    }
    format!("{name}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<ProseRange> {
        vec![ProseRange {
            range: TextRange::new(0, text.len()),
            joins_previous: false,
        }]
    }

    fn names(text: &str, name: &str) -> bool {
        names_any(text, &all(text), [name])
    }

    #[test]
    fn stems_meet_their_plurals() {
        let cases = [
            ("pod", "pods"),
            ("policy", "policies"),
            ("box", "boxes"),
            ("class", "classes"),
            ("process", "processes"),
            ("cache", "caches"),
            ("match", "matches"),
            ("status", "statuses"),
            ("bus", "buses"),
            ("technology", "technologies"),
            ("app", "apps"),
            ("addon", "addons"),
            ("database", "databases"),
        ];
        for (one, many) in cases {
            assert_eq!(stem(one), stem(many), "{one} / {many}");
        }
        for (word, kept) in [
            ("analysis", "analysis"),
            ("is", "is"),
            ("as", "as"),
            ("us", "us"),
        ] {
            assert_eq!(stem(word), kept);
        }
    }

    /// The stem rules as they were first written, suffix by suffix: the
    /// byte-reading [`stem_tail`] must agree with them on every word.
    fn stem_by_suffixes(word: &[u8]) -> Vec<u8> {
        let mut w = word.to_vec();
        if w.len() >= 5 && w.ends_with(b"ies") {
            w.truncate(w.len() - 3);
            w.push(b'y');
            return w;
        }
        if w.len() >= 3
            && w.ends_with(b"s")
            && !w.ends_with(b"ss")
            && !w.ends_with(b"us")
            && !w.ends_with(b"is")
        {
            w.pop();
        }
        if w.len() >= 4
            && [&b"se"[..], b"xe", b"ze", b"che", b"she"]
                .iter()
                .any(|end| w.ends_with(end))
        {
            w.pop();
        }
        w
    }

    #[test]
    fn stem_tail_agrees_with_the_suffix_rules_on_every_short_word() {
        // Every word of up to six letters over the letters the rules read,
        // and one that they never read; also after a prefix that is not
        // part of the word.
        let letters = b"acehisuxyz";
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..6 {
            let next: Vec<Vec<u8>> = last
                .iter()
                .flat_map(|w: &Vec<u8>| {
                    letters.iter().map(move |&b| {
                        let mut w = w.clone();
                        w.push(b);
                        w
                    })
                })
                .collect();
            words.extend(next.iter().cloned());
            last = next;
        }
        for word in &words {
            let expected = stem_by_suffixes(word);
            let mut alone = word.clone();
            stem_tail(&mut alone, 0);
            assert_eq!(alone, expected, "{}", String::from_utf8_lossy(word));
            let mut after = b"ies ".to_vec();
            after.extend_from_slice(word);
            stem_tail(&mut after, 4);
            assert_eq!(
                &after[4..],
                &expected[..],
                "{}",
                String::from_utf8_lossy(word)
            );
            assert_eq!(&after[..4], b"ies ");
        }
    }

    #[test]
    fn implicit_names_of_x_y() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Container runtime interface (CRI)",
                &[
                    "Container runtime interface (CRI)",
                    "Container runtime interface",
                    "CRI",
                ],
            ),
            (
                "cgroup (control group)",
                &["cgroup (control group)", "cgroup", "control group"],
            ),
            (
                "Source Distribution (or \"sdist\")",
                &[
                    "Source Distribution (or \"sdist\")",
                    "Source Distribution",
                    "sdist",
                ],
            ),
            ("Pod", &["Pod"]),
            ("f(x)", &["f(x)", "f", "x"]),
            ("()", &[]),
            (" (CD) ", &["(CD)", "CD"]),
        ];
        for (name, expected) in cases {
            assert_eq!(implicit_names(name), *expected, "{name}");
        }
    }

    /// Each form of the issue, as (name, text, names it).
    #[test]
    fn every_form_reads_alike() {
        let cases = [
            // case
            ("Product Manager", "a PRODUCT manager", true),
            // hyphen / space / nothing
            ("Add-ons", "install addons", true),
            ("Add-ons", "an addon", true),
            ("Add-ons", "add ons", true),
            ("Add-ons", "Add-ons", true),
            ("Blue Green Deployment", "Blue-green deployment is", true),
            ("Blue-green deployment", "a blue green deployment", true),
            // Camel, Pascal, snake, kebab
            ("Storage Class", "A StorageClass provides", true),
            ("StorageClass", "a storage class", true),
            ("StorageClass", "storage classes", true),
            ("Storage Class", "storage_class", true),
            ("Storage Class", "storage-class", true),
            ("Storage Class", "storageclass", true),
            ("Class", "A StorageClass provides", false),
            ("Storage", "storage_class", false),
            ("Pod", "PodSecurityPolicy", false),
            // inflection both ways
            ("Cloud Native Technology", "Cloud native technologies", true),
            ("Stateful Apps", "is a stateful app", true),
            ("Pod", "the pod's spec", true),
            ("Pod", "the pods' specs", true),
            ("Policy", "policies", true),
            ("Box", "boxes", true),
            ("Process", "processes", true),
            // implicit names
            (
                "Continuous Delivery (CD)",
                "Continuous delivery, often abbreviated as CD, is",
                true,
            ),
            ("Continuous Delivery (CD)", "we use CD", true),
            ("Container runtime interface (CRI)", "the CRI", true),
            ("Role-based access control (RBAC)", "RBAC rules", true),
            ("cgroup (control group)", "control groups limit", true),
            ("cgroup (control group)", "a cgroup", true),
            // capitals are case-sensitive
            ("SAFE", "it is safe", false),
            ("SAFE", "SAFE applies", true),
            ("Scaled Agile (SAFE)", "it is safe", false),
            ("CRI", "CRIs", true),
            ("API", "the APIs", true),
            ("APIs", "an API", true),
            ("API", "apis", false),
            ("PM", "PMs and", true),
            ("PM", "PM's", true),
            ("PM", "pm", false),
            ("PM", "Pm", false),
            ("IT", "its", false),
            // precision
            ("Product", "Productivity", false),
            ("Product", "subproduct", false),
            ("Manager", "Managerial", false),
            ("Note", "not", false),
            ("Node", "nod", false),
            ("CI/CD", "our CI/CD pipeline", true),
            ("CI/CD", "our CI, CD", false),
            // A CamelCase word of a longer name, written whole in any case
            ("OAuth Client", "Configure the oauth clients.", true),
            ("OAuth Client", "an Oauth client", true),
            ("OAuth Client", "an OAUTH CLIENT", true),
            ("OAuth Client", "an OAuth client", true),
            ("OAuth Client", "an oAuth client", true),
            ("OAuth Client", "the OAuthClient", true),
            ("OAuth Client", "the oauthclient", true),
            ("OAuth Client", "an oauth-client", true),
            ("GitHub Actions", "github actions", true),
            ("GitHub Actions", "GitHub actions", true),
            ("GitHub Actions", "Git Hub Actions", true),
            ("GitHub Actions", "git hubactions", false),
            ("GitHub Actions", "github actionable", false),
            ("OAuth Client", "xoauth client", false),
            ("OAuth Client", "oauth clientele", false),
            ("OAuth Client", "oauth, client", false),
            // ... and only where the name has a hump: a name written
            // without one is not found cut at a hump, as before.
            ("Git Hub", "GitHub", true),
            ("Git Hub", "github", true),
            ("Github Actions", "GitHub Actions", false),
            // In capitals, the words joined are still matched in capitals.
            ("MAX_SIZE LIMIT", "the MAXSIZE LIMIT", true),
            ("MAX_SIZE LIMIT", "the maxsize limit", false),
        ];
        for (name, text, expected) in cases {
            assert_eq!(names(text, name), expected, "{name:?} in {text:?}");
        }
    }

    #[test]
    fn keys_see_implicit_names_and_forms() {
        let same = [
            (
                "Container Runtime Interface",
                "Container runtime interface (CRI)",
            ),
            ("Continuous Delivery (CD)", "Continuous Deployment (CD)"),
            ("Storage Class", "StorageClass"),
            ("Add-ons", "Addons"),
            ("Stateful App", "Stateful Apps"),
            ("KANBAN", "Kanban"),
        ];
        for (a, b) in same {
            let (ka, kb) = (keys(a), keys(b));
            assert!(
                ka.iter().any(|k| kb.contains(k)),
                "{a} / {b}: {ka:?} {kb:?}"
            );
        }
        let different = [("Pod", "Node"), ("CD", "cd player"), ("Add-ons", "Add")];
        for (a, b) in different {
            let (ka, kb) = (keys(a), keys(b));
            assert!(
                !ka.iter().any(|k| kb.contains(k)),
                "{a} / {b}: {ka:?} {kb:?}"
            );
        }
    }

    #[test]
    fn words_keep_their_places() {
        let text = "the Pod's StorageClass";
        let words = Words::read(text, &all(text));
        let spans: Vec<(&str, &str)> = words
            .words
            .iter()
            .map(|w| (&text[w.start..w.end], &words.norm[w.norm_start..w.norm_end]))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("the", "the"),
                ("Pod's", "pod"),
                ("Storage", "storage"),
                ("Class", "class")
            ]
        );
    }

    #[test]
    fn humps_cut_where_words_meet() {
        let cases: &[(&str, &[usize])] = &[
            ("storage", &[]),
            ("storageClass", &[7]),
            ("StorageClass", &[7]),
            // A capital after a lower case letter starts a word even when
            // capitals follow it.
            ("getHTTP", &[3]),
            // The last capital of a run before lower case starts a word.
            ("APIServer", &[3]),
            ("HTTPServer", &[4]),
            // A plural `s` keeps an abbreviation whole.
            ("PMs", &[]),
            ("APIs", &[]),
            // Only a final `s` is a plural; other lower case after a run
            // of capitals starts a word.
            ("ABsolute", &[1]),
            ("ABc", &[1]),
            ("API", &[]),
            ("Éclair", &[]),
            ("naïveÉcole", &[6]),
        ];
        for (run, expected) in cases {
            assert_eq!(humps(run), *expected, "{run}");
        }
    }

    fn spans(text: &str, prose: &[ProseRange]) -> (Vec<(usize, usize)>, String) {
        let words = Words::read(text, prose);
        (
            words.words.iter().map(|w| (w.start, w.end)).collect(),
            words.norm,
        )
    }

    fn range(start: usize, end: usize, joins_previous: bool) -> ProseRange {
        ProseRange {
            range: TextRange::new(start, end),
            joins_previous,
        }
    }

    #[test]
    fn one_letter_words_are_words() {
        let text = "x C y";
        assert_eq!(
            spans(text, &all(text)),
            (vec![(0, 1), (2, 3), (4, 5)], "x c y".to_owned())
        );
        assert!(names("Plan B is ready", "Plan B"));
    }

    #[test]
    fn ranges_off_char_boundaries_or_empty_are_skipped() {
        let text = "é foo";
        // 1 is inside `é`: the range is skipped, not sliced.
        assert_eq!(spans(text, &[range(1, 6, false)]), (vec![], String::new()));
        assert_eq!(spans(text, &[range(0, 1, false)]), (vec![], String::new()));
        // An empty range is no barrier between ranges that join.
        let text = "foo bar";
        let prose = [range(0, 3, false), range(3, 3, false), range(4, 7, true)];
        assert_eq!(spans(text, &prose).1, "foo bar");
        assert!(names_any(text, &prose, ["foo bar"]));
    }

    #[test]
    fn separate_ranges_are_a_barrier() {
        let text = "foo\n\nbar";
        let prose = [range(0, 3, false), range(5, 8, false)];
        assert_eq!(
            spans(text, &prose).1,
            format!("foo{}bar", char::from(BARRIER))
        );
        assert!(!names_any(text, &prose, ["foo bar"]));
        // The first word has nothing before it, barrier or not.
        assert_eq!(spans(text, &prose[1..]).1, "bar");
    }

    #[test]
    fn possessives_end_where_they_are_written() {
        // `'` is a possessive only after a word in `s`.
        let text = "the pod' x";
        assert_eq!(spans(text, &all(text)).0, vec![(0, 3), (4, 7), (9, 10)]);
        let text = "the pods' x";
        assert_eq!(spans(text, &all(text)).0, vec![(0, 3), (4, 9), (10, 11)]);
        // What follows a possessive stays between the words.
        let text = "Pod's, Service";
        let (words, norm) = spans(text, &all(text));
        assert_eq!(words, vec![(0, 5), (7, 14)]);
        assert_eq!(norm, "pod,service");
        assert!(!names(text, "Pod Service"));
        // A curly apostrophe is three bytes: the possessive ends after it
        // and its `s`, and nothing after them is swallowed.
        for text in ["Pod\u{2019}s, Service", "Pods\u{2019}, Service"] {
            let (words, norm) = spans(text, &all(text));
            assert_eq!(words, vec![(0, 7), (9, 16)], "{text}");
            assert_eq!(norm, "pod,service", "{text}");
        }
    }

    #[test]
    fn punctuation_between_words_keeps_only_its_marks() {
        let text = "CI, CD";
        assert_eq!(spans(text, &all(text)).1, "ci,cd");
        let text = "CI /_ CD";
        assert_eq!(spans(text, &all(text)).1, "ci/cd");
    }

    #[test]
    fn abbreviation_plurals_inside_longer_names() {
        assert!(names("use CRI APIs here", "CRI API"));
        assert!(names("the CRI API", "CRI API"));
        assert!(!names("the CRI Apis", "CRI API"));
    }

    #[test]
    fn joined_form_only_for_several_spaced_words() {
        let joined = |name: &str| normal_name(name).and_then(|n| n.joined);
        assert_eq!(joined("Pod"), None);
        assert_eq!(joined("APIs"), None);
        assert_eq!(joined("CI/CD"), None);
        assert_eq!(joined("Add-ons").as_deref(), Some("addon"));
        assert_eq!(joined("Storage Class").as_deref(), Some("storageclass"));
    }

    #[test]
    fn humps_joined_form_joins_each_written_word_and_keeps_what_is_between() {
        let form = |name: &str| normal_name(name).and_then(|n| n.humps_joined);
        assert_eq!(form("OAuth Client").as_deref(), Some("oauth client"));
        assert_eq!(form("GitHub Actions").as_deref(), Some("github action"));
        // Each written word is stemmed whole, one without humps as the
        // normal form has it (an abbreviation's plural `s` gone).
        assert_eq!(
            form("StorageClasses Pool").as_deref(),
            Some("storageclass pool")
        );
        assert_eq!(form("OAuth APIs").as_deref(), Some("oauth api"));
        assert_eq!(
            form("the iPhone App Store").as_deref(),
            Some("the iphone app store")
        );
        // Underscores join as humps do; punctuation between words stays.
        assert_eq!(form("pod_name field").as_deref(), Some("podname field"));
        assert_eq!(form("OAuth/OIDC Flow").as_deref(), Some("oauth/oidc flow"));
        // None where it would be the spaced or the joined form: one
        // written word, or no humps.
        for name in [
            "OAuth",
            "StorageClass",
            "pod_name",
            "Git Hub",
            "Add-ons",
            "API",
            "CI/CD",
        ] {
            assert_eq!(form(name), None, "{name}");
        }
        // The key `duplicate-term` compares is not changed by it.
        assert_eq!(keys("OAuth Client"), ["oauthclient"]);
        assert_eq!(keys("Oauth client"), ["oauthclient"]);
    }

    #[test]
    fn a_camel_case_word_of_a_longer_name_is_found_written_whole() {
        let text = "Configure the oauth clients. Use github actions, GitHub's Actions \
                    or GITHUB_ACTIONS; an OAuthClient, not xoauth client nor git hubactions.";
        let found: Vec<(&str, usize)> = find_names(
            text,
            &all(text),
            ["OAuth Client", "GitHub Actions", "Git Hub"],
        )
        .into_iter()
        .map(|(r, i)| (&text[r.start..r.end], i))
        .collect();
        assert_eq!(
            found,
            [
                ("oauth clients", 0),
                ("github actions", 1),
                ("github", 2),
                ("GitHub's Actions", 1),
                ("GitHub's", 2),
                ("GITHUB_ACTIONS", 1),
                ("OAuthClient", 0),
            ]
        );
        let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
        let ranges: Vec<(usize, usize)> = find_names(text, &all(text), ["OAuth Client"])
            .into_iter()
            .map(|(r, _)| (r.start, r.end))
            .collect();
        assert_eq!(
            ranges,
            [
                (at("oauth clients"), at("oauth clients") + 13),
                (at("OAuthClient"), at("OAuthClient") + 11)
            ]
        );
    }
    #[test]
    fn a_name_as_written_is_a_quick_yes_the_word_reading_agrees_with() {
        // (text, name, quick yes?, named?)
        let cases = [
            ("Kanban is a method", "Kanban", true, true),
            ("a kanban board shows work", "Kanban Board", true, true),
            ("A Kanban-board shows work", "kanban board", false, true),
            ("The kanban-board", "Kanban-Board", true, true),
            ("Kanban's board", "Kanban", true, true),
            // ... unless the possessive runs on into a snake_case word.
            ("Kanban's_x", "Kanban", false, false),
            ("Kanban\u{2019}S_x", "Kanban", false, false),
            ("Kanbans'_x", "Kanbans", false, false),
            ("Kanban'_x", "Kanban", false, true),
            ("(Kanban)", "Kanban", true, true),
            ("Web 3 is", "Web 3", true, true),
            ("web 3 is", "Web 3", false, true),
            // In capitals only: no quick yes, and no match in lower case.
            ("safe by default", "SAFE", false, false),
            ("SAFE by default", "SAFE", true, true),
            // A hump or an underscore around it: the word reading decides.
            ("the pod_name field", "pod", false, false),
            ("the storageClass field", "Storage class", false, true),
            ("StorageClass", "Storageclass", false, false),
            ("configure the oauth clients", "OAuth Client", false, true),
            ("an OAuth client", "OAuth Client", false, true),
            ("xKanban", "Kanban", false, false),
            ("Kanbans", "Kanban", false, true),
            // An apostrophe before could make the first letter a possessive.
            ("Bob's foo", "s foo", false, false),
            // Inside a bare URL there is no prose.
            ("see https://example.com/kanban now", "kanban", false, false),
            // Names the quick path does not read.
            ("CI/CD pipelines", "CI/CD", false, true),
            (
                "Container runtime interface (CRI)",
                "Container runtime interface (CRI)",
                false,
                true,
            ),
            ("  ", " ", false, false),
        ];
        for (text, name, quick, named) in cases {
            let prose = crate::prose::plain(text, TextRange::new(0, text.len()));
            assert_eq!(
                names_literally(text, &prose, &[name]),
                quick,
                "quick: {text:?} {name:?}"
            );
            assert_eq!(
                names_by_words(text, &prose, &[name]),
                named,
                "words: {text:?} {name:?}"
            );
            assert_eq!(
                names_any(text, &prose, [name]),
                quick || named,
                "{text:?} {name:?}"
            );
        }
    }

    #[test]
    fn overlapping_forms_are_all_tried() {
        // `ab ab` first occurs inside `xAb`'s hump, then again at a word.
        assert!(names("xAb ab ab", "ab ab"));
        assert_eq!(
            find_names("ab ab ab", &all("ab ab ab"), ["ab ab"])
                .into_iter()
                .map(|(r, _)| (r.start, r.end))
                .collect::<Vec<_>>(),
            vec![(0, 5), (3, 8)]
        );
    }

    /// The reading of `Words::read` before its byte-table scan (2026-12-07),
    /// kept as the reference it must agree with: words and normal form.
    fn reference_read(text: &str, prose: &[ProseRange]) -> (String, Vec<Word>) {
        let mut out = Ref::default();
        // What lies between the last word and the next one.
        let mut gap = String::new();
        let mut gap_barrier = true;
        for range in prose {
            let (start, end) = (
                range.range.start.min(text.len()),
                range.range.end.min(text.len()),
            );
            if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            if !range.joins_previous {
                gap_barrier = true;
            } else {
                gap.push(' ');
            }
            let slice = &text[start..end];
            let mut i = 0;
            while let Some((c, _)) = char_at(slice, i) {
                if !is_word_char(c) {
                    // The whole run of other characters joins the gap.
                    let gap_start = i;
                    i = end_of_run(slice, i, false);
                    gap.push_str(&slice[gap_start..i]);
                    continue;
                }
                let run_start = i;
                i = end_of_run(slice, i, true);
                let run_end = i;
                // A possessive: `'s` after any word, `'` after one in `s`.
                let rest = &slice[run_end..];
                let after_word = |s: &str| s.chars().next().is_none_or(|c| !is_word_char(c));
                let mut possessive = 0;
                // Only an ASCII quote or the first byte of `’` can start one.
                let quoted = matches!(rest.as_bytes().first(), Some(b'\'' | 0xE2));
                for quote in ['\'', '\u{2019}'].into_iter().filter(|_| quoted) {
                    if let Some(tail) = rest.strip_prefix(quote) {
                        if let Some(after) = tail.strip_prefix(['s', 'S'])
                            && after_word(after)
                        {
                            possessive = quote.len_utf8() + 1;
                        } else if slice[..run_end].ends_with(['s', 'S']) && after_word(tail) {
                            possessive = quote.len_utf8();
                        }
                    }
                }
                // The possessive's characters are ASCII or one quote: the
                // scan goes on after them.
                i = run_end + possessive;
                let run = &slice[run_start..run_end];
                let cuts = humps(run);
                if cuts.is_empty() {
                    // One word (the common case): no list of cuts to build.
                    let joint = out.joint_of(&gap, gap_barrier);
                    out.push_word(
                        run,
                        start + run_start,
                        start + run_end,
                        start + run_end + possessive,
                        joint,
                        &gap,
                    );
                    gap.clear();
                    gap_barrier = false;
                    continue;
                }
                let mut cuts = cuts;
                cuts.push(run.len());
                let mut from = 0;
                for (k, &cut) in cuts.iter().enumerate() {
                    let joint = if k > 0 {
                        Joint::Inner
                    } else {
                        out.joint_of(&gap, gap_barrier)
                    };
                    let last = k + 1 == cuts.len();
                    out.push_word(
                        &run[from..cut],
                        start + run_start + from,
                        start + run_start + cut,
                        if last {
                            start + run_end + possessive
                        } else {
                            start + run_start + cut
                        },
                        joint,
                        &gap,
                    );
                    from = cut;
                }
                gap.clear();
                gap_barrier = false;
            }
        }
        (out.norm, out.words)
    }

    #[derive(Default)]
    struct Ref {
        norm: String,
        words: Vec<Word>,
    }

    impl Ref {
        fn joint_of(&self, gap: &str, barrier: bool) -> Joint {
            if barrier || self.words.is_empty() {
                Joint::Barrier
            } else if !gap.is_empty() && gap.chars().all(|c| c == '_') {
                Joint::Inner
            } else if gap.chars().all(is_space_like) {
                Joint::Space
            } else {
                Joint::Punct
            }
        }

        fn push_word(
            &mut self,
            written: &str,
            start: usize,
            core_end: usize,
            end: usize,
            joint: Joint,
            gap: &str,
        ) {
            match joint {
                Joint::Barrier if !self.words.is_empty() => self.norm.push(char::from(BARRIER)),
                Joint::Barrier => {}
                Joint::Space | Joint::Inner => self.norm.push(' '),
                Joint::Punct => self.norm.extend(
                    gap.chars()
                        .filter(|c| !c.is_whitespace() && *c != '_')
                        .map(fold_char),
                ),
            }
            let written = match written.strip_suffix('s') {
                Some(head) if head.chars().count() >= 2 && is_capitals(head) => head,
                _ => written,
            };
            let norm_start = self.norm.len();
            if written.is_ascii() {
                self.norm.push_str(written);
                self.norm[norm_start..].make_ascii_lowercase();
            } else {
                self.norm.extend(written.chars().map(fold_char));
            }
            let stemmed = stem(&self.norm[norm_start..]);
            self.norm.truncate(norm_start);
            self.norm.push_str(&stemmed);
            self.words.push(Word {
                start,
                core_end,
                end,
                joint,
                norm_start,
                norm_end: self.norm.len(),
            });
        }
    }

    /// Where the run of word characters (`word`) or of other characters that
    /// starts at byte `i` of `s` ends.
    fn end_of_run(s: &str, mut i: usize, word: bool) -> usize {
        while let Some((c, len)) = char_at(s, i) {
            if is_word_char(c) != word {
                break;
            }
            i += len;
        }
        i
    }

    fn word_tuples(words: &[Word]) -> Vec<(usize, usize, usize, Joint, usize, usize)> {
        words
            .iter()
            .map(|w| {
                (
                    w.start,
                    w.core_end,
                    w.end,
                    w.joint,
                    w.norm_start,
                    w.norm_end,
                )
            })
            .collect()
    }

    #[test]
    fn the_byte_table_reading_agrees_with_the_reference_on_generated_texts() {
        // Pieces that meet at every kind of edge the reading tells apart:
        // case and humps, digits, underscores, quotes and possessives,
        // hyphens and other punctuation, whitespace of every kind, letters
        // beyond ASCII (some that fold, some that are no letters), and
        // words that stem.
        let pieces = [
            "kanban",
            "Kanban",
            "KANBAN",
            "KanBan",
            "APIs",
            "PMs",
            "CRI",
            "s",
            "S",
            "'",
            "\u{2019}",
            "'s",
            "s'",
            "_",
            " ",
            "\t",
            "\n",
            "\u{b}",
            "\u{a0}",
            "-",
            "\u{2010}",
            "/",
            ",",
            ".",
            "(",
            ")",
            "2",
            "x9",
            "é",
            "É",
            "ß",
            "İ",
            "ς",
            "Σ",
            "日本",
            "\u{301}",
            "—",
            "policies",
            "boxes",
            "caches",
            "status",
            "classes",
            "StorageClass",
            "APIServer",
            "iPhone",
            "ǅ",
            "\u{1}",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..30_000 {
            let text: String = (0..1 + next(10))
                .map(|_| pieces[next(pieces.len())])
                .collect();
            // One to three ranges at character boundaries, joined or not.
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut cuts: Vec<usize> = (0..next(3)).map(|_| bounds[next(bounds.len())]).collect();
            cuts.push(0);
            cuts.push(text.len());
            cuts.sort_unstable();
            cuts.dedup();
            let prose: Vec<ProseRange> = cuts
                .windows(2)
                .map(|w| ProseRange {
                    range: TextRange::new(w[0], w[1]),
                    joins_previous: next(2) == 0,
                })
                .collect();
            let read = Words::read(&text, &prose);
            let (norm, words) = reference_read(&text, &prose);
            assert_eq!(read.norm, norm, "{text:?} {prose:?}");
            assert_eq!(
                word_tuples(&read.words),
                word_tuples(&words),
                "{text:?} {prose:?}"
            );
            for (k, w) in read.words.iter().enumerate() {
                assert_eq!(read.word_starting_at(w.norm_start), Some(k), "{text:?}");
                assert_eq!(
                    last_word_ending_at(&read, k, w.norm_end),
                    Some(k),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn the_quick_yes_is_never_wrong_on_generated_texts() {
        // A fixed pseudo-random walk over pieces that meet at every kind of
        // edge: case, humps, underscores, apostrophes, digits, URLs, ranges.
        let pieces = [
            "kanban",
            "Kanban",
            "KANBAN",
            "KanBan",
            "board",
            "Board",
            "s",
            "S",
            "'",
            "\u{2019}",
            "_",
            " ",
            "-",
            "  ",
            "2",
            "x",
            "é",
            "https://k.io/kanban",
            "www.kanban.io",
            ".",
            "(",
            ")",
            "\n\n",
            "ab",
            "Ab",
            "'s_",
            "'_",
            "s'_",
        ];
        let names = [
            "Kanban",
            "kanban",
            "KANBAN",
            "Kanban Board",
            "kanban-board",
            "KanBan",
            "s board",
            "Kanban 2",
            "ab ab",
            "Ab",
            "board s",
            "2",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut quick_yes = 0;
        for _ in 0..20_000 {
            let text: String = (0..1 + next(8))
                .map(|_| pieces[next(pieces.len())])
                .collect();
            let name = names[next(names.len())];
            // Sometimes two ranges, cut at a character boundary.
            let mut prose = crate::prose::plain(&text, TextRange::new(0, text.len()));
            if next(3) == 0 {
                let cut = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .nth(next(text.chars().count() + 1))
                    .unwrap_or(0);
                prose = vec![
                    ProseRange {
                        range: TextRange::new(0, cut),
                        joins_previous: false,
                    },
                    ProseRange {
                        range: TextRange::new(cut, text.len()),
                        joins_previous: next(2) == 0,
                    },
                ];
            }
            if names_literally(&text, &prose, &[name]) {
                quick_yes += 1;
                assert!(
                    names_by_words(&text, &prose, &[name]),
                    "{text:?} {name:?} {prose:?}"
                );
            }
        }
        // The walk does reach the quick path, often.
        assert!(quick_yes > 500, "{quick_yes}");
    }
    #[test]
    fn hump_parts_keep_their_core_and_possessive() {
        // The last part of a CamelCase word ends after its possessive.
        let text = "StorageClass's x";
        assert_eq!(spans(text, &all(text)).0, vec![(0, 7), (7, 14), (15, 16)]);
        // Each part's core is where it is written: the joined form of a
        // CamelCase name is read from the parts' cores.
        assert_eq!(
            normal_name("StorageClass")
                .and_then(|n| n.joined)
                .as_deref(),
            Some("storageclass")
        );
    }

    #[test]
    fn implicit_names_are_listed_once() {
        assert_eq!(
            implicit_names("Kanban (Kanban)"),
            ["Kanban (Kanban)", "Kanban"]
        );
        assert_eq!(implicit_names("Kanban (--)"), ["Kanban (--)", "Kanban"]);
    }

    #[test]
    fn written_like_keeps_case_and_number_of_what_was_written() {
        // A singular written for a plural name is no plural.
        assert_eq!(written_like("team", "teams", "Squad"), "squad");
        // A plural written as one word is a plural (its last word is the
        // whole word); a singular so written is none.
        for (written, want) in [
            ("oauthapps", "OAuth clients"),
            ("OAuthApps", "OAuth Clients"),
            ("oauth-apps", "OAuth clients"),
            ("oauthapp", "OAuth client"),
            ("OAuthApp", "OAuth Client"),
        ] {
            assert_eq!(
                written_like(written, "OAuth App", "OAuth Client"),
                want,
                "{written}"
            );
        }
        // One capital letter is no abbreviation in capitals.
        assert_eq!(written_like("X", "x", "why"), "Why");
        // Written in lower case: title-case words of the name go to lower
        // case; a one-letter word and an abbreviation keep their capitals.
        assert_eq!(written_like("plan b", "plan b", "Plan A"), "plan A");
        assert_eq!(
            written_like("kubernetes api", "kubernetes api", "Kubernetes API"),
            "kubernetes API"
        );
        // Sentence case: the name's later words in lower case too, but for
        // abbreviations and CamelCase; Title Case kept.
        assert_eq!(
            written_like("Feature toggles", "feature toggle", "Feature Flag"),
            "Feature flags"
        );
        assert_eq!(
            written_like("Feature-toggle", "feature toggle", "Feature Flag"),
            "Feature flag"
        );
        assert_eq!(
            written_like("Feature Toggles", "feature toggle", "Feature Flag"),
            "Feature Flags"
        );
        assert_eq!(
            written_like("OAuth apps", "oauth app", "OAuth Client"),
            "OAuth clients"
        );
        assert_eq!(
            written_like("Old toggle", "old toggle", "Feature API Flag"),
            "Feature API flag"
        );
        // A name "X (Y)" is written as X, or as its abbreviation Y where one
        // in capitals was written.
        assert_eq!(
            written_like("merge requests", "merge request", "Pull Request (PR)"),
            "pull requests"
        );
        assert_eq!(
            written_like("Merge requests", "merge request", "Pull Request (PR)"),
            "Pull requests"
        );
        assert_eq!(written_like("MRs", "MR", "Pull Request (PR)"), "PRs");
        assert_eq!(written_like("MR's", "MR", "Pull Request (PR)"), "PR's");
        assert_eq!(
            written_like("MRs", "MR", "Pull Request (pull)"),
            "Pull Requests"
        );
        assert_eq!(written_like("Tills", "till", "Checkout (POS)"), "Checkouts");
    }

    #[test]
    fn plurals_of_names() {
        for (name, plural) in [
            ("policy", "policies"),
            ("Day", "Days"),
            ("desk", "desks"),
            ("box", "boxes"),
            ("PRD", "PRDs"),
            ("CSS", "CSSs"),
            ("SPY", "SPYs"),
            ("Product Spec", "Product Specs"),
        ] {
            assert_eq!(pluralize(name), plural, "{name}");
        }
    }
}
